/*
 * fuzz_text.c - plain text through the text reader (and once more with the
 * format left to detection), extraction and the N-Triples writer.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest("fuzz.txt", data, size, DKG_INPUT_TEXT);
	fuzz_ingest("fuzz", data, size, DKG_INPUT_AUTO);
	return 0;
}
