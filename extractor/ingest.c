/* PLACEHOLDER: ingest is being written. */
#include "dkg/ingest.h"
int dkg_ingest_path(const char *path, const dkg_ingest_options *opts, dkg_document_cb on_doc,
		    dkg_diag_cb on_diag, void *payload)
{
	(void)path; (void)opts; (void)on_doc; (void)on_diag; (void)payload;
	return DKG_EUNSUPPORTED;
}
int dkg_ingest_buffer(const char *name, const char *data, size_t len,
		      const dkg_ingest_options *opts, dkg_document_cb on_doc, dkg_diag_cb on_diag,
		      void *payload)
{
	(void)name; (void)data; (void)len; (void)opts; (void)on_doc; (void)on_diag; (void)payload;
	return DKG_EUNSUPPORTED;
}
int dkg_input_format_from_name(dkg_input_format *out, const char *name)
{
	(void)out; (void)name;
	return DKG_EUNSUPPORTED;
}
