/*
 * iri.h - the lexical side of the RDF writer: minted IRIs, clean literal
 * text and normalised numeric and date forms, so that nothing handed to
 * Raptor can break the syntax it writes or fail to read back.
 */
#ifndef DKG_IRI_H
#define DKG_IRI_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Returns 1 when `s` (`n` bytes) is an absolute IRI that every syntax can
 * carry verbatim: scheme ":" then valid UTF-8 with no controls, spaces or
 * <>"{}|\^` and only well-formed %HH escapes. */
int dkg_iri_valid(const char *s, size_t n);

/* Appends `s` percent-encoded: everything outside [A-Za-z0-9-._~] becomes
 * %HH (upper-case), so a local part can never end or escape its IRI. */
void dkg_iri_put_encoded(dkg_buf *b, const char *s, size_t n);

/* Appends the 16 lower-case hex digits of `h`. */
void dkg_iri_put_hex64(dkg_buf *b, uint64_t h);

/* Appends `s` as literal text: invalid UTF-8 (and U+FFFE, U+FFFF) becomes
 * U+FFFD; a carriage return becomes a newline (CR LF one newline); other C0
 * controls but tab and newline, and DEL, are dropped. */
void dkg_text_clean(dkg_buf *b, const char *s, size_t n);

/* Number of code points in `n` bytes of UTF-8 (each byte that does not
 * continue a sequence starts one). */
size_t dkg_utf8_count(const char *s, size_t n);

/* Writes the canonical xsd:decimal form of `v` rounded to `digits` places
 * ("-7.0", "0.9", never "-0.0") into `out`; returns its length, or 0 when
 * `v` is not finite or does not fit. */
size_t dkg_decimal_format(char *out, size_t cap, double v, int digits);
/* The reference implementation through printf (for tests). */
size_t dkg_decimal__format_printf(char *out, size_t cap, double v, int digits);

/* Writes the decimal digits of `v` into `out` (at least 21 bytes); returns the length. */
size_t dkg_integer_format(char *out, long long v);

/* Returns 1 when `s` (`n` bytes) is a valid calendar date "YYYY-MM-DD". */
int dkg_date_valid(const char *s, size_t n);

#endif
