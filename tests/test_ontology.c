/*
 * test_ontology.c - the CAMEO term table generated from ontology/diplomacy.ttl
 * and the ontology itself: coverage of the codebook, known values, table
 * invariants, and that the Turtle declares every dip: term it uses.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "dkg/ontology.h"
#include "testutil.h"

#define DIP      "https://w3id.org/dkg/ontology#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

static const char *const plover_types[] = {
    "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
    "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT",
};

static int is_plover_type(const char *s)
{
	size_t i;
	for (i = 0; i < sizeof plover_types / sizeof *plover_types; i++)
		if (!strcmp(s, plover_types[i]))
			return 1;
	return 0;
}

static int quad_of_root(int root)
{
	return root <= 2 ? 0 : root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

/* The 3-digit codes of each root in the CAMEO codebook: root r has
 * r0 .. r<last>, e.g. 13 has 130..139. */
static const int last_digit[21] = {0, 9, 8, 9, 6, 7, 4, 5, 7, 4, 8, 6, 9, 9, 5, 4, 6, 5, 6, 6, 4};

static void test_covers_codebook(void)
{
	int root, d;
	size_t three = 0, four = 0, i;
	char code[16];

	for (root = 1; root <= 20; root++) {
		snprintf(code, sizeof code, "%02d", root);
		CU_ASSERT_PTR_NOT_NULL(dkg_cameo_lookup(code));
		for (d = 0; d <= last_digit[root]; d++) {
			snprintf(code, sizeof code, "%02d%d", root, d);
			if (!dkg_cameo_lookup(code))
				CU_FAIL(code);
		}
	}
	for (i = 0; i < dkg_cameo_count(); i++) {
		size_t n = strlen(dkg_cameo_at(i)->code);
		three += n == 3;
		four += n == 4;
	}
	CU_ASSERT_EQUAL(three, 147);
	CU_ASSERT(four >= 140); /* all four-digit codes of the codebook */
	CU_ASSERT_EQUAL(dkg_cameo_count(), 20 + three + four);
	CU_ASSERT_PTR_NULL(dkg_cameo_at(dkg_cameo_count()));
}

static void test_known_codes(void)
{
	const dkg_cameo *c = dkg_cameo_lookup("138");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->code, "138");
	CU_ASSERT_STRING_EQUAL(c->label, "Threaten with military force");
	CU_ASSERT_STRING_EQUAL(c->klass, "ThreatenMilitaryForce");
	CU_ASSERT_STRING_EQUAL(c->root, "13");
	CU_ASSERT_STRING_EQUAL(c->plover, "THREATEN");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, -7.0, 1e-9);
	CU_ASSERT_EQUAL(c->quad_class, 3);

	c = dkg_cameo_lookup("13");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->klass, "Threaten");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, -6.0, 1e-9);

	c = dkg_cameo_lookup("042");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->label, "Make a visit");
	CU_ASSERT_STRING_EQUAL(c->klass, "MakeVisit");
	CU_ASSERT_STRING_EQUAL(c->root, "04");
	CU_ASSERT_STRING_EQUAL(c->plover, "CONSULT");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, 1.9, 1e-9);
	CU_ASSERT_EQUAL(c->quad_class, 1);

	c = dkg_cameo_lookup("190");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->root, "19");
	CU_ASSERT_STRING_EQUAL(c->plover, "ASSAULT");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, -10.0, 1e-9);
	CU_ASSERT_EQUAL(c->quad_class, 4);

	c = dkg_cameo_lookup("20");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->klass, "UseUnconventionalMassViolence");
	CU_ASSERT_STRING_EQUAL(c->root, "20");
	CU_ASSERT_STRING_EQUAL(c->plover, "ASSAULT");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, -10.0, 1e-9);
	CU_ASSERT_EQUAL(c->quad_class, 4);

	/* Where the PLOVER table departs from the CAMEO root. */
	c = dkg_cameo_lookup("163");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->plover, "COERCE");
	c = dkg_cameo_lookup("0871");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->plover, "RETREAT");
	CU_ASSERT_DOUBLE_EQUAL(c->goldstein, 9.0, 1e-9);
	c = dkg_cameo_lookup("1384");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->klass, "ThreatenConventionalAttack");

	/* dkg's documented choices where the table is silent. */
	c = dkg_cameo_lookup("010");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->plover, "");
	CU_ASSERT_EQUAL(c->quad_class, 0);
	c = dkg_cameo_lookup("0233");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->plover, "REQUEST");
}

static void test_unknown_codes(void)
{
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup(NULL));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup(""));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("1"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("00"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("21"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("999"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("1389"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("138 "));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("13800"));
	CU_ASSERT_PTR_NULL(dkg_cameo_lookup("THREATEN"));
}

static void test_table_invariants(void)
{
	size_t i, n = dkg_cameo_count();
	for (i = 0; i < n; i++) {
		const dkg_cameo *c = dkg_cameo_at(i), *r, *p;
		size_t len = strlen(c->code), k;
		int root;
		char parent[4];

		CU_ASSERT_FATAL(len >= 2 && len <= 4);
		CU_ASSERT(isdigit((unsigned char)c->code[0]) && isdigit((unsigned char)c->code[1]));
		if (i > 0)
			CU_ASSERT(strcmp(dkg_cameo_at(i - 1)->code, c->code) < 0);
		CU_ASSERT_PTR_EQUAL(dkg_cameo_lookup(c->code), c);

		CU_ASSERT_EQUAL(strlen(c->root), 2);
		CU_ASSERT_NSTRING_EQUAL(c->root, c->code, 2);
		r = dkg_cameo_lookup(c->root);
		CU_ASSERT_PTR_NOT_NULL(r);
		root = atoi(c->root);
		CU_ASSERT(root >= 1 && root <= 20);
		CU_ASSERT_EQUAL(c->quad_class, quad_of_root(root));

		if (len > 2) { /* 1384 needs 138, 138 needs 13 */
			memcpy(parent, c->code, len - 1);
			parent[len - 1] = '\0';
			p = dkg_cameo_lookup(parent);
			CU_ASSERT_PTR_NOT_NULL(p);
		}

		CU_ASSERT(c->goldstein >= -10.0 && c->goldstein <= 10.0);
		CU_ASSERT(c->label[0] != '\0');
		CU_ASSERT(isupper((unsigned char)c->klass[0]));
		for (k = 0; c->klass[k]; k++)
			CU_ASSERT(isalnum((unsigned char)c->klass[k]));
		if (root == 1) {
			CU_ASSERT_STRING_EQUAL(c->plover, "");
		} else {
			CU_ASSERT(is_plover_type(c->plover));
		}
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_class_names_unique(void)
{
	size_t i, n = dkg_cameo_count();
	const char **names = malloc(n * sizeof *names);
	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	for (i = 0; i < n; i++)
		names[i] = dkg_cameo_at(i)->klass;
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 1; i < n; i++)
		if (!strcmp(names[i - 1], names[i]))
			CU_FAIL(names[i]);
	free(names);
}

/* ---- the Turtle ----------------------------------------------------------- */

typedef struct strset {
	char **v;
	size_t n, cap;
} strset;

static void strset_add(strset *s, const char *str)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], str))
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return;
		s->v = v;
		s->cap = cap;
	}
	if ((s->v[s->n] = malloc(strlen(str) + 1)))
		strcpy(s->v[s->n++], str);
}

static int strset_has(const strset *s, const char *str)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], str))
			return 1;
	return 0;
}

static void strset_free(strset *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

typedef struct onto {
	strset declared; /* dip: IRIs that have an rdf:type */
	strset used;     /* dip: IRIs anywhere in a triple */
	strset classes;  /* "code klass" for every class with a dip:cameoCode */
	int errors;
	int triples;
} onto;

static void note_used(onto *o, const raptor_term *t)
{
	if (t->type == RAPTOR_TERM_TYPE_URI) {
		const char *iri = (const char *)raptor_uri_as_string(t->value.uri);
		if (!strncmp(iri, DIP, strlen(DIP)))
			strset_add(&o->used, iri);
	} else if (t->type == RAPTOR_TERM_TYPE_LITERAL && t->value.literal.datatype) {
		const char *iri = (const char *)raptor_uri_as_string(t->value.literal.datatype);
		if (!strncmp(iri, DIP, strlen(DIP)))
			strset_add(&o->used, iri);
	}
}

static void on_triple(void *payload, raptor_statement *st)
{
	onto *o = payload;
	const char *p = (const char *)raptor_uri_as_string(st->predicate->value.uri);
	o->triples++;
	note_used(o, st->subject);
	note_used(o, st->predicate);
	note_used(o, st->object);
	if (st->subject->type == RAPTOR_TERM_TYPE_URI && !strcmp(p, RDF_TYPE))
		strset_add(&o->declared,
		           (const char *)raptor_uri_as_string(st->subject->value.uri));
	if (st->subject->type == RAPTOR_TERM_TYPE_URI && !strcmp(p, DIP "cameoCode") &&
	    st->object->type == RAPTOR_TERM_TYPE_LITERAL) {
		const char *s = (const char *)raptor_uri_as_string(st->subject->value.uri);
		char buf[256];
		if (!strncmp(s, DIP, strlen(DIP))) {
			snprintf(buf, sizeof buf, "%s %s", st->object->value.literal.string,
			         s + strlen(DIP));
			strset_add(&o->classes, buf);
		}
	}
}

static void on_log(void *payload, raptor_log_message *msg)
{
	onto *o = payload;
	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR) {
		o->errors++;
		fprintf(stderr, "ontology:%d: %s\n", msg->locator ? msg->locator->line : 0,
		        msg->text);
	}
}

static int parse_ontology(onto *o)
{
	const char *ttl = dkg_ontology_turtle();
	raptor_world *world = raptor_new_world();
	raptor_parser *parser = NULL;
	raptor_uri *base = NULL;
	int rc = -1;

	memset(o, 0, sizeof *o);
	if (!world || raptor_world_open(world))
		goto done;
	raptor_world_set_log_handler(world, o, on_log);
	parser = raptor_new_parser(world, "turtle");
	base = raptor_new_uri(world, (const unsigned char *)"https://w3id.org/dkg/ontology");
	if (!parser || !base || !ttl)
		goto done;
	raptor_parser_set_statement_handler(parser, o, on_triple);
	if (raptor_parser_parse_start(parser, base) ||
	    raptor_parser_parse_chunk(parser, (const unsigned char *)ttl, strlen(ttl), 1))
		goto done;
	rc = o->errors ? -1 : 0;
done:
	if (base)
		raptor_free_uri(base);
	if (parser)
		raptor_free_parser(parser);
	if (world)
		raptor_free_world(world);
	return rc;
}

static void onto_free(onto *o)
{
	strset_free(&o->declared);
	strset_free(&o->used);
	strset_free(&o->classes);
}

static void test_turtle_declares_every_term(void)
{
	onto o;
	size_t i;
	CU_ASSERT_EQUAL_FATAL(parse_ontology(&o), 0);
	CU_ASSERT(o.triples > 1000);
	CU_ASSERT(o.used.n > 300);
	for (i = 0; i < o.used.n; i++)
		if (!strset_has(&o.declared, o.used.v[i]))
			CU_FAIL(o.used.v[i]);
	onto_free(&o);
}

/* The terms of the output contract (issue 2, README) and the ones the writer
 * needs beyond it: the ontology must declare each of them. */
static void test_contract_terms(void)
{
	static const char *const terms[] = {
	    "Event",       "Actor",           "Person",       "State",       "Organization",
	    "Group",       "Place",           "Mention",      "Article",     "Threaten",
	    "cameoCode",   "ploverType",      "goldstein",    "quadClass",   "sourceActor",
	    "targetActor", "actionText",      "objectText",   "polarity",    "modality",
	    "hasMention",  "actorCode",       "countryCode",  "inDocument",  "sentenceText",
	    "charStart",   "charEnd",         "confidence",   "role",        "attributedTo",
	    "retracts",    "dateGranularity", "reportedFrom", "triggerText", "dateline",
	    "PloverTypes", "plover",          "Affirmative",  "Negated",     "Asserted",
	    "Intended",    "Conditional",     "Possible",     "Threatened",  "Day",
	    "Week",        "Month",           "Season",       "Year",        "PloverThreaten",
	};
	onto o;
	size_t i;
	char iri[128];
	CU_ASSERT_EQUAL_FATAL(parse_ontology(&o), 0);
	for (i = 0; i < sizeof terms / sizeof *terms; i++) {
		snprintf(iri, sizeof iri, DIP "%s", terms[i]);
		if (!strset_has(&o.declared, iri))
			CU_FAIL(terms[i]);
	}
	onto_free(&o);
}

/* The generated table and the Turtle agree class by class. */
static void test_table_matches_turtle(void)
{
	onto o;
	size_t i;
	char buf[256];
	CU_ASSERT_EQUAL_FATAL(parse_ontology(&o), 0);
	CU_ASSERT_EQUAL(o.classes.n, dkg_cameo_count());
	for (i = 0; i < dkg_cameo_count(); i++) {
		const dkg_cameo *c = dkg_cameo_at(i);
		snprintf(buf, sizeof buf, "%s %s", c->code, c->klass);
		if (!strset_has(&o.classes, buf))
			CU_FAIL(buf);
	}
	onto_free(&o);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {
	    {"covers the CAMEO codebook", test_covers_codebook},
	    {"known codes", test_known_codes},
	    {"unknown codes", test_unknown_codes},
	    {"table invariants", test_table_invariants},
	    {"class names unique", test_class_names_unique},
	    {"turtle declares every dip: term", test_turtle_declares_every_term},
	    {"contract terms declared", test_contract_terms},
	    {"table matches turtle", test_table_matches_turtle},
	    CU_TEST_INFO_NULL,
	};
	return dkg_test_add_suite("ontology", tests);
}
