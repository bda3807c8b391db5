/*
 * dkg/event.h - the events, actors and places the extractor produces.
 * Everything here is read-only for callers and owned by a dkg_result (or,
 * for actors and places, by the dkg_lexicon they came from).
 */
#ifndef DKG_EVENT_H
#define DKG_EVENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	DKG_ACTOR_STATE = 0,
	DKG_ACTOR_PERSON,
	DKG_ACTOR_ORGANIZATION,
	DKG_ACTOR_GROUP
} dkg_actor_kind;

/** An actor: a state, person, organisation or group (e.g. "Russian government"). */
typedef struct dkg_actor {
	const char *id;       /* local name for the IRI, e.g. "dmitry-medvedev", "rus", "rusgov" */
	const char *label;    /* English label */
	const char *code;     /* CAMEO-style code, e.g. "RUSGOV", "IGOUNO", "USA" */
	const char *country;  /* ISO 3166-1 alpha-3, or NULL (international organisations) */
	const char *role;     /* office or sector word, e.g. "president", or NULL */
	const char *wikidata; /* Wikidata QID, or NULL */
	dkg_actor_kind kind;
	/* An actor in a dated office ("Medvedev as president of Russia") points at
	 * the person holding it; NULL for everything else. The graph links the two
	 * with prov:specializationOf, so a person's events across offices join. */
	const struct dkg_actor *person;
} dkg_actor;

/** A place: country, region or city. */
typedef struct dkg_place {
	const char *id;       /* local name for the IRI, e.g. "kaliningrad-rus" */
	const char *label;    /* English name */
	const char *country;  /* ISO 3166-1 alpha-3 */
	const char *geonames; /* GeoNames id, or NULL */
	double lat, lon;      /* 0,0 when unknown */
} dkg_place;

typedef enum { DKG_POLARITY_AFFIRMATIVE = 0, DKG_POLARITY_NEGATED } dkg_polarity;

typedef enum {
	DKG_MODALITY_ASSERTED = 0, /* reported as having happened or happening */
	DKG_MODALITY_INTENDED,     /* future or plan: "will", "plans to" */
	DKG_MODALITY_CONDITIONAL,  /* "only if", "unless" */
	DKG_MODALITY_POSSIBLE,     /* "may", "could", "might" */
	DKG_MODALITY_THREATENED    /* an action held out as a threat */
} dkg_modality;

typedef enum {
	DKG_GRAIN_NONE = 0, /* no date known */
	DKG_GRAIN_DAY,
	DKG_GRAIN_WEEK,
	DKG_GRAIN_MONTH,
	DKG_GRAIN_SEASON,
	DKG_GRAIN_YEAR
} dkg_date_grain;

#define DKG_MAX_EVENT_ACTORS 8

/** One coded event with its evidence. Byte offsets index the document text. */
typedef struct dkg_event {
	const char *cameo;  /* most specific CAMEO code, e.g. "138" */
	const char *plover; /* PLOVER type, e.g. "THREATEN" */
	double goldstein;
	int quad_class; /* 0..4 */

	const dkg_actor *sources[DKG_MAX_EVENT_ACTORS];
	size_t nsources;
	const dkg_actor *targets[DKG_MAX_EVENT_ACTORS];
	size_t ntargets;

	const char *action_text;        /* trigger words as written, e.g. "threatened" */
	const char *object_text;        /* complement, e.g. "deploy missiles", or NULL */
	const dkg_place *place;         /* where it happens, or NULL */
	const dkg_place *reported_from; /* dateline place, or NULL */

	char date[11];     /* "YYYY-MM-DD" start of the date range, "" when unknown */
	char date_end[11]; /* last day of the range ("" when unknown) */
	dkg_date_grain grain;

	dkg_polarity polarity;
	dkg_modality modality;
	const dkg_actor *attributed_to; /* who said it ("X said that ..."), or NULL */
	int retracts;      /* index in the same result of the event this one withdraws, or -1 */
	double confidence; /* 0..1 */

	size_t sentence_start, sentence_end; /* bytes of the sentence in the document text */
	size_t trigger_start, trigger_end;   /* bytes of the trigger */
} dkg_event;

#ifdef __cplusplus
}
#endif
#endif
