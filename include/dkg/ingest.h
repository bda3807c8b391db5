/*
 * dkg/ingest.h - reading documents from files, directories, stdin and
 * buffers in every supported input format.
 */
#ifndef DKG_INGEST_H
#define DKG_INGEST_H

#include "common.h"
#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	DKG_INPUT_AUTO = 0, /* detect from content, then extension */
	DKG_INPUT_TEXT,
	DKG_INPUT_JSONL,
	DKG_INPUT_HTML,
	DKG_INPUT_NITF,
	DKG_INPUT_FEED /* RSS 2.0, RSS 1.0 (RDF) or Atom */
} dkg_input_format;

typedef struct dkg_ingest_options {
	unsigned version;
	dkg_input_format format;  /* DKG_INPUT_AUTO unless the user overrides */
	const char *default_date; /* "YYYY-MM-DD" for documents without a date, or NULL */
	size_t max_document_size; /* bytes; larger documents are truncated with a warning */
	int max_depth;            /* XML/HTML nesting limit */
} dkg_ingest_options;

#define DKG_INGEST_OPTIONS_VERSION 1
#define DKG_INGEST_OPTIONS_INIT                                                                    \
	{                                                                                          \
		DKG_INGEST_OPTIONS_VERSION, DKG_INPUT_AUTO, NULL, 64u << 20, 256                   \
	}

/**
 * Receives each document read. The callback takes ownership of `doc` and
 * must dkg_document_free() it. Return 0 to go on, non-zero to stop.
 */
typedef int (*dkg_document_cb)(dkg_document *doc, void *payload);

/**
 * Receives each problem met while reading: `err->code` < 0 is an error (the
 * document was skipped), DKG_OK with a message is a warning (the document
 * was read with a repair such as replaced invalid UTF-8 or truncation).
 */
typedef void (*dkg_diag_cb)(const dkg_error *err, void *payload);

/**
 * Reads `path` (a file, a directory read recursively in sorted order, or "-"
 * for stdin; ".gz" files are decompressed) and calls `on_doc` for every
 * document in input order. Bad documents are reported through `on_diag`
 * and skipped. Returns 0 when the path could be read (even if some documents
 * failed), DKG_ESTOP when the callback stopped, or a negative code when the
 * path itself could not be read (also reported through `on_diag`).
 */
int dkg_ingest_path(const char *path, const dkg_ingest_options *opts, dkg_document_cb on_doc,
                    dkg_diag_cb on_diag, void *payload);

/**
 * Reads the documents in a memory buffer; `name` is used as the source name
 * and for format detection by extension. Same contract as dkg_ingest_path().
 */
int dkg_ingest_buffer(const char *name, const char *data, size_t len,
                      const dkg_ingest_options *opts, dkg_document_cb on_doc, dkg_diag_cb on_diag,
                      void *payload);

/** Parses a format name ("text", "jsonl", "html", "nitf", "feed", "auto"). */
int dkg_input_format_from_name(dkg_input_format *out, const char *name);

#ifdef __cplusplus
}
#endif
#endif
