/*
 * dkg/common.h - version, error codes and the error report shared by the
 * whole library.
 */
#ifndef DKG_COMMON_H
#define DKG_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DKG_VERSION_MAJOR 0
#define DKG_VERSION_MINOR 1
#define DKG_VERSION_PATCH 0
#define DKG_VERSION       "0.1.0"

/** Return codes: 0 is success, every failure is negative. */
typedef enum {
	DKG_OK = 0,
	DKG_ENOMEM = -1,       /* allocation failed */
	DKG_EIO = -2,          /* reading or writing failed */
	DKG_EPARSE = -3,       /* malformed input */
	DKG_EINVAL = -4,       /* invalid argument or option */
	DKG_ELIMIT = -5,       /* a configured limit was hit */
	DKG_EUNSUPPORTED = -6, /* format or feature not supported */
	DKG_ENOTFOUND = -7,    /* file, term or entry not found */
	DKG_ESTOP = -8         /* a callback asked to stop */
} dkg_status;

/**
 * An error report filled by fallible calls that read input. `file` and
 * `line` locate the cause (line 0: unknown); `message` is one line that does
 * not repeat the file name.
 */
typedef struct dkg_error {
	int code;
	long line;
	long column;
	char file[512];
	char message[512];
} dkg_error;

/** Returns a static English description of a `dkg_status` code. */
const char *dkg_strerror(int code);

/**
 * Fills `err` (which may be NULL) with a code, location and printf-style
 * message; returns `code` so callers can `return dkg_error_set(...)`.
 */
int dkg_error_set(dkg_error *err, int code, const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/** Clears an error report. */
void dkg_error_clear(dkg_error *err);

/**
 * Replaces the allocator used by the whole library (for out-of-memory
 * testing). Pass NULLs to restore malloc/realloc/free.
 */
void dkg_set_allocator(void *(*malloc_fn)(size_t), void *(*realloc_fn)(void *, size_t),
                       void (*free_fn)(void *));

#ifdef __cplusplus
}
#endif
#endif
