/*
 * ingest_internal.h - what the ingest readers (text, JSON Lines, HTML,
 * NITF/feeds) share: the reading context, diagnostics, document emission,
 * UTF-8 repair and date normalisation. Private to extractor/ingest*.c.
 */
#ifndef DKG_INGEST_INTERNAL_H
#define DKG_INGEST_INTERNAL_H

#include <stddef.h>

#include "dkg/ingest.h"
#include "util.h"

/* One input being read: where documents and diagnostics go. */
typedef struct dkg_ingest_ctx {
	const dkg_ingest_options *opts;
	dkg_document_cb on_doc;
	dkg_diag_cb on_diag;
	void *payload;
	const char *source; /* the file name shown in diagnostics and doc->source */
	int stopped;        /* the document callback asked to stop */
	int errors;         /* documents skipped because of an error */
} dkg_ingest_ctx;

/* Reports an error (code < 0) or a warning (code DKG_OK) at `line` of the source. */
void dkg_ingest__diag(dkg_ingest_ctx *ctx, int code, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
 * Completes `doc` (source, format, id, default date, UTF-8 repair of every
 * field) and hands it to the callback, which then owns it. `index` > 0 makes
 * the id "SOURCE#index" when the document has none. Returns 0, DKG_ESTOP
 * when the callback stopped, or DKG_ENOMEM (the document is freed).
 */
int dkg_ingest__emit(dkg_ingest_ctx *ctx, dkg_document *doc, const char *format, long index);

/*
 * Copies `len` bytes of `s` into `out` as valid UTF-8: invalid sequences
 * become U+FFFD, NUL bytes are dropped, and with `markup` other control
 * characters that XML forbids become spaces. Returns the number of invalid
 * sequences and NUL bytes; the line of the first goes to `*first_line`.
 */
size_t dkg_ingest__utf8_repair(dkg_buf *out, const char *s, size_t len, int markup,
                               long *first_line);

/* Whether an XML declaration (or with `html` a meta charset) names an encoding other than UTF-8. */
int dkg_ingest__declares_non_utf8(const char *data, size_t len, int html);

/* Length of the longest prefix of `s` (at most `len`) that ends on a UTF-8 character boundary. */
size_t dkg_ingest__utf8_cut(const char *s, size_t len);

/* Normalises a date ("2017-01-13T05:00Z", "20170113", "Fri, 13 Jan 2017 ...",
 * "January 13, 2017") to "YYYY-MM-DD" in `out`; returns 0 or -1. */
int dkg_ingest__norm_date(const char *s, char out[11]);

/* Finds a date written in a URL path (/2017/01/13/, /2017-01-13/, /20170113/). */
int dkg_ingest__date_from_url(const char *url, char out[11]);

/* Flags for dkg_ingest__clean_text. */
enum {
	DKG_CLEAN_TITLE = 1 << 0,   /* take a headline first line as the title */
	DKG_CLEAN_DATELINE = 1 << 1 /* detect a dateline in the first paragraph */
};

/*
 * Builds doc->text from plain text: paragraphs (wrapped lines joined when
 * the text separates paragraphs by blank lines), print trailers and
 * "Advertisement" lines dropped, and with the flags the headline and
 * dateline detected. Returns 0 or DKG_ENOMEM.
 */
int dkg_ingest__clean_text(dkg_document *doc, const char *text, size_t len, unsigned flags);

/* Detects a dateline ("NICE, France —", "WASHINGTON (Reuters) -") at the start of
 * `para`; stores the place into *dateline. Returns 0 or DKG_ENOMEM. */
int dkg_ingest__find_dateline(dkg_document *doc, const char *para, size_t len);

/* The readers. `data` is valid UTF-8 unless the reader decodes a declared encoding. */
int dkg_ingest__text(dkg_ingest_ctx *ctx, const char *data, size_t len);
/* The same over a buffer of dkg_malloc'd memory that it takes over (freed in
 * every case): the text is cleaned in place, not copied. */
int dkg_ingest__text_owned(dkg_ingest_ctx *ctx, char *data, size_t len);
int dkg_ingest__html(dkg_ingest_ctx *ctx, const char *data, size_t len);
int dkg_ingest__xml(dkg_ingest_ctx *ctx, const char *data, size_t len, dkg_input_format format);

/* Reads JSON Lines one line at a time through `read_fn` (returns bytes read, 0 at end, <0 on
 * error). */
typedef long (*dkg_ingest_read_fn)(char *buf, size_t cap, void *payload);
int dkg_ingest__jsonl(dkg_ingest_ctx *ctx, const char *prefix, size_t prefix_len,
                      dkg_ingest_read_fn read_fn, void *read_payload);

/* The members of a JSON Lines document that dkg reads; NULL when absent. */
typedef struct dkg_jsonl_fields {
	const char *id, *url, *title, *date, *text;
	size_t id_len, url_len, title_len, date_len, text_len;
} dkg_jsonl_fields;

/*
 * The fast path of the JSON Lines reader: checks that `line` is one JSON
 * object in valid UTF-8 without NUL bytes and reads its members. Returns 1
 * when it read them, 0 when the line needs repair or jansson (invalid UTF-8,
 * invalid JSON, no "text" string, escapes in a key, "\u0000", repeated
 * members, deep nesting). Values point into `line`
 * or into `scratch` (cleared first, reused across lines); an integer id is
 * given in decimal and a value that is not a string counts as absent, as
 * ingest_jsonl.c reads jansson's tree.
 */
int dkg_jsonl__fields(const char *line, size_t len, dkg_buf *scratch, dkg_jsonl_fields *out);

/* Whether `len` bytes of `s` are valid UTF-8 with no NUL byte (nothing for utf8_repair to do). */
int dkg_ingest__utf8_clean(const char *s, size_t len);

/* Length of the valid UTF-8 character at `s` (at most `len` bytes), or 0. */
size_t dkg_ingest__utf8_char(const unsigned char *s, size_t len);

/*
 * Reduces an HTML fragment (a feed's content:encoded or description) to
 * text, paragraphs separated by "\n", into `out`. Returns 0 or DKG_ENOMEM.
 */
int dkg_ingest__html_fragment_text(dkg_buf *out, const char *html, size_t len, int max_depth);

#endif
