/*
 * extract.c - from tokens to events: lexicon matching, actor phrases with
 * coreference, trigger patterns (subject, object, target, complement, place,
 * date, modality, polarity, attribution, retraction).
 *
 * The method is shallow and deterministic: one left-to-right pass builds
 * actor phrases (titles, adjectives, sectors, names, "of"-phrases,
 * coordination) while keeping a document-level memory of who was mentioned;
 * a second pass reads each trigger's verb group, then looks left for its
 * subject and right for its object, target and complement.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "dkg/extract.h"
#include "dkg/ontology.h"
#include "lexicon_int.h"
#include "result.h"
#include "text.h"

#define MAX_PHRASES  128
#define MAX_TRIGGERS 64
#define MAX_SENT     4096
#define MAX_RECENT   24
#define PA_MAX       8

typedef struct phrase {
	size_t ts, te; /* tokens */
	const dkg_actor *actors[PA_MAX];
	size_t nactors;
	const dkg_place *place; /* when the phrase names a place */
	uint8_t governed;       /* preceded by a preposition (the word is in `prep`) */
	uint8_t pronoun;        /* resolved from a pronoun or definite description */
	uint8_t possessive;     /* followed by 's */
	const char *prep;
	const lex_sector *orphan; /* a sector noun with no country ("gunmen", "police") */
	size_t name_s, name_e;    /* an orphan's name, when it names a person */
	uint8_t ethnic;           /* "ethnic Albanians": coded where they live */
	uint8_t own;              /* the subject's own people ("sent troops") */
	const lex_sector *ethnic_sector;
} phrase;

typedef struct trig {
	size_t ts, te;
	const lex_trigger *t;
	int consumed;    /* complement of another trigger */
	int subordinate; /* in a relative, participial, purpose or temporal clause */
	int noun;        /* read as a noun: a noun trigger, or a verb form after a determiner */
	int src_phrase, tgt_phrase;
	size_t obj_end; /* last token used by the object/complement */
} trig;

typedef struct recent {
	const dkg_actor *a;
	size_t sentence; /* where it was last mentioned */
} recent;

struct dkg_extractor {
	const dkg_lexicon *lex;
	dkg_extract_options opts;
	dkg_tokens toks;
	const lex_form **form; /* per token: the form starting here (or NULL) */
	uint8_t *span;         /* per token: tokens covered by that form */
	size_t ann_cap;
	phrase ph[MAX_PHRASES];
	size_t nph;
	int *ph_at;        /* per token: phrase index covering it, or -1 */
	uint32_t *cand;    /* tokens of the sentence where a phrase may start */
	size_t ncand;      /* (all tokens with a form among them) */
	unsigned sent_cls; /* closed-class lists of the sentence's tokens, or'ed */
	trig tr[MAX_TRIGGERS];
	size_t ntr;
	size_t sent_ends[MAX_SENT];
	/* document state */
	const dkg_document *doc;
	dkg_result *res;
	long anchor;
	const char *date_str;
	recent persons[MAX_RECENT];
	size_t npersons;
	const dkg_actor *last_actor, *last_state;
	size_t last_actor_sent, last_state_sent; /* sentences where they were named */
	const dkg_place *dateline;
	size_t doc_first_event; /* events of this document start here */
};

/* ---- closed-class words ----------------------------------------------------- */

/* Whether token i is the folded word w. Inlined with a literal w, the length
 * test and the compare of a few bytes replace a call to strcmp. */
static inline int is_word(const dkg_tokens *t, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < t->n && t->tok[i].nlen == n && !memcmp(dkg_tok_norm(t, i), w, n);
}

static const char *const PREPS[] = {
    "of",      "in",      "at",     "with",   "to",     "from",      "for",   "by",      "on",
    "against", "between", "among",  "over",   "about",  "including", "than",  "into",    "near",
    "toward",  "towards", "across", "within", "inside", "outside",   "under", "without", "upon",
    "during",  "through", "like",   "behind", "beyond", "via",       NULL};
static const char *const DETS[] = {"the",   "a",       "an",      "its",   "their", "both",
                                   "all",   "some",    "several", "two",   "three", "many",
                                   "other", "another", "these",   "those", "this",  "that",
                                   "his",   "her",     "our",     "your",  NULL};
static const char *const MODIFIERS[] = {
    "senior",       "top",          "former",   "deputy",     "acting",
    "new",          "then",         "chief",    "local",      "high",
    "high-ranking", "leading",      "hardline", "moderate",   "visiting",
    "outgoing",     "incoming",     "interim",  "newly",      "elected",
    "exiled",       "armed",        "security", "junior",     "vice",
    "assistant",    "lead",         "special",  "military",   "civilian",
    "state",        "federal",      "national", "regional",   "provincial",
    "western",      "eastern",      "northern", "southern",   "central",
    "islamic",      "muslim",       "ethnic",   "rival",      "pro-government",
    "government",   "opposition",   "rebel",    "separatist", "allied",
    "coalition",    "peacekeeping", "border",   "riot",       "foreign",
    "defence",      "defense",      "army",     "police",     "naval",
    "air",          "nuclear",      "u.n",      "un",         "un-backed",
    "u.s.-backed",  "ruling",       NULL};
/* "thousands of Nigerians", "a group of refugees": the actor is the head */
static const char *const QUANTITIES[] = {
    "thousands",  "hundreds",   "dozens",  "millions", "scores",
    "tens",       "group",      "groups",  "members",  "member",
    "some",       "many",       "most",    "all",      "one",
    "two",        "three",      "several", "number",   "crowd",
    "crowds",     "delegation", "team",    "leaders",  "representatives",
    "supporters", "officials",  "units",   "unit",     "elements",
    "band",       "contingent", NULL};
static const char *const AUX_BE[] = {"is",  "are", "was",  "were", "be",  "been", "being",
                                     "get", "got", "gets", "'s",   "'re", NULL};
static const char *const AUX[] = {"has",   "have",  "had",    "do",  "does",   "did", "will",
                                  "would", "shall", "should", "can", "could",  "may", "might",
                                  "must",  "'ll",   "'d",     "'ve", "having", "to",  NULL};
static const char *const ADVERBS[] = {
    "also",        "still",       "already",    "again",       "further",     "then",
    "later",       "now",         "reportedly", "allegedly",   "recently",    "formally",
    "publicly",    "repeatedly",  "jointly",    "strongly",    "quickly",     "finally",
    "yet",         "just",        "even",       "only",        "once",        "officially",
    "effectively", "immediately", "apparently", "last",        "this",        "week",
    "on",          "friday",      "monday",     "tuesday",     "wednesday",   "thursday",
    "saturday",    "sunday",      "today",      "yesterday",   "instead",     "openly",
    "sharply",     "firmly",      "swiftly",    "unanimously", "tentatively", NULL};
static const char *const REPORTING[] = {
    "said",       "says",         "say",      "told",      "tells",  "added",    "stated",
    "announced",  "claimed",      "reported", "insisted",  "noted",  "argued",   "explained",
    "declared",   "confirmed",    "quoted",   "according", "saying", "stressed", "asserted",
    "maintained", "acknowledged", "wrote",    "admitted",  NULL};
static const char *const CLAUSE_STOP[] = {"that",    "which", "who",     "whom",  "whose",
                                          "because", "while", "when",    "where", "although",
                                          "though",  "if",    "unless",  "but",   "so",
                                          "since",   "until", "whereas", NULL};

static int is_punct(const dkg_tokens *t, size_t i)
{
	return t->tok[i].type == DKG_TOK_PUNCT;
}

static int is_comma_like(const dkg_tokens *t, size_t i)
{
	const char *w = dkg_tok_norm(t, i);
	return is_punct(t, i) &&
	       (w[0] == ',' || w[0] == ';' || w[0] == ':' ||
	        (t->tok[i].flags & (DKG_TF_DASH | DKG_TF_QUOTE)) || w[0] == '(' || w[0] == ')');
}

static void class_build(void);
static pthread_once_t class_once;

/* ---- life cycle --------------------------------------------------------------- */

int dkg_extractor_new(dkg_extractor **out, const dkg_lexicon *lex, const dkg_extract_options *opts)
{
	dkg_extractor *ex;
	dkg_extract_options def = DKG_EXTRACT_OPTIONS_INIT;
	*out = NULL;
	if (!lex)
		return DKG_EINVAL;
	pthread_once(&class_once, class_build);
	ex = dkg_calloc(1, sizeof *ex);
	if (!ex)
		return DKG_ENOMEM;
	ex->lex = lex;
	ex->opts = opts ? *opts : def;
	if (!ex->opts.max_sentence_bytes)
		ex->opts.max_sentence_bytes = def.max_sentence_bytes;
	if (!ex->opts.max_tokens || ex->opts.max_tokens > 4096)
		ex->opts.max_tokens = def.max_tokens;
	if (!ex->opts.max_events_per_sentence)
		ex->opts.max_events_per_sentence = def.max_events_per_sentence;
	*out = ex;
	return DKG_OK;
}

void dkg_extractor_free(dkg_extractor *ex)
{
	if (!ex)
		return;
	dkg_tokens_free(&ex->toks);
	dkg_free(ex->form);
	dkg_free(ex->span);
	dkg_free(ex->ph_at);
	dkg_free(ex->cand);
	dkg_free(ex);
}

static int ensure_ann(dkg_extractor *ex, size_t n)
{
	if (n <= ex->ann_cap)
		return 0;
	{
		size_t cap = n < 1024 ? 1024 : n * 2;
		const lex_form **f = dkg_realloc((void *)ex->form, cap * sizeof *f);
		uint8_t *s;
		int *p;
		uint32_t *c;
		if (!f)
			return -1;
		ex->form = f;
		s = dkg_realloc(ex->span, cap);
		if (!s)
			return -1;
		ex->span = s;
		p = dkg_realloc(ex->ph_at, cap * sizeof *p);
		if (!p)
			return -1;
		ex->ph_at = p;
		c = dkg_realloc(ex->cand, cap * sizeof *c);
		if (!c)
			return -1;
		ex->cand = c;
		ex->ann_cap = cap;
	}
	return 0;
}

/* ---- actors --------------------------------------------------------------------- */

/* Two strings are equal; the first bytes, which differ in most pairs
 * compared here (ids, sector codes), are tested before a call to strcmp. */
static inline int str_eq(const char *a, const char *b)
{
	return a[0] == b[0] && !strcmp(a, b);
}

static const char *sector_label(const char *sector)
{
	static const char *const map[][2] = {{"GOV", "government"},
	                                     {"MIL", "military"},
	                                     {"COP", "police"},
	                                     {"REB", "rebels"},
	                                     {"OPP", "opposition"},
	                                     {"LEG", "legislature"},
	                                     {"JUD", "judiciary"},
	                                     {"MED", "media"},
	                                     {"REF", "refugees"},
	                                     {"CVL", "civilians"},
	                                     {"BUS", "business"},
	                                     {"SPY", "intelligence"},
	                                     {"ELI", "elites"},
	                                     {"EDU", "education"},
	                                     {"HLH", "health"},
	                                     {"LAB", "labour"},
	                                     {"AGR", "agriculture"},
	                                     {"IGO", "international organization"},
	                                     {"NGO", "non-governmental organization"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (str_eq(sector, map[i][0]))
			return map[i][1];
	return sector;
}

/* Writes a, sep and b into out[cap] as snprintf "%s%s%s" would, cut to
 * cap - 1 bytes and terminated: snprintf took three quarters of composite. */
static void concat3(char *out, size_t cap, const char *a, const char *sep, const char *b)
{
	const char *part[3] = {a, sep, b};
	size_t n = 0;
	for (int k = 0; k < 3; k++) {
		size_t m = strlen(part[k]);
		if (m > cap - 1 - n)
			m = cap - 1 - n;
		memcpy(out + n, part[k], m);
		n += m;
	}
	out[n] = '\0';
}

/* A country+sector actor ("RUSGOV"), owned by the result. */
static const dkg_actor *composite(dkg_extractor *ex, const lex_country *c, const char *sector,
                                  const char *role)
{
	dkg_result *r = ex->res;
	dkg_actor *a = dkg_result_alloc(r, sizeof *a);
	char code[32], id[32], label[256];
	size_t i;
	if (!a)
		return NULL;
	concat3(code, sizeof code, c->actor.code, "", sector);
	for (i = 0; code[i] && i + 1 < sizeof id; i++)
		id[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
	id[i] = '\0';
	concat3(label, sizeof label, c->actor.label, " ", sector_label(sector));
	a->code = dkg_result_strndup(r, code, strlen(code));
	a->id = dkg_result_strndup(r, id, strlen(id));
	a->label = dkg_result_strndup(r, label, strlen(label));
	a->country = c->actor.code;
	a->role = role;
	a->kind = str_eq(sector, "GOV") || str_eq(sector, "MIL") || str_eq(sector, "LEG") ||
	                  str_eq(sector, "JUD") || str_eq(sector, "COP")
	              ? DKG_ACTOR_ORGANIZATION
	              : DKG_ACTOR_GROUP;
	if (!a->code || !a->id || !a->label)
		return NULL;
	return a;
}

/* A person named in the text but not in the lexicon ("Defence Secretary Tom King"). */
static const dkg_actor *adhoc_person(dkg_extractor *ex, size_t ts, size_t te, const lex_country *c,
                                     const char *sector, const char *role)
{
	dkg_result *r = ex->res;
	const char *text = ex->doc->text;
	dkg_actor *a = dkg_result_alloc(r, sizeof *a);
	dkg_buf id = DKG_BUF_INIT, label = DKG_BUF_INIT;
	char code[32];
	size_t i;
	if (!a)
		return NULL;
	for (i = ts; i < te; i++) {
		const char *w = dkg_tok_norm(&ex->toks, i);
		if (i > ts) {
			dkg_buf_putc(&label, ' ');
			dkg_buf_putc(&id, '-');
		}
		dkg_buf_put(&label, text + ex->toks.tok[i].start,
		            ex->toks.tok[i].end - ex->toks.tok[i].start);
		for (; *w; w++)
			if ((*w >= 'a' && *w <= 'z') || (*w >= '0' && *w <= '9'))
				dkg_buf_putc(&id, *w);
	}
	dkg_buf_putc(&id, '-');
	for (const char *p = c->actor.code; *p; p++)
		dkg_buf_putc(&id, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
	concat3(code, sizeof code, c->actor.code, "", sector ? sector : "");
	a->id = dkg_result_strndup(r, id.data, id.len);
	a->label = dkg_result_strndup(r, label.data, label.len);
	a->code = dkg_result_strndup(r, code, strlen(code));
	a->country = c->actor.code;
	a->role = role;
	a->kind = DKG_ACTOR_PERSON;
	dkg_buf_free(&id);
	dkg_buf_free(&label);
	if (!a->id || !a->label || !a->code)
		return NULL;
	return a;
}

/* The identity of a person across the offices held */
static const char *person_key(const dkg_actor *a)
{
	return a->person ? a->person->id : a->id;
}

static void remember(dkg_extractor *ex, const dkg_actor *a)
{
	size_t i;
	if (!a)
		return;
	ex->last_actor = a;
	ex->last_actor_sent = ex->res ? ex->res->nsentences : 0;
	if (a->kind == DKG_ACTOR_STATE) {
		ex->last_state = a;
		ex->last_state_sent = ex->last_actor_sent;
	}
	if (a->kind != DKG_ACTOR_PERSON)
		return;
	for (i = 0; i < ex->npersons; i++)
		if (str_eq(person_key(ex->persons[i].a), person_key(a))) {
			memmove(&ex->persons[i], &ex->persons[i + 1],
			        (ex->npersons - i - 1) * sizeof ex->persons[0]);
			ex->npersons--;
			break;
		}
	if (ex->npersons == MAX_RECENT) {
		memmove(&ex->persons[0], &ex->persons[1], (MAX_RECENT - 1) * sizeof ex->persons[0]);
		ex->npersons--;
	}
	ex->persons[ex->npersons].sentence = ex->res ? ex->res->nsentences : 0;
	ex->persons[ex->npersons++].a = a;
}

/* The most recent person, optionally of a country and with a role containing `role`. */
static const dkg_actor *recent_person(dkg_extractor *ex, const char *country, const char *role)
{
	size_t i = ex->npersons;
	while (i-- > 0) {
		const dkg_actor *a = ex->persons[i].a;
		/* the person's own country, also when an international office hides it */
		const char *cc = a->country ? a->country : a->person ? a->person->country : NULL;
		if (country && (!cc || strcmp(cc, country)))
			continue;
		if (role && (!a->role || !strstr(a->role, role)))
			continue;
		return a;
	}
	return NULL;
}

static int person_recently_seen(dkg_extractor *ex, const char *id)
{
	for (size_t i = 0; i < ex->npersons; i++)
		if (str_eq(person_key(ex->persons[i].a), id))
			return 1;
	return 0;
}

static int person_form_seen(dkg_extractor *ex, const lex_form *f)
{
	const dkg_lexicon *lex = ex->lex;
	for (uint32_t sn = f->senses; sn != UINT32_MAX; sn = lex->senses.v[sn].next)
		if (lex->senses.v[sn].kind == LEX_PERSON &&
		    person_recently_seen(ex, lex->persons.v[lex->senses.v[sn].idx]->base.id))
			return 1;
	return 0;
}

/* Chooses among the person senses of a form: one already mentioned, else one
 * in office on the document date, else the first. */
/* The person of a form's last person sense. */
static const lex_person *last_person(dkg_extractor *ex, const lex_form *f)
{
	const lex_person *p = NULL;
	for (uint32_t sn = f->senses; sn != UINT32_MAX; sn = ex->lex->senses.v[sn].next)
		if (ex->lex->senses.v[sn].kind == LEX_PERSON)
			p = ex->lex->persons.v[ex->lex->senses.v[sn].idx];
	return p;
}

/* The document's year lies within five years of the person's offices. */
static int near_office(dkg_extractor *ex, const lex_person *p)
{
	int year, lo = 9999, hi = 0;
	if (!p || !ex->date_str || strlen(ex->date_str) < 4)
		return 0;
	year = atoi(ex->date_str);
	for (size_t o = 0; o < p->noffices; o++) {
		int from = p->offices[o].from[0] ? atoi(p->offices[o].from) : 0;
		int to = p->offices[o].to[0] ? atoi(p->offices[o].to) : 9999;
		if (from < lo)
			lo = from;
		if (to > hi)
			hi = to;
	}
	return p->noffices && year >= lo - 5 && year <= hi + 5;
}

static const dkg_actor *pick_person(dkg_extractor *ex, const lex_form *f, const lex_sector *title,
                                    int honorific)
{
	const dkg_lexicon *lex = ex->lex;
	const dkg_actor *first = NULL, *in_office_pick = NULL, *titled = NULL;
	size_t npersons = 0;
	uint32_t s, last_idx = UINT32_MAX;
	for (s = f->senses; s != UINT32_MAX; s = lex->senses.v[s].next) {
		const lex_sense *sn = &lex->senses.v[s];
		const lex_person *p;
		const dkg_actor *a;
		int in_office;
		if (sn->kind != LEX_PERSON)
			continue;
		p = lex->persons.v[sn->idx];
		if (sn->idx != last_idx)
			npersons++; /* a person's lines (one per office) come one after another */
		last_idx = sn->idx;
		a = dkg_person_actor(p, ex->date_str, &in_office);
		if (person_recently_seen(ex, p->base.id))
			return a;
		if (!first)
			first = a;
		if (in_office && !in_office_pick)
			in_office_pick = a;
		/* "President Dos Santos": a title matching one of the person's offices */
		if (title && title->role && !titled)
			for (size_t o = 0; o < p->noffices; o++)
				if (p->offices[o].actor.role &&
				    !strcmp(p->offices[o].actor.role, title->role)) {
					titled = a;
					break;
				}
	}
	/* a bare surname ("Miller", "Marrero", "Ahmed") names a known person only
	 * when one of that name holds office on the document's date, a title
	 * matches one of the person's offices, it is the only person of that name
	 * and the date is near the person's years in office, or the person was named
	 * in full before: other people share surnames. A title that matches none of
	 * the offices ("Judge Marrero") means someone else. */
	if (f->ntok == 1) {
		if (title && title->role && !titled)
			return NULL;
		if (!in_office_pick) {
			if (titled)
				return titled;
			if (npersons == 1 && (honorific || near_office(ex, last_person(ex, f))))
				return first;
			return NULL;
		}
	}
	return in_office_pick ? in_office_pick : first;
}

static int form_has(const dkg_lexicon *lex, const lex_form *f, int kind, uint32_t *idx)
{
	uint32_t s;
	/* the form's mask answers most questions without reading its senses */
	if (!f || !(f->kinds & (1u << kind)))
		return 0;
	if (!idx)
		return 1;
	for (s = f->senses; s != UINT32_MAX; s = lex->senses.v[s].next)
		if (lex->senses.v[s].kind == kind) {
			if (idx)
				*idx = lex->senses.v[s].idx;
			return 1;
		}
	return 0;
}

/* the senses that name an actor or a place */
#define FORM_ACTORISH                                                                              \
	(1u << LEX_COUNTRY | 1u << LEX_ADJECTIVE | 1u << LEX_CAPITAL | 1u << LEX_ORG |             \
	 1u << LEX_PERSON | 1u << LEX_PLACE)

static int form_is_actorish(const lex_form *f)
{
	return f && (f->kinds & FORM_ACTORISH);
}

static int is_cap_word(const dkg_tokens *t, size_t i)
{
	return t->tok[i].type == DKG_TOK_WORD && (t->tok[i].flags & DKG_TF_CAP);
}

static const char *const PRONOUN_PERSON[] = {"he", "she", "him", "his", "her", NULL};
static const char *const PRONOUN_GROUP[] = {"they", "them", "their", NULL};

static const char *const STOPS_LIST[] = {
    "in",     "on",     "at",     "near",  "from",    "into",   "across", "along",
    "within", "inside", "before", "after", "during",  "if",     "unless", "but",
    "and",    "or",     "while",  "as",    "because", "that",   "which",  "who",
    "until",  "since",  "amid",   "over",  "against", "with",   "to",     "for",
    "by",     "last",   "next",   "this",  "on",      "unless", "when",   NULL};
static const char *const SAY_LIST[] = {
    "said",      "says",     "say",      "declared", "announced", "insisted", "reiterated",
    "concluded", "stated",   "stressed", "warned",   "told",      "demanded", "argued",
    "added",     "believes", "urged",    "wrote",    "asserted",  NULL};
/* verbs that continue, renew or intensify an act named by a noun */
static const char *const PHASE_VERBS[] = {
    "stepped",     "steps",      "step",         "stepping",   "intensified",
    "intensifies", "intensify",  "intensifying", "escalated",  "escalates",
    "escalate",    "escalating", "resumed",      "resumes",    "resume",
    "resuming",    "renewed",    "renews",       "renew",      "renewing",
    "continued",   "continues",  "continue",     "continuing", NULL};
/* nouns whose to-infinitive is only proposed ("a plan to hold talks") */
static const char *const PROPOSALS[] = {"proposal",   "proposals",  "request", "requests",
                                        "invitation", "initiative", "idea",    "attempt",
                                        "attempts",   "effort",     "efforts", NULL};
/* words before a to-infinitive that make it intended ("plans to meet") */
static const char *const INTENT_GOVERNORS[] = {
    "plans",     "plan",     "planned", "planning", "intends",   "intend", "intended",
    "intending", "expected", "wants",   "want",     "hopes",     "hope",   "hoping",
    "going",     "set",      "due",     "prepared", "preparing", "ready",  "willing",
    "offered",   "offers",   "aims",    "aim",      "aiming",    NULL};
/* Verbs whose object is the subject's own people: one sends, deploys or
 * withdraws one's own troops, inspectors or observers. */
static const char *const SEND_VERBS[] = {
    "send",       "sends",       "sent",        "sending",    "dispatch",   "dispatches",
    "dispatched", "dispatching", "deploy",      "deploys",    "deployed",   "deploying",
    "station",    "stations",    "stationed",   "stationing", "withdraw",   "withdraws",
    "withdrew",   "withdrawn",   "withdrawing", "mobilize",   "mobilizes",  "mobilized",
    "mobilizing", "mobilise",    "mobilises",   "mobilised",  "mobilising", "mass",
    "massed",     "massing",     "recall",      "recalled",   "recalls",    "recalling",
    NULL};
/* nouns of a charge or report whose that-clause is only alleged */
static const char *const CLAIMS[] = {"charge",     "charges",     "accusation",  "accusations",
                                     "allegation", "allegations", "claim",       "claims",
                                     "report",     "reports",     "rumours",     "rumors",
                                     "denial",     "suggestion",  "suggestions", NULL};
/* violent means: an attack named by its weapon or its doers */
static const char *const MEANS[] = {
    "bomb",       "bombs",    "bombing",   "bombings",   "blast",      "blasts",    "explosion",
    "explosions", "attack",   "attacks",   "attacker",   "attackers",  "bomber",    "bombers",
    "device",     "devices",  "mine",      "mines",      "landmine",   "missile",   "missiles",
    "rocket",     "rockets",  "shell",     "shells",     "shelling",   "mortar",    "mortars",
    "grenade",    "grenades", "airstrike", "airstrikes", "strike",     "strikes",   "raid",
    "raids",      "ambush",   "gunfire",   "gunmen",     "gunman",     "ied",       "sniper",
    "snipers",    "drone",    "drones",    "shooting",   "assailants", "militants", NULL};
/* words that join or end a clause before a verb */
static const char *const CLAUSE_JOINS[] = {"and", "but", "that", NULL};
/* words that may open a condition ("if", "provided that", "on condition") */
static const char *const CONDITIONS[] = {"if", "unless", "provided", "on", NULL};
static const char *const SUBORDINATORS_LIST[] = {
    "after",   "following", "before",   "since",  "amid",   "when", "while", "as",
    "whereas", "because",   "although", "though", "unless", "if",   "until", NULL};

/* pronouns other than the personal and group ones that make a phrase alone */
static const char *const PHRASE_OPENERS[] = {"it", "its", NULL};
/* honorifics: a phrase when a capitalised name follows */
static const char *const HONORIFICS[] = {"mr", "mrs", "ms", "dr", NULL};
/* words tested together often enough to be a list: one bit test replaces a
 * chain of string compares */
static const char *const REL_WORDS[] = {"who", "which", "whose", "whom", "where", NULL};
static const char *const NOUN_DETS[] = {"a", "an", "the", "its", "their", "his", "her", "'s", NULL};
static const char *const DEMAND_MODALS[] = {"must", "should", NULL};
static const char *const SPEAKERS[] = {"i", "we", "you", "she", "he", "they", NULL};
/* the verb group: polarity and modality */
static const char *const NEGATIONS[] = {"not", "n't", "never", "no", NULL};
static const char *const FUTURE_AUX[] = {"will", "shall", "'ll", "would", NULL};
static const char *const POSSIBLE_AUX[] = {"may", "might", "could", "can", NULL};

/*
 * Closed-class word lists are looked up by hash: one probe per question
 * instead of a scan of the list. The table maps a word's hash to the set of
 * lists holding it; it is built once for the process.
 */
/* (laid out by hand: clang-format puts one list a line past 30 of them) */
/* clang-format off */
static const char *const *const CLOSED_LISTS[] = {
    PREPS,              DETS,               MODIFIERS,          QUANTITIES,         AUX_BE,
    AUX,                ADVERBS,            REPORTING,          CLAUSE_STOP,        PRONOUN_PERSON,
    PRONOUN_GROUP,      STOPS_LIST,         SAY_LIST,           SUBORDINATORS_LIST, PHRASE_OPENERS,
    HONORIFICS,         REL_WORDS,          NOUN_DETS,          DEMAND_MODALS,      SPEAKERS,
    NEGATIONS,          FUTURE_AUX,         POSSIBLE_AUX,       SEND_VERBS,         INTENT_GOVERNORS,
    PHASE_VERBS,        PROPOSALS,          CLAIMS,             MEANS,              CLAUSE_JOINS,
    CONDITIONS};
/* clang-format on */
#define NLISTS (sizeof CLOSED_LISTS / sizeof CLOSED_LISTS[0])
enum {
	CL_PREPS = 1 << 0,
	CL_DETS = 1 << 1,
	CL_MODIFIERS = 1 << 2,
	CL_QUANTITIES = 1 << 3,
	CL_AUX_BE = 1 << 4,
	CL_AUX = 1 << 5,
	CL_ADVERBS = 1 << 6,
	CL_REPORTING = 1 << 7,
	CL_CLAUSE_STOP = 1 << 8,
	CL_PRONOUN_PERSON = 1 << 9,
	CL_PRONOUN_GROUP = 1 << 10,
	CL_STOPS_LIST = 1 << 11,
	CL_SAY_LIST = 1 << 12,
	CL_SUBORDINATORS_LIST = 1 << 13,
	CL_PHRASE_OPENERS = 1 << 14,
	CL_HONORIFICS = 1 << 15,
	CL_REL_WORDS = 1 << 16,
	CL_NOUN_DETS = 1 << 17,
	CL_DEMAND_MODALS = 1 << 18,
	CL_SPEAKERS = 1 << 19,
	CL_NEGATIONS = 1 << 20,
	CL_FUTURE_AUX = 1 << 21,
	CL_POSSIBLE_AUX = 1 << 22,
	CL_SEND_VERBS = 1 << 23,
	CL_INTENT_GOVERNORS = 1 << 24,
	/* a word of none of the lists above is a plain word (read so before the
	 * lists below joined the table) */
	CL_PLAIN_TEST = (1 << 25) - 1,
	/* lists of content words, in the table for a one-probe test */
	CL_PHASE_VERBS = 1 << 25,
	CL_PROPOSALS = 1 << 26,
	CL_CLAIMS = 1 << 27,
	CL_MEANS = 1 << 28,
	CL_CLAUSE_JOINS = 1 << 29,
	CL_CONDITIONS = 1 << 30, /* the last bit an int enumerator holds */
	/* a token without a lexicon form that read_phrase reads as a phrase alone */
	CL_PHRASE_SELF = CL_PRONOUN_PERSON | CL_PRONOUN_GROUP | CL_PHRASE_OPENERS,
	/* one that leads into a phrase only before a form, another such word or a
	 * capitalised name: "the", "ethnic", "Mr." */
	CL_PHRASE_LEAD = CL_DETS | CL_MODIFIERS | CL_HONORIFICS,
	CL_PHRASE_START = CL_PHRASE_SELF | CL_PHRASE_LEAD,
};

/*
 * Closed-class words by the hashes of their folded forms, which are the
 * tokens' own 64-bit hashes (as trusted as the lexicon's matching, which
 * compares hashes only). Every token is looked up, and half of them are
 * closed-class words, so a probe that stops at a hit or at an empty slot
 * mispredicts at random. Here a token's bucket holds two words, both
 * compared without a branch; the hashes (32 KB) lie apart from the lists.
 * The bucket is taken from the bits of the hash where no three words meet,
 * found when the table is built, so one bucket is all a lookup reads.
 */
#define CLASS_BUCKETS 2048 /* some 440 words */
#define CLASS_WAYS    2
#define CLASS_WORDS   640 /* words of all lists, some 570 */

static uint64_t class_hash[CLASS_BUCKETS][CLASS_WAYS]; /* 0: an empty way */
static uint32_t class_lists[CLASS_BUCKETS][CLASS_WAYS];
static unsigned class_shift; /* the bucket: (hash >> class_shift) % CLASS_BUCKETS */
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

/* Adds a word to a list; 0 when its bucket holds two other words already. */
static int class_add(uint64_t h, uint32_t bit)
{
	size_t b = (h >> class_shift) & (CLASS_BUCKETS - 1), w;
	for (w = 0; w < CLASS_WAYS && class_hash[b][w] && class_hash[b][w] != h; w++)
		;
	if (w == CLASS_WAYS)
		return 0;
	class_hash[b][w] = h;
	class_lists[b][w] |= bit;
	return 1;
}

static void class_build(void)
{
	uint64_t h[CLASS_WORDS];
	uint32_t bit[CLASS_WORDS];
	size_t n = 0;
	for (size_t l = 0; l < NLISTS; l++)
		for (const char *const *w = CLOSED_LISTS[l]; *w; w++) {
			if (n == CLASS_WORDS)
				abort(); /* the lists are constants: any test run shows this */
			h[n] = dkg_token_hash(*w, strlen(*w));
			bit[n++] = 1u << l;
		}
	for (class_shift = 0; class_shift <= 64 - 11; class_shift++) {
		size_t k;
		for (k = 0; k < n && class_add(h[k], bit[k]); k++)
			;
		if (k == n)
			return;
		/* empty the buckets filled so far and try the next bits */
		while (k-- > 0) {
			size_t b = (h[k] >> class_shift) & (CLASS_BUCKETS - 1);
			memset(class_hash[b], 0, sizeof class_hash[b]);
			memset(class_lists[b], 0, sizeof class_lists[b]);
		}
	}
	abort();
}

/* The lists holding the word of hash h (0: none, the most common answer). */
static inline uint32_t word_lists(uint64_t h)
{
	size_t b = (h >> class_shift) & (CLASS_BUCKETS - 1);
	/* both ways' lists loaded first: the first way's, read for most words
	 * found, is chosen without a branch (the second's may take one, which
	 * the compiler prefers and which the few words there rarely mispredict) */
	uint32_t l0 = class_lists[b][0], l1 = class_lists[b][1];
	return (class_hash[b][0] == h ? l0 : 0) | (class_hash[b][1] == h ? l1 : 0);
}

/* Whether w is in a list kept out of the closed-class table (rarely read). */
static int in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if ((*list)[0] == w[0] && !strcmp(w, *list))
			return 1;
	return 0;
}

/* Token i is in the lists of `bits` (the token's lists are set once per sentence). */
static inline int tok_cl(const dkg_tokens *t, size_t i, unsigned bits)
{
	return (t->tok[i].cls & bits) != 0;
}

/*
 * Empties a phrase field by field: read_phrase runs at nearly every token, and
 * a memset of the whole struct compiles to `rep stos`, which took a third of
 * phrase building. Debug builds (the sanitizer tests) fill the phrase with
 * garbage first, so a field added to the struct and not cleared here shows.
 */
static inline void phrase_clear(phrase *ph)
{
#ifndef NDEBUG
	memset(ph, 0xA5, sizeof *ph);
#endif
	ph->ts = ph->te = 0;
	for (size_t k = 0; k < PA_MAX; k++)
		ph->actors[k] = NULL;
	ph->nactors = 0;
	ph->place = NULL;
	ph->governed = ph->pronoun = ph->possessive = 0;
	ph->prep = NULL;
	ph->orphan = NULL;
	ph->name_s = ph->name_e = 0;
	ph->ethnic = ph->own = 0;
	ph->ethnic_sector = NULL;
}

/* Reads an actor phrase starting at token i; returns its end (i when none,
 * then *ph is left as it was: half the calls find nothing). */
static size_t read_phrase(dkg_extractor *ex, size_t i, size_t e, phrase *ph)
{
	const dkg_lexicon *lex = ex->lex;
	dkg_tokens *t = &ex->toks;
	size_t j = i, name_s = 0, name_e = 0;
	const lex_country *countries[PA_MAX];
	size_t ncountries = 0;
	const lex_sector *sector = NULL, *title = NULL;
	const dkg_actor *named[PA_MAX];
	size_t nnamed = 0;
	const dkg_place *place = NULL;
	int saw_det = 0, saw_content = 0, last_adj = 0, ethnic = 0;
	uint32_t idx;
	/* pronouns */
	if (tok_cl(t, i, CL_PRONOUN_PERSON)) {
		/* "he", "she": a person named in this sentence or the one before; further
		 * back the reader (and dkg) can no longer be sure who is meant */
		const dkg_actor *a = ex->npersons && ex->persons[ex->npersons - 1].sentence + 1 >=
		                                         ex->res->nsentences
		                         ? ex->persons[ex->npersons - 1].a
		                         : NULL;
		if (!a)
			return i;
		phrase_clear(ph);
		ph->ts = i;
		ph->actors[ph->nactors++] = a;
		ph->pronoun = 1;
		/* "his", "her" before a noun are determiners, never subjects */
		ph->possessive =
		    is_word(t, i, "his") || (is_word(t, i, "her") && i + 1 < e &&
		                             !is_punct(t, i + 1) && ex->form[i + 1] == NULL);
		ph->te = i + 1;
		return i + 1;
	}
	if (tok_cl(t, i, CL_PRONOUN_GROUP | CL_PHRASE_OPENERS)) { /* (the openers: "it", "its") */
		/* "they", "it": a state or group named in this or the previous sentence */
		size_t now = ex->res->nsentences;
		const dkg_actor *a =
		    ex->last_state && ex->last_state_sent + 1 >= now   ? ex->last_state
		    : ex->last_actor && ex->last_actor_sent + 1 >= now ? ex->last_actor
		                                                       : NULL;
		if (!a || (a->kind == DKG_ACTOR_PERSON))
			return i;
		phrase_clear(ph);
		ph->ts = i;
		ph->actors[ph->nactors++] = a;
		ph->pronoun = 1;
		ph->possessive = is_word(t, i, "its") || is_word(t, i, "their");
		ph->te = i + 1;
		return i + 1;
	}
	while (j < e) {
		const char *w = dkg_tok_norm(t, j);
		const lex_form *f = ex->form[j];
		size_t n = ex->span[j]; /* 1 where no form starts */
		if (!saw_content && tok_cl(t, j, CL_DETS)) {
			saw_det = 1;
			j++;
			continue;
		}
		if (f && form_has(lex, f, LEX_BLOCK, NULL)) {
			break;
		}
		/* "Montenegro" is a country before it is Mr. Montenegro: a name that is
		 * also a country or capital names a person only after a title or
		 * honorific, or when that person was mentioned already */
		int country_first =
		    f &&
		    (form_has(lex, f, LEX_COUNTRY, NULL) || form_has(lex, f, LEX_CAPITAL, NULL)) &&
		    !title &&
		    !(j > i && tok_cl(t, j - 1, CL_HONORIFICS) && !is_word(t, j - 1, "dr")) &&
		    !person_form_seen(ex, f);
		if (!country_first && f && form_has(lex, f, LEX_PERSON, NULL) &&
		    (t->tok[j].flags & DKG_TF_CAP)) {
			/* "Paul Harvey Pogue": a known surname followed by a capitalised
			 * unknown word is someone's first name */
			int first_name =
			    f->ntok == 1 && j + 1 < e && is_cap_word(t, j + 1) && !ex->form[j + 1];
			const dkg_actor *a =
			    first_name ? NULL
			               : pick_person(ex, f, title,
			                             j > i && tok_cl(t, j - 1, CL_HONORIFICS));
			if (a && nnamed < PA_MAX)
				named[nnamed++] = a;
			else if (!a) {
				/* a surname we cannot pin on anyone: an unknown name */
				if (!name_s)
					name_s = j;
				name_e = j + n;
			}
			saw_content = 1;
			j += n;
			/* a middle initial or a first name before the surname is part of it */
			continue;
		}
		if (f && form_has(lex, f, LEX_ORG, &idx)) {
			if (nnamed < PA_MAX)
				named[nnamed++] = &lex->orgs.v[idx];
			saw_content = 1;
			j += n;
			continue;
		}
		if (f && form_has(lex, f, LEX_COUNTRY, &idx)) {
			if (ncountries < PA_MAX)
				countries[ncountries++] = &lex->countries.v[idx];
			saw_content = 1;
			j += n;
			if (is_word(t, j, "'s") && j + 1 < e) {
				j++; /* "Russia's foreign minister" */
			}
			continue;
		}
		if (f && form_has(lex, f, LEX_ADJECTIVE, &idx)) {
			int32_t ci = lex->adjectives.v[idx].country;
			last_adj = 1;
			if (ci >= 0 && ncountries < PA_MAX)
				countries[ncountries++] = &lex->countries.v[ci];
			saw_content = 1;
			j += n;
			continue;
		}
		if (f && form_has(lex, f, LEX_CAPITAL, &idx)) {
			const lex_capital *c = &lex->capitals.v[idx];
			if (c->country >= 0 && ncountries < PA_MAX)
				countries[ncountries++] = &lex->countries.v[c->country];
			if (c->place >= 0)
				place = &lex->places.v[c->place];
			if (!sector) {
				static const lex_sector gov = {"GOV", NULL, 0};
				sector = &gov; /* "Moscow said": the government */
			}
			saw_content = 1;
			j += n;
			if (is_word(t, j, "'s"))
				j++;
			continue;
		}
		if (f &&
		    (form_has(lex, f, LEX_TITLE, &idx) || form_has(lex, f, LEX_SECTOR, &idx))) {
			const lex_sector *s = &lex->sectors.v[idx];
			if (s->is_title)
				title = s;
			else
				sector = s;
			saw_content = 1;
			j += n;
			continue;
		}
		if (f && form_has(lex, f, LEX_PLACE, &idx) && !saw_content) {
			place = &lex->places.v[idx];
			saw_content = 1;
			j += n;
			break;
		}
		if (tok_cl(t, j, CL_MODIFIERS) && !f) {
			if (!strcmp(w, "ethnic"))
				ethnic = 1;
			j++;
			continue;
		}
		/* "Mr. Vondra": an unknown surname after an honorific */
		if (tok_cl(t, j, CL_HONORIFICS) && j + 1 < e && is_cap_word(t, j + 1)) {
			j++;
			continue;
		}
		/* capitalised unknown words after a title: the person's name */
		if ((title ||
		     (j > i && tok_cl(t, j - 1, CL_HONORIFICS) && !is_word(t, j - 1, "dr"))) &&
		    is_cap_word(t, j) && !f &&
		    !(t->tok[j].flags & DKG_TF_ALLCAPS && t->tok[j].end - t->tok[j].start > 4)) {
			if (!name_s)
				name_s = j;
			while (j < e && (is_cap_word(t, j) || (t->tok[j].flags & DKG_TF_INITIAL)) &&
			       !(ex->form[j] && form_is_actorish(ex->form[j])))
				j++;
			name_e = j;
			saw_content = 1;
			continue;
		}
		/* "Hungarian and Romanian officials" */
		if (ncountries && last_adj && (is_word(t, j, "and") || w[0] == ',') && !sector &&
		    !title && !nnamed && j + 1 < e && ex->form[j + 1] &&
		    form_has(lex, ex->form[j + 1], LEX_ADJECTIVE, NULL)) {
			j++;
			continue;
		}
		break;
	}
	/* post-modifier: "President Dmitri A. Medvedev of Russia", "forces in Guinea" */
	if ((nnamed || title || sector) && !ncountries && j + 1 < e &&
	    (is_word(t, j, "of") || (sector && (is_word(t, j, "in") || is_word(t, j, "from"))))) {
		size_t k = j + 1;
		if (is_word(t, k, "the"))
			k++;
		if (k < e && ex->form[k] && form_has(lex, ex->form[k], LEX_COUNTRY, &idx)) {
			countries[ncountries++] = &lex->countries.v[idx];
			j = k + ex->span[k];
		}
	}
	/* "the Albanians of southern Serbia": a people is coded where it lives */
	if (ncountries == 1 && last_adj && !nnamed && !title && !sector && j + 1 < e &&
	    (is_word(t, j, "of") || is_word(t, j, "in"))) {
		size_t k = j + 1;
		while (k < e && (is_word(t, k, "the") || tok_cl(t, k, CL_MODIFIERS)))
			k++;
		if (k < e && ex->form[k] && form_has(lex, ex->form[k], LEX_COUNTRY, &idx) &&
		    &lex->countries.v[idx] != countries[0]) {
			countries[0] = &lex->countries.v[idx];
			j = k + ex->span[k];
			ethnic = 0; /* the residence is given */
		}
	}
	if (j == i || (!saw_content))
		return i;
	phrase_clear(ph);
	ph->ts = i;
	if (ethnic && ncountries == 1 && last_adj && !nnamed && !title && !name_s) {
		ph->ethnic = 1;
		ph->ethnic_sector = sector;
	}
	/* "Iran's threat": the 's ends a possessor unless a title or sector followed it */
	if (j > i + 1 && is_word(t, j - 1, "'s"))
		j--;
	ph->te = j;
	ph->place = place;
	if (nnamed) {
		for (size_t k = 0; k < nnamed && ph->nactors < PA_MAX; k++)
			ph->actors[ph->nactors++] = named[k];
	} else if (name_s && ncountries) {
		const lex_sector *s = title ? title : sector;
		const dkg_actor *a = adhoc_person(ex, name_s, name_e, countries[0],
		                                  s ? s->sector : "GOV", s ? s->role : NULL);
		if (a)
			ph->actors[ph->nactors++] = a;
	} else if (name_s && !ncountries) {
		/* "Mr. Vondra" seen before with a country */
		for (size_t k = ex->npersons; k-- > 0;) {
			const dkg_actor *a = ex->persons[k].a;
			size_t ln = strlen(a->label),
			       wl = t->tok[name_e - 1].end - t->tok[name_e - 1].start;
			if (ln >= wl && !memcmp(a->label + ln - wl,
			                        ex->doc->text + t->tok[name_e - 1].start, wl)) {
				ph->actors[ph->nactors++] = a;
				break;
			}
		}
		/* "Vice-President Moody Awori": a titled person whose country the
		 * sentence gives ("... by the Kenya Anti-Corruption Commission") */
		if (!ph->nactors && title) {
			ph->orphan = title;
			ph->name_s = name_s;
			ph->name_e = name_e;
		}
	} else if (title && saw_det && ncountries == 1) {
		/* "the French president", "the Russian leader" */
		const dkg_actor *a = recent_person(ex, countries[0]->actor.code, NULL);
		if (a) {
			ph->actors[ph->nactors++] = a;
			ph->pronoun = 1;
		} else {
			a = composite(ex, countries[0], title->sector, title->role);
			if (a)
				ph->actors[ph->nactors++] = a;
		}
	} else if (title && saw_det && !ncountries && !sector) {
		/* "the minister": the most recent person with that role */
		const dkg_actor *a = recent_person(ex, NULL, title->role);
		if (a) {
			ph->actors[ph->nactors++] = a;
			ph->pronoun = 1;
		}
	} else if (ncountries && (sector || title)) {
		const lex_sector *s = sector ? sector : title;
		for (size_t k = 0; k < ncountries && ph->nactors < PA_MAX; k++) {
			const dkg_actor *a = composite(ex, countries[k], s->sector, s->role);
			if (a)
				ph->actors[ph->nactors++] = a;
		}
	} else if (ncountries) {
		for (size_t k = 0; k < ncountries && ph->nactors < PA_MAX; k++)
			ph->actors[ph->nactors++] = &countries[k]->actor;
		if (ncountries == 1 && !place && !sector && !title)
			ph->place = &countries[0]->place;
	} else if (sector && !nnamed && !title && !place && !name_s) {
		ph->orphan = sector; /* given a country from the sentence's places later */
	}
	if (is_word(t, j, "'s"))
		ph->possessive = 1;
	return j;
}

/*
 * A sector noun without a country ("gunmen", "police", "protesters") takes
 * the country of the place where the sentence sets it ("in Kabul", "in
 * eastern Afghanistan"), else of the dateline, as a human coder would.
 */
static int subject_before(dkg_extractor *ex, size_t s, size_t v, size_t self);
static void verb_group(dkg_extractor *ex, size_t s, size_t v, size_t *start, int *neg,
                       dkg_modality *mod, int *passive, int *infinitive);

/*
 * "the UN has sent 21 military personnel to Bosnia": the object of a sending
 * verb belongs to its subject. Returns that subject's first actor, or NULL.
 */
static const dkg_actor *sender_of(dkg_extractor *ex, size_t s, const phrase *ph)
{
	dkg_tokens *t = &ex->toks;
	size_t k = ph->ts, start;
	int neg, passive, inf, p;
	dkg_modality mod;
	while (k > s && (t->tok[k - 1].type == DKG_TOK_NUM || tok_cl(t, k - 1, CL_DETS) ||
	                 tok_cl(t, k - 1, CL_QUANTITIES) || is_word(t, k - 1, "more") ||
	                 is_word(t, k - 1, "additional") || is_word(t, k - 1, "extra") ||
	                 is_word(t, k - 1, "of")))
		k--;
	if (k <= s || ph->governed || !tok_cl(t, k - 1, CL_SEND_VERBS))
		return NULL;
	verb_group(ex, s, k - 1, &start, &neg, &mod, &passive, &inf);
	if (passive || (p = subject_before(ex, s, start, 0)) < 0 || !ex->ph[p].nactors ||
	    ex->ph[p].orphan)
		return NULL;
	return ex->ph[p].actors[0];
}

/* The country of the phrase coordinated with phrase i by "and" ("the
 * government and the rebels", "the rebels and the army of Chad"), or NULL. */
static const char *coordinated_country(dkg_extractor *ex, size_t i)
{
	dkg_tokens *t = &ex->toks;
	for (int side = 0; side < 2; side++) {
		size_t a = side ? i : i - 1, b = side ? i + 1 : i, k;
		const phrase *o;
		if ((!side && i == 0) || (side && i + 1 >= ex->nph))
			continue;
		o = &ex->ph[side ? i + 1 : i - 1];
		k = ex->ph[a].te;
		if (k >= ex->ph[b].ts || !is_word(t, k, "and"))
			continue;
		for (k++; k < ex->ph[b].ts && tok_cl(t, k, CL_DETS); k++)
			;
		if (k != ex->ph[b].ts || o->nactors != 1 || !o->actors[0]->country ||
		    o->actors[0]->kind == DKG_ACTOR_PERSON || o->governed != ex->ph[i].governed)
			continue;
		return o->actors[0]->country;
	}
	return NULL;
}

static void resolve_orphans(dkg_extractor *ex, size_t s)
{
	for (size_t i = 0; i < ex->nph; i++) {
		phrase *ph = &ex->ph[i];
		const char *cc = NULL;
		int32_t ci;
		const dkg_actor *by;
		if (!ph->orphan || ph->nactors)
			continue;
		/* "the Philippine government and the rebels": a coordinated group
		 * belongs to the same country, wherever the sentence is set */
		if (!ph->name_e)
			cc = coordinated_country(ex, i);
		if (cc || ph->name_e) {
			/* the coordinated country, or a named person coded below */
		} else if (i > 0 && ex->ph[i - 1].te == ph->ts && ex->ph[i - 1].pronoun &&
		           ex->ph[i - 1].possessive && ex->ph[i - 1].nactors == 1) {
			/* "its troops", "their police": the possessor's own */
			by = ex->ph[i - 1].actors[0];
			ph->own = 1;
			if (!by->country) {
				ph->actors[ph->nactors++] = by;
				continue;
			}
			cc = by->country;
		} else if ((by = sender_of(ex, s, ph)) != NULL) {
			ph->own = 1;
			if (!by->country) {
				ph->actors[ph->nactors++] = by; /* an IGO's own staff */
				continue;
			}
			cc = by->country;
		}
		/* civilians, refugees, business or media without a country are coded by
		 * place only when the place qualifies them ("inhabitants of the Syrian
		 * Golan"); state organs and organised groups by the sentence's place */
		if (!cc && !ph->name_e &&
		    !strstr("GOV MIL COP REB OPP LEG JUD SPY", ph->orphan->sector)) {
			const phrase *o = i + 1 < ex->nph ? &ex->ph[i + 1] : NULL;
			if (o && o->governed && o->ts <= ph->te + 2 &&
			    (!strcmp(o->prep, "of") || !strcmp(o->prep, "in") ||
			     !strcmp(o->prep, "from"))) {
				if (o->place && o->place->country)
					cc = o->place->country;
				else if (o->nactors == 1 && o->actors[0]->country)
					cc = o->actors[0]->country;
			}
			if (!cc)
				continue;
		}
		/* nearest place or state, after first, then before; failing those,
		 * the nearest group of a country ("against Chilean officials") */
		for (int groups = 0; groups < 2 && !cc; groups++)
			for (size_t d = 1; d < ex->nph && !cc; d++) {
				size_t cand[2] = {i + d, i >= d ? i - d : (size_t)-1};
				for (int c = 0; c < 2 && !cc; c++) {
					const phrase *o;
					if (cand[c] >= ex->nph)
						continue;
					o = &ex->ph[cand[c]];
					if (o->place && o->place->country)
						cc = o->place->country;
					else if (o->nactors == 1 && o->actors[0]->country &&
					         (o->actors[0]->kind == DKG_ACTOR_STATE ||
					          (groups &&
					           o->actors[0]->kind != DKG_ACTOR_PERSON)))
						cc = o->actors[0]->country;
				}
			}
		if (!cc && ex->dateline)
			cc = ex->dateline->country;
		if (!cc || (ci = dkg_lexicon_country(ex->lex, cc)) < 0)
			continue;
		{
			const lex_country *c = &ex->lex->countries.v[ci];
			const dkg_actor *a =
			    ph->name_e > ph->name_s
			        ? adhoc_person(ex, ph->name_s, ph->name_e, c, ph->orphan->sector,
			                       ph->orphan->role)
			        : composite(ex, c, ph->orphan->sector, ph->orphan->role);
			if (a) {
				ph->actors[ph->nactors++] = a;
				if (a->kind == DKG_ACTOR_PERSON)
					remember(ex, a);
			}
		}
	}
}

/*
 * An ethnic group named by a country adjective ("ethnic Albanians", "ethnic
 * Turks") is coded by the country where it lives, as CAMEO codes minorities:
 * the nearest other country or place of the sentence, after it first. With
 * none, the adjective's country stands.
 */
static void resolve_ethnic(dkg_extractor *ex)
{
	for (size_t i = 0; i < ex->nph; i++) {
		phrase *ph = &ex->ph[i];
		const char *own, *cc = NULL;
		int32_t ci;
		if (!ph->ethnic || ph->nactors != 1 || !(own = ph->actors[0]->country))
			continue;
		ph->place = NULL; /* the people, not their homeland */
		for (size_t d = 1; d < ex->nph && !cc; d++) {
			size_t cand[2] = {i + d, i >= d ? i - d : (size_t)-1};
			for (int c = 0; c < 2 && !cc; c++) {
				const phrase *o;
				const char *oc = NULL;
				if (cand[c] >= ex->nph)
					continue;
				o = &ex->ph[cand[c]];
				if (o->ethnic)
					continue;
				if (o->place && o->place->country)
					oc = o->place->country;
				else if (o->nactors == 1 && o->actors[0]->kind == DKG_ACTOR_STATE)
					oc = o->actors[0]->country;
				if (oc && strcmp(oc, own))
					cc = oc;
			}
		}
		if (!cc || (ci = dkg_lexicon_country(ex->lex, cc)) < 0)
			continue;
		{
			const lex_country *c = &ex->lex->countries.v[ci];
			const dkg_actor *a = ph->ethnic_sector
			                         ? composite(ex, c, ph->ethnic_sector->sector,
			                                     ph->ethnic_sector->role)
			                         : &c->actor;
			if (a)
				ph->actors[0] = a;
		}
	}
}

/* Builds the phrases of sentence [s, e): actor phrases with coordination. */
static void build_phrases(dkg_extractor *ex, size_t s, size_t e)
{
	dkg_tokens *t = &ex->toks;
	size_t i = s;
	unsigned cls = 0, need = 0; /* resolve_orphans (1), resolve_ethnic (2) */
	size_t nc = 0;
	ex->nph = 0;
	/* Most tokens start no phrase: plain words, and "the" or "Mr." before
	 * one. The others (a form, a pronoun, a leading word before a form, another
	 * leading word or a capitalised word) are listed without a branch, a test
	 * per token mispredicting often on real text, and only they are visited
	 * below. read_phrase returns at once from any other token. */
	{
		/* Each token is read once: whether it opens a phrase by itself and
		 * whether it leads into one are kept for the step after, which knows
		 * the token that follows. The first step lists a token before s at
		 * a place the next one takes over. */
		const dkg_token *tok = t->tok;
		const lex_form *const *form = ex->form;
		uint32_t *cand = ex->cand;
		unsigned self = 0, lead = 0;
		for (size_t k = s; k < e; k++) {
			unsigned c = tok[k].cls, f = form[k] != NULL;
			unsigned opens =
			    f | ((c & CL_PHRASE_START) != 0) | ((tok[k].flags & DKG_TF_CAP) != 0);
			cls |= c; /* (ph_at is -1 from process_chunk) */
			cand[nc] = (uint32_t)(k - 1);
			nc += self | (lead & opens);
			self = f | ((c & CL_PHRASE_SELF) != 0);
			lead = (c & CL_PHRASE_LEAD) != 0;
		}
		/* the last token has none after it */
		cand[nc] = (uint32_t)(e - 1);
		nc += self;
	}
	ex->sent_cls = cls;
	ex->ncand = nc;
	for (size_t c = 0; c < nc && ex->nph < MAX_PHRASES; c++) {
		phrase *ph = &ex->ph[ex->nph];
		size_t j;
		const lex_form *f;
		if (ex->cand[c] < i)
			continue; /* inside the phrase or form read last */
		i = ex->cand[c];
		f = ex->form[i];
		/* triggers are not phrase starts unless the form also names an actor */
		if (f && !(f->kinds & (FORM_ACTORISH | 1u << LEX_TITLE | 1u << LEX_SECTOR))) {
			i += ex->span[i];
			continue;
		}
		j = read_phrase(ex, i, e, ph);
		if (j == i) {
			i++;
			continue;
		}
		if (ph->nactors || ph->place || ph->orphan) {
			/* a preposition right before (skipping determiners) governs it */
			size_t k = i;
			while (k > s && tok_cl(t, k - 1, CL_DETS))
				k--;
			if (k > s && tok_cl(t, k - 1, CL_PREPS) &&
			    !(is_word(t, k - 1, "of") && k - 1 > s &&
			      tok_cl(t, k - 2, CL_QUANTITIES))) {
				ph->governed = 1;
				ph->prep = dkg_tok_norm(t, k - 1);
			}
			/* "X and Y": the second shares the first's government */
			if (ex->nph && k >= s + 1 && is_word(t, k - 1, "and") &&
			    ex->ph[ex->nph - 1].te == k - 1 && ex->ph[ex->nph - 1].governed) {
				ph->governed = 1;
				ph->prep = ex->ph[ex->nph - 1].prep;
			}
			for (size_t a = 0; a < ph->nactors; a++)
				if (!ph->pronoun)
					remember(ex, ph->actors[a]);
			for (size_t k2 = ph->ts; k2 < j; k2++)
				ex->ph_at[k2] = (int)ex->nph;
			need |= (ph->orphan != NULL) | (unsigned)ph->ethnic << 1;
			ex->nph++;
		}
		i = j;
	}
	/* most sentences have neither an orphan nor an ethnic group */
	if (need & 1)
		resolve_orphans(ex, s);
	if (need & 2)
		resolve_ethnic(ex);
}

/* ---- triggers ----------------------------------------------------------------------- */

static const lex_trigger *trigger_of(const dkg_lexicon *lex, const lex_form *f)
{
	uint32_t idx;
	if (form_has(lex, f, LEX_VERB, &idx) || form_has(lex, f, LEX_NOUN, &idx))
		return &lex->triggers.v[idx];
	return NULL;
}

/* "North Korea's consistent demand": a determiner or possessor, then at most two
 * plain words (adjectives), before token i */
static int after_determiner(const dkg_extractor *ex, size_t s, size_t i)
{
	const dkg_tokens *t = &ex->toks;
	size_t k = i, n = 0;
	/* the words skipped are plain ones: no lexicon entry ("president"), no actor */
	while (k > s && n < 2 && t->tok[k - 1].type == DKG_TOK_WORD &&
	       !(t->tok[k - 1].cls & CL_PLAIN_TEST) && !(t->tok[k - 1].flags & DKG_TF_CAP) &&
	       !is_word(t, k - 1, "'s") && !ex->form[k - 1] && ex->ph_at[k - 1] < 0) {
		const char *w = dkg_tok_norm(t, k - 1);
		size_t len = strlen(w);
		/* a verb form ends the adjectives: "have demanded" */
		if (len > 2 && (!strcmp(w + len - 2, "ed") || !strcmp(w + len - 2, "ly")))
			break;
		k--;
		n++;
	}
	if (!n || k == s)
		return 0;
	return is_word(t, k - 1, "'s") || tok_cl(t, k - 1, CL_DETS);
}

/* "arrested in raids", "a wave of attacks", "several attacks": a bare verb
 * form right after a preposition (not "to", not a participle) or a
 * determiner is a noun. */
static int noun_after_preposition(const dkg_tokens *t, size_t s, size_t i)
{
	const char *w = dkg_tok_norm(t, i);
	size_t n = strlen(w);
	if (i > s && tok_cl(t, i - 1, CL_DETS) && !(n > 3 && !strcmp(w + n - 2, "ed")))
		return 1; /* "several attacks", "two raids" */
	if (i <= s || !tok_cl(t, i - 1, CL_PREPS) || is_word(t, i - 1, "to"))
		return 0;
	return !(n > 3 && (!strcmp(w + n - 3, "ing") || !strcmp(w + n - 2, "ed")));
}

static void find_triggers(dkg_extractor *ex, size_t s)
{
	const dkg_lexicon *lex = ex->lex;
	size_t i;
	ex->ntr = 0;
	/* the tokens with a form are among build_phrases' candidates */
	static const lex_form no_form; /* no senses */
	for (size_t c = 0; c < ex->ncand && ex->ntr < MAX_TRIGGERS; c++) {
		const lex_form *f = ex->form[i = ex->cand[c]];
		const lex_trigger *tg;
		/* a candidate without a form reads one without senses: one test of
		 * the kinds instead of two branches, the first mispredicting often */
		f = f ? f : &no_form;
		if (!(f->kinds & (1u << LEX_VERB | 1u << LEX_NOUN)))
			continue;
		tg = trigger_of(lex, f);
		/* a capitalised actor reading wins over a trigger inside a phrase */
		if (tg && ex->ph_at[i] < 0) {
			trig *r = &ex->tr[ex->ntr++];
			memset(r, 0, sizeof *r);
			r->ts = i;
			r->te = i + ex->span[i];
			r->t = tg;
			r->src_phrase = r->tgt_phrase = -1;
			/* "a call for", "its support of", "Iran's demand": a verb form after
			 * a determiner or a possessor is a noun */
			r->noun = tg->is_noun || after_determiner(ex, s, i) ||
			          (i > s && tok_cl(&ex->toks, i - 1, CL_NOUN_DETS)) ||
			          noun_after_preposition(&ex->toks, s, i);
		}
	}
}

/* The phrase starting at or after token i within `limit` tokens, skipping
 * determiners and modifiers, not crossing punctuation or clause words. */
static int phrase_after(dkg_extractor *ex, size_t i, size_t e, size_t limit, int allow_governed)
{
	dkg_tokens *t = &ex->toks;
	size_t k;
	for (k = i; k < e && k < i + limit; k++) {
		int p = ex->ph_at[k];
		/* "offered its support to X", "its troops": a possessive determiner
		 * and the subject's own forces are no object */
		if (p >= 0 && ((ex->ph[p].pronoun && ex->ph[p].possessive) || ex->ph[p].own)) {
			k = ex->ph[p].te - 1;
			continue;
		}
		if (p >= 0 && ex->ph[p].nactors && !allow_governed && ex->ph[p].governed &&
		    !(ex->ph[p].pronoun && ex->ph[p].possessive)) {
			/* "protested against X": the preposition ends the trigger, so
			 * the phrase is its object */
			size_t q = ex->ph[p].ts;
			while (q > i && tok_cl(t, q - 1, CL_DETS))
				q--;
			if (q == i)
				return p;
		}
		if (p >= 0 && ex->ph[p].nactors && (allow_governed || !ex->ph[p].governed))
			return p;
		if (p >= 0 && !ex->ph[p].nactors)
			return -1;
		if (is_comma_like(t, k) || tok_cl(t, k, CL_CLAUSE_STOP) ||
		    dkg_tok_norm(t, k)[0] == '.')
			return -1;
		if (ex->form[k] && trigger_of(ex->lex, ex->form[k]) && ex->ph_at[k] < 0 && k > i)
			return -1;
		/* "threatened to station warships near X": an infinitive ends the object */
		if (is_word(t, k, "to") && k + 1 < e && ex->ph_at[k + 1] < 0 &&
		    !tok_cl(t, k + 1, CL_DETS) && !is_punct(t, k + 1) &&
		    t->tok[k + 1].type == DKG_TOK_WORD)
			return -1;
	}
	return -1;
}

/* "The United States and Jordan condemned ...": the subject phrase and the
 * phrases coordinated before it act together; returns a merged phrase. */
static int coordinate(dkg_extractor *ex, size_t s, int p)
{
	dkg_tokens *t = &ex->toks;
	const phrase *ph = &ex->ph[p];
	size_t k = ph->ts;
	int parts[PA_MAX], n = 0;
	while (k > s + 1 && n < PA_MAX - 1 &&
	       (is_word(t, k - 1, "and") || dkg_tok_norm(t, k - 1)[0] == ',')) {
		int q = ex->ph_at[k - 2];
		if (q < 0 || !ex->ph[q].nactors || ex->ph[q].governed || ex->ph[q].possessive ||
		    ex->ph[q].te != k - 1)
			break;
		parts[n++] = q;
		k = ex->ph[q].ts;
	}
	if (!n || ex->nph >= MAX_PHRASES)
		return p;
	{
		phrase *m = &ex->ph[ex->nph];
		*m = *ph;
		m->ts = k;
		m->nactors = 0;
		while (n-- > 0)
			for (size_t a = 0; a < ex->ph[parts[n]].nactors && m->nactors < PA_MAX; a++)
				m->actors[m->nactors++] = ex->ph[parts[n]].actors[a];
		for (size_t a = 0; a < ph->nactors && m->nactors < PA_MAX; a++)
			m->actors[m->nactors++] = ph->actors[a];
		return (int)ex->nph++;
	}
}

/* True when the capitalised words ending at token k follow a preposition
 * ("in Lagos"): a place or a complement, not a subject. */
static int after_preposition(const dkg_tokens *t, size_t s, size_t k)
{
	while (k > s && is_cap_word(t, k))
		k--;
	if (tok_cl(t, k, CL_DETS) && k > s)
		k--;
	return tok_cl(t, k, CL_PREPS);
}

/* True when the phrase's preposition follows a plain noun that is not part of
 * an actor phrase ("inhabitants of", "a missionary from"), at the start of the
 * clause. */
static int ph_head_unknown(dkg_extractor *ex, size_t s, const phrase *ph)
{
	dkg_tokens *t = &ex->toks;
	size_t k = ph->ts;
	while (k > s && !tok_cl(t, k - 1, CL_PREPS))
		k--;
	if (k <= s + 1)
		return 0;
	k--; /* the preposition */
	if (ex->ph_at[k - 1] >= 0 || is_punct(t, k - 1) || ex->form[k - 1])
		return 0;
	/* the head noun phrase must start the sentence or follow a comma */
	while (k > s && !is_punct(t, k - 1) && ex->ph_at[k - 1] < 0 && !ex->form[k - 1] &&
	       !tok_cl(t, k - 1, CL_PREPS))
		k--;
	return k == s || is_punct(t, k - 1);
}

/* The target position a preposition stands for (see lex_trigger.target). */
static uint32_t prep_bit(const char *pr)
{
	static const struct {
		const char *w;
		uint32_t bit;
	} map[] = {{"with", TGT_WITH},       {"between", TGT_WITH}, {"among", TGT_WITH},
	           {"against", TGT_AGAINST}, {"to", TGT_TO},        {"toward", TGT_TO},
	           {"towards", TGT_TO},      {"on", TGT_ON},        {"upon", TGT_ON},
	           {"for", TGT_FOR},         {"from", TGT_FROM},    {"of", TGT_OF},
	           {"at", TGT_AT},           {"in", TGT_IN},        {"over", TGT_OVER},
	           {"into", TGT_INTO}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(pr, map[i].w))
			return map[i].bit;
	return 0;
}

/* The subject of a verb group starting at token v. */
static int is_rel_word(const dkg_tokens *t, size_t i)
{
	return i < t->n && tok_cl(t, i, CL_REL_WORDS);
}

/*
 * "Trump blasted Biden as a career politician and asked why ...": when the
 * nearest actor is the object of a verb whose own subject stands right before
 * it, and "and" or "but" joins that verb with this one, the two verbs share
 * that subject. The earlier verb need not be a trigger; a reporting verb
 * ("Russia said Ukraine attacked and ...") or a "that" keeps the nearer actor.
 */
static int object_of_coordinated_verb(dkg_extractor *ex, size_t s, int best, size_t v)
{
	dkg_tokens *t = &ex->toks;
	size_t k = ex->ph[best].ts, q;
	int a, joined = 0;
	for (q = ex->ph[best].te; q < v; q++) {
		if (is_word(t, q, "and") || is_word(t, q, "but"))
			joined = 1;
		else if ((is_punct(t, q) && !(t->tok[q].flags & DKG_TF_QUOTE)) ||
		         ex->ph_at[q] >= 0 || is_rel_word(t, q) || is_word(t, q, "that"))
			return best; /* another clause or actor in between */
	}
	while (k > s && tok_cl(t, k - 1, CL_DETS))
		k--;
	/* the word before the object: a plain word, not a preposition or a reporting verb */
	if (!joined || k < s + 2 || is_punct(t, k - 1) || ex->ph_at[k - 1] >= 0 ||
	    t->tok[k - 1].type != DKG_TOK_WORD ||
	    tok_cl(t, k - 1, CL_PREPS | CL_REPORTING | CL_SAY_LIST | CL_AUX | CL_AUX_BE) ||
	    is_rel_word(t, k - 1) || is_word(t, k - 1, "that") || is_word(t, k - 1, "and"))
		return best;
	a = ex->ph_at[k - 2];
	/* "Sanders called Biden ... but did not offer": the shared subject is a
	 * name dkg cannot code, so the nearer actor is not the subject either */
	if (a < 0 && is_cap_word(t, k - 2) && !ex->form[k - 2] && !after_preposition(t, s, k - 2))
		return -1;
	if (a < 0 || a == best || !ex->ph[a].nactors || ex->ph[a].governed ||
	    ex->ph[a].possessive || ex->ph[a].te != k - 1)
		return best;
	return a;
}

/* The subject of a verb group starting at token v: the nearest actor phrase to
 * the left that no preposition governs, skipping relative clauses (", who
 * ...,") and appositions (", the former Czech foreign minister,"). */
static int subject_before(dkg_extractor *ex, size_t s, size_t v, size_t self)
{
	dkg_tokens *t = &ex->toks;
	size_t k = v;
	int best = -1, fallback = -1, gov_fallback = -1;
	while (k > s) {
		int p;
		k--;
		/* "I talked to", "we", "you": a speaker, not an actor; and an unknown
		 * name right before the verb ("Warren commended") is the subject we
		 * cannot code: neither may borrow an actor from further left */
		if (ex->ph_at[k] < 0 && (tok_cl(t, k, CL_SPEAKERS) ||
		                         (k + 1 == v && is_cap_word(t, k) && !ex->form[k] &&
		                          k > s && !(t->tok[k].flags & DKG_TF_PARA) &&
		                          ex->ph_at[k - 1] < 0 && !after_preposition(t, s, k))))
			return -1;
		if (is_punct(t, k) &&
		    (dkg_tok_norm(t, k)[0] == ',' || (t->tok[k].flags & DKG_TF_DASH))) {
			/* the comma closing an inserted clause: find the one opening it */
			size_t q = k;
			while (q > s) {
				q--;
				if (is_punct(t, q) && (dkg_tok_norm(t, q)[0] == ',' ||
				                       (t->tok[q].flags & DKG_TF_DASH)))
					break;
				if (q == s)
					q = (size_t)-1;
				if (q == (size_t)-1)
					break;
			}
			if (q != (size_t)-1 && q > s && q < k) {
				size_t a = q + 1;
				int ph = ex->ph_at[a < k ? a : k];
				while (a < k && tok_cl(t, a, CL_DETS))
					a++;
				ph = a < k ? ex->ph_at[a] : -1;
				if (is_rel_word(t, q + 1)) {
					k = q;
					continue;
				}
				/* "Pakistan, a key U.S. ally in the war, has refused": an
				 * apposition opened by an article after an actor */
				if ((is_word(t, q + 1, "a") || is_word(t, q + 1, "an") ||
				     is_word(t, q + 1, "the")) &&
				    q > s && ex->ph_at[q - 1] >= 0 &&
				    ex->ph[ex->ph_at[q - 1]].nactors &&
				    !ex->ph[ex->ph_at[q - 1]].governed && ph < 0) {
					k = q;
					continue;
				}
				if (ph >= 0 && ex->ph[ph].te == k && ex->ph[ph].nactors &&
				    !ex->ph[ph].governed) {
					if (fallback < 0)
						fallback = ph;
					k = q;
					continue;
				}
			}
			continue;
		}
		p = ex->ph_at[k];
		if (p >= 0) {
			phrase *ph = &ex->ph[p];
			k = ph->ts;
			/* "inhabitants of the Golan", "demonstrators in Baghdad": the place
			 * or country after an unknown head noun stands for the actor */
			if (ph->nactors && ph->governed && fallback < 0 && gov_fallback < 0 &&
			    (!strcmp(ph->prep, "of") || !strcmp(ph->prep, "from") ||
			     !strcmp(ph->prep, "in")) &&
			    ph_head_unknown(ex, s, ph))
				gov_fallback = p;
			if (!ph->nactors || ph->governed || ph->possessive)
				continue;
			best = p;
			break;
		}
	}
	if (best < 0)
		return fallback >= 0 ? fallback : gov_fallback;
	best = coordinate(ex, s, best);
	/* "X met Y and agreed ...": Y is the object of an earlier trigger; use its subject */
	for (size_t r = 0; r < self; r++) {
		trig *o = &ex->tr[r];
		if (o->tgt_phrase == best && o->src_phrase >= 0) {
			for (size_t q = ex->ph[best].te; q < v; q++)
				if (is_word(t, q, "and") || dkg_tok_norm(t, q)[0] == ',')
					return o->src_phrase;
		}
	}
	return object_of_coordinated_verb(ex, s, best, v);
}

/* Reads the verb group to the left of a trigger: modality, polarity, voice. */
static void verb_group(dkg_extractor *ex, size_t s, size_t v, size_t *start, int *neg,
                       dkg_modality *mod, int *passive, int *infinitive)
{
	dkg_tokens *t = &ex->toks;
	size_t k = v;
	*neg = 0;
	*mod = DKG_MODALITY_ASSERTED;
	*passive = 0;
	*infinitive = 0;
	while (k > s) {
		const char *w = dkg_tok_norm(t, k - 1);
		size_t n = t->tok[k - 1].nlen;
		if (tok_cl(t, k - 1, CL_NEGATIONS)) {
			*neg = 1;
		} else if (tok_cl(t, k - 1, CL_FUTURE_AUX)) {
			*mod = DKG_MODALITY_INTENDED;
		} else if (tok_cl(t, k - 1, CL_POSSIBLE_AUX)) {
			*mod = DKG_MODALITY_POSSIBLE;
		} else if (is_word(t, k - 1, "to")) {
			if (k == v)
				*infinitive = 1;
		} else if (tok_cl(t, k - 1, CL_AUX_BE)) {
			if (k == v || (k + 1 == v && tok_cl(t, k, CL_ADVERBS)))
				*passive = 1;
		} else if (tok_cl(t, k - 1, CL_AUX | CL_ADVERBS) ||
		           (n > 4 && w[n - 2] == 'l' && w[n - 1] == 'y' && !ex->form[k - 1])) {
			/* part of the group */
		} else {
			break;
		}
		k--;
	}
	*start = k;
	/* "be -ing" is progressive, not passive */
	if (*passive) {
		const char *w = dkg_tok_norm(t, v);
		size_t n = strlen(w);
		if (n > 3 && !strcmp(w + n - 3, "ing"))
			*passive = 0;
	}
}

/* Stops of an object text. */
static int object_stop(const dkg_tokens *t, size_t k)
{
	if (is_punct(t, k) &&
	    !(t->tok[k].flags & DKG_TF_DASH && t->tok[k].end - t->tok[k].start == 1))
		return 1;
	return tok_cl(t, k, CL_STOPS_LIST);
}

/* Reads "to VERB ..." at token i; returns the end of the object text (i: none). */
static size_t read_complement(dkg_extractor *ex, size_t i, size_t e, size_t *vstart)
{
	dkg_tokens *t = &ex->toks;
	size_t k;
	/* "threatened on Thursday to station": dates and adverbs may come first */
	for (k = 0; k < 4 && i < e && !is_word(t, i, "to") && tok_cl(t, i, CL_ADVERBS); k++)
		i++;
	if (i >= e || !is_word(t, i, "to") || i + 1 >= e || is_punct(t, i + 1))
		return i;
	k = i + 1;
	*vstart = k;
	k++;
	while (k < e && k < i + 12) {
		if (object_stop(t, k)) {
			/* "respond by stationing missiles": a means clause continues */
			if (is_word(t, k, "by") && k + 1 < e) {
				const char *w = dkg_tok_norm(t, k + 1);
				size_t n = strlen(w);
				if (n > 4 && !strcmp(w + n - 3, "ing")) {
					k += 2;
					continue;
				}
			}
			/* "threatened to shell Iraqi towns": an actor object belongs to it */
			break;
		}
		k++;
	}
	return k;
}

/* Complement-driven refinement of the code: "agree to meet" is 036, not 030. */
static const char *refine_code(const char *code, const lex_trigger *comp)
{
	int root, croot;
	if (!comp)
		return code;
	root = (code[0] - '0') * 10 + (code[1] - '0');
	croot = (comp->cameo[0] - '0') * 10 + (comp->cameo[1] - '0');
	if (root == 3 && !strcmp(code, "030")) {
		switch (croot) {
		case 4:
			return "036";
		case 6:
			return "031";
		case 7:
			return "033";
		case 8:
			return "035";
		case 5:
			return "032";
		default:
			return code;
		}
	}
	if (root == 2 && (!strcmp(code, "020") || !strcmp(code, "02"))) {
		switch (croot) {
		case 4:
			return "026";
		case 6:
			return "021";
		case 7:
			return "023";
		case 8:
			return "025";
		case 5:
			return "022";
		default:
			return code;
		}
	}
	if (root == 10 && !strcmp(code, "100")) {
		switch (croot) {
		case 4:
			return "106";
		case 5:
			return "102";
		case 6:
			return "101";
		case 7:
			return "103";
		case 8:
			return "105";
		default:
			return code;
		}
	}
	if (root == 13 && (!strcmp(code, "130") || !strcmp(code, "13"))) {
		if (croot == 15 || croot >= 17)
			return "138";
		if (croot == 16)
			return "131";
		if (croot == 12)
			return "134";
	}
	return code;
}

/*
 * A generic easing verb ("lift", "ease", "relax") takes its kind from the
 * measure it ends, however far the object is pushed ("lifted on Friday a
 * day-old blockade"): a blockade or siege is military (CAMEO 0872), a curfew
 * 0813, a state of emergency 0814, sanctions or an embargo 085.
 */
static const char *eased_code(const char *code, const lex_trigger *measure)
{
	const char *m = measure->cameo;
	if (strcmp(code, "081"))
		return code;
	if (!strncmp(m, "19", 2) || !strncmp(m, "15", 2))
		return "0872";
	if (!strcmp(m, "1723"))
		return "0813";
	if (!strcmp(m, "1724"))
		return "0814";
	if (!strncmp(m, "16", 2))
		return "085";
	return code;
}

static int hostile(const char *code)
{
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	return root >= 14;
}

/* A stated intention is coded as such (CAMEO 03 and 13): "will visit" is an
 * intent to meet (036), "will attack" a threat (138). */
static const char *intent_code(const char *code)
{
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	switch (root) {
	case 4:
		return "036";
	case 5:
		return "032";
	case 6:
		return "031";
	case 7:
		return "033";
	case 8:
		return "035";
	case 14:
		return "133"; /* "will boycott the elections" */
	case 15:
	case 18:
	case 19:
	case 20:
		return "138";
	case 16:
		return "131";
	case 17:
		return "137";
	default:
		return code;
	}
}

/* Refusing or failing to cooperate is a rejection (CAMEO 12): "will not accept",
 * "failed to reach agreement". The event is then affirmative: a rejection happened. */
static const char *negated_code(const char *code, int *neg)
{
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	const char *r = code;
	switch (root) {
	case 3:
		r = "127";
		break;
	case 4:
		r = "125";
		break;
	case 5:
		r = "120";
		break;
	case 6:
		r = "121";
		break;
	case 7:
		r = "122";
		break;
	case 8:
		r = "124";
		break;
	default:
		return code;
	}
	*neg = 0;
	return r;
}

/* ---- sentence ------------------------------------------------------------------------------ */

static int conditional_after(dkg_extractor *ex, size_t from, size_t e)
{
	dkg_tokens *t = &ex->toks;
	for (size_t k = from; k < e; k++)
		if (tok_cl(t, k, CL_CONDITIONS) &&
		    (is_word(t, k, "if") || is_word(t, k, "unless") ||
		     (is_word(t, k, "provided") && is_word(t, k + 1, "that")) ||
		     (is_word(t, k, "on") && is_word(t, k + 1, "condition"))))
			return 1;
	return 0;
}

static const dkg_place *place_near(dkg_extractor *ex, size_t from, size_t e, int tgt)
{
	dkg_tokens *t = &ex->toks;
	for (size_t k = from; k < e && k < from + 16; k++) {
		int p = ex->ph_at[k];
		if (p >= 0 && p != tgt && ex->ph[p].place && ex->ph[p].governed &&
		    (!strcmp(ex->ph[p].prep, "in") || !strcmp(ex->ph[p].prep, "at") ||
		     !strcmp(ex->ph[p].prep, "near") || !strcmp(ex->ph[p].prep, "into") ||
		     !strcmp(ex->ph[p].prep, "outside") || !strcmp(ex->ph[p].prep, "inside")))
			return ex->ph[p].place;
		if (p >= 0)
			k = ex->ph[p].te - 1;
		if ((tok_cl(t, k, CL_REL_WORDS) &&
		     (is_word(t, k, "which") || is_word(t, k, "who"))) ||
		    dkg_tok_norm(t, k)[0] == ';')
			break;
	}
	return NULL;
}

static const dkg_place *place_before(dkg_extractor *ex, size_t s, size_t v)
{
	for (size_t k = v; k > s;) {
		int p = ex->ph_at[--k];
		if (p >= 0) {
			if (ex->ph[p].place && ex->ph[p].governed &&
			    (!strcmp(ex->ph[p].prep, "in") || !strcmp(ex->ph[p].prep, "at")))
				return ex->ph[p].place;
			k = ex->ph[p].ts;
		}
	}
	return NULL;
}

static const dkg_actor *attribution(dkg_extractor *ex, size_t s, size_t e, int src)
{
	dkg_tokens *t = &ex->toks;
	for (size_t k = s; k < e; k++) {
		if (!tok_cl(t, k, CL_REPORTING))
			continue;
		if (is_word(t, k, "according") && is_word(t, k + 1, "to")) {
			int p = phrase_after(ex, k + 2, e, 4, 1);
			if (p >= 0)
				return ex->ph[p].actors[0];
			continue;
		}
		/* "X said", "said X" */
		{
			int p = -1;
			for (size_t q = k; q > s;) {
				int pp = ex->ph_at[--q];
				if (pp >= 0) {
					if (!ex->ph[pp].governed && ex->ph[pp].nactors)
						p = pp;
					break;
				}
				if (!tok_cl(t, q, CL_ADVERBS) && !tok_cl(t, q, CL_AUX))
					break;
			}
			if (p < 0)
				p = phrase_after(ex, k + 1, e, 3, 0);
			if (p >= 0 && p != src)
				return ex->ph[p].actors[0];
		}
	}
	return NULL;
}

/* True when token a lies in a comma-bounded relative clause (", who ... ,")
 * that does not contain token v. */
static int in_other_clause(dkg_extractor *ex, size_t s, size_t e, size_t a, size_t v)
{
	dkg_tokens *t = &ex->toks;
	size_t open = a, close = a;
	while (open > s && dkg_tok_norm(t, open - 1)[0] != ',')
		open--;
	if (open <= s || !is_rel_word(t, open))
		return 0;
	while (close < e && dkg_tok_norm(t, close)[0] != ',')
		close++;
	return !(v >= open && v < close);
}

static void set_event_date(dkg_extractor *ex, dkg_event *ev, size_t s, size_t e, size_t v,
                           int future)
{
	dkg_date_expr d[8];
	size_t n = dkg_find_dates(&ex->toks, s, e, ex->anchor, future, d, 8), best = 0,
	       bd = (size_t)-1;
	for (size_t k = 0; k < n; k++) {
		size_t dist = d[k].tok_start > v ? d[k].tok_start - v : v - d[k].tok_end;
		if (in_other_clause(ex, s, e, d[k].tok_start, v))
			dist += 1000; /* "X, who returned on Thursday, criticized Y on Friday" */
		if (dist < bd) {
			bd = dist;
			best = k;
		}
	}
	if (n) {
		dkg_format_date(d[best].start, ev->date);
		dkg_format_date(d[best].end, ev->date_end);
		ev->grain = d[best].grain;
	} else if (ex->anchor != DKG_NO_DATE) {
		dkg_format_date(ex->anchor, ev->date);
		dkg_format_date(ex->anchor, ev->date_end);
		ev->grain = DKG_GRAIN_DAY;
	}
}

static int same_actors(const dkg_actor *const *a, size_t na, const dkg_actor *const *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i]->id, b[i]->id))
			return 0;
	return 1;
}

/* Whether actor a (by id) is among the n actors of v. */
static int has_actor(const dkg_actor *const *v, size_t n, const dkg_actor *a)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i]->id, a->id))
			return 1;
	return 0;
}

/* Whether phrase tgt names an actor that phrase src does not (an event's target). */
static int other_actor(const dkg_extractor *ex, int src, int tgt)
{
	if (tgt < 0)
		return 0;
	for (size_t k = 0; k < ex->ph[tgt].nactors; k++)
		if (src < 0 ||
		    !has_actor(ex->ph[src].actors, ex->ph[src].nactors, ex->ph[tgt].actors[k]))
			return 1;
	return 0;
}

static int emit(dkg_extractor *ex, size_t s, size_t e, size_t sent_start_byte, size_t sent_end_byte,
                trig *r, int src, int tgt, const char *code, size_t obj_s, size_t obj_e, int neg,
                dkg_modality mod, int coref, size_t first_event)
{
	dkg_result *res = ex->res;
	const dkg_cameo *cm = dkg_cameo_lookup(code);
	dkg_event *ev;
	const char *text = ex->doc->text;
	dkg_tokens *t = &ex->toks;
	size_t k;
	if (!cm) {
		/* a code the ontology does not know: fall back to its root */
		char root[3] = {code[0], code[1], 0};
		cm = dkg_cameo_lookup(root);
		if (!cm)
			return 0;
	}
	if (!cm->plover || !cm->plover[0])
		return 0; /* plain statements are attribution, not events */
	/* "received criticism", "contributed" alone: hosting and giving need someone */
	if (r && r->t && r->t->need_target && !other_actor(ex, src, tgt))
		return 0;
	/* one event per trigger content in a sentence */
	for (k = first_event; k < res->nevents; k++) {
		dkg_event *o = &res->events[k];
		if (!strcmp(o->cameo, cm->code) &&
		    same_actors(o->sources, o->nsources,
		                (const dkg_actor *const *)ex->ph[src].actors, ex->ph[src].nactors))
			return 0;
	}
	if (res->nevents - first_event >= ex->opts.max_events_per_sentence) {
		res->truncations++;
		return 0;
	}
	ev = dkg_result_add(res);
	if (!ev)
		return DKG_ENOMEM;
	ev->cameo = cm->code;
	ev->plover = cm->plover;
	ev->goldstein = cm->goldstein;
	ev->quad_class = cm->quad_class;
	for (k = 0; k < ex->ph[src].nactors && ev->nsources < DKG_MAX_EVENT_ACTORS; k++)
		ev->sources[ev->nsources++] = ex->ph[src].actors[k];
	if (tgt >= 0)
		for (k = 0; k < ex->ph[tgt].nactors && ev->ntargets < DKG_MAX_EVENT_ACTORS; k++)
			if (!has_actor(ev->sources, ev->nsources, ex->ph[tgt].actors[k]))
				ev->targets[ev->ntargets++] = ex->ph[tgt].actors[k];
	ev->action_text = dkg_result_strndup(res, text + t->tok[r->ts].start,
	                                     t->tok[r->te - 1].end - t->tok[r->ts].start);
	if (obj_e > obj_s) {
		ev->object_text = dkg_result_strndup(res, text + t->tok[obj_s].start,
		                                     t->tok[obj_e - 1].end - t->tok[obj_s].start);
		if (!ev->object_text)
			return DKG_ENOMEM;
	}
	if (!ev->action_text)
		return DKG_ENOMEM;
	ev->place = place_near(ex, r->te, e, tgt);
	if (!ev->place)
		ev->place = place_before(ex, s, r->ts);
	ev->reported_from = ex->dateline;
	set_event_date(ex, ev, s, e, r->ts, mod == DKG_MODALITY_INTENDED);
	ev->polarity = neg ? DKG_POLARITY_NEGATED : DKG_POLARITY_AFFIRMATIVE;
	if ((mod == DKG_MODALITY_ASSERTED || mod == DKG_MODALITY_INTENDED) &&
	    conditional_after(ex, r->te, e))
		mod = DKG_MODALITY_CONDITIONAL;
	ev->modality = mod;
	ev->attributed_to = attribution(ex, s, e, src);
	ev->sentence_start = sent_start_byte;
	ev->sentence_end = sent_end_byte;
	ev->trigger_start = t->tok[r->ts].start;
	ev->trigger_end = t->tok[r->te - 1].end;
	ev->confidence = 0.5 + (coref ? 0.1 : 0.2) + (tgt >= 0 ? 0.1 : 0.0) + (r->noun ? 0.0 : 0.1);
	if (ev->confidence > 0.95)
		ev->confidence = 0.95;
	return 0;
}

static int emit(dkg_extractor *ex, size_t s, size_t e, size_t sent_start_byte, size_t sent_end_byte,
                trig *r, int src, int tgt, const char *code, size_t obj_s, size_t obj_e, int neg,
                dkg_modality mod, int coref, size_t first_event);

/*
 * "X said (that) Y must/should VERB ...": a demand of X on Y (CAMEO 02,
 * refined by the demanded action). The demanded action is not an event of
 * its own, so its triggers are consumed.
 */
static int demands(dkg_extractor *ex, size_t s, size_t e, size_t sb, size_t se, size_t first_event)
{
	/* "Y must do X" insists, it does not plead: CAMEO 10 (demand), not 02 */
	static const lex_trigger demand = {
	    .cameo = "100", .lemma = "demand", .target = TGT_OBJ, .comp = COMP_TO};
	dkg_tokens *t = &ex->toks;
	/* no saying verb ("said", "urged"), no demand: most sentences */
	if (!(ex->sent_cls & CL_SAY_LIST))
		return 0;
	for (size_t k = s + 2; k + 1 < e; k++) {
		int y, src;
		size_t q, obj_e, n;
		trig r;
		const lex_trigger *comp = NULL;
		if (!(tok_cl(t, k, CL_DEMAND_MODALS) ||
		      (tok_cl(t, k, CL_AUX) && (is_word(t, k, "has") || is_word(t, k, "have")) &&
		       is_word(t, k + 1, "to"))))
			continue;
		/* the saying verb before, within the clause */
		for (q = k, n = 0; q > s && n < 18; q--, n++) {
			const char *w = dkg_tok_norm(t, q - 1);
			if (tok_cl(t, q - 1, CL_SAY_LIST) || w[0] == ';' || w[0] == '.' ||
			    (t->tok[q - 1].flags & DKG_TF_QUOTE))
				break;
		}
		if (q == s || !tok_cl(t, q - 1, CL_SAY_LIST))
			continue;
		/* the addressee: the first actor after "said (on Friday) (that)", with
		 * those coordinated to it ("the Sudanese government and the rebels") */
		{
			size_t a = q;
			while (a < k && (tok_cl(t, a, CL_ADVERBS) || is_word(t, a, "that") ||
			                 is_word(t, a, "here") || dkg_tok_norm(t, a)[0] == ','))
				a++;
			y = -1;
			for (; a < k; a++)
				if (ex->ph_at[a] >= 0 && ex->ph[ex->ph_at[a]].nactors &&
				    !ex->ph[ex->ph_at[a]].governed) {
					y = ex->ph_at[a];
					break;
				} else if (is_punct(t, a) && dkg_tok_norm(t, a)[0] != ',')
					break;
			if (y < 0)
				continue;
			for (a = ex->ph[y].te; a + 1 < k && ex->nph < MAX_PHRASES; a++) {
				int z = ex->ph_at[a + 1];
				if (!is_word(t, a, "and") || z < 0 || !ex->ph[z].nactors)
					continue;
				{
					phrase *m = &ex->ph[ex->nph];
					*m = ex->ph[y];
					for (size_t b = 0;
					     b < ex->ph[z].nactors && m->nactors < PA_MAX; b++)
						m->actors[m->nactors++] = ex->ph[z].actors[b];
					y = (int)ex->nph++;
				}
				break;
			}
		}
		if (ex->form[q - 1] && trigger_of(ex->lex, ex->form[q - 1]))
			continue; /* "demanded that ...", "urged ...": the trigger codes it */
		q--;
		src = subject_before(ex, s, q, 0);
		k += is_word(t, k, "must") || is_word(t, k, "should") ? 1 : 2;
		while (k < e &&
		       (tok_cl(t, k, CL_ADVERBS) || is_word(t, k, "not") || is_word(t, k, "be")))
			k++;
		if (k >= e)
			break;
		obj_e = k + 1;
		while (obj_e < e && obj_e < k + 10 && !is_punct(t, obj_e) &&
		       !tok_cl(t, obj_e, CL_CLAUSE_STOP) && !is_word(t, obj_e, "or"))
			obj_e++;
		if (ex->form[k])
			comp = trigger_of(ex->lex, ex->form[k]);
		for (size_t i = 0; i < ex->ntr; i++)
			if (ex->tr[i].ts >= k && ex->tr[i].ts < obj_e)
				ex->tr[i].consumed = 1;
		/* what Y must do is demanded, not done, even when we cannot code who
		 * demands it */
		if (src < 0 || src == y) {
			k = obj_e - 1;
			continue;
		}
		memset(&r, 0, sizeof r);
		r.ts = q;
		r.te = q + 1;
		r.t = &demand;
		if (emit(ex, s, e, sb, se, &r, src, y, refine_code("100", comp), k, obj_e, 0,
		         DKG_MODALITY_ASSERTED, ex->ph[src].pronoun, first_event) < 0)
			return DKG_ENOMEM;
		k = obj_e;
	}
	return 0;
}

static int phrase_has_country(const phrase *ph, const char *cc)
{
	for (size_t i = 0; i < ph->nactors; i++)
		if (ph->actors[i]->country && !strcmp(ph->actors[i]->country, cc))
			return 1;
	return 0;
}

/*
 * When no target stands where the trigger expects one, the first actor or
 * place further on in the clause is the most likely one ("attacked a camp for
 * Congolese refugees", "staged a rally in Lagos"): a place gives its country.
 */
static int fallback_target(dkg_extractor *ex, size_t from, size_t e, int src, const char *code)
{
	dkg_tokens *t = &ex->toks;
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	/* protests, coercion and violence are often domestic: there the place of a
	 * source's own country is a fine target; elsewhere it is only the venue */
	int domestic = root == 14 || root >= 17;
	for (size_t k = from; k < e && k < from + 16; k++) {
		int p = ex->ph_at[k];
		const char *w = dkg_tok_norm(t, k);
		if (p >= 0 && p != src) {
			phrase *ph = &ex->ph[p];
			/* "held talks in Tehran": a capital after "in" is the venue */
			int venue = ph->place && ph->governed &&
			            (!strcmp(ph->prep, "in") || !strcmp(ph->prep, "at") ||
			             !strcmp(ph->prep, "near") || !strcmp(ph->prep, "inside") ||
			             !strcmp(ph->prep, "outside"));
			if (ph->nactors && !ph->pronoun && !ph->possessive && !venue && !ph->own)
				return p;
			if ((!ph->nactors || venue) && ph->place && ph->place->country &&
			    ex->nph < MAX_PHRASES &&
			    (domestic || !phrase_has_country(&ex->ph[src], ph->place->country))) {
				int32_t ci = dkg_lexicon_country(ex->lex, ph->place->country);
				if (ci >= 0) {
					phrase *np = &ex->ph[ex->nph];
					memset(np, 0, sizeof *np);
					np->ts = ph->ts;
					np->te = ph->te;
					np->actors[np->nactors++] = &ex->lex->countries.v[ci].actor;
					return (int)ex->nph++;
				}
			}
			k = ph->te - 1;
			continue;
		}
		if (w[0] == ',' && k + 1 < e &&
		    (is_word(t, k + 1, "a") || is_word(t, k + 1, "an") || is_word(t, k + 1, "the")))
			break; /* an apposition describes what came before */
		if (w[0] == ',') {
			/* ", Dutch Foreign Minister X said": the speaker, not the target */
			size_t q;
			for (q = k + 1; q < e && q < k + 9; q++)
				if (tok_cl(t, q, CL_REPORTING) || is_punct(t, q))
					break;
			if (q < e && q < k + 9 && tok_cl(t, q, CL_REPORTING))
				break;
		}
		if (w[0] == ';' || w[0] == '.' || is_rel_word(t, k) ||
		    (w[0] == ',' && k + 1 < e && tok_cl(t, k + 1, CL_REPORTING)) ||
		    tok_cl(t, k, CL_REPORTING) || is_word(t, k, "but") || is_word(t, k, "while"))
			break;
	}
	return -1;
}

/*
 * Protest, repression and unconventional violence without a named target are
 * domestic: they are directed at the source's own country ("Egyptian police
 * opened fire on demonstrators", "Iraqi Kurds demonstrated"), as CAMEO codes them.
 */
static int domestic_target(dkg_extractor *ex, int src, const char *code)
{
	int root = (code[0] - '0') * 10 + (code[1] - '0');
	const dkg_actor *a;
	int32_t ci;
	if (src < 0 || !(root == 14 || root == 17 || root == 18) || !ex->ph[src].nactors ||
	    ex->nph >= MAX_PHRASES)
		return -1;
	a = ex->ph[src].actors[0];
	if (!a->country || a->kind == DKG_ACTOR_STATE ||
	    (ci = dkg_lexicon_country(ex->lex, a->country)) < 0)
		return -1;
	{
		phrase *np = &ex->ph[ex->nph];
		memset(np, 0, sizeof *np);
		np->ts = np->te = ex->ph[src].ts;
		np->actors[np->nactors++] = &ex->lex->countries.v[ci].actor;
		return (int)ex->nph++;
	}
}

/* The phrase names peacekeepers ("NATO peacekeeping troops", "blue helmets"). */
static int peacekeepers(dkg_extractor *ex, int p)
{
	if (p < 0)
		return 0;
	for (size_t k = ex->ph[p].ts; k < ex->ph[p].te; k++)
		if (!strncmp(dkg_tok_norm(&ex->toks, k), "peacekeep", 9))
			return 1;
	for (size_t a = 0; a < ex->ph[p].nactors; a++)
		if (strstr(ex->ph[p].actors[a]->id, "peacekeep"))
			return 1;
	return 0;
}

/*
 * The object of "mobilize" (after determiners and numbers) is a force: a
 * military or police sector, or no object at all ("mobilized against").
 */
static int mobilizes_forces(dkg_extractor *ex, size_t k, size_t e)
{
	dkg_tokens *t = &ex->toks;
	static const char *const forces[] = {"reservists", "reserves", "reserve",    "men",
	                                     "fighters",   "units",    "guard",      "guards",
	                                     "militiamen", "recruits", "conscripts", NULL};
	while (k < e &&
	       (tok_cl(t, k, CL_DETS) || t->tok[k].type == DKG_TOK_NUM ||
	        tok_cl(t, k, CL_MODIFIERS) || tok_cl(t, k, CL_QUANTITIES) || is_word(t, k, "its") ||
	        is_word(t, k, "their") || is_word(t, k, "his") || is_word(t, k, "more") ||
	        is_word(t, k, "additional") || is_word(t, k, "extra")))
		k++;
	if (k >= e || is_punct(t, k) || tok_cl(t, k, CL_PREPS) || tok_cl(t, k, CL_ADVERBS) ||
	    in_list(dkg_tok_norm(t, k), forces))
		return 1;
	if (ex->ph_at[k] >= 0) {
		const phrase *ph = &ex->ph[ex->ph_at[k]];
		for (size_t a = 0; a < ph->nactors; a++) {
			const char *c = ph->actors[a]->code;
			size_t n = c ? strlen(c) : 0;
			if (n >= 3 && (!strcmp(c + n - 3, "MIL") || !strcmp(c + n - 3, "COP")))
				return 1;
		}
		if (ph->orphan &&
		    (!strcmp(ph->orphan->sector, "MIL") || !strcmp(ph->orphan->sector, "COP")))
			return 1;
	}
	/* "the Army": a sector noun read as such */
	{
		uint32_t idx;
		if (ex->form[k] && form_has(ex->lex, ex->form[k], LEX_SECTOR, &idx)) {
			const char *sec = ex->lex->sectors.v[idx].sector;
			return !strcmp(sec, "MIL") || !strcmp(sec, "COP");
		}
	}
	return 0;
}

/* "return" gives something back: an object follows it and a recipient
 * governed by "to" was found. */
static int returns_object(dkg_extractor *ex, size_t k, size_t e, int tgt)
{
	dkg_tokens *t = &ex->toks;
	static const char *const intransitive[] = {"home", "back",  "fire",   "there",
	                                           "here", "power", "office", NULL};
	if (tgt < 0 || strcmp(ex->ph[tgt].prep ? ex->ph[tgt].prep : "", "to") ||
	    ex->ph[tgt].ts == k + 1)
		return 0;
	while (k < e && tok_cl(t, k, CL_ADVERBS))
		k++;
	return k < e && !is_punct(t, k) && !tok_cl(t, k, CL_PREPS) &&
	       !in_list(dkg_tok_norm(t, k), intransitive);
}

/*
 * Tokens [from, to) of one clause name a weapon or an attack ("a car bomb",
 * "a suicide attack on a convoy"): violence with no actor named, as against
 * a disease or an accident.
 */
static int violent_means(dkg_extractor *ex, size_t from, size_t to)
{
	dkg_tokens *t = &ex->toks;
	for (size_t k = to; k > from;) {
		const char *w = dkg_tok_norm(t, --k);
		if (w[0] == ',' || w[0] == ';' || is_word(t, k, "that") || is_rel_word(t, k))
			return 0;
		if (tok_cl(t, k, CL_MEANS))
			return 1;
	}
	return 0;
}

/* Token i is one of the light verbs that govern noun trigger tg. */
static int is_light(const lex_trigger *tg, const dkg_tokens *t, size_t i)
{
	for (size_t L = 0; L < tg->nlight; L++)
		if (t->tok[i].hash == tg->light[L])
			return 1;
	return 0;
}

static int code_root(const char *code)
{
	return (code[0] - '0') * 10 + (code[1] - '0');
}

/*
 * The country where a clause sets its event, as an actor phrase: the place
 * after the verb ("in central Baghdad", "outside the Iraqi city of Basra"),
 * else before it ("guerrillas operating in Macedonia were disarmed").
 */
static int place_actor(dkg_extractor *ex, size_t s, size_t e, size_t from, size_t v)
{
	dkg_tokens *t = &ex->toks;
	const char *cc = NULL;
	int32_t ci;
	int at = -1;
	for (size_t k = from; k < e && k < from + 14 && !cc; k++) {
		int p = ex->ph_at[k];
		if (p >= 0) {
			const phrase *ph = &ex->ph[p];
			if (ph->governed && ph->place && ph->place->country)
				cc = ph->place->country, at = p;
			else if (ph->governed && ph->nactors == 1 && ph->actors[0]->country &&
			         ph->actors[0]->kind == DKG_ACTOR_STATE && !strcmp(ph->prep, "of"))
				cc = ph->actors[0]->country, at = p; /* "the Iraqi city of" */
			k = ph->te - 1;
			continue;
		}
		if (is_punct(t, k) || is_rel_word(t, k) || tok_cl(t, k, CL_REPORTING))
			break;
	}
	if (!cc) {
		const dkg_place *pl = place_before(ex, s, v);
		if (pl)
			cc = pl->country;
	}
	if (!cc || (ci = dkg_lexicon_country(ex->lex, cc)) < 0 || ex->nph >= MAX_PHRASES)
		return -1;
	{
		phrase *np = &ex->ph[ex->nph];
		memset(np, 0, sizeof *np);
		np->ts = at >= 0 ? ex->ph[at].ts : v;
		np->te = at >= 0 ? ex->ph[at].te : v;
		np->actors[np->nactors++] = &ex->lex->countries.v[ci].actor;
		return (int)ex->nph++;
	}
}

static int is_retreat_lemma(const char *lemma)
{
	static const char *const l[] = {
	    "back away from", "back off",   "back down", "retreat from", "retreat",
	    "withdraw",       "drop",       "abandon",   "renounce",     "back away",
	    "walk back",      "climb down", NULL};
	return in_list(lemma, l);
}

/*
 * A trigger in a relative clause ("which were caused by a missile attack"), a
 * participial clause (", killing one person"), or a temporal clause ("after a
 * jet shot down ...") tells background: it is coded only when the sentence has
 * no main-clause event.
 */
static void mark_subordinate(dkg_extractor *ex, size_t s, trig *r)
{
	dkg_tokens *t = &ex->toks;
	const char *w = dkg_tok_norm(t, r->ts);
	size_t n = strlen(w), k;
	if (!r->noun && n > 4 && !strcmp(w + n - 3, "ing") && r->ts > s) {
		/* a participle unless a form of "be" makes it progressive */
		k = r->ts;
		while (k > s && tok_cl(t, k - 1, CL_ADVERBS))
			k--;
		if (k == s || !tok_cl(t, k - 1, CL_AUX_BE))
			r->subordinate = 1;
	}
	for (k = r->ts; k > s;) {
		k--;
		w = dkg_tok_norm(t, k);
		if (is_rel_word(t, k) || tok_cl(t, k, CL_SUBORDINATORS_LIST)) {
			r->subordinate = 1;
			return;
		}
		/* a clause boundary ends the search */
		if (w[0] == ';' || w[0] == ',' || tok_cl(t, k, CL_CLAUSE_JOINS))
			return;
	}
}

/*
 * True when token i is in the that-clause of a charge, claim or report ("denied
 * charges by the clergy that it tortured a priest"): what is alleged is not
 * coded as done.
 */
static int alleged(dkg_extractor *ex, size_t s, size_t i)
{
	dkg_tokens *t = &ex->toks;
	size_t q = i, n = 0;
	while (q > s && n < 14) {
		const char *w = dkg_tok_norm(t, --q);
		n++;
		if (w[0] == ';' || w[0] == '.' || w[0] == ',')
			return 0;
		if (tok_cl(t, q, CL_CLAUSE_JOINS)) {
			if (is_word(t, q, "that"))
				break;
			return 0; /* "and", "but" */
		}
	}
	if (!is_word(t, q, "that"))
		return 0;
	for (size_t k = q, m = 0; k > s && m < 8; m++) {
		const char *w = dkg_tok_norm(t, --k);
		if (tok_cl(t, k, CL_CLAIMS))
			return 1;
		if (w[0] == ';' || w[0] == '.' || (ex->form[k] && trigger_of(ex->lex, ex->form[k])))
			return 0;
	}
	return 0;
}

/* True when the trigger at i is only weighed ("is considering sending aid",
 * "mulled whether to impose sanctions"): nothing has been done or promised. */
static int weighed(dkg_extractor *ex, size_t s, size_t i)
{
	static const char *const weigh[] = {
	    "consider",    "considers",    "considered",   "considering",   "weigh",    "weighs",
	    "weighed",     "weighing",     "mull",         "mulls",         "mulled",   "mulling",
	    "contemplate", "contemplates", "contemplated", "contemplating", "debating", NULL};
	dkg_tokens *t = &ex->toks;
	size_t k = i;
	const char *w = dkg_tok_norm(t, i);
	size_t n = strlen(w);
	if (k >= s + 2 && is_word(t, k - 1, "to") && is_word(t, k - 2, "whether"))
		k -= 2;
	else if (!(n > 4 && !strcmp(w + n - 3, "ing")))
		return 0;
	while (k > s && tok_cl(t, k - 1, CL_ADVERBS))
		k--;
	return k > s && in_list(dkg_tok_norm(t, k - 1), weigh);
}

/* True when token i stands between an opening and a closing quotation mark
 * of its sentence: quoted words are speech, coded through attribution only. */
static int in_quotes(const dkg_tokens *t, size_t s, size_t i)
{
	size_t n = 0;
	for (size_t k = s; k < i; k++)
		if (t->tok[k].flags & DKG_TF_QUOTE) {
			const char *w = dkg_tok_norm(t, k);
			if (w[0] == '\'' && w[1] == '\0')
				continue; /* apostrophes are not quotes */
			n++;
		}
	return n % 2 == 1;
}

static int process_sentence(dkg_extractor *ex, size_t s, size_t e)
{
	dkg_tokens *t = &ex->toks;
	dkg_result *res = ex->res;
	size_t first_event = res->nevents;
	size_t sb, se, i, before = 0;
	if (e <= s)
		return 0;
	if (e - s > ex->opts.max_tokens) {
		e = s + ex->opts.max_tokens;
		res->truncations++;
	}
	sb = t->tok[s].start;
	se = t->tok[e - 1].end;
	res->nsentences++;
	/* lexicon: the sentence's tokens are empty (NULL, 1) from process_chunk,
	 * which clears the chunk; only a match is written */
	for (i = s; i < e;) {
		const lex_form *f = NULL;
		size_t n = dkg_lexicon_match_text(ex->lex, t, ex->doc->text, i, e, &f);
		if (!n) {
			i++;
			continue;
		}
		ex->form[i] = f;
		ex->span[i] = (uint8_t)n;
		i += n;
	}
	build_phrases(ex, s, e);
	find_triggers(ex, s);
	/* complements: "threatened to deploy" -> deploy belongs to threatened; a noun
	 * that is the object of a trigger verb ("demanded support") belongs to it */
	for (i = 0; i < ex->ntr; i++) {
		trig *r = &ex->tr[i];
		if (r->ts >= s + 1 && is_word(t, r->ts - 1, "to")) {
			for (size_t q = 0; q < i; q++) {
				trig *g = &ex->tr[q];
				if (g->t->comp == COMP_TO && !g->noun && g->te <= r->ts - 1 &&
				    r->ts - 1 - g->te <= 6)
					r->consumed = 1;
			}
			/* any other "to VERB" after a trigger is a purpose clause; after a
			 * noun ("a rally to protest") it is the noun's complement, consumed
			 * only if the noun makes an event (below) */
			if (!r->consumed && i > 0)
				r->subordinate = 1;
		}
		if (r->noun && i > 0) {
			trig *g = &ex->tr[i - 1];
			/* "retreated from his threat": the threat withdrawn stays an event */
			if (!g->noun && r->ts >= g->te && r->ts - g->te <= 4 &&
			    !is_retreat_lemma(g->t->lemma)) {
				size_t q;
				for (q = g->te; q < r->ts; q++)
					if (is_punct(t, q) || tok_cl(t, q, CL_CLAUSE_STOP))
						break;
				if (q == r->ts)
					r->consumed = 1;
			}
		}
		mark_subordinate(ex, s, r);
		if (in_quotes(t, s, r->ts) || alleged(ex, s, r->ts) || weighed(ex, s, r->ts))
			r->consumed = 1;
	}
	if (demands(ex, s, e, sb, se, first_event) < 0)
		return DKG_ENOMEM;
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < ex->ntr; i++) {
			trig *r = &ex->tr[i];
			const lex_trigger *tg = r->t;
			if (pass == 1 && res->nevents > first_event)
				break;
			size_t vstart, obj_s = 0, obj_e = 0, after;
			int neg, passive, inf, src = -1, tgt = -1, coref = 0;
			dkg_modality mod;
			const char *code = tg->cameo;
			const lex_trigger *comp_tr = NULL;
			if (r->consumed || (r->subordinate && pass == 0) ||
			    (!r->subordinate && pass == 1))
				continue;
			if (!r->noun) {
				verb_group(ex, s, r->ts, &vstart, &neg, &mod, &passive, &inf);
				if (tg->active_only)
					passive = 0;
				if (inf) {
					/* "plans to meet", "decided to send": the governing verb's
					 * subject
					 */
					size_t g = vstart;
					if (g > s) {
						const char *gw = dkg_tok_norm(t, g - 1);
						if (tok_cl(t, g - 1, CL_INTENT_GOVERNORS))
							mod = DKG_MODALITY_INTENDED;
						if (!strcmp(gw, "failed") ||
						    !strcmp(gw, "declined"))
							neg = 1;
					}
				}
				after = r->te;
				if (passive) {
					/* "was greeted by X": X is the source, the subject the
					 * target */
					size_t k = r->te;
					/* the agent may follow a short complement: "was accused
					 * of stealing funds by X", "killed in an ambush by X" */
					while (k < e && k < r->te + 6 && !is_word(t, k, "by") &&
					       !is_punct(t, k) && !is_rel_word(t, k) &&
					       !tok_cl(t, k, CL_CLAUSE_STOP))
						k++;
					if (k < e && is_word(t, k, "by")) {
						src = phrase_after(ex, k + 1, e, 4, 1);
						tgt = subject_before(ex, s, vstart, i);
						/* "a camp for Congolese refugees was attacked": the
						 * actor inside the subject is the one attacked */
						for (size_t q = vstart;
						     tgt < 0 && q > s && q + 8 > vstart; q--) {
							int p = ex->ph_at[q - 1];
							if (p >= 0 && ex->ph[p].nactors) {
								tgt = p;
								break;
							}
							if (is_comma_like(t, q - 1))
								break;
						}
						after = src >= 0 ? ex->ph[src].te : k + 1;
					}
					/* "three soldiers were killed in Basra", "prisoners
					 * were freed in Tripoli": violence, release or
					 * demobilisation without a named agent is coded to the
					 * country where it happened, the subject its target */
					if (src < 0 &&
					    (code_root(code) >= 17 || !strcmp(code, "0841") ||
					     !strcmp(code, "0873")) &&
					    (!is_word(t, k, "by") ||
					     violent_means(ex, k + 1, k + 7 < e ? k + 7 : e))) {
						int sub = subject_before(ex, s, vstart, i);
						if (sub >= 0 && ex->ph[sub].nactors &&
						    (src = place_actor(ex, s, e, r->te, vstart)) >=
						        0)
							tgt = sub;
					}
					if (src < 0)
						continue;
				} else {
					src = subject_before(ex, s, vstart, i);
					/* "a car bomb killed eight people in Kabul": violence
					 * whose subject names no actor is coded to the country
					 * where it happened */
					if (src < 0 && code_root(code) >= 18 && vstart > s &&
					    !r->subordinate &&
					    violent_means(ex, vstart > s + 14 ? vstart - 14 : s,
					                  vstart))
						src = place_actor(ex, s, e, r->te, vstart);
					if (src < 0)
						continue;
					if (tg->target & TGT_OBJ) {
						tgt = phrase_after(ex, r->te, e, 7, 0);
						if (tgt >= 0)
							after = ex->ph[tgt].te;
					}
				}
				if (tgt < 0 && (tg->target & ~(TGT_OBJ | TGT_NONE))) {
					for (size_t k = r->te; k < e && k < r->te + 10; k++) {
						int p = ex->ph_at[k];
						if (p >= 0 && ex->ph[p].governed &&
						    ex->ph[p].nactors && p != src) {
							const char *pr = ex->ph[p].prep;
							uint32_t bit = prep_bit(pr);
							if (bit & tg->target) {
								tgt = p;
								break;
							}
						}
						if (dkg_tok_norm(t, k)[0] == '.' ||
						    dkg_tok_norm(t, k)[0] == ';')
							break;
					}
				}
				/* "returned the artifacts to Iraq" gives back property (CAMEO
				 * 0842); "returned to Kabul", "returned home" only travel */
				if (!strcmp(tg->lemma, "return") &&
				    !returns_object(ex, r->te, e, tgt))
					continue;
				if (tg->comp == COMP_TO || tg->comp == COMP_NONE) {
					size_t vs = 0, ce = read_complement(ex, after, e, &vs);
					if (ce > after && tg->comp == COMP_TO) {
						obj_s = vs;
						obj_e = ce;
						if (ex->form[vs])
							comp_tr = trigger_of(ex->lex, ex->form[vs]);
					}
				}
				/* "agreed on Wednesday that ...": dates may come first */
				while (after < e && after < r->te + 4 &&
				       !is_word(t, after, "that") && tok_cl(t, after, CL_ADVERBS))
					after++;
				/* a that-clause is what the trigger says, demands or agrees to:
				 * its own triggers are not events of their own */
				if (is_word(t, after, "that")) {
					obj_s = after + 1;
					obj_e = obj_s;
					while (obj_e < e && obj_e < obj_s + 12 &&
					       !is_punct(t, obj_e))
						obj_e++;
					/* "demanded that Y do X": Y is the target, X no event */
					if (tgt < 0 && (!strncmp(tg->cameo, "02", 2) ||
					                !strncmp(tg->cameo, "10", 2)))
						tgt = phrase_after(ex, obj_s, e, 3, 0);
					for (size_t q = i + 1; q < ex->ntr; q++)
						if (ex->tr[q].ts >= obj_s && ex->tr[q].ts < obj_e)
							ex->tr[q].consumed = 1;
				}
				if (tg->comp == COMP_NP && tgt < 0) {
					obj_s = after;
					obj_e = obj_s;
					while (obj_e < e && obj_e < obj_s + 6 &&
					       !object_stop(t, obj_e))
						obj_e++;
				}
			} else {
				/* noun trigger: "his threat to deploy", "X held talks with Y", "an
				 * attack by X"; "Russia's return" is mostly travel, not restitution
				 */
				if (!strcmp(tg->lemma, "return"))
					continue;
				size_t k = r->ts;
				neg = 0;
				mod = DKG_MODALITY_ASSERTED;
				while (k > s &&
				       (tok_cl(t, k - 1, CL_MODIFIERS) ||
				        is_word(t, k - 1, "new") || is_word(t, k - 1, "fresh") ||
				        is_word(t, k - 1, "further") ||
				        is_word(t, k - 1, "bellicose") ||
				        (ex->form[k - 1] == NULL && ex->ph_at[k - 1] < 0 &&
				         t->tok[k - 1].type == DKG_TOK_WORD && k - 1 > s &&
				         (is_word(t, k - 2, "a") || is_word(t, k - 2, "an") ||
				          is_word(t, k - 2, "the") ||
				          /* "held direct talks": an adjective after the
				           * noun's own light verb */
				          (!(t->tok[k - 1].cls & CL_PLAIN_TEST) &&
				           !(t->tok[k - 1].flags & DKG_TF_CAP) &&
				           is_light(tg, t, k - 2))))))
					k--;
				/* "Premier Li's visit": the possessor before 's */
				size_t pk = k;
				if (pk > s + 1 && is_word(t, pk - 1, "'s"))
					pk--;
				if (pk > s && ex->ph_at[pk - 1] >= 0 &&
				    ex->ph[ex->ph_at[pk - 1]].nactors &&
				    (ex->ph[ex->ph_at[pk - 1]].possessive ||
				     tok_cl(t, pk - 1, CL_PRONOUN_PERSON) ||
				     is_word(t, pk - 1, "their") || is_word(t, pk - 1, "its"))) {
					src = ex->ph_at[pk - 1];
					coref = ex->ph[src].pronoun;
				} else if (k > s &&
				           (is_word(t, k - 1, "his") || is_word(t, k - 1, "her"))) {
					continue;
				} else {
					size_t q = r->te;
					while (q < e && q < r->te + 4 && !is_word(t, q, "by"))
						q++;
					if (q < e && is_word(t, q, "by"))
						src = phrase_after(ex, q + 1, e, 3, 1);
					if (src < 0 && k > s) {
						/* the subject of the governing verb right before
						 * the noun: "X imposed sanctions", "X would hold
						 * talks" */
						size_t g = k - 1;
						for (int n = 0;
						     n < 3 && g > s &&
						     (tok_cl(t, g, CL_DETS) ||
						      t->tok[g].type == DKG_TOK_NUM ||
						      (ex->form[g] == NULL && ex->ph_at[g] < 0 &&
						       !is_punct(t, g) && g > s &&
						       tok_cl(t, g - 1, CL_DETS)));
						     n++)
							g--;
						/* "speeded up the withdrawal": the particle's verb
						 */
						if (g > s + 1 &&
						    (is_word(t, g, "up") || is_word(t, g, "out") ||
						     is_word(t, g, "down") || is_word(t, g, "off")))
							g--;
						int ok =
						    !is_punct(t, g) && ex->ph_at[g] < 0 &&
						    !tok_cl(t, g,
						            CL_CLAUSE_STOP | CL_PREPS | CL_DETS) &&
						    !is_word(t, g, "and") && !is_word(t, g, "or");
						/* "stepped up attacks", "resumed talks": a verb
						 * of degree or phase governs any noun event */
						if (ok && tg->nlight)
							ok = is_light(tg, t, g) ||
							     tok_cl(t, g, CL_PHASE_VERBS);
						if (ok) {
							verb_group(ex, s, g, &vstart, &neg, &mod,
							           &passive, &inf);
							/* "a proposal to hold talks": what is
							 * proposed is not yet done */
							if (inf && vstart > s &&
							    tok_cl(t, vstart - 1, CL_PROPOSALS))
								continue;
							/* "wants to hold talks": intended */
							if (inf && vstart > s &&
							    tok_cl(t, vstart - 1,
							           CL_INTENT_GOVERNORS))
								mod = DKG_MODALITY_INTENDED;
							if (!passive)
								src = subject_before(ex, s, vstart,
								                     i);
						}
					}
				}
				if (src < 0)
					continue;
				after = r->te;
				for (size_t q = r->te; q < e && q < r->te + 8; q++) {
					int p = ex->ph_at[q];
					if (p >= 0 && p != src && ex->ph[p].governed &&
					    ex->ph[p].nactors) {
						const char *pr = ex->ph[p].prep;
						if (prep_bit(pr) & tg->target) {
							tgt = p;
							break;
						}
					}
					if (is_punct(t, q))
						break;
				}
				{
					size_t vs = 0, ce = read_complement(ex, after, e, &vs);
					if (ce > after) {
						obj_s = vs;
						obj_e = ce;
						if (ex->form[vs])
							comp_tr = trigger_of(ex->lex, ex->form[vs]);
					}
				}
				/* "its demand today that Israel ease restrictions" */
				{
					size_t q = after;
					while (q < e && q < after + 3 && tok_cl(t, q, CL_ADVERBS))
						q++;
					if (is_word(t, q, "that")) {
						size_t ce = q + 1;
						while (ce < e && ce < q + 13 && !is_punct(t, ce))
							ce++;
						for (size_t z = i + 1; z < ex->ntr; z++)
							if (ex->tr[z].ts > q && ex->tr[z].ts < ce)
								ex->tr[z].consumed = 1;
						if (tgt < 0)
							tgt = phrase_after(ex, q + 1, e, 3, 0);
					}
				}
			}
			if (!coref)
				coref = ex->ph[src].pronoun;
			/* the same actor as source and only target: keep the source only */
			if (tgt == src)
				tgt = -1;
			/* "mobilized reservists for a war against Iraq": one's own forces
			 * are what is moved, the target comes after them */
			if (tgt >= 0 && ex->ph[tgt].own)
				tgt = fallback_target(ex, ex->ph[tgt].te, e, src, code);
			if (tgt < 0 && !(tg->target & TGT_NONE))
				tgt = fallback_target(ex, r->te, e, src, code);
			if (tgt < 0)
				tgt = domestic_target(ex, src, code);
			/* "mobilized pressure groups", "mobilize their people": CAMEO 15
			 * mobilises armed or police forces only */
			if (!r->noun && !strncmp(tg->lemma, "mobili", 6) &&
			    !mobilizes_forces(ex, r->te, e))
				continue;
			/* "the cabinet met on Sunday": one body meeting alone is its own
			 * session, not a consultation with anyone */
			if (tgt < 0 && !r->noun && !strcmp(tg->lemma, "meet") &&
			    ex->ph[src].nactors == 1)
				continue;
			/* "threatened to respond by stationing missiles": the first trigger in
			 * the complement says what kind of act is threatened or promised */
			for (size_t q = obj_s; !comp_tr && q < obj_e; q++)
				if (ex->form[q])
					comp_tr = trigger_of(ex->lex, ex->form[q]);
			code = refine_code(code, comp_tr);
			/* "peacekeepers arrived in Bosnia": not a visit, the deployment
			 * of a peacekeeping force (CAMEO 074) */
			if (!strncmp(tg->lemma, "arrive", 6) && peacekeepers(ex, src))
				code = "074";
			/* the measure an easing verb ends: the next noun trigger of its clause */
			if (!r->noun && !strcmp(code, "081"))
				for (size_t q = i + 1; q < ex->ntr && ex->tr[q].ts < r->te + 7;
				     q++) {
					size_t z;
					for (z = r->te; z < ex->tr[q].ts; z++)
						if (is_punct(t, z) &&
						    !(t->tok[z].flags & DKG_TF_QUOTE) &&
						    dkg_tok_norm(t, z)[0] != '-')
							break;
					if (z == ex->tr[q].ts && ex->tr[q].noun)
						code = eased_code(code, ex->tr[q].t);
					break;
				}
			if (neg)
				code = negated_code(code, &neg);
			else if (mod == DKG_MODALITY_INTENDED)
				code = intent_code(code);
			else if (mod == DKG_MODALITY_POSSIBLE && hostile(code))
				code =
				    intent_code(code); /* "may halt mediation" holds out a threat */
			before = res->nevents;         /* emit may decline (duplicate, limits) */
			if (emit(ex, s, e, sb, se, r, src, tgt, code, obj_s, obj_e, neg, mod, coref,
			         first_event) < 0)
				return DKG_ENOMEM;
			r->src_phrase = src;
			r->tgt_phrase = tgt;
			/* "his threat to deploy missiles": the noun's complement is its object */
			if (r->noun && obj_e > obj_s)
				for (size_t q = i + 1; q < ex->ntr; q++)
					if (ex->tr[q].ts >= obj_s && ex->tr[q].ts < obj_e)
						ex->tr[q].consumed = 1;
			/* retraction: "backed away from his threat" withdraws that source's threat
			 */
			if (is_retreat_lemma(tg->lemma) && res->nevents > before)
				res->events[res->nevents - 1].retracts = -2; /* linked below */
		}
	return 0;
}

/* Links each retraction of the document to the threat it withdraws: the same
 * source's latest threat before it, else its first threat after it ("retreated
 * from his threat" can open an article that reports the threat later). */
static void link_retractions(dkg_result *res)
{
	for (size_t k = 0; k < res->nevents; k++) {
		dkg_event *ev = &res->events[k];
		int before = -1, after = -1;
		if (ev->retracts != -2)
			continue;
		for (size_t q = 0; q < res->nevents; q++) {
			dkg_event *o = &res->events[q];
			if (q == k || strcmp(o->plover, "THREATEN") || !o->nsources ||
			    !ev->nsources ||
			    strcmp(person_key(o->sources[0]), person_key(ev->sources[0])))
				continue;
			if (q < k)
				before = (int)q;
			else if (after < 0)
				after = (int)q;
		}
		ev->retracts = before >= 0 ? before : after;
	}
}

/* Skips a dateline ("NICE, France —") at the start of the text; sets ex->dateline. */
static size_t skip_dateline(dkg_extractor *ex, size_t s, size_t e)
{
	dkg_tokens *t = &ex->toks;
	size_t k;
	if (s >= e || !(t->tok[s].flags & DKG_TF_ALLCAPS || t->tok[s].flags & DKG_TF_CAP))
		return s;
	for (k = s; k < e && k < s + 8; k++) {
		if (t->tok[k].flags & DKG_TF_DASH) {
			/* the place: the first lexicon place or capital in the dateline */
			size_t q;
			if (!(t->tok[s].flags & DKG_TF_ALLCAPS))
				return s;
			for (q = s; q < k; q++) {
				const lex_form *f = NULL;
				uint32_t idx;
				dkg_lexicon_match(ex->lex, t, q, k, &f);
				if (f && form_has(ex->lex, f, LEX_PLACE, &idx)) {
					ex->dateline = &ex->lex->places.v[idx];
					break;
				}
				if (f && form_has(ex->lex, f, LEX_CAPITAL, &idx) &&
				    ex->lex->capitals.v[idx].place >= 0) {
					ex->dateline =
					    &ex->lex->places.v[ex->lex->capitals.v[idx].place];
					break;
				}
			}
			return k + 1;
		}
		if (t->tok[k].type == DKG_TOK_WORD &&
		    !(t->tok[k].flags & (DKG_TF_CAP | DKG_TF_ALLCAPS)) && !is_word(t, k, "reuters"))
			return s;
	}
	return s;
}

static int process_chunk(dkg_extractor *ex, size_t base, size_t len, int first_chunk)
{
	const char *text = ex->doc->text;
	size_t nsent, i, start;
	int rc;
	dkg_tokens_clear(&ex->toks);
	rc = dkg_tokenize(&ex->toks, text + base, base, len, (size_t)-1);
	if (rc < 0)
		return rc;
	if (!ex->toks.n)
		return 0;
	if (ensure_ann(ex, ex->toks.n) < 0)
		return DKG_ENOMEM;
	/* every token of the chunk starts unannotated: code that looks a few tokens
	 * past a sentence cut short by the limits must find nothing, not garbage,
	 * and the lexicon pass of a sentence writes its matches only */
	memset((void *)ex->form, 0, ex->toks.n * sizeof *ex->form);
	memset(ex->span, 1, ex->toks.n);
	for (i = 0; i < ex->toks.n; i++)
		ex->ph_at[i] = -1;
	for (i = 0; i < ex->toks.n; i++)
		ex->toks.tok[i].cls = word_lists(ex->toks.tok[i].hash);
	nsent = dkg_split_sentences(&ex->toks, text, ex->sent_ends, MAX_SENT);
	start = 0;
	for (i = 0; i < nsent; i++) {
		size_t s = start, e = ex->sent_ends[i];
		if (first_chunk && i == 0)
			s = skip_dateline(ex, s, e);
		/* a sentence longer than the limit is cut */
		if (e > s &&
		    ex->toks.tok[e - 1].end - ex->toks.tok[s].start > ex->opts.max_sentence_bytes)
			ex->res->truncations++;
		while (e > s && ex->toks.tok[e - 1].end - ex->toks.tok[s].start >
		                    ex->opts.max_sentence_bytes)
			e--;
		rc = process_sentence(ex, s, e);
		if (rc < 0)
			return rc;
		start = ex->sent_ends[i];
	}
	return 0;
}

int dkg_extract(dkg_result **out, dkg_extractor *ex, const dkg_document *doc)
{
	dkg_result *res;
	size_t pos = 0, n;
	int rc, first = 1;
	const size_t chunk = 64 * 1024;
	*out = NULL;
	if (!ex || !doc)
		return DKG_EINVAL;
	rc = dkg_result_new(&res, doc);
	if (rc < 0)
		return rc;
	ex->doc = doc;
	ex->res = res;
	ex->npersons = 0;
	ex->last_actor = ex->last_state = NULL;
	ex->dateline = NULL;
	ex->doc_first_event = 0;
	ex->date_str = doc->date && dkg_parse_iso_date(doc->date) != DKG_NO_DATE
	                   ? doc->date
	                   : ex->opts.default_date;
	ex->anchor = dkg_parse_iso_date(ex->date_str);
	n = doc->text ? doc->text_len : 0;
	/* paragraphs, each cut into pieces of at most `chunk` bytes at a space */
	while (pos < n) {
		size_t end = pos, lim = pos + chunk < n ? pos + chunk : n;
		const char *nl = memchr(doc->text + pos, '\n', lim - pos);
		if (nl) {
			end = (size_t)(nl - doc->text) + 1;
		} else if (lim < n) {
			end = lim;
			while (end > pos + chunk / 2 && doc->text[end - 1] != ' ')
				end--;
		} else {
			end = n;
		}
		rc = process_chunk(ex, pos, end - pos, first);
		if (rc < 0) {
			dkg_result_free(res);
			ex->res = NULL;
			return rc;
		}
		if (end - pos > 1 || doc->text[pos] != '\n')
			first = 0;
		pos = end;
	}
	if (res->arena.oom) {
		dkg_result_free(res);
		ex->res = NULL;
		return DKG_ENOMEM;
	}
	link_retractions(res);
	ex->res = NULL;
	ex->doc = NULL;
	*out = res;
	return DKG_OK;
}
