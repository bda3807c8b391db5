/*
 * text.h - Unicode folding, tokens and sentences: the first stages of
 * extraction after ingest.
 */
#ifndef DKG_TEXT_H
#define DKG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

enum { DKG_TOK_WORD = 0, DKG_TOK_NUM, DKG_TOK_PUNCT };

enum {
	DKG_TF_CAP = 1,      /* first letter upper case */
	DKG_TF_ALLCAPS = 2,  /* every letter upper case, at least two letters */
	DKG_TF_ABBREV = 4,   /* ends with a period that is part of the token ("Mr.", "U.S.") */
	DKG_TF_QUOTE = 8,    /* a quotation mark */
	DKG_TF_PARA = 16,    /* first token of a paragraph */
	DKG_TF_INITIAL = 32, /* a single capital letter with a period ("A.") */
	DKG_TF_DASH = 64     /* a dash used as punctuation */
};

typedef struct dkg_token {
	uint32_t start, end; /* bytes in the document text */
	uint32_t norm, nlen; /* folded form in the tokenizer's buffer */
	uint64_t hash;       /* dkg_token_hash of the folded form */
	uint8_t type, flags;
	uint32_t cls; /* closed-class lists holding the word, set by the extractor */
} dkg_token;

/*
 * The hash of a token's folded form. It is only ever compared with other
 * token hashes (lexicon forms, light verbs, closed-class words), so unlike
 * dkg_hash, which names things in the output, it is free to suit the
 * tokenizer: it takes the form eight bytes at a time (the last ones
 * zero-padded), which the tokenizer folds and hashes in one step. Each step
 * is a bijection of the 8 bytes, so same-length forms that differ in one
 * block never collide; the length and a final avalanche (the MurmurHash3
 * finalizer) make every bit, the low ones used as table indexes included,
 * depend on every byte. Lexicon tables key on it without a string compare.
 */
#define DKG_TOKEN_HASH_INIT 0x243f6a8885a308d3ULL

/* Eight bytes of `p`, the first one in the low byte whatever the machine. */
static inline uint64_t dkg_load64le(const void *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The last 1 to 7 bytes of a form, as dkg_load64le would read them zero-padded. */
static inline uint64_t dkg_load_tail(const void *p, size_t r)
{
	const unsigned char *b = p;
	uint64_t w = 0;
	while (r--)
		w = w << 8 | b[r];
	return w;
}

static inline uint64_t dkg_token_hash_step(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

static inline uint64_t dkg_token_hash_end(uint64_t h, size_t n)
{
	h ^= (uint64_t)n;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* The hash a token whose folded form is the `n` bytes at `s` gets. */
static inline uint64_t dkg_token_hash(const char *s, size_t n)
{
	uint64_t h = DKG_TOKEN_HASH_INIT;
	size_t k;
	for (k = 0; k + 8 <= n; k += 8)
		h = dkg_token_hash_step(h, dkg_load64le(s + k));
	if (k < n)
		h = dkg_token_hash_step(h, dkg_load_tail(s + k, n - k));
	return dkg_token_hash_end(h, n);
}

typedef struct dkg_fold_memo dkg_fold_memo;

typedef struct dkg_tokens {
	dkg_token *tok;
	size_t n, cap;
	dkg_buf norm;        /* folded forms, NUL-separated */
	dkg_fold_memo *memo; /* folded forms of recent non-ASCII tokens (kept across clears) */
} dkg_tokens;

/* Folds `n` bytes of UTF-8 for matching (NFKC, case fold, marks removed, curly
 * quotes to ASCII) and appends the result to `out`. */
void dkg_fold_append(dkg_buf *out, const char *s, size_t n);

/* Tokenizes `n` bytes of `text` starting at byte `base` of the document,
 * appending to `toks`. Returns 0 or DKG_ENOMEM. */
int dkg_tokenize(dkg_tokens *toks, const char *text, size_t base, size_t n, size_t max_tokens);

void dkg_tokens_clear(dkg_tokens *toks);
void dkg_tokens_free(dkg_tokens *toks);

/* The folded form of token i (NUL-terminated). */
static inline const char *dkg_tok_norm(const dkg_tokens *t, size_t i)
{
	return t->norm.data + t->tok[i].norm;
}

/* Sentence boundaries over a token array: fills `ends` with the index one
 * past the last token of each sentence. Returns the number of sentences. */
size_t dkg_split_sentences(const dkg_tokens *toks, const char *text, size_t *ends, size_t max);

/* True if the folded word is a known abbreviation that takes a period. */
int dkg_is_abbreviation(const char *norm, size_t len);

#endif
