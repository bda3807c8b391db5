/*
 * error.c - status strings and the error report (dkg/common.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dkg/common.h"

const char *dkg_strerror(int code)
{
	switch (code) {
	case DKG_OK:
		return "success";
	case DKG_ENOMEM:
		return "out of memory";
	case DKG_EIO:
		return "input/output error";
	case DKG_EPARSE:
		return "malformed input";
	case DKG_EINVAL:
		return "invalid argument";
	case DKG_ELIMIT:
		return "limit exceeded";
	case DKG_EUNSUPPORTED:
		return "not supported";
	case DKG_ENOTFOUND:
		return "not found";
	case DKG_ESTOP:
		return "stopped";
	default:
		return "unknown error";
	}
}

int dkg_error_set(dkg_error *err, int code, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->column = 0;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	/* keep the report on one line */
	for (char *p = err->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

void dkg_error_clear(dkg_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}
