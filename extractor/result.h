/*
 * result.h - internal layout of dkg_result, so the extractor can fill one and
 * the graph writer and tests can build one by hand.
 */
#ifndef DKG_RESULT_H
#define DKG_RESULT_H

#include "dkg/extract.h"
#include "util.h"

struct dkg_result {
	dkg_arena arena; /* strings and actors minted for this document */
	dkg_event *events;
	size_t nevents, cap;
	size_t nsentences;
	size_t truncations; /* sentences cut and events dropped by the limits */
	const dkg_document *doc;
};

/* Creates an empty result for `doc` (borrowed). */
int dkg_result_new(dkg_result **out, const dkg_document *doc);

/* Appends a zeroed event (retracts = -1, confidence = 0) and returns it, or NULL on oom.
 * The pointer is valid until the next dkg_result_add. */
dkg_event *dkg_result_add(dkg_result *res);

/* Copies `n` bytes of `s` into the result's arena (NUL-terminated); NULL on oom. */
char *dkg_result_strndup(dkg_result *res, const char *s, size_t n);

/* Allocates `n` zeroed bytes in the result's arena; NULL on oom. */
void *dkg_result_alloc(dkg_result *res, size_t n);

#endif
