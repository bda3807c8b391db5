/*
 * lexicon_image.c - build-time tool: loads the default lexicon with the
 * library's own loader (extractor/lexicon.c) and writes the loaded tables as C
 * initialisers, so dkg_lexicon_load_default() adopts them instead of parsing.
 * usage: lexicon_image OUTPUT.c INPUT.tsv...
 *
 * Each struct is written field by field from the lists below. A field the
 * lists do not name cannot be dropped silently: before writing a record the
 * tool checks that every byte outside the listed fields is zero (the loader
 * zeroes records, padding included), and fails the build otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_int.h"

/* ---- the fields of each record, as designators: (designator, how to write it) */

#define ACTOR_FIELDS(X, P)                                                                         \
	X(P.id, str)                                                                               \
	X(P.label, str)                                                                            \
	X(P.code, str)                                                                             \
	X(P.country, str)                                                                          \
	X(P.role, str)                                                                             \
	X(P.wikidata, str)                                                                         \
	X(P.kind, uint)                                                                            \
	X(P.person, person)

#define PLACE_FIELDS(X, P)                                                                         \
	X(P.id, str)                                                                               \
	X(P.label, str)                                                                            \
	X(P.country, str)                                                                          \
	X(P.geonames, str)                                                                         \
	X(P.lat, dbl)                                                                              \
	X(P.lon, dbl)

#define FORM_FIELDS(X)                                                                             \
	X(.key, uint)                                                                              \
	X(.toks, uint)                                                                             \
	X(.senses, uint)                                                                           \
	X(.next, uint)                                                                             \
	X(.ntok, uint)                                                                             \
	X(.case_mode, uint)                                                                        \
	X(.kinds, uint)                                                                            \
	X(.exact, str)

#define SENSE_FIELDS(X)                                                                            \
	X(.kind, uint)                                                                             \
	X(.idx, uint)                                                                              \
	X(.next, uint)

#define COUNTRY_FIELDS(X) ACTOR_FIELDS(X, .actor) PLACE_FIELDS(X, .place)

#define ADJECTIVE_FIELDS(X)                                                                        \
	X(.code, str)                                                                              \
	X(.country, sint)

#define CAPITAL_FIELDS(X)                                                                          \
	X(.code, str)                                                                              \
	X(.place_id, str)                                                                          \
	X(.country, sint)                                                                          \
	X(.place, sint)

#define ORG_FIELDS(X) ACTOR_FIELDS(X, )

#define LONE_PLACE_FIELDS(X) PLACE_FIELDS(X, )

#define OFFICE_FIELDS(X)                                                                           \
	ACTOR_FIELDS(X, .actor)                                                                    \
	X(.from, chars)                                                                            \
	X(.to, chars)

/* cap is the heap capacity: the image owns no heap */
#define PERSON_FIELDS(X)                                                                           \
	ACTOR_FIELDS(X, .base)                                                                     \
	X(.offices, offices)                                                                       \
	X(.noffices, uint)                                                                         \
	X(.cap, skip)

#define SECTOR_FIELDS(X)                                                                           \
	X(.sector, str)                                                                            \
	X(.role, str)                                                                              \
	X(.is_title, uint)

#define TRIGGER_FIELDS(X)                                                                          \
	X(.cameo, str)                                                                             \
	X(.lemma, str)                                                                             \
	X(.target, uint)                                                                           \
	X(.comp, uint)                                                                             \
	X(.is_noun, uint)                                                                          \
	X(.active_only, uint)                                                                      \
	X(.need_target, uint)                                                                      \
	X(.light, uints)                                                                           \
	X(.nlight, uint)

/* the lexicon itself: its arena stays empty (the strings go to the pool) */
#define LEXICON_FIELDS(X)                                                                          \
	X(.arena, skip)                                                                            \
	X(.forms, vec)                                                                             \
	X(.senses, vec)                                                                            \
	X(.tokhash, vec)                                                                           \
	X(.chainrec, vec)                                                                          \
	X(.countries, vec)                                                                         \
	X(.adjectives, vec)                                                                        \
	X(.capitals, vec)                                                                          \
	X(.orgs, vec)                                                                              \
	X(.persons, vec)                                                                           \
	X(.sectors, vec)                                                                           \
	X(.places, vec)                                                                            \
	X(.triggers, vec)                                                                          \
	X(.by_key, map)                                                                            \
	X(.by_first, map)                                                                          \
	X(.ids, map)                                                                               \
	X(.chain_bits, uints)                                                                      \
	X(.resolved, uint)                                                                         \
	X(.maxtok, uint)                                                                           \
	X(.shared, skip)

/* ---- output ------------------------------------------------------------------ */

/* string pool: each distinct pointer the loader made gets its own copy, so
 * strings the loader shares (a country's code and its ISO code) stay shared */
typedef struct pool_slot {
	const char *ptr;
	size_t off;
} pool_slot;

typedef struct emitter {
	FILE *out;       /* the tables, written after the pool */
	FILE *pool;      /* the pool's literal */
	size_t pool_len; /* bytes in the pool */
	pool_slot *slots;
	size_t nslots, cap;
	const dkg_lexicon *lex;
	long person;        /* index of the person being written, or -1 */
	size_t office_base; /* index in LO of that person's first office */
	int first;          /* no field written yet in this record */
} emitter;

static void fail(const char *what)
{
	fprintf(stderr, "lexicon_image: %s\n", what);
	exit(1);
}

static uint64_t ptr_hash(const char *p)
{
	uint64_t k = (uint64_t)(uintptr_t)p;
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	return k ^ (k >> 33);
}

static void pool_write(emitter *e, const char *s)
{
	size_t n = strlen(s) + 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (e->pool_len % 64 == 0)
			fputs("\"\n\t\"", e->pool);
		if (ch == '"' || ch == '\\' || ch == '?' || ch < 32 || ch >= 127)
			fprintf(e->pool, "\\%03o", ch); /* three digits: never eats the next one */
		else
			fputc(ch, e->pool);
		e->pool_len++;
	}
}

static size_t pool_offset(emitter *e, const char *s)
{
	size_t i;
	if ((e->nslots + 1) * 2 > e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 1 << 16;
		pool_slot *n = calloc(ncap, sizeof *n);
		if (!n)
			fail("out of memory");
		for (i = 0; i < e->cap; i++)
			if (e->slots[i].ptr) {
				size_t j = ptr_hash(e->slots[i].ptr) & (ncap - 1);
				while (n[j].ptr)
					j = (j + 1) & (ncap - 1);
				n[j] = e->slots[i];
			}
		free(e->slots);
		e->slots = n;
		e->cap = ncap;
	}
	i = ptr_hash(s) & (e->cap - 1);
	while (e->slots[i].ptr && e->slots[i].ptr != s)
		i = (i + 1) & (e->cap - 1);
	if (!e->slots[i].ptr) {
		e->slots[i].ptr = s;
		e->slots[i].off = e->pool_len;
		e->nslots++;
		pool_write(e, s);
	}
	return e->slots[i].off;
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

/* Writes "designator=" before a field's value; zero fields are left out. */
static void field(emitter *e, const char *name)
{
	fprintf(e->out, "%s%s=", e->first ? "" : ",", name);
	e->first = 0;
}

static uint64_t read_uint(const void *p, size_t n)
{
	switch (n) {
	case 1:
		return *(const uint8_t *)p;
	case 2:
		return *(const uint16_t *)p;
	case 4:
		return *(const uint32_t *)p;
	case 8:
		return *(const uint64_t *)p;
	}
	fail("integer field of an unexpected size");
	return 0;
}

static void emit_uint(emitter *e, const char *name, const void *p, size_t n)
{
	field(e, name);
	fprintf(e->out, "0x%llx", (unsigned long long)read_uint(p, n));
}

static void emit_sint(emitter *e, const char *name, const void *p, size_t n)
{
	if (n != sizeof(int32_t))
		fail("signed field of an unexpected size");
	field(e, name);
	fprintf(e->out, "%ld", (long)*(const int32_t *)p);
}

static void emit_dbl(emitter *e, const char *name, const void *p, size_t n)
{
	if (n != sizeof(double))
		fail("floating field of an unexpected size");
	field(e, name);
	fprintf(e->out, "%a", *(const double *)p); /* hexadecimal: exact */
}

static void emit_uints(emitter *e, const char *name, const void *p, size_t n)
{
	const uint64_t *v = p;
	field(e, name);
	fputc('{', e->out);
	for (size_t i = 0; i < n / sizeof *v; i++)
		fprintf(e->out, "%s0x%llx", i ? "," : "", (unsigned long long)v[i]);
	fputc('}', e->out);
}

static void emit_str(emitter *e, const char *name, const void *p, size_t n)
{
	const char *s = *(const char *const *)p;
	(void)n;
	field(e, name);
	fprintf(e->out, "S+%zu", pool_offset(e, s));
}

static void emit_chars(emitter *e, const char *name, const void *p, size_t n)
{
	const char *s = p;
	if (memchr(s, '\0', n) == NULL)
		fail("character array without its terminator");
	field(e, name);
	fputc('"', e->out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\' || ch == '?' || ch < 32 || ch >= 127)
			fprintf(e->out, "\\%03o", ch);
		else
			fputc(ch, e->out);
	}
	fputc('"', e->out);
}

/* an office's person: the person being written (LP is the persons' array) */
static void emit_person(emitter *e, const char *name, const void *p, size_t n)
{
	const dkg_actor *a = *(const dkg_actor *const *)p;
	(void)n;
	if (e->person < 0 || a != &e->lex->persons.v[e->person]->base)
		fail("an actor points at something other than its own person");
	field(e, name);
	fprintf(e->out, "&LP[%ld].base", e->person);
}

static void emit_offices(emitter *e, const char *name, const void *p, size_t n)
{
	(void)p;
	(void)n;
	field(e, name);
	fprintf(e->out, "(lex_office *)&LO[%zu]", e->office_base);
}

static void emit_skip(emitter *e, const char *name, const void *p, size_t n)
{
	(void)e;
	(void)name;
	(void)p;
	(void)n;
}

/* every LEX_VEC has this layout; the array is written as LX_<name> */
typedef LEX_VEC(char) any_vec;
_Static_assert(sizeof(any_vec) == sizeof(((dkg_lexicon *)0)->forms), "LEX_VEC layout");

static void emit_vec(emitter *e, const char *name, const void *p, size_t n)
{
	const any_vec *v = p;
	(void)n;
	field(e, name);
	fprintf(e->out, "{(void *)LX_%s, %zu, 0}", name + 1, v->n);
}

static void emit_map(emitter *e, const char *name, const void *p, size_t n)
{
	const lex_map *m = p;
	(void)n;
	field(e, name);
	fprintf(e->out, "{(lex_slot *)LS_%s, %zu, %zu}", name + 1, m->cap, m->n);
}

/* Zero values are left out (an initialiser zeroes them); so is a skipped field. */
#define EMIT_FIELD(F, KIND)                                                                        \
	if (!all_zero(&((*r)F), sizeof((*r)F)))                                                    \
		emit_##KIND(e, #F, &((*r)F), sizeof((*r)F));
#define MASK_FIELD(F, KIND)                                                                        \
	memset(mask + ((const char *)&((*r)F) - (const char *)r), 1, sizeof((*r)F));

static void check_bytes(const char *type, const void *rec, const unsigned char *mask, size_t size)
{
	const unsigned char *b = rec;
	for (size_t i = 0; i < size; i++)
		if (!mask[i] && b[i]) {
			fprintf(stderr,
			        "lexicon_image: %s: byte %zu is set by the loader but belongs to "
			        "no field this tool writes: add the new field to the lists in "
			        "cmake/lexicon_image.c\n",
			        type, i);
			exit(1);
		}
}

/* emit_<type>(e, record): checks the record's unlisted bytes, writes "{...}" */
#define DEFINE_RECORD(T, FIELDS)                                                                   \
	static void emit_##T(emitter *e, const T *r)                                               \
	{                                                                                          \
		unsigned char mask[sizeof(T)];                                                     \
		memset(mask, 0, sizeof mask);                                                      \
		FIELDS(MASK_FIELD)                                                                 \
		check_bytes(#T, r, mask, sizeof(T));                                               \
		e->first = 1;                                                                      \
		fputc('{', e->out);                                                                \
		FIELDS(EMIT_FIELD)                                                                 \
		fputs("}", e->out);                                                                \
	}

DEFINE_RECORD(lex_form, FORM_FIELDS)
DEFINE_RECORD(lex_sense, SENSE_FIELDS)
DEFINE_RECORD(lex_country, COUNTRY_FIELDS)
DEFINE_RECORD(lex_adjective, ADJECTIVE_FIELDS)
DEFINE_RECORD(lex_capital, CAPITAL_FIELDS)
DEFINE_RECORD(dkg_actor, ORG_FIELDS)
DEFINE_RECORD(lex_office, OFFICE_FIELDS)
DEFINE_RECORD(lex_person, PERSON_FIELDS)
DEFINE_RECORD(lex_sector, SECTOR_FIELDS)
DEFINE_RECORD(dkg_place, LONE_PLACE_FIELDS)
DEFINE_RECORD(lex_trigger, TRIGGER_FIELDS)
DEFINE_RECORD(dkg_lexicon, LEXICON_FIELDS)

static void emit_tokhash(emitter *e, const uint64_t *r)
{
	fprintf(e->out, "0x%llx", (unsigned long long)*r);
}

/* static const T LX_name[n] = {...}; nothing when empty (emit_vec names it anyway,
 * so write a NULL stand-in) */
#define EMIT_VEC(e, NAME, T, EMIT)                                                                 \
	do {                                                                                       \
		const dkg_lexicon *l_ = (e)->lex;                                                  \
		if (!l_->NAME.n) {                                                                 \
			fprintf((e)->out, "#define LX_" #NAME " NULL\n");                          \
			break;                                                                     \
		}                                                                                  \
		fprintf((e)->out, "static const " #T " LX_" #NAME "[%zu] = {\n", l_->NAME.n);      \
		for (size_t i_ = 0; i_ < l_->NAME.n; i_++) {                                       \
			EMIT((e), &l_->NAME.v[i_]);                                                \
			fputs(",\n", (e)->out);                                                    \
		}                                                                                  \
		fputs("};\n", (e)->out);                                                           \
	} while (0)

static void emit_map_arrays(emitter *e, const char *name, const lex_map *m)
{
	if (!m->cap) {
		fprintf(e->out, "#define LS_%s NULL\n", name);
		return;
	}
	fprintf(e->out, "static const lex_slot LS_%s[%zu] = {\n", name, m->cap);
	/* values of empty slots are never read: write 0 for them */
	for (size_t i = 0; i < m->cap; i++)
		fprintf(e->out, "{0x%llx,0x%lx,0x%lx},%s", (unsigned long long)m->slots[i].key,
		        m->slots[i].key ? (unsigned long)m->slots[i].val : 0UL,
		        m->slots[i].key ? (unsigned long)m->slots[i].aux : 0UL,
		        i % 4 == 3 ? "\n" : "");
	fputs("};\n", e->out);
}

static void emit_persons(emitter *e)
{
	const dkg_lexicon *lex = e->lex;
	size_t i, k, noff = 0;
	if (!lex->persons.n) {
		fputs("#define LX_persons NULL\n", e->out);
		return;
	}
	for (i = 0; i < lex->persons.n; i++)
		noff += lex->persons.v[i]->noffices;
	/* offices point at their person, persons at their offices */
	fprintf(e->out, "static const lex_person LP[%zu];\n", lex->persons.n);
	if (noff) {
		fprintf(e->out, "static const lex_office LO[%zu] = {\n", noff);
		for (i = 0; i < lex->persons.n; i++) {
			e->person = (long)i;
			for (k = 0; k < lex->persons.v[i]->noffices; k++) {
				emit_lex_office(e, &lex->persons.v[i]->offices[k]);
				fputs(",\n", e->out);
			}
		}
		fputs("};\n", e->out);
	}
	fprintf(e->out, "static const lex_person LP[%zu] = {\n", lex->persons.n);
	e->office_base = 0;
	for (i = 0; i < lex->persons.n; i++) {
		e->person = (long)i;
		emit_lex_person(e, lex->persons.v[i]);
		fputs(",\n", e->out);
		e->office_base += lex->persons.v[i]->noffices;
	}
	fputs("};\n", e->out);
	e->person = -1;
	fprintf(e->out, "static lex_person *const LX_persons[%zu] = {\n", lex->persons.n);
	for (i = 0; i < lex->persons.n; i++)
		fprintf(e->out, "(lex_person *)&LP[%zu],%s", i, i % 4 == 3 ? "\n" : "");
	fputs("};\n", e->out);
}

/* ---- main ---------------------------------------------------------------------- */

/* The inputs joined as cmake/embed.c joins them (each file and a newline), so
 * the image is what loading the embedded text builds. */
typedef struct input {
	char *data;
	size_t len, cap;
	const char **names;
	long *first_line; /* line number in data of each file's first line */
	int n;
} input;

static void input_add(input *in, const char *path)
{
	FILE *fp = fopen(path, "rb");
	int c;
	long line = 1;
	if (!fp) {
		perror(path);
		exit(1);
	}
	for (size_t i = 0; i < in->len; i++)
		line += in->data[i] == '\n';
	in->names[in->n] = path;
	in->first_line[in->n++] = line;
	for (;;) {
		c = getc(fp);
		if (in->len + 1 >= in->cap) {
			in->cap = in->cap ? in->cap * 2 : 1 << 20;
			in->data = realloc(in->data, in->cap);
			if (!in->data)
				fail("out of memory");
		}
		if (c == EOF)
			break;
		in->data[in->len++] = (char)c;
	}
	in->data[in->len++] = '\n';
	if (ferror(fp)) {
		perror(path);
		exit(1);
	}
	fclose(fp);
}

int main(int argc, char **argv)
{
	emitter e = {0};
	input in = {0};
	dkg_lexicon *lex;
	dkg_error err;
	char *pool = NULL, *body = NULL;
	size_t pool_size = 0, body_size = 0;
	char tmp[4096];
	FILE *out;
	if (argc < 2) {
		fprintf(stderr, "usage: lexicon_image OUTPUT.c INPUT.tsv...\n");
		return 2;
	}
	in.names = calloc((size_t)argc, sizeof *in.names);
	in.first_line = calloc((size_t)argc, sizeof *in.first_line);
	if (!in.names || !in.first_line)
		fail("out of memory");
	for (int i = 2; i < argc; i++)
		input_add(&in, argv[i]);

	memset(&err, 0, sizeof err);
	if (dkg_lexicon_new(&lex) < 0)
		fail("out of memory");
	if (dkg_lexicon_load_buffer(lex, "default lexicon", in.data ? in.data : "", in.len, &err) <
	    0) {
		/* name the file the bad line came from */
		int f = in.n - 1;
		while (f > 0 && in.first_line[f] > err.line)
			f--;
		if (f >= 0 && err.line > 0)
			fprintf(stderr, "%s:%ld: %s\n", in.names[f],
			        err.line - in.first_line[f] + 1, err.message);
		else
			fprintf(stderr, "default lexicon: %s\n", err.message);
		return 1;
	}

	e.lex = lex;
	e.person = -1;
	e.out = open_memstream(&body, &body_size);
	e.pool = open_memstream(&pool, &pool_size);
	if (!e.out || !e.pool)
		fail("out of memory");

	EMIT_VEC(&e, forms, lex_form, emit_lex_form);
	EMIT_VEC(&e, senses, lex_sense, emit_lex_sense);
	EMIT_VEC(&e, tokhash, uint64_t, emit_tokhash);
	EMIT_VEC(&e, chainrec, uint64_t, emit_tokhash);
	EMIT_VEC(&e, countries, lex_country, emit_lex_country);
	EMIT_VEC(&e, adjectives, lex_adjective, emit_lex_adjective);
	EMIT_VEC(&e, capitals, lex_capital, emit_lex_capital);
	EMIT_VEC(&e, orgs, dkg_actor, emit_dkg_actor);
	emit_persons(&e);
	EMIT_VEC(&e, sectors, lex_sector, emit_lex_sector);
	EMIT_VEC(&e, places, dkg_place, emit_dkg_place);
	EMIT_VEC(&e, triggers, lex_trigger, emit_lex_trigger);
	emit_map_arrays(&e, "by_key", &lex->by_key);
	emit_map_arrays(&e, "by_first", &lex->by_first);
	emit_map_arrays(&e, "ids", &lex->ids);
	fputs("const dkg_lexicon dkg_lexicon_image = ", e.out);
	emit_dkg_lexicon(&e, lex);
	fputs(";\n", e.out);
	if (e.pool_len == 0)
		pool_write(&e, "");
	if (fclose(e.out) || fclose(e.pool))
		fail("out of memory");

	/* written aside and renamed: a failed run leaves no half file for make */
	if (snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]) >= (int)sizeof tmp)
		fail("output path too long");
	out = fopen(tmp, "w");
	if (!out) {
		perror(tmp);
		return 1;
	}
	fprintf(out, "/* generated by cmake/lexicon_image.c from the default lexicon; do not edit "
	             "*/\n#include <stddef.h>\n#include <stdint.h>\n\n#include "
	             "\"lexicon_int.h\"\n\n");
	fprintf(out, "static const char S[%zu] = \"%s\";\n", e.pool_len, pool);
	fwrite(body, 1, body_size, out);
	free(pool);
	free(body);
	free(e.slots);
	free(in.data);
	free(in.names);
	free(in.first_line);
	dkg_lexicon_free(lex);
	if (ferror(out) | fclose(out) || rename(tmp, argv[1])) {
		perror(argv[1]);
		remove(tmp);
		return 1;
	}
	return 0;
}
