/*
 * text.c - Unicode folding (utf8proc), tokenization and sentence splitting.
 * The tokenizer makes one pass over the bytes; ASCII is folded inline and
 * only tokens with non-ASCII letters go through utf8proc.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dkg/common.h"
#include "text.h"

void dkg_fold_append(dkg_buf *out, const char *s, size_t n)
{
	size_t i;
	int ascii = 1;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) {
			ascii = 0;
			break;
		}
	if (ascii) {
		if (dkg_buf_grow(out, out->len + n) < 0)
			return;
		for (i = 0; i < n; i++) {
			char c = s[i];
			out->data[out->len + i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		out->len += n;
		out->data[out->len] = '\0';
		return;
	}
	{
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t m;
		m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
		                 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
		                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
		if (m < 0) {
			/* invalid UTF-8: keep the bytes as they are, lower-cased */
			for (i = 0; i < n; i++) {
				char c = s[i];
				dkg_buf_putc(out, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
			}
			return;
		}
		/* curly apostrophes fold to ASCII so "Russia’s" matches "Russia's" */
		for (utf8proc_ssize_t j = 0; j < m; j++) {
			if (dst[j] == 0xE2 && j + 2 < m && dst[j + 1] == 0x80 &&
			    (dst[j + 2] == 0x98 || dst[j + 2] == 0x99)) {
				dkg_buf_putc(out, '\'');
				j += 2;
			} else {
				dkg_buf_putc(out, (char)dst[j]);
			}
		}
		free(dst);
	}
}

/* Sorted, each padded with NULs to 8 bytes: abbrev_key reads them whole. */
static const char abbreviations[][8] = {
    "adm",  "apr",    "aug",  "ave",  "blvd", "bros", "capt",  "cmdr", "co",   "col",  "corp",
    "cpl",  "dec",    "dept", "dr",   "est",  "etc",  "feb",   "fig",  "fri",  "ft",   "gen",
    "gens", "gov",    "govs", "inc",  "insp", "jan",  "jr",    "jul",  "jun",  "lt",   "ltd",
    "maj",  "messrs", "mon",  "mr",   "mrs",  "ms",   "mt",    "no",   "nov",  "oct",  "pres",
    "prof", "rd",     "rep",  "reps", "rev",  "sat",  "sen",   "sens", "sep",  "sept", "sgt",
    "sr",   "st",     "sun",  "supt", "thu",  "thur", "thurs", "tue",  "tues", "vs",   "wed"};

/* Eight bytes as an integer that orders as the bytes do (the first one high). */
static inline uint64_t abbrev_key(const char *s)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(dkg_load64le(s));
#else
	const unsigned char *b = (const unsigned char *)s;
	uint64_t k = 0;
	for (size_t i = 0; i < 8; i++)
		k = k << 8 | b[i];
	return k;
#endif
}

/* A binary search over whole 8-byte keys: some 7 integer comparisons, where a
 * scan of the list with strlen and memcmp took some 400 instructions. It
 * halves the range without branching on the comparison, which no predictor
 * can guess, and compares for equality once at the end. */
int dkg_is_abbreviation(const char *norm, size_t len)
{
	char pad[8] = {0};
	uint64_t key;
	const char(*a)[8] = abbreviations;
	size_t n = sizeof abbreviations / sizeof abbreviations[0];
	if (len == 0 || len > 6)
		return 0;
	memcpy(pad, norm, len);
	key = abbrev_key(pad);
	while (n > 1) {
		size_t half = n / 2;
		a = abbrev_key(a[half]) <= key ? a + half : a;
		n -= half;
	}
	return abbrev_key(*a) == key;
}

/* Length of a UTF-8 sequence starting with byte c (1 for invalid lead bytes). */
static size_t u8len(unsigned char c)
{
	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	return 4;
}

/* Classes of ASCII bytes: the tokenizer looks each byte up once instead of
 * testing ranges. */
enum {
	C_ALNUM = 1,
	C_SPACE = 2,
	C_ALPHA = 4,
	C_UPPER = 8,
	C_DIGIT = 16,
	C_JOIN = 32 /* may join word characters: - & . ' */
};

static const uint8_t ascii_class[256] = {
    /* bytes from 0x80 are 0: no ASCII class */
    ['\t'] = C_SPACE,
    ['\n'] = C_SPACE,
    ['\v'] = C_SPACE,
    ['\f'] = C_SPACE,
    ['\r'] = C_SPACE,
    [' '] = C_SPACE,
    /* marks that may join word characters into one token; see dkg_tokenize */
    ['-'] = C_JOIN,
    ['&'] = C_JOIN,
    ['.'] = C_JOIN,
    ['\''] = C_JOIN,
#define D(c) [c] = C_ALNUM | C_DIGIT
    D('0'),
    D('1'),
    D('2'),
    D('3'),
    D('4'),
    D('5'),
    D('6'),
    D('7'),
    D('8'),
    D('9'),
#undef D
#define L(c) [c] = C_ALNUM | C_ALPHA
    L('a'),
    L('b'),
    L('c'),
    L('d'),
    L('e'),
    L('f'),
    L('g'),
    L('h'),
    L('i'),
    L('j'),
    L('k'),
    L('l'),
    L('m'),
    L('n'),
    L('o'),
    L('p'),
    L('q'),
    L('r'),
    L('s'),
    L('t'),
    L('u'),
    L('v'),
    L('w'),
    L('x'),
    L('y'),
    L('z'),
#undef L
#define U(c) [c] = C_ALNUM | C_ALPHA | C_UPPER
    U('A'),
    U('B'),
    U('C'),
    U('D'),
    U('E'),
    U('F'),
    U('G'),
    U('H'),
    U('I'),
    U('J'),
    U('K'),
    U('L'),
    U('M'),
    U('N'),
    U('O'),
    U('P'),
    U('Q'),
    U('R'),
    U('S'),
    U('T'),
    U('U'),
    U('V'),
    U('W'),
    U('X'),
    U('Y'),
    U('Z'),
#undef U
};

/* Classifies a non-ASCII character at p: 0 letter/digit, 1 space, 2
 * punctuation. Sets *len to its length in bytes. */
static int classify_utf8(const unsigned char *p, const unsigned char *end, size_t *len)
{
	unsigned char c = *p;
	*len = u8len(c);
	if (p + *len > end)
		*len = (size_t)(end - p);
	if (c == 0xC2 && p + 1 < end) {
		if (p[1] == 0xA0) /* no-break space */
			return 1;
		if (p[1] == 0xAB || p[1] == 0xBB || p[1] < 0xC0) /* « » and Latin-1 symbols */
			return 2;
	}
	if (c == 0xE2 && p + 2 < end && p[1] == 0x80) {
		if (p[2] <= 0x8A || p[2] == 0xAF || p[2] == 0xA8 || p[2] == 0xA9)
			return 1; /* typographic spaces, line/paragraph separators */
		return 2;         /* dashes, quotes, ellipsis, bullets */
	}
	if (c == 0xE3 && p + 2 < end && p[1] == 0x80 && p[2] == 0x80)
		return 1;
	return 0;
}

/* Classifies the character at p: 0 letter/digit, 1 space, 2 punctuation.
 * Sets *len to its length in bytes. */
static inline int classify(const unsigned char *p, const unsigned char *end, size_t *len)
{
	unsigned char c = *p;
	if (c < 0x80) {
		*len = 1;
		return (ascii_class[c] & C_ALNUM) ? 0 : (ascii_class[c] & C_SPACE) ? 1 : 2;
	}
	return classify_utf8(p, end, len);
}

static int is_quote(const unsigned char *p, size_t len)
{
	if (len == 1)
		return p[0] == '"' || p[0] == '\'' || p[0] == '`';
	if (len == 3 && p[0] == 0xE2 && p[1] == 0x80)
		return p[2] >= 0x98 && p[2] <= 0x9F;
	if (len == 2 && p[0] == 0xC2)
		return p[1] == 0xAB || p[1] == 0xBB;
	return 0;
}

static int is_dash(const unsigned char *p, size_t len)
{
	if (len == 1)
		return p[0] == '-';
	return len == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x93 && p[2] <= 0x95;
}

/* DKG_TF_QUOTE and DKG_TF_DASH of one-byte marks, as is_quote and is_dash. */
static const uint8_t punct_flag[256] = {
    ['"'] = DKG_TF_QUOTE, ['\''] = DKG_TF_QUOTE, ['`'] = DKG_TF_QUOTE, ['-'] = DKG_TF_DASH};

static inline int is_alpha(unsigned char c)
{
	return c >= 0x80 || (ascii_class[c] & C_ALPHA);
}

static inline int is_digit(unsigned char c)
{
	return c < 0x80 && (ascii_class[c] & C_DIGIT);
}

/*
 * Folding a non-ASCII token through utf8proc costs some 2,000 instructions,
 * and such tokens repeat: curly quotes, dashes, names with diacritics. The
 * folded form of recent ones is kept in a direct-mapped table keyed by the
 * token's bytes; what it holds is exactly what utf8proc gave.
 */
#define FOLD_SLOTS 4096         /* a power of two */
#define FOLD_ARENA (256 * 1024) /* key and folded bytes; emptied when full */
#define FOLD_MAX   64           /* longer tokens are always folded afresh */

struct dkg_fold_memo {
	struct {
		uint64_t hash;
		uint32_t off;       /* in bytes: the key, then the folded form */
		uint8_t klen, olen; /* klen 0: an empty slot */
	} slot[FOLD_SLOTS];
	size_t used;
	char bytes[FOLD_ARENA];
};

/* Appends the folded form of a non-ASCII token to t->norm, through the memo. */
static void fold_token(dkg_tokens *t, const char *s, size_t n)
{
	uint64_t h;
	size_t before = t->norm.len, olen, k;
	dkg_fold_memo *m = t->memo;
	if (n > FOLD_MAX || (!m && !(m = t->memo = dkg_calloc(1, sizeof *m)))) {
		dkg_fold_append(&t->norm, s, n);
		return;
	}
	h = dkg_hash(DKG_HASH_INIT, s, n);
	k = h & (FOLD_SLOTS - 1);
	if (m->slot[k].klen == n && m->slot[k].hash == h &&
	    !memcmp(m->bytes + m->slot[k].off, s, n)) {
		dkg_buf_put(&t->norm, m->bytes + m->slot[k].off + n, m->slot[k].olen);
		return;
	}
	dkg_fold_append(&t->norm, s, n);
	olen = t->norm.len - before;
	if (t->norm.oom || olen > 255)
		return;
	if (m->used + n + olen > FOLD_ARENA) {
		memset(m->slot, 0, sizeof m->slot);
		m->used = 0;
	}
	m->slot[k].hash = h;
	m->slot[k].off = (uint32_t)m->used;
	m->slot[k].klen = (uint8_t)n;
	m->slot[k].olen = (uint8_t)olen;
	memcpy(m->bytes + m->used, s, n);
	memcpy(m->bytes + m->used + n, t->norm.data + before, olen);
	m->used += n + olen;
}

/* Room for one more token and for `n` more folded bytes, their NUL, the NUL
 * that ends the buffer and the 7 bytes a word-at-a-time store may write past
 * them. Growth is rare: the check is inline, the growing is not. */
static int reserve_slow(dkg_tokens *t, size_t n)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		dkg_token *p = dkg_realloc(t->tok, cap * sizeof *p);
		if (!p)
			return DKG_ENOMEM;
		t->tok = p;
		t->cap = cap;
	}
	if (dkg_buf_grow(&t->norm, t->norm.len + n + 10) < 0)
		return DKG_ENOMEM;
	return DKG_OK;
}

static inline int reserve(dkg_tokens *t, size_t n)
{
	if (t->n < t->cap && t->norm.len + n + 10 < t->norm.cap)
		return DKG_OK;
	return reserve_slow(t, n);
}

/* Records a token whose `nl` folded bytes have just been written at the end
 * of t->norm (room for them was reserved). */
static inline void add_token(dkg_tokens *t, size_t start, size_t end, size_t nl, uint64_t h,
                             uint8_t type, uint8_t flags)
{
	dkg_token *tok = &t->tok[t->n++];
	tok->start = (uint32_t)start;
	tok->end = (uint32_t)end;
	tok->norm = (uint32_t)t->norm.len;
	tok->nlen = (uint32_t)nl;
	tok->hash = h;
	tok->type = type;
	tok->flags = flags;
	tok->cls = 0;
	/* the NUL that ends the folded form (over a trimmed final period), and
	 * the one that ends the buffer */
	t->norm.data[t->norm.len + nl] = '\0';
	t->norm.len += nl + 1;
	t->norm.data[t->norm.len] = '\0';
}

/*
 * Appends token [s, e) of `text`, any kind: its folded form (lower case;
 * NFKC and case folding through utf8proc when it has a non-ASCII byte),
 * without a final period on words, NUL-terminated, and the hash of that
 * form. ASCII tokens take push_ascii instead.
 */
static int push_token(dkg_tokens *t, const char *text, size_t base, size_t s, size_t e,
                      uint8_t type, uint8_t flags)
{
	const unsigned char *src = (const unsigned char *)text + s;
	size_t n = e - s, before, k, nl;
	char *d;
	if (reserve(t, n) < 0)
		return DKG_ENOMEM;
	before = t->norm.len;
	d = t->norm.data + before;
	for (k = 0; k < n; k++) {
		unsigned c = src[k];
		if (c >= 0x80)
			break;
		d[k] = (char)((ascii_class[c] & C_UPPER) ? c + 32 : c);
	}
	nl = n;
	if (k < n) {
		fold_token(t, text + s, n);
		nl = t->norm.len - before;
		t->norm.len = before;
		if (t->norm.oom || reserve(t, nl) < 0)
			return DKG_ENOMEM;
		d = t->norm.data + before;
	}
	/* a token's folded form never keeps a final period: "Mr." matches "mr" */
	if (nl > 1 && d[nl - 1] == '.' && type == DKG_TOK_WORD)
		nl--;
	add_token(t, base + s, base + e, nl, dkg_token_hash(d, nl), type, flags);
	return DKG_OK;
}

static inline void store64le(void *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	memcpy(p, &w, 8);
}

/* Lower case for 8 bytes of an ASCII word: letters, digits and the joiners
 * - & , . ' are all it holds, and among those bytes only A-Z have bit 0x40
 * set and 0x20 clear, so copying 0x40 into 0x20 folds them and leaves the
 * rest as they are. */
static inline uint64_t fold8(uint64_t w)
{
	return w | (w >> 1 & 0x2020202020202020ULL);
}

static inline unsigned first_set_byte(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m) / 8;
#else
	unsigned k = 0;
	while (!(m & 0xFF)) {
		m >>= 8;
		k++;
	}
	return k;
#endif
}

/*
 * The tokens and folded forms dkg_tokenize appends, kept in locals: both are
 * written through pointers that C lets alias anything, so the fields of
 * dkg_tokens would be reloaded after every store. dkg_tokenize reserves room
 * for the rest of the text up front (tk_room), so the ASCII paths append
 * without a check, and copies the fields back (tk_save) around the rare
 * calls that work on `t` itself.
 */
struct tk {
	dkg_token *tp;  /* the next token: t->tok + t->n */
	char *dp;       /* the next folded byte: t->norm.data + t->norm.len */
	char *d;        /* t->norm.data */
	dkg_token *lim; /* t->tok + max_tokens, or past any token this text can make */
};

static inline void tk_load(struct tk *k, const dkg_tokens *t, size_t lim)
{
	k->tp = t->tok + t->n;
	k->lim = t->tok + lim;
	k->d = t->norm.data;
	k->dp = k->d + t->norm.len;
}

/* The buffer's final NUL is only written here. */
static inline void tk_save(const struct tk *k, dkg_tokens *t)
{
	t->n = (size_t)(k->tp - t->tok);
	t->norm.len = (size_t)(k->dp - k->d);
	*k->dp = '\0';
}

/*
 * Room for `ntok` more tokens and for the folded forms of ASCII tokens in
 * the `rest` bytes of text still to read: such a form is no longer than its
 * token and is followed by one NUL, two bytes a byte at most, and 16 more
 * hold the buffer's final NUL and the 7 bytes an 8-byte store may write
 * past a form.
 */
static int tk_room(dkg_tokens *t, size_t rest, size_t ntok)
{
	if (ntok > t->cap - t->n) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		dkg_token *p;
		if (cap < t->n + ntok)
			cap = t->n + ntok;
		if (cap > (size_t)-1 / sizeof *p)
			return DKG_ENOMEM;
		p = dkg_realloc(t->tok, cap * sizeof *p);
		if (!p)
			return DKG_ENOMEM;
		t->tok = p;
		t->cap = cap;
	}
	if (rest > ((size_t)-1 - 16 - t->norm.len) / 2 ||
	    dkg_buf_grow(&t->norm, t->norm.len + 2 * rest + 16) < 0)
		return DKG_ENOMEM;
	return DKG_OK;
}

/* Records a token whose `nl` folded bytes have just been written at the end
 * of the folded forms. */
static inline void tk_emit(struct tk *k, size_t start, size_t end, size_t nl, uint64_t h,
                           uint8_t type, uint8_t flags)
{
	dkg_token *tok = k->tp++;
	tok->start = (uint32_t)start;
	tok->end = (uint32_t)end;
	tok->norm = (uint32_t)(k->dp - k->d);
	tok->nlen = (uint32_t)nl;
	tok->hash = h;
	tok->type = type;
	tok->flags = flags;
	tok->cls = 0;
	/* the NUL that ends the form, over a trimmed final period */
	k->dp[nl] = '\0';
	k->dp += nl + 1;
}

/*
 * Appends the ASCII token [s, e) of `u` (which ends at `end`), as push_token
 * would, folding and hashing it eight bytes at a time in one pass. `lower`:
 * a word or number, whose case fold8 folds; punctuation folds to itself.
 */
static inline void tk_ascii(struct tk *k, const unsigned char *u, const unsigned char *end,
                            size_t base, size_t s, size_t e, uint8_t type, uint8_t flags, int lower)
{
	const unsigned char *p = u + s;
	size_t n = e - s, j;
	uint64_t h = DKG_TOKEN_HASH_INIT, w;
	char *d = k->dp;
	if (n > 1 && p[n - 1] == '.' && type == DKG_TOK_WORD)
		n--; /* "Mr." is "mr", as in push_token */
	for (j = 0; j + 8 <= n; j += 8) {
		w = dkg_load64le(p + j);
		w = lower ? fold8(w) : w;
		store64le(d + j, w);
		h = dkg_token_hash_step(h, w);
	}
	if (j < n) {
		/* the last bytes, zero-padded; read as one word unless that would
		 * read past the end of the text */
		size_t r = n - j;
		if (p + j + 8 <= end)
			w = dkg_load64le(p + j) & (~0ULL >> (64 - 8 * r));
		else
			w = dkg_load_tail(p + j, r);
		w = lower ? fold8(w) : w;
		store64le(d + j, w);
		h = dkg_token_hash_step(h, w);
	}
	tk_emit(k, base + s, base + e, n, dkg_token_hash_end(h, n), type, flags);
}

/*
 * A token with a non-ASCII byte, through push_token on `t` (whose fields the
 * caller saved), then room again for the `rest` bytes still to read, as
 * folding may have used more than the token's length. Takes `t`, not the
 * locals, so that they stay in registers.
 */
static int tk_other(dkg_tokens *t, const char *text, size_t base, size_t s, size_t e, uint8_t type,
                    uint8_t flags, size_t rest)
{
	int rc = push_token(t, text, base, s, e, type, flags);
	return rc < 0 ? rc : tk_room(t, rest, 0);
}

/* Bit 7 set in each byte of `w` that is not an ASCII letter or digit. Each
 * range test adds to 7-bit bytes, so no carry crosses into the next byte. */
static inline uint64_t not_alnum8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones << 7;
	uint64_t x = w & ~high, lc = x | ones * 0x20; /* A-Z as a-z */
	uint64_t digit = (x + ones * (0x80 - '0')) & ~(x + ones * (0x7F - '9'));
	uint64_t alpha = (lc + ones * (0x80 - 'a')) & ~(lc + ones * (0x7F - 'z'));
	return (~(digit | alpha) | w) & high;
}

/*
 * The common word: ASCII letters and digits from *pi up to a space, the end
 * of the text or a mark that cannot join it to more (a hyphen, ampersand or
 * byte from 0x80 can; a period or apostrophe can before a letter), where
 * nothing in tk_general would change it but an abbreviation's period; the
 * caller knows it is no number and not all capitals.
 * Finds its end and folds, stores and hashes it in one pass over 8-byte
 * blocks, appends it and returns 1. Otherwise returns 0 with *pi at the end
 * of the run of letters and digits, for the general scan to go on from.
 */
static inline int tk_word(struct tk *k, const unsigned char *u, size_t n, size_t base, size_t *pi,
                          uint8_t flags)
{
	size_t s = *pi, j, e, r;
	uint64_t h = DKG_TOKEN_HASH_INIT, w, m;
	char *d = k->dp;
	int period = 0;
	for (j = s;; j += 8) {
		/* zero padding past the end of the text ends the run */
		w = j + 8 <= n ? dkg_load64le(u + j) : dkg_load_tail(u + j, n - j);
		m = not_alnum8(w);
		if (m)
			break;
		w = fold8(w);
		store64le(d + (j - s), w);
		h = dkg_token_hash_step(h, w);
	}
	r = first_set_byte(m);
	e = j + r;
	*pi = e;
	if (e < n && (ascii_class[u[e]] & C_JOIN || u[e] >= 0x80)) {
		/* a mark that joins nothing here: a period before a space or
		 * another mark (the word may take it), an apostrophe before no
		 * letter or before the possessive 's */
		unsigned char c = u[e], next = e + 1 < n ? u[e + 1] : ' ';
		if (c == '.' && next < 0x80 && !(ascii_class[next] & C_ALNUM))
			period = 1;
		else if (c != '\'' || (is_alpha(next) && !((next == 's' || next == 'S') &&
		                                           (e + 2 >= n || !is_alpha(u[e + 2])))))
			return 0;
	}
	if (r) {
		w = fold8(w & (~0ULL >> (64 - 8 * r)));
		store64le(d + (j - s), w);
		h = dkg_token_hash_step(h, w);
	}
	/* "Mr." takes its period, which its folded form leaves out */
	if (period && dkg_is_abbreviation(d, e - s)) {
		flags |= DKG_TF_ABBREV;
		*pi = e + 1;
	}
	tk_emit(k, base + s, base + *pi, e - s, dkg_token_hash_end(h, e - s), DKG_TOK_WORD, flags);
	return 1;
}

/*
 * Every word tk_word does not take: joined by marks ("U.S.", "well-known",
 * "1,000", "O'Brien"), ending in a period that may belong to it, ending in
 * "n't", with non-ASCII letters, or perhaps all capitals. The word starts at
 * `s`; the scan goes on from `i`, past a run holding a lower-case letter when
 * `letters` is set. Works on `t`, whose fields the caller saved, so that the
 * common path in dkg_tokenize keeps its locals in registers. Returns where
 * the word ends and sets *prc to 0 or DKG_ENOMEM.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t
tk_general(dkg_tokens *t, const char *text, size_t base, size_t n, size_t lim, size_t s, size_t i,
           uint8_t flags, int letters, int *prc)
{
	const unsigned char *u = (const unsigned char *)text;
	const unsigned char *end = u + n;
	unsigned char c = u[s];
	int digits = is_digit(c), upper = 0, dots = 0;
	int ascii = 1; /* no byte from 0x80: tk_ascii can fold it */
	int rc = DKG_OK;
	size_t len;
	uint8_t type;
	struct tk k;
	if (c >= 0x80) {
		/* non-ASCII initial: upper case when its lower case differs */
		utf8proc_int32_t cp;
		if (utf8proc_iterate(u + s, (utf8proc_ssize_t)(end - (u + s)), &cp) > 0 &&
		    utf8proc_tolower(cp) != cp)
			flags |= DKG_TF_CAP;
	}
	/* the general scan: joiners, non-ASCII letters, capitals counted */
	for (;;) {
		for (;;) {
			if (i >= n)
				break;
			c = u[i];
			if (c < 0x80) {
				uint8_t kk = ascii_class[c];
				if (!(kk & C_ALNUM))
					break;
				upper += (kk & C_UPPER) != 0;
				letters += (kk & C_ALPHA) != 0;
				i++;
				continue;
			}
			if (classify_utf8(u + i, end, &len) != 0)
				break;
			ascii = 0;
			letters++;
			i += len;
		}
		/* a space ends the word: no joiner below starts with one */
		if (i + 1 >= n || (ascii_class[u[i]] & C_SPACE))
			break;
		/* joiners: hyphen or period or apostrophe between word characters,
		 * comma or period inside numbers */
		if ((u[i] == '-' || u[i] == '&') && is_alpha(u[i + 1]) && letters) {
			i++;
			continue;
		}
		if ((u[i] == ',' || u[i] == '.') && digits && is_digit(u[i + 1]) &&
		    is_digit(u[i - 1])) {
			i++;
			continue;
		}
		if (u[i] == '.' && is_alpha(u[i + 1]) && letters &&
		    (i + 2 >= n || !is_alpha(u[i + 2]) || u[i + 2] == '.') && i - s <= 3) {
			/* U.S, U.N, E.U */
			dots++;
			i++;
			continue;
		}
		{
			/* an apostrophe inside a word (O'Brien, don't), ASCII or
			 * curly, but not the possessive 's, which is a token of its
			 * own */
			size_t al =
			    u[i] == '\'' ? 1
			    : (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x99)
			        ? 3
			        : 0;
			if (al && i + al < n && is_alpha(u[i + al]) && letters &&
			    !((u[i + al] == 's' || u[i + al] == 'S') &&
			      (i + al + 1 >= n || !is_alpha(u[i + al + 1])))) {
				ascii &= al == 1;
				i += al;
				continue;
			}
		}
		break;
	}
	type = digits && !letters ? DKG_TOK_NUM : DKG_TOK_WORD;
	if (letters >= 2 && upper == letters)
		flags |= DKG_TF_ALLCAPS;
	/* a period that belongs to the token */
	if (i < n && u[i] == '.' && type == DKG_TOK_WORD) {
		size_t wl = i - s;
		char low[8];
		int take = 0;
		if (dots) {
			take = 1;
		} else if (wl == 1 && (flags & DKG_TF_CAP)) {
			take = 1;
			flags |= DKG_TF_INITIAL;
		} else if (wl < sizeof low) {
			for (size_t q = 0; q < wl; q++)
				low[q] = (char)((u[s + q] >= 'A' && u[s + q] <= 'Z') ? u[s + q] + 32
				                                                     : u[s + q]);
			take = dkg_is_abbreviation(low, wl);
		}
		if (take) {
			i++;
			flags |= DKG_TF_ABBREV;
		}
	}
	/* "don't", "didn’t": split off n't */
	{
		size_t cut = 0, mid;
		if (i > s + 3 && (u[i - 1] == 't' || u[i - 1] == 'T') && u[i - 2] == '\'' &&
		    (u[i - 3] == 'n' || u[i - 3] == 'N'))
			cut = i - 3;
		else if (i > s + 5 && (u[i - 1] == 't' || u[i - 1] == 'T') && u[i - 4] == 0xE2 &&
		         u[i - 3] == 0x80 && u[i - 2] == 0x99 &&
		         (u[i - 5] == 'n' || u[i - 5] == 'N'))
			cut = i - 5;
		mid = cut ? cut : i;
		if (ascii) {
			tk_load(&k, t, lim);
			tk_ascii(&k, u, end, base, s, mid, type, flags, 1);
			if (cut)
				tk_ascii(&k, u, end, base, cut, i, DKG_TOK_WORD, 0, 1);
			tk_save(&k, t);
		} else {
			rc = tk_other(t, text, base, s, mid, type, flags, n - i);
			if (rc == DKG_OK && cut)
				rc = tk_other(t, text, base, cut, i, DKG_TOK_WORD, 0, n - i);
		}
	}
	*prc = rc;
	return i;
}

int dkg_tokenize(dkg_tokens *t, const char *text, size_t base, size_t n, size_t max_tokens)
{
	const unsigned char *u = (const unsigned char *)text;
	const unsigned char *end = u + n;
	size_t i = 0, len, ntok = n, lim = t->n + n;
	uint8_t para = DKG_TF_PARA;
	int rc = DKG_OK;
	struct tk k;
	if (!n)
		return DKG_OK;
	/* a token covers at least one byte ("don't" is "do" and "n't"), and one
	 * token start past the limit may add two */
	if (max_tokens < lim) {
		lim = max_tokens;
		ntok = max_tokens >= t->n ? max_tokens - t->n + 1 : 0;
	}
	if (tk_room(t, n, ntok) < 0)
		return DKG_ENOMEM;
	tk_load(&k, t, lim);
	while (i < n) {
		unsigned char c = u[i];
		unsigned kc = ascii_class[c];
		size_t s = i;
		int letters = 0; /* the run from s to i has a lower-case letter */
		uint8_t flags = para, type;
		/* ASCII white space, most of what lies between tokens */
		if (kc & C_SPACE) {
			para |= (uint8_t)((c == '\n') * DKG_TF_PARA);
			i++;
			continue;
		}
		if (k.tp >= k.lim) {
			rc = DKG_ELIMIT;
			break;
		}
		if (kc & C_ALNUM) {
			flags |= (uint8_t)((kc & C_UPPER) / C_UPPER * DKG_TF_CAP);
			/* a word with a lower-case letter in its first two can never be
			 * all capitals ("said", "President"): tk_word takes it whole or
			 * passes its ASCII run without counting letters or capitals */
			if ((kc & C_ALPHA) &&
			    (!(kc & C_UPPER) || (i + 1 < n && (ascii_class[u[i + 1]] &
			                                       (C_ALPHA | C_UPPER)) == C_ALPHA))) {
				if (tk_word(&k, u, n, base, &i, flags)) {
					para = 0;
					continue;
				}
				letters = 1; /* only whether there are letters matters here */
			}
		} else {
			int cls = 2;
			len = 1;
			if (c >= 0x80)
				cls = classify_utf8(u + i, end, &len);
			if (cls == 1) {
				i += len;
				continue;
			}
			if (cls == 2) {
				if (len == 1)
					flags |= punct_flag[c];
				else
					flags |=
					    (uint8_t)((is_quote(u + i, len) ? DKG_TF_QUOTE : 0) |
					              (is_dash(u + i, len) ? DKG_TF_DASH : 0));
				/* an apostrophe starting "'s" (possessive) */
				if ((c == '\'' || (len == 3 && c == 0xE2 && u[i + 2] == 0x99)) &&
				    i + len < n && (u[i + len] == 's' || u[i + len] == 'S') &&
				    (i + len + 1 >= n || !is_alpha(u[i + len + 1])) && i > 0 &&
				    is_alpha(u[i - 1])) {
					flags &= (uint8_t)~DKG_TF_QUOTE;
					i += len + 1;
					type = DKG_TOK_WORD;
				} else {
					/* a run of one ASCII mark ("...", "--") is one token */
					i += len;
					if (len == 1)
						while (i < n && u[i] == c)
							i++;
					type = DKG_TOK_PUNCT;
				}
				para = 0;
				if (len == 1) {
					/* a possessive folds; other marks are their own form */
					tk_ascii(&k, u, end, base, s, i, type, flags,
					         type == DKG_TOK_WORD);
					continue;
				}
				tk_save(&k, t);
				rc = tk_other(t, text, base, s, i, type, flags, n - i);
				tk_load(&k, t, lim);
				if (rc < 0)
					break;
				continue;
			}
		}
		tk_save(&k, t);
		i = tk_general(t, text, base, n, lim, s, i, flags, letters, &rc);
		tk_load(&k, t, lim);
		if (rc < 0)
			break;
		para = 0;
	}
	tk_save(&k, t);
	return rc;
}

void dkg_tokens_clear(dkg_tokens *t)
{
	t->n = 0;
	dkg_buf_clear(&t->norm);
}

void dkg_tokens_free(dkg_tokens *t)
{
	dkg_free(t->tok);
	t->tok = NULL;
	t->n = t->cap = 0;
	dkg_buf_free(&t->norm);
	dkg_free(t->memo);
	t->memo = NULL;
}

static const char *const starters[] = {"the", "he",  "she",   "it",  "they", "we",    "in",
                                       "on",  "but", "a",     "an",  "this", "that",  "i",
                                       "his", "her", "their", "its", "mr",   "after", "at"};

static int is_starter(const char *w)
{
	size_t i;
	for (i = 0; i < sizeof starters / sizeof starters[0]; i++)
		if (!strcmp(w, starters[i]))
			return 1;
	return 0;
}

size_t dkg_split_sentences(const dkg_tokens *t, const char *text, size_t *ends, size_t max)
{
	/* locals: a store to `ends` could otherwise alias t->n and t->tok */
	const dkg_token *tok = t->tok;
	size_t i, n = 0, nt = t->n;
	(void)text;
	if (!max)
		return 0;
	/* the last token is left to the end: whatever ends there, the sentence
	 * ends at nt, which the last step adds */
	for (i = 0; i + 1 < nt; i++) {
		const dkg_token *k = &tok[i];
		int end = 0;
		/* most tokens end nothing: none of the three ways one can */
		if (!(k[1].flags & DKG_TF_PARA) && k->type != DKG_TOK_PUNCT &&
		    !(k->flags & DKG_TF_ABBREV))
			continue;
		if (k[1].flags & DKG_TF_PARA)
			end = 1; /* paragraph break */
		else if (k->type == DKG_TOK_PUNCT && !(k->flags & DKG_TF_QUOTE)) {
			const char *w = dkg_tok_norm(t, i);
			if (w[0] == '.' || w[0] == '!' || w[0] == '?' ||
			    (k->nlen == 3 && !memcmp(w, "\xe2\x80\xa6", 3))) {
				size_t j = i + 1;
				/* closing quotes and brackets stay with the sentence */
				while (j < nt && ((tok[j].flags & DKG_TF_QUOTE) ||
				                  dkg_tok_norm(t, j)[0] == ')')) {
					if (j + 1 < nt && (tok[j + 1].flags & DKG_TF_CAP) == 0 &&
					    (tok[j].flags & DKG_TF_QUOTE) &&
					    tok[j].start > tok[j - 1].end)
						break; /* an opening quote after a space */
					j++;
				}
				if (j >= nt ||
				    (tok[j].flags & (DKG_TF_CAP | DKG_TF_QUOTE | DKG_TF_PARA)) ||
				    tok[j].type == DKG_TOK_NUM) {
					i = j - 1;
					end = 1;
				}
			}
		} else if ((k->flags & DKG_TF_ABBREV) && !(k->flags & DKG_TF_INITIAL) &&
		           k->nlen > 2 && memchr(dkg_tok_norm(t, i), '.', k->nlen) &&
		           (tok[i + 1].flags & DKG_TF_CAP) && is_starter(dkg_tok_norm(t, i + 1))) {
			end = 1; /* "... the U.S. The next ..." */
		}
		if (end) {
			ends[n++] = i + 1;
			if (n == max)
				return n;
		}
	}
	if (nt && (n == 0 || ends[n - 1] != nt))
		ends[n++] = nt;
	return n;
}
