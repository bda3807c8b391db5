/*
 * fuzz_extract.c - arbitrary bytes as a document's text straight into the
 * extractor (no ingest repair: invalid UTF-8 and NUL bytes reach it), then
 * the N-Triples and Turtle writers. The first byte picks the metadata.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dkg_document *doc;
	unsigned flags = size ? data[0] : 0;
	if (size) {
		data++;
		size--;
	}
	doc = dkg_document_new();
	if (!doc)
		return 0;
	if (dkg_document_set(&doc->id, "fuzz", (size_t)-1) < 0 ||
	    dkg_document_set(&doc->text, (const char *)data, size) < 0)
		goto done;
	doc->text_len = size;
	if ((flags & 1) && dkg_document_set(&doc->date, "2008-11-14", (size_t)-1) < 0)
		goto done;
	if ((flags & 2) && dkg_document_set(&doc->title, "Fuzz > \"title\" <x>", (size_t)-1) < 0)
		goto done;
	if ((flags & 4) && dkg_document_set(&doc->dateline, "NICE, France", (size_t)-1) < 0)
		goto done;
	if ((flags & 8) && dkg_document_set(&doc->url, "http://example.org/a b>c", (size_t)-1) < 0)
		goto done;
	fuzz_extract_and_write(doc, DKG_RDF_NTRIPLES);
	if (flags & 16)
		fuzz_extract_and_write(doc, DKG_RDF_TURTLE);
done:
	dkg_document_free(doc);
	return 0;
}
