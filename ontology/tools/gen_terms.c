/*
 * gen_terms.c - build-time generator of the CAMEO term table: reads
 * ontology/diplomacy.ttl with Raptor and writes dkg_cameo_table[] (see
 * dkg/ontology.h) so that the ontology stays the one source of truth.
 *
 * usage: dkg-gen-terms diplomacy.ttl out.c
 *
 * Every class with a dip:cameoCode becomes one row. A class that lacks a
 * label, Goldstein value or quad class, has a malformed one, repeats a code
 * or does not sit under the class of its parent code fails the build with a
 * message naming the class.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#define DIP           "https://w3id.org/dkg/ontology#"
#define RDFS_LABEL    "http://www.w3.org/2000/01/rdf-schema#label"
#define RDFS_SUBCLASS "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#define SKOS_NOTATION "http://www.w3.org/2004/02/skos/core#notation"

/* What the ontology says about one subject, collected while parsing. */
typedef struct term {
	char *iri;
	char *code;      /* dip:cameoCode */
	char *label;     /* rdfs:label, English or untagged preferred */
	int label_en;    /* label came with @en (or no tag) */
	char *goldstein; /* dip:goldstein lexical form */
	char *quad;      /* dip:quadClass lexical form */
	char *plover;    /* dip:plover object IRI */
	char *notation;  /* skos:notation (on PLOVER concepts) */
	char **supers;   /* rdfs:subClassOf objects */
	size_t nsupers;
	int dup_code, dup_goldstein, dup_quad, dup_plover;
} term;

typedef struct gen {
	const char *path;
	term *terms;
	size_t nterms, cap;
	size_t *index; /* term positions sorted by IRI once parsing is done */
	int errors;
	int oom;
} gen;

static void fail(gen *g, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", g->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g->errors++;
}

static char *dupstr(gen *g, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (!d) {
		g->oom = 1;
		return NULL;
	}
	return memcpy(d, s, n);
}

/* Linear search is fine while parsing: the ontology has a few thousand
 * triples and this runs once per build. The most recent subject is checked
 * first because Turtle groups a subject's triples together. */
static term *term_for(gen *g, const char *iri)
{
	size_t i;
	term *t;
	for (i = g->nterms; i-- > 0;)
		if (!strcmp(g->terms[i].iri, iri))
			return &g->terms[i];
	if (g->nterms == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 256;
		term *n = realloc(g->terms, cap * sizeof *n);
		if (!n) {
			g->oom = 1;
			return NULL;
		}
		g->terms = n;
		g->cap = cap;
	}
	t = &g->terms[g->nterms];
	memset(t, 0, sizeof *t);
	t->iri = dupstr(g, iri);
	if (!t->iri)
		return NULL;
	g->nterms++;
	return t;
}

/* Stores a single-valued property, remembering when it was given twice. */
static void set_once(gen *g, char **slot, int *dup, const char *value)
{
	if (*slot) {
		if (strcmp(*slot, value))
			*dup = 1;
		return;
	}
	*slot = dupstr(g, value);
}

static void on_statement(void *payload, raptor_statement *st)
{
	gen *g = payload;
	const char *s, *p, *o = NULL;
	const char *lang = NULL;
	int literal = 0;
	term *t;

	if (g->oom || st->subject->type != RAPTOR_TERM_TYPE_URI ||
	    st->predicate->type != RAPTOR_TERM_TYPE_URI)
		return;
	s = (const char *)raptor_uri_as_string(st->subject->value.uri);
	p = (const char *)raptor_uri_as_string(st->predicate->value.uri);
	if (st->object->type == RAPTOR_TERM_TYPE_URI) {
		o = (const char *)raptor_uri_as_string(st->object->value.uri);
	} else if (st->object->type == RAPTOR_TERM_TYPE_LITERAL) {
		o = (const char *)st->object->value.literal.string;
		lang = (const char *)st->object->value.literal.language;
		literal = 1;
	}
	if (!o)
		return;

	if (literal && !strcmp(p, DIP "cameoCode")) {
		if ((t = term_for(g, s)))
			set_once(g, &t->code, &t->dup_code, o);
	} else if (literal && !strcmp(p, DIP "goldstein")) {
		if ((t = term_for(g, s)))
			set_once(g, &t->goldstein, &t->dup_goldstein, o);
	} else if (literal && !strcmp(p, DIP "quadClass")) {
		if ((t = term_for(g, s)))
			set_once(g, &t->quad, &t->dup_quad, o);
	} else if (!literal && !strcmp(p, DIP "plover")) {
		if ((t = term_for(g, s)))
			set_once(g, &t->plover, &t->dup_plover, o);
	} else if (literal && !strcmp(p, SKOS_NOTATION)) {
		int ignored = 0;
		if ((t = term_for(g, s)))
			set_once(g, &t->notation, &ignored, o);
	} else if (literal && !strcmp(p, RDFS_LABEL)) {
		int en = !lang || !*lang || !strncmp(lang, "en", 2);
		if (!(t = term_for(g, s)))
			return;
		if (!t->label || (en && !t->label_en)) {
			free(t->label);
			t->label = dupstr(g, o);
			t->label_en = en;
		}
	} else if (!literal && !strcmp(p, RDFS_SUBCLASS)) {
		char **n;
		if (!(t = term_for(g, s)))
			return;
		n = realloc(t->supers, (t->nsupers + 1) * sizeof *n);
		if (!n) {
			g->oom = 1;
			return;
		}
		t->supers = n;
		if ((n[t->nsupers] = dupstr(g, o)))
			t->nsupers++;
	}
}

static void on_log(void *payload, raptor_log_message *msg)
{
	gen *g = payload;
	if (msg->level < RAPTOR_LOG_LEVEL_WARN)
		return;
	fprintf(stderr, "%s:%d: %s\n", g->path, msg->locator ? msg->locator->line : 0,
	        msg->text ? msg->text : "parse error");
	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
		g->errors++;
}

static int parse(gen *g, raptor_world *world)
{
	raptor_parser *parser = NULL;
	unsigned char *uri_string = NULL;
	raptor_uri *uri = NULL;
	int rc = -1;

	raptor_world_set_log_handler(world, g, on_log);
	parser = raptor_new_parser(world, "turtle");
	uri_string = raptor_uri_filename_to_uri_string(g->path);
	if (!parser || !uri_string)
		goto done;
	uri = raptor_new_uri(world, uri_string);
	if (!uri)
		goto done;
	raptor_parser_set_statement_handler(parser, g, on_statement);
	if (raptor_parser_parse_file(parser, uri, uri) == 0 && !g->errors)
		rc = 0;
done:
	if (g->oom) {
		fprintf(stderr, "%s: out of memory\n", g->path);
		rc = -1;
	}
	if (uri)
		raptor_free_uri(uri);
	if (uri_string)
		raptor_free_memory(uri_string);
	if (parser)
		raptor_free_parser(parser);
	return rc;
}

static gen *sort_ctx;

static int by_iri(const void *a, const void *b)
{
	return strcmp(sort_ctx->terms[*(const size_t *)a].iri,
	              sort_ctx->terms[*(const size_t *)b].iri);
}

static int by_code(const void *a, const void *b)
{
	return strcmp((*(term *const *)a)->code, (*(term *const *)b)->code);
}

static term *find(gen *g, const char *iri)
{
	size_t lo = 0, hi = g->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(iri, g->terms[g->index[mid]].iri);
		if (!c)
			return &g->terms[g->index[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *local_name(const char *iri)
{
	size_t n = strlen(DIP);
	return strncmp(iri, DIP, n) ? NULL : iri + n;
}

static int valid_code(const char *code)
{
	size_t n = strlen(code), i;
	if (n < 2 || n > 4)
		return 0;
	for (i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	return 1;
}

/* The quad class every code under a root must have (see dip:quadClass). */
static int quad_of_root(const char *code)
{
	int r = (code[0] - '0') * 10 + (code[1] - '0');
	if (r <= 2)
		return 0;
	if (r <= 5)
		return 1;
	if (r <= 8)
		return 2;
	if (r <= 13)
		return 3;
	return 4;
}

/* Parses an xsd:decimal lexical form strictly: sign, digits, optional
 * fraction, nothing else (no exponent, no blanks). */
static int parse_decimal(const char *s, double *out)
{
	const char *p = s;
	int digits = 0;
	char *end;
	if (*p == '+' || *p == '-')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (*p || !digits)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return errno || *end ? -1 : 0;
}

static int parse_int(const char *s, int *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -1000 || v > 1000)
		return -1;
	*out = (int)v;
	return 0;
}

/* Checks one CAMEO class; returns 0 when it can go into the table. */
static int check_class(gen *g, term *t, const char *klass)
{
	int before = g->errors, quad;
	double gs;
	size_t i;
	const char *want_parent = NULL;
	char parent_code[4] = "";

	if (!klass)
		fail(g, "%s: class with dip:cameoCode outside the dip: namespace", t->iri);
	if (!valid_code(t->code))
		fail(g, "class %s: dip:cameoCode \"%s\" is not 2-4 digits", klass, t->code);
	if (t->dup_code)
		fail(g, "class %s: more than one dip:cameoCode", klass);
	if (!t->label || !*t->label)
		fail(g, "class %s (CAMEO %s): no rdfs:label", klass, t->code);
	if (!t->goldstein)
		fail(g, "class %s (CAMEO %s): no dip:goldstein value", klass, t->code);
	else if (t->dup_goldstein || parse_decimal(t->goldstein, &gs) || gs < -10 || gs > 10)
		fail(g, "class %s (CAMEO %s): dip:goldstein \"%s\" is not one decimal in [-10, 10]",
		     klass, t->code, t->goldstein);
	if (!t->quad)
		fail(g, "class %s (CAMEO %s): no dip:quadClass", klass, t->code);
	else if (t->dup_quad || parse_int(t->quad, &quad) || quad < 0 || quad > 4)
		fail(g, "class %s (CAMEO %s): dip:quadClass \"%s\" is not one of 0-4", klass,
		     t->code, t->quad);
	else if (valid_code(t->code) && quad != quad_of_root(t->code))
		fail(g, "class %s (CAMEO %s): dip:quadClass %d, but root %.2s is quad class %d",
		     klass, t->code, quad, t->code, quad_of_root(t->code));
	if (t->dup_plover)
		fail(g, "class %s (CAMEO %s): more than one dip:plover", klass, t->code);
	if (t->plover) {
		term *c = find(g, t->plover);
		if (!c || !c->notation)
			fail(g, "class %s (CAMEO %s): dip:plover %s has no skos:notation", klass,
			     t->code, t->plover);
	}
	if (g->errors != before || !valid_code(t->code))
		return -1;

	/* The class hierarchy must follow the codes: 1384 under 138 under 13. */
	if (strlen(t->code) == 2) {
		want_parent = DIP "Event";
	} else {
		size_t n = strlen(t->code) == 4 ? 3 : 2;
		memcpy(parent_code, t->code, n);
		parent_code[n] = '\0';
	}
	for (i = 0; i < t->nsupers; i++) {
		term *s = find(g, t->supers[i]);
		if (want_parent ? !strcmp(t->supers[i], want_parent)
		                : (s && s->code && !strcmp(s->code, parent_code)))
			return 0;
	}
	if (want_parent)
		fail(g, "class %s (CAMEO %s): a root class must be rdfs:subClassOf dip:Event",
		     klass, t->code);
	else
		fail(g, "class %s (CAMEO %s): not rdfs:subClassOf the class of CAMEO %s", klass,
		     t->code, parent_code);
	return -1;
}

/* Writes s as a C string literal. Non-ASCII bytes and controls become octal
 * escapes (always three digits, so a following digit cannot join them) and
 * '?' is escaped so that no trigraph can form. */
static void put_c_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	fputc('"', out);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* Shortest %g form that reads back as the same double. */
static void put_double(FILE *out, double v)
{
	char buf[64];
	int prec;
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (!strpbrk(buf, ".eEn"))
		strcat(buf, ".0");
	fputs(buf, out);
}

static int write_table(gen *g, term **rows, size_t n, const char *out_path)
{
	size_t i, len = strlen(out_path);
	char *tmp = malloc(len + 5);
	FILE *out;
	int rc = -1;

	if (!tmp)
		return -1;
	memcpy(tmp, out_path, len);
	memcpy(tmp + len, ".tmp", 5);
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "%s: %s\n", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fprintf(out, "/* Generated by dkg-gen-terms from %s: do not edit. */\n",
	        strrchr(g->path, '/') ? strrchr(g->path, '/') + 1 : g->path);
	fputs("#include <stddef.h>\n\n#include \"dkg/ontology.h\"\n\n"
	      "extern const dkg_cameo dkg_cameo_table[];\n"
	      "extern const size_t dkg_cameo_table_len;\n\n"
	      "const dkg_cameo dkg_cameo_table[] = {\n",
	      out);
	for (i = 0; i < n; i++) {
		term *t = rows[i];
		term *c = t->plover ? find(g, t->plover) : NULL;
		char root[3] = {t->code[0], t->code[1], '\0'};
		int quad = 0;
		fputs("\t{", out);
		put_c_string(out, t->code);
		fputs(", ", out);
		put_c_string(out, t->label);
		fputs(", ", out);
		put_c_string(out, local_name(t->iri));
		fputs(", ", out);
		put_c_string(out, root);
		fputs(", ", out);
		put_c_string(out, c ? c->notation : "");
		fputs(", ", out);
		put_double(out, strtod(t->goldstein, NULL));
		parse_int(t->quad, &quad);
		fprintf(out, ", %d},\n", quad);
	}
	fprintf(out, "};\n\nconst size_t dkg_cameo_table_len = %zu;\n", n);
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "%s: write error\n", tmp);
		remove(tmp);
	} else if (rename(tmp, out_path)) {
		fprintf(stderr, "%s: %s\n", out_path, strerror(errno));
		remove(tmp);
	} else {
		rc = 0;
	}
	free(tmp);
	return rc;
}

static int generate(gen *g, const char *out_path)
{
	term **rows = NULL;
	size_t i, n = 0, roots = 0;
	int rc = -1;

	g->index = malloc((g->nterms ? g->nterms : 1) * sizeof *g->index);
	rows = malloc((g->nterms ? g->nterms : 1) * sizeof *rows);
	if (!g->index || !rows) {
		fprintf(stderr, "%s: out of memory\n", g->path);
		goto done;
	}
	for (i = 0; i < g->nterms; i++)
		g->index[i] = i;
	sort_ctx = g;
	qsort(g->index, g->nterms, sizeof *g->index, by_iri);

	for (i = 0; i < g->nterms; i++) {
		term *t = &g->terms[g->index[i]];
		if (!t->code)
			continue;
		if (check_class(g, t, local_name(t->iri)) == 0) {
			rows[n++] = t;
			roots += strlen(t->code) == 2;
		}
	}
	if (g->errors)
		goto done;
	if (!n) {
		fail(g, "no class has a dip:cameoCode");
		goto done;
	}
	qsort(rows, n, sizeof *rows, by_code);
	for (i = 1; i < n; i++)
		if (!strcmp(rows[i - 1]->code, rows[i]->code))
			fail(g, "classes %s and %s share CAMEO code %s",
			     local_name(rows[i - 1]->iri), local_name(rows[i]->iri), rows[i]->code);
	for (i = 0; i < n; i++) {
		char root[3] = {rows[i]->code[0], rows[i]->code[1], '\0'};
		term key = {0}, *kp = &key, **hit;
		key.code = root;
		hit = bsearch(&kp, rows, n, sizeof *rows, by_code);
		if (!hit)
			fail(g, "class %s (CAMEO %s): no class for its root %s",
			     local_name(rows[i]->iri), rows[i]->code, root);
	}
	if (g->errors)
		goto done;
	rc = write_table(g, rows, n, out_path);
	if (rc == 0)
		fprintf(stderr, "dkg-gen-terms: %zu CAMEO codes (%zu roots) -> %s\n", n, roots,
		        out_path);
done:
	free(rows);
	return rc;
}

static void gen_free(gen *g)
{
	size_t i, j;
	for (i = 0; i < g->nterms; i++) {
		term *t = &g->terms[i];
		free(t->iri);
		free(t->code);
		free(t->label);
		free(t->goldstein);
		free(t->quad);
		free(t->plover);
		free(t->notation);
		for (j = 0; j < t->nsupers; j++)
			free(t->supers[j]);
		free(t->supers);
	}
	free(g->terms);
	free(g->index);
}

int main(int argc, char **argv)
{
	gen g;
	raptor_world *world;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: dkg-gen-terms diplomacy.ttl out.c\n");
		return 2;
	}
	memset(&g, 0, sizeof g);
	g.path = argv[1];
	world = raptor_new_world();
	if (!world || raptor_world_open(world)) {
		fprintf(stderr, "dkg-gen-terms: cannot start Raptor\n");
		return 1;
	}
	if (parse(&g, world) == 0 && generate(&g, argv[2]) == 0)
		rc = 0;
	else
		fprintf(stderr, "dkg-gen-terms: %s: no table written\n", argv[1]);
	gen_free(&g);
	raptor_free_world(world);
	return rc;
}
