/*
 * test_alloc.c - allocation failure through the whole pipeline: a lexicon
 * from a small buffer, a text document through the ingest reader, the
 * extractor and the N-Triples writer into memory. The N-th allocation fails,
 * for N = 1, 2, ... until a run completes without reaching N: every failing
 * run must end in a clean negative code (or, when the failure was absorbed,
 * in exactly the output of a normal run), with no crash and nothing left
 * allocated. ASan/LSan check the same in the asan build.
 *
 * Only libdkg's own allocations go through dkg_set_allocator(): libxml2,
 * jansson, Raptor and utf8proc allocate with their own malloc and are outside
 * this test (a small lexicon keeps N in the low thousands).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/dkg.h"
#include "testutil.h"

static const char lexicon_tsv[] =
    "# a small lexicon for the allocation test\n"
    "country\tRussia|Russian Federation\tcode=RUS\tid=rus\tlabel=Russia\tqid=Q159\n"
    "country\tUnited States|U.S.|US\tcode=USA\tid=usa\tlabel=United States\n"
    "country\tSwitzerland\tcode=CHE\tid=che\tlabel=Switzerland\n"
    "adjective\tRussian|Russians\tcode=RUS\n"
    "capital\tMoscow\tcode=RUS\tplace=moscow-rus\n"
    "place\tMoscow\tid=moscow-rus\tlabel=Moscow\tcountry=RUS\tgeonames=524901\tlat=55.75\tlon=37."
    "61\n"
    "place\tKaliningrad\tid=kaliningrad-rus\tlabel=Kaliningrad\tcountry=RUS\tlat=54.7\tlon=20.5\n"
    "place\tGeneva\tid=geneva-che\tlabel=Geneva\tcountry=CHE\n"
    "place\tNice\tid=nice-fra\tlabel=Nice\tcountry=FRA\n"
    "person\tDmitry Medvedev|Medvedev\tid=dmitry-medvedev\tlabel=Dmitry Medvedev\tcountry=RUS\t"
    "code=RUSGOV\trole=president\tfrom=2008-05-07\tto=2012-05-07\n"
    "sector\tofficials|diplomats\tsector=GOV\n"
    "title\tpresident\tsector=GOV\trole=president\n"
    "verb\tthreaten|threatens|threatened|threatening\tcameo=138\tlemma=threaten\ttarget=obj\t"
    "comp=to\n"
    "verb\tdeploy|deploys|deployed\tcameo=150\tlemma=deploy\ttarget=none\n"
    "noun\ttalks\tcameo=040\tlemma=talks\ttarget=with\tlight=hold,held\n"
    "verb\tcondemn|condemns|condemned\tcameo=122\tlemma=condemn\n"
    "block\tNew Mexico\n";

static const char article[] =
    "Medvedev threatens missiles\n\n"
    "NICE, France \xe2\x80\x94 President Dmitry Medvedev threatened last week to deploy "
    "missiles in Kaliningrad, Russian officials said.\n\n"
    "The United States condemned the threat on Friday. Russian and U.S. diplomats held "
    "talks in Geneva on Monday.\n";

/* ---- a counting allocator that fails the N-th allocation --------------------- */

static long alloc_count; /* allocations (malloc, or realloc of NULL) and reallocs so far */
static long fail_at;     /* the call that fails (1-based); 0: none */
static int fail_rest;    /* fail every call from fail_at on, not only that one */
static int failed;       /* a failure was injected in this run */
static long outstanding; /* blocks handed out and not yet freed */

static int should_fail(void)
{
	alloc_count++;
	if (fail_at && (alloc_count == fail_at || (fail_rest && alloc_count > fail_at))) {
		failed = 1;
		return 1;
	}
	return 0;
}

static void *count_malloc(size_t n)
{
	void *p;
	if (should_fail())
		return NULL;
	p = malloc(n);
	if (p)
		outstanding++;
	return p;
}

static void *count_realloc(void *old, size_t n)
{
	void *p;
	if (should_fail())
		return NULL;
	p = realloc(old, n);
	if (p && !old)
		outstanding++;
	return p;
}

static void count_free(void *p)
{
	if (p)
		outstanding--;
	free(p);
}

/* ---- the pipeline ------------------------------------------------------------- */

typedef struct sink {
	char *data;
	size_t len, cap;
} sink;

/* The output buffer is the test's own memory (plain malloc, never failed). */
static int sink_write(const char *data, size_t len, void *payload)
{
	sink *s = payload;
	if (s->len + len + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		char *p;
		while (cap < s->len + len + 1)
			cap *= 2;
		p = realloc(s->data, cap);
		if (!p)
			return -1;
		s->data = p;
		s->cap = cap;
	}
	memcpy(s->data + s->len, data, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

typedef struct run {
	dkg_extractor *ex;
	dkg_writer *w;
	int rc;      /* first error met */
	size_t docs; /* documents written */
	size_t events;
} run;

static void first_error(run *r, int rc)
{
	if (rc < 0 && r->rc == 0)
		r->rc = rc;
}

static int on_doc(dkg_document *doc, void *payload)
{
	run *r = payload;
	dkg_result *res = NULL;
	int rc = dkg_extract(&res, r->ex, doc);
	if (rc == 0) {
		r->events += dkg_result_count(res);
		rc = dkg_writer_document(r->w, doc, res);
	}
	dkg_result_free(res);
	dkg_document_free(doc);
	if (rc < 0) {
		first_error(r, rc);
		return 1; /* stop */
	}
	r->docs++;
	return 0;
}

static void on_diag(const dkg_error *err, void *payload)
{
	run *r = payload;
	CU_ASSERT(err->message[0] != '\0');
	CU_ASSERT(strchr(err->message, '\n') == NULL);
	first_error(r, err->code);
}

/* Runs the whole pipeline once; returns its first error (or 0), the output in `out`. */
static int pipeline(sink *out, size_t *events)
{
	dkg_lexicon *lex = NULL;
	dkg_extract_options xo = DKG_EXTRACT_OPTIONS_INIT;
	dkg_writer_options wo = DKG_WRITER_OPTIONS_INIT;
	dkg_ingest_options io = DKG_INGEST_OPTIONS_INIT;
	dkg_error err;
	run r;
	int rc;
	memset(&r, 0, sizeof r);
	dkg_error_clear(&err);
	wo.format = DKG_RDF_NTRIPLES;
	io.format = DKG_INPUT_TEXT;
	io.default_date = "2008-11-14";
	if ((rc = dkg_lexicon_new(&lex)) < 0)
		goto done;
	rc = dkg_lexicon_load_buffer(lex, "small.tsv", lexicon_tsv, sizeof lexicon_tsv - 1, &err);
	if (rc < 0) {
		CU_ASSERT(err.code == rc);
		CU_ASSERT(err.message[0] != '\0');
		goto done;
	}
	if ((rc = dkg_extractor_new(&r.ex, lex, &xo)) < 0)
		goto done;
	if ((rc = dkg_writer_new(&r.w, &wo, sink_write, out)) < 0)
		goto done;
	rc =
	    dkg_ingest_buffer("article.txt", article, sizeof article - 1, &io, on_doc, on_diag, &r);
	if (rc == DKG_ESTOP || rc == 0)
		rc = r.rc;
	else
		first_error(&r, rc);
	if (rc == 0 && r.docs != 1)
		rc = DKG_EINVAL; /* the document vanished without an error */
	if (rc == 0)
		rc = dkg_writer_finish(r.w);
done:
	dkg_writer_free(r.w);
	dkg_extractor_free(r.ex);
	dkg_lexicon_free(lex);
	if (events)
		*events = r.events;
	return rc;
}

static void failing_runs(int rest)
{
	sink ref = {NULL, 0, 0};
	size_t ref_events = 0;
	long total, n, bad_code = 0, bad_output = 0, leaks = 0;
	int rc;

	/* the reference run, counted but never failed */
	fail_at = 0;
	alloc_count = outstanding = 0;
	dkg_set_allocator(count_malloc, count_realloc, count_free);
	rc = pipeline(&ref, &ref_events);
	dkg_set_allocator(NULL, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT(ref_events >= 2); /* the run exercises events, actors and places */
	CU_ASSERT(outstanding == 0);
	total = alloc_count;
	CU_ASSERT(total > 10);
	CU_ASSERT(total < 20000); /* keep the test fast: a small lexicon */

	for (n = 1;; n++) {
		sink out = {NULL, 0, 0};
		fail_at = n;
		fail_rest = rest;
		failed = 0;
		alloc_count = outstanding = 0;
		dkg_set_allocator(count_malloc, count_realloc, count_free);
		rc = pipeline(&out, NULL);
		dkg_set_allocator(NULL, NULL, NULL);
		if (outstanding != 0) {
			if (leaks++ < 5)
				fprintf(stderr, "\n  fail at %ld%s: %ld blocks left allocated", n,
				        rest ? "+" : "", outstanding);
		}
		if (!failed) {
			/* N passed the last allocation: a complete run, as the reference */
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT(out.len == ref.len && !memcmp(out.data, ref.data, ref.len));
			free(out.data);
			break;
		}
		if (rc < 0) {
			if (rc != DKG_ENOMEM && bad_code++ < 5)
				fprintf(stderr, "\n  fail at %ld%s: %s instead of out of memory", n,
				        rest ? "+" : "", dkg_strerror(rc));
		} else if (out.len != ref.len || memcmp(out.data, ref.data, ref.len)) {
			/* an absorbed failure must not change the output silently */
			if (bad_output++ < 5)
				fprintf(stderr, "\n  fail at %ld%s: success with different output",
				        n, rest ? "+" : "");
		}
		free(out.data);
		if (n > total + 10) {
			CU_FAIL("the runs do not end: more allocations than the reference run");
			break;
		}
	}
	CU_ASSERT_EQUAL(leaks, 0);
	CU_ASSERT_EQUAL(bad_code, 0);
	CU_ASSERT_EQUAL(bad_output, 0);
	CU_ASSERT(n >= total); /* every allocation of the reference run was failed once */
	if (getenv("DKG_TEST_VERBOSE"))
		fprintf(stderr, "\n  %ld allocations in a run, %ld failing runs%s\n", total, n - 1,
		        rest ? " (the N-th and later fail)" : "");
	free(ref.data);
}

/* Only the N-th allocation fails: later ones succeed, so error paths run on. */
static void test_fail_one(void)
{
	failing_runs(0);
}

/* The N-th and every later allocation fail: memory is gone for good. */
static void test_fail_rest(void)
{
	failing_runs(1);
}

/* The counting allocator itself: every block the library takes it gives back. */
static void test_counts_balance(void)
{
	dkg_lexicon *lex = NULL;
	dkg_error err;
	fail_at = 0;
	alloc_count = outstanding = 0;
	dkg_set_allocator(count_malloc, count_realloc, count_free);
	CU_ASSERT(dkg_lexicon_new(&lex) == 0);
	CU_ASSERT(dkg_lexicon_load_buffer(lex, "small.tsv", lexicon_tsv, sizeof lexicon_tsv - 1,
	                                  &err) == 0);
	CU_ASSERT(outstanding > 0);
	dkg_lexicon_free(lex);
	dkg_set_allocator(NULL, NULL, NULL);
	CU_ASSERT(alloc_count > 0);
	CU_ASSERT_EQUAL(outstanding, 0);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {
	    {"counting allocator balances", test_counts_balance},
	    {"the N-th allocation fails", test_fail_one},
	    {"the N-th and later allocations fail", test_fail_rest},
	    CU_TEST_INFO_NULL,
	};
	return dkg_test_add_suite("alloc", tests);
}
