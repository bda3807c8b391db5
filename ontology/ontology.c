/*
 * ontology.c - lookups in the CAMEO term table generated from
 * ontology/diplomacy.ttl at build time (ontology/tools/gen_terms.c).
 */
#include <string.h>

#include "dkg/ontology.h"

extern const dkg_cameo dkg_cameo_table[];
extern const size_t dkg_cameo_table_len;
extern const char dkg_ontology_ttl[];

const dkg_cameo *dkg_cameo_lookup(const char *code)
{
	size_t lo = 0, hi = dkg_cameo_table_len;
	if (!code)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, dkg_cameo_table[mid].code);
		if (c == 0)
			return &dkg_cameo_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t dkg_cameo_count(void)
{
	return dkg_cameo_table_len;
}

const dkg_cameo *dkg_cameo_at(size_t i)
{
	return i < dkg_cameo_table_len ? &dkg_cameo_table[i] : NULL;
}

const char *dkg_ontology_turtle(void)
{
	return dkg_ontology_ttl;
}
