/*
 * dkg/query.h - SPARQL over dkg output through Redland (indexed store) and
 * Rasqal.
 */
#ifndef DKG_QUERY_H
#define DKG_QUERY_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	DKG_RESULTS_TABLE = 0,
	DKG_RESULTS_CSV,
	DKG_RESULTS_TSV,
	DKG_RESULTS_JSON
} dkg_results_format;

typedef struct dkg_query_options {
	unsigned version;
	dkg_results_format format;
	const char *store; /* path of a persistent store (dkg load), or NULL for in-memory */
} dkg_query_options;

#define DKG_QUERY_OPTIONS_VERSION 1
#define DKG_QUERY_OPTIONS_INIT { DKG_QUERY_OPTIONS_VERSION, DKG_RESULTS_TABLE, NULL }

/**
 * Loads `ndata` RDF files (syntax guessed from the extension) into an
 * indexed store, runs `sparql` and prints the results to `out`.
 */
int dkg_query_files(const char *const *data, size_t ndata, const char *sparql,
		    const dkg_query_options *opts, FILE *out, dkg_error *err);

#ifdef __cplusplus
}
#endif
#endif
