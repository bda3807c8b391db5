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
	uint8_t need_target; /* require=target: no event without a target actor */
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
	uint32_t next;   /* next form of the same chain (see dkg_lexicon__chain_key) */
	uint8_t ntok;
	uint8_t case_mode;
	uint16_t kinds;    /* bit (1 << kind) for each lex_kind among its senses */
	const char *exact; /* the form as written, for case=exact */
} lex_form;

/* lex->chain_bits: a Bloom filter over the keys of by_first, two bits of one
 * word a key; 2^19 bits (64 KB) for the ~18,500 chains of the default lexicon
 * pass 1% of the keys that are not there (2^18 or 2^20 bits measured slower) */
#define DKG_LEX_CHAIN_BITS (1u << 19)

/* open addressing map from 64-bit keys to 32-bit values; a key and its value
 * share a slot, so a lookup that finds its key costs one cache line */
typedef struct lex_slot {
	uint64_t key; /* 0: empty */
	uint32_t val;
	/* in by_first, what a match needs without reading lex_form: LEX_LONE +
	 * the case mode of the chain's form when the chain is one form of one
	 * token (most are); LEX_REC + the offset in lex->chainrec of the chain's
	 * record (longer forms); 0: walk the chain. 0 in the other maps. */
	uint32_t aux;
} lex_slot;

enum { LEX_LONE = 1, LEX_REC = LEX_LONE + LEX_CASE_ANY + 1 };

typedef struct lex_map {
	lex_slot *slots;
	size_t cap, n;
} lex_map;

#define LEX_VEC(T)                                                                                 \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}

/* A new table here also needs lex_unshare() and free_tables() in lexicon.c
 * and LEXICON_FIELDS in cmake/lexicon_image.c (whose build fails until then). */
struct dkg_lexicon {
	dkg_arena arena;
	LEX_VEC(lex_form) forms;
	LEX_VEC(lex_sense) senses;
	LEX_VEC(uint64_t) tokhash;
	/* the chains of longer forms laid out for matching (see index_chains in
	 * lexicon.c), rebuilt after each load: a match reads one record in a row
	 * instead of a lex_form and its token hashes per form of the chain */
	LEX_VEC(uint64_t) chainrec;
	LEX_VEC(lex_country) countries;
	LEX_VEC(lex_adjective) adjectives;
	LEX_VEC(lex_capital) capitals;
	LEX_VEC(dkg_actor) orgs;
	LEX_VEC(lex_person *) persons;
	LEX_VEC(lex_sector) sectors;
	LEX_VEC(dkg_place) places;
	LEX_VEC(lex_trigger) triggers;
	lex_map by_key;   /* whole-form hash -> form */
	lex_map by_first; /* chain_key (first token, or first two) -> first form of the chain */
	lex_map ids;      /* hash of "kind:id" -> index */
	/* Bloom filter over the keys of by_first: whether token i starts a
	 * one-token form, or tokens i and i + 1 a longer one, is asked here before
	 * any map (most tokens, and most pairs of "the", "of" and the next word,
	 * start none) */
	uint64_t chain_bits[DKG_LEX_CHAIN_BITS / 64];
	int resolved;
	uint8_t maxtok;
	/* the tables above are the read-only default image (dkg_lexicon_image):
	 * never freed, and copied to the heap before anything is added */
	uint8_t shared;
};

/* The default lexicon, loaded at build time and compiled in as initialised
 * tables (generated by cmake/lexicon_image.c). Its arena is empty. */
extern const dkg_lexicon dkg_lexicon_image;

/*
 * The key of a form's chain in by_first: a one-token form hangs off its
 * token's hash; a longer one off its first two tokens, so that a common
 * first word ("hold", "make", with hundreds of light-verb forms) does not
 * make every one of its occurrences walk them all.
 */
static inline uint64_t dkg_lexicon__chain_key(uint64_t h0, uint64_t h1, size_t ntok)
{
	if (ntok < 2)
		return h0;
	/* the hashes are good already: rotating one keeps "a b" from "b a" and
	 * "a a" from 0, and costs two instructions a token */
	return (h0 << 31 | h0 >> 33) ^ h1;
}

/* The word of chain_bits that holds key's two bits, and the two bits. */
static inline size_t dkg_lexicon__chain_word(uint64_t key, uint64_t *bits)
{
	uint64_t x = key * 0x9e3779b97f4a7c15ULL;
	*bits = (1ULL << ((x >> 20) & 63)) | (1ULL << ((x >> 26) & 63));
	return (size_t)(x >> 32) & (DKG_LEX_CHAIN_BITS / 64 - 1);
}

/* Whether by_first may hold a chain with this key (no: it does not). */
static inline int dkg_lexicon__may_chain(const dkg_lexicon *lex, uint64_t key)
{
	uint64_t bits;
	size_t w = dkg_lexicon__chain_word(key, &bits);
	return (lex->chain_bits[w] & bits) == bits;
}

enum { DKG_LEX_ONE = 1, DKG_LEX_PAIR = 2 };

/*
 * Finds the longest form starting at token i (tokens [i, end)), in the chains
 * `which` names: DKG_LEX_ONE the one-token forms of token i, DKG_LEX_PAIR the
 * longer forms whose chain key is pair (tokens i and i + 1). Forms with only
 * capitalised kinds need a capitalised first token. Returns the number of
 * tokens matched (0: none) and the form in *form.
 */
size_t dkg_lexicon__match_at(const dkg_lexicon *lex, const dkg_tokens *toks, const char *text,
                             size_t i, size_t end, unsigned which, uint64_t pair,
                             const lex_form **form);

/* Inline, so that the common answer (no chain starts here) costs no call. */
static inline size_t dkg_lexicon_match_text(const dkg_lexicon *lex, const dkg_tokens *toks,
                                            const char *text, size_t i, size_t end,
                                            const lex_form **form)
{
	uint64_t h0 = toks->tok[i].hash, pair = 0;
	unsigned which = dkg_lexicon__may_chain(lex, h0) ? DKG_LEX_ONE : 0;
	if (i + 1 < end) {
		pair = dkg_lexicon__chain_key(h0, toks->tok[i + 1].hash, 2);
		if (dkg_lexicon__may_chain(lex, pair))
			which |= DKG_LEX_PAIR;
	}
	*form = NULL;
	return which ? dkg_lexicon__match_at(lex, toks, text, i, end, which, pair, form) : 0;
}

/* Without the text, exact-case forms cannot be checked: they do not match. */
static inline size_t dkg_lexicon_match(const dkg_lexicon *lex, const dkg_tokens *toks, size_t i,
                                       size_t end, const lex_form **form)
{
	return dkg_lexicon_match_text(lex, toks, NULL, i, end, form);
}

/* Country index by ISO alpha-3 code, or -1. */
int32_t dkg_lexicon_country(const dkg_lexicon *lex, const char *iso3);

/* The person's actor for an office valid on `date` ("YYYY-MM-DD" or NULL: latest office). */
const dkg_actor *dkg_person_actor(const lex_person *p, const char *date, int *in_office);

#endif
