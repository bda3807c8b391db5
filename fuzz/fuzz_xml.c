/*
 * fuzz_xml.c - XML through format detection, the NITF reader and the feed
 * reader (RSS 2.0, RSS 1.0, Atom), then extraction and the writer.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest("fuzz.xml", data, size, DKG_INPUT_AUTO);
	fuzz_ingest("fuzz.xml", data, size, DKG_INPUT_NITF);
	fuzz_ingest("fuzz.xml", data, size, DKG_INPUT_FEED);
	return 0;
}
