/*
 * progress.c - the progress line of long runs.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

#include "progress.h"

static unsigned long long walk_total;

static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode))
		walk_total += (unsigned long long)st->st_size;
	return 0;
}

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void dkg_progress_init(dkg_progress *p, int enabled, const char *const *inputs, size_t n)
{
	size_t i;
	p->enabled = enabled;
	p->total_bytes = 0;
	p->shown = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	if (!enabled)
		return;
	walk_total = 0;
	for (i = 0; i < n; i++) {
		struct stat st;
		if (stat(inputs[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			nftw(inputs[i], add_size, 16, FTW_PHYS);
		else if (S_ISREG(st.st_mode))
			walk_total += (unsigned long long)st.st_size;
	}
	p->total_bytes = walk_total;
}

void dkg_progress_update(dkg_progress *p, size_t docs, unsigned long long bytes, size_t events,
                         const char *current)
{
	struct timespec now;
	double el, rate;
	(void)current;
	if (!p->enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->last, &now) < 0.25)
		return;
	p->last = now;
	el = since(&p->start, &now);
	rate = el > 0 ? (double)bytes / el : 0;
	fprintf(stderr, "\r\033[K%zu documents, %.1f MB/s, %zu events, %.0f s", docs, rate / 1e6,
	        events, el);
	if (p->total_bytes > bytes && rate > 0)
		fprintf(stderr, ", about %.0f s left", (double)(p->total_bytes - bytes) / rate);
	fflush(stderr);
	p->shown = 1;
}

void dkg_progress_finish(dkg_progress *p)
{
	if (p->enabled && p->shown) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
}
