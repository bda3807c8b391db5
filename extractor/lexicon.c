/*
 * lexicon.c - loading the line-oriented lexicon (extractor/lexicon/FORMAT.md)
 * into hash tables, and matching its forms against tokens. The default
 * lexicon is not parsed at run time: the build loads it with this same code
 * and compiles the tables into the library (cmake/lexicon_image.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/lexicon.h"
#include "dates.h"
#include "lexicon_int.h"

#ifndef DKG_LEXICON_BOOTSTRAP
/* the default lexicon as text, for the rare load onto a non-empty lexicon */
extern const char dkg_lexicon_default[];
extern const size_t dkg_lexicon_default_len;
#endif

#define NONE UINT32_MAX

/* ---- small containers ---------------------------------------------------- */

static int vec_grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t c;
	void *p;
	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	p = dkg_realloc(*v, c * size);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

static void *vec_push(void **v, size_t *cap, size_t *n, size_t size)
{
	char *e;
	if (vec_grow(v, cap, *n, size) < 0)
		return NULL;
	e = (char *)*v + size * (*n)++;
	/* zeroed, padding included: the image compiler checks that every byte it
	 * does not emit is zero (cmake/lexicon_image.c) */
	memset(e, 0, size);
	return e;
}

#define VEC_PUSH(vec) vec_push((void **)&(vec).v, &(vec).cap, &(vec).n, sizeof *(vec).v)

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static lex_slot *map_put(lex_map *m, uint64_t key, uint32_t val);

static int map_resize(lex_map *m, size_t cap)
{
	lex_map n = {NULL, cap, 0};
	size_t i;
	if (!(n.slots = dkg_calloc(cap, sizeof *n.slots)))
		return -1;
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			map_put(&n, m->slots[i].key, m->slots[i].val)->aux = m->slots[i].aux;
	dkg_free(m->slots);
	*m = n;
	return 0;
}

/* Key 0 is reserved for empty slots; callers never pass it (hashes are remapped).
 * Returns the key's slot (its aux kept if the key was there), NULL when out of
 * memory. */
static lex_slot *map_put(lex_map *m, uint64_t key, uint32_t val)
{
	size_t i;
	if (!key)
		key = 1;
	if ((m->n + 1) * 4 >= m->cap * 3 && map_resize(m, m->cap ? m->cap * 2 : 1024) < 0)
		return NULL;
	i = mix(key) & (m->cap - 1);
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->slots[i].key)
		m->n++;
	m->slots[i].key = key;
	m->slots[i].val = val;
	return &m->slots[i];
}

/* The slot of key, or NULL. */
static lex_slot *map_slot(const lex_map *m, uint64_t key)
{
	size_t i;
	if (!m->cap)
		return NULL;
	if (!key)
		key = 1;
	i = mix(key) & (m->cap - 1);
	while (m->slots[i].key) {
		if (m->slots[i].key == key)
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

static uint32_t map_get(const lex_map *m, uint64_t key)
{
	const lex_slot *s = map_slot(m, key);
	return s ? s->val : NONE;
}

static void map_free(lex_map *m)
{
	dkg_free(m->slots);
	memset(m, 0, sizeof *m);
}

static uint64_t id_key(int kind, const char *id)
{
	uint64_t h = dkg_hash(DKG_HASH_INIT, &kind, sizeof kind);
	return dkg_hash(h, id, strlen(id));
}

/* ---- public life cycle --------------------------------------------------- */

int dkg_lexicon_new(dkg_lexicon **out)
{
	dkg_lexicon *lex = dkg_calloc(1, sizeof *lex);
	*out = NULL;
	if (!lex)
		return DKG_ENOMEM;
	lex->arena.block_size = 256 * 1024;
	*out = lex;
	return DKG_OK;
}

/* Frees what the lexicon owns on the heap, except the arena and itself. Also
 * takes a half-made copy from lex_unshare (NULL entries anywhere). */
static void free_tables(dkg_lexicon *lex)
{
	size_t i;
	for (i = 0; lex->persons.v && i < lex->persons.n; i++)
		if (lex->persons.v[i]) {
			dkg_free(lex->persons.v[i]->offices);
			dkg_free(lex->persons.v[i]);
		}
	dkg_free(lex->forms.v);
	dkg_free(lex->senses.v);
	dkg_free(lex->tokhash.v);
	dkg_free(lex->chainrec.v);
	dkg_free(lex->countries.v);
	dkg_free(lex->adjectives.v);
	dkg_free(lex->capitals.v);
	dkg_free(lex->orgs.v);
	dkg_free(lex->persons.v);
	dkg_free(lex->sectors.v);
	dkg_free(lex->places.v);
	dkg_free(lex->triggers.v);
	map_free(&lex->by_key);
	map_free(&lex->by_first);
	map_free(&lex->ids);
}

void dkg_lexicon_free(dkg_lexicon *lex)
{
	if (!lex)
		return;
	/* tables adopted from the default image are static: nothing to free */
	if (!lex->shared)
		free_tables(lex);
	dkg_arena_free(&lex->arena);
	dkg_free(lex);
}

/* ---- the compiled default lexicon ----------------------------------------- */

static void *dup_array(const void *v, size_t n, size_t size, int *oom)
{
	void *p;
	if (!n)
		return NULL;
	p = dkg_malloc(n * size);
	if (!p) {
		*oom = 1;
		return NULL;
	}
	return memcpy(p, v, n * size);
}

#define VEC_DUP(dst, src, oom)                                                                     \
	((dst).v = dup_array((src).v, (src).n, sizeof *(src).v, &(oom)), (dst).cap = (src).n)

static void map_dup(lex_map *dst, const lex_map *src, int *oom)
{
	dst->slots = dup_array(src->slots, src->cap, sizeof *src->slots, oom);
}

/*
 * Copies the tables adopted from the read-only image to the heap, so loading
 * more entries can grow them. Persons are copied one by one and their offices
 * re-pointed at the copy; strings stay where they are (never freed one by one).
 * On failure the lexicon is left as it was.
 */
static int lex_unshare(dkg_lexicon *lex)
{
	dkg_lexicon h = *lex;
	int oom = 0;
	size_t i, k;
	if (!lex->shared)
		return 0;
	VEC_DUP(h.forms, lex->forms, oom);
	VEC_DUP(h.senses, lex->senses, oom);
	VEC_DUP(h.tokhash, lex->tokhash, oom);
	VEC_DUP(h.chainrec, lex->chainrec, oom);
	VEC_DUP(h.countries, lex->countries, oom);
	VEC_DUP(h.adjectives, lex->adjectives, oom);
	VEC_DUP(h.capitals, lex->capitals, oom);
	VEC_DUP(h.orgs, lex->orgs, oom);
	VEC_DUP(h.sectors, lex->sectors, oom);
	VEC_DUP(h.places, lex->places, oom);
	VEC_DUP(h.triggers, lex->triggers, oom);
	map_dup(&h.by_key, &lex->by_key, &oom);
	map_dup(&h.by_first, &lex->by_first, &oom);
	map_dup(&h.ids, &lex->ids, &oom);
	h.persons.v = lex->persons.n ? dkg_calloc(lex->persons.n, sizeof *h.persons.v) : NULL;
	h.persons.cap = lex->persons.n;
	if (lex->persons.n && !h.persons.v)
		oom = 1;
	for (i = 0; h.persons.v && i < lex->persons.n && !oom; i++) {
		const lex_person *src = lex->persons.v[i];
		lex_person *p = dkg_malloc(sizeof *p);
		if (!p) {
			oom = 1;
			break;
		}
		*p = *src;
		p->offices = dup_array(src->offices, src->noffices, sizeof *p->offices, &oom);
		p->cap = p->noffices;
		for (k = 0; p->offices && k < p->noffices; k++)
			p->offices[k].actor.person = &p->base;
		h.persons.v[i] = p;
	}
	if (oom) {
		free_tables(&h);
		return DKG_ENOMEM;
	}
	h.shared = 0;
	*lex = h;
	return 0;
}

size_t dkg_lexicon_size(const dkg_lexicon *lex)
{
	return lex ? lex->forms.n : 0;
}

/* ---- parsing ------------------------------------------------------------- */

typedef struct field {
	const char *key, *val;
	size_t klen, vlen;
	int used;
} field;

#define MAX_FIELDS 24

typedef struct line_ctx {
	dkg_lexicon *lex;
	const char *name;
	long line;
	dkg_error *err;
	field f[MAX_FIELDS];
	int nf;
	dkg_tokens toks; /* scratch for the forms, reused line after line */
} line_ctx;

static const char *get(line_ctx *c, const char *key)
{
	int i;
	size_t kl = strlen(key);
	for (i = 0; i < c->nf; i++)
		if (c->f[i].klen == kl && !memcmp(c->f[i].key, key, kl)) {
			c->f[i].used = 1;
			return dkg_arena_strndup(&c->lex->arena, c->f[i].val, c->f[i].vlen);
		}
	return NULL;
}

static int need(line_ctx *c, const char *key, const char **out)
{
	*out = get(c, key);
	if (!*out && c->lex->arena.oom) /* the field was there, its copy failed */
		return dkg_error_set(c->err, DKG_ENOMEM, c->name, c->line, "out of memory");
	if (!*out || !**out)
		return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line, "missing %s= field",
		                     key);
	return 0;
}

static int valid_date(const char *d)
{
	return !d || !*d || (strlen(d) == 10 && dkg_parse_iso_date(d) != DKG_NO_DATE);
}

static int add_sense_to_form(line_ctx *c, const char *form, size_t flen, int kind, uint32_t idx,
                             int case_mode)
{
	dkg_lexicon *lex = c->lex;
	dkg_tokens *toks = &c->toks;
	uint64_t key = DKG_HASH_INIT, chain;
	uint32_t fi;
	lex_sense *s;
	size_t i;
	int rc = 0;
	dkg_tokens_clear(toks);
	rc = dkg_tokenize(toks, form, 0, flen, 64);
	if (rc == DKG_ENOMEM)
		goto oom;
	if (rc < 0 || toks->n == 0 || toks->n > 32) {
		if (toks->n == 0 && flen == 0)
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line, "empty form");
		return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
		                     "form '%.*s' has no words or too many", (int)flen, form);
	}
	for (i = 0; i < toks->n; i++)
		key = dkg_hash(key, &toks->tok[i].hash, sizeof toks->tok[i].hash);
	chain =
	    dkg_lexicon__chain_key(toks->tok[0].hash, toks->n > 1 ? toks->tok[1].hash : 0, toks->n);
	fi = map_get(&lex->by_key, key);
	if (fi == NONE) {
		lex_form *f = VEC_PUSH(lex->forms);
		if (!f)
			goto oom;
		fi = (uint32_t)(lex->forms.n - 1);
		f->key = key;
		f->ntok = (uint8_t)toks->n;
		f->case_mode = (uint8_t)case_mode;
		f->senses = NONE;
		f->kinds = 0;
		f->exact =
		    case_mode == LEX_CASE_EXACT ? dkg_arena_strndup(&lex->arena, form, flen) : NULL;
		f->toks = (uint32_t)lex->tokhash.n;
		for (i = 0; i < toks->n; i++) {
			uint64_t *h = VEC_PUSH(lex->tokhash);
			if (!h)
				goto oom;
			*h = toks->tok[i].hash;
		}
		{
			uint64_t bits;
			size_t w = dkg_lexicon__chain_word(chain, &bits);
			lex_slot *head;
			lex->chain_bits[w] |= bits;
			f->next = map_get(&lex->by_first, chain);
			if (!map_put(&lex->by_key, key, fi) ||
			    !(head = map_put(&lex->by_first, chain, fi)))
				goto oom;
			/* a longer chain's record, if any, lacks the new form: walk the
			 * chain until index_chains makes a new one */
			head->aux = toks->n == 1 && f->next == NONE ? LEX_LONE + f->case_mode : 0;
		}
		if (toks->n > lex->maxtok)
			lex->maxtok = (uint8_t)toks->n;
	} else if (case_mode == LEX_CASE_ANY) {
		/* the case mode the chain's slot or record copied is stale */
		lex_slot *head = map_slot(&lex->by_first, chain);
		lex->forms.v[fi].case_mode = LEX_CASE_ANY;
		if (head && head->aux >= LEX_REC)
			head->aux = 0;
		else if (head && head->aux && head->val == fi)
			head->aux = LEX_LONE + LEX_CASE_ANY;
	}
	s = VEC_PUSH(lex->senses);
	if (!s)
		goto oom;
	s->kind = (uint8_t)kind;
	s->idx = idx;
	lex->forms.v[fi].kinds |= (uint16_t)(1u << kind);
	/* keep senses in file order: append at the end of the form's list */
	s->next = NONE;
	{
		uint32_t si = (uint32_t)(lex->senses.n - 1), *p = &lex->forms.v[fi].senses;
		while (*p != NONE)
			p = &lex->senses.v[*p].next;
		*p = si;
	}
	return 0;
oom:
	return dkg_error_set(c->err, DKG_ENOMEM, c->name, c->line, "out of memory");
}

static int add_forms(line_ctx *c, const char *forms, size_t len, int kind, uint32_t idx)
{
	const char *mode = get(c, "case");
	int case_mode = LEX_CASE_CAP, rc;
	const char *p = forms, *end = forms + len;
	if (kind == LEX_VERB || kind == LEX_NOUN || kind == LEX_SECTOR || kind == LEX_TITLE ||
	    kind == LEX_BLOCK)
		case_mode = LEX_CASE_ANY;
	if (mode) {
		if (!strcmp(mode, "exact"))
			case_mode = LEX_CASE_EXACT;
		else if (!strcmp(mode, "any"))
			case_mode = LEX_CASE_ANY;
		else if (strcmp(mode, "cap"))
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "case= must be exact, any or cap, not '%s'", mode);
	}
	while (p <= end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *e = bar ? bar : end;
		while (p < e && (*p == ' '))
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		if (e == p)
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line, "empty form");
		rc = add_sense_to_form(c, p, (size_t)(e - p), kind, idx,
		                       (case_mode == LEX_CASE_CAP && *p >= 'a' && *p <= 'z')
		                           ? LEX_CASE_ANY
		                           : case_mode);
		if (rc < 0)
			return rc;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static uint32_t parse_targets(const char *s, int *ok)
{
	static const struct {
		const char *w;
		uint32_t bit;
	} names[] = {{"obj", TGT_OBJ},   {"with", TGT_WITH},  {"against", TGT_AGAINST},
	             {"to", TGT_TO},     {"on", TGT_ON},      {"for", TGT_FOR},
	             {"from", TGT_FROM}, {"of", TGT_OF},      {"at", TGT_AT},
	             {"in", TGT_IN},     {"over", TGT_OVER},  {"into", TGT_INTO},
	             {"by", TGT_BY},     {"none", TGT_NONE},  {"upon", TGT_ON},
	             {"toward", TGT_TO}, {"towards", TGT_TO}, {"between", TGT_WITH},
	             {"among", TGT_WITH}};
	uint32_t mask = 0;
	*ok = 1;
	while (*s) {
		size_t n = strcspn(s, ","), i;
		int found = 0;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].w) == n && !strncmp(s, names[i].w, n)) {
				mask |= names[i].bit;
				found = 1;
			}
		if (!found)
			*ok = 0;
		s += n;
		if (*s == ',')
			s++;
	}
	return mask;
}

static char *slug_lower(dkg_arena *a, const char *s)
{
	char *d = dkg_arena_strndup(a, s, strlen(s));
	for (char *p = d; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return d;
}

/* "dmitry-medvedev" + "RUSGOV" + "president" -> "dmitry-medvedev-rusgov-president" */
static const char *office_id(dkg_lexicon *lex, const char *id, const char *code, const char *role)
{
	dkg_buf b = DKG_BUF_INIT;
	const char *r;
	dkg_buf_puts(&b, id);
	dkg_buf_putc(&b, '-');
	for (r = code; *r; r++)
		dkg_buf_putc(&b, (char)(*r >= 'A' && *r <= 'Z' ? *r + 32 : *r));
	if (role && *role) {
		dkg_buf_putc(&b, '-');
		for (r = role; *r; r++) {
			char ch = *r >= 'A' && *r <= 'Z' ? (char)(*r + 32) : *r;
			dkg_buf_putc(
			    &b, (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-');
		}
	}
	r = b.oom ? NULL : dkg_arena_strndup(&lex->arena, b.data, b.len);
	dkg_buf_free(&b);
	return r;
}

static int parse_line(line_ctx *c, const char *kind, size_t klen, const char *forms, size_t flen)
{
	dkg_lexicon *lex = c->lex;
	int rc = 0, k;
	uint32_t idx = 0;
#define KIND(s) (klen == sizeof(s) - 1 && !memcmp(kind, s, klen))
	if (KIND("country")) {
		lex_country *e = VEC_PUSH(lex->countries);
		if (!e)
			return DKG_ENOMEM;
		memset(e, 0, sizeof *e);
		k = LEX_COUNTRY;
		idx = (uint32_t)(lex->countries.n - 1);
		if ((rc = need(c, "code", &e->actor.code)) || (rc = need(c, "id", &e->actor.id)) ||
		    (rc = need(c, "label", &e->actor.label)))
			return rc;
		e->actor.country = e->actor.code;
		e->actor.wikidata = get(c, "qid");
		(void)get(c, "iso2");
		e->actor.kind = DKG_ACTOR_STATE;
		e->place.id = e->actor.id;
		e->place.label = e->actor.label;
		e->place.country = e->actor.code;
		if (map_get(&lex->ids, id_key(LEX_COUNTRY, e->actor.code)) == NONE &&
		    !map_put(&lex->ids, id_key(LEX_COUNTRY, e->actor.code), idx))
			return DKG_ENOMEM;
	} else if (KIND("adjective")) {
		lex_adjective *e = VEC_PUSH(lex->adjectives);
		if (!e)
			return DKG_ENOMEM;
		k = LEX_ADJECTIVE;
		idx = (uint32_t)(lex->adjectives.n - 1);
		e->country = -1;
		if ((rc = need(c, "code", &e->code)))
			return rc;
	} else if (KIND("capital")) {
		lex_capital *e = VEC_PUSH(lex->capitals);
		if (!e)
			return DKG_ENOMEM;
		k = LEX_CAPITAL;
		idx = (uint32_t)(lex->capitals.n - 1);
		e->country = e->place = -1;
		if ((rc = need(c, "code", &e->code)) || (rc = need(c, "place", &e->place_id)))
			return rc;
	} else if (KIND("org")) {
		dkg_actor *e = VEC_PUSH(lex->orgs);
		const char *kd;
		if (!e)
			return DKG_ENOMEM;
		memset(e, 0, sizeof *e);
		k = LEX_ORG;
		idx = (uint32_t)(lex->orgs.n - 1);
		if ((rc = need(c, "code", &e->code)) || (rc = need(c, "id", &e->id)) ||
		    (rc = need(c, "label", &e->label)))
			return rc;
		e->country = get(c, "country");
		e->wikidata = get(c, "qid");
		e->role = get(c, "role");
		kd = get(c, "kind");
		e->kind = DKG_ACTOR_ORGANIZATION;
		if (kd && !strcmp(kd, "group"))
			e->kind = DKG_ACTOR_GROUP;
		else if (kd && strcmp(kd, "organization"))
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "kind= must be organization or group");
	} else if (KIND("person")) {
		const char *id, *label, *country, *code, *role, *from, *to;
		uint32_t pi;
		lex_person *p;
		lex_office *o;
		k = LEX_PERSON;
		if ((rc = need(c, "id", &id)) || (rc = need(c, "label", &label)) ||
		    (rc = need(c, "country", &country)))
			return rc;
		code = get(c, "code");
		role = get(c, "role");
		from = get(c, "from");
		to = get(c, "to");
		if (!valid_date(from) || !valid_date(to))
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "from= and to= must be YYYY-MM-DD");
		pi = map_get(&lex->ids, id_key(LEX_PERSON, id));
		if (pi == NONE) {
			lex_person **slot = VEC_PUSH(lex->persons);
			if (!slot)
				return DKG_ENOMEM;
			*slot = p = dkg_calloc(1, sizeof *p);
			if (!p) {
				lex->persons.n--;
				return DKG_ENOMEM;
			}
			pi = (uint32_t)(lex->persons.n - 1);
			p->base.id = id;
			p->base.label = label;
			p->base.country = country;
			p->base.code = country;
			p->base.kind = DKG_ACTOR_PERSON;
			p->base.wikidata = get(c, "qid");
			if (!map_put(&lex->ids, id_key(LEX_PERSON, id), pi))
				return DKG_ENOMEM;
		} else {
			p = lex->persons.v[pi];
			(void)get(c, "qid");
		}
		idx = pi;
		if (code || role || from || to) {
			if (vec_grow((void **)&p->offices, &p->cap, p->noffices, sizeof *o) < 0)
				return DKG_ENOMEM;
			o = &p->offices[p->noffices++];
			memset(o, 0, sizeof *o);
			o->actor = p->base;
			o->actor.code = code ? code : country;
			o->actor.role = role;
			/* the office is an actor of its own, a specialization of the person,
			 * so a code never leaks to the person's events outside the office */
			o->actor.person = &p->base;
			o->actor.wikidata = NULL; /* the person is the Wikidata item */
			o->actor.id = office_id(lex, id, o->actor.code, role);
			if (!o->actor.id)
				return DKG_ENOMEM;
			/* in an international office a person acts for the organisation */
			if (code && (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3)))
				o->actor.country = NULL;
			snprintf(o->from, sizeof o->from, "%s", from ? from : "");
			snprintf(o->to, sizeof o->to, "%s", to ? to : "");
		}
	} else if (KIND("sector") || KIND("title")) {
		lex_sector *e = VEC_PUSH(lex->sectors);
		if (!e)
			return DKG_ENOMEM;
		k = KIND("title") ? LEX_TITLE : LEX_SECTOR;
		idx = (uint32_t)(lex->sectors.n - 1);
		e->is_title = k == LEX_TITLE;
		if ((rc = need(c, "sector", &e->sector)))
			return rc;
		e->role = get(c, "role");
		if (k == LEX_TITLE && !e->role)
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "missing role= field");
	} else if (KIND("place")) {
		dkg_place *e = VEC_PUSH(lex->places);
		const char *lat, *lon, *type;
		if (!e)
			return DKG_ENOMEM;
		memset(e, 0, sizeof *e);
		k = LEX_PLACE;
		idx = (uint32_t)(lex->places.n - 1);
		if ((rc = need(c, "id", &e->id)) || (rc = need(c, "label", &e->label)) ||
		    (rc = need(c, "country", &e->country)))
			return rc;
		e->geonames = get(c, "geonames");
		lat = get(c, "lat");
		lon = get(c, "lon");
		type = get(c, "type");
		(void)type;
		e->lat = lat ? strtod(lat, NULL) : 0;
		e->lon = lon ? strtod(lon, NULL) : 0;
		if (map_get(&lex->ids, id_key(LEX_PLACE, e->id)) == NONE &&
		    !map_put(&lex->ids, id_key(LEX_PLACE, e->id), idx))
			return DKG_ENOMEM;
	} else if (KIND("verb") || KIND("noun")) {
		lex_trigger *e = VEC_PUSH(lex->triggers);
		const char *tgt, *comp, *voice, *light, *require;
		int ok = 1;
		if (!e)
			return DKG_ENOMEM;
		memset(e, 0, sizeof *e);
		k = KIND("noun") ? LEX_NOUN : LEX_VERB;
		idx = (uint32_t)(lex->triggers.n - 1);
		e->is_noun = k == LEX_NOUN;
		if ((rc = need(c, "cameo", &e->cameo)) || (rc = need(c, "lemma", &e->lemma)))
			return rc;
		if (strlen(e->cameo) < 2 || strlen(e->cameo) > 4 ||
		    strspn(e->cameo, "0123456789") != strlen(e->cameo))
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "cameo= must be 2 to 4 digits, not '%s'", e->cameo);
		tgt = get(c, "target");
		e->target = tgt ? parse_targets(tgt, &ok) : (e->is_noun ? 0 : TGT_OBJ);
		if (!ok)
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "unknown target '%s'", tgt);
		comp = get(c, "comp");
		if (comp) {
			if (!strcmp(comp, "to"))
				e->comp = COMP_TO;
			else if (!strcmp(comp, "that"))
				e->comp = COMP_THAT;
			else if (!strcmp(comp, "ing"))
				e->comp = COMP_ING;
			else if (!strcmp(comp, "np"))
				e->comp = COMP_NP;
			else if (strcmp(comp, "none"))
				return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
				                     "comp= must be to, that, ing, np or none");
		}
		voice = get(c, "voice");
		e->active_only = voice && !strcmp(voice, "active");
		require = get(c, "require");
		if (require) {
			if (strcmp(require, "target"))
				return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
				                     "require= must be target, not '%s'", require);
			e->need_target = 1;
		}
		light = get(c, "light");
		while (light && *light && e->nlight < 6) {
			size_t n = strcspn(light, ",");
			dkg_buf f = DKG_BUF_INIT;
			dkg_fold_append(&f, light, n);
			if (f.oom)
				return dkg_error_set(c->err, DKG_ENOMEM, c->name, c->line,
				                     "out of memory");
			e->light[e->nlight++] = dkg_token_hash(f.data, f.len);
			dkg_buf_free(&f);
			light += n;
			if (*light == ',')
				light++;
		}
	} else if (KIND("block")) {
		k = LEX_BLOCK;
	} else {
		return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line, "unknown kind '%.*s'",
		                     (int)klen, kind);
	}
#undef KIND
	if (lex->arena.oom)
		return dkg_error_set(c->err, DKG_ENOMEM, c->name, c->line, "out of memory");
	rc = add_forms(c, forms, flen, k, idx);
	if (rc < 0)
		return rc;
	for (int i = 0; i < c->nf; i++)
		if (!c->f[i].used)
			return dkg_error_set(c->err, DKG_EPARSE, c->name, c->line,
			                     "unknown key '%.*s' for kind %.*s", (int)c->f[i].klen,
			                     c->f[i].key, (int)klen, kind);
	return 0;
}

static void resolve(dkg_lexicon *lex)
{
	size_t i;
	for (i = 0; i < lex->adjectives.n; i++)
		lex->adjectives.v[i].country = dkg_lexicon_country(lex, lex->adjectives.v[i].code);
	for (i = 0; i < lex->capitals.n; i++) {
		lex_capital *c = &lex->capitals.v[i];
		uint32_t p = map_get(&lex->ids, id_key(LEX_PLACE, c->place_id));
		c->country = dkg_lexicon_country(lex, c->code);
		c->place = p == NONE ? -1 : (int32_t)p;
	}
	(void)slug_lower;
}

static int load_lines(line_ctx *c, const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	dkg_error *err = c->err;
	int rc = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *q, *tab;
		const char *kind, *forms;
		size_t klen, flen;
		c->line++;
		if (e > p && e[-1] == '\r')
			e--;
		if (e == p || *p == '#') {
			p = nl ? nl + 1 : end;
			continue;
		}
		if (memchr(p, '\0', (size_t)(e - p)))
			return dkg_error_set(err, DKG_EPARSE, c->name, c->line, "NUL byte in line");
		kind = p;
		tab = memchr(p, '\t', (size_t)(e - p));
		if (!tab)
			return dkg_error_set(err, DKG_EPARSE, c->name, c->line,
			                     "expected KIND<TAB>FORMS<TAB>key=value...");
		klen = (size_t)(tab - p);
		forms = tab + 1;
		tab = memchr(forms, '\t', (size_t)(e - forms));
		flen = (size_t)((tab ? tab : e) - forms);
		c->nf = 0;
		for (q = tab ? tab + 1 : e; q < e;) {
			const char *t2 = memchr(q, '\t', (size_t)(e - q));
			const char *fe = t2 ? t2 : e;
			const char *eq = memchr(q, '=', (size_t)(fe - q));
			if (fe == q) {
				q = fe + 1;
				continue;
			}
			if (!eq)
				return dkg_error_set(err, DKG_EPARSE, c->name, c->line,
				                     "field '%.*s' is not key=value",
				                     (int)(fe - q > 40 ? 40 : fe - q), q);
			if (c->nf == MAX_FIELDS)
				return dkg_error_set(err, DKG_EPARSE, c->name, c->line,
				                     "too many fields");
			c->f[c->nf].key = q;
			c->f[c->nf].klen = (size_t)(eq - q);
			c->f[c->nf].val = eq + 1;
			c->f[c->nf].vlen = (size_t)(fe - eq - 1);
			c->f[c->nf].used = 0;
			c->nf++;
			q = t2 ? t2 + 1 : e;
		}
		rc = parse_line(c, kind, klen, forms, flen);
		if (rc < 0) {
			if (rc == DKG_ENOMEM && err && !err->message[0])
				dkg_error_set(err, rc, c->name, c->line, "out of memory");
			return rc;
		}
		p = nl ? nl + 1 : end;
	}
	return DKG_OK;
}

static int push_word(dkg_lexicon *lex, uint64_t w)
{
	uint64_t *p = VEC_PUSH(lex->chainrec);
	if (!p)
		return -1;
	*p = w;
	return 0;
}

/*
 * Appends the record of the chain at slot `head` to lex->chainrec: the number
 * of its forms, the first two token hashes they share, then for each form
 * fi | ntok << 32 | case_mode << 40 and its token hashes after the second. The
 * forms go longest first, in chain order among equal lengths (the walk keeps
 * the first it finds of the longest), so a match takes the first that fits.
 * A chain whose forms do not all share the first two hashes (chain keys that
 * collide) or that is too long keeps aux 0: it is walked.
 */
static int index_chain(dkg_lexicon *lex, lex_slot *head)
{
	const uint64_t *h0 = &lex->tokhash.v[lex->forms.v[head->val].toks];
	uint32_t order[256], fi;
	size_t n = 0, k, t, start = lex->chainrec.n;
	head->aux = 0;
	for (fi = head->val; fi != NONE; fi = lex->forms.v[fi].next) {
		const lex_form *f = &lex->forms.v[fi];
		const uint64_t *h = &lex->tokhash.v[f->toks];
		if (n == sizeof order / sizeof order[0] || f->ntok < 2 || h[0] != h0[0] ||
		    h[1] != h0[1])
			return 0;
		for (k = n++; k > 0 && lex->forms.v[order[k - 1]].ntok < f->ntok; k--)
			order[k] = order[k - 1];
		order[k] = fi;
	}
	if (push_word(lex, n) < 0 || push_word(lex, h0[0]) < 0 || push_word(lex, h0[1]) < 0)
		return -1;
	for (k = 0; k < n; k++) {
		const lex_form *f = &lex->forms.v[order[k]];
		if (push_word(lex, order[k] | (uint64_t)f->ntok << 32 |
		                       (uint64_t)f->case_mode << 40) < 0)
			return -1;
		for (t = 2; t < f->ntok; t++)
			if (push_word(lex, lex->tokhash.v[f->toks + t]) < 0)
				return -1;
	}
	if (start > UINT32_MAX - LEX_REC) {
		lex->chainrec.n = start;
		return 0;
	}
	head->aux = (uint32_t)(LEX_REC + start);
	return 0;
}

/* Rebuilds lex->chainrec for every chain of longer forms (after a load; the
 * lexicon is not shared then). Out of memory, every chain is left to be
 * walked: slower, same matches. */
static int index_chains(dkg_lexicon *lex)
{
	lex_slot *slots = lex->by_first.slots;
	size_t i, cap = lex->by_first.cap;
	for (i = 0; i < cap; i++)
		if (slots[i].aux >= LEX_REC)
			slots[i].aux = 0;
	lex->chainrec.n = 0;
	for (i = 0; i < cap; i++)
		if (slots[i].key && lex->forms.v[slots[i].val].ntok > 1 &&
		    index_chain(lex, &slots[i]) < 0) {
			for (i = 0; i < cap; i++)
				if (slots[i].aux >= LEX_REC)
					slots[i].aux = 0;
			return DKG_ENOMEM;
		}
	return 0;
}

int dkg_lexicon_load_buffer(dkg_lexicon *lex, const char *name, const char *data, size_t len,
                            dkg_error *err)
{
	line_ctx *c;
	int rc;
	if (lex_unshare(lex) < 0)
		return dkg_error_set(err, DKG_ENOMEM, name ? name : "lexicon", 0, "out of memory");
	c = dkg_calloc(1, sizeof *c);
	if (!c)
		return dkg_error_set(err, DKG_ENOMEM, name ? name : "lexicon", 0, "out of memory");
	c->lex = lex;
	c->name = name ? name : "lexicon";
	c->err = err;
	rc = load_lines(c, data, len);
	dkg_tokens_free(&c->toks);
	dkg_free(c);
	/* after an error too: the forms loaded before it match, faster so */
	if (index_chains(lex) < 0 && rc >= 0)
		rc = dkg_error_set(err, DKG_ENOMEM, name ? name : "lexicon", 0, "out of memory");
	if (rc < 0)
		return rc;
	resolve(lex);
	return DKG_OK;
}

#ifndef DKG_LEXICON_BOOTSTRAP
static int lex_is_empty(const dkg_lexicon *lex)
{
	return !lex->shared && !lex->forms.n && !lex->senses.n && !lex->countries.n &&
	       !lex->adjectives.n && !lex->capitals.n && !lex->orgs.n && !lex->persons.n &&
	       !lex->sectors.n && !lex->places.n && !lex->triggers.n && !lex->ids.n;
}

int dkg_lexicon_load_default(dkg_lexicon *lex, dkg_error *err)
{
	if (lex_is_empty(lex)) {
		/* adopt the tables compiled at build time: what parsing the text
		 * below would build, without the parsing */
		dkg_arena arena = lex->arena;
		*lex = dkg_lexicon_image;
		lex->arena = arena;
		lex->shared = 1;
		return DKG_OK;
	}
	return dkg_lexicon_load_buffer(lex, "default lexicon", dkg_lexicon_default,
	                               dkg_lexicon_default_len, err);
}
#endif

int dkg_lexicon_load_file(dkg_lexicon *lex, const char *path, dkg_error *err)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0, got;
	int rc;
	if (!fp)
		return dkg_error_set(err, DKG_EIO, path, 0, "cannot open lexicon file");
	for (;;) {
		if (cap - n < 65536) {
			char *p;
			cap = cap ? cap * 2 : 65536;
			p = dkg_realloc(data, cap);
			if (!p) {
				dkg_free(data);
				fclose(fp);
				return dkg_error_set(err, DKG_ENOMEM, path, 0, "out of memory");
			}
			data = p;
		}
		got = fread(data + n, 1, cap - n, fp);
		n += got;
		if (!got)
			break;
	}
	if (ferror(fp)) {
		fclose(fp);
		dkg_free(data);
		return dkg_error_set(err, DKG_EIO, path, 0, "cannot read lexicon file");
	}
	fclose(fp);
	rc = dkg_lexicon_load_buffer(lex, path, data, n, err);
	dkg_free(data);
	return rc;
}

/* ---- lookups --------------------------------------------------------------- */

int32_t dkg_lexicon_country(const dkg_lexicon *lex, const char *iso3)
{
	uint32_t i = map_get(&lex->ids, id_key(LEX_COUNTRY, iso3));
	return i == NONE ? -1 : (int32_t)i;
}

static int form_case_ok(const lex_form *f, const dkg_tokens *toks, size_t i, const char *text)
{
	if (f->case_mode == LEX_CASE_ANY)
		return 1;
	if (f->case_mode == LEX_CASE_EXACT) {
		/* compare the text's letters with the form's, ignoring spaces */
		const char *e = f->exact;
		size_t t;
		for (t = i; t < i + f->ntok; t++) {
			const char *s = text + toks->tok[t].start;
			const char *se = text + toks->tok[t].end;
			while (*e == ' ')
				e++;
			while (s < se) {
				if (*e != *s)
					return 0;
				e++;
				s++;
			}
		}
		while (*e == ' ')
			e++;
		return *e == '\0' || (*e == '.' && e[1] == '\0');
	}
	return (toks->tok[i].flags & (DKG_TF_CAP | DKG_TF_ALLCAPS)) != 0;
}

/*
 * Walks one chain of forms for the longest that matches at token i. With no
 * text, exact-case forms cannot be checked and do not match.
 */
static const lex_form *walk_chain(const dkg_lexicon *lex, uint32_t fi, const dkg_tokens *toks,
                                  const char *text, size_t i, size_t end, const lex_form *best)
{
	while (fi != NONE) {
		const lex_form *f = &lex->forms.v[fi];
		if (i + f->ntok <= end && (!best || f->ntok > best->ntok) &&
		    (text || f->case_mode != LEX_CASE_EXACT)) {
			const uint64_t *h = &lex->tokhash.v[f->toks];
			size_t k;
			for (k = 0; k < f->ntok; k++)
				if (toks->tok[i + k].hash != h[k])
					break;
			if (k == f->ntok && form_case_ok(f, toks, i, text))
				best = f;
		}
		fi = f->next;
	}
	return best;
}

/* What walk_chain finds, from the chain's record (index_chain): the longest
 * form longer than `longer` tokens that matches at token i, its length in *n. */
static const lex_form *match_record(const dkg_lexicon *lex, const uint64_t *r,
                                    const dkg_tokens *toks, const char *text, size_t i, size_t end,
                                    size_t longer, size_t *n)
{
	const uint64_t *e = r + 3;
	size_t nforms = (size_t)r[0], k, t;
	if (toks->tok[i].hash != r[1] || toks->tok[i + 1].hash != r[2])
		return NULL;
	for (k = 0; k < nforms; k++) {
		size_t ntok = (size_t)(e[0] >> 32) & 0xff;
		unsigned mode = (unsigned)(e[0] >> 40) & 0xff;
		const lex_form *f = &lex->forms.v[(uint32_t)e[0]];
		if (ntok <= longer)
			break; /* the rest are no longer */
		if (i + ntok <= end && (text || mode != LEX_CASE_EXACT)) {
			for (t = 2; t < ntok; t++)
				if (toks->tok[i + t].hash != e[t - 1])
					break;
			if (t == ntok &&
			    (mode == LEX_CASE_ANY ||
			     (mode == LEX_CASE_CAP
			          ? (toks->tok[i].flags & (DKG_TF_CAP | DKG_TF_ALLCAPS)) != 0
			          : form_case_ok(f, toks, i, text)))) {
				*n = ntok;
				return f;
			}
		}
		e += ntok - 1;
	}
	return NULL;
}

/* One-token forms first, then the forms that start with tokens i and i + 1
 * (the caller, dkg_lexicon_match_text, asked chain_bits which to walk). The
 * common cases read neither lex_form nor tokhash: a lone one-token form's
 * slot says its case, a chain of longer forms has its record. */
size_t dkg_lexicon__match_at(const dkg_lexicon *lex, const dkg_tokens *toks, const char *text,
                             size_t i, size_t end, unsigned which, uint64_t pair,
                             const lex_form **form)
{
	const lex_form *best = NULL, *f;
	size_t n = 0, m = 0;
	if (which & DKG_LEX_ONE) {
		uint64_t h0 = toks->tok[i].hash;
		const lex_slot *head = map_slot(&lex->by_first, h0);
		/* the key of a lone form's slot is the token's hash (but for 0 and 1,
		 * which share a key): no need to compare it */
		if (head && h0 > 1 && head->aux == LEX_LONE + LEX_CASE_ANY) {
			best = &lex->forms.v[head->val];
			n = 1;
		} else if (head && h0 > 1 && head->aux == LEX_LONE + LEX_CASE_CAP) {
			if (toks->tok[i].flags & (DKG_TF_CAP | DKG_TF_ALLCAPS)) {
				best = &lex->forms.v[head->val];
				n = 1;
			}
		} else if (head) {
			best = walk_chain(lex, head->val, toks, text, i, end, NULL);
			n = best ? best->ntok : 0;
		}
	}
	if (which & DKG_LEX_PAIR) {
		const lex_slot *head = map_slot(&lex->by_first, pair);
		if (head && head->aux >= LEX_REC) {
			f = match_record(lex, &lex->chainrec.v[head->aux - LEX_REC], toks, text, i,
			                 end, n, &m);
		} else {
			f = walk_chain(lex, head ? head->val : NONE, toks, text, i, end, best);
			f = f == best ? NULL : f;
			m = f ? f->ntok : 0;
		}
		if (f) {
			best = f;
			n = m;
		}
	}
	*form = best;
	return n;
}

const dkg_actor *dkg_person_actor(const lex_person *p, const char *date, int *in_office)
{
	size_t i;
	const lex_office *best = NULL;
	*in_office = 0;
	if (!p->noffices)
		return &p->base;
	if (!date || !*date) {
		/* no date: the most recent office */
		for (i = 0; i < p->noffices; i++)
			if (!best || strcmp(p->offices[i].from, best->from) > 0)
				best = &p->offices[i];
		*in_office = 1;
		return &best->actor;
	}
	for (i = 0; i < p->noffices; i++) {
		const lex_office *o = &p->offices[i];
		if ((!o->from[0] || strcmp(o->from, date) <= 0) &&
		    (!o->to[0] || strcmp(date, o->to) <= 0)) {
			/* prefer the higher office: heads of state/government first in file order
			 */
			if (!best)
				best = o;
		}
	}
	if (best) {
		*in_office = 1;
		return &best->actor;
	}
	return &p->base;
}
