/*
 * writer.c - documents and their events as RDF through Raptor2 serializers
 * (Turtle, N-Triples, N-Quads, RDF/XML), with content-derived IRIs.
 *
 * One raptor_world per writer. Predicates, classes and datatypes are built
 * once in dkg_writer_new. Serialized bytes collect in a buffer that is
 * handed to the caller's write function after each document (and whenever
 * it passes FLUSH_BYTES in the streaming syntaxes).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>
#include <utf8proc.h>

#include "dkg/graph.h"
#include "dkg/ontology.h"
#include "iri.h"
#include "result.h"
#include "util.h"

#define NS_RDF          "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS         "http://www.w3.org/2000/01/rdf-schema#"
#define NS_OWL          "http://www.w3.org/2002/07/owl#"
#define NS_XSD          "http://www.w3.org/2001/XMLSchema#"
#define NS_SEM          "http://semanticweb.cs.vu.nl/2009/11/sem/"
#define NS_PROV         "http://www.w3.org/ns/prov#"
#define NS_DCTERMS      "http://purl.org/dc/terms/"
#define NS_GEO          "http://www.w3.org/2003/01/geo/wgs84_pos#"
#define WIKIDATA_ENTITY "http://www.wikidata.org/entity/"
#define GEONAMES        "https://sws.geonames.org/"

#define FLUSH_BYTES (64 * 1024)

/* Every predicate, class and individual the writer emits: the ontology
 * must declare each dip: term listed here. */
#define DKG_TERMS(X)                                                                               \
	X(P_TYPE, NS_RDF, "type")                                                                  \
	X(P_LABEL, NS_RDFS, "label")                                                               \
	X(P_SAME_AS, NS_OWL, "sameAs")                                                             \
	X(P_IDENTIFIER, NS_DCTERMS, "identifier")                                                  \
	X(P_TITLE, NS_DCTERMS, "title")                                                            \
	X(P_DATE, NS_DCTERMS, "date")                                                              \
	X(P_SOURCE, NS_DCTERMS, "source")                                                          \
	X(P_PUBLISHER, NS_DCTERMS, "publisher")                                                    \
	X(P_LANGUAGE, NS_DCTERMS, "language")                                                      \
	X(P_CREATOR, NS_DCTERMS, "creator")                                                        \
	X(P_DATELINE, DKG_NS, "dateline")                                                          \
	X(P_CAMEO, DKG_NS, "cameoCode")                                                            \
	X(P_PLOVER, DKG_NS, "ploverType")                                                          \
	X(P_GOLDSTEIN, DKG_NS, "goldstein")                                                        \
	X(P_QUAD, DKG_NS, "quadClass")                                                             \
	X(P_SOURCE_ACTOR, DKG_NS, "sourceActor")                                                   \
	X(P_TARGET_ACTOR, DKG_NS, "targetActor")                                                   \
	X(P_ACTION_TEXT, DKG_NS, "actionText")                                                     \
	X(P_OBJECT_TEXT, DKG_NS, "objectText")                                                     \
	X(P_HAS_PLACE, NS_SEM, "hasPlace")                                                         \
	X(P_TIMESTAMP, NS_SEM, "hasTimeStamp")                                                     \
	X(P_EARLIEST, NS_SEM, "hasEarliestBeginTimeStamp")                                         \
	X(P_LATEST, NS_SEM, "hasLatestEndTimeStamp")                                               \
	X(P_GRAIN, DKG_NS, "dateGranularity")                                                      \
	X(P_POLARITY, DKG_NS, "polarity")                                                          \
	X(P_MODALITY, DKG_NS, "modality")                                                          \
	X(P_ATTRIBUTED, DKG_NS, "attributedTo")                                                    \
	X(P_RETRACTS, DKG_NS, "retracts")                                                          \
	X(P_REPORTED_FROM, DKG_NS, "reportedFrom")                                                 \
	X(P_HAS_MENTION, DKG_NS, "hasMention")                                                     \
	X(P_IN_DOCUMENT, DKG_NS, "inDocument")                                                     \
	X(P_SENTENCE, DKG_NS, "sentenceText")                                                      \
	X(P_CHAR_START, DKG_NS, "charStart")                                                       \
	X(P_CHAR_END, DKG_NS, "charEnd")                                                           \
	X(P_TRIGGER, DKG_NS, "triggerText")                                                        \
	X(P_TRIGGER_START, DKG_NS, "triggerStart")                                                 \
	X(P_TRIGGER_END, DKG_NS, "triggerEnd")                                                     \
	X(P_CONFIDENCE, DKG_NS, "confidence")                                                      \
	X(P_ACTOR_CODE, DKG_NS, "actorCode")                                                       \
	X(P_COUNTRY, DKG_NS, "countryCode")                                                        \
	X(P_ROLE, DKG_NS, "role")                                                                  \
	X(P_SPECIALIZATION, NS_PROV, "specializationOf")                                           \
	X(P_LAT, NS_GEO, "lat")                                                                    \
	X(P_LONG, NS_GEO, "long")                                                                  \
	X(C_ARTICLE, DKG_NS, "Article")                                                            \
	X(C_EVENT, DKG_NS, "Event")                                                                \
	X(C_MENTION, DKG_NS, "Mention")                                                            \
	X(C_ACTOR, DKG_NS, "Actor")                                                                \
	X(C_STATE, DKG_NS, "State")                                                                \
	X(C_PERSON, DKG_NS, "Person")                                                              \
	X(C_ORGANIZATION, DKG_NS, "Organization")                                                  \
	X(C_GROUP, DKG_NS, "Group")                                                                \
	X(C_PLACE, DKG_NS, "Place")                                                                \
	X(I_DAY, DKG_NS, "Day")                                                                    \
	X(I_WEEK, DKG_NS, "Week")                                                                  \
	X(I_MONTH, DKG_NS, "Month")                                                                \
	X(I_SEASON, DKG_NS, "Season")                                                              \
	X(I_YEAR, DKG_NS, "Year")                                                                  \
	X(I_AFFIRMATIVE, DKG_NS, "Affirmative")                                                    \
	X(I_NEGATED, DKG_NS, "Negated")                                                            \
	X(I_ASSERTED, DKG_NS, "Asserted")                                                          \
	X(I_INTENDED, DKG_NS, "Intended")                                                          \
	X(I_CONDITIONAL, DKG_NS, "Conditional")                                                    \
	X(I_POSSIBLE, DKG_NS, "Possible")                                                          \
	X(I_THREATENED, DKG_NS, "Threatened")

#define TERM_ENUM(id, ns, local) id,
enum { DKG_TERMS(TERM_ENUM) T_COUNT };
#undef TERM_ENUM

#define TERM_NAME(id, ns, local) {ns, local},
static const struct {
	const char *ns, *local;
} term_names[T_COUNT] = {DKG_TERMS(TERM_NAME)};
#undef TERM_NAME

static const struct {
	const char *prefix, *uri;
} prefixes[] = {
    {"dip", DKG_NS}, {"sem", NS_SEM},   {"prov", NS_PROV}, {"dcterms", NS_DCTERMS},
    {"xsd", NS_XSD}, {"rdfs", NS_RDFS}, {"owl", NS_OWL},   {"geo", NS_GEO},
};

/* A node of the current document: its IRI hash and term. */
typedef struct node {
	uint64_t key;
	unsigned gen;  /* live when equal to the writer's generation */
	int described; /* its triples are written */
	raptor_term *term;
} node;

/*
 * In N-Triples and N-Quads a subject comes back in some fifteen lines and a
 * predicate or class in thousands, and Raptor escapes every byte of every
 * term through a function call. The writer keeps what Raptor wrote for each
 * short term in a direct-mapped table keyed by the term's full content, and
 * writes those bytes again when the same term comes back: every byte still
 * comes from raptor_term_escaped_write with the N-Triples flags, only not
 * twice for the same term.
 */
#define MEMO_SLOTS   4096 /* a power of two */
#define MEMO_MAX_KEY 512  /* longer terms (sentences) are always written by Raptor */

typedef struct memo_slot {
	uint64_t hash;
	char *data; /* key bytes, then the term as Raptor wrote it */
	uint32_t klen, olen;
} memo_slot;

struct dkg_writer {
	dkg_rdf_format format;
	dkg_write_fn write;
	void *payload;
	int error;    /* sticky: the first failure */
	int started;  /* RDF/XML: the document is open */
	int finished; /* dkg_writer_finish ran */
	unsigned long long triples;

	raptor_world *world;
	raptor_iostream *ios;
	raptor_serializer *ser; /* RDF/XML: the run's; others: the document's */
	int raptor_failed;      /* Raptor logged an error */

	dkg_buf out; /* serialized bytes not yet handed to `write` */
	dkg_buf iri; /* scratch: an IRI being built */
	dkg_buf lit; /* scratch: a cleaned literal */
	char *base;
	size_t base_len;

	raptor_uri *xsd_date, *xsd_decimal, *xsd_integer;
	raptor_uri *base_uri;
	raptor_term *t[T_COUNT];
	raptor_term scratch;   /* literal object for the streaming syntaxes */
	raptor_term dummy;     /* stands for every term in -f none */
	raptor_term *graph;    /* N-Quads: the document IRI */
	raptor_term *doc_term; /* the current document */

	raptor_term **klasses; /* by index in the CAMEO table */
	size_t nklasses;

	node *nodes; /* open addressing, power-of-two capacity */
	size_t capnodes, nnodes;
	unsigned gen;
	raptor_term **owned; /* terms of the current document, freed at its end */
	size_t nowned, capowned;

	/* code point offset at byte offset `cp_byte` of the current document */
	size_t cp_byte, cp_count;

	/* N-Triples and N-Quads: the bytes Raptor wrote for recent short terms */
	memo_slot *memo;
	size_t hint_subject, hint_graph; /* the slots of the last subject and graph */
	char *pred[T_COUNT];             /* each predicate as Raptor wrote it */
	size_t pred_len[T_COUNT];
	/* what Raptor writes after the quoted string of a literal of one of the
	 * writer's datatypes ("^^<...#integer>"), taken from ""^^<...> written once */
	raptor_uri *dt_uri[3];
	char *dt_suffix[3];
	size_t dt_len[3], ndt;
};

int dkg_rdf_format_from_name(dkg_rdf_format *out, const char *name)
{
	static const struct {
		const char *name;
		dkg_rdf_format format;
	} names[] = {
	    {"turtle", DKG_RDF_TURTLE}, {"ttl", DKG_RDF_TURTLE},    {"ntriples", DKG_RDF_NTRIPLES},
	    {"nt", DKG_RDF_NTRIPLES},   {"nquads", DKG_RDF_NQUADS}, {"nq", DKG_RDF_NQUADS},
	    {"rdfxml", DKG_RDF_RDFXML}, {"xml", DKG_RDF_RDFXML},    {"rdf", DKG_RDF_RDFXML},
	    {"none", DKG_RDF_NONE},
	};
	size_t i;
	if (!out || !name)
		return DKG_EINVAL;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i].name)) {
			*out = names[i].format;
			return DKG_OK;
		}
	return DKG_EUNSUPPORTED;
}

/* --- output ----------------------------------------------------------------- */

/* Raptor escapes literals and IRIs one byte at a time through here: the
 * common case stays a store into spare capacity. */
static int ios_write_byte(void *ctx, const int byte)
{
	dkg_buf *b = &((dkg_writer *)ctx)->out;
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = (char)byte;
		b->data[b->len] = '\0';
		return 0;
	}
	dkg_buf_putc(b, (char)byte);
	return b->oom;
}

static int ios_write_bytes(void *ctx, const void *ptr, size_t size, size_t nmemb)
{
	dkg_writer *w = ctx;
	dkg_buf_put(&w->out, ptr, size * nmemb);
	return w->out.oom ? 0 : (int)nmemb;
}

/* Version 2: Raptor 2.0.15 only allows writing through a version-2 handler. */
static const raptor_iostream_handler ios_handler = {
    2, NULL, NULL, ios_write_byte, ios_write_bytes, NULL, NULL, NULL,
};

static void log_handler(void *user_data, raptor_log_message *message)
{
	dkg_writer *w = user_data;
	if (message->level >= RAPTOR_LOG_LEVEL_ERROR)
		w->raptor_failed = 1;
}

static int fail(dkg_writer *w, int code)
{
	if (!w->error)
		w->error = code;
	return w->error;
}

static int flush(dkg_writer *w)
{
	if (w->out.oom)
		return fail(w, DKG_ENOMEM);
	if (w->out.len && w->write(w->out.data, w->out.len, w->payload))
		return fail(w, DKG_EIO);
	w->out.len = 0;
	return DKG_OK;
}

/* Starts serializing: a new serializer for Turtle (its writer keeps state
 * between runs), the writer's own for the others. */
static int serializer_start(dkg_writer *w)
{
	static const char *const names[] = {"turtle", "ntriples", "nquads", "rdfxml"};
	size_t i;
	if (!w->ser) {
		w->ser = raptor_new_serializer(w->world, names[w->format]);
		if (!w->ser)
			return DKG_ENOMEM;
		for (i = 0; i <= sizeof prefixes / sizeof prefixes[0]; i++) {
			const char *prefix = i ? prefixes[i - 1].prefix : "id";
			raptor_uri *uri;
			int rc;
			if (w->format != DKG_RDF_TURTLE && w->format != DKG_RDF_RDFXML)
				break;
			uri =
			    i ? raptor_new_uri(w->world, (const unsigned char *)prefixes[i - 1].uri)
			      : raptor_uri_copy(w->base_uri);
			rc = uri ? raptor_serializer_set_namespace(w->ser, uri,
			                                           (const unsigned char *)prefix)
			         : 1;
			if (uri)
				raptor_free_uri(uri);
			if (rc)
				return DKG_ENOMEM;
		}
	}
	if (raptor_serializer_start_to_iostream(w->ser, NULL, w->ios))
		return DKG_EIO;
	w->started = 1;
	return DKG_OK;
}

/* Ends serializing; returns DKG_EIO when Raptor reports a failure. */
static int serializer_end(dkg_writer *w)
{
	int rc = raptor_serializer_serialize_end(w->ser);
	w->started = 0;
	if (w->format == DKG_RDF_TURTLE) {
		raptor_free_serializer(w->ser);
		w->ser = NULL;
	}
	return rc || w->raptor_failed ? DKG_EIO : DKG_OK;
}

/* --- terms and triples ---------------------------------------------------- */

static raptor_term *iri_term(dkg_writer *w, const char *s, size_t n)
{
	if (w->format == DKG_RDF_NONE)
		return &w->dummy;
	return raptor_new_term_from_counted_uri_string(w->world, (const unsigned char *)s, n);
}

/* The parts of a term's memo key: its kind, its string, and a literal's datatype and language. */
typedef struct memo_key {
	char tag;
	const unsigned char *part[3];
	size_t len[3], total;
	uint64_t hash;
} memo_key;

/* A hash of the last `tail` bytes of s (n long) and of n: three multiplies for a
 * 24-byte tail instead of FNV's one per byte. */
static uint64_t tail_hash(const unsigned char *s, size_t n, size_t tail)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, v;
	const unsigned char *p = s + n - tail;
	while (tail >= 8) {
		memcpy(&v, p, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		p += 8;
		tail -= 8;
	}
	if (tail) {
		v = 0;
		memcpy(&v, p, tail);
		h = (h ^ v) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 29;
	}
	return h;
}

/*
 * Fills the key of a term; -1 when the term is not remembered (a blank node,
 * a long literal). IRIs differ in their ends (".../event-9f3a..."), so their
 * hash reads the length and the last 24 bytes only; the memo compares whole
 * keys all the same.
 */
static int memo_key_of(const raptor_term *t, memo_key *k)
{
	static const unsigned char nul = 0;
	memset(k, 0, sizeof *k);
	if (t->type == RAPTOR_TERM_TYPE_URI) {
		k->tag = 'U';
		k->part[0] = raptor_uri_as_counted_string(t->value.uri, &k->len[0]);
		k->total = 1 + k->len[0];
		if (!k->part[0] || k->total > MEMO_MAX_KEY)
			return -1;
		size_t tail = k->len[0] < 24 ? k->len[0] : 24;
		k->hash = tail_hash(k->part[0], k->len[0], tail);
		return 0;
	}
	if (t->type != RAPTOR_TERM_TYPE_LITERAL || t->value.literal.string_len > MEMO_MAX_KEY)
		return -1;
	k->tag = 'L';
	k->part[0] = t->value.literal.string ? t->value.literal.string : &nul;
	k->len[0] = t->value.literal.string_len;
	if (t->value.literal.datatype) {
		k->part[1] = raptor_uri_as_counted_string(t->value.literal.datatype, &k->len[1]);
		if (!k->part[1])
			return -1;
	}
	k->part[2] = t->value.literal.language;
	k->len[2] = t->value.literal.language ? t->value.literal.language_len : 0;
	k->total = 1 + k->len[0] + 1 + k->len[1] + 1 + k->len[2];
	if (k->total > MEMO_MAX_KEY)
		return -1;
	k->hash =
	    tail_hash(k->part[0], k->len[0], k->len[0] < 24 ? k->len[0] : 24) ^
	    (k->len[1] ? tail_hash(k->part[1], k->len[1], k->len[1] < 8 ? k->len[1] : 8) : 0) ^
	    (k->len[2] ? tail_hash(k->part[2], k->len[2], k->len[2] < 8 ? k->len[2] : 8) : 1);
	return 0;
}

/* Whether slot m holds key k: the stored key is tag, part 0, and for literals NUL, part 1, NUL,
 * part 2. */
static int memo_holds(const memo_slot *m, const memo_key *k)
{
	const char *d = m->data;
	if (!d || m->klen != k->total || d[0] != k->tag || memcmp(d + 1, k->part[0], k->len[0]))
		return 0;
	if (k->tag == 'U')
		return 1;
	d += 1 + k->len[0];
	if (*d++ || (k->len[1] && memcmp(d, k->part[1], k->len[1])))
		return 0;
	d += k->len[1];
	return !*d++ && (!k->len[2] || !memcmp(d, k->part[2], k->len[2]));
}

/*
 * Writes a term as Raptor writes it in N-Triples, from the memo when it is
 * there. *hint is the slot the same position used last time (a subject comes
 * back line after line): it is tried before hashing.
 */
/*
 * Writes a typed literal: Raptor writes the literal without its datatype,
 * then the datatype part Raptor wrote for the empty literal of that type
 * follows. Escaping a datatype IRI through Raptor costs as much as a short
 * sentence, and an offset or a date is written for every event. Returns -1
 * when it cannot (the caller then writes the whole term through Raptor).
 */
static int put_typed_literal(dkg_writer *w, const raptor_term *t)
{
	raptor_term plain;
	raptor_uri *dt = t->value.literal.datatype;
	size_t i, before;
	/* only the writer's own datatypes, which live as long as it does */
	if (dt != w->xsd_date && dt != w->xsd_decimal && dt != w->xsd_integer)
		return -1;
	for (i = 0; i < w->ndt && w->dt_uri[i] != dt; i++)
		;
	if (i == w->ndt) {
		raptor_term empty;
		memset(&empty, 0, sizeof empty);
		empty.world = t->world;
		empty.type = RAPTOR_TERM_TYPE_LITERAL;
		empty.value.literal.string = (unsigned char *)"";
		empty.value.literal.datatype = t->value.literal.datatype;
		before = w->out.len;
		if (raptor_term_escaped_write(&empty, RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL,
		                              w->ios) ||
		    w->out.oom || w->out.len - before < 2 ||
		    memcmp(w->out.data + before, "\"\"", 2)) {
			w->out.len = before;
			return -1;
		}
		w->dt_suffix[i] = dkg_strndup(w->out.data + before + 2, w->out.len - before - 2);
		w->dt_len[i] = w->out.len - before - 2;
		w->out.len = before;
		if (!w->dt_suffix[i])
			return -1;
		w->dt_uri[i] = t->value.literal.datatype;
		w->ndt++;
	}
	plain = *t;
	plain.value.literal.datatype = NULL;
	if (raptor_term_escaped_write(&plain, RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL, w->ios))
		return 1;
	dkg_buf_put(&w->out, w->dt_suffix[i], w->dt_len[i]);
	return 0;
}

/* Writes term t through Raptor, a typed literal in two parts (above). */
static int write_term(dkg_writer *w, const raptor_term *t)
{
	if (t->type == RAPTOR_TERM_TYPE_LITERAL && t->value.literal.datatype &&
	    !t->value.literal.language) {
		int rc = put_typed_literal(w, t);
		if (rc >= 0)
			return rc;
	}
	return raptor_term_escaped_write(t, RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL, w->ios);
}

static int put_term(dkg_writer *w, const raptor_term *t, size_t *hint)
{
	memo_slot *m;
	memo_key k;
	size_t before = w->out.len, olen;
	char *data;
	if (memo_key_of(t, &k) < 0)
		return write_term(w, t);
	if (hint && memo_holds(&w->memo[*hint], &k)) {
		m = &w->memo[*hint];
		dkg_buf_put(&w->out, m->data + m->klen, m->olen);
		return 0;
	}
	m = &w->memo[k.hash & (MEMO_SLOTS - 1)];
	if (hint)
		*hint = (size_t)(m - w->memo);
	if (m->hash == k.hash && memo_holds(m, &k)) {
		dkg_buf_put(&w->out, m->data + m->klen, m->olen);
		return 0;
	}
	if (write_term(w, t) || w->out.oom)
		return 1;
	olen = w->out.len - before;
	if (!(data = dkg_malloc(k.total + olen)))
		return 0; /* written all the same, only not remembered */
	{
		char *d = data;
		*d++ = k.tag;
		memcpy(d, k.part[0], k.len[0]);
		d += k.len[0];
		if (k.tag == 'L') {
			*d++ = '\0';
			if (k.len[1])
				memcpy(d, k.part[1], k.len[1]);
			d += k.len[1];
			*d++ = '\0';
			if (k.len[2])
				memcpy(d, k.part[2], k.len[2]);
			d += k.len[2];
		}
		memcpy(d, w->out.data + before, olen);
	}
	dkg_free(m->data);
	m->data = data;
	m->hash = k.hash;
	m->klen = (uint32_t)k.total;
	m->olen = (uint32_t)olen;
	return 0;
}

/* A predicate, as Raptor wrote it the first time (predicates are the writer's own terms). */
static int put_predicate(dkg_writer *w, int p)
{
	size_t before = w->out.len;
	if (w->pred[p]) {
		dkg_buf_put(&w->out, w->pred[p], w->pred_len[p]);
		return 0;
	}
	if (raptor_term_escaped_write(w->t[p], RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL, w->ios) ||
	    w->out.oom)
		return 1;
	if ((w->pred[p] = dkg_strndup(w->out.data + before, w->out.len - before)))
		w->pred_len[p] = w->out.len - before;
	return 0;
}

/* One N-Triples or N-Quads line, laid out as raptor_statement_ntriples_write does. */
static int put_statement(dkg_writer *w, const raptor_statement *st, int p)
{
	if (put_term(w, st->subject, &w->hint_subject))
		return 1;
	dkg_buf_putc(&w->out, ' ');
	if (put_predicate(w, p))
		return 1;
	dkg_buf_putc(&w->out, ' ');
	if (put_term(w, st->object, NULL))
		return 1;
	if (w->format == DKG_RDF_NQUADS && st->graph) {
		dkg_buf_putc(&w->out, ' ');
		if (put_term(w, st->graph, &w->hint_graph))
			return 1;
	}
	dkg_buf_put(&w->out, " .\n", 3);
	return 0;
}

static int emit(dkg_writer *w, raptor_term *s, int p, raptor_term *o)
{
	raptor_statement st;
	w->triples++;
	if (w->format == DKG_RDF_NONE)
		return DKG_OK;
	st.world = w->world;
	st.usage = 1;
	st.subject = s;
	st.predicate = w->t[p];
	st.object = o;
	st.graph = w->graph;
	if ((w->memo ? put_statement(w, &st, p)
	             : raptor_serializer_serialize_statement(w->ser, &st)) ||
	    w->raptor_failed)
		return fail(w, DKG_EIO);
	if (w->out.oom)
		return fail(w, DKG_ENOMEM);
	if (w->out.len >= FLUSH_BYTES && w->format != DKG_RDF_TURTLE)
		return flush(w);
	return DKG_OK;
}

/* A literal object: cleaned, and with a datatype or the English language
 * tag (never both). The streaming syntaxes write it at once, so it lives in
 * a scratch term; Turtle keeps its terms until the end of the document. */
static int emit_lit(dkg_writer *w, raptor_term *s, int p, const char *str, size_t n,
                    raptor_uri *datatype, int english)
{
	raptor_term *o;
	int rc;
	if (w->format == DKG_RDF_NONE) {
		w->triples++;
		return DKG_OK;
	}
	w->lit.len = 0;
	dkg_text_clean(&w->lit, str, n);
	if (w->lit.oom)
		return fail(w, DKG_ENOMEM);
	if (w->lit.len > 0xFFFFFFFFu)
		return fail(w, DKG_ELIMIT);
	if (w->format != DKG_RDF_TURTLE) {
		w->scratch.value.literal.string = (unsigned char *)w->lit.data;
		w->scratch.value.literal.string_len = (unsigned int)w->lit.len;
		w->scratch.value.literal.datatype = datatype;
		w->scratch.value.literal.language = english ? (unsigned char *)"en" : NULL;
		w->scratch.value.literal.language_len = english ? 2 : 0;
		return emit(w, s, p, &w->scratch);
	}
	o = raptor_new_term_from_counted_literal(
	    w->world, (const unsigned char *)w->lit.data, w->lit.len, datatype,
	    english ? (const unsigned char *)"en" : NULL, english ? 2 : 0);
	if (!o)
		return fail(w, DKG_ENOMEM);
	rc = emit(w, s, p, o);
	raptor_free_term(o);
	return rc;
}

/* A plain string literal from a C string; nothing when NULL or empty. */
static int emit_str(dkg_writer *w, raptor_term *s, int p, const char *str)
{
	if (!str || !*str)
		return DKG_OK;
	return emit_lit(w, s, p, str, strlen(str), NULL, 0);
}

static int emit_label(dkg_writer *w, raptor_term *s, const char *str)
{
	if (!str || !*str)
		return DKG_OK;
	return emit_lit(w, s, P_LABEL, str, strlen(str), NULL, 1);
}

static int emit_decimal(dkg_writer *w, raptor_term *s, int p, double v, int digits)
{
	char num[64];
	size_t n = dkg_decimal_format(num, sizeof num, v, digits);
	if (!n)
		return DKG_OK;
	return emit_lit(w, s, p, num, n, w->xsd_decimal, 0);
}

static int emit_integer(dkg_writer *w, raptor_term *s, int p, long long v)
{
	char num[24];
	size_t n = dkg_integer_format(num, v);
	return emit_lit(w, s, p, num, n, w->xsd_integer, 0);
}

/* A date as xsd:date; nothing when it is not a valid YYYY-MM-DD. */
static int emit_date(dkg_writer *w, raptor_term *s, int p, const char *date, size_t cap)
{
	size_t n = strnlen(date, cap);
	if (!dkg_date_valid(date, n))
		return DKG_OK;
	return emit_lit(w, s, p, date, n, w->xsd_date, 0);
}

/* --- nodes of the current document ------------------------------------------ */

static int own(dkg_writer *w, raptor_term *t)
{
	if (w->nowned == w->capowned) {
		size_t cap = w->capowned ? w->capowned * 2 : 64;
		raptor_term **p = dkg_realloc(w->owned, cap * sizeof *p);
		if (!p)
			return DKG_ENOMEM;
		w->owned = p;
		w->capowned = cap;
	}
	w->owned[w->nowned++] = t;
	return DKG_OK;
}

static int nodes_grow(dkg_writer *w)
{
	size_t cap = w->capnodes ? w->capnodes * 2 : 256, i;
	node *p = dkg_calloc(cap, sizeof *p);
	if (!p)
		return DKG_ENOMEM;
	for (i = 0; i < w->capnodes; i++) {
		node *n = &w->nodes[i];
		size_t j;
		if (n->gen != w->gen)
			continue;
		for (j = (size_t)n->key & (cap - 1); p[j].gen == w->gen; j = (j + 1) & (cap - 1))
			;
		p[j] = *n;
	}
	dkg_free(w->nodes);
	w->nodes = p;
	w->capnodes = cap;
	return DKG_OK;
}

/*
 * The term of the node whose IRI is in w->iri, made on its first use in
 * this document. With `describe`, `*fresh` tells whether its triples are
 * still to be written (and the node counts as written from now on). NULL
 * on failure.
 */
static raptor_term *node_term(dkg_writer *w, int describe, int *fresh)
{
	uint64_t key;
	size_t i;
	raptor_term *t;
	*fresh = 0;
	if (w->iri.oom) {
		fail(w, DKG_ENOMEM);
		return NULL;
	}
	key = dkg_hash(DKG_HASH_INIT, w->iri.data + w->base_len, w->iri.len - w->base_len);
	if ((w->nnodes + 1) * 2 > w->capnodes && nodes_grow(w)) {
		fail(w, DKG_ENOMEM);
		return NULL;
	}
	for (i = (size_t)key & (w->capnodes - 1); w->nodes[i].gen == w->gen;
	     i = (i + 1) & (w->capnodes - 1))
		if (w->nodes[i].key == key)
			break;
	if (w->nodes[i].gen != w->gen) {
		t = iri_term(w, w->iri.data, w->iri.len);
		if (!t || (t != &w->dummy && own(w, t))) {
			if (t && t != &w->dummy)
				raptor_free_term(t);
			fail(w, DKG_ENOMEM);
			return NULL;
		}
		w->nodes[i].key = key;
		w->nodes[i].gen = w->gen;
		w->nodes[i].described = 0;
		w->nodes[i].term = t;
		w->nnodes++;
	}
	if (describe) {
		*fresh = !w->nodes[i].described;
		w->nodes[i].described = 1;
	}
	return w->nodes[i].term;
}

static void nodes_reset(dkg_writer *w)
{
	size_t i;
	for (i = 0; i < w->nowned; i++)
		raptor_free_term(w->owned[i]);
	w->nowned = 0;
	w->nnodes = 0;
	if (++w->gen == 0) { /* wrapped: clear for real */
		if (w->nodes)
			memset(w->nodes, 0, w->capnodes * sizeof *w->nodes);
		w->gen = 1;
	}
}

/* Starts w->iri with base + `prefix`. */
static void iri_start(dkg_writer *w, const char *prefix)
{
	w->iri.len = 0;
	dkg_buf_put(&w->iri, w->base, w->base_len);
	dkg_buf_puts(&w->iri, prefix);
}

/* --- content hashes ------------------------------------------------------- */

static uint64_t hash_str(uint64_t h, const char *s)
{
	/* The NUL ends each field, so no two field lists hash the same bytes. */
	if (s)
		h = dkg_hash(h, s, strlen(s));
	return dkg_hash(h, "", 1);
}

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
	unsigned char b[8];
	int i;
	for (i = 0; i < 8; i++) /* little-endian on every machine */
		b[i] = (unsigned char)(v >> (8 * i));
	return dkg_hash(h, b, 8);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of `n` actors sorted, without duplicates and NULLs, into `ids`. */
static size_t sorted_ids(const char **ids, const dkg_actor *const *actors, size_t n)
{
	size_t i, k = 0, m = 0;
	if (n > DKG_MAX_EVENT_ACTORS)
		n = DKG_MAX_EVENT_ACTORS;
	for (i = 0; i < n; i++)
		if (actors[i] && actors[i]->id && actors[i]->id[0])
			ids[k++] = actors[i]->id;
	qsort(ids, k, sizeof *ids, cmp_str);
	for (i = 0; i < k; i++)
		if (!m || strcmp(ids[m - 1], ids[i]))
			ids[m++] = ids[i];
	return m;
}

/* Hashes `s` lower-cased with its white space collapsed and trimmed. */
static uint64_t hash_normalised(uint64_t h, const char *s)
{
	unsigned char chunk[256];
	size_t n = 0, len = s ? strlen(s) : 0, i = 0;
	int space = 0, seen = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = seen;
			i++;
			continue;
		}
		if (n + 8 > sizeof chunk) {
			h = dkg_hash(h, chunk, n);
			n = 0;
		}
		if (space)
			chunk[n++] = ' ';
		space = 0;
		seen = 1;
		if (c < 0x80) {
			chunk[n++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		{
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			                                      (utf8proc_ssize_t)(len - i), &cp);
			if (k <= 0) {
				chunk[n++] = c;
				i++;
			} else {
				n += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), chunk + n);
				i += (size_t)k;
			}
		}
	}
	h = dkg_hash(h, chunk, n);
	return dkg_hash(h, "", 1);
}

static uint64_t event_hash(const dkg_event *e)
{
	const char *ids[DKG_MAX_EVENT_ACTORS];
	uint64_t h = dkg_hash(DKG_HASH_INIT, "dkg-event/1", 12);
	size_t i, n;
	h = hash_str(h, e->cameo);
	n = sorted_ids(ids, e->sources, e->nsources);
	h = hash_u64(h, n);
	for (i = 0; i < n; i++)
		h = hash_str(h, ids[i]);
	n = sorted_ids(ids, e->targets, e->ntargets);
	h = hash_u64(h, n);
	for (i = 0; i < n; i++)
		h = hash_str(h, ids[i]);
	h = hash_normalised(h, e->object_text);
	h = hash_str(h, e->place ? e->place->id : NULL);
	h = dkg_hash(h, e->date, strnlen(e->date, sizeof e->date));
	h = dkg_hash(h, "", 1);
	h = dkg_hash(h, e->date_end, strnlen(e->date_end, sizeof e->date_end));
	h = dkg_hash(h, "", 1);
	h = hash_u64(h, (uint64_t)e->polarity);
	return hash_u64(h, (uint64_t)e->modality);
}

static uint64_t mention_hash(const dkg_document *doc, const dkg_event *e, uint64_t event)
{
	uint64_t h = dkg_hash(DKG_HASH_INIT, "dkg-mention/1", 14);
	h = hash_str(h, doc->id);
	h = hash_u64(h, e->sentence_start);
	h = hash_u64(h, e->sentence_end);
	return hash_u64(h, event);
}

/* --- the description of each node ------------------------------------------ */

/* The code point offset of byte `off` in the document text. Events come in
 * document order, so counting goes on from the previous offset. */
static size_t code_points_at(dkg_writer *w, const dkg_document *doc, size_t off)
{
	if (off < w->cp_byte) {
		w->cp_byte = 0;
		w->cp_count = 0;
	}
	w->cp_count += dkg_utf8_count(doc->text + w->cp_byte, off - w->cp_byte);
	w->cp_byte = off;
	return w->cp_count;
}

/* The term of the class of CAMEO entry `c`, built on first use. */
static raptor_term *klass_term(dkg_writer *w, const dkg_cameo *c)
{
	size_t i;
	const dkg_cameo *first = dkg_cameo_at(0);
	if (!c || !c->klass || !*c->klass || !first)
		return NULL;
	i = (size_t)(c - first);
	if (i >= w->nklasses || dkg_cameo_at(i) != c)
		return NULL;
	if (w->format == DKG_RDF_NONE)
		return &w->dummy;
	if (!w->klasses[i]) {
		w->iri.len = 0;
		dkg_buf_puts(&w->iri, DKG_NS);
		dkg_iri_put_encoded(&w->iri, c->klass, strlen(c->klass));
		if (w->iri.oom || !(w->klasses[i] = iri_term(w, w->iri.data, w->iri.len))) {
			fail(w, DKG_ENOMEM);
			return NULL;
		}
	}
	return w->klasses[i];
}

/* The term of actor `a` (NULL in `*out` when it has no id), describing the
 * actor on its first use in the document. */
static int actor_node(dkg_writer *w, const dkg_actor *a, raptor_term **out)
{
	static const int kinds[] = {C_STATE, C_PERSON, C_ORGANIZATION, C_GROUP};
	raptor_term *t;
	int fresh, rc = DKG_OK;
	*out = NULL;
	if (!a || !a->id || !*a->id)
		return DKG_OK;
	iri_start(w, "actor-");
	dkg_iri_put_encoded(&w->iri, a->id, strlen(a->id));
	if (!(t = node_term(w, 1, &fresh)))
		return w->error;
	*out = t;
	if (!fresh)
		return DKG_OK;
	if ((rc = emit(w, t, P_TYPE, w->t[C_ACTOR])))
		return rc;
	if ((unsigned)a->kind < sizeof kinds / sizeof kinds[0] &&
	    (rc = emit(w, t, P_TYPE, w->t[kinds[a->kind]])))
		return rc;
	if ((rc = emit_label(w, t, a->label)) || (rc = emit_str(w, t, P_ACTOR_CODE, a->code)) ||
	    (rc = emit_str(w, t, P_COUNTRY, a->country)) || (rc = emit_str(w, t, P_ROLE, a->role)))
		return rc;
	if (a->person && a->person != a) {
		/* the office holder as the person, described once too */
		raptor_term *p = NULL; /* node terms live as long as the document */
		rc = actor_node(w, a->person, &p);
		if (!rc && p)
			rc = emit(w, t, P_SPECIALIZATION, p);
		if (rc)
			return rc;
	}
	if (a->wikidata && *a->wikidata) {
		const char *q = a->wikidata + (a->wikidata[0] == 'Q' || a->wikidata[0] == 'q');
		size_t n = strlen(q);
		if (n && n < 20 && strspn(q, "0123456789") == n) {
			raptor_term *o;
			w->iri.len = 0;
			dkg_buf_puts(&w->iri, WIKIDATA_ENTITY "Q");
			dkg_buf_put(&w->iri, q, n);
			if (w->iri.oom || !(o = iri_term(w, w->iri.data, w->iri.len)))
				return fail(w, DKG_ENOMEM);
			rc = emit(w, t, P_SAME_AS, o);
			if (o != &w->dummy)
				raptor_free_term(o);
		}
	}
	return rc;
}

/* The term of place `p` (NULL in `*out` when it has no id), describing the
 * place on its first use in the document. */
static int place_node(dkg_writer *w, const dkg_place *p, raptor_term **out)
{
	raptor_term *t;
	int fresh, rc;
	*out = NULL;
	if (!p || !p->id || !*p->id)
		return DKG_OK;
	iri_start(w, "place-");
	dkg_iri_put_encoded(&w->iri, p->id, strlen(p->id));
	if (!(t = node_term(w, 1, &fresh)))
		return w->error;
	*out = t;
	if (!fresh)
		return DKG_OK;
	if ((rc = emit(w, t, P_TYPE, w->t[C_PLACE])) || (rc = emit_label(w, t, p->label)) ||
	    (rc = emit_str(w, t, P_COUNTRY, p->country)))
		return rc;
	if (isfinite(p->lat) && isfinite(p->lon) && (p->lat != 0 || p->lon != 0) &&
	    fabs(p->lat) <= 90 && fabs(p->lon) <= 180) {
		if ((rc = emit_decimal(w, t, P_LAT, p->lat, 6)) ||
		    (rc = emit_decimal(w, t, P_LONG, p->lon, 6)))
			return rc;
	}
	if (p->geonames && *p->geonames) {
		size_t n = strlen(p->geonames);
		if (n < 20 && strspn(p->geonames, "0123456789") == n) {
			raptor_term *o;
			w->iri.len = 0;
			dkg_buf_puts(&w->iri, GEONAMES);
			dkg_buf_put(&w->iri, p->geonames, n);
			dkg_buf_putc(&w->iri, '/');
			if (w->iri.oom || !(o = iri_term(w, w->iri.data, w->iri.len)))
				return fail(w, DKG_ENOMEM);
			rc = emit(w, t, P_SAME_AS, o);
			if (o != &w->dummy)
				raptor_free_term(o);
		}
	}
	return rc;
}

/* Actors of one role, in their order, each once. */
static int emit_actors(dkg_writer *w, raptor_term *ev, int p, const dkg_actor *const *actors,
                       size_t n)
{
	size_t i, j;
	int rc;
	if (n > DKG_MAX_EVENT_ACTORS)
		n = DKG_MAX_EVENT_ACTORS;
	for (i = 0; i < n; i++) {
		raptor_term *a;
		int dup = 0;
		if (!actors[i] || !actors[i]->id)
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = actors[j] && actors[j]->id && !strcmp(actors[j]->id, actors[i]->id);
		if (dup)
			continue;
		if ((rc = actor_node(w, actors[i], &a)))
			return rc;
		if (a && (rc = emit(w, ev, p, a)))
			return rc;
	}
	return DKG_OK;
}

static int event_node(dkg_writer *w, uint64_t h, int describe, int *fresh, raptor_term **out)
{
	iri_start(w, "event-");
	dkg_iri_put_hex64(&w->iri, h);
	*out = node_term(w, describe, fresh);
	return *out ? DKG_OK : w->error;
}

static int write_event(dkg_writer *w, const dkg_document *doc, const dkg_result *res,
                       const dkg_event *e, raptor_term *ev)
{
	static const int grains[] = {0, I_DAY, I_WEEK, I_MONTH, I_SEASON, I_YEAR};
	static const int modalities[] = {I_ASSERTED, I_INTENDED, I_CONDITIONAL, I_POSSIBLE,
	                                 I_THREATENED};
	const dkg_cameo *c = dkg_cameo_lookup(e->cameo);
	const dkg_cameo *root = c && c->root ? dkg_cameo_lookup(c->root) : NULL;
	raptor_term *t;
	const char *plover;
	int rc, quad;
	double goldstein;
	(void)doc;

	if ((rc = emit(w, ev, P_TYPE, w->t[C_EVENT])))
		return rc;
	if (root && root != c && (t = klass_term(w, root)) && (rc = emit(w, ev, P_TYPE, t)))
		return rc;
	if (c && (t = klass_term(w, c)) && (rc = emit(w, ev, P_TYPE, t)))
		return rc;
	if (w->error)
		return w->error;
	if ((rc = emit_str(w, ev, P_CAMEO, e->cameo)))
		return rc;
	plover = e->plover && *e->plover ? e->plover : c ? c->plover : NULL;
	if ((rc = emit_str(w, ev, P_PLOVER, plover)))
		return rc;
	/* The extractor copies these from the table; fall back to it when unset. */
	goldstein = e->goldstein == 0 && c ? c->goldstein : e->goldstein;
	quad = e->quad_class == 0 && c ? c->quad_class : e->quad_class;
	if ((rc = emit_decimal(w, ev, P_GOLDSTEIN, goldstein, 1)))
		return rc;
	if (quad >= 0 && quad <= 4 && (rc = emit_integer(w, ev, P_QUAD, quad)))
		return rc;
	if ((rc = emit_actors(w, ev, P_SOURCE_ACTOR, e->sources, e->nsources)) ||
	    (rc = emit_actors(w, ev, P_TARGET_ACTOR, e->targets, e->ntargets)))
		return rc;
	if ((rc = emit_str(w, ev, P_ACTION_TEXT, e->action_text)) ||
	    (rc = emit_str(w, ev, P_OBJECT_TEXT, e->object_text)))
		return rc;
	if ((rc = place_node(w, e->place, &t)) || (t && (rc = emit(w, ev, P_HAS_PLACE, t))))
		return rc;
	if (e->grain != DKG_GRAIN_NONE && (unsigned)e->grain < sizeof grains / sizeof grains[0]) {
		if ((rc = emit_date(w, ev, P_TIMESTAMP, e->date, sizeof e->date)))
			return rc;
		if (e->grain != DKG_GRAIN_DAY &&
		    ((rc = emit_date(w, ev, P_EARLIEST, e->date, sizeof e->date)) ||
		     (rc = emit_date(w, ev, P_LATEST, e->date_end, sizeof e->date_end))))
			return rc;
		if ((rc = emit(w, ev, P_GRAIN, w->t[grains[e->grain]])))
			return rc;
	}
	if ((rc = emit(w, ev, P_POLARITY,
	               w->t[e->polarity == DKG_POLARITY_NEGATED ? I_NEGATED : I_AFFIRMATIVE])))
		return rc;
	if ((unsigned)e->modality < sizeof modalities / sizeof modalities[0] &&
	    (rc = emit(w, ev, P_MODALITY, w->t[modalities[e->modality]])))
		return rc;
	if ((rc = actor_node(w, e->attributed_to, &t)) ||
	    (t && (rc = emit(w, ev, P_ATTRIBUTED, t))))
		return rc;
	if (e->retracts >= 0 && (size_t)e->retracts < res->nevents &&
	    &res->events[e->retracts] != e) {
		int fresh;
		if ((rc = event_node(w, event_hash(&res->events[e->retracts]), 0, &fresh, &t)) ||
		    (rc = emit(w, ev, P_RETRACTS, t)))
			return rc;
	}
	if ((rc = place_node(w, e->reported_from, &t)) ||
	    (t && (rc = emit(w, ev, P_REPORTED_FROM, t))))
		return rc;
	return DKG_OK;
}

static int write_mention(dkg_writer *w, const dkg_document *doc, const dkg_event *e, raptor_term *m)
{
	int rc;
	if ((rc = emit(w, m, P_TYPE, w->t[C_MENTION])) ||
	    (rc = emit(w, m, P_IN_DOCUMENT, w->doc_term)))
		return rc;
	if (doc->text && e->sentence_start <= e->sentence_end && e->sentence_end <= doc->text_len) {
		size_t start = code_points_at(w, doc, e->sentence_start);
		size_t end = start + dkg_utf8_count(doc->text + e->sentence_start,
		                                    e->sentence_end - e->sentence_start);
		if ((rc = emit_lit(w, m, P_SENTENCE, doc->text + e->sentence_start,
		                   e->sentence_end - e->sentence_start, NULL, 0)) ||
		    (rc = emit_integer(w, m, P_CHAR_START, (long long)start)) ||
		    (rc = emit_integer(w, m, P_CHAR_END, (long long)end)))
			return rc;
		/* The trigger, when it lies in the sentence, in code points too. */
		if (e->trigger_start >= e->sentence_start && e->trigger_start < e->trigger_end &&
		    e->trigger_end <= e->sentence_end) {
			size_t ts = start + dkg_utf8_count(doc->text + e->sentence_start,
			                                   e->trigger_start - e->sentence_start);
			size_t te = ts + dkg_utf8_count(doc->text + e->trigger_start,
			                                e->trigger_end - e->trigger_start);
			if ((rc = emit_lit(w, m, P_TRIGGER, doc->text + e->trigger_start,
			                   e->trigger_end - e->trigger_start, NULL, 0)) ||
			    (rc = emit_integer(w, m, P_TRIGGER_START, (long long)ts)) ||
			    (rc = emit_integer(w, m, P_TRIGGER_END, (long long)te)))
				return rc;
		}
	}
	if (isfinite(e->confidence) && e->confidence >= 0 && e->confidence <= 1)
		return emit_decimal(w, m, P_CONFIDENCE, e->confidence, 2);
	return DKG_OK;
}

static int write_document(dkg_writer *w, const dkg_document *doc)
{
	raptor_term *d;
	int fresh, rc;
	const char *id = doc->id ? doc->id : doc->url ? doc->url : "";
	iri_start(w, "doc-");
	dkg_iri_put_hex64(&w->iri, dkg_hash(DKG_HASH_INIT, id, strlen(id)));
	if (!(d = node_term(w, 1, &fresh)))
		return w->error;
	w->doc_term = d;
	if (w->format == DKG_RDF_NQUADS)
		w->graph = d;
	if ((rc = emit(w, d, P_TYPE, w->t[C_ARTICLE])) ||
	    (rc = emit_str(w, d, P_IDENTIFIER, doc->id)) ||
	    (rc = emit_str(w, d, P_TITLE, doc->title)))
		return rc;
	if (doc->date && *doc->date) {
		size_t n = strlen(doc->date);
		rc = emit_lit(w, d, P_DATE, doc->date, n,
		              dkg_date_valid(doc->date, n) ? w->xsd_date : NULL, 0);
		if (rc)
			return rc;
	}
	if (doc->url && *doc->url) {
		size_t n = strlen(doc->url);
		if (dkg_iri_valid(doc->url, n)) {
			raptor_term *o = iri_term(w, doc->url, n);
			if (!o)
				return fail(w, DKG_ENOMEM);
			rc = emit(w, d, P_SOURCE, o);
			if (o != &w->dummy)
				raptor_free_term(o);
		} else {
			rc = emit_lit(w, d, P_SOURCE, doc->url, n, NULL, 0);
		}
		if (rc)
			return rc;
	}
	if ((rc = emit_str(w, d, P_PUBLISHER, doc->publisher)) ||
	    (rc = emit_str(w, d, P_LANGUAGE, doc->lang)) ||
	    (rc = emit_str(w, d, P_CREATOR, doc->byline)) ||
	    (rc = emit_str(w, d, P_DATELINE, doc->dateline)))
		return rc;
	return DKG_OK;
}

static int write_all(dkg_writer *w, const dkg_document *doc, const dkg_result *res)
{
	size_t i, n = dkg_result_count(res);
	int rc;
	if ((rc = write_document(w, doc)))
		return rc;
	for (i = 0; i < n; i++) {
		const dkg_event *e = dkg_result_event(res, i);
		uint64_t h = event_hash(e);
		raptor_term *ev, *m;
		int fresh;
		if ((rc = event_node(w, h, 1, &fresh, &ev)))
			return rc;
		if (fresh && (rc = write_event(w, doc, res, e, ev)))
			return rc;
		iri_start(w, "mention-");
		dkg_iri_put_hex64(&w->iri, mention_hash(doc, e, h));
		if (!(m = node_term(w, 1, &fresh)))
			return w->error;
		if (fresh &&
		    ((rc = emit(w, ev, P_HAS_MENTION, m)) || (rc = write_mention(w, doc, e, m))))
			return rc;
	}
	return DKG_OK;
}

/* --- the public API --------------------------------------------------------- */

int dkg_writer_document(dkg_writer *w, const dkg_document *doc, const dkg_result *res)
{
	int rc;
	if (!w || !doc)
		return DKG_EINVAL;
	if (w->error)
		return w->error;
	if (w->finished)
		return fail(w, DKG_EINVAL);
	w->cp_byte = w->cp_count = 0;
	if (w->format != DKG_RDF_NONE && !w->started && (rc = serializer_start(w)))
		return fail(w, rc);
	rc = write_all(w, doc, res);
	w->graph = NULL;
	w->doc_term = NULL;
	/* Turtle, N-Triples and N-Quads end with each document, so the chunks
	 * of several writers concatenate; RDF/XML stays open until finish. */
	if (w->started && w->format != DKG_RDF_RDFXML) {
		int rc2 = serializer_end(w);
		if (!rc)
			rc = rc2;
	}
	nodes_reset(w);
	if (rc)
		return fail(w, rc);
	return flush(w);
}

unsigned long long dkg_writer_triples(const dkg_writer *w)
{
	return w ? w->triples : 0;
}

int dkg_writer_finish(dkg_writer *w)
{
	int rc;
	if (!w)
		return DKG_EINVAL;
	if (w->error)
		return w->error;
	if (w->finished)
		return DKG_OK;
	w->finished = 1;
	if (w->format == DKG_RDF_RDFXML) {
		/* An empty run still makes one (empty) RDF/XML document. */
		if (!w->started && (rc = serializer_start(w)))
			return fail(w, rc);
		if ((rc = serializer_end(w)))
			return fail(w, rc);
	}
	return flush(w);
}

void dkg_writer_free(dkg_writer *w)
{
	size_t i;
	if (!w)
		return;
	nodes_reset(w);
	if (w->ser)
		raptor_free_serializer(w->ser);
	for (i = 0; i < T_COUNT; i++)
		if (w->t[i])
			raptor_free_term(w->t[i]);
	for (i = 0; i < w->nklasses; i++)
		if (w->klasses[i])
			raptor_free_term(w->klasses[i]);
	if (w->xsd_date)
		raptor_free_uri(w->xsd_date);
	if (w->xsd_decimal)
		raptor_free_uri(w->xsd_decimal);
	if (w->xsd_integer)
		raptor_free_uri(w->xsd_integer);
	if (w->base_uri)
		raptor_free_uri(w->base_uri);
	if (w->ios)
		raptor_free_iostream(w->ios);
	if (w->world)
		raptor_free_world(w->world);
	dkg_free(w->klasses);
	dkg_free(w->nodes);
	dkg_free(w->owned);
	dkg_free(w->base);
	dkg_buf_free(&w->out);
	dkg_buf_free(&w->iri);
	dkg_buf_free(&w->lit);
	if (w->memo)
		for (i = 0; i < MEMO_SLOTS; i++)
			dkg_free(w->memo[i].data);
	for (i = 0; i < T_COUNT; i++)
		dkg_free(w->pred[i]);
	for (i = 0; i < w->ndt; i++)
		dkg_free(w->dt_suffix[i]);
	dkg_free(w->memo);
	dkg_free(w);
}

int dkg_writer_new(dkg_writer **out, const dkg_writer_options *opts, dkg_write_fn write,
                   void *payload)
{
	dkg_writer *w;
	const char *base;
	size_t i;
	int rc = DKG_ENOMEM;
	dkg_buf init = DKG_BUF_INIT;
	if (!out)
		return DKG_EINVAL;
	*out = NULL;
	if (!opts || opts->version != DKG_WRITER_OPTIONS_VERSION || !write ||
	    (unsigned)opts->format > DKG_RDF_NONE)
		return DKG_EINVAL;
	base = opts->base ? opts->base : DKG_DEFAULT_BASE;
	if (!dkg_iri_valid(base, strlen(base)))
		return DKG_EINVAL;
	if (!(w = dkg_calloc(1, sizeof *w)))
		return DKG_ENOMEM;
	w->out = w->iri = w->lit = init;
	w->format = opts->format;
	w->write = write;
	w->payload = payload;
	w->gen = 1;
	w->base_len = strlen(base);
	if (!(w->base = dkg_strndup(base, w->base_len)) || dkg_buf_grow(&w->out, 2 * FLUSH_BYTES))
		goto fail;

	if (!(w->world = raptor_new_world()))
		goto fail;
	/* Worlds are per thread: keep them off process-wide library state. */
	raptor_world_set_flag(w->world, RAPTOR_WORLD_FLAG_WWW_SKIP_INIT_FINISH, 1);
	raptor_world_set_flag(w->world, RAPTOR_WORLD_FLAG_LIBXML_GENERIC_ERROR_SAVE, 0);
	raptor_world_set_flag(w->world, RAPTOR_WORLD_FLAG_LIBXML_STRUCTURED_ERROR_SAVE, 0);
	/* Every node IRI of a document is made once and freed with the document:
	 * interning them in the world's tree only costs a lookup each. */
	raptor_world_set_flag(w->world, RAPTOR_WORLD_FLAG_URI_INTERNING, 0);
	raptor_world_set_log_handler(w->world, w, log_handler);
	if (raptor_world_open(w->world))
		goto fail;
	if (!(w->ios = raptor_new_iostream_from_handler(w->world, w, &ios_handler)))
		goto fail;
	w->xsd_date = raptor_new_uri(w->world, (const unsigned char *)NS_XSD "date");
	w->xsd_decimal = raptor_new_uri(w->world, (const unsigned char *)NS_XSD "decimal");
	w->xsd_integer = raptor_new_uri(w->world, (const unsigned char *)NS_XSD "integer");
	w->base_uri = raptor_new_uri(w->world, (const unsigned char *)w->base);
	if (!w->xsd_date || !w->xsd_decimal || !w->xsd_integer || !w->base_uri)
		goto fail;
	for (i = 0; i < T_COUNT; i++) {
		w->iri.len = 0;
		dkg_buf_puts(&w->iri, term_names[i].ns);
		dkg_buf_puts(&w->iri, term_names[i].local);
		if (w->iri.oom)
			goto fail;
		w->t[i] = raptor_new_term_from_counted_uri_string(
		    w->world, (const unsigned char *)w->iri.data, w->iri.len);
		if (!w->t[i])
			goto fail;
	}
	if (dkg_cameo_count() && !(w->klasses = dkg_calloc(dkg_cameo_count(), sizeof *w->klasses)))
		goto fail;
	w->nklasses = dkg_cameo_count();
	if ((w->format == DKG_RDF_NTRIPLES || w->format == DKG_RDF_NQUADS) &&
	    !(w->memo = dkg_calloc(MEMO_SLOTS, sizeof *w->memo)))
		goto fail;
	w->scratch.world = w->world;
	w->scratch.usage = 1;
	w->scratch.type = RAPTOR_TERM_TYPE_LITERAL;
	w->dummy.world = w->world;
	w->dummy.usage = 1;
	w->dummy.type = RAPTOR_TERM_TYPE_URI;
	*out = w;
	return DKG_OK;
fail:
	dkg_writer_free(w);
	return rc;
}
