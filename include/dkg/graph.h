/*
 * dkg/graph.h - writing documents and their events as RDF through Raptor2.
 */
#ifndef DKG_GRAPH_H
#define DKG_GRAPH_H

#include "common.h"
#include "document.h"
#include "extract.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DKG_NS           "https://w3id.org/dkg/ontology#"
#define DKG_DEFAULT_BASE "https://w3id.org/dkg/id/"

typedef enum {
	DKG_RDF_TURTLE = 0,
	DKG_RDF_NTRIPLES,
	DKG_RDF_NQUADS, /* each document's triples in the named graph of the document IRI */
	DKG_RDF_RDFXML,
	DKG_RDF_NONE /* extract and count, write nothing */
} dkg_rdf_format;

/** Parses "turtle", "ttl", "ntriples", "nt", "nquads", "nq", "rdfxml", "xml", "none". */
int dkg_rdf_format_from_name(dkg_rdf_format *out, const char *name);

/** Receives serialized bytes; returns 0, or non-zero to report a write failure. */
typedef int (*dkg_write_fn)(const char *data, size_t len, void *payload);

typedef struct dkg_writer_options {
	unsigned version;
	dkg_rdf_format format;
	const char *base; /* namespace of minted IRIs; NULL: DKG_DEFAULT_BASE */
} dkg_writer_options;

#define DKG_WRITER_OPTIONS_VERSION 1
#define DKG_WRITER_OPTIONS_INIT                                                                    \
	{                                                                                          \
		DKG_WRITER_OPTIONS_VERSION, DKG_RDF_TURTLE, NULL                                   \
	}

typedef struct dkg_writer dkg_writer;

/**
 * Creates a writer that passes its bytes to `write`. Not thread-safe: use
 * one writer per thread. Turtle, N-Triples and N-Quads are serialized per
 * document (memory stays flat and the chunks of several writers concatenate
 * into valid output); RDF/XML is one document for the whole run.
 */
int dkg_writer_new(dkg_writer **out, const dkg_writer_options *opts, dkg_write_fn write,
                   void *payload);

/** Writes the article node of `doc` and every event, actor, place and mention of `res`. */
int dkg_writer_document(dkg_writer *w, const dkg_document *doc, const dkg_result *res);

/** Number of triples written so far. */
unsigned long long dkg_writer_triples(const dkg_writer *w);

/** Ends the output (closes the RDF/XML document); must be called once before free. */
int dkg_writer_finish(dkg_writer *w);

/** Frees a writer; NULL is a no-op. */
void dkg_writer_free(dkg_writer *w);

#ifdef __cplusplus
}
#endif
#endif
