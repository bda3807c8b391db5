/*
 * jsonl_fields.c - the fast path of the JSON Lines reader: one pass over a
 * line that checks it is a JSON object and picks out the members dkg reads
 * (id, url, title, date, text) without building a tree. Anything out of the
 * ordinary goes back to jansson, which stays the reference: this reader only
 * ever accepts lines that jansson accepts and reads the same values from them
 * (tests/test_ingest.c compares the two on generated and mutated lines).
 */
#include <stdint.h>
#include <string.h>

#include "ingest_internal.h"

/* Nesting deeper than this is left to jansson, which has its own limit. */
#define MAX_DEPTH 32

enum { F_ID, F_URL, F_TITLE, F_DATE, F_TEXT, F_COUNT };

typedef struct field {
	size_t off, len; /* in the line, or in the scratch buffer when `decoded` */
	int seen, present, decoded;
} field;

typedef struct scan {
	const unsigned char *p, *end;
	dkg_buf *scratch;
	field f[F_COUNT];
} scan;

static void skip_ws(scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = (v << 4) | d;
	}
	*out = v;
	return 0;
}

static void put_utf8(dkg_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	dkg_buf_put(b, u, n);
}

/*
 * Reads a string whose opening quote is at s->p. With `into`, appends the
 * decoded value to the scratch buffer; *escaped tells whether it had escapes
 * (without them the value is the raw bytes). Returns 0, or -1 to hand the
 * line back (invalid string, a control character, "\u0000", a lone
 * surrogate, invalid UTF-8). Bytes past 0x7F are checked here, as they are
 * met: outside strings, JSON has none.
 */
static int read_string(scan *s, field *into, int *escaped)
{
	const unsigned char *p = ++s->p, *run = p;
	size_t start = s->scratch->len;
	*escaped = 0;
	for (;;) {
		for (;;) {
			/* the common case: a run of plain ASCII, eight bytes at a time
			 * while none is a quote, a backslash, a control character or
			 * past 0x7F */
			while (s->end - p >= 8) {
				uint64_t v, q, b, c;
				memcpy(&v, p, 8);
				q = v ^ 0x2222222222222222ull; /* '"' */
				b = v ^ 0x5c5c5c5c5c5c5c5cull; /* '\\' */
				c = (q - 0x0101010101010101ull) & ~q;
				c |= (b - 0x0101010101010101ull) & ~b;
				c |= (v - 0x2020202020202020ull) & ~v; /* a byte below 0x20 */
				c |= v;                                /* a byte past 0x7F */
				if (c & 0x8080808080808080ull)
					break;
				p += 8;
			}
			while (p < s->end && *p < 0x80 && *p != '"' && *p != '\\' && *p >= 0x20)
				p++;
			/* a character past ASCII: checked, and the run goes on */
			if (p < s->end && *p >= 0x80) {
				size_t n = dkg_ingest__utf8_char(p, (size_t)(s->end - p));
				if (!n)
					return -1;
				p += n;
				continue;
			}
			break;
		}
		if (p >= s->end || *p < 0x20)
			return -1;
		if (*p == '"')
			break;
		/* a backslash */
		if (p + 1 >= s->end)
			return -1;
		if (into) {
			if (!*escaped)
				start = s->scratch->len;
			dkg_buf_put(s->scratch, (const char *)run, (size_t)(p - run));
		}
		*escaped = 1;
		switch (p[1]) {
		case '"':
		case '\\':
		case '/':
			if (into)
				dkg_buf_putc(s->scratch, (char)p[1]);
			p += 2;
			break;
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			if (into) {
				static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
				dkg_buf_putc(s->scratch, to[strchr(from, p[1]) - from]);
			}
			p += 2;
			break;
		case 'u': {
			unsigned cp, lo;
			if (s->end - p < 6 || hex4(p + 2, &cp) < 0 || cp == 0 ||
			    (cp >= 0xdc00 && cp <= 0xdfff))
				return -1;
			p += 6;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (s->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
				    hex4(p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
					return -1;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
			if (into)
				put_utf8(s->scratch, cp);
			break;
		}
		default:
			return -1;
		}
		run = p;
	}
	if (into) {
		if (*escaped) {
			dkg_buf_put(s->scratch, (const char *)run, (size_t)(p - run));
			dkg_buf_putc(s->scratch, '\0'); /* fields are read as C strings too */
			into->off = start;
			into->len = s->scratch->len - 1 - start;
			into->decoded = 1;
		} else {
			/* the caller knows where the line starts and sets into->off */
			into->len = (size_t)(p - s->p);
			into->decoded = 0;
		}
	}
	s->p = p + 1;
	return 0;
}

/* A JSON number at s->p; *integer tells whether it has neither fraction nor exponent. */
static int read_number(scan *s, int *integer)
{
	const unsigned char *p = s->p;
	*integer = 1;
	if (p < s->end && *p == '-')
		p++;
	if (p >= s->end)
		return -1;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	else
		return -1;
	if (p < s->end && *p == '.') {
		*integer = 0;
		if (++p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < s->end && (*p == 'e' || *p == 'E')) {
		*integer = 0;
		if (++p < s->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	s->p = p;
	return 0;
}

static int read_literal(scan *s, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return -1;
	s->p += n;
	return 0;
}

/* Checks and passes over any value. */
static int skip_value(scan *s, int depth)
{
	int escaped, integer;
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '"':
		return read_string(s, NULL, &escaped);
	case 't':
		return read_literal(s, "true");
	case 'f':
		return read_literal(s, "false");
	case 'n':
		return read_literal(s, "null");
	case '[':
	case '{': {
		int object = *s->p == '{';
		unsigned char close = object ? '}' : ']';
		if (depth >= MAX_DEPTH)
			return -1;
		s->p++;
		skip_ws(s);
		if (s->p < s->end && *s->p == close) {
			s->p++;
			return 0;
		}
		for (;;) {
			if (object) {
				if (s->p >= s->end || *s->p != '"' ||
				    read_string(s, NULL, &escaped) < 0)
					return -1;
				skip_ws(s);
				if (s->p >= s->end || *s->p != ':')
					return -1;
				s->p++;
				skip_ws(s);
			}
			if (skip_value(s, depth + 1) < 0)
				return -1;
			skip_ws(s);
			if (s->p < s->end && *s->p == ',') {
				s->p++;
				skip_ws(s);
				continue;
			}
			if (s->p < s->end && *s->p == close) {
				s->p++;
				return 0;
			}
			return -1;
		}
	}
	default:
		return read_number(s, &integer);
	}
}

static int key_field(const unsigned char *k, size_t n)
{
	static const char *const names[F_COUNT] = {"id", "url", "title", "date", "text"};
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], k, n))
			return i;
	return -1;
}

/* Reads the value of a member dkg reads, the way ingest_jsonl.c reads jansson's tree. */
static int read_field(scan *s, int which, const unsigned char *line)
{
	field *f = &s->f[which];
	int escaped, integer;
	if (f->seen)
		return -1; /* a repeated member: jansson decides which one counts */
	f->seen = 1;
	if (*s->p == '"') {
		const unsigned char *open = s->p;
		if (read_string(s, f, &escaped) < 0)
			return -1;
		if (!escaped)
			f->off = (size_t)(open + 1 - line);
		f->present = 1;
		return 0;
	}
	if (which == F_TEXT)
		return -1; /* no text string: jansson's path reports it */
	if (which == F_ID && ((*s->p >= '0' && *s->p <= '9') || *s->p == '-')) {
		/* an integer id is written back in decimal, as json_integer_value gives it */
		const unsigned char *num = s->p;
		if (read_number(s, &integer) < 0)
			return -1;
		if (!integer)
			return 0; /* a real number is not an id */
		size_t n = (size_t)(s->p - num);
		if (n > 18 || (n == 2 && num[0] == '-' && num[1] == '0'))
			return -1; /* out of json_int_t's safe range, or "-0" */
		f->off = s->scratch->len;
		f->len = n;
		f->decoded = 1;
		f->present = 1;
		dkg_buf_put(s->scratch, (const char *)num, n);
		dkg_buf_putc(s->scratch, '\0');
		return 0;
	}
	return skip_value(s, 1); /* null, a number, an array...: not a string, so absent */
}

int dkg_jsonl__fields(const char *line, size_t len, dkg_buf *scratch, dkg_jsonl_fields *out)
{
	scan s;
	const unsigned char *base = (const unsigned char *)line;
	const char **val[F_COUNT] = {&out->id, &out->url, &out->title, &out->date, &out->text};
	size_t *vlen[F_COUNT] = {&out->id_len, &out->url_len, &out->title_len, &out->date_len,
	                         &out->text_len};
	memset(&s, 0, sizeof s);
	memset(out, 0, sizeof *out);
	s.p = base;
	s.end = base + len;
	s.scratch = scratch;
	dkg_buf_clear(scratch);
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return 0;
	s.p++;
	skip_ws(&s);
	if (s.p < s.end && *s.p == '}') {
		s.p++;
	} else {
		for (;;) {
			const unsigned char *key;
			size_t klen;
			int escaped, which;
			if (s.p >= s.end || *s.p != '"')
				return 0;
			key = s.p + 1;
			if (read_string(&s, NULL, &escaped) < 0 || escaped)
				return 0; /* escapes in a key: let jansson compare it */
			klen = (size_t)(s.p - 1 - key);
			skip_ws(&s);
			if (s.p >= s.end || *s.p != ':')
				return 0;
			s.p++;
			skip_ws(&s);
			if (s.p >= s.end)
				return 0;
			which = key_field(key, klen);
			if ((which >= 0 ? read_field(&s, which, base) : skip_value(&s, 1)) < 0)
				return 0;
			skip_ws(&s);
			if (s.p < s.end && *s.p == ',') {
				s.p++;
				skip_ws(&s);
				continue;
			}
			if (s.p < s.end && *s.p == '}') {
				s.p++;
				break;
			}
			return 0;
		}
	}
	skip_ws(&s);
	if (s.p != s.end || scratch->oom || !s.f[F_TEXT].present)
		return 0;
	for (int i = 0; i < F_COUNT; i++) {
		if (!s.f[i].present)
			continue;
		*val[i] = s.f[i].decoded ? scratch->data + s.f[i].off : line + s.f[i].off;
		*vlen[i] = s.f[i].len;
	}
	return 1;
}
