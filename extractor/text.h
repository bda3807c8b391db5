/*
 * text.h - Unicode folding, tokens and sentences: the first stages of
 * extraction after ingest.
 */
#ifndef DKG_TEXT_H
#define DKG_TEXT_H

#include <stddef.h>
#include <stdint.h>

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
	uint64_t hash;       /* dkg_hash of the folded form */
	uint8_t type, flags;
	uint32_t cls; /* closed-class lists holding the word, set by the extractor */
} dkg_token;

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
