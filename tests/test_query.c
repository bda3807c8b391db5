/*
 * test_query.c - the SPARQL layer: loading files into a store, SELECT and
 * ASK rows, the ORDER BY done outside Rasqal, result formats (JSON parsed
 * back with jansson, CSV quoting), errors with file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dkg/dkg.h"
#include "testutil.h"

#define P "PREFIX dip: <https://w3id.org/dkg/ontology#> "

static const char *graph =
    "@prefix dip: <https://w3id.org/dkg/ontology#> .\n"
    "@prefix id: <https://w3id.org/dkg/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "id:e1 a dip:Event ; dip:cameoCode \"138\" ; dip:quadClass 3 ; dip:sourceActor id:a ;"
    " dip:targetActor id:b .\n"
    "id:e2 a dip:Event ; dip:cameoCode \"036\" ; dip:quadClass 1 ; dip:sourceActor id:b ;"
    " dip:targetActor id:a .\n"
    "id:e3 a dip:Event ; dip:cameoCode \"190\" ; dip:quadClass 4 ; dip:sourceActor id:a ;"
    " dip:targetActor id:c .\n"
    "id:a rdfs:label \"Russia\"@en . id:b rdfs:label \"United \\\"States\\\", the\"@en .\n"
    "id:c rdfs:label \"Georgia\"@en .\n";

static char path[128];

/* A fresh temporary file name with the given extension (syntax comes from it). */
static void temp_path(const char *ext)
{
	static int counter;
	snprintf(path, sizeof path, "/tmp/dkg-test-query-%ld-%d%s", (long)getpid(), ++counter, ext);
}

static void write_graph(void)
{
	FILE *fp;
	temp_path(".ttl");
	fp = fopen(path, "w");
	CU_ASSERT_FATAL(fp != NULL);
	fputs(graph, fp);
	fclose(fp);
}

typedef struct {
	int rows;
	char first[3][128];
	char names[3][32];
} collect;

static int on_row(const char *const *names, const dkg_term *row, size_t ncols, void *payload)
{
	collect *c = payload;
	size_t i;
	for (i = 0; i < ncols && i < 3; i++) {
		if (c->rows == 0) {
			snprintf(c->first[i], sizeof c->first[i], "%s",
			         row[i].value ? row[i].value : "(unbound)");
			snprintf(c->names[i], sizeof c->names[i], "%s", names[i]);
		}
	}
	c->rows++;
	return 0;
}

static dkg_store *open_loaded(void)
{
	dkg_store *st = NULL;
	dkg_error err;
	write_graph();
	CU_ASSERT_FATAL(dkg_store_open(&st, NULL, 0, &err) == 0);
	CU_ASSERT_FATAL(dkg_store_load(st, path, &err) == 0);
	unlink(path);
	return st;
}

static void test_select_rows(void)
{
	dkg_store *st = open_loaded();
	dkg_error err;
	collect c;
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(dkg_store_size(st), 18);
	CU_ASSERT_EQUAL(
	    dkg_store_select(st,
	                     P "SELECT ?e ?q WHERE { ?e dip:quadClass ?q ; "
	                       "dip:sourceActor <https://w3id.org/dkg/id/a> } ORDER BY DESC(?q)",
	                     on_row, &c, &err),
	    0);
	CU_ASSERT_EQUAL(c.rows, 2);
	CU_ASSERT_STRING_EQUAL(c.names[0], "e");
	CU_ASSERT_STRING_EQUAL(c.first[0], "https://w3id.org/dkg/id/e3");
	CU_ASSERT_STRING_EQUAL(c.first[1], "4");
	/* a join on a bound subject: the sp2o index path */
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(dkg_store_select(st,
	                                 P "SELECT ?l WHERE { ?e dip:cameoCode \"036\" ; "
	                                   "dip:sourceActor ?s . ?s "
	                                   "<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
	                                 on_row, &c, &err),
	                0);
	CU_ASSERT_EQUAL(c.rows, 1);
	CU_ASSERT_STRING_EQUAL(c.first[0], "United \"States\", the");
	dkg_store_free(st);
}

static void test_ask_and_limit(void)
{
	dkg_store *st = open_loaded();
	dkg_error err;
	collect c;
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(
	    dkg_store_select(st, P "ASK { ?e dip:cameoCode \"190\" }", on_row, &c, &err), 0);
	CU_ASSERT_STRING_EQUAL(c.first[0], "true");
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(
	    dkg_store_select(st, P "ASK { ?e dip:cameoCode \"999\" }", on_row, &c, &err), 0);
	CU_ASSERT_STRING_EQUAL(c.first[0], "false");
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(dkg_store_select(st,
	                                 P "SELECT ?c WHERE { ?e dip:cameoCode ?c } ORDER BY ?c "
	                                   "LIMIT 1 OFFSET 1",
	                                 on_row, &c, &err),
	                0);
	CU_ASSERT_EQUAL(c.rows, 1);
	CU_ASSERT_STRING_EQUAL(c.first[0], "138");
	dkg_store_free(st);
}

static void test_bad_sparql(void)
{
	dkg_store *st = open_loaded();
	dkg_error err;
	collect c;
	memset(&c, 0, sizeof c);
	CU_ASSERT_EQUAL(dkg_store_select(st, "SELECT ?x WHERE {\n ?x ?y \n}", on_row, &c, &err),
	                DKG_EPARSE);
	CU_ASSERT(err.message[0] != '\0');
	CU_ASSERT(err.line >= 1);
	CU_ASSERT_STRING_EQUAL(err.file, "query");
	CU_ASSERT_EQUAL(c.rows, 0);
	dkg_store_free(st);
}

static void test_missing_and_bad_data(void)
{
	dkg_store *st = NULL;
	dkg_error err;
	FILE *fp;
	CU_ASSERT_FATAL(dkg_store_open(&st, NULL, 0, &err) == 0);
	CU_ASSERT_EQUAL(dkg_store_load(st, "/nonexistent/x.ttl", &err), DKG_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(err.file, "/nonexistent/x.ttl");
	CU_ASSERT_EQUAL(dkg_store_load(st, "/tmp/x.unknown", &err), DKG_EUNSUPPORTED);
	temp_path(".ttl");
	fp = fopen(path, "w");
	CU_ASSERT_FATAL(fp != NULL);
	fputs("<a> <b> <c> .\n<a> <b> \"unterminated .\n", fp);
	fclose(fp);
	CU_ASSERT_EQUAL(dkg_store_load(st, path, &err), DKG_EPARSE);
	CU_ASSERT_STRING_EQUAL(err.file, path);
	CU_ASSERT(err.line == 2);
	unlink(path);
	dkg_store_free(st);
}

/* Runs a query through dkg_query_files into a memory buffer. */
static char *query_to_string(const char *sparql, dkg_results_format fmt)
{
	dkg_query_options opts = DKG_QUERY_OPTIONS_INIT;
	const char *files[1];
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	dkg_error err;
	int rc;
	write_graph();
	files[0] = path;
	opts.format = fmt;
	rc = dkg_query_files(files, 1, sparql, &opts, out, &err);
	fclose(out);
	unlink(path);
	CU_ASSERT_EQUAL(rc, 0);
	return buf;
}

static void test_json_parses(void)
{
	char *s = query_to_string(P "SELECT ?e ?l ?missing WHERE { ?e dip:sourceActor ?a . ?a "
	                            "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?e",
	                          DKG_RESULTS_JSON);
	json_error_t jerr;
	json_t *doc = json_loads(s, 0, &jerr), *b, *l;
	CU_ASSERT_FATAL(doc != NULL);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_object_get(doc, "head"), "vars")), 3);
	b = json_object_get(json_object_get(doc, "results"), "bindings");
	CU_ASSERT_EQUAL(json_array_size(b), 3);
	l = json_object_get(json_array_get(b, 1), "l");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(l, "value")),
	                       "United \"States\", the");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(l, "xml:lang")), "en");
	CU_ASSERT_STRING_EQUAL(
	    json_string_value(json_object_get(json_object_get(json_array_get(b, 0), "e"), "type")),
	    "uri");
	CU_ASSERT_PTR_NULL(json_object_get(json_array_get(b, 0), "missing"));
	json_decref(doc);
	free(s);
	s = query_to_string("ASK { ?s ?p ?o }", DKG_RESULTS_JSON);
	doc = json_loads(s, 0, &jerr);
	CU_ASSERT_FATAL(doc != NULL);
	CU_ASSERT(json_is_true(json_object_get(doc, "boolean")));
	json_decref(doc);
	free(s);
}

static void test_csv_tsv_quoting(void)
{
	char *s =
	    query_to_string(P "SELECT ?l ?q WHERE { ?e dip:quadClass ?q ; dip:sourceActor ?a . ?a "
	                      "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?q",
	                    DKG_RESULTS_CSV);
	CU_ASSERT_STRING_EQUAL(s, "l,q\r\n\"United \"\"States\"\", the\",1\r\nRussia,3\r\n"
	                          "Russia,4\r\n");
	free(s);
	s = query_to_string(P
	                    "SELECT ?l ?q WHERE { ?e dip:quadClass ?q ; dip:sourceActor ?a . ?a "
	                    "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?q LIMIT 1",
	                    DKG_RESULTS_TSV);
	CU_ASSERT_STRING_EQUAL(s, "?l\t?q\n\"United \\\"States\\\", the\"@en\t"
	                          "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>\n");
	free(s);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {{"select rows", test_select_rows},
	                              {"ask, order, limit", test_ask_and_limit},
	                              {"bad sparql", test_bad_sparql},
	                              {"missing and bad data", test_missing_and_bad_data},
	                              {"json parses", test_json_parses},
	                              {"csv and tsv quoting", test_csv_tsv_quoting},
	                              CU_TEST_INFO_NULL};
	return dkg_test_add_suite("query", tests);
}
