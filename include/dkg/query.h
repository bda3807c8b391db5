/*
 * dkg/query.h - SPARQL 1.1 over dkg output: RDF files in an indexed Redland
 * store (in memory, or on disk for `dkg load`), queried through Rasqal.
 */
#ifndef DKG_QUERY_H
#define DKG_QUERY_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	DKG_RESULTS_TABLE = 0, /* aligned columns for people; graphs as Turtle */
	DKG_RESULTS_CSV,       /* SPARQL 1.1 Query Results CSV (RFC 4180, CRLF) */
	DKG_RESULTS_TSV,       /* SPARQL 1.1 Query Results TSV (terms in Turtle syntax) */
	DKG_RESULTS_JSON,      /* SPARQL 1.1 Query Results JSON */
	DKG_RESULTS_TURTLE,    /* CONSTRUCT / DESCRIBE only */
	DKG_RESULTS_NTRIPLES   /* CONSTRUCT / DESCRIBE only (also their csv/tsv/json) */
} dkg_results_format;

/** Parses "table", "csv", "tsv", "json", "turtle"/"ttl", "ntriples"/"nt". */
int dkg_results_format_from_name(dkg_results_format *out, const char *name);

typedef struct dkg_query_options {
	unsigned version;
	dkg_results_format format;
	const char *store; /* path of a persistent store (dkg load), or NULL for in-memory */
	const char *name;  /* names the query in errors ("query.rq"); NULL: "query" */
} dkg_query_options;

#define DKG_QUERY_OPTIONS_VERSION 1
#define DKG_QUERY_OPTIONS_INIT                                                                     \
	{                                                                                          \
		DKG_QUERY_OPTIONS_VERSION, DKG_RESULTS_TABLE, NULL, NULL                           \
	}

/**
 * Loads `ndata` RDF files (syntax from the extension: .ttl .nt .nq .trig
 * .rdf .xml, optionally .gz) into an indexed in-memory store, or opens
 * `opts->store` when set (then `ndata` must be 0), runs `sparql` and prints
 * the results to `out`. Errors: DKG_EPARSE for bad SPARQL (err->file is the
 * query name), DKG_ENOTFOUND/DKG_EIO/DKG_EPARSE for data files (err->file is
 * the file).
 */
int dkg_query_files(const char *const *data, size_t ndata, const char *sparql,
                    const dkg_query_options *opts, FILE *out, dkg_error *err);

/** A store of RDF statements with the indexes joins need. */
typedef struct dkg_store dkg_store;

#define DKG_STORE_CREATE (1u << 0) /* on-disk: create when missing, open for writing */

/**
 * Opens a store: `path` NULL gives an empty in-memory store; otherwise
 * `path` is the folder of an on-disk store (Redland hashes in Berkeley DB
 * files), opened read-only unless `flags` has DKG_STORE_CREATE. The caller
 * owns `*out` and frees it with dkg_store_free (which also flushes it).
 */
int dkg_store_open(dkg_store **out, const char *path, unsigned flags, dkg_error *err);

/** Adds the statements of an RDF file (syntax from its extension); duplicates are kept once. */
int dkg_store_load(dkg_store *st, const char *file, dkg_error *err);

/** Number of statements in the store. */
long dkg_store_size(dkg_store *st);

/** Closes the store and frees it; NULL is a no-op. */
void dkg_store_free(dkg_store *st);

/** Runs `sparql` over the store and prints the results to `out` in `opts->format`. */
int dkg_store_query(dkg_store *st, const char *sparql, const dkg_query_options *opts, FILE *out,
                    dkg_error *err);

typedef enum { DKG_TERM_UNBOUND = 0, DKG_TERM_IRI, DKG_TERM_BLANK, DKG_TERM_LITERAL } dkg_term_kind;

/** One RDF term of a result row; the strings belong to the library and last one callback. */
typedef struct dkg_term {
	dkg_term_kind kind;
	const char *value;    /* IRI, blank node label or lexical form; NULL when unbound */
	const char *lang;     /* language tag or NULL */
	const char *datatype; /* datatype IRI or NULL (plain and language-tagged literals) */
} dkg_term;

/** Receives one row of a SELECT; return non-zero to stop (dkg_store_select returns DKG_ESTOP). */
typedef int (*dkg_row_fn)(const char *const *names, const dkg_term *row, size_t ncols,
                          void *payload);

/**
 * Runs a SELECT (or ASK: one row, one column "boolean" with "true"/"false")
 * and passes each row to `fn`.
 */
int dkg_store_select(dkg_store *st, const char *sparql, dkg_row_fn fn, void *payload,
                     dkg_error *err);

#ifdef __cplusplus
}
#endif
#endif
