/* PLACEHOLDER: the RDF writer is being written. */
#include "dkg/graph.h"
int dkg_rdf_format_from_name(dkg_rdf_format *out, const char *name)
{
	(void)out; (void)name;
	return DKG_EUNSUPPORTED;
}
int dkg_writer_new(dkg_writer **out, const dkg_writer_options *opts, dkg_write_fn write,
		   void *payload)
{
	(void)out; (void)opts; (void)write; (void)payload;
	return DKG_EUNSUPPORTED;
}
int dkg_writer_document(dkg_writer *w, const dkg_document *doc, const dkg_result *res)
{
	(void)w; (void)doc; (void)res;
	return DKG_EUNSUPPORTED;
}
unsigned long long dkg_writer_triples(const dkg_writer *w)
{
	(void)w;
	return 0;
}
int dkg_writer_finish(dkg_writer *w)
{
	(void)w;
	return DKG_EUNSUPPORTED;
}
void dkg_writer_free(dkg_writer *w)
{
	(void)w;
}
