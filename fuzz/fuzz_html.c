/*
 * fuzz_html.c - HTML pages through the HTML reader, extraction and the writer.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest("fuzz.html", data, size, DKG_INPUT_HTML);
	return 0;
}
