/*
 * fuzz_jsonl.c - JSON Lines through the JSONL reader, extraction and the writer.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest("fuzz.jsonl", data, size, DKG_INPUT_JSONL);
	return 0;
}
