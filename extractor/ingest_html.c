/*
 * ingest_html.c - news pages through libxml2's tolerant HTML parser: the
 * article body as a reader sees it (explicit article markup first, else
 * blocks scored by paragraph text and link density) and the page metadata
 * (Open Graph, JSON-LD, <h1>, <title>, <time>, canonical link, lang).
 */
#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "ingest_internal.h"

/* Per-element figures gathered once, bottom-up, so no decision rescans a subtree. */
typedef struct node_stats {
	size_t text;   /* bytes of visible text below */
	size_t link;   /* of which inside <a> */
	size_t para;   /* of which inside <p> */
	size_t commas; /* commas in paragraph text */
	double score;  /* readability score as a candidate container */
	int depth;
} node_stats;

typedef struct page {
	dkg_ingest_ctx *ctx;
	xmlDocPtr doc;
	node_stats *stats;
	size_t nstats;
	int max_depth;
	int depth_hit; /* a subtree deeper than max_depth was skipped */
	/* metadata candidates; strings point into the tree or into `ld` */
	const char *og_title, *og_site, *og_url, *canonical, *published, *meta_date, *lang,
	    *meta_author, *og_locale;
	json_t *ld; /* the JSON-LD article object, if any (a borrowed reference into ld_roots) */
	json_t *ld_roots;
	xmlNodePtr h1, title, time_el, body_marked, first_article;
} page;

static int is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* An attribute's value without copying it (NULL when absent). */
static const char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n && n->type == XML_ELEMENT_NODE ? n->properties : NULL; a;
	     a = a->next) {
		if (!strcasecmp((const char *)a->name, name)) {
			if (a->children && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	}
	return NULL;
}

static node_stats *st(page *pg, xmlNodePtr n)
{
	(void)pg;
	return n && n->type == XML_ELEMENT_NODE ? (node_stats *)n->_private : NULL;
}

/* Elements that are never article text. */
static int never_text(xmlNodePtr n)
{
	static const char *names[] = {"script", "style",  "noscript", "template", "nav",
	                              "aside",  "footer", "form",     "button",   "select",
	                              "option", "iframe", "svg",      "object",   "embed",
	                              "canvas", "input",  "textarea", "label",    "head",
	                              "menu",   "dialog", "audio",    "video",    "map"};
	const char *v;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return 1;
	if (attr(n, "hidden") || ((v = attr(n, "aria-hidden")) && !strcmp(v, "true")))
		return 1;
	if ((v = attr(n, "style")) && (strstr(v, "display:none") || strstr(v, "display: none")))
		return 1;
	return 0;
}

static int contains_word_nocase(const char *hay, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = hay; *p; p++)
		if (!strncasecmp(p, word, n))
			return 1;
	return 0;
}

/* A class token naming an advertisement: "ad", "ads", "ad-slot", "top-ad". */
static int ad_token(const char *v)
{
	while (v && *v) {
		size_t n;
		while (*v == ' ')
			v++;
		n = strcspn(v, " ");
		if ((n == 2 && !strncasecmp(v, "ad", 2)) || (n == 3 && !strncasecmp(v, "ads", 3)) ||
		    (n > 3 && (!strncasecmp(v, "ad-", 3) || !strncasecmp(v, "ad_", 3) ||
		               !strncasecmp(v, "ads-", 4) || !strncasecmp(v + n - 3, "-ad", 3) ||
		               !strncasecmp(v + n - 4, "-ads", 4))))
			return 1;
		v += n;
	}
	return 0;
}

/* Class or id naming page furniture: share bars, related links, comments, ads. */
static int furniture(xmlNodePtr n)
{
	static const char *bad[] = {"share",      "social",          "related",     "comment",
	                            "promo",      "newsletter",      "advert",      "sponsor",
	                            "outbrain",   "taboola",         "subscribe",   "signup",
	                            "breadcrumb", "toolbar",         "masthead",    "sidebar",
	                            "popup",      "modal",           "cookie",      "tag-list",
	                            "byline",     "timestamp",       "author",      "hidden",
	                            "sr-only",    "visually-hidden", "nav",         "menu",
	                            "footer",     "header",          "skip",        "print",
	                            "email",      "recommend",       "more-on",     "most-",
	                            "trending",   "adslot",          "placeholder", "copyright",
	                            "credit",     "banner",          "pagination",  "story-meta",
	                            "widget",     "right-rail",      "disclaimer",  "gallery",
	                            "tools"};
	const char *cls = attr(n, "class"), *id = attr(n, "id"), *role = attr(n, "role");
	if (role && (!strcmp(role, "navigation") || !strcmp(role, "complementary") ||
	             !strcmp(role, "banner") || !strcmp(role, "contentinfo")))
		return 1;
	if (ad_token(cls) || ad_token(id))
		return 1;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (cls && contains_word_nocase(cls, bad[i]))
			return 1;
		if (id && contains_word_nocase(id, bad[i]))
			return 1;
	}
	return 0;
}

/* Readability's class weight: names that promise article text, or furniture. */
static double class_weight(xmlNodePtr n)
{
	static const char *good[] = {"article", "body", "content", "entry", "main",
	                             "page",    "post", "text",    "blog",  "story"};
	const char *v[2] = {attr(n, "class"), attr(n, "id")};
	double w = 0;
	if (furniture(n))
		return -25;
	for (int k = 0; k < 2; k++) {
		if (!v[k])
			continue;
		for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
			if (contains_word_nocase(v[k], good[i])) {
				w += 25;
				break;
			}
		}
	}
	return w;
}

static int is_block(xmlNodePtr n)
{
	static const char *names[] = {
	    "p",    "div",   "br",      "h1",     "h2",         "h3",      "h4",      "h5",
	    "h6",   "li",    "ul",      "ol",     "blockquote", "section", "article", "header",
	    "tr",   "table", "pre",     "figure", "figcaption", "dd",      "dt",      "dl",
	    "main", "hr",    "address", "td",     "th"};
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

/* Bytes of text in a text node, white space runs counted once. */
static size_t text_weight(const char *s, size_t *commas)
{
	size_t n = 0;
	int space = 1;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			if (!space)
				n++;
			space = 1;
		} else {
			n++;
			space = 0;
			if (*s == ',')
				(*commas)++;
		}
	}
	return n;
}

/*
 * One pass over the tree, iterative (a page may nest 200,000 elements deep):
 * pre-order gives each element its stats slot and depth, post-order adds
 * its figures to its parent. Also picks up the metadata elements.
 */
/* The next node of a pre-order walk of the subtree under `root`, into n's
 * children when `descend`; NULL when the walk is over. Iterative, so a page
 * nested 200,000 deep costs no stack. */
static xmlNodePtr walk_next(xmlNodePtr n, xmlNodePtr root, int descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != root && !n->next)
		n = n->parent;
	return (n && n != root) ? n->next : NULL;
}

static int gather(page *pg, xmlNodePtr root)
{
	size_t count = 0, next = 0;
	xmlNodePtr n;
	/* count elements first: one allocation for all stats */
	for (n = root; n;) {
		if (n->type == XML_ELEMENT_NODE)
			count++;
		n = walk_next(n, root, n->children && n->type == XML_ELEMENT_NODE);
	}
	pg->stats = dkg_calloc(count ? count : 1, sizeof *pg->stats);
	if (!pg->stats)
		return DKG_ENOMEM;
	pg->nstats = count;
	for (n = root; n;) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			node_stats *s = &pg->stats[next++];
			node_stats *ps = st(pg, n->parent);
			s->depth = ps ? ps->depth + 1 : 0;
			n->_private = s;
			descend = n->children != NULL && !is(n, "script") && !is(n, "style") &&
			          !is(n, "template");
			if (s->depth > pg->max_depth) {
				descend = 0;
				pg->depth_hit = 1;
			}
			if (is(n, "meta")) {
				const char *prop = attr(n, "property"), *name = attr(n, "name");
				const char *content = attr(n, "content");
				const char *key = prop ? prop : name;
				if (key && content) {
					if (!strcasecmp(key, "og:title") && !pg->og_title)
						pg->og_title = content;
					else if (!strcasecmp(key, "og:site_name") && !pg->og_site)
						pg->og_site = content;
					else if (!strcasecmp(key, "og:url") && !pg->og_url)
						pg->og_url = content;
					else if (!strcasecmp(key, "og:locale") && !pg->og_locale)
						pg->og_locale = content;
					else if (!strcasecmp(key, "article:published_time") &&
					         !pg->published)
						pg->published = content;
					else if ((!strcasecmp(key, "date") ||
					          !strcasecmp(key, "pubdate") ||
					          !strcasecmp(key, "publishdate") ||
					          !strcasecmp(key, "dc.date") ||
					          !strcasecmp(key, "dc.date.issued") ||
					          !strcasecmp(key, "dcterms.created") ||
					          !strcasecmp(key, "sailthru.date") ||
					          !strcasecmp(key, "parsely-pub-date") ||
					          !strcasecmp(key, "ptime") ||
					          !strcasecmp(key, "article.published") ||
					          !strcasecmp(key, "citation_publication_date")) &&
					         !pg->meta_date)
						pg->meta_date = content;
					else if ((!strcasecmp(key, "author") ||
					          !strcasecmp(key, "byl")) &&
					         !pg->meta_author)
						pg->meta_author = content;
				}
			} else if (is(n, "link")) {
				const char *rel = attr(n, "rel");
				if (rel && !strcasecmp(rel, "canonical") && !pg->canonical)
					pg->canonical = attr(n, "href");
			} else if (is(n, "html")) {
				if (!pg->lang)
					pg->lang = attr(n, "lang");
			} else if (is(n, "h1")) {
				if (!pg->h1)
					pg->h1 = n;
			} else if (is(n, "title")) {
				if (!pg->title && !(n->parent && is(n->parent, "svg")))
					pg->title = n;
			} else if (is(n, "time")) {
				if (!pg->time_el && attr(n, "datetime"))
					pg->time_el = n;
			} else if (is(n, "article")) {
				if (!pg->first_article)
					pg->first_article = n;
			}
		} else if ((n->type == XML_TEXT_NODE) && n->content) {
			node_stats *ps = st(pg, n->parent);
			if (ps) {
				size_t commas = 0,
				       w = text_weight((const char *)n->content, &commas);
				ps->text += w;
				ps->commas += commas;
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* post-order: fold finished elements into their parents */
		for (;;) {
			node_stats *s = st(pg, n), *ps;
			if (s) {
				if (is(n, "a"))
					s->link = s->text;
				if (is(n, "p"))
					s->para = s->text;
				ps = n != root ? st(pg, n->parent) : NULL;
				if (ps && !never_text(n)) {
					ps->text += s->text;
					ps->link += s->link;
					ps->para += s->para;
					if (!is(n, "p"))
						ps->commas += s->commas;
				}
			}
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
	return DKG_OK;
}

/* --- text output ------------------------------------------------------------------ */

typedef struct writer {
	dkg_buf *out;
	int space; /* a space is due before the next word */
	int brk;   /* a paragraph break is due */
} writer;

static void put_text(writer *w, const char *s)
{
	const char *run = NULL;
	for (;; s++) {
		int sp = *s == '\0' || isspace((unsigned char)*s);
		if (!sp && !run) {
			if (w->out->len) {
				if (w->brk)
					dkg_buf_putc(w->out, '\n');
				else if (w->space)
					dkg_buf_putc(w->out, ' ');
			}
			w->brk = w->space = 0;
			run = s;
		} else if (sp && run) {
			dkg_buf_put(w->out, run, (size_t)(s - run));
			run = NULL;
			w->space = *s != '\0';
		} else if (sp && *s) {
			w->space = 1;
		}
		if (!*s)
			break;
	}
}

/* Furniture inside the article: link lists and marked-up share/related blocks. */
static int skip_in_body(page *pg, xmlNodePtr n, int clean)
{
	node_stats *s = st(pg, n);
	if (never_text(n))
		return 1;
	if (!clean || !s)
		return 0;
	if (furniture(n))
		return 1;
	/* lists and boxes made mostly of links */
	if ((is(n, "ul") || is(n, "ol") || is(n, "div") || is(n, "section") || is(n, "table")) &&
	    s->text > 0 && s->link * 2 > s->text && s->para < 200)
		return 1;
	return 0;
}

/* Writes the visible text below `root`, paragraphs on their own lines. */
static void write_text(page *pg, xmlNodePtr root, writer *w, int clean)
{
	xmlNodePtr n = root;
	while (n) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			node_stats *s = st(pg, n);
			if (n == root || !skip_in_body(pg, n, clean)) {
				descend = n->children != NULL;
				if (s && s->depth > pg->max_depth)
					descend = 0;
				if (is_block(n))
					w->brk = 1;
				if (is(n, "img") || is(n, "br"))
					w->space = 1;
			}
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content && !(n->parent && never_text(n->parent)))
				put_text(w, (const char *)n->content);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE && is_block(n))
				w->brk = 1;
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* --- choosing the body --------------------------------------------------------------- */

static int marked_body(xmlNodePtr n)
{
	const char *v = attr(n, "itemprop");
	if (v && contains_word_nocase(v, "articleBody"))
		return 1;
	v = attr(n, "property");
	if (v && contains_word_nocase(v, "articleBody"))
		return 1;
	return 0;
}

/* The element with the most paragraph text among those matching `want`. */
static xmlNodePtr best_element(page *pg, xmlNodePtr root, int (*want)(xmlNodePtr))
{
	xmlNodePtr n = root, best = NULL;
	size_t best_len = 0;
	while (n) {
		int descend = n->type == XML_ELEMENT_NODE && n->children && !never_text(n);
		node_stats *s = st(pg, n);
		if (s && s->depth > pg->max_depth)
			descend = 0;
		if (s && want(n)) {
			size_t len = s->para ? s->para : s->text - s->link;
			if (len > best_len) {
				best_len = len;
				best = n;
			}
		}
		n = walk_next(n, root, descend);
	}
	return best_len >= 140 ? best : NULL;
}

static int is_article(xmlNodePtr n)
{
	return is(n, "article") || marked_body(n);
}

static int any_block(xmlNodePtr n)
{
	return is(n, "div") || is(n, "section") || is(n, "main") || is(n, "td") ||
	       is(n, "article") || is(n, "body");
}

/*
 * Readability-style scoring: every paragraph gives points (one, plus commas,
 * plus length) to its parent and half to its grandparent; the container
 * with the best score, lowered by its link density, holds the article.
 */
static xmlNodePtr scored_body(page *pg, xmlNodePtr root)
{
	xmlNodePtr n = root, best = NULL;
	double best_score = 0;
	for (size_t i = 0; i < pg->nstats; i++)
		pg->stats[i].score = 0;
	while (n) {
		int descend = n->type == XML_ELEMENT_NODE && n->children && !never_text(n);
		node_stats *s = st(pg, n);
		if (s && s->depth > pg->max_depth)
			descend = 0;
		if (s && (is(n, "p") || is(n, "pre")) && s->text >= 25 && !furniture(n)) {
			double pts =
			    1 + (double)s->commas + (double)(s->text / 100 > 3 ? 3 : s->text / 100);
			node_stats *p1 = st(pg, n->parent),
			           *p2 = n->parent ? st(pg, n->parent->parent) : NULL;
			if (p1)
				p1->score += pts;
			if (p2)
				p2->score += pts / 2;
		}
		n = walk_next(n, root, descend);
	}
	n = root;
	while (n) {
		int descend = n->type == XML_ELEMENT_NODE && n->children && !never_text(n);
		node_stats *s = st(pg, n);
		if (s && s->depth > pg->max_depth)
			descend = 0;
		if (s && s->score > 0 && any_block(n) && !furniture(n)) {
			double density = s->text ? (double)s->link / (double)s->text : 0;
			double score = (s->score + class_weight(n)) * (1 - density);
			if (score > best_score) {
				best_score = score;
				best = n;
			}
		}
		n = walk_next(n, root, descend);
	}
	return best;
}

/*
 * The best-scored block is often one part of the article (the text after a
 * "read more" fold, say): climb a few levels while an ancestor adds real
 * paragraphs of its own (<p> children) without adding links or furniture.
 */
static int own_paragraphs(page *pg, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "p") && st(pg, c) && st(pg, c)->text >= 25)
			return 1;
	return 0;
}

static xmlNodePtr widen(page *pg, xmlNodePtr top)
{
	node_stats *ts = st(pg, top);
	xmlNodePtr n = top;
	for (int level = 0; level < 3 && n->parent && ts; level++) {
		xmlNodePtr p = n->parent;
		node_stats *ps = st(pg, p);
		if (!ps || is(p, "body") || is(p, "html") || class_weight(p) < 0 ||
		    (ps->text && (double)ps->link / (double)ps->text > 0.3))
			break;
		if (own_paragraphs(pg, p) && ps->para >= ts->para + 200)
			top = p, ts = ps;
		n = p;
	}
	return top;
}

/* Writes the chosen container, plus siblings that carry paragraph text of their own. */
static void write_body(page *pg, xmlNodePtr top, double top_score, writer *w, int siblings)
{

	double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
	if (!siblings || !top->parent) {
		write_text(pg, top, w, 1);
		return;
	}
	for (xmlNodePtr n = top->parent->children; n; n = n->next) {
		node_stats *s = st(pg, n);
		int keep = n == top;
		if (!keep && s && !furniture(n) && !never_text(n)) {
			double density = s->text ? (double)s->link / (double)s->text : 1;
			if (s->score >= threshold && density < 0.25)
				keep = 1;
			else if (is(n, "p") && s->text > 80 && density < 0.25)
				keep = 1;
		}
		if (keep) {
			w->brk = 1;
			write_text(pg, n, w, 1);
		}
	}
}

/* --- metadata ------------------------------------------------------------------------ */

static int ld_type_is_article(json_t *obj)
{
	static const char *types[] = {"NewsArticle",           "Article",
	                              "ReportageNewsArticle",  "AnalysisNewsArticle",
	                              "BlogPosting",           "OpinionNewsArticle",
	                              "BackgroundNewsArticle", "WebPage"};
	json_t *t = json_object_get(obj, "@type");
	size_t i, k;
	if (json_is_array(t)) {
		for (k = 0; k < json_array_size(t); k++) {
			json_t *e = json_array_get(t, k);
			for (i = 0; i + 1 < sizeof types / sizeof types[0]; i++)
				if (json_is_string(e) && !strcmp(json_string_value(e), types[i]))
					return 1;
		}
		return 0;
	}
	if (!json_is_string(t))
		return 0;
	/* WebPage counts only when nothing better turns up (last in the list) */
	for (i = 0; i + 1 < sizeof types / sizeof types[0]; i++)
		if (!strcmp(json_string_value(t), types[i]))
			return 1;
	return 0;
}

static json_t *ld_find_article(json_t *v, int depth)
{
	size_t i;
	json_t *found;
	if (depth > 8)
		return NULL;
	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++)
			if ((found = ld_find_article(json_array_get(v, i), depth + 1)))
				return found;
	} else if (json_is_object(v)) {
		if (ld_type_is_article(v))
			return v;
		if ((found = ld_find_article(json_object_get(v, "@graph"), depth + 1)))
			return found;
		if ((found = ld_find_article(json_object_get(v, "mainEntity"), depth + 1)))
			return found;
	}
	return NULL;
}

/* Parses every JSON-LD script, keeping the first article object found. */
static void read_json_ld(page *pg, xmlNodePtr root)
{
	xmlNodePtr n = root;
	pg->ld_roots = json_array();
	if (!pg->ld_roots)
		return;
	while (n) {
		node_stats *s = st(pg, n);
		int descend = n->type == XML_ELEMENT_NODE && n->children && !is(n, "script") &&
		              !(s && s->depth > pg->max_depth);
		if (is(n, "script")) {
			const char *type = attr(n, "type");
			if (type && !strcasecmp(type, "application/ld+json") && n->children &&
			    n->children->content) {
				json_t *j = json_loads((const char *)n->children->content,
				                       JSON_DECODE_ANY, NULL);
				if (j) {
					json_array_append_new(pg->ld_roots, j);
					if (!pg->ld)
						pg->ld = ld_find_article(j, 0);
				}
			}
		}
		n = walk_next(n, root, descend);
	}
}

static const char *ld_string(json_t *obj, const char *key)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "name" of an object, or of the first object in an array ("author": [{...}]). */
static const char *ld_name(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	return ld_string(v, "name");
}

static char *node_text(page *pg, xmlNodePtr n)
{
	dkg_buf b = DKG_BUF_INIT;
	writer w = {&b, 0, 0};
	write_text(pg, n, &w, 0);
	return dkg_buf_detach(&b);
}

static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	int in = 0;
	for (size_t i = 0; i < len; i++) {
		int sp = isspace((unsigned char)s[i]);
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Drops a " - Site" / " | Site" suffix naming the publisher or reading like a name. */
static void strip_site_suffix(char *title, const char *site)
{
	static const char *seps[] = {" | ",  " - ",       " \xe2\x80\x93 ", " \xe2\x80\x94 ",
	                             " :: ", " \xc2\xbb "};
	char *cut = NULL, *suffix = NULL;
	size_t i;
	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		char *p = title, *last = NULL;
		while ((p = strstr(p, seps[i])) != NULL)
			last = p++;
		if (last && (!cut || last > cut)) {
			cut = last;
			suffix = last + strlen(seps[i]);
		}
	}
	if (!cut)
		return;
	if (site && *site && !strcasecmp(suffix, site)) {
		*cut = '\0';
		return;
	}
	/* "The New York Times", "BBC News": a few capitalised words after a longer title */
	size_t sw = count_words(suffix, strlen(suffix)),
	       tw = count_words(title, (size_t)(cut - title));
	if (sw == 0 || sw > 4 || tw < 3)
		return;
	for (const char *w = suffix; *w; w++)
		if ((w == suffix || w[-1] == ' ') && !isupper((unsigned char)*w) &&
		    !isdigit((unsigned char)*w))
			return;
	*cut = '\0';
}

static int set_date(dkg_document *doc, const char *s)
{
	char norm[11];
	if (doc->date || !s || dkg_ingest__norm_date(s, norm) != 0)
		return DKG_OK;
	return dkg_document_set(&doc->date, norm, (size_t)-1);
}

static int fill_metadata(page *pg, dkg_document *doc)
{
	char *t = NULL;
	const char *site =
	    pg->og_site ? pg->og_site : ld_name(json_object_get(pg->ld, "publisher"));
	int rc = DKG_OK;
	char norm[11];

	/* title: og:title, JSON-LD headline, <h1>, <title> */
	if (pg->og_title && *pg->og_title)
		t = dkg_strdup(pg->og_title);
	else if (ld_string(pg->ld, "headline"))
		t = dkg_strdup(ld_string(pg->ld, "headline"));
	else if (pg->h1)
		t = node_text(pg, pg->h1);
	if ((!t || !*t) && pg->title) {
		dkg_free(t);
		t = node_text(pg, pg->title);
	}
	if (t) {
		for (char *p = t; *p; p++)
			if (*p == '\n')
				*p = ' ';
		strip_site_suffix(t, site);
		rc |= dkg_document_set(&doc->title, t, (size_t)-1);
		dkg_free(t);
	}
	rc |= dkg_document_set(
	    &doc->url, pg->canonical && *pg->canonical ? pg->canonical : pg->og_url, (size_t)-1);
	if (!doc->url)
		rc |= dkg_document_set(&doc->url, ld_string(pg->ld, "url"), (size_t)-1);
	rc |= set_date(doc, pg->published);
	rc |= set_date(doc, ld_string(pg->ld, "datePublished"));
	if (pg->time_el)
		rc |= set_date(doc, attr(pg->time_el, "datetime"));
	rc |= set_date(doc, pg->meta_date);
	if (!doc->date && doc->url && dkg_ingest__date_from_url(doc->url, norm) == 0)
		rc |= dkg_document_set(&doc->date, norm, (size_t)-1);
	if (pg->lang && *pg->lang)
		rc |= dkg_document_set(&doc->lang, pg->lang, (size_t)-1);
	else if (pg->og_locale && *pg->og_locale) {
		rc |= dkg_document_set(&doc->lang, pg->og_locale, (size_t)-1);
		for (char *p = doc->lang; p && *p; p++)
			if (*p == '_')
				*p = '-';
	}
	rc |= dkg_document_set(&doc->publisher, site, (size_t)-1);
	if (pg->meta_author && *pg->meta_author && !strstr(pg->meta_author, "://"))
		rc |= dkg_document_set(&doc->byline, pg->meta_author, (size_t)-1);
	else
		rc |= dkg_document_set(&doc->byline, ld_name(json_object_get(pg->ld, "author")),
		                       (size_t)-1);
	return rc ? DKG_ENOMEM : DKG_OK;
}

/* Parses HTML with the network off and libxml2 silent. */
static xmlDocPtr parse_html(const char *data, size_t len, const char *encoding, int *too_deep)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	xmlErrorPtr err;
	xmlDocPtr doc;
	int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	           HTML_PARSE_RECOVER | HTML_PARSE_COMPACT;
	if (!ctxt)
		return NULL;
	if (len > INT32_MAX)
		len = INT32_MAX;
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, encoding, opts);
	/* libxml2 stops at its depth limit (256 without XML_PARSE_HUGE): the rest of
	 * the page is lost, which the caller reports */
	err = xmlCtxtGetLastError(ctxt);
	if (too_deep)
		*too_deep = err && err->message && strstr(err->message, "depth") != NULL;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

static void page_free(page *pg)
{
	json_decref(pg->ld_roots);
	dkg_free(pg->stats);
	if (pg->doc)
		xmlFreeDoc(pg->doc);
}

int dkg_ingest__html(dkg_ingest_ctx *ctx, const char *data, size_t len)
{
	page pg;
	xmlNodePtr root, top;
	dkg_document *doc = NULL;
	dkg_buf body = DKG_BUF_INIT;
	writer w = {&body, 0, 0};
	int rc = DKG_OK;
	const char *encoding = NULL;
	int too_deep = 0;

	memset(&pg, 0, sizeof pg);
	pg.ctx = ctx;
	pg.max_depth = ctx->opts->max_depth;
	/* ingest.c repaired the bytes to UTF-8 unless the page declares another charset */
	if (!dkg_ingest__declares_non_utf8(data, len, 1))
		encoding = "UTF-8";
	pg.doc = parse_html(data, len, encoding, &too_deep);
	if (too_deep)
		dkg_ingest__diag(ctx, DKG_OK, 1,
		                 "HTML nested deeper than 256 elements: the text below that depth "
		                 "was not read");
	if (!pg.doc || !(root = xmlDocGetRootElement(pg.doc))) {
		page_free(&pg);
		dkg_ingest__diag(ctx, DKG_EPARSE, 1, "not an HTML document");
		return DKG_EPARSE;
	}
	if (gather(&pg, root) != DKG_OK)
		goto oom;
	if (pg.depth_hit)
		dkg_ingest__diag(ctx, DKG_OK, 0, "elements nested deeper than %d skipped",
		                 pg.max_depth);
	read_json_ld(&pg, root);
	if (!(doc = dkg_document_new()))
		goto oom;
	doc->line = 1;

	/* the body: explicit article markup, then JSON-LD articleBody, then scoring */
	top = best_element(&pg, root, marked_body);
	if (!top)
		top = best_element(&pg, root, is_article);
	if (top) {
		write_text(&pg, top, &w, 1);
	} else if (ld_string(pg.ld, "articleBody") &&
	           strlen(ld_string(pg.ld, "articleBody")) > 140) {
		put_text(&w, ld_string(pg.ld, "articleBody"));
	} else if ((top = scored_body(&pg, root)) != NULL) {
		double score = st(&pg, top)->score;
		top = widen(&pg, top);
		write_body(&pg, top, score, &w, 1);
	}
	if (body.oom)
		goto oom;
	if (fill_metadata(&pg, doc) != DKG_OK)
		goto oom;
	if (dkg_ingest__clean_text(doc, body.data, body.len, DKG_CLEAN_DATELINE) != DKG_OK)
		goto oom;
	dkg_buf_free(&body);
	page_free(&pg);
	return dkg_ingest__emit(ctx, doc, "html", 0);
oom:
	dkg_buf_free(&body);
	dkg_document_free(doc);
	page_free(&pg);
	dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
	(void)rc;
	return DKG_ENOMEM;
}

int dkg_ingest__html_fragment_text(dkg_buf *out, const char *html, size_t len, int max_depth)
{
	page pg;
	xmlNodePtr root;
	writer w = {out, 0, 0};
	memset(&pg, 0, sizeof pg);
	pg.max_depth = max_depth;
	/* plain text in a feed needs no parser */
	if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
		dkg_buf_put(out, html, len);
		return out->oom ? DKG_ENOMEM : DKG_OK;
	}
	pg.doc = parse_html(html, len, "UTF-8", NULL);
	if (!pg.doc || !(root = xmlDocGetRootElement(pg.doc))) {
		page_free(&pg);
		return DKG_OK;
	}
	if (gather(&pg, root) != DKG_OK) {
		page_free(&pg);
		return DKG_ENOMEM;
	}
	write_text(&pg, root, &w, 0);
	page_free(&pg);
	return out->oom ? DKG_ENOMEM : DKG_OK;
}
