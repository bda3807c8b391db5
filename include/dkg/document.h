/*
 * dkg/document.h - a news document as read from any input format.
 */
#ifndef DKG_DOCUMENT_H
#define DKG_DOCUMENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One document. Every string is NUL-terminated UTF-8 owned by the document
 * (NULL when unknown) and freed by dkg_document_free().
 */
typedef struct dkg_document {
	char *id;        /* input id: JSONL "id", else a stable id from path or URL and position */
	char *url;       /* canonical or source URL */
	char *title;     /* headline */
	char *date;      /* publication date, "YYYY-MM-DD" */
	char *lang;      /* language tag, e.g. "en" */
	char *publisher; /* publisher or agency when known */
	char *byline;    /* author line */
	char *dateline;  /* place of report as written ("NICE, France") */
	char *format;    /* "text", "jsonl", "html", "nitf", "rss", "atom", "rdf" */
	char *source;    /* the file the document came from ("-" for stdin) */
	long line;       /* line in `source` where the document starts (1-based; 0 unknown) */
	char *text;      /* body text, paragraphs separated by "\n" */
	size_t text_len; /* bytes in `text` */
} dkg_document;

/** Allocates an empty document; returns NULL when out of memory. */
dkg_document *dkg_document_new(void);

/** Frees a document and every string it owns; NULL is a no-op. */
void dkg_document_free(dkg_document *doc);

/**
 * Replaces a string field of `doc` with a copy of `len` bytes of `value`
 * (`len` (size_t)-1: up to the NUL). Returns 0 or DKG_ENOMEM.
 */
int dkg_document_set(char **field, const char *value, size_t len);

#ifdef __cplusplus
}
#endif
#endif
