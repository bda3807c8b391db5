/*
 * dates.c - civil calendar arithmetic (days since the epoch, after Howard
 * Hinnant's algorithms) and relative date expressions in English news.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

long dkg_days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void dkg_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

long dkg_parse_iso_date(const char *s)
{
	int y, m, d, i;
	if (!s || strlen(s) < 10)
		return DKG_NO_DATE;
	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return DKG_NO_DATE;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DKG_NO_DATE;
	return dkg_days_from_civil(y, m, d);
}

void dkg_format_date(long days, char out[11])
{
	int y, m, d;
	dkg_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	/* "%04d-%02d-%02d" by hand: this runs twice for every event */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* 0 = Monday .. 6 = Sunday */
static int weekday(long days)
{
	long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
	return (int)(w < 0 ? w + 7 : w);
}

static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const months[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};

/* String equality with the first letter tested inline: most words a date
 * expression is tested against fail there, without a call. */
static inline int eq(const char *a, const char *b)
{
	return a[0] == b[0] && !strcmp(a, b);
}

static int word_index(const char *w, const char *const *list, int n)
{
	for (int i = 0; i < n; i++)
		if (eq(w, list[i]))
			return i;
	return -1;
}

static int month_of(const char *w, int capitalised)
{
	int i = word_index(w, months, 12);
	if (i >= 0) {
		/* "may" and "march" are verbs unless capitalised */
		if ((i == 4 || i == 2) && !capitalised)
			return -1;
		return i + 1;
	}
	i = word_index(w, month_abbr, 12);
	if (i >= 0 && i != 4 && capitalised)
		return i + 1;
	if (eq(w, "sept") && capitalised)
		return 9;
	return -1;
}

static int number_word(const char *w)
{
	static const char *const nums[] = {"zero", "one",   "two",   "three", "four", "five",
	                                   "six",  "seven", "eight", "nine",  "ten"};
	int i = word_index(w, nums, 11);
	if (i >= 0)
		return i;
	if (eq(w, "a") || eq(w, "an"))
		return 1;
	if (eq(w, "several") || eq(w, "few"))
		return 3;
	if (w[0] >= '0' && w[0] <= '9' && strlen(w) <= 3)
		return atoi(w);
	return -1;
}

/*
 * The words a date expression can start with, by token hash: most tokens of a
 * sentence are none of them, and one probe says so instead of some fifty
 * string compares. Tokens starting with a digit (days, years) are let through.
 */
#define DATE_SLOTS 256
static uint64_t date_words[DATE_SLOTS];
static pthread_once_t date_once = PTHREAD_ONCE_INIT;

static void date_add(const char *w)
{
	uint64_t h = dkg_token_hash(w, strlen(w));
	size_t k = h & (DATE_SLOTS - 1);
	while (date_words[k] && date_words[k] != h)
		k = (k + 1) & (DATE_SLOTS - 1);
	date_words[k] = h;
}

static void date_build(void)
{
	static const char *const other[] = {
	    "sept",  "today",   "tonight", "yesterday", "tomorrow", "last",  "this",
	    "next",  "earlier", "later",   "past",      "zero",     "one",   "two",
	    "three", "four",    "five",    "six",       "seven",    "eight", "nine",
	    "ten",   "a",       "an",      "several",   "few"};
	for (size_t i = 0; i < 12; i++) {
		date_add(months[i]);
		date_add(month_abbr[i]);
	}
	for (size_t i = 0; i < 7; i++)
		date_add(weekdays[i]);
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		date_add(other[i]);
}

static int may_start_date(const dkg_token *tok, const char *w)
{
	size_t k = tok->hash & (DATE_SLOTS - 1);
	if (w[0] >= '0' && w[0] <= '9')
		return 1;
	while (date_words[k]) {
		if (date_words[k] == tok->hash)
			return 1;
		k = (k + 1) & (DATE_SLOTS - 1);
	}
	return 0;
}

static void set_range(dkg_date_expr *x, long s, long e, dkg_date_grain g)
{
	x->start = s;
	x->end = e;
	x->grain = g;
}

static void month_range(dkg_date_expr *x, int y, int m)
{
	set_range(x, dkg_days_from_civil(y, m, 1), dkg_days_from_civil(y, m, days_in_month(y, m)),
	          DKG_GRAIN_MONTH);
}

static void season_range(dkg_date_expr *x, int y, int season)
{
	/* 0 spring (Mar-May), 1 summer (Jun-Aug), 2 autumn (Sep-Nov), 3 winter (Dec-Feb) */
	int m = 3 + season * 3;
	long s = dkg_days_from_civil(y, m, 1);
	int ey = m + 2 > 12 ? y + 1 : y, em = m + 2 > 12 ? m + 2 - 12 : m + 2;
	set_range(x, s, dkg_days_from_civil(ey, em, days_in_month(ey, em)), DKG_GRAIN_SEASON);
}

static int season_of(const char *w)
{
	if (eq(w, "spring"))
		return 0;
	if (eq(w, "summer"))
		return 1;
	if (eq(w, "autumn") || eq(w, "fall"))
		return 2;
	if (eq(w, "winter"))
		return 3;
	return -1;
}

static int year_of(const char *w)
{
	if (strlen(w) == 4 && w[0] >= '1' && w[0] <= '2' && strspn(w, "0123456789") == 4) {
		int y = atoi(w);
		if (y >= 1900 && y <= 2100)
			return y;
	}
	return -1;
}

size_t dkg_find_dates(const dkg_tokens *t, size_t s, size_t e, long anchor, int future,
                      dkg_date_expr *out, size_t max)
{
	size_t i, n = 0;
	int ay = 0, am = 0, ad = 0;
	if (anchor != DKG_NO_DATE)
		dkg_civil_from_days(anchor, &ay, &am, &ad);
	pthread_once(&date_once, date_build);
	for (i = s; i < e && n < max; i++) {
		const char *w = dkg_tok_norm(t, i);
		const char *next = i + 1 < e ? dkg_tok_norm(t, i + 1) : "";
		const char *prev = i > s ? dkg_tok_norm(t, i - 1) : "";
		int cap = (t->tok[i].flags & DKG_TF_CAP) != 0;
		dkg_date_expr *x = &out[n];
		int k, mo;
		x->tok_start = i;
		x->tok_end = i + 1;
		x->grain = DKG_GRAIN_NONE;
		if (t->tok[i].type == DKG_TOK_PUNCT || !may_start_date(&t->tok[i], w))
			continue;
		/* absolute: "November 5, 2008", "Nov. 5", "5 November 2008", "June 2008", "in June"
		 */
		if ((mo = month_of(w, cap)) > 0) {
			int d = 0, y = -1;
			size_t j = i + 1;
			if (j < e && t->tok[j].type == DKG_TOK_NUM &&
			    strlen(dkg_tok_norm(t, j)) <= 2) {
				d = atoi(dkg_tok_norm(t, j));
				j++;
				if (j + 1 < e && dkg_tok_norm(t, j)[0] == ',' &&
				    year_of(dkg_tok_norm(t, j + 1)) > 0) {
					y = year_of(dkg_tok_norm(t, j + 1));
					j += 2;
				}
			} else if (j < e && year_of(dkg_tok_norm(t, j)) > 0) {
				y = year_of(dkg_tok_norm(t, j));
				j++;
			}
			if (i > s && t->tok[i - 1].type == DKG_TOK_NUM && strlen(prev) <= 2 && !d) {
				d = atoi(prev);
				x->tok_start = i - 1;
			}
			if (y < 0) {
				if (anchor == DKG_NO_DATE)
					continue;
				y = ay;
				/* a month far ahead of a past-tense report is last year's */
				if (!future && mo > am + 1)
					y--;
				else if (future && mo < am - 1)
					y++;
			}
			x->tok_end = j;
			if (d >= 1 && d <= days_in_month(y, mo)) {
				long day = dkg_days_from_civil(y, mo, d);
				set_range(x, day, day, DKG_GRAIN_DAY);
			} else {
				month_range(x, y, mo);
				/* "in June or July": one range over both months */
				if (j + 1 < e && eq(dkg_tok_norm(t, j), "or")) {
					int m2 = month_of(dkg_tok_norm(t, j + 1),
					                  t->tok[j + 1].flags & DKG_TF_CAP);
					if (m2 > mo) {
						x->end = dkg_days_from_civil(y, m2,
						                             days_in_month(y, m2));
						x->tok_end = j + 2;
					}
				}
			}
			n++;
			i = x->tok_end - 1;
			continue;
		}
		if (anchor == DKG_NO_DATE)
			continue;
		if ((k = word_index(w, weekdays, 7)) >= 0 && cap) {
			long day;
			int delta;
			int fwd = future || eq(prev, "next") || eq(prev, "coming");
			if (eq(prev, "last") || eq(prev, "next") || eq(prev, "this"))
				x->tok_start = i - 1;
			delta = k - weekday(anchor);
			if (fwd)
				day = anchor + (delta > 0 ? delta : delta + 7);
			else
				day = anchor + (delta <= 0 ? delta : delta - 7);
			if (eq(prev, "last") && day == anchor)
				day -= 7;
			set_range(x, day, day, DKG_GRAIN_DAY);
			n++;
			continue;
		}
		if (eq(w, "today") || eq(w, "tonight")) {
			set_range(x, anchor, anchor, DKG_GRAIN_DAY);
			n++;
			continue;
		}
		if (eq(w, "yesterday")) {
			set_range(x, anchor - 1, anchor - 1, DKG_GRAIN_DAY);
			n++;
			continue;
		}
		if (eq(w, "tomorrow")) {
			set_range(x, anchor + 1, anchor + 1, DKG_GRAIN_DAY);
			n++;
			continue;
		}
		if (eq(w, "last") || eq(w, "this") || eq(w, "next") || eq(w, "earlier") ||
		    eq(w, "later") || eq(w, "past")) {
			int dir = (eq(w, "last") || eq(w, "past")) ? -1 : (eq(w, "next") ? 1 : 0);
			size_t j = i + 1;
			const char *unit;
			int sea;
			/* "earlier this month", "later this year" */
			if ((eq(w, "earlier") || eq(w, "later")) && j < e && eq(next, "this"))
				j++;
			else if (eq(w, "earlier") || eq(w, "later"))
				continue;
			if (j >= e)
				continue;
			unit = dkg_tok_norm(t, j);
			x->tok_end = j + 1;
			if (eq(unit, "week") || eq(unit, "weekend")) {
				long monday = anchor - weekday(anchor) + dir * 7;
				if (eq(unit, "weekend"))
					set_range(x, monday + 5, monday + 6, DKG_GRAIN_WEEK);
				else
					set_range(x, monday, monday + 6, DKG_GRAIN_WEEK);
			} else if (eq(unit, "month")) {
				int y = ay, m = am + dir;
				if (m < 1) {
					m = 12;
					y--;
				} else if (m > 12) {
					m = 1;
					y++;
				}
				month_range(x, y, m);
			} else if (eq(unit, "year")) {
				int y = ay + dir;
				set_range(x, dkg_days_from_civil(y, 1, 1),
				          dkg_days_from_civil(y, 12, 31), DKG_GRAIN_YEAR);
			} else if ((sea = season_of(unit)) >= 0) {
				int cur = am >= 3 && am <= 5    ? 0
				          : am >= 6 && am <= 8  ? 1
				          : am >= 9 && am <= 11 ? 2
				                                : 3;
				int y = ay;
				if (dir > 0 && sea <= cur && sea != 3)
					y++;
				else if (dir < 0 && sea >= cur)
					y--;
				if (sea == 3 && am <= 2)
					y--; /* winter starting last December */
				season_range(x, y, sea);
			} else if ((k = word_index(unit, weekdays, 7)) >= 0) {
				continue; /* handled at the weekday token */
			} else {
				continue;
			}
			n++;
			i = x->tok_end - 1;
			continue;
		}
		/* "two days ago", "three weeks ago" */
		if ((k = number_word(w)) > 0 && i + 2 < e && eq(dkg_tok_norm(t, i + 2), "ago")) {
			const char *unit = next;
			long back = -1;
			if (!strncmp(unit, "day", 3))
				back = k;
			else if (!strncmp(unit, "week", 4))
				back = 7L * k;
			else if (!strncmp(unit, "month", 5))
				back = 30L * k;
			else if (!strncmp(unit, "year", 4))
				back = 365L * k;
			if (back > 0) {
				x->tok_end = i + 3;
				set_range(x, anchor - back, anchor - back,
				          !strncmp(unit, "day", 3)     ? DKG_GRAIN_DAY
				          : !strncmp(unit, "week", 4)  ? DKG_GRAIN_WEEK
				          : !strncmp(unit, "month", 5) ? DKG_GRAIN_MONTH
				                                       : DKG_GRAIN_YEAR);
				n++;
				i += 2;
				continue;
			}
		}
		/* "in 2008" */
		if ((k = year_of(w)) > 0 && (eq(prev, "in") || eq(prev, "since"))) {
			set_range(x, dkg_days_from_civil(k, 1, 1), dkg_days_from_civil(k, 12, 31),
			          DKG_GRAIN_YEAR);
			n++;
			continue;
		}
	}
	return n;
}
