/*
 * ingest_text.c - plain text news: paragraphs, a headline first line, the
 * dateline ("NICE, France —") and the print trailers that are not news.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ingest_internal.h"

typedef struct line {
	const char *s;
	size_t len;
} line;

static line trim(const char *s, size_t len)
{
	line l;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	l.s = s;
	l.len = len;
	return l;
}

static int starts(line l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l.len >= n && strncasecmp(l.s, prefix, n) == 0;
}

/* Lines a reader does not count as news: print trailers, ad markers, photo credits. */
static int is_trailer(line l)
{
	/* all of them start with a, c, p or s: most lines are out at one test */
	char c = l.len ? (char)(l.s[0] | 0x20) : 0;
	if (c != 'a' && c != 'c' && c != 'p' && c != 's')
		return 0;
	if (l.len == 13 && starts(l, "Advertisement"))
		return 1;
	if (starts(l, "A version of this article appears in print on") ||
	    starts(l, "Continue reading the main story") ||
	    (starts(l, "Supported by") && l.len < 14))
		return 1;
	if ((starts(l, "Credit ") || starts(l, "Credit:") || starts(l, "Photo credit")) &&
	    l.len < 160)
		return 1;
	return 0;
}

static size_t count_words(line l)
{
	size_t n = 0;
	int in = 0;
	for (size_t i = 0; i < l.len; i++) {
		int sp = isspace((unsigned char)l.s[i]);
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* A first line that reads like a headline: short, not a sentence. */
static int is_headline(line l)
{
	char last;
	if (l.len == 0 || l.len > 200 || count_words(l) > 25)
		return 0;
	last = l.s[l.len - 1];
	if (last == '.' || last == ',' || last == ';' || last == ':')
		return 0;
	return 1;
}

/* Dashes that end a dateline: em dash, en dash, "--", "-". Returns its length or 0. */
static size_t dash_at(const char *s, size_t len)
{
	if (len >= 3 && !memcmp(s, "\xe2\x80\x94", 3))
		return 3;
	if (len >= 3 && !memcmp(s, "\xe2\x80\x93", 3))
		return 3;
	if (len >= 2 && !memcmp(s, "--", 2))
		return 2;
	if (len >= 1 && s[0] == '-')
		return 1;
	return 0;
}

static int is_month(const char *s, size_t len)
{
	static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	for (size_t i = 0; i < 12; i++)
		if (len >= 3 && !strncmp(s, months[i], 3))
			return 1;
	return 0;
}

int dkg_ingest__find_dateline(dkg_document *doc, const char *p, size_t len)
{
	size_t i = 0, caps_end, region_start = 0, region_end = 0, upper = 0, d;
	dkg_buf place = DKG_BUF_INIT;
	int rc;
	/* the place in capitals: "NICE", "NEW YORK", "SÃO PAULO", "ST. LOUIS" */
	while (i < len && i < 60) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 'A' && c <= 'Z')
			upper++;
		else if (c >= 'a' && c <= 'z')
			return 0;
		else if (!(c == ' ' || c == '.' || c == '\'' || c == '-' || c >= 0x80))
			break;
		if (dash_at(p + i, len - i) && i > 0 && p[i - 1] == ' ')
			break;
		i++;
	}
	if (upper < 2)
		return 0;
	caps_end = i;
	while (caps_end > 0 && p[caps_end - 1] == ' ')
		caps_end--;
	/* ", France" or ", Jan. 5" */
	if (i < len && p[i] == ',') {
		i++;
		while (i < len && p[i] == ' ')
			i++;
		if (i >= len || !isupper((unsigned char)p[i]))
			return 0;
		region_start = i;
		while (i < len && i - region_start < 40 && p[i] != '(' && p[i] != ',' &&
		       !(p[i] == ' ' && dash_at(p + i + 1, len - i - 1)))
			i++;
		region_end = i;
		while (region_end > region_start && p[region_end - 1] == ' ')
			region_end--;
		if (is_month(p + region_start, region_end - region_start))
			region_start = region_end = 0;
		if (i < len && p[i] == ',') /* "BEIJING, Jan. 5, 2017" */
			while (i < len && i < 80 && p[i] != '(' && !dash_at(p + i, len - i))
				i++;
	}
	while (i < len && p[i] == ' ')
		i++;
	/* "(Reuters)" */
	if (i < len && p[i] == '(') {
		const char *close = memchr(p + i, ')', len - i < 40 ? len - i : 40);
		if (!close)
			return 0;
		i = (size_t)(close - p) + 1;
		while (i < len && (p[i] == ' ' || p[i] == '.'))
			i++;
	}
	d = dash_at(p + i, len - i);
	if (!d || (i + d < len && p[i + d] != ' '))
		return 0;
	dkg_buf_put(&place, p, caps_end);
	if (region_end > region_start) {
		dkg_buf_puts(&place, ", ");
		dkg_buf_put(&place, p + region_start, region_end - region_start);
	}
	rc = place.oom ? DKG_ENOMEM : dkg_document_set(&doc->dateline, place.data, place.len);
	dkg_buf_free(&place);
	return rc;
}

/*
 * The cleaned text goes to a new buffer, or with `inplace` over the text
 * itself: a line of output never starts before the line it is read from
 * (lines only lose blanks, and a separator takes the place of the newline
 * that ended the line before), so each line moves down with memmove.
 */
typedef struct sink {
	dkg_buf buf;
	char *inplace;
	size_t len;
} sink;

static void sink_put(sink *o, const char *s, size_t n)
{
	if (o->inplace) {
		memmove(o->inplace + o->len, s, n);
		o->len += n;
	} else {
		dkg_buf_put(&o->buf, s, n);
		o->len = o->buf.len;
	}
}

static int clean(dkg_document *doc, const char *text, size_t len, unsigned flags, char *inplace)
{
	const char *p = text, *end = text + len;
	sink out = {DKG_BUF_INIT, inplace, 0};
	int paragraph_mode = 0, seen_text = 0, blank_after_first = 0, in_para = 0, rc = DKG_OK;
	size_t nonblank = 0, first_para_start = (size_t)-1, longest = 0;
	line first = {NULL, 0};

	if (inplace) {
		doc->text = inplace; /* the document owns the buffer from here */
		doc->text_len = 0;
	}
	/* Wrapped lines are joined only when blank lines separate paragraphs. */
	for (const char *q = p; q < end;) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		line l = trim(q, nl ? (size_t)(nl - q) : (size_t)(end - q));
		if (l.len) {
			if (l.len > longest && !is_trailer(l))
				longest = l.len;
			if (!nonblank++)
				first = l;
			seen_text = 1;
		} else if (seen_text) {
			if (nonblank == 1)
				blank_after_first = 1;
			paragraph_mode = 1;
		}
		q = nl ? nl + 1 : end;
	}
	/* lines longer than a hard wrap are paragraphs of their own, blank lines or not */
	if (longest > 100)
		paragraph_mode = 0;
	if ((flags & DKG_CLEAN_TITLE) && nonblank > 1 && is_headline(first) &&
	    (blank_after_first || !paragraph_mode) && !doc->title) {
		if (dkg_document_set(&doc->title, first.s, first.len) != DKG_OK)
			return DKG_ENOMEM;
		p = first.s + first.len;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line l = trim(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl ? nl + 1 : end;
		if (!l.len) {
			in_para = 0;
			continue;
		}
		if (is_trailer(l))
			continue;
		if (in_para && paragraph_mode) {
			sink_put(&out, " ", 1);
		} else if (out.len) {
			sink_put(&out, "\n", 1);
		}
		if (first_para_start == (size_t)-1)
			first_para_start = out.len;
		sink_put(&out, l.s, l.len);
		in_para = 1;
	}
	if (inplace) {
		inplace[out.len] = '\0';
		doc->text_len = out.len;
	} else {
		if (out.buf.oom) {
			dkg_buf_free(&out.buf);
			return DKG_ENOMEM;
		}
		dkg_free(doc->text);
		doc->text = dkg_buf_detach(&out.buf);
		doc->text_len = doc->text ? strlen(doc->text) : 0;
		if (!doc->text)
			return DKG_ENOMEM;
	}
	if ((flags & DKG_CLEAN_DATELINE) && first_para_start != (size_t)-1 && !doc->dateline)
		rc = dkg_ingest__find_dateline(doc, doc->text + first_para_start,
		                               doc->text_len - first_para_start);
	return rc;
}

int dkg_ingest__clean_text(dkg_document *doc, const char *text, size_t len, unsigned flags)
{
	return clean(doc, text, len, flags, NULL);
}

int dkg_ingest__text(dkg_ingest_ctx *ctx, const char *data, size_t len)
{
	dkg_document *doc = dkg_document_new();
	int rc;
	if (!doc) {
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	/* a byte order mark is not text */
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		data += 3, len -= 3;
	doc->line = 1;
	rc = dkg_ingest__clean_text(doc, data, len, DKG_CLEAN_TITLE | DKG_CLEAN_DATELINE);
	if (rc != DKG_OK) {
		dkg_document_free(doc);
		dkg_ingest__diag(ctx, rc, 0, "out of memory");
		return rc;
	}
	return dkg_ingest__emit(ctx, doc, "text", 0);
}

int dkg_ingest__text_owned(dkg_ingest_ctx *ctx, char *data, size_t len)
{
	dkg_document *doc = dkg_document_new();
	const char *text = data;
	int rc;
	if (!doc) {
		dkg_free(data);
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		text += 3, len -= 3;
	doc->line = 1;
	dkg_free(doc->text);
	rc = clean(doc, text, len, DKG_CLEAN_TITLE | DKG_CLEAN_DATELINE, data);
	if (rc != DKG_OK) {
		dkg_document_free(doc);
		dkg_ingest__diag(ctx, rc, 0, "out of memory");
		return rc;
	}
	return dkg_ingest__emit(ctx, doc, "text", 0);
}
