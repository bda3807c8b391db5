/*
 * ingest_xml.c - NITF 3.x articles and RSS 2.0 / RSS 1.0 / Atom feeds
 * through libxml2, parsed without network, DTD loading or entity expansion.
 * Entity content is never read: references are skipped and documents that
 * declare external or nested entities are refused.
 */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "ingest_internal.h"

typedef struct xml_reader {
	dkg_ingest_ctx *ctx;
	int have_error;
	long error_line;
	char error[256];
	int depth_hit;
	const char *data; /* the raw input, to locate entity declarations */
	size_t len;
} xml_reader;

/* Keeps the first error of this parse only; libxml2 prints nothing. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	xml_reader *r = ctxt ? ctxt->_private : NULL;
	size_t n;
	if (!r || !e || e->level < XML_ERR_ERROR || r->have_error)
		return;
	r->have_error = 1;
	r->error_line = e->line;
	snprintf(r->error, sizeof r->error, "%s", e->message ? e->message : "malformed XML");
	n = strlen(r->error);
	while (n && isspace((unsigned char)r->error[n - 1]))
		r->error[--n] = '\0';
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The first child element named `name` (local name: any namespace). */
static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* A child in a given namespace URI (prefix-independent), or in none when `ns` is NULL. */
static xmlNodePtr child_ns(xmlNodePtr n, const char *name, const char *ns)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (!is(c, name))
			continue;
		if (!ns || (c->ns && c->ns->href && strstr((const char *)c->ns->href, ns)))
			return c;
	}
	return NULL;
}

static const char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n && n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return a->children && a->children->content
			           ? (const char *)a->children->content
			           : "";
	return NULL;
}

/* Descendant in document order (depth-limited walk, no recursion). */
static xmlNodePtr find(xmlNodePtr root, const char *name, int max_depth)
{
	xmlNodePtr n = root ? root->children : NULL;
	int depth = 1;
	while (n) {
		if (is(n, name))
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children && depth < max_depth) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			depth--;
			if (n == root)
				return NULL;
		}
		n = n ? n->next : NULL;
	}
	return NULL;
}

static int is_block(xmlNodePtr n)
{
	static const char *names[] = {"p",   "hl1", "hl2", "block", "li",    "tr",         "br",
	                              "div", "h1",  "h2",  "h3",    "h4",    "blockquote", "pre",
	                              "dd",  "dt",  "ul",  "ol",    "table", "nitf-table", "bq"};
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

/*
 * The text below `root`, blocks on their own lines, white space collapsed.
 * Entity references are skipped, never expanded; `skip` names elements left out.
 */
static void xml_text(xml_reader *r, xmlNodePtr root, dkg_buf *out, const char *const *skip)
{
	xmlNodePtr n = root ? root->children : NULL;
	int depth = 1, space = 0, brk = 0;
	size_t cap = r->ctx->opts->max_document_size;
	while (n) {
		int descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			int skipped = 0;
			for (const char *const *s = skip; s && *s; s++)
				if (!strcmp((const char *)n->name, *s))
					skipped = 1;
			if (!skipped) {
				if (is_block(n))
					brk = 1;
				descend = n->children != NULL;
				if (depth >= r->ctx->opts->max_depth) {
					descend = 0;
					r->depth_hit = 1;
				}
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		           n->content && out->len < cap) {
			for (const char *p = (const char *)n->content; *p; p++) {
				if (isspace((unsigned char)*p)) {
					space = 1;
					continue;
				}
				if (out->len) {
					if (brk)
						dkg_buf_putc(out, '\n');
					else if (space)
						dkg_buf_putc(out, ' ');
				}
				brk = space = 0;
				dkg_buf_putc(out, *p);
			}
		}
		if (descend) {
			n = n->children;
			depth++;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE && is_block(n))
				brk = 1;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			depth--;
			if (!n || n == root) {
				n = NULL;
				break;
			}
		}
	}
}

static char *text_of(xml_reader *r, xmlNodePtr n)
{
	dkg_buf b = DKG_BUF_INIT;
	if (!n)
		return NULL;
	xml_text(r, n, &b, NULL);
	return dkg_buf_detach(&b);
}

static int set_text_of(xml_reader *r, char **field, xmlNodePtr n)
{
	char *t;
	if (!n || *field)
		return DKG_OK;
	if (!(t = text_of(r, n)))
		return DKG_ENOMEM;
	if (*t) {
		*field = t;
		return DKG_OK;
	}
	dkg_free(t);
	return DKG_OK;
}

static int set_date(char **field, const char *s)
{
	char norm[11];
	if (*field || !s || dkg_ingest__norm_date(s, norm) != 0)
		return DKG_OK;
	return dkg_document_set(field, norm, (size_t)-1);
}

static int set_date_of(xml_reader *r, char **field, xmlNodePtr n)
{
	char *t;
	int rc;
	if (!n || *field)
		return DKG_OK;
	if (!(t = text_of(r, n)))
		return DKG_ENOMEM;
	rc = set_date(field, t);
	dkg_free(t);
	return rc;
}

/* --- NITF ------------------------------------------------------------------------ */

static int read_nitf(xml_reader *r, xmlNodePtr root)
{
	static const char *const body_skip[] = {"media", "body.end", "note", "fn", NULL};
	dkg_ingest_ctx *ctx = r->ctx;
	int md = ctx->opts->max_depth;
	xmlNodePtr head = child(root, "head"), body = child(root, "body");
	xmlNodePtr docdata = child(head, "docdata"), bhead = child(body, "body.head");
	xmlNodePtr n, content = child(body, "body.content");
	dkg_document *doc = dkg_document_new();
	dkg_buf text = DKG_BUF_INIT;
	const char *v;
	int rc = DKG_OK;
	if (!doc)
		goto oom;
	doc->line = xmlGetLineNo(root) > 0 ? xmlGetLineNo(root) : 1;
	/* headline: hedline/hl1, else the head title */
	n = child(child(bhead, "hedline"), "hl1");
	if (!n)
		n = find(body, "hl1", md);
	rc |= set_text_of(r, &doc->title, n);
	rc |= set_text_of(r, &doc->title, child(head, "title"));
	/* dates: issue, release, publication */
	rc |= set_date(&doc->date, attr(child(docdata, "date.issue"), "norm"));
	rc |= set_date(&doc->date, attr(child(docdata, "date.release"), "norm"));
	rc |= set_date(&doc->date, attr(child(head, "pubdata"), "date.publication"));
	rc |= set_date_of(r, &doc->date, find(bhead, "story.date", md));
	if (!doc->date && (n = find(bhead, "story.date", md)))
		rc |= set_date(&doc->date, attr(n, "norm"));
	/* byline and dateline */
	if ((n = child(bhead, "byline")) != NULL) {
		rc |= set_text_of(r, &doc->byline, n);
		if (doc->byline && !strncasecmp(doc->byline, "By ", 3))
			memmove(doc->byline, doc->byline + 3, strlen(doc->byline + 3) + 1);
	}
	if ((n = child(bhead, "dateline")) != NULL) {
		xmlNodePtr loc = child(n, "location");
		rc |= set_text_of(r, &doc->dateline, loc);
		rc |= set_text_of(r, &doc->dateline, n);
	}
	/* publisher and language */
	v = attr(child(head, "pubdata"), "name");
	if (!v || !*v)
		v = attr(child(docdata, "doc.copyright"), "holder");
	rc |= dkg_document_set(&doc->publisher, v, (size_t)-1);
	v = attr(root, "baselang");
	if (!v)
		v = attr(root, "lang"); /* xml:lang */
	rc |= dkg_document_set(&doc->lang, v, (size_t)-1);
	if (rc != DKG_OK)
		goto oom;
	/* the body paragraphs */
	xml_text(r, content ? content : body, &text, body_skip);
	if (text.oom)
		goto oom;
	if (dkg_ingest__clean_text(doc, text.data, text.len,
	                           doc->dateline ? 0 : DKG_CLEAN_DATELINE) != DKG_OK)
		goto oom;
	dkg_buf_free(&text);
	return dkg_ingest__emit(ctx, doc, "nitf", 0);
oom:
	dkg_buf_free(&text);
	dkg_document_free(doc);
	dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
	return DKG_ENOMEM;
}

/* --- feeds ------------------------------------------------------------------------- */

#define NS_CONTENT "purl.org/rss/1.0/modules/content"
#define NS_DC      "purl.org/dc/elements/1.1"

/* Text of a feed field that may carry escaped HTML (RSS description, Atom type="html"). */
static int feed_text(xml_reader *r, xmlNodePtr n, int html, dkg_buf *out)
{
	char *raw;
	int rc;
	const char *type = attr(n, "type");
	if (type && (!strcmp(type, "xhtml") || strstr(type, "xhtml"))) {
		xml_text(r, n, out, NULL);
		return out->oom ? DKG_ENOMEM : DKG_OK;
	}
	if (type && !strcmp(type, "text"))
		html = 0;
	if (!(raw = text_of(r, n)))
		return DKG_ENOMEM;
	if (html && (strchr(raw, '<') || strchr(raw, '&')))
		rc = dkg_ingest__html_fragment_text(out, raw, strlen(raw), r->ctx->opts->max_depth);
	else {
		dkg_buf_puts(out, raw);
		rc = out->oom ? DKG_ENOMEM : DKG_OK;
	}
	dkg_free(raw);
	return rc;
}

static int feed_title(xml_reader *r, xmlNodePtr n, char **field)
{
	dkg_buf b = DKG_BUF_INIT;
	int rc;
	if (!n || *field)
		return DKG_OK;
	rc = feed_text(r, n, 1, &b);
	if (rc == DKG_OK && b.len)
		rc = dkg_document_set(field, b.data, b.len);
	dkg_buf_free(&b);
	return rc;
}

/* One <item> or <entry>. */
static int read_item(xml_reader *r, xmlNodePtr item, long index, const char *format,
                     const char *publisher, const char *lang)
{
	dkg_ingest_ctx *ctx = r->ctx;
	dkg_document *doc = dkg_document_new();
	dkg_buf text = DKG_BUF_INIT;
	xmlNodePtr n, body;
	int rc = DKG_OK, atom = !strcmp(format, "atom");
	if (!doc)
		goto oom;
	doc->line = xmlGetLineNo(item);
	rc |= feed_title(r, child(item, "title"), &doc->title);
	/* link: RSS <link>text</link>; Atom <link rel="alternate" href=""/> */
	if (atom) {
		for (n = item->children; n; n = n->next) {
			const char *rel = attr(n, "rel");
			if (is(n, "link") && attr(n, "href") &&
			    (!rel || !strcmp(rel, "alternate"))) {
				rc |= dkg_document_set(&doc->url, attr(n, "href"), (size_t)-1);
				break;
			}
		}
	} else {
		rc |= set_text_of(r, &doc->url, child_ns(item, "link", NULL));
		if (!doc->url && (n = child(item, "guid")) != NULL) {
			const char *perma = attr(n, "isPermaLink");
			if (!perma || strcmp(perma, "false"))
				rc |= set_text_of(r, &doc->url, n);
		}
		if (!doc->url)
			rc |= dkg_document_set(&doc->url, attr(item, "about"), (size_t)-1);
	}
	/* date: pubDate, dc:date, published, updated */
	rc |= set_date_of(r, &doc->date, child(item, "pubDate"));
	rc |= set_date_of(r, &doc->date, child_ns(item, "date", NS_DC));
	rc |= set_date_of(r, &doc->date, child(item, "published"));
	rc |= set_date_of(r, &doc->date, child(item, "updated"));
	rc |= set_date_of(r, &doc->date, child(item, "issued"));
	/* author */
	if ((n = child(item, "author")) != NULL)
		rc |= set_text_of(r, &doc->byline, child(n, "name") ? child(n, "name") : n);
	rc |= set_text_of(r, &doc->byline, child_ns(item, "creator", NS_DC));
	rc |= dkg_document_set(&doc->publisher, publisher, (size_t)-1);
	rc |= dkg_document_set(&doc->lang, lang, (size_t)-1);
	if (rc != DKG_OK)
		goto oom;
	/* text: content:encoded, content, description/summary */
	body = child_ns(item, "encoded", NS_CONTENT);
	if (!body)
		body = child(item, "content");
	if (!body)
		body = child(item, "description");
	if (!body)
		body = child(item, "summary");
	if (body && feed_text(r, body, !atom || attr(body, "type") != NULL, &text) != DKG_OK)
		goto oom;
	if (dkg_ingest__clean_text(doc, text.data, text.len, DKG_CLEAN_DATELINE) != DKG_OK)
		goto oom;
	dkg_buf_free(&text);
	return dkg_ingest__emit(ctx, doc, format, index);
oom:
	dkg_buf_free(&text);
	dkg_document_free(doc);
	dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
	return DKG_ENOMEM;
}

static int read_feed(xml_reader *r, xmlNodePtr root)
{
	const char *format;
	xmlNodePtr channel, n, items;
	char *publisher = NULL, *lang = NULL;
	long index = 0;
	int rc = DKG_OK;
	if (is(root, "feed")) {
		format = "atom";
		channel = root;
		items = root;
	} else if (is(root, "rss")) {
		format = "rss";
		channel = child(root, "channel");
		items = channel;
	} else {
		format = "rdf";
		channel = child(root, "channel");
		items = root;
	}
	if (channel) {
		xmlNodePtr t = child(channel, "title");
		if (t && set_text_of(r, &publisher, t) != DKG_OK)
			rc = DKG_ENOMEM;
		n = child(channel, "language");
		if (!n)
			n = child_ns(channel, "language", NS_DC);
		if (n && set_text_of(r, &lang, n) != DKG_OK)
			rc = DKG_ENOMEM;
		if (!lang && attr(root, "lang"))
			lang = dkg_strdup(attr(root, "lang"));
	}
	for (n = items ? items->children : NULL; n && rc == DKG_OK; n = n->next) {
		if (!is(n, "item") && !is(n, "entry"))
			continue;
		rc = read_item(r, n, ++index, format, publisher, lang);
		if (rc == DKG_ESTOP)
			break;
		rc = rc == DKG_ENOMEM ? rc : DKG_OK;
	}
	/* RSS 0.9x/1.0 feeds sometimes put items inside the channel */
	if (index == 0 && channel && items != channel)
		for (n = channel->children; n && rc == DKG_OK; n = n->next)
			if (is(n, "item"))
				rc = read_item(r, n, ++index, format, publisher, lang);
	if (index == 0 && rc == DKG_OK)
		dkg_ingest__diag(r->ctx, DKG_OK, xmlGetLineNo(root), "feed without items");
	dkg_free(publisher);
	dkg_free(lang);
	return rc;
}

/* --- entry point ------------------------------------------------------------------------ */

/*
 * Refuses internal subsets that declare external entities (XXE) or entities
 * built from other entities (billion laughs): the parser never expands them,
 * and a news document has no use for them.
 */
/* The line of `<!ENTITY [%] name` in the input (libxml2 keeps no line for declarations). */
static long entity_line(const xml_reader *r, const char *name)
{
	const char *p = r->data, *end = r->data + r->len;
	size_t n = strlen(name);
	long line = 1;
	for (; p < end; p++) {
		const char *q;
		if (*p == '\n') {
			line++;
			continue;
		}
		if (*p != '<' || (size_t)(end - p) < 9 + n || memcmp(p, "<!ENTITY", 8))
			continue;
		q = p + 8;
		while (q < end && (isspace((unsigned char)*q) || *q == '%'))
			q++;
		if ((size_t)(end - q) > n && !memcmp(q, name, n) && isspace((unsigned char)q[n]))
			return line;
	}
	return 0;
}

static int check_entities(xml_reader *r, xmlDocPtr doc)
{
	xmlDtdPtr dtds[2] = {doc->intSubset, doc->extSubset};
	for (int i = 0; i < 2; i++) {
		for (xmlNodePtr n = dtds[i] ? dtds[i]->children : NULL; n; n = n->next) {
			xmlEntityPtr e = (xmlEntityPtr)n;
			if (n->type != XML_ENTITY_DECL)
				continue;
			if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
			    e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
			    e->etype == XML_EXTERNAL_PARAMETER_ENTITY) {
				dkg_ingest__diag(
				    r->ctx, DKG_EUNSUPPORTED, entity_line(r, (const char *)e->name),
				    "external entity '%s' refused", (const char *)e->name);
				return DKG_EUNSUPPORTED;
			}
			if (e->content && (strchr((const char *)e->content, '&') ||
			                   strchr((const char *)e->content, '%'))) {
				dkg_ingest__diag(r->ctx, DKG_EUNSUPPORTED,
				                 entity_line(r, (const char *)e->name),
				                 "entity '%s' built from other entities refused",
				                 (const char *)e->name);
				return DKG_EUNSUPPORTED;
			}
		}
	}
	return DKG_OK;
}

int dkg_ingest__xml(dkg_ingest_ctx *ctx, const char *data, size_t len, dkg_input_format format)
{
	xml_reader r;
	xmlParserCtxtPtr pctx;
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlGenericErrorFunc saved_fn = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	int rc = DKG_OK;
	/* no network, no DTD loading, no entity substitution (no NOENT, DTDLOAD or HUGE) */
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES |
	           XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	if (len > INT32_MAX)
		len = INT32_MAX;
	r.data = data;
	r.len = len;
	pctx = xmlNewParserCtxt();
	if (!pctx) {
		dkg_ingest__diag(ctx, DKG_ENOMEM, 0, "out of memory");
		return DKG_ENOMEM;
	}
	pctx->_private = &r;
	pctx->sax->serror = on_xml_error;
	xmlSetGenericErrorFunc(NULL, silent);
	doc = xmlCtxtReadMemory(pctx, data, (int)len, NULL, NULL, opts);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	if (!doc) {
		dkg_ingest__diag(ctx, DKG_EPARSE, r.have_error ? r.error_line : 0, "%s",
		                 r.have_error ? r.error : "malformed XML");
		xmlFreeParserCtxt(pctx);
		return DKG_EPARSE;
	}
	xmlFreeParserCtxt(pctx);
	root = xmlDocGetRootElement(doc);
	if (check_entities(&r, doc) != DKG_OK) {
		rc = DKG_EPARSE;
	} else if (is(root, "nitf")) {
		rc = read_nitf(&r, root);
	} else if (is(root, "rss") || is(root, "feed") || is(root, "RDF")) {
		rc = read_feed(&r, root);
	} else {
		dkg_ingest__diag(ctx, DKG_EPARSE, root ? xmlGetLineNo(root) : 0,
		                 "root element <%s> is neither NITF nor a feed",
		                 root ? (const char *)root->name : "");
		rc = DKG_EPARSE;
	}
	if (r.depth_hit)
		dkg_ingest__diag(ctx, DKG_OK, 0, "elements nested deeper than %d skipped",
		                 ctx->opts->max_depth);
	(void)format;
	xmlFreeDoc(doc);
	return rc;
}
