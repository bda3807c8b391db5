/*
 * dates.h - calendar arithmetic and relative date expressions ("last week",
 * "on Friday", "next summer", "in June or July") resolved against the
 * document date.
 */
#ifndef DKG_DATES_H
#define DKG_DATES_H

#include "dkg/event.h"
#include "text.h"

typedef struct dkg_date_expr {
	size_t tok_start, tok_end; /* tokens of the expression */
	long start, end;           /* days since 1970-01-01, inclusive */
	dkg_date_grain grain;
} dkg_date_expr;

/* Days since 1970-01-01 of a civil date, and back. */
long dkg_days_from_civil(int y, int m, int d);
void dkg_civil_from_days(long z, int *y, int *m, int *d);

/* No date: what dkg_parse_iso_date returns for invalid input (1969-12-31 is not
 * representable, which news archives can live with). */
#define DKG_NO_DATE (-1L)

/* Parses "YYYY-MM-DD" (a longer ISO timestamp is cut) into days; DKG_NO_DATE if invalid. */
long dkg_parse_iso_date(const char *s);

/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void dkg_format_date(long days, char out[11]);

/*
 * Finds date expressions in tokens [s, e) and resolves them against
 * `anchor` (days; DKG_NO_DATE: no anchor, only absolute dates resolve). `future`
 * makes bare weekdays and months resolve forward. Returns the number found.
 */
size_t dkg_find_dates(const dkg_tokens *toks, size_t s, size_t e, long anchor, int future,
                      dkg_date_expr *out, size_t max);

#endif
