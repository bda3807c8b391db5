/* PLACEHOLDER: SPARQL is being written. */
#include "dkg/query.h"
int dkg_query_files(const char *const *data, size_t ndata, const char *sparql,
		    const dkg_query_options *opts, FILE *out, dkg_error *err)
{
	(void)data; (void)ndata; (void)sparql; (void)opts; (void)out;
	return dkg_error_set(err, DKG_EUNSUPPORTED, NULL, 0, "not yet implemented");
}
