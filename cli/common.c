/*
 * common.c - helpers shared by the subcommands: messages, atomic output
 * files, whole-file reads.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

void dkg_cli_errorf(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", dkg_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void dkg_cli_diag(const dkg_error *err)
{
	const char *kind = err->code < 0 ? "error" : "warning";
	if (err->file[0] && err->line > 0)
		fprintf(stderr, "%s:%ld: %s: %s\n", err->file, err->line, kind, err->message);
	else if (err->file[0])
		fprintf(stderr, "%s: %s: %s\n", err->file, kind, err->message);
	else
		fprintf(stderr, "%s: %s: %s\n", dkg_progname, kind, err->message);
}

int dkg_output_open(dkg_output *out, const char *path)
{
	int fd;
	memset(out, 0, sizeof *out);
	if (!path || !strcmp(path, "-")) {
		out->fp = stdout;
		return 0;
	}
	{
		/* a device, FIFO or other special file (/dev/null, /dev/full, a pipe)
		 * is written in place: renaming over it would replace it */
		struct stat st;
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			out->fp = fopen(path, "w");
			if (!out->fp) {
				dkg_cli_errorf("cannot open %s: %s", path, strerror(errno));
				return -1;
			}
			out->special = 1;
			out->path = strdup(path); /* for messages; never renamed */
			return 0;
		}
	}
	out->path = strdup(path);
	out->tmp_path = malloc(strlen(path) + 16);
	if (!out->path || !out->tmp_path) {
		dkg_cli_errorf("out of memory");
		dkg_output_abort(out);
		return -1;
	}
	sprintf(out->tmp_path, "%s.tmp.XXXXXX", path);
	fd = mkstemp(out->tmp_path);
	if (fd < 0) {
		dkg_cli_errorf("cannot create %s: %s; check that the folder exists and is writable",
		               out->tmp_path, strerror(errno));
		free(out->tmp_path);
		out->tmp_path = NULL;
		dkg_output_abort(out);
		return -1;
	}
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		close(fd);
		dkg_output_abort(out);
		return -1;
	}
	return 0;
}

int dkg_output_write(const char *data, size_t len, void *payload)
{
	dkg_output *out = payload;
	if (out->failed)
		return -1;
	if (len && fwrite(data, 1, len, out->fp) != len) {
		out->failed = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

int dkg_output_commit(dkg_output *out)
{
	const char *name = out->path ? out->path : "standard output";
	if (fflush(out->fp) != 0 && !out->failed)
		out->failed = errno ? errno : EIO;
	if (out->failed) {
		dkg_cli_errorf("cannot write %s: %s", name, strerror(out->failed));
		dkg_output_abort(out);
		return -1;
	}
	if (out->special) {
		int rc = fclose(out->fp);
		out->fp = NULL;
		if (rc != 0)
			dkg_cli_errorf("cannot write %s: %s", name, strerror(errno));
		free(out->path);
		out->path = NULL;
		out->special = 0;
		return rc != 0 ? -1 : 0;
	}
	if (!out->path)
		return 0;
	if (fsync(fileno(out->fp)) != 0 && errno != EINVAL) {
		dkg_cli_errorf("cannot write %s: %s", name, strerror(errno));
		dkg_output_abort(out);
		return -1;
	}
	if (fclose(out->fp) != 0) {
		out->fp = NULL;
		dkg_cli_errorf("cannot write %s: %s", name, strerror(errno));
		dkg_output_abort(out);
		return -1;
	}
	out->fp = NULL;
	if (rename(out->tmp_path, out->path) != 0) {
		dkg_cli_errorf("cannot rename %s to %s: %s", out->tmp_path, out->path,
		               strerror(errno));
		dkg_output_abort(out);
		return -1;
	}
	free(out->tmp_path);
	free(out->path);
	out->tmp_path = out->path = NULL;
	return 0;
}

void dkg_output_abort(dkg_output *out)
{
	if (out->fp && out->fp != stdout)
		fclose(out->fp);
	out->special = 0;
	out->fp = NULL;
	if (out->tmp_path)
		unlink(out->tmp_path);
	free(out->tmp_path);
	free(out->path);
	out->tmp_path = out->path = NULL;
}

char *dkg_cli_read_file(const char *path, size_t *len)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *data = NULL, *p;
	size_t cap = 0, n = 0, got;
	if (!fp)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			p = realloc(data, cap + 1);
			if (!p) {
				free(data);
				data = NULL;
				break;
			}
			data = p;
		}
		got = fread(data + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (data && ferror(fp)) {
		free(data);
		data = NULL;
	}
	if (fp != stdin)
		fclose(fp);
	if (data) {
		data[n] = '\0';
		if (len)
			*len = n;
	}
	return data;
}
