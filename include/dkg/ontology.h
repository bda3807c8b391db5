/*
 * dkg/ontology.h - the diplomacy vocabulary as seen from C: CAMEO event
 * codes with their names, Goldstein values, quad classes, PLOVER types and
 * ontology classes. Generated at build time from ontology/diplomacy.ttl.
 */
#ifndef DKG_ONTOLOGY_H
#define DKG_ONTOLOGY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dkg_cameo {
	const char *code;   /* "138" */
	const char *label;  /* "Threaten with military force" */
	const char *klass;  /* ontology class local name, e.g. "ThreatenMilitaryForce" */
	const char *root;   /* two-digit root code, e.g. "13" */
	const char *plover; /* PLOVER type, e.g. "THREATEN" */
	double goldstein;   /* Goldstein scale value */
	int quad_class;     /* 0 statement/appeal .. 4 material conflict */
} dkg_cameo;

/** Looks up a CAMEO code ("13", "138", "1383"); NULL when unknown. */
const dkg_cameo *dkg_cameo_lookup(const char *code);

/** Number of CAMEO codes in the table, and the i-th (sorted by code). */
size_t dkg_cameo_count(void);
const dkg_cameo *dkg_cameo_at(size_t i);

/** The ontology in Turtle, as installed (NUL-terminated, static). */
const char *dkg_ontology_turtle(void);

#ifdef __cplusplus
}
#endif
#endif
