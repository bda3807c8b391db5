/*
 * iri.c - minted IRIs, literal text and normalised lexical forms for the
 * RDF writer (see iri.h). Raptor escapes what it writes but does not check
 * it: these functions make sure what it gets is well formed.
 */
#include "iri.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char hexdigits_upper[] = "0123456789ABCDEF";
static const char hexdigits_lower[] = "0123456789abcdef";

/* Length of the well-formed UTF-8 sequence at `p` (1..4), storing its code
 * point in `*cp`; 0 when the bytes are not one (overlong forms, surrogates
 * and values past U+10FFFF included). */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
			return 0; /* overlong, or a surrogate */
		*cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
			return 0; /* overlong, or past U+10FFFF */
		*cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		      ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	return 0;
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int dkg_iri_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (!s || n == 0 || !is_alpha(p[0]))
		return 0;
	while (i < n && (is_alpha(p[i]) || (p[i] >= '0' && p[i] <= '9') || p[i] == '+' ||
	                 p[i] == '-' || p[i] == '.'))
		i++;
	if (i == n || p[i] != ':')
		return 0;
	for (i++; i < n;) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t len;
		if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '{' ||
		    c == '}' || c == '|' || c == '\\' || c == '^' || c == '`')
			return 0;
		if (c == '%') {
			if (i + 2 >= n || !is_hex(p[i + 1]) || !is_hex(p[i + 2]))
				return 0;
			i += 3;
			continue;
		}
		len = utf8_seq(p + i, n - i, &cp);
		if (!len || (cp >= 0x80 && cp <= 0x9F))
			return 0;
		i += len;
	}
	return 1;
}

void dkg_iri_put_encoded(dkg_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n &&
		       (is_alpha(p[run]) || (p[run] >= '0' && p[run] <= '9') || p[run] == '-' ||
		        p[run] == '.' || p[run] == '_' || p[run] == '~'))
			run++;
		if (run > i) {
			dkg_buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		{
			char esc[3] = {'%', hexdigits_upper[p[i] >> 4], hexdigits_upper[p[i] & 15]};
			dkg_buf_put(b, esc, 3);
		}
		i++;
	}
}

void dkg_iri_put_hex64(dkg_buf *b, uint64_t h)
{
	char hex[16];
	int i;
	for (i = 15; i >= 0; i--, h >>= 4)
		hex[i] = hexdigits_lower[h & 15];
	dkg_buf_put(b, hex, 16);
}

void dkg_text_clean(dkg_buf *b, const char *s, size_t n)
{
	static const char fffd[] = "\xEF\xBF\xBD";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (dkg_buf_grow(b, b->len + n + 1))
		return;
	while (i < n) {
		size_t run = i, len;
		uint32_t cp;
		/* Printable ASCII is by far the common case: copy it in runs (DEL is a
		 * control character: Raptor's RDF/XML writer refuses it). */
		while (run < n && p[run] >= 0x20 && p[run] < 0x7F)
			run++;
		if (run > i) {
			dkg_buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		len = utf8_seq(p + i, n - i, &cp);
		if (len == 1) { /* a control character */
			/* a carriage return ends a line like a line feed: Raptor's Turtle
			 * writer puts a lone one raw into a short string, which is invalid */
			if (cp == '\r' && !(i + 1 < n && p[i + 1] == '\n'))
				dkg_buf_putc(b, '\n');
			else if (cp == '\t' || cp == '\n')
				dkg_buf_putc(b, (char)cp);
		} else if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
			dkg_buf_put(b, fffd, 3);
			if (len == 0)
				len = 1;
		} else {
			dkg_buf_put(b, s + i, len);
		}
		i += len;
	}
}

size_t dkg_utf8_count(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, count = 0;
	for (i = 0; i < n; i++)
		count += (p[i] & 0xC0) != 0x80;
	return count;
}

size_t dkg_decimal__format_printf(char *out, size_t cap, double v, int digits)
{
	int len;
	char *dot, *end, *q;
	if (!isfinite(v))
		return 0;
	len = snprintf(out, cap, "%.*f", digits, v);
	if (len <= 0 || (size_t)len >= cap)
		return 0;
	dot = strchr(out, '.');
	if (!dot) { /* digits == 0 */
		if ((size_t)len + 2 >= cap)
			return 0;
		memcpy(out + len, ".0", 3);
		len += 2;
		dot = out + len - 2;
	}
	/* Strip trailing zeros, keeping one digit after the point. */
	end = out + len;
	while (end > dot + 2 && end[-1] == '0')
		end--;
	*end = '\0';
	/* Rounding can leave "-0.0": the sign of zero is not a decimal. */
	if (out[0] == '-') {
		for (q = out + 1; q < end && (*q == '0' || *q == '.'); q++)
			;
		if (q == end) {
			memmove(out, out + 1, (size_t)(end - out));
			end--;
		}
	}
	return (size_t)(end - out);
}

/*
 * The same without printf for the common case (a confidence, a coordinate):
 * v scaled by 10^digits is rounded to an integer, whose digits are then
 * written with the point put back. A product that falls exactly half-way is
 * left to printf, which rounds the exact binary value: the scaled product is
 * correctly rounded, so on any other value both round the same way (a
 * product cannot round across a half, which is itself representable).
 */
size_t dkg_decimal_format(char *out, size_t cap, double v, int digits)
{
	static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	char tmp[32];
	size_t n = 0, len = 0, keep;
	double x, f;
	unsigned long long u;
	int neg;
	if (!isfinite(v) || digits < 0 || digits > 6 || !(fabs(v) < 1e9) || cap < 32)
		return dkg_decimal__format_printf(out, cap, v, digits);
	x = v * scale[digits];
	f = floor(x);
	if (x - f == 0.5)
		return dkg_decimal__format_printf(out, cap, v, digits);
	f += x - f > 0.5;
	neg = f < 0;
	u = (unsigned long long)(neg ? -f : f);
	/* digits from the right: the fraction (at least one), then the integer part */
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u || n < (size_t)digits + 1);
	if (neg && n > 0) {
		size_t k;
		for (k = 0; k < n && tmp[k] == '0'; k++)
			;
		neg = k < n; /* no "-0.0" */
	}
	if (neg)
		out[len++] = '-';
	while (n > (size_t)digits)
		out[len++] = tmp[--n];
	out[len++] = '.';
	/* the fraction without trailing zeros, keeping one digit */
	keep = 1;
	for (size_t k = 0; k < n; k++)
		if (tmp[k] != '0') {
			keep = n - k;
			break;
		}
	if (!digits) {
		out[len++] = '0';
	} else {
		for (size_t k = 0; k < keep; k++)
			out[len++] = tmp[n - 1 - k];
	}
	out[len] = '\0';
	return len;
}

size_t dkg_integer_format(char *out, long long v)
{
	char tmp[24];
	size_t n = 0, len = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = tmp[--n];
	out[len] = '\0';
	return len;
}

int dkg_date_valid(const char *s, size_t n)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int i, y, m, d;
	if (!s || n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}
