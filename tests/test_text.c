/*
 * test_text.c - the first extraction stages: Unicode folding, tokens
 * (abbreviations, initials, quotes, dashes, numbers, clitics) and sentence
 * boundaries, on short sentences written for these tests.
 */
#include <stdio.h>
#include <string.h>

#include "dkg/common.h"
#include "testutil.h"
#include "text.h"

/* Tokenizes `s` into `t` (cleared first). */
static void tokenize(dkg_tokens *t, const char *s)
{
	dkg_tokens_clear(t);
	CU_ASSERT_EQUAL_FATAL(dkg_tokenize(t, s, 0, strlen(s), 4096), DKG_OK);
}

/* The folded forms of `s` joined by '|', e.g. "mr|smith|.". */
static const char *norms(const char *s)
{
	static char out[1024];
	dkg_tokens t = {0};
	size_t i, n = 0;
	tokenize(&t, s);
	out[0] = '\0';
	for (i = 0; i < t.n; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "",
		                      dkg_tok_norm(&t, i));
	dkg_tokens_free(&t);
	return out;
}

/* The folded form of a whole string (dkg_fold_append). */
static const char *fold(const char *s)
{
	static char out[256];
	dkg_buf b = DKG_BUF_INIT;
	dkg_fold_append(&b, s, strlen(s));
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	dkg_buf_free(&b);
	return out;
}

/* Index of the first token whose folded form is `w`, or -1. */
static long find_tok(const dkg_tokens *t, const char *w)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(dkg_tok_norm(t, i), w))
			return (long)i;
	return -1;
}

static void test_titles(void)
{
	dkg_tokens t = {0};
	long i;
	CU_ASSERT_STRING_EQUAL(norms("Mr. Smith met Dr. Jones and Gen. Ortiz."),
	                       "mr|smith|met|dr|jones|and|gen|ortiz|.");
	tokenize(&t, "Mr. Smith met Dr. Jones and Gen. Ortiz.");
	i = find_tok(&t, "mr");
	CU_ASSERT_FATAL(i >= 0);
	/* the period belongs to the abbreviation: "Mr." is three bytes */
	CU_ASSERT_EQUAL(t.tok[i].end - t.tok[i].start, 3);
	CU_ASSERT(t.tok[i].flags & DKG_TF_ABBREV);
	CU_ASSERT(t.tok[i].flags & DKG_TF_CAP);
	/* the sentence's final period is a token of its own */
	CU_ASSERT_EQUAL(t.tok[t.n - 1].type, DKG_TOK_PUNCT);
	dkg_tokens_free(&t);
	CU_ASSERT(dkg_is_abbreviation("gen", 3));
	CU_ASSERT(dkg_is_abbreviation("mr", 2));
	CU_ASSERT(!dkg_is_abbreviation("russia", 6));
}

static void test_dotted_acronyms(void)
{
	dkg_tokens t = {0};
	CU_ASSERT_STRING_EQUAL(norms("U.S. and U.N. and E.U. officials"),
	                       "u.s|and|u.n|and|e.u|officials");
	tokenize(&t, "the U.S. envoy");
	CU_ASSERT_EQUAL_FATAL(t.n, 3);
	CU_ASSERT_EQUAL(t.tok[1].end - t.tok[1].start, 4); /* "U.S." whole */
	CU_ASSERT(t.tok[1].flags & DKG_TF_ABBREV);
	dkg_tokens_free(&t);
	/* lower-case times are one token too and do not end the sentence */
	CU_ASSERT_STRING_EQUAL(norms("at 5 p.m. on Friday"), "at|5|p.m|on|friday");
}

static void test_initials(void)
{
	dkg_tokens t = {0};
	CU_ASSERT_STRING_EQUAL(norms("Dmitri A. Medvedev spoke"), "dmitri|a|medvedev|spoke");
	tokenize(&t, "Dmitri A. Medvedev spoke");
	CU_ASSERT_EQUAL_FATAL(t.n, 4);
	CU_ASSERT(t.tok[1].flags & DKG_TF_INITIAL);
	CU_ASSERT(t.tok[1].flags & DKG_TF_ABBREV);
	CU_ASSERT_EQUAL(t.tok[1].end - t.tok[1].start, 2);
	CU_ASSERT(!(t.tok[0].flags & DKG_TF_INITIAL));
	dkg_tokens_free(&t);
}

static void test_quotes_and_possessives(void)
{
	dkg_tokens t = {0};
	/* curly and straight apostrophes give the same tokens */
	CU_ASSERT_STRING_EQUAL(norms("Russia\xe2\x80\x99s army"), "russia|'s|army");
	CU_ASSERT_STRING_EQUAL(norms("Russia's army"), "russia|'s|army");
	/* curly double quotes are quote tokens, not part of words */
	tokenize(&t, "\xe2\x80\x9cWe will respond,\xe2\x80\x9d he said.");
	CU_ASSERT_FATAL(t.n >= 7);
	CU_ASSERT(t.tok[0].flags & DKG_TF_QUOTE);
	CU_ASSERT_EQUAL(t.tok[0].type, DKG_TOK_PUNCT);
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 1), "we");
	CU_ASSERT(t.tok[1].flags & DKG_TF_CAP);
	CU_ASSERT(t.tok[5].flags & DKG_TF_QUOTE);
	CU_ASSERT(!(t.tok[4].flags & DKG_TF_QUOTE)); /* the comma */
	dkg_tokens_free(&t);
	CU_ASSERT_STRING_EQUAL(norms("\"No,\" she said"), "\"|no|,|\"|she|said");
}

static void test_clitics(void)
{
	CU_ASSERT_STRING_EQUAL(norms("They don't agree"), "they|do|n't|agree");
	CU_ASSERT_STRING_EQUAL(norms("Iran didn't yield"), "iran|did|n't|yield");
	CU_ASSERT_STRING_EQUAL(norms("Iran didn\xe2\x80\x99t yield"), "iran|did|n't|yield");
}

static void test_dashes(void)
{
	dkg_tokens t = {0};
	long i;
	tokenize(&t, "NICE, France \xe2\x80\x94 Russia's leader");
	i = find_tok(&t, "\xe2\x80\x94");
	CU_ASSERT_EQUAL_FATAL(i, 3);
	CU_ASSERT(t.tok[i].flags & DKG_TF_DASH);
	CU_ASSERT_EQUAL(t.tok[i].type, DKG_TOK_PUNCT);
	CU_ASSERT(t.tok[0].flags & DKG_TF_ALLCAPS);
	/* an em dash between words without spaces still separates them */
	CU_ASSERT_STRING_EQUAL(norms("Moscow\xe2\x80\x94Washington"),
	                       "moscow|\xe2\x80\x94|washington");
	/* an en dash too */
	tokenize(&t, "talks \xe2\x80\x93 and more");
	CU_ASSERT_EQUAL_FATAL(t.n, 4);
	CU_ASSERT(t.tok[1].flags & DKG_TF_DASH);
	/* a double hyphen is one dash token */
	CU_ASSERT_STRING_EQUAL(norms("talks -- and more"), "talks|--|and|more");
	dkg_tokens_free(&t);
}

static void test_hyphens(void)
{
	CU_ASSERT_STRING_EQUAL(norms("the Asia-Pacific summit"), "the|asia-pacific|summit");
	CU_ASSERT_STRING_EQUAL(norms("pro-government forces"), "pro-government|forces");
	CU_ASSERT_STRING_EQUAL(norms("a long-range missile"), "a|long-range|missile");
}

static void test_numbers(void)
{
	dkg_tokens t = {0};
	CU_ASSERT_STRING_EQUAL(norms("1,000 troops and 2.5 percent"),
	                       "1,000|troops|and|2.5|percent");
	tokenize(&t, "1,000 troops and 2.5 percent");
	CU_ASSERT_EQUAL_FATAL(t.n, 5);
	CU_ASSERT_EQUAL(t.tok[0].type, DKG_TOK_NUM);
	CU_ASSERT_EQUAL(t.tok[3].type, DKG_TOK_NUM);
	CU_ASSERT_EQUAL(t.tok[1].type, DKG_TOK_WORD);
	dkg_tokens_free(&t);
	/* a number at the end of a sentence keeps its period apart */
	CU_ASSERT_STRING_EQUAL(norms("in 2008."), "in|2008|.");
}

static void test_folding(void)
{
	CU_ASSERT_STRING_EQUAL(fold("Erdo\xc4\x9f"
	                            "an"),
	                       "erdogan");
	CU_ASSERT_STRING_EQUAL(fold("ERDO\xc4\x9e"
	                            "AN"),
	                       "erdogan");
	CU_ASSERT_STRING_EQUAL(fold("Zelenskyy"), "zelenskyy");
	CU_ASSERT_STRING_EQUAL(fold("S\xc3\xa3o Paulo"), "sao paulo");
	CU_ASSERT_STRING_EQUAL(fold("M\xc3\xbcller"), "muller");
	/* decomposed input (e + combining acute) folds like the composed form */
	CU_ASSERT_STRING_EQUAL(fold("Jose\xcc\x81"), "jose");
	CU_ASSERT_STRING_EQUAL(fold("Jos\xc3\xa9"), "jose");
	/* NFKC: the ligature fi */
	CU_ASSERT_STRING_EQUAL(fold("\xef\xac\x81nance"), "finance");
	CU_ASSERT_STRING_EQUAL(fold("Russia\xe2\x80\x99s"), "russia's");
	/* tokens fold the same way and keep the capital flag from the original */
	{
		dkg_tokens t = {0};
		tokenize(&t, "\xc3\x89mile met Erdo\xc4\x9f"
		             "an");
		CU_ASSERT_EQUAL_FATAL(t.n, 3);
		CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0), "emile");
		CU_ASSERT(t.tok[0].flags & DKG_TF_CAP);
		CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 2), "erdogan");
		/* byte offsets index the original text */
		CU_ASSERT_EQUAL(t.tok[2].start, 11);
		CU_ASSERT_EQUAL(t.tok[2].end, 19);
		dkg_tokens_free(&t);
	}
}

/* Splits `s` into sentences; returns their number and writes the text of
 * sentence `which` into `first` (from its first token to its last). */
static size_t split(const char *s, size_t which, char *first, size_t cap)
{
	dkg_tokens t = {0};
	size_t ends[64], n, from;
	tokenize(&t, s);
	n = dkg_split_sentences(&t, s, ends, 64);
	first[0] = '\0';
	if (which < n) {
		from = which ? ends[which - 1] : 0;
		snprintf(first, cap, "%.*s", (int)(t.tok[ends[which] - 1].end - t.tok[from].start),
		         s + t.tok[from].start);
	}
	dkg_tokens_free(&t);
	return n;
}

static void test_sentences(void)
{
	char s[256];
	CU_ASSERT_EQUAL(split("Mr. Smith arrived. He spoke.", 0, s, sizeof s), 2);
	CU_ASSERT_STRING_EQUAL(s, "Mr. Smith arrived.");
	/* abbreviations and initials do not end sentences */
	CU_ASSERT_EQUAL(split("Dr. Jones met Gen. Ortiz in Paris on Friday.", 0, s, sizeof s), 1);
	CU_ASSERT_EQUAL(split("Dmitri A. Medvedev spoke in Nice.", 0, s, sizeof s), 1);
	CU_ASSERT_EQUAL(split("He works for the U.S. government now.", 0, s, sizeof s), 1);
	CU_ASSERT_EQUAL(split("They met at 5 p.m. on Friday.", 0, s, sizeof s), 1);
	/* "U.S." followed by a sentence start does */
	CU_ASSERT_EQUAL(split("He flew to the U.S. The talks began.", 0, s, sizeof s), 2);
	CU_ASSERT_STRING_EQUAL(s, "He flew to the U.S.");
	/* a closing quote stays with its sentence */
	CU_ASSERT_EQUAL(split("He said: \"We will act.\" The minister left.", 0, s, sizeof s), 2);
	CU_ASSERT_STRING_EQUAL(s, "He said: \"We will act.\"");
	CU_ASSERT_EQUAL(split("He said: \xe2\x80\x9cWe will act.\xe2\x80\x9d The minister left.", 0,
	                      s, sizeof s),
	                2);
	CU_ASSERT_STRING_EQUAL(s, "He said: \xe2\x80\x9cWe will act.\xe2\x80\x9d");
	CU_ASSERT_EQUAL(split("Is it over? Nobody knows! Talks resume.", 1, s, sizeof s), 3);
	CU_ASSERT_STRING_EQUAL(s, "Nobody knows!");
	/* paragraphs end sentences even without a period */
	CU_ASSERT_EQUAL(split("Russia Backs Off on Threat\nMoscow said more.", 0, s, sizeof s), 2);
	CU_ASSERT_STRING_EQUAL(s, "Russia Backs Off on Threat");
	CU_ASSERT_EQUAL(split("First paragraph.\n\nSecond paragraph.", 1, s, sizeof s), 2);
	CU_ASSERT_STRING_EQUAL(s, "Second paragraph.");
	/* a lower-case word after a period is not a new sentence */
	CU_ASSERT_EQUAL(split("It cost 2.5 billion. and more", 0, s, sizeof s), 1);
}

static void test_empty(void)
{
	dkg_tokens t = {0};
	size_t ends[4];
	tokenize(&t, "");
	CU_ASSERT_EQUAL(t.n, 0);
	CU_ASSERT_EQUAL(dkg_split_sentences(&t, "", ends, 4), 0);
	tokenize(&t, "  \n\t ");
	CU_ASSERT_EQUAL(t.n, 0);
	/* the token limit is enforced */
	dkg_tokens_clear(&t);
	CU_ASSERT_EQUAL(dkg_tokenize(&t, "a b c d e", 0, 9, 3), DKG_ELIMIT);
	dkg_tokens_free(&t);
}

/* Non-ASCII tokens are folded once and then read from a memo: the memo must
 * give what utf8proc gives, across clears and for many distinct tokens. */
static void test_fold_memo(void)
{
	dkg_tokens t = {0};
	char buf[80];
	tokenize(&t, "Erdo\xc4\x9f\x61n \xe2\x80\x9cSa\xc3\xaf"
	             "d\xe2\x80\x9d Erdo\xc4\x9f\x61n "
	             "Russia\xe2\x80\x99s \xe2\x80\x94 \xef\xac\x81nal ERDO\xc4\x9e\x41N");
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0), "erdogan");
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 4), "erdogan");
	CU_ASSERT_EQUAL(t.tok[0].hash, t.tok[4].hash);
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 2), "said");
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 6), "'s");    /* curly apostrophe folds to ASCII */
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 8), "final"); /* NFKC: the fi ligature */
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 9), "erdogan");
	/* again after a clear, and after many other tokens have taken the slots */
	/* 8,000 tokens of some 60 bytes: slots are taken over and the memo's arena fills and is
	 * emptied several times */
	for (int i = 0; i < 8000; i++) {
		snprintf(buf, sizeof buf, "\xc3\xa9l\xc3\xa8ve%048d", i);
		tokenize(&t, buf);
		CU_ASSERT_EQUAL(t.n, 1);
		CU_ASSERT(!strncmp(dkg_tok_norm(&t, 0), "eleve", 5));
		CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0) + 5, buf + 7);
		if (i % 1000 == 999) { /* and an earlier one again */
			tokenize(&t, "Erdo\xc4\x9f\x61n");
			CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0), "erdogan");
		}
	}
	tokenize(&t, "Erdo\xc4\x9f\x61n");
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0), "erdogan");
	CU_ASSERT_STRING_EQUAL(fold("Erdo\xc4\x9f\x61n"), "erdogan");
	dkg_tokens_free(&t);
}

/* The tokenizer folds and hashes ASCII words eight bytes at a time and other
 * tokens through utf8proc: either way a token's hash is dkg_token_hash of its
 * folded form, which the lexicon and the closed-class lists rely on. */
static void test_token_hash(void)
{
	dkg_tokens t = {0};
	const char *text = "Ministers MINISTERS ministers internationally abcdefgh "
	                   "Abcdefghijklmnop Mr. U.S. don't 1,000.5 ... -- [x] "
	                   "Erdo\xc4\x9f\x61n Russia\xe2\x80\x99s end";
	tokenize(&t, text);
	CU_ASSERT_FATAL(t.n > 10);
	for (size_t i = 0; i < t.n; i++)
		CU_ASSERT_EQUAL(t.tok[i].hash, dkg_token_hash(dkg_tok_norm(&t, i), t.tok[i].nlen));
	CU_ASSERT_EQUAL(t.tok[0].hash, t.tok[1].hash);
	CU_ASSERT_EQUAL(t.tok[0].hash, t.tok[2].hash);
	CU_ASSERT_NOT_EQUAL(t.tok[0].hash, t.tok[3].hash);
	CU_ASSERT_EQUAL(t.tok[0].hash, dkg_token_hash("ministers", 9));
	/* every length up to two blocks hashes apart from its neighbours */
	for (size_t n = 1; n < 17; n++)
		CU_ASSERT_NOT_EQUAL(dkg_token_hash("abcdefghijklmnopq", n),
		                    dkg_token_hash("abcdefghijklmnopq", n - 1));
	dkg_tokens_free(&t);
}

/* Where a word ends, the common path and the general scan must agree: what
 * each token spans, its flags and its type, as the tokenizer gave them
 * before the common path took periods and apostrophes. */
static void test_word_ends(void)
{
	static const struct {
		const char *text, *want; /* each token: start-end type flags form */
	} cases[] = {
	    {"Mr. Smith said.", "0-3 0 21 mr|4-9 0 1 smith|10-14 0 0 said|14-15 2 0 ."},
	    {"the students' books", "0-3 0 16 the|4-12 0 0 students|12-13 2 8 '|14-19 0 0 books"},
	    {"Gen. Ortiz, No.5 and A. Jones",
	     "0-4 0 21 gen|5-10 0 1 ortiz|10-11 2 0 ,|12-15 0 5 no|15-16 1 0 5|17-20 0 0 and|"
	     "21-23 0 37 a|24-29 0 1 jones"},
	    {"it ended.\" Then", "0-2 0 16 it|3-8 0 0 ended|8-9 2 0 .|9-10 2 8 \"|11-15 0 1 then"},
	    {"well-known R&D Smith-",
	     "0-10 0 16 well-known|11-14 0 3 r&d|15-20 0 1 smith|20-21 2 64 -"},
	    {"mr.", "0-3 0 20 mr"},
	    {"Jan.1 co. X", "0-4 0 21 jan|4-5 1 0 1|6-9 0 4 co|10-11 0 1 x"},
	};
	dkg_tokens t = {0};
	char got[256];
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = 0;
		tokenize(&t, cases[c].text);
		got[0] = '\0';
		for (size_t i = 0; i < t.n; i++)
			n += (size_t)snprintf(got + n, sizeof got - n, "%s%u-%u %u %u %s",
			                      i ? "|" : "", t.tok[i].start, t.tok[i].end,
			                      t.tok[i].type, t.tok[i].flags, dkg_tok_norm(&t, i));
		CU_ASSERT_STRING_EQUAL(got, cases[c].want);
	}
	dkg_tokens_free(&t);
}

/* Room is reserved once a call: "n't" makes two tokens of one start, past
 * the limit, and a second call appends after the first. */
static void test_reserve(void)
{
	dkg_tokens t = {0};
	CU_ASSERT_EQUAL(dkg_tokenize(&t, "don't", 0, 5, 1), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(t.n, 2);
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 1), "n't");
	CU_ASSERT_EQUAL(dkg_tokenize(&t, "Mr. Smith", 100, 9, 4096), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(t.n, 4);
	CU_ASSERT_EQUAL(t.tok[2].start, 100);
	CU_ASSERT_EQUAL(t.tok[3].end, 109);
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 0), "do");
	CU_ASSERT_STRING_EQUAL(dkg_tok_norm(&t, 3), "smith");
	CU_ASSERT_EQUAL(t.norm.data[t.norm.len], '\0');
	CU_ASSERT_EQUAL(dkg_tokenize(&t, "a b", 0, 3, 5), DKG_ELIMIT);
	CU_ASSERT_EQUAL(t.n, 5);
	dkg_tokens_free(&t);
}

/* dkg_is_abbreviation searches a sorted table: every word of it is found. */
static void test_abbreviation_table(void)
{
	const char *yes[] = {"adm", "apr", "co",   "col",   "messrs", "mr",  "mrs",
	                     "st",  "thu", "thur", "thurs", "vs",     "wed", NULL};
	const char *no[] = {"a",    "c",       "cos", "mrss", "thursd",
	                    "wedx", "messrsx", "adn", "zz",   NULL};
	for (const char **w = yes; *w; w++)
		CU_ASSERT(dkg_is_abbreviation(*w, strlen(*w)));
	for (const char **w = no; *w; w++)
		CU_ASSERT(!dkg_is_abbreviation(*w, strlen(*w)));
	CU_ASSERT(!dkg_is_abbreviation("", 0));
	CU_ASSERT(!dkg_is_abbreviation("mr", 1)); /* "m" */
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {{"titles", test_titles},
	                              {"dotted acronyms", test_dotted_acronyms},
	                              {"initials", test_initials},
	                              {"quotes and possessives", test_quotes_and_possessives},
	                              {"clitics", test_clitics},
	                              {"dashes", test_dashes},
	                              {"hyphens", test_hyphens},
	                              {"numbers", test_numbers},
	                              {"folding", test_folding},
	                              {"sentences", test_sentences},
	                              {"empty", test_empty},
	                              {"fold memo", test_fold_memo},
	                              {"token hash", test_token_hash},
	                              {"abbreviation table", test_abbreviation_table},
	                              {"word ends", test_word_ends},
	                              {"reserve", test_reserve},
	                              CU_TEST_INFO_NULL};
	return dkg_test_add_suite("text", tests);
}
