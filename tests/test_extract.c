/*
 * test_extract.c - the extraction patterns through the public API: a small
 * lexicon written here, short sentences written here, and the fields of the
 * events dkg_extract() finds in them.
 */
#include <stdio.h>
#include <string.h>

#include "dkg/dkg.h"
#include "testutil.h"

/* an actor in an office is a specialization of the person holding it */
#define PERSON_ID(a) ((a)->person ? (a)->person->id : (a)->id)

static const char lexicon[] =
    "country\tRussia\tcode=RUS\tid=rus\tlabel=Russia\n"
    "country\tPoland\tcode=POL\tid=pol\tlabel=Poland\n"
    "country\tFrance\tcode=FRA\tid=fra\tlabel=France\n"
    "country\tUnited States\tcode=USA\tid=usa\tlabel=United States\n"
    "adjective\tRussian\tcode=RUS\n"
    "adjective\tPolish\tcode=POL\n"
    "adjective\tFrench\tcode=FRA\n"
    "place\tKaliningrad\tid=kaliningrad-rus\tlabel=Kaliningrad\tcountry=RUS\n"
    "place\tNice\tid=nice-fra\tlabel=Nice\tcountry=FRA\n"
    "place\tGdansk\tid=gdansk-pol\tlabel=Gdansk\tcountry=POL\n"
    "person\tDmitry Medvedev|Medvedev\tid=dmitry-medvedev\tlabel=Dmitry Medvedev\tcountry=RUS"
    "\tcode=RUSGOV\trole=president\tfrom=2008-05-07\tto=2012-05-07\n"
    "person\tNicolas Sarkozy|Sarkozy\tid=nicolas-sarkozy\tlabel=Nicolas Sarkozy\tcountry=FRA"
    "\tcode=FRAGOV\trole=president\tfrom=2007-05-16\tto=2012-05-15\n"
    "sector\tofficials\tsector=GOV\n"
    "title\tpresident\tsector=GOV\trole=president\n"
    "verb\tthreaten|threatens|threatened\tcameo=130\tlemma=threaten\ttarget=obj\tcomp=to\n"
    "verb\tdeploy|deploys|deployed\tcameo=150\tlemma=deploy\ttarget=obj\n"
    "verb\tgreet|greets|greeted\tcameo=043\tlemma=greet\ttarget=obj\n"
    "verb\tmeet|meets|met\tcameo=040\tlemma=meet\ttarget=obj,with\n"
    "verb\tcriticize|criticizes|criticized\tcameo=111\tlemma=criticize\ttarget=obj\n"
    "verb\tsay|says|said\tcameo=010\tlemma=say\ttarget=to\tcomp=that\n"
    "verb\tlift|lifts|lifted\tcameo=081\tlemma=lift\ttarget=on,against\n"
    "verb\tback away from|backed away from\tcameo=080\tlemma=back away from\ttarget=obj\n"
    "noun\tthreat\tcameo=130\tlemma=threat\ttarget=to,against\n";

typedef struct run {
	dkg_lexicon *lex;
	dkg_extractor *ex;
	dkg_document *doc;
	dkg_result *res;
} run;

/* Extracts the events of `text` dated `date`; free with run_free(). */
static run extract(const char *text, const char *date)
{
	run r;
	dkg_error err;
	memset(&r, 0, sizeof r);
	memset(&err, 0, sizeof err);
	CU_ASSERT_EQUAL_FATAL(dkg_lexicon_new(&r.lex), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(
	    dkg_lexicon_load_buffer(r.lex, "test", lexicon, sizeof lexicon - 1, &err), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(dkg_extractor_new(&r.ex, r.lex, NULL), DKG_OK);
	r.doc = dkg_document_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(r.doc);
	CU_ASSERT_EQUAL_FATAL(dkg_document_set(&r.doc->id, "test", (size_t)-1), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(dkg_document_set(&r.doc->text, text, (size_t)-1), DKG_OK);
	r.doc->text_len = strlen(text);
	if (date)
		CU_ASSERT_EQUAL_FATAL(dkg_document_set(&r.doc->date, date, (size_t)-1), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(dkg_extract(&r.res, r.ex, r.doc), DKG_OK);
	return r;
}

static void run_free(run *r)
{
	dkg_result_free(r->res);
	dkg_extractor_free(r->ex);
	dkg_document_free(r->doc);
	dkg_lexicon_free(r->lex);
}

/* The first event of PLOVER type `plover`, or NULL (and a printed list of what was found). */
static const dkg_event *find(const run *r, const char *plover)
{
	size_t i, n = dkg_result_count(r->res);
	for (i = 0; i < n; i++) {
		const dkg_event *e = dkg_result_event(r->res, i);
		if (!strcmp(e->plover, plover))
			return e;
	}
	fprintf(stderr, "\n  no %s event in \"%s\"; found:", plover, r->doc->text);
	for (i = 0; i < n; i++) {
		const dkg_event *e = dkg_result_event(r->res, i);
		fprintf(stderr, " %s/%s(%s)", e->plover, e->cameo,
		        e->nsources ? e->sources[0]->code : "-");
	}
	fprintf(stderr, "\n");
	return NULL;
}

static int has_actor(const dkg_actor *const *a, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (a[i]->code && !strcmp(a[i]->code, code))
			return 1;
	return 0;
}

#define SRC(e, code) has_actor((e)->sources, (e)->nsources, code)
#define TGT(e, code) has_actor((e)->targets, (e)->ntargets, code)

static void test_threat(void)
{
	run r = extract("Russia threatened to deploy missiles in Kaliningrad.", "2008-11-14");
	const dkg_event *e = find(&r, "THREATEN");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUS"));
	CU_ASSERT_EQUAL(e->nsources, 1);
	CU_ASSERT_EQUAL(strncmp(e->cameo, "13", 2), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e->object_text);
	CU_ASSERT_PTR_NOT_NULL(strstr(e->object_text, "deploy missiles"));
	CU_ASSERT_PTR_NULL(strstr(e->object_text, "Kaliningrad"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e->place);
	CU_ASSERT_STRING_EQUAL(e->place->label, "Kaliningrad");
	CU_ASSERT_STRING_EQUAL(e->place->country, "RUS");
	CU_ASSERT_STRING_EQUAL(e->action_text, "threatened");
	CU_ASSERT_EQUAL(e->polarity, DKG_POLARITY_AFFIRMATIVE);
	CU_ASSERT(e->goldstein < 0);
	CU_ASSERT_EQUAL(e->quad_class, 3);
	CU_ASSERT(e->confidence > 0 && e->confidence <= 1);
	/* the threatened deployment is the threat's object, not an event of its own */
	CU_ASSERT_EQUAL(dkg_result_count(r.res), 1);
	/* offsets index the text */
	CU_ASSERT_EQUAL(e->sentence_start, 0);
	CU_ASSERT_EQUAL(e->trigger_start, 7);
	CU_ASSERT_EQUAL(e->trigger_end, 17);
	run_free(&r);
}

static void test_dyad_and_person_by_date(void)
{
	run r = extract("Medvedev criticized Poland on Friday.", "2008-11-14");
	const dkg_event *e = find(&r, "ACCUSE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUSGOV"));
	CU_ASSERT_EQUAL(e->sources[0]->kind, DKG_ACTOR_PERSON);
	CU_ASSERT(TGT(e, "POL"));
	CU_ASSERT_STRING_EQUAL(e->cameo, "111");
	CU_ASSERT_STRING_EQUAL(e->date, "2008-11-14");
	CU_ASSERT_EQUAL(e->grain, DKG_GRAIN_DAY);
	run_free(&r);
	/* in 2005 he held none of the listed offices: not the government */
	r = extract("Medvedev criticized Poland on Friday.", "2005-03-04");
	e = find(&r, "ACCUSE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(!SRC(e, "RUSGOV"));
	CU_ASSERT_STRING_EQUAL(e->sources[0]->country, "RUS");
	run_free(&r);
}

static void test_passive(void)
{
	run r = extract("Sarkozy was greeted by Medvedev in Nice.", "2008-11-14");
	const dkg_event *e = find(&r, "CONSULT");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUSGOV"));
	CU_ASSERT(TGT(e, "FRAGOV"));
	CU_ASSERT(!SRC(e, "FRAGOV"));
	CU_ASSERT_PTR_NOT_NULL(e->place);
	if (e->place)
		CU_ASSERT_STRING_EQUAL(e->place->label, "Nice");
	run_free(&r);
}

static void test_negation(void)
{
	run r = extract("Russia did not criticize Poland.", "2008-11-14");
	const dkg_event *e = find(&r, "ACCUSE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->polarity, DKG_POLARITY_NEGATED);
	CU_ASSERT(SRC(e, "RUS"));
	run_free(&r);
	r = extract("Russia criticized Poland.", "2008-11-14");
	e = find(&r, "ACCUSE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->polarity, DKG_POLARITY_AFFIRMATIVE);
	run_free(&r);
}

static void test_future(void)
{
	/* "will meet" is a stated intention: CAMEO 03x, intended */
	run r = extract("Russia will meet Poland next week.", "2008-11-14");
	size_t n = dkg_result_count(r.res);
	const dkg_event *e = n ? dkg_result_event(r.res, 0) : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(strncmp(e->cameo, "03", 2), 0);
	CU_ASSERT_STRING_EQUAL(e->plover, "AGREE");
	CU_ASSERT_EQUAL(e->modality, DKG_MODALITY_INTENDED);
	CU_ASSERT(SRC(e, "RUS"));
	CU_ASSERT(TGT(e, "POL"));
	/* next week: 17 to 23 November */
	CU_ASSERT_STRING_EQUAL(e->date, "2008-11-17");
	CU_ASSERT_STRING_EQUAL(e->date_end, "2008-11-23");
	CU_ASSERT_EQUAL(e->grain, DKG_GRAIN_WEEK);
	run_free(&r);
}

static void test_conditional(void)
{
	/* a promise held to a condition: the lifting is conditional (CAMEO 035 or 081) */
	run r = extract("Russia will lift sanctions on Poland only if Poland meets France.",
	                "2008-11-14");
	const dkg_event *e = dkg_result_count(r.res) ? dkg_result_event(r.res, 0) : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUS"));
	CU_ASSERT(!strcmp(e->cameo, "035") || !strcmp(e->cameo, "081"));
	CU_ASSERT_EQUAL(e->modality, DKG_MODALITY_CONDITIONAL);
	run_free(&r);
	r = extract("Russia lifted sanctions on Poland unless France objected.", "2008-11-14");
	e = dkg_result_count(r.res) ? dkg_result_event(r.res, 0) : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->modality, DKG_MODALITY_CONDITIONAL);
	run_free(&r);
}

static void test_attribution(void)
{
	run r = extract("French officials said Russia threatened Poland.", "2008-11-14");
	const dkg_event *e = find(&r, "THREATEN");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUS"));
	CU_ASSERT(TGT(e, "POL"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e->attributed_to);
	CU_ASSERT_STRING_EQUAL(e->attributed_to->code, "FRAGOV");
	/* "said" is a statement (CAMEO 01, no PLOVER type): not an event */
	CU_ASSERT_EQUAL(dkg_result_count(r.res), 1);
	run_free(&r);
	r = extract("Russia threatened Poland, Medvedev said.", "2008-11-14");
	e = find(&r, "THREATEN");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_PTR_NOT_NULL(e->attributed_to);
	if (e->attributed_to)
		CU_ASSERT_STRING_EQUAL(PERSON_ID(e->attributed_to), "dmitry-medvedev");
	run_free(&r);
}

static void test_retraction(void)
{
	run r = extract("Medvedev threatened to deploy missiles in Kaliningrad last week.\n"
	                "On Friday, Medvedev backed away from his threat.",
	                "2008-11-14");
	size_t i, n = dkg_result_count(r.res);
	const dkg_event *threat = NULL, *retreat = NULL;
	int ti = -1;
	for (i = 0; i < n; i++) {
		const dkg_event *e = dkg_result_event(r.res, i);
		if (!strcmp(e->plover, "THREATEN") && !threat) {
			threat = e;
			ti = (int)i;
		}
		if (!strcmp(e->cameo, "080") || !strncmp(e->cameo, "08", 2))
			retreat = e;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(threat);
	CU_ASSERT_PTR_NOT_NULL_FATAL(retreat);
	CU_ASSERT(SRC(retreat, "RUSGOV"));
	CU_ASSERT_EQUAL(retreat->retracts, ti);
	CU_ASSERT_EQUAL(threat->retracts, -1);
	CU_ASSERT_STRING_EQUAL(retreat->date, "2008-11-14");
	/* the threat itself was made last week: Monday to Sunday before the 14th */
	CU_ASSERT_STRING_EQUAL(threat->date, "2008-11-03");
	CU_ASSERT_STRING_EQUAL(threat->date_end, "2008-11-09");
	CU_ASSERT_EQUAL(threat->grain, DKG_GRAIN_WEEK);
	run_free(&r);
}

static void test_coreference(void)
{
	run r = extract("Medvedev arrived in Nice on Friday. He criticized Poland.\n"
	                "The Russian president also met Sarkozy.",
	                "2008-11-14");
	const dkg_event *e = find(&r, "ACCUSE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(SRC(e, "RUSGOV"));
	CU_ASSERT_STRING_EQUAL(PERSON_ID(e->sources[0]), "dmitry-medvedev");
	e = find(&r, "CONSULT");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(PERSON_ID(e->sources[0]), "dmitry-medvedev");
	CU_ASSERT(TGT(e, "FRAGOV"));
	run_free(&r);
}

static void test_no_events(void)
{
	run r = extract("The weather in Nice was mild, and the markets were calm.", "2008-11-14");
	CU_ASSERT_EQUAL(dkg_result_count(r.res), 0);
	CU_ASSERT_EQUAL(dkg_result_sentences(r.res), 1);
	run_free(&r);
	/* no date anywhere: the event has none */
	r = extract("Russia criticized Poland.", NULL);
	CU_ASSERT_EQUAL_FATAL(dkg_result_count(r.res), 1);
	CU_ASSERT_STRING_EQUAL(dkg_result_event(r.res, 0)->date, "");
	CU_ASSERT_EQUAL(dkg_result_event(r.res, 0)->grain, DKG_GRAIN_NONE);
	run_free(&r);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {{"threat with object and place", test_threat},
	                              {"dyad and person by date", test_dyad_and_person_by_date},
	                              {"passive", test_passive},
	                              {"negation", test_negation},
	                              {"future", test_future},
	                              {"conditional", test_conditional},
	                              {"attribution", test_attribution},
	                              {"retraction", test_retraction},
	                              {"coreference", test_coreference},
	                              {"no events", test_no_events},
	                              CU_TEST_INFO_NULL};
	return dkg_test_add_suite("extract", tests);
}
