/*
 * dkg/extract.h - turning a document into coded events.
 */
#ifndef DKG_EXTRACT_H
#define DKG_EXTRACT_H

#include "common.h"
#include "document.h"
#include "event.h"
#include "lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dkg_extractor dkg_extractor;
typedef struct dkg_result dkg_result;

typedef struct dkg_extract_options {
	unsigned version;
	size_t max_sentence_bytes;      /* longer sentences are cut (warning) */
	size_t max_tokens;              /* tokens kept per sentence */
	size_t max_events_per_sentence; /* events kept per sentence */
	const char *default_date;       /* anchor for relative dates when the document has none */
} dkg_extract_options;

#define DKG_EXTRACT_OPTIONS_VERSION 1
#define DKG_EXTRACT_OPTIONS_INIT                                                                   \
	{                                                                                          \
		DKG_EXTRACT_OPTIONS_VERSION, 4096, 512, 8, NULL                                    \
	}

/**
 * Creates an extractor over `lex` (borrowed: it must outlive the
 * extractor). An extractor is not thread-safe; create one per thread, all
 * sharing one lexicon.
 */
int dkg_extractor_new(dkg_extractor **out, const dkg_lexicon *lex, const dkg_extract_options *opts);

/** Frees an extractor; NULL is a no-op. */
void dkg_extractor_free(dkg_extractor *ex);

/**
 * Extracts the events of `doc` into a new result in `*out` (free it with
 * dkg_result_free()). The result borrows `doc` and the lexicon.
 */
int dkg_extract(dkg_result **out, dkg_extractor *ex, const dkg_document *doc);

/** Number of events in a result. */
size_t dkg_result_count(const dkg_result *res);

/** The i-th event (in document order), owned by the result. */
const dkg_event *dkg_result_event(const dkg_result *res, size_t i);

/** Number of sentences the document was split into. */
size_t dkg_result_sentences(const dkg_result *res);

/** How many sentences were cut and events dropped by the extractor's limits
 * (max_sentence_bytes, max_tokens, max_events_per_sentence) in this result;
 * callers report a non-zero count as a warning. */
size_t dkg_result_truncations(const dkg_result *res);

/** Frees a result and every event in it; NULL is a no-op. */
void dkg_result_free(dkg_result *res);

#ifdef __cplusplus
}
#endif
#endif
