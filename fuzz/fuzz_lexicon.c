/*
 * fuzz_lexicon.c - arbitrary bytes as a lexicon file; when they load, a
 * fixed sentence is extracted with the lexicon so its entries are used.
 */
#include "fuzz_common.h"

static const char sample[] =
    "Russia threatened Ukraine on Monday. President Dmitry Medvedev said Moscow would "
    "deploy missiles in Kaliningrad. The U.S. and China held talks in Geneva.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dkg_lexicon *lex = NULL;
	dkg_extractor *ex = NULL;
	dkg_extract_options xo = DKG_EXTRACT_OPTIONS_INIT;
	dkg_error err;
	dkg_error_clear(&err);
	if (dkg_lexicon_new(&lex) < 0)
		return 0;
	if (dkg_lexicon_load_buffer(lex, "fuzz.tsv", (const char *)data, size, &err) < 0) {
		if (!err.message[0] || strchr(err.message, '\n') || err.code >= 0)
			abort(); /* a failed load must say why, on one line */
		goto done;
	}
	(void)dkg_lexicon_size(lex);
	if (dkg_extractor_new(&ex, lex, &xo) == 0) {
		dkg_document *doc = dkg_document_new();
		if (doc && dkg_document_set(&doc->text, sample, sizeof sample - 1) == 0 &&
		    dkg_document_set(&doc->id, "fuzz", (size_t)-1) == 0 &&
		    dkg_document_set(&doc->date, "2008-11-14", (size_t)-1) == 0) {
			dkg_result *res = NULL;
			doc->text_len = sizeof sample - 1;
			if (dkg_extract(&res, ex, doc) == 0) {
				dkg_writer_options wo = DKG_WRITER_OPTIONS_INIT;
				dkg_writer *w = NULL;
				size_t total = 0;
				wo.format = DKG_RDF_NTRIPLES;
				if (dkg_writer_new(&w, &wo, fuzz_discard, &total) == 0) {
					dkg_writer_document(w, doc, res);
					dkg_writer_finish(w);
					dkg_writer_free(w);
				}
				dkg_result_free(res);
			}
		}
		dkg_document_free(doc);
		dkg_extractor_free(ex);
	}
done:
	dkg_lexicon_free(lex);
	return 0;
}
