/*
 * dkg/lexicon.h - the dictionary of actors, places and event triggers the
 * extractor matches. The format is documented in extractor/lexicon/FORMAT.md.
 */
#ifndef DKG_LEXICON_H
#define DKG_LEXICON_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dkg_lexicon dkg_lexicon;

/** Creates an empty lexicon in `*out`; free with dkg_lexicon_free(). */
int dkg_lexicon_new(dkg_lexicon **out);

/** Adds the lexicon compiled into the library (countries, organisations,
 * people, places, event triggers). */
int dkg_lexicon_load_default(dkg_lexicon *lex, dkg_error *err);

/** Adds the entries of a lexicon file; a bad line fails with file and line. */
int dkg_lexicon_load_file(dkg_lexicon *lex, const char *path, dkg_error *err);

/** Adds the entries of a lexicon held in memory; `name` names it in errors. */
int dkg_lexicon_load_buffer(dkg_lexicon *lex, const char *name, const char *data, size_t len,
                            dkg_error *err);

/** Number of surface forms the lexicon matches. */
size_t dkg_lexicon_size(const dkg_lexicon *lex);

/** Frees the lexicon; NULL is a no-op. Extractors using it must be freed first. */
void dkg_lexicon_free(dkg_lexicon *lex);

#ifdef __cplusplus
}
#endif
#endif
