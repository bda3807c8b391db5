/*
 * store.c - dkg_store: RDF files in an indexed Redland store (hashes in
 * memory, or Berkeley DB hashes on disk), and the Rasqal triples source that
 * answers each triple pattern from the right index.
 *
 * Why our own triples source: Redland's hashes storage serves
 * find_statements from an index only for (? p ?); any other pattern, e.g.
 * (s p ?) inside a join, scans every statement, so librdf_query joins in
 * quadratic time. The storage does keep sp2o, po2s and so2p indexes, reached
 * through get_targets, get_sources and get_arcs; the source below uses them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "store.h"

#define STORE_NAME "dkg"

/* ---- diagnostics --------------------------------------------------------- */

static void note_error(dkg_store *st, const char *msg, const raptor_locator *loc)
{
	dkg_error *err = st->log_err;
	size_t n;
	st->log_errors++;
	if (!err || err->message[0])
		return; /* keep the first, which is usually the cause */
	err->code = DKG_EPARSE;
	snprintf(err->message, sizeof err->message, "%s", msg ? msg : "error");
	n = strlen(err->message);
	while (n && (err->message[n - 1] == '\n' || err->message[n - 1] == '.'))
		err->message[--n] = '\0';
	if (loc) {
		err->line = loc->line > 0 ? loc->line : 0;
		err->column = loc->column > 0 ? loc->column : 0;
	}
}

static int librdf_log_cb(void *payload, librdf_log_message *msg)
{
	dkg_store *st = payload;
	if (librdf_log_message_level(msg) >= LIBRDF_LOG_ERROR)
		note_error(st, librdf_log_message_message(msg),
		           (const raptor_locator *)librdf_log_message_locator(msg));
	return 1; /* handled: Redland prints nothing itself */
}

static void rasqal_log_cb(void *payload, raptor_log_message *msg)
{
	dkg_store *st = payload;
	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
		note_error(st, msg->text, msg->locator);
}

void dkg_store_log_begin(dkg_store *st, dkg_error *err)
{
	st->log_err = err;
	st->log_errors = 0;
}

int dkg_store_log_end(dkg_store *st)
{
	int n = st->log_errors;
	st->log_err = NULL;
	st->log_errors = 0;
	return n;
}

/* ---- terms: Redland nodes <-> Rasqal literals ----------------------------- */

static unsigned char *dup_bytes(const unsigned char *s, size_t n)
{
	unsigned char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static rasqal_literal *node_to_literal(rasqal_world *rw, librdf_node *node)
{
	const unsigned char *s;
	unsigned char *copy;
	size_t len;
	if (!node)
		return NULL;
	switch (node->type) {
	case RAPTOR_TERM_TYPE_URI:
		return rasqal_new_uri_literal(rw, raptor_uri_copy(node->value.uri));
	case RAPTOR_TERM_TYPE_BLANK:
		copy = dup_bytes(node->value.blank.string, node->value.blank.string_len);
		return copy ? rasqal_new_simple_literal(rw, RASQAL_LITERAL_BLANK, copy) : NULL;
	case RAPTOR_TERM_TYPE_LITERAL: {
		char *lang = NULL;
		s = node->value.literal.string;
		len = node->value.literal.string_len;
		copy = dup_bytes(s ? s : (const unsigned char *)"", s ? len : 0);
		if (!copy)
			return NULL;
		if (node->value.literal.language) {
			lang = (char *)dup_bytes(node->value.literal.language,
			                         node->value.literal.language_len);
			if (!lang) {
				free(copy);
				return NULL;
			}
		}
		return rasqal_new_string_literal(rw, copy, lang,
		                                 node->value.literal.datatype
		                                     ? raptor_uri_copy(node->value.literal.datatype)
		                                     : NULL,
		                                 NULL);
	}
	default:
		return NULL;
	}
}

static librdf_node *literal_to_node(librdf_world *world, rasqal_literal *l)
{
	raptor_uri *dt;
	if (!l)
		return NULL;
	switch (l->type) {
	case RASQAL_LITERAL_URI:
		return librdf_new_node_from_uri(world, l->value.uri);
	case RASQAL_LITERAL_BLANK:
		return librdf_new_node_from_blank_identifier(world, l->string);
	case RASQAL_LITERAL_VARIABLE:
		return l->value.variable && l->value.variable->value
		           ? literal_to_node(world, l->value.variable->value)
		           : NULL;
	default:
		if (!l->string)
			return NULL;
		dt = l->language ? NULL : rasqal_literal_datatype(l);
		return librdf_new_node_from_typed_counted_literal(
		    world, l->string, l->string_len, l->language,
		    l->language ? strlen(l->language) : 0, dt);
	}
}

/* ---- the triples source ---------------------------------------------------- */

enum match_kind { MATCH_STREAM, MATCH_TARGETS, MATCH_SOURCES, MATCH_ARCS, MATCH_EXACT };

typedef struct match {
	dkg_store *st;
	enum match_kind kind;
	librdf_node *nodes[3]; /* bound parts of the pattern (owned), NULL for free parts */
	librdf_stream *stream;
	librdf_iterator *iter;
	int done; /* MATCH_EXACT: answered */
} match;

/* The statement part at position i (0 s, 1 p, 2 o) of the current match. */
static librdf_node *match_part(match *m, int i)
{
	librdf_statement *s;
	switch (m->kind) {
	case MATCH_STREAM:
		s = librdf_stream_get_object(m->stream);
		if (!s)
			return NULL;
		return i == 0   ? librdf_statement_get_subject(s)
		       : i == 1 ? librdf_statement_get_predicate(s)
		                : librdf_statement_get_object(s);
	case MATCH_TARGETS:
		return i == 2 ? librdf_iterator_get_object(m->iter) : m->nodes[i];
	case MATCH_SOURCES:
		return i == 0 ? librdf_iterator_get_object(m->iter) : m->nodes[i];
	case MATCH_ARCS:
		return i == 1 ? librdf_iterator_get_object(m->iter) : m->nodes[i];
	default:
		return m->nodes[i];
	}
}

static rasqal_triple_parts match_bind(rasqal_triples_match *rtm, void *user_data,
                                      rasqal_variable *bindings[4], rasqal_triple_parts parts)
{
	static const rasqal_triple_parts flag[3] = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE,
	                                            RASQAL_TRIPLE_OBJECT};
	match *m = rtm->user_data;
	librdf_node *node[3];
	rasqal_triple_parts result = 0;
	int i, j, bind;
	(void)user_data;
	for (i = 0; i < 3; i++)
		node[i] = match_part(m, i);
	for (i = 0; i < 3; i++) {
		if (!bindings[i] || !(parts & flag[i]))
			continue;
		if (!node[i])
			return 0;
		bind = 1;
		/* the same variable twice in one pattern: the parts must agree */
		for (j = 0; j < i; j++)
			if (bindings[j] == bindings[i]) {
				if (!node[j] || !librdf_node_equals(node[i], node[j]))
					return 0;
				bind = 0;
			}
		if (bind) {
			rasqal_variable_set_value(bindings[i],
			                          node_to_literal(m->st->rasqal, node[i]));
			result |= flag[i];
		}
	}
	/* Named graphs are not kept: GRAPH ?g binds nothing. */
	if (bindings[3] && (parts & RASQAL_TRIPLE_ORIGIN))
		rasqal_variable_set_value(bindings[3], NULL);
	return result;
}

static void match_next(rasqal_triples_match *rtm, void *user_data)
{
	match *m = rtm->user_data;
	(void)user_data;
	if (m->stream)
		librdf_stream_next(m->stream);
	else if (m->iter)
		librdf_iterator_next(m->iter);
	else
		m->done = 1;
}

static int match_is_end(rasqal_triples_match *rtm, void *user_data)
{
	match *m = rtm->user_data;
	(void)user_data;
	if (m->stream)
		return librdf_stream_end(m->stream);
	if (m->iter)
		return librdf_iterator_end(m->iter);
	return m->done;
}

static void match_finish(rasqal_triples_match *rtm, void *user_data)
{
	match *m = rtm->user_data;
	int i;
	(void)user_data;
	if (!m)
		return;
	if (m->stream)
		librdf_free_stream(m->stream);
	if (m->iter)
		librdf_free_iterator(m->iter);
	/*
	 * Redland 1.0.17's hashes storage keeps one reference to the predicate
	 * of a (? p ?) search (the p2so path) and never drops it. Once the
	 * stream is gone we hold the only real reference: drop the stray ones.
	 */
	if (m->kind == MATCH_STREAM && m->nodes[1] && !m->nodes[0] && !m->nodes[2])
		while (m->nodes[1]->usage > 1)
			librdf_free_node(m->nodes[1]);
	for (i = 0; i < 3; i++)
		if (m->nodes[i])
			librdf_free_node(m->nodes[i]);
	free(m);
	rtm->user_data = NULL;
}

/* The value a pattern part has now: a constant, or a variable's current value. */
static librdf_node *pattern_node(dkg_store *st, rasqal_literal *part, rasqal_variable **var)
{
	rasqal_variable *v = rasqal_literal_as_variable(part);
	*var = v;
	if (v)
		return v->value ? literal_to_node(st->world, v->value) : NULL;
	return literal_to_node(st->world, part);
}

static int source_triple_present(rasqal_triples_source *rts, void *user_data, rasqal_triple *t)
{
	dkg_store *st = *(dkg_store **)user_data;
	librdf_statement *q;
	int found;
	(void)rts;
	q = librdf_new_statement_from_nodes(st->world, literal_to_node(st->world, t->subject),
	                                    literal_to_node(st->world, t->predicate),
	                                    literal_to_node(st->world, t->object));
	if (!q)
		return 0;
	found = librdf_model_contains_statement(st->model, q) > 0;
	librdf_free_statement(q);
	return found;
}

/*
 * A pattern with no variables at all: Rasqal never calls `finish` on it
 * (rasqal_free_triples_match skips exact matches), so nothing may be
 * allocated. Its one bit of state lives in which static the user_data
 * points to.
 */
static const char exact_pending = 0, exact_done = 1;

static rasqal_triple_parts exact_bind(rasqal_triples_match *rtm, void *user_data,
                                      rasqal_variable *bindings[4], rasqal_triple_parts parts)
{
	(void)rtm;
	(void)user_data;
	(void)bindings;
	(void)parts;
	return 0;
}

static void exact_next(rasqal_triples_match *rtm, void *user_data)
{
	(void)user_data;
	rtm->user_data = (void *)&exact_done;
}

static int exact_is_end(rasqal_triples_match *rtm, void *user_data)
{
	(void)user_data;
	return rtm->user_data == &exact_done;
}

static void exact_finish(rasqal_triples_match *rtm, void *user_data)
{
	(void)rtm;
	(void)user_data;
}

static int source_init_match(rasqal_triples_match *rtm, rasqal_triples_source *rts, void *user_data,
                             rasqal_triple_meta *meta, rasqal_triple *t)
{
	dkg_store *st = *(dkg_store **)user_data;
	match *m;
	librdf_node **n;
	librdf_statement *q;
	(void)rts;
	if (rtm->is_exact) {
		int present = source_triple_present(rts, user_data, t);
		rtm->bind_match = exact_bind;
		rtm->next_match = exact_next;
		rtm->is_end = exact_is_end;
		rtm->finish = exact_finish;
		rtm->user_data = (void *)(present ? &exact_pending : &exact_done);
		return 0;
	}
	rtm->bind_match = match_bind;
	rtm->next_match = match_next;
	rtm->is_end = match_is_end;
	rtm->finish = match_finish;
	m = calloc(1, sizeof *m);
	if (!m)
		return 1;
	rtm->user_data = m;
	m->st = st;
	n = m->nodes;
	n[0] = pattern_node(st, t->subject, &meta->bindings[0]);
	n[1] = pattern_node(st, t->predicate, &meta->bindings[1]);
	n[2] = pattern_node(st, t->object, &meta->bindings[2]);
	if (t->origin)
		meta->bindings[3] = rasqal_literal_as_variable(t->origin);

	if (n[0] && n[1] && n[2]) {
		q = librdf_new_statement_from_nodes(st->world, librdf_new_node_from_node(n[0]),
		                                    librdf_new_node_from_node(n[1]),
		                                    librdf_new_node_from_node(n[2]));
		if (!q)
			return 1;
		m->kind = MATCH_EXACT;
		m->done = !librdf_model_contains_statement(st->model, q);
		librdf_free_statement(q);
		return 0;
	}
	if (n[0] && n[1]) {
		m->kind = MATCH_TARGETS;
		m->iter = librdf_model_get_targets(st->model, n[0], n[1]);
	} else if (n[1] && n[2]) {
		m->kind = MATCH_SOURCES;
		m->iter = librdf_model_get_sources(st->model, n[1], n[2]);
	} else if (n[0] && n[2]) {
		m->kind = MATCH_ARCS;
		m->iter = librdf_model_get_arcs(st->model, n[0], n[2]);
	} else {
		/* (? p ?) uses the p2so index; (s ? ?), (? ? o) and (? ? ?) scan. */
		m->kind = MATCH_STREAM;
		q = librdf_new_statement_from_nodes(st->world,
		                                    n[0] ? librdf_new_node_from_node(n[0]) : NULL,
		                                    n[1] ? librdf_new_node_from_node(n[1]) : NULL,
		                                    n[2] ? librdf_new_node_from_node(n[2]) : NULL);
		if (!q)
			return 1;
		m->stream = librdf_model_find_statements(st->model, q);
		librdf_free_statement(q);
		if (!m->stream)
			return 1;
		return 0;
	}
	if (!m->iter)
		return 1;
	return 0;
}

static void source_free(void *user_data)
{
	(void)user_data;
}

static int source_new(rasqal_query *query, void *factory_user_data, void *user_data,
                      rasqal_triples_source *rts)
{
	raptor_sequence *graphs = rasqal_query_get_data_graph_sequence(query);
	/* FROM / FROM NAMED would make Rasqal fetch data: the store is the data. */
	while (graphs && raptor_sequence_size(graphs) > 0)
		rasqal_free_data_graph(raptor_sequence_pop(graphs));
	*(dkg_store **)user_data = factory_user_data;
	rts->version = 1;
	rts->init_triples_match = source_init_match;
	rts->triple_present = source_triple_present;
	rts->free_triples_source = source_free;
	return 0;
}

static int source_register(rasqal_triples_source_factory *factory)
{
	factory->version = 1;
	factory->user_data_size = sizeof(dkg_store *);
	factory->new_triples_source = source_new;
	return 0;
}

/* ---- the store -------------------------------------------------------------- */

static int store_exists(const char *dir)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s-sp2o.db", dir, STORE_NAME);
	return stat(path, &sb) == 0;
}

int dkg_store_open(dkg_store **out, const char *path, unsigned flags, dkg_error *err)
{
	dkg_store *st;
	char options[4400];
	int rc = DKG_ENOMEM;
	*out = NULL;
	if (path && strchr(path, '\''))
		return dkg_error_set(err, DKG_EINVAL, path, 0, "a store path may not contain '");
	if (path && !(flags & DKG_STORE_CREATE) && !store_exists(path))
		return dkg_error_set(err, DKG_ENOTFOUND, path, 0,
		                     "no dkg store here; create one with dkg load --store");
	if (path && (flags & DKG_STORE_CREATE) && mkdir(path, 0777) != 0 && errno != EEXIST)
		return dkg_error_set(err, DKG_EIO, path, 0, "cannot create folder: %s",
		                     strerror(errno));
	st = calloc(1, sizeof *st);
	if (!st)
		return dkg_error_set(err, DKG_ENOMEM, NULL, 0, "out of memory");
	st->world = librdf_new_world();
	if (!st->world)
		goto fail;
	librdf_world_open(st->world);
	librdf_world_set_logger(st->world, st, librdf_log_cb);
	st->raptor = librdf_world_get_raptor(st->world);

	if (path) {
		int fresh = (flags & DKG_STORE_CREATE) && !store_exists(path);
		st->path = strdup(path);
		if (!st->path)
			goto fail;
		snprintf(options, sizeof options,
		         "hash-type='bdb',dir='%s',index-predicates='yes',new='%s',write='%s'",
		         path, fresh ? "yes" : "no", (flags & DKG_STORE_CREATE) ? "yes" : "no");
	} else {
		snprintf(options, sizeof options, "hash-type='memory',index-predicates='yes'");
	}
	dkg_store_log_begin(st, err);
	st->storage = librdf_new_storage(st->world, "hashes", STORE_NAME, options);
	dkg_store_log_end(st);
	if (!st->storage) {
		rc = dkg_error_set(err, DKG_EIO, path, 0, "cannot open the store%s%s",
		                   path ? " (Berkeley DB hashes) " : "", path ? "" : "");
		goto fail;
	}
	st->model = librdf_new_model(st->world, st->storage, NULL);
	if (!st->model)
		goto fail;

	st->rasqal = rasqal_new_world();
	if (!st->rasqal)
		goto fail;
	rasqal_world_set_raptor(st->rasqal, st->raptor);
	rasqal_world_set_log_handler(st->rasqal, st, rasqal_log_cb);
	if (rasqal_world_open(st->rasqal) ||
	    rasqal_set_triples_source_factory(st->rasqal, source_register, st))
		goto fail;
	*out = st;
	return 0;
fail:
	dkg_store_free(st);
	if (rc == DKG_ENOMEM)
		dkg_error_set(err, rc, NULL, 0, "cannot set up Redland and Rasqal");
	return rc;
}

void dkg_store_free(dkg_store *st)
{
	if (!st)
		return;
	if (st->rasqal)
		rasqal_free_world(st->rasqal);
	if (st->model) {
		if (st->path)
			librdf_model_sync(st->model);
		librdf_free_model(st->model);
	}
	if (st->storage)
		librdf_free_storage(st->storage);
	if (st->world)
		librdf_free_world(st->world);
	free(st->path);
	free(st);
}

long dkg_store_size(dkg_store *st)
{
	return librdf_model_size(st->model);
}

/* The Raptor parser name for a file name; `gz` says whether it is gzipped. */
static const char *syntax_of(const char *file, int *gz)
{
	static const struct {
		const char *ext, *syntax;
		/* N-Triples is read by the Turtle parser (it is a subset): Raptor
		 * 2.0.15's own N-Triples parser drops references to the world's
		 * concept URIs on some typed literals, which then leak. */
	} table[] = {{".ttl", "turtle"}, {".turtle", "turtle"}, {".nt", "turtle"},
	             {".nq", "nquads"},  {".trig", "trig"},     {".rdf", "rdfxml"},
	             {".owl", "rdfxml"}, {".xml", "rdfxml"}};
	char name[4096];
	size_t n, i, e;
	snprintf(name, sizeof name, "%s", file);
	n = strlen(name);
	*gz = n > 3 && !strcmp(name + n - 3, ".gz");
	if (*gz)
		name[n -= 3] = '\0';
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		e = strlen(table[i].ext);
		if (n > e && !strcmp(name + n - e, table[i].ext))
			return table[i].syntax;
	}
	return NULL;
}

static unsigned char *read_gzip(const char *file, size_t *len)
{
	gzFile gz = gzopen(file, "rb");
	unsigned char *buf = NULL, *p;
	size_t cap = 0, n = 0;
	int got;
	if (!gz)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			p = realloc(buf, cap + 1);
			if (!p)
				goto fail;
			buf = p;
		}
		got = gzread(gz, buf + n, (unsigned)(cap - n));
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	gzclose(gz);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	free(buf);
	gzclose(gz);
	return NULL;
}

int dkg_store_load(dkg_store *st, const char *file, dkg_error *err)
{
	const char *syntax;
	librdf_parser *parser = NULL;
	librdf_uri *uri = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	int gz, rc = 0, failed;
	FILE *fp;

	syntax = syntax_of(file, &gz);
	if (!syntax)
		return dkg_error_set(err, DKG_EUNSUPPORTED, file, 0,
		                     "unknown RDF syntax; name the file .ttl, .nt, .nq, .trig, "
		                     ".rdf or .xml (optionally .gz)");
	fp = fopen(file, "rb");
	if (!fp)
		return dkg_error_set(err, errno == ENOENT ? DKG_ENOTFOUND : DKG_EIO, file, 0,
		                     "cannot open: %s", strerror(errno));
	fclose(fp);
	if (gz && !(data = read_gzip(file, &len)))
		return dkg_error_set(err, DKG_EIO, file, 0, "cannot read as gzip");

	dkg_error_clear(err);
	dkg_store_log_begin(st, err);
	parser = librdf_new_parser(st->world, syntax, NULL, NULL);
	uri = librdf_new_uri_from_filename(st->world, file);
	if (!parser || !uri) {
		dkg_store_log_end(st);
		rc = dkg_error_set(err, DKG_ENOMEM, file, 0, "cannot create a %s parser", syntax);
		goto done;
	}
	if (data)
		failed = librdf_parser_parse_counted_string_into_model(parser, data, len, uri,
		                                                       st->model);
	else
		failed = librdf_parser_parse_into_model(parser, uri, uri, st->model);
	if (dkg_store_log_end(st) > 0 || failed) {
		long line = err ? err->line : 0, col = err ? err->column : 0;
		char msg[512];
		snprintf(msg, sizeof msg, "%s",
		         err && err->message[0] ? err->message : "cannot parse");
		rc = dkg_error_set(err, DKG_EPARSE, file, line, "%s", msg);
		if (err)
			err->column = col;
		goto done;
	}
	if (st->path)
		librdf_model_sync(st->model);
done:
	if (parser)
		librdf_free_parser(parser);
	if (uri)
		librdf_free_uri(uri);
	free(data);
	return rc;
}
