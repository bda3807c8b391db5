/* PLACEHOLDER: lexicon and extraction are being written. */
#include "dkg/extract.h"
int dkg_lexicon_new(dkg_lexicon **out) { *out = NULL; return DKG_EUNSUPPORTED; }
int dkg_lexicon_load_default(dkg_lexicon *lex, dkg_error *err) { (void)lex; (void)err; return DKG_EUNSUPPORTED; }
int dkg_lexicon_load_file(dkg_lexicon *lex, const char *path, dkg_error *err) { (void)lex; (void)path; (void)err; return DKG_EUNSUPPORTED; }
int dkg_lexicon_load_buffer(dkg_lexicon *lex, const char *name, const char *data, size_t len, dkg_error *err) { (void)lex; (void)name; (void)data; (void)len; (void)err; return DKG_EUNSUPPORTED; }
size_t dkg_lexicon_size(const dkg_lexicon *lex) { (void)lex; return 0; }
void dkg_lexicon_free(dkg_lexicon *lex) { (void)lex; }
int dkg_extractor_new(dkg_extractor **out, const dkg_lexicon *lex, const dkg_extract_options *opts) { (void)lex; (void)opts; *out = NULL; return DKG_EUNSUPPORTED; }
void dkg_extractor_free(dkg_extractor *ex) { (void)ex; }
int dkg_extract(dkg_result **out, dkg_extractor *ex, const dkg_document *doc) { (void)ex; (void)doc; *out = NULL; return DKG_EUNSUPPORTED; }
