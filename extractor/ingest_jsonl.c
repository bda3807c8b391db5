/*
 * ingest_jsonl.c - JSON Lines (one document per line: id, text, url, title,
 * date), streamed one line at a time so a file of any size reads in bounded
 * memory. A bad line is reported with its number and skipped.
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "ingest_internal.h"

#define CHUNK 65536

typedef struct jsonl_state {
	dkg_ingest_ctx *ctx;
	dkg_buf line;    /* the line being gathered */
	long lineno;     /* number of the line being gathered */
	int overlong;    /* the current line passed the size cap and is being skipped */
	size_t max_line; /* longest line read */
	long index;      /* documents seen, for ids without an "id" */
} jsonl_state;

/* A string member, or NULL when absent, null or not a string. */
static const char *member_string(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int parse_line(jsonl_state *st, const char *s, size_t len)
{
	dkg_ingest_ctx *ctx = st->ctx;
	dkg_buf fixed = DKG_BUF_INIT, nonul = DKG_BUF_INIT;
	json_error_t jerr;
	json_t *root, *id;
	dkg_document *doc = NULL;
	const char *text, *date;
	size_t text_len;
	char norm[11], num[32];
	int rc = DKG_OK;
	size_t bad;

	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len)
		return DKG_OK;
	bad = dkg_ingest__utf8_repair(&fixed, s, len, 0, NULL);
	if (fixed.oom) {
		dkg_buf_free(&fixed);
		dkg_ingest__diag(ctx, DKG_ENOMEM, st->lineno, "out of memory");
		return DKG_ENOMEM;
	}
	if (bad)
		dkg_ingest__diag(ctx, DKG_OK, st->lineno,
		                 "%zu invalid UTF-8 sequences or NUL bytes replaced", bad);
	/* "\u0000" is valid JSON: accept it and drop the NULs from the text below */
	root = json_loadb(fixed.data, fixed.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	dkg_buf_free(&fixed);
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
	text = member_string(root, "text");
	if (!text) {
		dkg_ingest__diag(ctx, DKG_EPARSE, st->lineno, "no \"text\" string");
		rc = DKG_EPARSE;
		goto done;
	}
	text_len = json_string_length(json_object_get(root, "text"));
	if (memchr(text, '\0', text_len)) {
		size_t nuls = dkg_ingest__utf8_repair(&nonul, text, text_len, 0, NULL);
		if (nonul.oom)
			goto oom;
		dkg_ingest__diag(ctx, DKG_OK, st->lineno, "%zu NUL characters removed", nuls);
		text = nonul.data;
		text_len = nonul.len;
	}
	if (!(doc = dkg_document_new()))
		goto oom;
	st->index++;
	doc->line = st->lineno;
	id = json_object_get(root, "id");
	if (json_is_string(id)) {
		if (dkg_document_set(&doc->id, json_string_value(id), (size_t)-1))
			goto oom;
	} else if (json_is_integer(id)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		if (dkg_document_set(&doc->id, num, (size_t)-1))
			goto oom;
	}
	if (dkg_document_set(&doc->url, member_string(root, "url"), (size_t)-1) ||
	    dkg_document_set(&doc->title, member_string(root, "title"), (size_t)-1))
		goto oom;
	date = member_string(root, "date");
	if (date) {
		if (dkg_ingest__norm_date(date, norm) == 0) {
			if (dkg_document_set(&doc->date, norm, (size_t)-1))
				goto oom;
		} else {
			dkg_ingest__diag(ctx, DKG_OK, st->lineno, "date \"%.40s\" not understood",
			                 date);
		}
	}
	if (dkg_ingest__clean_text(doc, text, text_len, DKG_CLEAN_DATELINE) != DKG_OK)
		goto oom;
	rc = dkg_ingest__emit(ctx, doc, "jsonl", st->index);
	doc = NULL;
	goto done;
oom:
	dkg_ingest__diag(ctx, DKG_ENOMEM, st->lineno, "out of memory");
	rc = DKG_ENOMEM;
done:
	dkg_buf_free(&nonul);
	dkg_document_free(doc);
	json_decref(root);
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
	return rc == DKG_EPARSE ? DKG_OK : rc;
}
