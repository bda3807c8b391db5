/*
 * progress.h - the progress line on stderr (documents, MB/s, events, time
 * left), shown only on a terminal or when asked, at most a few times a second.
 */
#ifndef DKG_CLI_PROGRESS_H
#define DKG_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct dkg_progress {
	int enabled;
	unsigned long long total_bytes; /* size of the inputs on disk (0: unknown) */
	struct timespec start, last;
	int shown;
} dkg_progress;

/* Sums the sizes of the input files (folders recursively) for the time left. */
void dkg_progress_init(dkg_progress *p, int enabled, const char *const *inputs, size_t n);
void dkg_progress_update(dkg_progress *p, size_t docs, unsigned long long bytes, size_t events,
                         const char *current);
/* Clears the line. */
void dkg_progress_finish(dkg_progress *p);

#endif
