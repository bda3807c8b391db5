/*
 * ingest_jsonl.c - JSON Lines (one document per line: id, text, url, title,
 * date), streamed one line at a time so a file of any size reads in bounded
 * memory. A bad line is reported with its number and skipped.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "ingest_internal.h"

#define CHUNK 65536

typedef struct jsonl_state {
	dkg_ingest_ctx *ctx;
	dkg_buf line;    /* the line being gathered */
	dkg_buf scratch; /* decoded strings of the fast reader */
	dkg_buf date;    /* the date member as a C string */
	long lineno;     /* number of the line being gathered */
	int overlong;    /* the current line passed the size cap and is being skipped */
	size_t max_line; /* longest line read */
	long index;      /* documents seen, for ids without an "id" */
} jsonl_state;

/* A string member, or NULL when absent, null or not a string. */
static const char *member_string(json_t *obj, const char *key, size_t *len)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

/* Builds the document from the members read, by either reader. */
static int make_doc(jsonl_state *st, const dkg_jsonl_fields *f)
{
	dkg_ingest_ctx *ctx = st->ctx;
	dkg_document *doc;
	char norm[11];
	if (!(doc = dkg_document_new()))
		goto oom;
	st->index++;
	doc->line = st->lineno;
	if ((f->id && dkg_document_set(&doc->id, f->id, f->id_len)) ||
	    (f->url && dkg_document_set(&doc->url, f->url, f->url_len)) ||
	    (f->title && dkg_document_set(&doc->title, f->title, f->title_len)))
		goto oom;
	if (f->date) {
		/* a C string for the date parser (the fast reader's values are not terminated) */
		dkg_buf_clear(&st->date);
		dkg_buf_put(&st->date, f->date, f->date_len);
		if (st->date.oom)
			goto oom;
		if (dkg_ingest__norm_date(st->date.data, norm) == 0) {
			if (dkg_document_set(&doc->date, norm, (size_t)-1))
				goto oom;
		} else {
			dkg_ingest__diag(ctx, DKG_OK, st->lineno, "date \"%.40s\" not understood",
			                 st->date.data);
		}
	}
	if (dkg_ingest__clean_text(doc, f->text, f->text_len, DKG_CLEAN_DATELINE) != DKG_OK)
		goto oom;
	return dkg_ingest__emit(ctx, doc, "jsonl", st->index);
oom:
	dkg_document_free(doc);
	dkg_ingest__diag(ctx, DKG_ENOMEM, st->lineno, "out of memory");
	return DKG_ENOMEM;
}

/* The full reader, for every line the fast one leaves: jansson's tree and its error messages. */
static int parse_with_jansson(jsonl_state *st, const char *s, size_t len)
{
	dkg_ingest_ctx *ctx = st->ctx;
	dkg_buf nonul = DKG_BUF_INIT;
	dkg_jsonl_fields f;
	json_error_t jerr;
	json_t *root, *id;
	char num[32];
	int rc;
	memset(&f, 0, sizeof f);
	/* "\u0000" is valid JSON: accept it and drop the NULs from the text below */
	root = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (!root) {
		dkg_ingest__diag(ctx, DKG_EPARSE, st->lineno, "invalid JSON at column %d: %s",
		                 jerr.column, jerr.text);
		return DKG_EPARSE;
	}
	if (!json_is_object(root)) {
		dkg_ingest__diag(ctx, DKG_EPARSE, st->lineno, "not a JSON object");
		rc = DKG_EPARSE;
		goto done;
	}
	if (!(f.text = member_string(root, "text", &f.text_len))) {
		dkg_ingest__diag(ctx, DKG_EPARSE, st->lineno, "no \"text\" string");
		rc = DKG_EPARSE;
		goto done;
	}
	if (memchr(f.text, '\0', f.text_len)) {
		size_t nuls = dkg_ingest__utf8_repair(&nonul, f.text, f.text_len, 0, NULL);
		if (nonul.oom) {
			dkg_ingest__diag(ctx, DKG_ENOMEM, st->lineno, "out of memory");
			rc = DKG_ENOMEM;
			goto done;
		}
		dkg_ingest__diag(ctx, DKG_OK, st->lineno, "%zu NUL characters removed", nuls);
		f.text = nonul.data;
		f.text_len = nonul.len;
	}
	id = json_object_get(root, "id");
	if (json_is_string(id)) {
		f.id = json_string_value(id);
		f.id_len = strlen(f.id);
	} else if (json_is_integer(id)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		f.id = num;
		f.id_len = strlen(num);
	}
	/* fields other than the text end at their first NUL, as C strings */
	if ((f.url = member_string(root, "url", &f.url_len)))
		f.url_len = strlen(f.url);
	if ((f.title = member_string(root, "title", &f.title_len)))
		f.title_len = strlen(f.title);
	if ((f.date = member_string(root, "date", &f.date_len)))
		f.date_len = strlen(f.date);
	rc = make_doc(st, &f);
done:
	dkg_buf_free(&nonul);
	json_decref(root);
	return rc;
}

static int parse_line(jsonl_state *st, const char *s, size_t len)
{
	dkg_ingest_ctx *ctx = st->ctx;
	dkg_buf fixed = DKG_BUF_INIT;
	dkg_jsonl_fields f;
	int rc;

	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len)
		return DKG_OK;
	/* the fast reader checks the UTF-8 as it goes: most lines end here */
	if (dkg_jsonl__fields(s, len, &st->scratch, &f))
		return make_doc(st, &f);
	if (st->scratch.oom)
		return DKG_ENOMEM;
	if (dkg_ingest__utf8_clean(s, len))
		return parse_with_jansson(st, s, len); /* valid UTF-8: the JSON is unusual */
	{
		size_t bad = dkg_ingest__utf8_repair(&fixed, s, len, 0, NULL);
		if (fixed.oom) {
			dkg_buf_free(&fixed);
			dkg_ingest__diag(ctx, DKG_ENOMEM, st->lineno, "out of memory");
			return DKG_ENOMEM;
		}
		if (bad)
			dkg_ingest__diag(ctx, DKG_OK, st->lineno,
			                 "%zu invalid UTF-8 sequences or NUL bytes replaced", bad);
		s = fixed.data;
		len = fixed.len;
	}
	if (dkg_jsonl__fields(s, len, &st->scratch, &f))
		rc = make_doc(st, &f);
	else if (st->scratch.oom)
		rc = DKG_ENOMEM;
	else
		rc = parse_with_jansson(st, s, len);
	dkg_buf_free(&fixed);
	return rc;
}

/* Takes in one chunk of input; complete lines are parsed as they end. */
static int feed(jsonl_state *st, const char *p, size_t len)
{
	size_t cap = st->ctx->opts->max_document_size;
	int rc;
	while (len) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len;
		if (nl && !st->overlong && !st->line.len && n <= cap) {
			/* a whole line inside the chunk is parsed where it lies */
			rc = parse_line(st, p, n);
			if (rc == DKG_ESTOP || rc == DKG_ENOMEM)
				return rc;
			st->lineno++;
			p = nl + 1;
			len -= n + 1;
			continue;
		}
		if (!st->overlong) {
			if (st->line.len + n > cap) {
				st->overlong = 1;
				dkg_ingest__diag(st->ctx, DKG_ELIMIT, st->lineno,
				                 "line longer than %zu bytes, skipped", cap);
				dkg_buf_clear(&st->line);
			} else {
				dkg_buf_put(&st->line, p, n);
				if (st->line.oom) {
					dkg_ingest__diag(st->ctx, DKG_ENOMEM, st->lineno,
					                 "out of memory");
					return DKG_ENOMEM;
				}
			}
		}
		if (!nl)
			break;
		if (!st->overlong) {
			rc = parse_line(st, st->line.data, st->line.len);
			if (rc == DKG_ESTOP || rc == DKG_ENOMEM)
				return rc;
		}
		st->overlong = 0;
		dkg_buf_clear(&st->line);
		st->lineno++;
		p = nl + 1;
		len -= n + 1;
	}
	return DKG_OK;
}

int dkg_ingest__jsonl(dkg_ingest_ctx *ctx, const char *prefix, size_t prefix_len,
                      dkg_ingest_read_fn read_fn, void *read_payload)
{
	jsonl_state st;
	char *chunk = NULL;
	long n = 0;
	int rc;
	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	st.line = (dkg_buf)DKG_BUF_INIT;
	st.scratch = (dkg_buf)DKG_BUF_INIT;
	st.date = (dkg_buf)DKG_BUF_INIT;
	st.lineno = 1;
	rc = feed(&st, prefix, prefix_len);
	if (rc == DKG_OK && read_fn) {
		if (!(chunk = dkg_malloc(CHUNK))) {
			dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
			rc = DKG_ENOMEM;
		}
		while (rc == DKG_OK && (n = read_fn(chunk, CHUNK, read_payload)) > 0)
			rc = feed(&st, chunk, (size_t)n);
		if (rc == DKG_OK && n < 0) {
			dkg_ingest__diag(ctx, DKG_EIO, st.lineno, "cannot read");
			rc = DKG_EIO;
		}
	}
	/* the last line may lack its newline */
	if (rc == DKG_OK && !st.overlong && st.line.len)
		rc = parse_line(&st, st.line.data, st.line.len);
	dkg_free(chunk);
	dkg_buf_free(&st.line);
	dkg_buf_free(&st.scratch);
	dkg_buf_free(&st.date);
	return rc == DKG_EPARSE ? DKG_OK : rc;
}
