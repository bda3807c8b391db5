/*
 * store.h - internals of dkg_store shared by store.c (loading, the indexed
 * triples source) and query.c (running SPARQL, printing results).
 */
#ifndef DKG_GRAPH_STORE_H
#define DKG_GRAPH_STORE_H

#include <rasqal.h>
#include <redland.h>

#include "dkg/query.h"

struct dkg_store {
	librdf_world *world;
	librdf_storage *storage;
	librdf_model *model;
	raptor_world *raptor; /* owned by `world` */
	rasqal_world *rasqal; /* our own, whose triples source is `model` */
	char *path;           /* folder of an on-disk store, or NULL */
	dkg_error *log_err;   /* where the log handlers put the first error */
	int log_errors;       /* errors logged since the last reset */
};

/* Starts collecting errors from Redland, Raptor and Rasqal into `err`. */
void dkg_store_log_begin(dkg_store *st, dkg_error *err);
/* Stops collecting; returns the number of errors logged meanwhile. */
int dkg_store_log_end(dkg_store *st);

#endif
