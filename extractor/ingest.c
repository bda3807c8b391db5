/*
 * ingest.c - reading documents: paths, directories, stdin and gzip,
 * format detection, UTF-8 repair and size limits, and the helpers every
 * reader shares (diagnostics, document emission, dates).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "dkg/ingest.h"
#include "ingest_internal.h"
#include "util.h"

#define HEAD_SIZE     65536
#define MAX_DIR_DEPTH 64

int dkg_input_format_from_name(dkg_input_format *out, const char *name)
{
	static const struct {
		const char *name;
		dkg_input_format format;
	} names[] = {
	    {"auto", DKG_INPUT_AUTO},   {"text", DKG_INPUT_TEXT},    {"txt", DKG_INPUT_TEXT},
	    {"jsonl", DKG_INPUT_JSONL}, {"ndjson", DKG_INPUT_JSONL}, {"html", DKG_INPUT_HTML},
	    {"nitf", DKG_INPUT_NITF},   {"feed", DKG_INPUT_FEED},    {"rss", DKG_INPUT_FEED},
	    {"atom", DKG_INPUT_FEED},
	};
	size_t i;
	if (!out || !name)
		return DKG_EINVAL;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!strcmp(name, names[i].name)) {
			*out = names[i].format;
			return DKG_OK;
		}
	}
	return DKG_EINVAL;
}

void dkg_ingest__diag(dkg_ingest_ctx *ctx, int code, long line, const char *fmt, ...)
{
	dkg_error err;
	va_list ap;
	if (code < 0)
		ctx->errors++;
	if (!ctx->on_diag)
		return;
	dkg_error_clear(&err);
	err.code = code;
	err.line = line;
	snprintf(err.file, sizeof err.file, "%s", ctx->source ? ctx->source : "");
	va_start(ap, fmt);
	vsnprintf(err.message, sizeof err.message, fmt, ap);
	va_end(ap);
	for (char *p = err.message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	ctx->on_diag(&err, ctx->payload);
}

/* Collapses runs of white space to one space and trims, in place. */
static void squeeze(char *s)
{
	char *w = s;
	int space = 0;
	if (!s)
		return;
	for (const char *r = s; *r; r++) {
		if (isspace((unsigned char)*r)) {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
}

/* Empty strings become NULL so "unknown" has one spelling. */
static void drop_empty(char **field)
{
	if (*field && !**field) {
		dkg_free(*field);
		*field = NULL;
	}
}

int dkg_ingest__emit(dkg_ingest_ctx *ctx, dkg_document *doc, const char *format, long index)
{
	char **short_fields[] = {&doc->id,   &doc->url,       &doc->title,  &doc->date,
	                         &doc->lang, &doc->publisher, &doc->byline, &doc->dateline};
	size_t i;
	int rc = DKG_OK;
	for (i = 0; i < sizeof short_fields / sizeof short_fields[0]; i++) {
		squeeze(*short_fields[i]);
		drop_empty(short_fields[i]);
	}
	if (!doc->source)
		rc |= dkg_document_set(&doc->source, ctx->source, (size_t)-1);
	if (!doc->format)
		rc |= dkg_document_set(&doc->format, format, (size_t)-1);
	if (!doc->id) {
		if (index > 0) {
			dkg_buf b = DKG_BUF_INIT;
			dkg_buf_printf(&b, "%s#%ld", ctx->source, index);
			doc->id = dkg_buf_detach(&b);
			if (!doc->id)
				rc = DKG_ENOMEM;
		} else {
			rc |= dkg_document_set(&doc->id, ctx->source, (size_t)-1);
		}
	}
	if (!doc->date && ctx->opts->default_date)
		rc |= dkg_document_set(&doc->date, ctx->opts->default_date, (size_t)-1);
	if (!doc->text)
		rc |= dkg_document_set(&doc->text, "", 0);
	if (rc != DKG_OK) {
		dkg_document_free(doc);
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	doc->text_len = strlen(doc->text);
	if (doc->text_len > ctx->opts->max_document_size) {
		doc->text_len = dkg_ingest__utf8_cut(doc->text, ctx->opts->max_document_size);
		doc->text[doc->text_len] = '\0';
		dkg_ingest__diag(ctx, DKG_OK, doc->line,
		                 "document longer than %zu bytes, truncated",
		                 ctx->opts->max_document_size);
	}
	if (ctx->on_doc && ctx->on_doc(doc, ctx->payload) != 0) {
		ctx->stopped = 1;
		return DKG_ESTOP;
	}
	if (!ctx->on_doc)
		dkg_document_free(doc);
	return DKG_OK;
}

/* --- UTF-8 ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at `s` (0 when invalid). */
static size_t utf8_valid(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	/* U+FFFE and U+FFFF are not characters and XML rejects them */
	if (n == 3 && (cp == 0xfffe || cp == 0xffff))
		return 0;
	return n;
}

size_t dkg_ingest__utf8_char(const unsigned char *s, size_t len)
{
	return len ? utf8_valid(s, len) : 0;
}

size_t dkg_ingest__utf8_repair(dkg_buf *out, const char *s, size_t len, int markup,
                               long *first_line)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
	size_t repairs = 0;
	long line = 1;
	dkg_buf_grow(out, out->len + len);
	while (p < end) {
		unsigned c = *p;
		size_t n;
		if (c == '\n') {
			line++;
			p++;
			continue;
		}
		if (c >= 0x20 && c < 0x80) {
			p++;
			continue;
		}
		if (c == '\t' || c == '\r') {
			p++;
			continue;
		}
		n = c < 0x80 ? (c == 0 ? 0 : 1) : utf8_valid(p, (size_t)(end - p));
		if (n == 1 && c < 0x20 && markup) {
			dkg_buf_put(out, (const char *)run, (size_t)(p - run));
			dkg_buf_putc(out, ' ');
			run = ++p;
			continue;
		}
		if (n > 0) {
			p += n;
			continue;
		}
		dkg_buf_put(out, (const char *)run, (size_t)(p - run));
		if (c != 0)
			dkg_buf_put(out, "\xef\xbf\xbd", 3);
		if (repairs++ == 0 && first_line)
			*first_line = line;
		run = ++p;
	}
	dkg_buf_put(out, (const char *)run, (size_t)(p - run));
	return repairs;
}

int dkg_ingest__utf8_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		uint64_t w;
		size_t n;
		/* eight ASCII bytes at a time: no high bit and no zero byte */
		if (end - p >= 8) {
			memcpy(&w, p, 8);
			if (!(w & 0x8080808080808080ull) &&
			    !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
				p += 8;
				continue;
			}
		}
		if (*p == 0)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (!(n = utf8_valid(p, (size_t)(end - p))))
			return 0;
		p += n;
	}
	return 1;
}

size_t dkg_ingest__utf8_cut(const char *s, size_t len)
{
	size_t i = len;
	unsigned c;
	/* back over at most three continuation bytes to the lead byte of the last character */
	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || (c = (unsigned char)s[i - 1]) < 0xc0)
		return len;
	return len - (i - 1) < (size_t)(c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) ? i - 1 : len;
}

/* --- dates ------------------------------------------------------------------ */

static int valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void put_ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int digits(const char *s, int n, int *val)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*val = v;
	return 0;
}

static int month_from_name(const char *s, size_t *used)
{
	static const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                               "jul", "aug", "sep", "oct", "nov", "dec"};
	size_t n = 0;
	for (int i = 0; i < 12; i++) {
		if (strncasecmp(s, months[i], 3) == 0) {
			n = 3;
			while (isalpha((unsigned char)s[n]))
				n++;
			if (s[n] == '.')
				n++;
			*used = n;
			return i + 1;
		}
	}
	return 0;
}

int dkg_ingest__norm_date(const char *s, char out[11])
{
	int y, m, d;
	size_t used;
	const char *p;
	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	/* ISO 8601: 2017-01-13, 2017/01/13, 2017.01.13, 20170113 */
	if (digits(s, 4, &y) == 0) {
		if ((s[4] == '-' || s[4] == '/' || s[4] == '.') && digits(s + 5, 2, &m) == 0 &&
		    s[7] == s[4] && digits(s + 8, 2, &d) == 0 && !isdigit((unsigned char)s[10]) &&
		    valid_ymd(y, m, d)) {
			put_ymd(out, y, m, d);
			return 0;
		}
		if (digits(s + 4, 2, &m) == 0 && digits(s + 6, 2, &d) == 0 &&
		    !isdigit((unsigned char)s[8]) && valid_ymd(y, m, d)) {
			put_ymd(out, y, m, d);
			return 0;
		}
		return -1;
	}
	/* RFC 822 "Fri, 13 Jan 2017 ..." and "13 January 2017" */
	p = s;
	if (isalpha((unsigned char)*p) && !month_from_name(p, &used)) {
		while (isalpha((unsigned char)*p))
			p++;
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
	}
	if (isdigit((unsigned char)*p)) {
		d = 0;
		while (isdigit((unsigned char)*p))
			d = d * 10 + (*p++ - '0');
		while (*p == ' ' || *p == '-' || *p == '.')
			p++;
		if ((m = month_from_name(p, &used)) != 0) {
			p += used;
			while (*p == ' ' || *p == '-' || *p == ',')
				p++;
			if (digits(p, 4, &y) == 0 && valid_ymd(y, m, d)) {
				put_ymd(out, y, m, d);
				return 0;
			}
			if (digits(p, 2, &y) == 0 && !isdigit((unsigned char)p[2])) {
				y += y < 70 ? 2000 : 1900;
				if (valid_ymd(y, m, d)) {
					put_ymd(out, y, m, d);
					return 0;
				}
			}
		}
		return -1;
	}
	/* "January 13, 2017" */
	if ((m = month_from_name(p, &used)) != 0) {
		p += used;
		while (*p == ' ')
			p++;
		d = 0;
		while (isdigit((unsigned char)*p))
			d = d * 10 + (*p++ - '0');
		while (*p == ',' || *p == ' ')
			p++;
		if (digits(p, 4, &y) == 0 && valid_ymd(y, m, d)) {
			put_ymd(out, y, m, d);
			return 0;
		}
	}
	return -1;
}

int dkg_ingest__date_from_url(const char *url, char out[11])
{
	const char *p;
	int y, m, d;
	if (!url)
		return -1;
	for (p = strchr(url, '/'); p; p = strchr(p + 1, '/')) {
		const char *q = p + 1;
		if (digits(q, 4, &y) != 0 || y < 1990 || y > 2099)
			continue;
		/* /2017/01/13/ or /2017-01-13 */
		if ((q[4] == '/' || q[4] == '-') && digits(q + 5, 2, &m) == 0 && q[7] == q[4] &&
		    digits(q + 8, 2, &d) == 0 && !isdigit((unsigned char)q[10]) &&
		    valid_ymd(y, m, d)) {
			put_ymd(out, y, m, d);
			return 0;
		}
		/* /20170113/ */
		if (digits(q + 4, 2, &m) == 0 && digits(q + 6, 2, &d) == 0 &&
		    (q[8] == '/' || q[8] == '-' || q[8] == '_') && valid_ymd(y, m, d)) {
			put_ymd(out, y, m, d);
			return 0;
		}
	}
	return -1;
}

/* --- format detection -------------------------------------------------------- */

static const char *extension(const char *name, char *buf, size_t cap)
{
	const char *slash = strrchr(name, '/'), *base = slash ? slash + 1 : name, *dot;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".gz"))
		n -= 3;
	if (n >= cap)
		return "";
	memcpy(buf, base, n);
	buf[n] = '\0';
	dot = strrchr(buf, '.');
	return dot && dot != buf ? dot + 1 : "";
}

static dkg_input_format format_from_extension(const char *name)
{
	char buf[256];
	const char *ext = extension(name, buf, sizeof buf);
	if (!strcasecmp(ext, "jsonl") || !strcasecmp(ext, "ndjson") || !strcasecmp(ext, "json"))
		return DKG_INPUT_JSONL;
	if (!strcasecmp(ext, "html") || !strcasecmp(ext, "htm") || !strcasecmp(ext, "xhtml") ||
	    !strcasecmp(ext, "shtml"))
		return DKG_INPUT_HTML;
	if (!strcasecmp(ext, "xml") || !strcasecmp(ext, "nitf"))
		return DKG_INPUT_NITF;
	if (!strcasecmp(ext, "rss") || !strcasecmp(ext, "atom") || !strcasecmp(ext, "rdf"))
		return DKG_INPUT_FEED;
	return DKG_INPUT_TEXT;
}

/* Case-insensitive search for `needle` in the first `len` bytes. */
static const char *find_nocase(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* The name of the root element of XML-like content, skipping the prolog. */
static size_t root_name(const char *s, size_t len, const char **name)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && s[i] != '<')
			i++;
		if (i + 1 >= len)
			return 0;
		if (s[i + 1] == '?' || s[i + 1] == '!') {
			const char *end;
			if (i + 3 < len && !strncmp(s + i, "<!--", 4)) {
				end = find_nocase(s + i + 4, len - i - 4, "-->");
			} else if (i + 9 < len && !strncasecmp(s + i, "<!DOCTYPE", 9) &&
			           memchr(s + i, '[', len - i)) {
				/* skip an internal subset up to "]>" */
				end = find_nocase(s + i, len - i, "]>");
			} else {
				end = memchr(s + i, '>', len - i);
			}
			if (!end)
				return 0;
			i = (size_t)(end - s) + 1;
			continue;
		}
		*name = s + i + 1;
		size_t n = 0;
		while (i + 1 + n < len && !isspace((unsigned char)s[i + 1 + n]) &&
		       s[i + 1 + n] != '>' && s[i + 1 + n] != '/')
			n++;
		return n;
	}
	return 0;
}

static dkg_input_format detect_format(const char *data, size_t len, const char *name)
{
	size_t i = 0, n;
	const char *root = NULL, *colon;
	if (len > HEAD_SIZE)
		len = HEAD_SIZE;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i < len && data[i] == '{')
		return DKG_INPUT_JSONL;
	if (i >= len || data[i] != '<')
		return format_from_extension(name);
	n = root_name(data + i, len - i, &root);
	if (n > 0) {
		/* drop a namespace prefix: <rdf:RDF>, <n:nitf> */
		colon = memchr(root, ':', n);
		if (colon) {
			n -= (size_t)(colon + 1 - root);
			root = colon + 1;
		}
		if (n == 4 && !strncasecmp(root, "nitf", 4))
			return DKG_INPUT_NITF;
		if ((n == 3 && !strncmp(root, "rss", 3)) || (n == 4 && !strncmp(root, "feed", 4)) ||
		    (n == 3 && !strncmp(root, "RDF", 3)))
			return DKG_INPUT_FEED;
		if (n == 4 && !strncasecmp(root, "html", 4))
			return DKG_INPUT_HTML;
	}
	if (find_nocase(data, len, "<html") || find_nocase(data, len, "<body") ||
	    find_nocase(data, len, "<!doctype html"))
		return DKG_INPUT_HTML;
	if (find_nocase(data, len, "<nitf"))
		return DKG_INPUT_NITF;
	if (format_from_extension(name) != DKG_INPUT_TEXT)
		return format_from_extension(name);
	return DKG_INPUT_HTML;
}

/* Binary junk: many NUL or control bytes near the start. */
static int looks_binary(const char *data, size_t len)
{
	size_t n = len < 8192 ? len : 8192, bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			bad++;
	}
	return n > 0 && bad * 10 > n;
}

/* The encoding declared by an XML declaration or an HTML meta charset, if any. */
int dkg_ingest__declares_non_utf8(const char *data, size_t len, int html)
{
	size_t n = len < 4096 ? len : 4096;
	const char *p, *end;
	char enc[32];
	size_t k = 0;
	if (len >= 2 && ((unsigned char)data[0] == 0xfe || (unsigned char)data[0] == 0xff))
		return 1; /* UTF-16 byte order mark */
	if (html) {
		p = find_nocase(data, n, "charset=");
		if (p)
			p += 8;
	} else {
		end = memchr(data, '>', n);
		if (!end || !find_nocase(data, (size_t)(end - data), "<?xml"))
			return 0;
		p = find_nocase(data, (size_t)(end - data), "encoding=");
		if (p)
			p += 9;
	}
	if (!p)
		return 0;
	while (*p == '"' || *p == '\'' || *p == ' ')
		p++;
	while (k + 1 < sizeof enc && (isalnum((unsigned char)p[k]) || p[k] == '-' || p[k] == '_'))
		enc[k] = p[k], k++;
	enc[k] = '\0';
	return k > 0 && strcasecmp(enc, "utf-8") && strcasecmp(enc, "utf8") &&
	       strcasecmp(enc, "us-ascii") && strcasecmp(enc, "ascii");
}

/* --- reading one input ----------------------------------------------------------- */

/* Reads a whole (possibly already detected) input held in memory. `own`, when not NULL, is the
 * buffer holding data, which plain text may take over instead of copying. */
static int ingest_memory(dkg_ingest_ctx *ctx, const char *data, size_t len, dkg_input_format format,
                         dkg_buf *own)
{
	int valid_text = 0;
	dkg_buf fixed = DKG_BUF_INIT;
	long bad_line = 0;
	size_t bad;
	int rc;
	if (len == 0 || (format != DKG_INPUT_JSONL && looks_binary(data, len))) {
		if (len == 0)
			dkg_ingest__diag(ctx, DKG_OK, 0, "empty input, no document");
		else
			dkg_ingest__diag(ctx, DKG_EPARSE, 1, "binary data, not a document");
		return DKG_OK;
	}
	if (format == DKG_INPUT_AUTO)
		format = detect_format(data, len, ctx->source);
	if ((format == DKG_INPUT_HTML || format == DKG_INPUT_NITF || format == DKG_INPUT_FEED) &&
	    dkg_ingest__declares_non_utf8(data, len, format == DKG_INPUT_HTML)) {
		/* libxml2 decodes the declared encoding; only NUL bytes must go */
		if (memchr(data, '\0', len)) {
			for (size_t i = 0; i < len; i++)
				if (data[i])
					dkg_buf_putc(&fixed, data[i]);
			dkg_ingest__diag(ctx, DKG_OK, 0, "NUL bytes removed");
			data = fixed.data, len = fixed.len;
		}
	} else if (format == DKG_INPUT_TEXT && dkg_ingest__utf8_clean(data, len)) {
		/* valid UTF-8 without NUL bytes: plain text is used as it is, and a
		 * 100 MB document is not held twice */
		valid_text = 1;
	} else if (format != DKG_INPUT_JSONL) {
		bad =
		    dkg_ingest__utf8_repair(&fixed, data, len, format != DKG_INPUT_TEXT, &bad_line);
		if (bad)
			dkg_ingest__diag(ctx, DKG_OK, bad_line,
			                 "%zu invalid UTF-8 sequences or NUL bytes replaced", bad);
		data = fixed.data, len = fixed.len;
	}
	if (fixed.oom) {
		dkg_buf_free(&fixed);
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	switch (format) {
	case DKG_INPUT_JSONL:
		rc = dkg_ingest__jsonl(ctx, data, len, NULL, NULL);
		break;
	case DKG_INPUT_HTML:
		rc = dkg_ingest__html(ctx, data, len);
		break;
	case DKG_INPUT_NITF:
	case DKG_INPUT_FEED:
		rc = dkg_ingest__xml(ctx, data, len, format);
		break;
	default:
		if (valid_text && own && own->data == data && !own->oom)
			rc = dkg_ingest__text_owned(ctx, dkg_buf_detach(own), len);
		else
			rc = dkg_ingest__text(ctx, data, len);
		break;
	}
	dkg_buf_free(&fixed);
	return ctx->stopped ? DKG_ESTOP : rc;
}

static long gz_read_fn(char *buf, size_t cap, void *payload)
{
	int n = gzread((gzFile)payload, buf, cap > (1u << 30) ? (1u << 30) : (unsigned)cap);
	return n;
}

/* Reads one file (or stdin) through zlib, which passes uncompressed data through. */
static int ingest_file(dkg_ingest_ctx *ctx, const char *path)
{
	const dkg_ingest_options *o = ctx->opts;
	int fd, rc = DKG_OK, truncated = 0;
	gzFile gz;
	dkg_buf data = DKG_BUF_INIT;
	dkg_input_format format;
	long n;

	fd = strcmp(path, "-") ? open(path, O_RDONLY) : dup(STDIN_FILENO);
	if (fd < 0) {
		int code = errno == ENOENT ? DKG_ENOTFOUND : DKG_EIO;
		dkg_ingest__diag(ctx, code, 0, "cannot open: %s", strerror(errno));
		return code;
	}
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	gzbuffer(gz, 128 * 1024);
	/* the head decides the format; JSON Lines is then streamed, the rest read whole */
	if (dkg_buf_grow(&data, HEAD_SIZE) == 0) {
		n = gzread(gz, data.data, HEAD_SIZE);
		if (n > 0) {
			data.len = (size_t)n;
			data.data[data.len] = '\0';
		}
	} else {
		n = -2;
	}
	format = o->format;
	if (n >= 0 && format == DKG_INPUT_AUTO && data.len > 0)
		format = detect_format(data.data, data.len, path);
	if (n >= 0 && format == DKG_INPUT_JSONL) {
		rc = dkg_ingest__jsonl(ctx, data.data, data.len, gz_read_fn, gz);
		goto done;
	}
	while (n > 0) {
		size_t room;
		if (data.len > o->max_document_size) {
			truncated = 1;
			break;
		}
		if (dkg_buf_grow(&data, data.len + HEAD_SIZE) < 0) {
			n = -2;
			break;
		}
		room = data.cap - data.len - 1;
		n = gzread(gz, data.data + data.len,
		           room > (1u << 30) ? (1u << 30) : (unsigned)room);
		if (n > 0) {
			data.len += (size_t)n;
			data.data[data.len] = '\0';
		}
	}
	if (n == -2 || data.oom) {
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		rc = DKG_ENOMEM;
		goto done;
	}
	if (n < 0) {
		int zerr;
		const char *msg = gzerror(gz, &zerr);
		dkg_ingest__diag(ctx, DKG_EIO, 0, "cannot read: %s",
		                 zerr == Z_ERRNO ? strerror(errno) : msg);
		rc = DKG_EIO;
		goto done;
	}
	if (truncated) {
		data.len = dkg_ingest__utf8_cut(data.data, o->max_document_size);
		data.data[data.len] = '\0';
		dkg_ingest__diag(ctx, DKG_OK, 0, "input longer than %zu bytes, truncated",
		                 o->max_document_size);
	}
	rc = ingest_memory(ctx, data.data, data.len, format, &data);
done:
	gzclose(gz);
	dkg_buf_free(&data);
	return ctx->stopped ? DKG_ESTOP : rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files in a folder that are never documents (saved pages drag these along). */
static int skipped_extension(const char *name)
{
	static const char *skip[] = {"js",   "css", "png",  "jpg",   "jpeg", "gif", "svg",
	                             "webp", "ico", "woff", "woff2", "ttf",  "otf", "pdf",
	                             "zip",  "mp3", "mp4",  "swp",   "bak",  "tmp"};
	char buf[256];
	const char *ext = extension(name, buf, sizeof buf);
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (!strcasecmp(ext, skip[i]))
			return 1;
	return 0;
}

static int ingest_any(dkg_ingest_ctx *ctx, const char *path, int depth);

static int ingest_dir(dkg_ingest_ctx *ctx, const char *path, int depth)
{
	DIR *dir;
	struct dirent *de;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, i;
	int rc = DKG_OK;
	if (depth > MAX_DIR_DEPTH) {
		dkg_ingest__diag(ctx, DKG_ELIMIT, 0, "folders nested too deep, skipped");
		return DKG_OK;
	}
	dir = opendir(path);
	if (!dir) {
		dkg_ingest__diag(ctx, DKG_EIO, 0, "cannot open folder: %s", strerror(errno));
		return DKG_EIO;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' || skipped_extension(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			grown = dkg_realloc(names, cap * sizeof *names);
			if (!grown) {
				rc = DKG_ENOMEM;
				break;
			}
			names = grown;
		}
		if (!(names[n] = dkg_strdup(de->d_name))) {
			rc = DKG_ENOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (rc == DKG_OK) {
		if (n > 1)
			qsort(names, n, sizeof *names, name_cmp);
		for (i = 0; i < n && !ctx->stopped; i++) {
			dkg_buf child = DKG_BUF_INIT;
			dkg_buf_puts(&child, path);
			if (child.len && child.data[child.len - 1] != '/')
				dkg_buf_putc(&child, '/');
			dkg_buf_puts(&child, names[i]);
			if (child.oom) {
				rc = DKG_ENOMEM;
				break;
			}
			ingest_any(ctx, child.data, depth + 1);
			dkg_buf_free(&child);
		}
	} else {
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
	}
	for (i = 0; i < n; i++)
		dkg_free(names[i]);
	dkg_free(names);
	return ctx->stopped ? DKG_ESTOP : rc;
}

static int ingest_any(dkg_ingest_ctx *ctx, const char *path, int depth)
{
	struct stat st, lst;
	const char *saved = ctx->source;
	int rc;
	ctx->source = path;
	if (strcmp(path, "-") == 0) {
		rc = ingest_file(ctx, path);
	} else if (stat(path, &st) != 0) {
		int code = errno == ENOENT ? DKG_ENOTFOUND : DKG_EIO;
		dkg_ingest__diag(ctx, code, 0, "cannot open: %s", strerror(errno));
		rc = code;
	} else if (S_ISDIR(st.st_mode)) {
		/* a symbolic link to a folder inside a walk could loop: follow it only at the top
		 */
		if (depth > 0 && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			rc = DKG_OK;
		else
			rc = ingest_dir(ctx, path, depth);
	} else if (!S_ISREG(st.st_mode) && depth > 0) {
		rc = DKG_OK; /* sockets, FIFOs and devices met in a folder walk */
	} else {
		rc = ingest_file(ctx, path);
	}
	ctx->source = saved;
	return rc;
}

static void ctx_init(dkg_ingest_ctx *ctx, const dkg_ingest_options *opts,
                     dkg_ingest_options *defaults, dkg_document_cb on_doc, dkg_diag_cb on_diag,
                     void *payload)
{
	static const dkg_ingest_options init = DKG_INGEST_OPTIONS_INIT;
	*defaults = init;
	if (opts) {
		*defaults = *opts;
		if (!defaults->max_document_size)
			defaults->max_document_size = init.max_document_size;
		if (defaults->max_depth <= 0)
			defaults->max_depth = init.max_depth;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->opts = defaults;
	ctx->on_doc = on_doc;
	ctx->on_diag = on_diag;
	ctx->payload = payload;
}

int dkg_ingest_path(const char *path, const dkg_ingest_options *opts, dkg_document_cb on_doc,
                    dkg_diag_cb on_diag, void *payload)
{
	dkg_ingest_ctx ctx;
	dkg_ingest_options o;
	int rc;
	if (!path)
		return DKG_EINVAL;
	ctx_init(&ctx, opts, &o, on_doc, on_diag, payload);
	rc = ingest_any(&ctx, path, 0);
	if (ctx.stopped)
		return DKG_ESTOP;
	/* a bad document is not a failure to read the path */
	return rc == DKG_EPARSE ? DKG_OK : rc;
}

static int inflate_buffer(dkg_ingest_ctx *ctx, const char *data, size_t len, dkg_buf *out)
{
	z_stream zs;
	int zrc = Z_OK;
	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return DKG_ENOMEM;
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = len > (1u << 30) ? (1u << 30) : (uInt)len;
	while (zrc == Z_OK) {
		if (out->len > ctx->opts->max_document_size) {
			dkg_ingest__diag(ctx, DKG_OK, 0, "input longer than %zu bytes, truncated",
			                 ctx->opts->max_document_size);
			out->len = dkg_ingest__utf8_cut(out->data, ctx->opts->max_document_size);
			break;
		}
		if (dkg_buf_grow(out, out->len + HEAD_SIZE) < 0) {
			inflateEnd(&zs);
			return DKG_ENOMEM;
		}
		zs.next_out = (Bytef *)out->data + out->len;
		zs.avail_out = HEAD_SIZE;
		zrc = inflate(&zs, Z_NO_FLUSH);
		out->len += HEAD_SIZE - zs.avail_out;
		if (zrc == Z_STREAM_END && zs.avail_in > 0 && zs.avail_in < len)
			zrc = inflateReset(&zs); /* concatenated members */
	}
	inflateEnd(&zs);
	out->data[out->len] = '\0';
	if (zrc != Z_STREAM_END && zrc != Z_OK) {
		dkg_ingest__diag(ctx, DKG_EPARSE, 0, "corrupt gzip data");
		return DKG_EPARSE;
	}
	return DKG_OK;
}

int dkg_ingest_buffer(const char *name, const char *data, size_t len,
                      const dkg_ingest_options *opts, dkg_document_cb on_doc, dkg_diag_cb on_diag,
                      void *payload)
{
	dkg_ingest_ctx ctx;
	dkg_ingest_options o;
	dkg_buf plain = DKG_BUF_INIT;
	int rc;
	if (!data && len)
		return DKG_EINVAL;
	ctx_init(&ctx, opts, &o, on_doc, on_diag, payload);
	ctx.source = name ? name : "-";
	if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b) {
		rc = inflate_buffer(&ctx, data, len, &plain);
		if (rc != DKG_OK) {
			dkg_buf_free(&plain);
			if (rc == DKG_ENOMEM)
				dkg_ingest__diag(&ctx, rc, 0, "out of memory");
			return rc == DKG_EPARSE ? DKG_OK : rc;
		}
		data = plain.data, len = plain.len;
	} else if (len > o.max_document_size && o.format != DKG_INPUT_JSONL &&
	           detect_format(data, len < HEAD_SIZE ? len : HEAD_SIZE, ctx.source) !=
	               DKG_INPUT_JSONL) {
		len = dkg_ingest__utf8_cut(data, o.max_document_size);
		dkg_ingest__diag(&ctx, DKG_OK, 0, "input longer than %zu bytes, truncated",
		                 o.max_document_size);
	}
	rc = ingest_memory(&ctx, data, len, o.format, NULL);
	dkg_buf_free(&plain);
	if (ctx.stopped)
		return DKG_ESTOP;
	return rc == DKG_EPARSE ? DKG_OK : rc;
}
