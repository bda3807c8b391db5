/*
 * test_dates.c - civil calendar arithmetic and relative date expressions
 * resolved against a known anchor: Friday 14 November 2008.
 */
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "dkg/common.h"
#include "testutil.h"

#define ANCHOR "2008-11-14" /* a Friday */

typedef struct got {
	size_t n;
	char start[11], end[11];
	dkg_date_grain grain;
	char words[128]; /* the tokens of the first expression */
} got;

/* Finds the dates of `s` against `anchor` ("" for none) and keeps the first. */
static got dates(const char *s, const char *anchor, int future)
{
	got g;
	dkg_tokens t = {0};
	dkg_date_expr x[8];
	long a = anchor[0] ? dkg_parse_iso_date(anchor) : -1;
	memset(&g, 0, sizeof g);
	if (dkg_tokenize(&t, s, 0, strlen(s), 4096) != DKG_OK) {
		dkg_tokens_free(&t);
		return g;
	}
	g.n = dkg_find_dates(&t, 0, t.n, a, future, x, 8);
	if (g.n) {
		dkg_format_date(x[0].start, g.start);
		dkg_format_date(x[0].end, g.end);
		g.grain = x[0].grain;
		if (x[0].tok_end > x[0].tok_start)
			snprintf(g.words, sizeof g.words, "%.*s",
			         (int)(t.tok[x[0].tok_end - 1].end - t.tok[x[0].tok_start].start),
			         s + t.tok[x[0].tok_start].start);
	}
	dkg_tokens_free(&t);
	return g;
}

#define ASSERT_DATE(text, future, want_start, want_end, want_grain)                                \
	do {                                                                                       \
		got g_ = dates(text, ANCHOR, future);                                              \
		CU_ASSERT_EQUAL(g_.n, 1);                                                          \
		CU_ASSERT_STRING_EQUAL(g_.start, want_start);                                      \
		CU_ASSERT_STRING_EQUAL(g_.end, want_end);                                          \
		CU_ASSERT_EQUAL(g_.grain, want_grain);                                             \
	} while (0)

static void test_civil(void)
{
	int y, m, d;
	char buf[11];
	CU_ASSERT_EQUAL(dkg_days_from_civil(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(dkg_days_from_civil(1970, 1, 2), 1);
	CU_ASSERT_EQUAL(dkg_days_from_civil(1969, 12, 31), -1);
	CU_ASSERT_EQUAL(dkg_days_from_civil(2000, 3, 1) - dkg_days_from_civil(2000, 2, 28), 2);
	CU_ASSERT_EQUAL(dkg_days_from_civil(1900, 3, 1) - dkg_days_from_civil(1900, 2, 28), 1);
	CU_ASSERT_EQUAL(dkg_days_from_civil(2008, 11, 14), 14197);
	/* every day from 1900 to 2100 survives the round trip, in order */
	{
		long from = dkg_days_from_civil(1900, 1, 1), to = dkg_days_from_civil(2100, 12, 31);
		int bad = 0, py = 1899, pm = 12, pd = 31;
		for (long z = from; z <= to; z++) {
			dkg_civil_from_days(z, &y, &m, &d);
			if (dkg_days_from_civil(y, m, d) != z)
				bad++;
			/* the next day after (py, pm, pd) */
			if (!(d == pd + 1 && m == pm && y == py) &&
			    !(d == 1 && m == pm + 1 && y == py) &&
			    !(d == 1 && m == 1 && pm == 12 && y == py + 1))
				bad++;
			py = y;
			pm = m;
			pd = d;
		}
		CU_ASSERT_EQUAL(bad, 0);
	}
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008-11-14"), 14197);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008-11-14T09:30:00Z"), 14197);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008-02-29"), dkg_days_from_civil(2008, 2, 29));
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2007-02-29"), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008-13-01"), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008-11-31"), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("2008/11/14"), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date("14-11-2008"), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date(""), -1);
	CU_ASSERT_EQUAL(dkg_parse_iso_date(NULL), -1);
	dkg_format_date(14197, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2008-11-14");
	dkg_format_date(dkg_days_from_civil(1999, 1, 5), buf);
	CU_ASSERT_STRING_EQUAL(buf, "1999-01-05");
}

static void test_weekdays(void)
{
	/* the anchor is a Friday: "on Friday" in a past-tense report is that day */
	ASSERT_DATE("The talks ended on Friday.", 0, "2008-11-14", "2008-11-14", DKG_GRAIN_DAY);
	ASSERT_DATE("He spoke Monday in Paris.", 0, "2008-11-10", "2008-11-10", DKG_GRAIN_DAY);
	ASSERT_DATE("They met on Saturday.", 0, "2008-11-08", "2008-11-08", DKG_GRAIN_DAY);
	ASSERT_DATE("They met on Thursday.", 0, "2008-11-13", "2008-11-13", DKG_GRAIN_DAY);
	/* future readings go forward */
	ASSERT_DATE("He will travel Monday.", 1, "2008-11-17", "2008-11-17", DKG_GRAIN_DAY);
	ASSERT_DATE("They meet next Monday.", 0, "2008-11-17", "2008-11-17", DKG_GRAIN_DAY);
	ASSERT_DATE("They will meet on Saturday.", 1, "2008-11-15", "2008-11-15", DKG_GRAIN_DAY);
	/* "last Friday" said on a Friday is a week ago */
	ASSERT_DATE("They met last Friday.", 0, "2008-11-07", "2008-11-07", DKG_GRAIN_DAY);
	/* the expression spans "last Friday" */
	{
		got g = dates("They met last Friday.", ANCHOR, 0);
		CU_ASSERT_STRING_EQUAL(g.words, "last Friday");
	}
}

static void test_deictic(void)
{
	ASSERT_DATE("Officials said yesterday that", 0, "2008-11-13", "2008-11-13", DKG_GRAIN_DAY);
	ASSERT_DATE("He said today that", 0, "2008-11-14", "2008-11-14", DKG_GRAIN_DAY);
	ASSERT_DATE("They meet tomorrow.", 1, "2008-11-15", "2008-11-15", DKG_GRAIN_DAY);
	/* last week: Monday to Sunday of the week before the anchor's week */
	ASSERT_DATE("He threatened last week to act.", 0, "2008-11-03", "2008-11-09",
	            DKG_GRAIN_WEEK);
	ASSERT_DATE("They meet next week.", 1, "2008-11-17", "2008-11-23", DKG_GRAIN_WEEK);
	ASSERT_DATE("They met two days ago.", 0, "2008-11-12", "2008-11-12", DKG_GRAIN_DAY);
	ASSERT_DATE("They met three weeks ago.", 0, "2008-10-24", "2008-10-24", DKG_GRAIN_WEEK);
	/* earlier this month: within November 2008 and not after the anchor */
	{
		got g = dates("The army said earlier this month that", ANCHOR, 0);
		CU_ASSERT_EQUAL(g.n, 1);
		CU_ASSERT_STRING_EQUAL(g.start, "2008-11-01");
		CU_ASSERT_EQUAL(g.grain, DKG_GRAIN_MONTH);
		CU_ASSERT(strcmp(g.end, "2008-11-13") >= 0 && strcmp(g.end, "2008-11-30") <= 0);
		CU_ASSERT_STRING_EQUAL(g.words, "earlier this month");
	}
	ASSERT_DATE("The vote last month", 0, "2008-10-01", "2008-10-31", DKG_GRAIN_MONTH);
	ASSERT_DATE("The vote last year", 0, "2007-01-01", "2007-12-31", DKG_GRAIN_YEAR);
}

static void test_seasons(void)
{
	/* in November, next summer is 2009's */
	ASSERT_DATE("They will meet next summer.", 1, "2009-06-01", "2009-08-31", DKG_GRAIN_SEASON);
	ASSERT_DATE("They met last summer.", 0, "2008-06-01", "2008-08-31", DKG_GRAIN_SEASON);
	ASSERT_DATE("The vote next spring", 1, "2009-03-01", "2009-05-31", DKG_GRAIN_SEASON);
	/* winter spans the year's end */
	ASSERT_DATE("The vote next winter", 1, "2008-12-01", "2009-02-28", DKG_GRAIN_SEASON);
}

static void test_months(void)
{
	/* "in June or July": one range over both months */
	ASSERT_DATE("a summit in June or July", 0, "2008-06-01", "2008-07-31", DKG_GRAIN_MONTH);
	ASSERT_DATE("a summit in June or July", 1, "2009-06-01", "2009-07-31", DKG_GRAIN_MONTH);
	ASSERT_DATE("They met on November 5.", 0, "2008-11-05", "2008-11-05", DKG_GRAIN_DAY);
	ASSERT_DATE("They met on 5 November 2008.", 0, "2008-11-05", "2008-11-05", DKG_GRAIN_DAY);
	ASSERT_DATE("They met on Nov. 5 in Nice.", 0, "2008-11-05", "2008-11-05", DKG_GRAIN_DAY);
	ASSERT_DATE("They met on November 5, 2007.", 0, "2007-11-05", "2007-11-05", DKG_GRAIN_DAY);
	ASSERT_DATE("They met in March 2006.", 0, "2006-03-01", "2006-03-31", DKG_GRAIN_MONTH);
	ASSERT_DATE("They met in 2008.", 0, "2008-01-01", "2008-12-31", DKG_GRAIN_YEAR);
	ASSERT_DATE("They signed it on January 20.", 0, "2008-01-20", "2008-01-20", DKG_GRAIN_DAY);
	/* the expression covers the words it read */
	{
		got g = dates("They met on November 5, 2007.", ANCHOR, 0);
		CU_ASSERT_STRING_EQUAL(g.words, "November 5, 2007");
	}
}

static void test_not_dates(void)
{
	/* modal "may" and verb "march" are not months */
	CU_ASSERT_EQUAL(dates("Russia may respond.", ANCHOR, 0).n, 0);
	CU_ASSERT_EQUAL(dates("Protesters march to the square.", ANCHOR, 0).n, 0);
	CU_ASSERT_EQUAL(dates("They met in May.", ANCHOR, 0).n, 1);
	CU_ASSERT_EQUAL(dates("The 2008 budget of 1,000 dollars", ANCHOR, 0).n, 0);
	/* without an anchor only absolute dates resolve */
	CU_ASSERT_EQUAL(dates("They met on Friday.", "", 0).n, 0);
	CU_ASSERT_EQUAL(dates("They met yesterday.", "", 0).n, 0);
	{
		got g = dates("They met on November 5, 2007.", "", 0);
		CU_ASSERT_EQUAL(g.n, 1);
		CU_ASSERT_STRING_EQUAL(g.start, "2007-11-05");
	}
}

static void test_year_boundary(void)
{
	/* anchored on Friday 2 January 2009 */
	got g = dates("The vote last month", "2009-01-02", 0);
	CU_ASSERT_STRING_EQUAL(g.start, "2008-12-01");
	CU_ASSERT_STRING_EQUAL(g.end, "2008-12-31");
	g = dates("He spoke last week.", "2009-01-02", 0);
	CU_ASSERT_STRING_EQUAL(g.start, "2008-12-22");
	CU_ASSERT_STRING_EQUAL(g.end, "2008-12-28");
	g = dates("They met yesterday.", "2009-01-01", 0);
	CU_ASSERT_STRING_EQUAL(g.start, "2008-12-31");
	g = dates("They met on Monday.", "2009-01-02", 0);
	CU_ASSERT_STRING_EQUAL(g.start, "2008-12-29");
	g = dates("a meeting next month", "2008-12-20", 1);
	CU_ASSERT_STRING_EQUAL(g.start, "2009-01-01");
	CU_ASSERT_STRING_EQUAL(g.end, "2009-01-31");
	/* a month after the anchor's in a past report is last year's */
	g = dates("They met on December 25.", "2009-01-10", 0);
	CU_ASSERT_STRING_EQUAL(g.start, "2008-12-25");
	/* and a month before it in a future report is next year's */
	g = dates("They will meet on January 15.", "2008-12-10", 1);
	CU_ASSERT_STRING_EQUAL(g.start, "2009-01-15");
	/* leap years */
	g = dates("The vote last month", "2008-03-10", 0);
	CU_ASSERT_STRING_EQUAL(g.end, "2008-02-29");
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {{"civil", test_civil},
	                              {"weekdays", test_weekdays},
	                              {"deictic", test_deictic},
	                              {"seasons", test_seasons},
	                              {"months", test_months},
	                              {"not dates", test_not_dates},
	                              {"year boundary", test_year_boundary},
	                              CU_TEST_INFO_NULL};
	return dkg_test_add_suite("dates", tests);
}
