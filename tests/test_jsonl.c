/*
 * test_jsonl.c - the fast JSON Lines reader (extractor/jsonl_fields.c)
 * against jansson: on hand-written lines and on many generated and mutated
 * ones, whenever the fast reader accepts a line, jansson must accept it too
 * and give the same id, url, title, date and text.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "testutil.h"

/* What ingest_jsonl.c reads from jansson's tree, as C strings ("" when absent). */
typedef struct ref {
	int ok;
	char id[64], url[256], title[256], date[256];
	char *text;
	size_t text_len;
} ref;

static void ref_str(json_t *root, const char *key, char *out, size_t cap)
{
	json_t *v = json_object_get(root, key);
	out[0] = '\0';
	if (json_is_string(v))
		snprintf(out, cap, "%s", json_string_value(v));
}

static void read_ref(const char *line, size_t len, ref *r)
{
	json_error_t err;
	json_t *root = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err), *id, *text;
	memset(r, 0, sizeof *r);
	if (!root)
		return;
	text = json_object_get(root, "text");
	if (json_is_object(root) && json_is_string(text)) {
		r->ok = 1;
		r->text_len = json_string_length(text);
		r->text = malloc(r->text_len + 1);
		memcpy(r->text, json_string_value(text), r->text_len + 1);
		id = json_object_get(root, "id");
		if (json_is_string(id))
			snprintf(r->id, sizeof r->id, "%s", json_string_value(id));
		else if (json_is_integer(id))
			snprintf(r->id, sizeof r->id, "%" JSON_INTEGER_FORMAT,
			         json_integer_value(id));
		ref_str(root, "url", r->url, sizeof r->url);
		ref_str(root, "title", r->title, sizeof r->title);
		ref_str(root, "date", r->date, sizeof r->date);
	}
	json_decref(root);
}

static int same(const char *v, size_t n, const char *want)
{
	if (!v)
		return want[0] == '\0';
	return strlen(want) == n && !memcmp(v, want, n);
}

/* Runs both readers; returns 1 when the fast one read the line. Fails on any disagreement. */
static int check_line(const char *line, size_t len)
{
	dkg_buf scratch = DKG_BUF_INIT;
	dkg_jsonl_fields f;
	ref r;
	int fast = dkg_jsonl__fields(line, len, &scratch, &f);
	if (fast) {
		read_ref(line, len, &r);
		CU_ASSERT_FATAL(r.ok);
		CU_ASSERT(same(f.id, f.id_len, r.id));
		CU_ASSERT(same(f.url, f.url_len, r.url));
		CU_ASSERT(same(f.title, f.title_len, r.title));
		CU_ASSERT(same(f.date, f.date_len, r.date));
		CU_ASSERT(f.text_len == r.text_len && !memcmp(f.text, r.text, r.text_len));
		if (!(f.text_len == r.text_len && !memcmp(f.text, r.text, r.text_len)))
			fprintf(stderr, "\ndisagree on: %.*s\n", (int)len, line);
		free(r.text);
	}
	dkg_buf_free(&scratch);
	return fast;
}

static void test_accepts_common_lines(void)
{
	static const char *lines[] = {
	    "{\"id\": \"a1\", \"url\": \"https://example.org/x\", \"date\": \"2019-01-04\", "
	    "\"title\": \"Talks\", \"text\": \"Ministers met in Oslo.\"}",
	    "{\"text\":\"x\"}",
	    " { \"text\" : \"tab\\there\\nnew line \\\"quoted\\\" \\\\ \\/\" } ",
	    "{\"id\": 42, \"text\": \"integer id\"}",
	    "{\"id\": -7, \"text\": \"negative id\"}",
	    "{\"id\": 4.5, \"text\": \"a real is not an id\"}",
	    "{\"id\": null, \"title\": null, \"text\": \"nulls are absent\"}",
	    "{\"text\": \"caf\\u00e9 \\u20ac \\ud83d\\ude00\", \"title\": \"\\u00C9t\\u00E9\"}",
	    "{\"text\": \"Erdo\xc4\x9f\x61n met Zelenskyy\"}",
	    "{\"tags\": [1, -2.5e3, true, false, null, {\"a\": [[]], \"b\": {}}], \"text\": \"t\"}",
	    "{\"meta\": {\"text\": \"nested is not the text\"}, \"text\": \"top\"}",
	    "{\"url\": 5, \"date\": [\"2019\"], \"text\": \"non-strings are absent\"}",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		int fast = check_line(lines[i], strlen(lines[i]));
		CU_ASSERT(fast);
		if (!fast)
			fprintf(stderr, "\nfast reader left: %s\n", lines[i]);
	}
}

static void test_leaves_unusual_lines_to_jansson(void)
{
	/* invalid JSON, or valid JSON the fast reader does not decide itself */
	static const char *lines[] = {
	    "",
	    "[1, 2]",
	    "\"text\"",
	    "{\"text\": \"unterminated}",
	    "{\"text\": \"x\",}",
	    "{\"text\": \"x\"} trailing",
	    "{\"text\": \"x\" \"id\": \"y\"}",
	    "{\"text\": \"bad escape \\x\"}",
	    "{\"text\": \"lone \\udc00 surrogate\"}",
	    "{\"text\": \"high \\ud83d alone\"}",
	    "{\"text\": \"nul \\u0000 inside\"}",
	    "{\"text\": \"raw\ttab\"}",
	    "{\"text\": 5}",
	    "{\"title\": \"no text\"}",
	    "{\"te\\u0078t\": \"escaped key\"}",
	    "{\"text\": \"a\", \"text\": \"b\"}",
	    "{\"id\": 12345678901234567890123, \"text\": \"big id\"}",
	    "{\"id\": -0, \"text\": \"minus zero\"}",
	    "{\"id\": 01, \"text\": \"leading zero\"}",
	    "{\"x\": 1., \"text\": \"t\"}",
	    "{\"x\": tru, \"text\": \"t\"}",
	    "{\"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], "
	    "\"text\": \"deep\"}",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		int fast = check_line(lines[i], strlen(lines[i]));
		CU_ASSERT(!fast);
		if (fast)
			fprintf(stderr, "\nfast reader took: %s\n", lines[i]);
	}
}

/* A small deterministic generator (xorshift), so a failure repeats. */
static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void test_mutations_agree(void)
{
	static const char *base[] = {
	    "{\"id\": \"doc-1\", \"url\": \"https://example.org/a?b=1\", \"date\": \"2018-11-05\", "
	    "\"title\": \"Envoys meet\", \"text\": \"The envoy said \\\"no\\\".\\nThen \\u00e9 and "
	    "\\ud834\\udd1e.\"}",
	    "{\"id\": 17, \"meta\": {\"tags\": [\"a\", 2, 3.5e-2, null]}, \"text\": \"short\"}",
	    "{\"text\": \"x\", \"title\": \"y\", \"extra\": [true, false, {}]}",
	};
	static const char pieces[] = "{}[]\":,\\u0123456789abcdefxtnr -.eE+/ \t";
	char line[512];
	int fast = 0, total = 0;
	for (int round = 0; round < 20000; round++) {
		const char *b = base[rnd(sizeof base / sizeof *base)];
		size_t len = strlen(b);
		memcpy(line, b, len);
		for (int m = 1 + (int)rnd(3); m > 0; m--) {
			size_t at = rnd((unsigned)len);
			char c = pieces[rnd(sizeof pieces - 1)];
			switch (rnd(3)) {
			case 0: /* replace */
				line[at] = c;
				break;
			case 1: /* delete */
				memmove(line + at, line + at + 1, len - at - 1);
				len--;
				break;
			default: /* insert */
				if (len + 1 < sizeof line) {
					memmove(line + at + 1, line + at, len - at);
					line[at] = c;
					len++;
				}
			}
		}
		fast += check_line(line, len);
		total++;
	}
	/* the mutations must leave both accepted and rejected lines, or the test says little */
	CU_ASSERT(fast > total / 20);
	CU_ASSERT(fast < total);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {
	    {"accepts common lines, same values", test_accepts_common_lines},
	    {"leaves unusual lines to jansson", test_leaves_unusual_lines_to_jansson},
	    {"20,000 mutated lines agree with jansson", test_mutations_agree},
	    CU_TEST_INFO_NULL};
	return dkg_test_add_suite("jsonl fast reader", tests);
}
