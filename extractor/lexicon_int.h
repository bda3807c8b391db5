/*
 * lexicon_int.h - the compiled lexicon as the extractor sees it: forms in a
 * hash table keyed by their first token, each form with one or more senses.
 */
#ifndef DKG_LEXICON_INT_H
#define DKG_LEXICON_INT_H

#include <stdint.h>

#include "dkg/event.h"
#include "dkg/lexicon.h"
#include "text.h"
#include "util.h"

typedef enum {
	LEX_COUNTRY = 1,
	LEX_ADJECTIVE,
	LEX_CAPITAL,
	LEX_ORG,
	LEX_PERSON,
	LEX_SECTOR,
	LEX_TITLE,
	LEX_PLACE,
	LEX_VERB,
	LEX_NOUN,
	LEX_BLOCK
} lex_kind;

/* target positions of a trigger (bit mask) */
enum {
	TGT_OBJ = 1 << 0,
	TGT_WITH = 1 << 1,
	TGT_AGAINST = 1 << 2,
	TGT_TO = 1 << 3,
	TGT_ON = 1 << 4,
	TGT_FOR = 1 << 5,
	TGT_FROM = 1 << 6,
	TGT_OF = 1 << 7,
	TGT_AT = 1 << 8,
	TGT_IN = 1 << 9,
	TGT_OVER = 1 << 10,
	TGT_INTO = 1 << 11,
	TGT_BY = 1 << 12,
	TGT_NONE = 1 << 15
};

enum { COMP_NONE = 0, COMP_TO, COMP_THAT, COMP_ING, COMP_NP };

typedef struct lex_country {
	dkg_actor actor;
	dkg_place place;
} lex_country;

typedef struct lex_office {
	dkg_actor actor; /* the person with this office's code and role */
	char from[11], to[11];
} lex_office;

typedef struct lex_person {
	dkg_actor base; /* code = country: the person outside any listed office */
	lex_office *offices;
	size_t noffices, cap;
} lex_person;

typedef struct lex_trigger {
	const char *cameo, *lemma;
	uint32_t target;
	uint8_t comp, is_noun, active_only;
	uint64_t light[6];
	uint8_t nlight;
} lex_trigger;

typedef struct lex_adjective {
	const char *code;
	int32_t country; /* index in countries, -1 until resolved */
} lex_adjective;

typedef struct lex_capital {
	const char *code, *place_id;
	int32_t country, place;
} lex_capital;

typedef struct lex_sector {
	const char *sector, *role; /* role NULL for sector nouns */
	uint8_t is_title;
} lex_sector;

typedef struct lex_sense {
	uint8_t kind;
	uint32_t idx;  /* index in the array of its kind */
	uint32_t next; /* next sense of the same form, or UINT32_MAX */
} lex_sense;

enum { LEX_CASE_CAP = 0, LEX_CASE_EXACT, LEX_CASE_ANY };

typedef struct lex_form {
	uint64_t key;    /* hash of the whole token sequence */
	uint32_t toks;   /* offset of the token hashes in lex->tokhash */
	uint32_t senses; /* first sense */
	uint32_t next;   /* next form with the same first token */
	uint8_t ntok;
	uint8_t case_mode;
	const char *exact; /* the form as written, for case=exact */
} lex_form;

/* open addressing map from 64-bit keys to 32-bit values */
typedef struct lex_map {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;
} lex_map;

#define LEX_VEC(T)                                                                                 \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}

struct dkg_lexicon {
	dkg_arena arena;
	LEX_VEC(lex_form) forms;
	LEX_VEC(lex_sense) senses;
	LEX_VEC(uint64_t) tokhash;
	LEX_VEC(lex_country) countries;
	LEX_VEC(lex_adjective) adjectives;
	LEX_VEC(lex_capital) capitals;
	LEX_VEC(dkg_actor) orgs;
	LEX_VEC(lex_person *) persons;
	LEX_VEC(lex_sector) sectors;
	LEX_VEC(dkg_place) places;
	LEX_VEC(lex_trigger) triggers;
	lex_map by_key;   /* whole-form hash -> form */
	lex_map by_first; /* first-token hash -> first form of the chain */
	lex_map ids;      /* hash of "kind:id" -> index */
	int resolved;
	uint8_t maxtok;
};

/*
 * Finds the longest form starting at token i (tokens [i, end)). Forms with
 * only capitalised kinds need a capitalised first token. Returns the number
 * of tokens matched (0: none) and the form in *form.
 */
size_t dkg_lexicon_match_text(const dkg_lexicon *lex, const dkg_tokens *toks, const char *text,
                              size_t i, size_t end, const lex_form **form);
size_t dkg_lexicon_match(const dkg_lexicon *lex, const dkg_tokens *toks, size_t i, size_t end,
                         const lex_form **form);

/* Country index by ISO alpha-3 code, or -1. */
int32_t dkg_lexicon_country(const dkg_lexicon *lex, const char *iso3);

/* The person's actor for an office valid on `date` ("YYYY-MM-DD" or NULL: latest office). */
const dkg_actor *dkg_person_actor(const lex_person *p, const char *date, int *in_office);

#endif
