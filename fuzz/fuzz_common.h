/*
 * fuzz_common.h - shared by the libFuzzer targets: one default lexicon and
 * extractor per process (as `dkg extract` has), and a document callback that
 * extracts each document and serializes it into a discarding writer.
 */
#ifndef DKG_FUZZ_COMMON_H
#define DKG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/dkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Documents read through the ingest readers are capped lower than the CLI's
 * default so that every run stays fast; the cap itself is exercised too. */
#define FUZZ_MAX_DOC (1u << 20)

static inline int fuzz_discard(const char *data, size_t len, void *payload)
{
	size_t *total = payload;
	(void)data;
	*total += len;
	return 0;
}

/* The default lexicon and an extractor over it, built on first use and
 * kept for the life of the process (reachable, so LeakSanitizer is quiet). */
static inline dkg_extractor *fuzz_extractor(void)
{
	static dkg_lexicon *lex;
	static dkg_extractor *ex;
	if (!ex) {
		dkg_extract_options xo = DKG_EXTRACT_OPTIONS_INIT;
		dkg_error err;
		dkg_error_clear(&err);
		if (dkg_lexicon_new(&lex) < 0 || dkg_lexicon_load_default(lex, &err) < 0 ||
		    dkg_extractor_new(&ex, lex, &xo) < 0) {
			fprintf(stderr, "fuzz: cannot set up the default lexicon: %s\n",
			        err.message);
			abort();
		}
	}
	return ex;
}

/* Extracts a document and writes it as `format` to a discarding sink. A
 * failure is fine (bad input); a crash, leak or sanitizer report is not. */
static inline void fuzz_extract_and_write(const dkg_document *doc, dkg_rdf_format format)
{
	dkg_writer_options wo = DKG_WRITER_OPTIONS_INIT;
	dkg_writer *w = NULL;
	dkg_result *res = NULL;
	size_t total = 0;
	if (dkg_extract(&res, fuzz_extractor(), doc) < 0)
		return;
	wo.format = format;
	if (dkg_writer_new(&w, &wo, fuzz_discard, &total) == 0) {
		if (dkg_writer_document(w, doc, res) == 0)
			dkg_writer_finish(w);
		dkg_writer_free(w);
	}
	dkg_result_free(res);
}

static inline int fuzz_on_doc(dkg_document *doc, void *payload)
{
	(void)payload;
	fuzz_extract_and_write(doc, DKG_RDF_NTRIPLES);
	dkg_document_free(doc);
	return 0;
}

/* A diagnostic must always carry a one-line message. */
static inline void fuzz_on_diag(const dkg_error *err, void *payload)
{
	(void)payload;
	if (!err->message[0] || strchr(err->message, '\n')) {
		fprintf(stderr, "fuzz: diagnostic without a one-line message: '%s'\n",
		        err->message);
		abort();
	}
}

/* Reads `data` as `format` under `name` through the whole pipeline. */
static inline void fuzz_ingest(const char *name, const uint8_t *data, size_t size,
                               dkg_input_format format)
{
	dkg_ingest_options io = DKG_INGEST_OPTIONS_INIT;
	io.format = format;
	io.max_document_size = FUZZ_MAX_DOC;
	dkg_ingest_buffer(name, (const char *)data, size, &io, fuzz_on_doc, fuzz_on_diag, NULL);
}

#endif
