/*
 * query.c - SPARQL 1.1 through Rasqal over a dkg_store, and the result
 * formats: an aligned table for people, SPARQL 1.1 CSV, TSV and JSON
 * (built with jansson), Turtle or N-Triples for CONSTRUCT and DESCRIBE.
 *
 * The CSV and TSV writers are ours rather than Rasqal's so that quoting
 * follows RFC 4180 and the SPARQL 1.1 Results CSV/TSV note exactly; Rasqal
 * 0.9.33's JSON writer emits invalid JSON, hence jansson.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "dkg/graph.h"
#include "store.h"

#define NS_XSD "http://www.w3.org/2001/XMLSchema#"

/* Prefixes the table abbreviates with, besides those the query declares. */
static const struct {
	const char *prefix, *ns;
} default_prefixes[] = {
    {"dip", DKG_NS},
    {"id", DKG_DEFAULT_BASE},
    {"sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"},
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"owl", "http://www.w3.org/2002/07/owl#"},
    {"xsd", NS_XSD},
    {"dcterms", "http://purl.org/dc/terms/"},
    {"prov", "http://www.w3.org/ns/prov#"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"},
    {"wd", "http://www.wikidata.org/entity/"},
};

int dkg_results_format_from_name(dkg_results_format *out, const char *name)
{
	static const struct {
		const char *name;
		dkg_results_format format;
	} names[] = {{"table", DKG_RESULTS_TABLE},       {"csv", DKG_RESULTS_CSV},
	             {"tsv", DKG_RESULTS_TSV},           {"json", DKG_RESULTS_JSON},
	             {"turtle", DKG_RESULTS_TURTLE},     {"ttl", DKG_RESULTS_TURTLE},
	             {"ntriples", DKG_RESULTS_NTRIPLES}, {"nt", DKG_RESULTS_NTRIPLES}};
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i].name)) {
			*out = names[i].format;
			return 0;
		}
	return DKG_EINVAL;
}

/* ---- ORDER BY done here ---------------------------------------------------------
 *
 * Rasqal 0.9.33 sorts rows by inserting them into an unbalanced binary tree
 * (rasqal_map). Rows that arrive already in order, as GROUP BY output and
 * index scans do, turn the tree into a list: sorting 40k rows takes minutes.
 * When the outer ORDER BY is a list of plain variables (?v, ASC(?v),
 * DESC(?v)), we cut it and the LIMIT/OFFSET after it from the query text,
 * let Rasqal run the rest, and sort the rows with qsort.
 */

#define MAX_ORDER_KEYS 16

typedef struct {
	int nkeys;
	char key[MAX_ORDER_KEYS][128]; /* variable names */
	int desc[MAX_ORDER_KEYS];
	long limit, offset; /* -1: none */
	size_t cut;         /* the query text up to here is run by Rasqal */
} order_spec;

static int is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (c & 0x80);
}

static int keyword_at(const char *s, const char *kw)
{
	size_t n = strlen(kw), i;
	for (i = 0; i < n; i++)
		if (!s[i] || (s[i] | 0x20) != kw[i])
			return 0;
	return !is_name_char((unsigned char)s[n]);
}

static const char *skip_space(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p != '#')
			return p;
		while (*p && *p != '\n')
			p++;
	}
}

/* Finds the outer ORDER BY: at brace depth 0, after the WHERE block closed. */
static const char *find_order_by(const char *q)
{
	const char *p = q;
	int depth = 0, closed = 0;
	while (*p) {
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			char quote = *p;
			int triple = p[1] == quote && p[2] == quote;
			p += triple ? 3 : 1;
			while (*p) {
				if (*p == '\\' && p[1]) {
					p += 2;
					continue;
				}
				if (*p == quote && (!triple || (p[1] == quote && p[2] == quote))) {
					p += triple ? 3 : 1;
					break;
				}
				p++;
			}
			continue;
		} else if (*p == '<') {
			const char *e = p + 1;
			while (*e && *e != '>' && *e != ' ' && *e != '\n' && *e != '\t')
				e++;
			if (*e == '>')
				p = e;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (--depth == 0)
				closed = 1;
		} else if (depth == 0 && closed &&
		           (p == q || !is_name_char((unsigned char)p[-1])) &&
		           keyword_at(p, "order")) {
			const char *b = skip_space(p + 5);
			if (keyword_at(b, "by"))
				return p;
		}
		if (*p)
			p++;
	}
	return NULL;
}

static const char *parse_var(const char *p, char *name, size_t size)
{
	size_t n = 0;
	if (*p != '?' && *p != '$')
		return NULL;
	p++;
	while (is_name_char((unsigned char)*p) && n + 1 < size)
		name[n++] = *p++;
	name[n] = '\0';
	return n ? p : NULL;
}

static const char *parse_long(const char *p, long *out)
{
	char *end;
	long v = strtol(p, &end, 10);
	if (end == p || v < 0)
		return NULL;
	*out = v;
	return end;
}

/* Fills `spec` when the query's outer ORDER BY can be done here. */
static int plan_order(const char *q, order_spec *spec)
{
	const char *p = find_order_by(q), *start = p;
	memset(spec, 0, sizeof *spec);
	spec->limit = spec->offset = -1;
	if (!p)
		return 0;
	p = skip_space(skip_space(p + 5) + 2);
	for (;;) {
		int desc = -1;
		p = skip_space(p);
		if (keyword_at(p, "asc"))
			desc = 0;
		else if (keyword_at(p, "desc"))
			desc = 1;
		if (desc >= 0) {
			p = skip_space(p + (desc ? 4 : 3));
			if (*p != '(')
				return 0;
			p = skip_space(p + 1);
		}
		if (*p != '?' && *p != '$')
			break;
		if (spec->nkeys == MAX_ORDER_KEYS)
			return 0;
		p = parse_var(p, spec->key[spec->nkeys], sizeof spec->key[0]);
		if (!p)
			return 0;
		if (desc >= 0) {
			p = skip_space(p);
			if (*p != ')')
				return 0;
			p++;
		}
		spec->desc[spec->nkeys++] = desc == 1;
	}
	if (!spec->nkeys)
		return 0;
	for (;;) {
		p = skip_space(p);
		if (keyword_at(p, "limit") && spec->limit < 0)
			p = parse_long(skip_space(p + 5), &spec->limit);
		else if (keyword_at(p, "offset") && spec->offset < 0)
			p = parse_long(skip_space(p + 6), &spec->offset);
		else
			break;
		if (!p)
			return 0;
	}
	if (*p)
		return 0; /* e.g. a trailing VALUES block: leave it all to Rasqal */
	spec->cut = (size_t)(start - q);
	return 1;
}

/* Rows of a result, sorted here or streamed from Rasqal. */
typedef struct {
	rasqal_query_results *r;
	int ncols;
	char **names;           /* copied: Rasqal forgets them once the rows are read */
	int sorted;             /* rows below are used */
	rasqal_literal **cells; /* nrows * ncols, each a reference */
	size_t nrows, pos, end;
	size_t *index;
	const order_spec *spec;
	int keycol[MAX_ORDER_KEYS];
} cursor;

static int term_rank(rasqal_literal *l)
{
	if (!l)
		return 0;
	if (l->type == RASQAL_LITERAL_BLANK)
		return 1;
	if (l->type == RASQAL_LITERAL_URI)
		return 2;
	return 3;
}

static int compare_terms(rasqal_literal *a, rasqal_literal *b)
{
	int ra = term_rank(a), rb = term_rank(b), error = 0, c;
	const char *sa, *sb;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (!a)
		return 0;
	if (ra == 2)
		return strcmp((const char *)raptor_uri_as_string(a->value.uri),
		              (const char *)raptor_uri_as_string(b->value.uri));
	c = rasqal_literal_compare(a, b, RASQAL_COMPARE_XQUERY | RASQAL_COMPARE_URI, &error);
	if (!error)
		return c < 0 ? -1 : c > 0;
	sa = (const char *)rasqal_literal_as_string(a);
	sb = (const char *)rasqal_literal_as_string(b);
	return strcmp(sa ? sa : "", sb ? sb : "");
}

static const cursor *sort_cursor; /* qsort has no payload argument in C11 */

static int compare_rows(const void *x, const void *y)
{
	const cursor *c = sort_cursor;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int k, r;
	for (k = 0; k < c->spec->nkeys; k++) {
		r = compare_terms(c->cells[a * (size_t)c->ncols + (size_t)c->keycol[k]],
		                  c->cells[b * (size_t)c->ncols + (size_t)c->keycol[k]]);
		if (r)
			return c->spec->desc[k] ? -r : r;
	}
	return a < b ? -1 : a > b; /* stable */
}

/* Reads every row and sorts; returns 0, 1 when a key is not projected, or DKG_ENOMEM. */
static int cursor_sort(cursor *c)
{
	size_t cap = 0, i;
	int k, j;
	for (k = 0; k < c->spec->nkeys; k++) {
		c->keycol[k] = -1;
		for (j = 0; j < c->ncols; j++)
			if (c->names[j] && !strcmp(c->names[j], c->spec->key[k]))
				c->keycol[k] = j;
		if (c->keycol[k] < 0)
			return 1;
	}
	while (!rasqal_query_results_finished(c->r)) {
		if (c->nrows == cap) {
			rasqal_literal **p;
			cap = cap ? cap * 2 : 256;
			p = realloc(c->cells, cap * (size_t)(c->ncols ? c->ncols : 1) * sizeof *p);
			if (!p)
				return DKG_ENOMEM;
			c->cells = p;
		}
		for (j = 0; j < c->ncols; j++) {
			rasqal_literal *l = rasqal_query_results_get_binding_value(c->r, j);
			c->cells[c->nrows * (size_t)c->ncols + (size_t)j] =
			    l ? rasqal_new_literal_from_literal(l) : NULL;
		}
		c->nrows++;
		if (rasqal_query_results_next(c->r))
			break;
	}
	c->index = malloc((c->nrows ? c->nrows : 1) * sizeof *c->index);
	if (!c->index)
		return DKG_ENOMEM;
	for (i = 0; i < c->nrows; i++)
		c->index[i] = i;
	sort_cursor = c;
	qsort(c->index, c->nrows, sizeof *c->index, compare_rows);
	sort_cursor = NULL;
	c->pos = c->spec->offset > 0 ? (size_t)c->spec->offset : 0;
	if (c->pos > c->nrows)
		c->pos = c->nrows;
	c->end = c->nrows;
	if (c->spec->limit >= 0 && c->pos + (size_t)c->spec->limit < c->end)
		c->end = c->pos + (size_t)c->spec->limit;
	c->sorted = 1;
	return 0;
}

static void cursor_free(cursor *c)
{
	size_t i;
	int j;
	if (c->names)
		for (j = 0; j < c->ncols; j++)
			free(c->names[j]);
	free(c->names);
	if (c->cells)
		for (i = 0; i < c->nrows * (size_t)c->ncols; i++)
			if (c->cells[i])
				rasqal_free_literal(c->cells[i]);
	free(c->cells);
	free(c->index);
}

static int cursor_done(const cursor *c)
{
	return c->sorted ? c->pos >= c->end : rasqal_query_results_finished(c->r);
}

static rasqal_literal *cursor_value(const cursor *c, int col)
{
	if (c->sorted)
		return c->cells[c->index[c->pos] * (size_t)c->ncols + (size_t)col];
	return rasqal_query_results_get_binding_value(c->r, col);
}

/* Copies the column names of a bindings result. */
static int cursor_names(cursor *c)
{
	int j;
	c->ncols = rasqal_query_results_is_bindings(c->r)
	               ? rasqal_query_results_get_bindings_count(c->r)
	               : 0;
	c->names = calloc((size_t)c->ncols + 1, sizeof *c->names);
	if (!c->names)
		return DKG_ENOMEM;
	for (j = 0; j < c->ncols; j++) {
		const char *n = (const char *)rasqal_query_results_get_binding_name(c->r, j);
		c->names[j] = strdup(n ? n : "");
		if (!c->names[j])
			return DKG_ENOMEM;
	}
	return 0;
}

/* Advances; returns non-zero at the end. */
static int cursor_next(cursor *c)
{
	if (c->sorted)
		return ++c->pos >= c->end;
	return rasqal_query_results_next(c->r);
}

/* ---- running a query ------------------------------------------------------ */

static int prepare(dkg_store *st, const char *sparql, const char *name, rasqal_query **qp,
                   dkg_error *err)
{
	rasqal_query *q = rasqal_new_query(st->rasqal, "sparql", NULL);
	int failed;
	*qp = NULL;
	if (!q)
		return dkg_error_set(err, DKG_ENOMEM, name, 0, "cannot create a SPARQL query");
	dkg_error_clear(err);
	dkg_store_log_begin(st, err);
	failed = rasqal_query_prepare(q, (const unsigned char *)sparql, NULL);
	if (dkg_store_log_end(st) > 0 || failed) {
		long line = err ? err->line : 0;
		char msg[512];
		snprintf(msg, sizeof msg, "%s",
		         err && err->message[0] ? err->message : "cannot parse the query");
		rasqal_free_query(q);
		return dkg_error_set(err, DKG_EPARSE, name, line, "%s", msg);
	}
	*qp = q;
	return 0;
}

static int execute(dkg_store *st, rasqal_query *q, const char *name, rasqal_query_results **rp,
                   dkg_error *err)
{
	rasqal_query_results *r;
	dkg_store_log_begin(st, err);
	r = rasqal_query_execute(q);
	if (dkg_store_log_end(st) > 0 || !r) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s",
		         err && err->message[0] ? err->message : "the query failed");
		if (r)
			rasqal_free_query_results(r);
		return dkg_error_set(err, DKG_EINVAL, name, 0, "%s", msg);
	}
	*rp = r;
	return 0;
}

/*
 * Prepares and runs `sparql`. `c` is set up to read the rows: sorted here
 * when the outer ORDER BY allows (see plan_order), else as Rasqal gives them.
 * The caller frees *qp, *rp and the cursor.
 */
static int run(dkg_store *st, const char *sparql, const char *name, order_spec *spec,
               rasqal_query **qp, rasqal_query_results **rp, cursor *c, dkg_error *err)
{
	rasqal_query *q, *cut = NULL;
	rasqal_query_results *r = NULL;
	int rc;
	if (!name)
		name = "query";
	*qp = NULL;
	*rp = NULL;
	memset(c, 0, sizeof *c);
	/* The whole query is prepared first: syntax errors name the user's lines. */
	if ((rc = prepare(st, sparql, name, &q, err)) != 0)
		return rc;
	if (rasqal_query_get_verb(q) == RASQAL_QUERY_VERB_SELECT && plan_order(sparql, spec)) {
		char *text = malloc(spec->cut + 1);
		dkg_error ignored;
		if (text) {
			memcpy(text, sparql, spec->cut);
			text[spec->cut] = '\0';
			if (prepare(st, text, name, &cut, &ignored) != 0)
				cut = NULL;
			free(text);
		}
	}
	if (cut) {
		if ((rc = execute(st, cut, name, &r, err)) != 0) {
			rasqal_free_query(cut);
			rasqal_free_query(q);
			return rc;
		}
		c->r = r;
		c->spec = spec;
		rc = cursor_names(c);
		if (rc == 0)
			rc = cursor_sort(c);
		if (rc == 0) {
			rasqal_free_query(q);
			*qp = cut;
			*rp = r;
			return 0;
		}
		/* a key is not projected (or no memory): let Rasqal sort after all */
		cursor_free(c);
		memset(c, 0, sizeof *c);
		rasqal_free_query_results(r);
		rasqal_free_query(cut);
		if (rc == DKG_ENOMEM) {
			rasqal_free_query(q);
			return dkg_error_set(err, rc, NULL, 0, "out of memory");
		}
	}
	if ((rc = execute(st, q, name, &r, err)) != 0) {
		rasqal_free_query(q);
		return rc;
	}
	c->r = r;
	if (cursor_names(c) != 0) {
		cursor_free(c);
		rasqal_free_query_results(r);
		rasqal_free_query(q);
		return dkg_error_set(err, DKG_ENOMEM, NULL, 0, "out of memory");
	}
	*qp = q;
	*rp = r;
	return 0;
}

static void term_of(rasqal_literal *l, dkg_term *t)
{
	raptor_uri *dt;
	memset(t, 0, sizeof *t);
	if (!l)
		return;
	switch (l->type) {
	case RASQAL_LITERAL_URI:
		t->kind = DKG_TERM_IRI;
		t->value = (const char *)raptor_uri_as_string(l->value.uri);
		break;
	case RASQAL_LITERAL_BLANK:
		t->kind = DKG_TERM_BLANK;
		t->value = (const char *)l->string;
		break;
	default:
		t->kind = DKG_TERM_LITERAL;
		t->value = (const char *)rasqal_literal_as_string(l);
		if (!t->value)
			t->value = "";
		t->lang = l->language;
		dt = t->lang ? NULL : rasqal_literal_datatype(l);
		t->datatype = dt ? (const char *)raptor_uri_as_string(dt) : NULL;
		break;
	}
}

/* ---- a growable byte buffer for cells ------------------------------------------ */

typedef struct {
	char *data;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	char *p;
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* ---- CSV and TSV ------------------------------------------------------------ */

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, "\",\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void csv_term(FILE *out, const dkg_term *t)
{
	if (t->kind == DKG_TERM_UNBOUND)
		return;
	if (t->kind == DKG_TERM_BLANK)
		fputs("_:", out);
	csv_field(out, t->value);
}

static void tsv_term(FILE *out, const dkg_term *t)
{
	const char *s;
	switch (t->kind) {
	case DKG_TERM_UNBOUND:
		return;
	case DKG_TERM_IRI:
		fprintf(out, "<%s>", t->value);
		return;
	case DKG_TERM_BLANK:
		fprintf(out, "_:%s", t->value);
		return;
	default:
		break;
	}
	fputc('"', out);
	for (s = t->value; *s; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		default:
			fputc(*s, out);
		}
	}
	fputc('"', out);
	if (t->lang)
		fprintf(out, "@%s", t->lang);
	else if (t->datatype)
		fprintf(out, "^^<%s>", t->datatype);
}

/* ---- JSON --------------------------------------------------------------------- */

static json_t *json_term(const dkg_term *t)
{
	json_t *o = json_object();
	static const char *const kinds[] = {"", "uri", "bnode", "literal"};
	if (!o)
		return NULL;
	json_object_set_new(o, "type", json_string(kinds[t->kind]));
	json_object_set_new(o, "value", json_string(t->value));
	if (t->lang)
		json_object_set_new(o, "xml:lang", json_string(t->lang));
	else if (t->datatype)
		json_object_set_new(o, "datatype", json_string(t->datatype));
	return o;
}

/* ---- the table -------------------------------------------------------------- */

#define TABLE_MAX_WIDTH 80

/* Appends `iri` to `b`, abbreviated as prefix:local when a prefix fits. */
static void table_iri(sbuf *b, rasqal_query *q, const char *iri)
{
	raptor_sequence *seq = rasqal_query_get_prefix_sequence(q);
	int i, n = seq ? raptor_sequence_size(seq) : 0;
	size_t k, len;
	const char *local;
	for (i = 0; i < n; i++) {
		rasqal_prefix *p = raptor_sequence_get_at(seq, i);
		const char *ns = p && p->uri ? (const char *)raptor_uri_as_string(p->uri) : NULL;
		if (ns && p->prefix && !strncmp(iri, ns, strlen(ns))) {
			local = iri + strlen(ns);
			if (*local && !strpbrk(local, "/#?")) {
				sb_puts(b, (const char *)p->prefix);
				sb_puts(b, ":");
				sb_puts(b, local);
				return;
			}
		}
	}
	for (k = 0; k < sizeof default_prefixes / sizeof default_prefixes[0]; k++) {
		len = strlen(default_prefixes[k].ns);
		local = iri + len;
		if (!strncmp(iri, default_prefixes[k].ns, len) && *local &&
		    !strpbrk(local, "/#?")) {
			sb_puts(b, default_prefixes[k].prefix);
			sb_puts(b, ":");
			sb_puts(b, local);
			return;
		}
	}
	sb_puts(b, iri);
}

/* Display width of UTF-8 `s`, and the byte length that fits in `max` columns. */
static size_t text_width(const char *s, size_t max, size_t *fit)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t w = 0, cw;
	*fit = 0;
	while (*p) {
		n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			n = 1;
			cp = '?';
		}
		cw =
		    cp < 32 ? 1 : (size_t)(utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0);
		if (w + cw <= max)
			*fit = (size_t)((const char *)p - s) + (size_t)n;
		w += cw;
		p += n;
	}
	return w;
}

typedef struct {
	char **cells; /* nrows * ncols strings */
	size_t nrows, cap, ncols;
} table;

static int table_add(table *t, rasqal_query *q, const dkg_term *row)
{
	size_t c;
	char **p;
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		p = realloc(t->cells, t->cap * t->ncols * sizeof *p);
		if (!p)
			return DKG_ENOMEM;
		t->cells = p;
	}
	for (c = 0; c < t->ncols; c++) {
		sbuf b = {0};
		char *s;
		if (row[c].kind == DKG_TERM_IRI)
			table_iri(&b, q, row[c].value);
		else if (row[c].kind == DKG_TERM_BLANK) {
			sb_puts(&b, "_:");
			sb_puts(&b, row[c].value);
		} else if (row[c].kind == DKG_TERM_LITERAL)
			sb_puts(&b, row[c].value);
		else
			sb_puts(&b, "");
		if (b.oom) {
			free(b.data);
			return DKG_ENOMEM;
		}
		/* one line per row: control characters become spaces */
		for (s = b.data; *s; s++)
			if ((unsigned char)*s < 32)
				*s = ' ';
		t->cells[t->nrows * t->ncols + c] = b.data;
	}
	t->nrows++;
	return 0;
}

static void table_print(FILE *out, const table *t, const char *const *names)
{
	size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
	size_t r, c, w, fit, k;
	if (!width)
		return;
	for (c = 0; c < t->ncols; c++) {
		width[c] = text_width(names[c], TABLE_MAX_WIDTH, &fit);
		for (r = 0; r < t->nrows; r++) {
			w = text_width(t->cells[r * t->ncols + c], TABLE_MAX_WIDTH, &fit);
			if (w > width[c])
				width[c] = w > TABLE_MAX_WIDTH ? TABLE_MAX_WIDTH : w;
		}
	}
	for (r = 0; r < t->nrows + 2; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s;
			if (r == 1) {
				for (k = 0; k < width[c]; k++)
					fputc('-', out);
				if (c + 1 < t->ncols)
					fputs("  ", out);
				continue;
			}
			s = r == 0 ? names[c] : t->cells[(r - 2) * t->ncols + c];
			w = text_width(s, TABLE_MAX_WIDTH, &fit);
			if (w > TABLE_MAX_WIDTH) {
				text_width(s, TABLE_MAX_WIDTH - 1, &fit);
				fwrite(s, 1, fit, out);
				fputs("\xe2\x80\xa6", out); /* … */
				w = TABLE_MAX_WIDTH;
			} else
				fputs(s, out);
			if (c + 1 < t->ncols)
				for (k = w; k < width[c] + 2; k++)
					fputc(' ', out);
		}
		fputc('\n', out);
	}
	fprintf(out, "(%zu row%s)\n", t->nrows, t->nrows == 1 ? "" : "s");
	free(width);
}

static void table_free(table *t)
{
	size_t i;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* ---- printing each kind of result ---------------------------------------------- */

static int print_bindings(rasqal_query *q, cursor *cur, dkg_results_format fmt, FILE *out)
{
	int n = cur->ncols, i, rc = 0;
	size_t ncols = n > 0 ? (size_t)n : 0, c;
	const char **names = calloc(ncols + 1, sizeof *names);
	dkg_term *row = calloc(ncols + 1, sizeof *row);
	json_t *doc = NULL, *bindings = NULL, *vars;
	table t = {NULL, 0, 0, ncols};
	if (!names || !row) {
		rc = DKG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		names[i] = cur->names[i];

	switch (fmt) {
	case DKG_RESULTS_CSV:
		for (c = 0; c < ncols; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, names[c]);
		}
		fputs("\r\n", out);
		break;
	case DKG_RESULTS_TSV:
		for (c = 0; c < ncols; c++)
			fprintf(out, "%s?%s", c ? "\t" : "", names[c]);
		fputc('\n', out);
		break;
	case DKG_RESULTS_JSON:
		doc = json_object();
		vars = json_array();
		bindings = json_array();
		if (!doc || !vars || !bindings) {
			json_decref(vars);
			json_decref(bindings);
			rc = DKG_ENOMEM;
			goto done;
		}
		for (c = 0; c < ncols; c++)
			json_array_append_new(vars, json_string(names[c]));
		json_object_set_new(doc, "head", json_pack("{s:o}", "vars", vars));
		json_object_set_new(doc, "results", json_pack("{s:o}", "bindings", bindings));
		break;
	default:
		break;
	}

	while (!cursor_done(cur)) {
		for (i = 0; i < n; i++)
			term_of(cursor_value(cur, i), &row[i]);
		switch (fmt) {
		case DKG_RESULTS_CSV:
			for (c = 0; c < ncols; c++) {
				if (c)
					fputc(',', out);
				csv_term(out, &row[c]);
			}
			fputs("\r\n", out);
			break;
		case DKG_RESULTS_TSV:
			for (c = 0; c < ncols; c++) {
				if (c)
					fputc('\t', out);
				tsv_term(out, &row[c]);
			}
			fputc('\n', out);
			break;
		case DKG_RESULTS_JSON: {
			json_t *b = json_object();
			if (!b) {
				rc = DKG_ENOMEM;
				goto done;
			}
			for (c = 0; c < ncols; c++)
				if (row[c].kind != DKG_TERM_UNBOUND)
					json_object_set_new(b, names[c], json_term(&row[c]));
			json_array_append_new(bindings, b);
			break;
		}
		default:
			if ((rc = table_add(&t, q, row)) != 0)
				goto done;
		}
		if (cursor_next(cur))
			break;
	}
	if (fmt == DKG_RESULTS_JSON) {
		if (json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
			rc = DKG_EIO;
		fputc('\n', out);
	} else if (fmt == DKG_RESULTS_TABLE || fmt == DKG_RESULTS_TURTLE ||
	           fmt == DKG_RESULTS_NTRIPLES)
		table_print(out, &t, names);
done:
	json_decref(doc);
	table_free(&t);
	free(names);
	free(row);
	return rc;
}

static int print_boolean(rasqal_query_results *r, dkg_results_format fmt, FILE *out)
{
	int yes = rasqal_query_results_get_boolean(r) > 0;
	if (fmt == DKG_RESULTS_JSON)
		fprintf(out, "{\n  \"head\": {},\n  \"boolean\": %s\n}\n", yes ? "true" : "false");
	else
		fprintf(out, "%s\n", yes ? "true" : "false");
	return 0;
}

static int print_graph(dkg_store *st, rasqal_query *q, rasqal_query_results *r,
                       dkg_results_format fmt, FILE *out)
{
	int turtle = fmt == DKG_RESULTS_TABLE || fmt == DKG_RESULTS_TURTLE;
	raptor_serializer *ser = raptor_new_serializer(st->raptor, turtle ? "turtle" : "ntriples");
	raptor_statement *s;
	int rc = 0, i, n;
	size_t k;
	if (!ser)
		return DKG_ENOMEM;
	if (turtle) {
		raptor_sequence *seq = rasqal_query_get_prefix_sequence(q);
		n = seq ? raptor_sequence_size(seq) : 0;
		for (i = 0; i < n; i++) {
			rasqal_prefix *p = raptor_sequence_get_at(seq, i);
			if (p && p->uri)
				raptor_serializer_set_namespace(ser, p->uri, p->prefix);
		}
		for (k = 0; k < sizeof default_prefixes / sizeof default_prefixes[0]; k++) {
			raptor_uri *u = raptor_new_uri(
			    st->raptor, (const unsigned char *)default_prefixes[k].ns);
			int dup = 0;
			for (i = 0; i < n; i++) {
				rasqal_prefix *p = raptor_sequence_get_at(seq, i);
				if (p && p->prefix &&
				    !strcmp((const char *)p->prefix, default_prefixes[k].prefix))
					dup = 1;
			}
			if (u && !dup)
				raptor_serializer_set_namespace(
				    ser, u, (const unsigned char *)default_prefixes[k].prefix);
			if (u)
				raptor_free_uri(u);
		}
	}
	raptor_serializer_start_to_file_handle(ser, NULL, out);
	while ((s = rasqal_query_results_get_triple(r)) != NULL) {
		if (raptor_serializer_serialize_statement(ser, s)) {
			rc = DKG_EIO;
			break;
		}
		if (rasqal_query_results_next_triple(r))
			break;
	}
	raptor_serializer_serialize_end(ser);
	raptor_free_serializer(ser);
	return rc;
}

/* ---- public entry points ----------------------------------------------------------- */

int dkg_store_query(dkg_store *st, const char *sparql, const dkg_query_options *opts, FILE *out,
                    dkg_error *err)
{
	dkg_query_options defaults = DKG_QUERY_OPTIONS_INIT;
	rasqal_query *q;
	rasqal_query_results *r;
	order_spec spec;
	cursor cur;
	int rc;
	if (!opts)
		opts = &defaults;
	if ((rc = run(st, sparql, opts->name, &spec, &q, &r, &cur, err)) != 0)
		return rc;
	if (rasqal_query_results_is_bindings(r))
		rc = print_bindings(q, &cur, opts->format, out);
	else if (rasqal_query_results_is_boolean(r))
		rc = print_boolean(r, opts->format, out);
	else if (rasqal_query_results_is_graph(r))
		rc = print_graph(st, q, r, opts->format, out);
	else
		rc = dkg_error_set(err, DKG_EUNSUPPORTED, opts->name, 0,
		                   "unsupported kind of query result");
	if (rc == DKG_ENOMEM)
		dkg_error_set(err, rc, NULL, 0, "out of memory");
	else if (rc == DKG_EIO)
		dkg_error_set(err, rc, NULL, 0, "cannot write the results");
	cursor_free(&cur);
	rasqal_free_query_results(r);
	rasqal_free_query(q);
	return rc;
}

int dkg_store_select(dkg_store *st, const char *sparql, dkg_row_fn fn, void *payload,
                     dkg_error *err)
{
	rasqal_query *q;
	rasqal_query_results *r;
	const char **names = NULL;
	dkg_term *row = NULL;
	order_spec spec;
	cursor cur;
	int rc, n, i;
	if ((rc = run(st, sparql, NULL, &spec, &q, &r, &cur, err)) != 0)
		return rc;
	if (rasqal_query_results_is_boolean(r)) {
		static const char *const bname[] = {"boolean"};
		dkg_term t = {DKG_TERM_LITERAL, "false", NULL, NS_XSD "boolean"};
		if (rasqal_query_results_get_boolean(r) > 0)
			t.value = "true";
		if (fn(bname, &t, 1, payload))
			rc = DKG_ESTOP;
		goto done;
	}
	if (!rasqal_query_results_is_bindings(r)) {
		rc = dkg_error_set(err, DKG_EINVAL, "query", 0, "not a SELECT or ASK query");
		goto done;
	}
	n = cur.ncols;
	names = calloc((size_t)n + 1, sizeof *names);
	row = calloc((size_t)n + 1, sizeof *row);
	if (!names || !row) {
		rc = dkg_error_set(err, DKG_ENOMEM, NULL, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++)
		names[i] = cur.names[i];
	while (!cursor_done(&cur)) {
		for (i = 0; i < n; i++)
			term_of(cursor_value(&cur, i), &row[i]);
		if (fn(names, row, (size_t)n, payload)) {
			rc = DKG_ESTOP;
			break;
		}
		if (cursor_next(&cur))
			break;
	}
done:
	cursor_free(&cur);
	free(names);
	free(row);
	rasqal_free_query_results(r);
	rasqal_free_query(q);
	return rc;
}

int dkg_query_files(const char *const *data, size_t ndata, const char *sparql,
                    const dkg_query_options *opts, FILE *out, dkg_error *err)
{
	dkg_query_options defaults = DKG_QUERY_OPTIONS_INIT;
	dkg_store *st = NULL;
	size_t i;
	int rc;
	if (!opts)
		opts = &defaults;
	if (opts->store && ndata)
		return dkg_error_set(err, DKG_EINVAL, NULL, 0,
		                     "query either data files or a store, not both");
	if ((rc = dkg_store_open(&st, opts->store, 0, err)) != 0)
		return rc;
	for (i = 0; i < ndata; i++)
		if ((rc = dkg_store_load(st, data[i], err)) != 0)
			goto done;
	rc = dkg_store_query(st, sparql, opts, out, err);
done:
	dkg_store_free(st);
	return rc;
}
