/*
 * test_ingest.c - the ingest stage: every format, every metadata rule, and
 * hostile inputs (entities, truncation, deep nesting, bad bytes), on
 * fixtures in tests/fixtures/ingest/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/dkg.h"
#include "testutil.h"

#define FIX      DKG_SOURCE_DIR "/tests/fixtures/ingest/"
#define MAX_DOCS 16

typedef struct got {
	dkg_document *docs[MAX_DOCS];
	int ndocs;
	int errors, warnings;
	long error_line;
	char error[1100];
	char all_text[8192]; /* every text and title, to check what must never appear */
} got;

static int on_doc(dkg_document *doc, void *payload)
{
	got *g = payload;
	size_t n = strlen(g->all_text);
	snprintf(g->all_text + n, sizeof g->all_text - n, "%s\n%s\n", doc->title ? doc->title : "",
	         doc->text);
	if (g->ndocs < MAX_DOCS)
		g->docs[g->ndocs++] = doc;
	else
		dkg_document_free(doc);
	return 0;
}

static void on_diag(const dkg_error *err, void *payload)
{
	got *g = payload;
	if (err->code < 0) {
		if (!g->errors++) {
			g->error_line = err->line;
			snprintf(g->error, sizeof g->error, "%s: %s", err->file, err->message);
		}
	} else {
		g->warnings++;
	}
}

static void got_free(got *g)
{
	for (int i = 0; i < g->ndocs; i++)
		dkg_document_free(g->docs[i]);
	memset(g, 0, sizeof *g);
}

static int read_path(got *g, const char *path, const dkg_ingest_options *opts)
{
	memset(g, 0, sizeof *g);
	return dkg_ingest_path(path, opts, on_doc, on_diag, g);
}

static int read_buf(got *g, const char *name, const char *data, size_t len)
{
	memset(g, 0, sizeof *g);
	return dkg_ingest_buffer(name, data, len, NULL, on_doc, on_diag, g);
}

#define ASSERT_FIELD(doc, field, want)                                                             \
	do {                                                                                       \
		CU_ASSERT_PTR_NOT_NULL_FATAL((doc)->field);                                        \
		CU_ASSERT_STRING_EQUAL((doc)->field, want);                                        \
	} while (0)

static void test_format_names(void)
{
	dkg_input_format f = DKG_INPUT_TEXT;
	CU_ASSERT_EQUAL(dkg_input_format_from_name(&f, "html"), DKG_OK);
	CU_ASSERT_EQUAL(f, DKG_INPUT_HTML);
	CU_ASSERT_EQUAL(dkg_input_format_from_name(&f, "feed"), DKG_OK);
	CU_ASSERT_EQUAL(f, DKG_INPUT_FEED);
	CU_ASSERT_EQUAL(dkg_input_format_from_name(&f, "auto"), DKG_OK);
	CU_ASSERT_EQUAL(f, DKG_INPUT_AUTO);
	CU_ASSERT_EQUAL(dkg_input_format_from_name(&f, "pdf"), DKG_EINVAL);
}

static void test_text_headline_dateline_trailers(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "dateline.txt", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "France and Italy agree on migrant plan");
	ASSERT_FIELD(g.docs[0], dateline, "NICE, France");
	ASSERT_FIELD(g.docs[0], format, "text");
	ASSERT_FIELD(g.docs[0], id, FIX "dateline.txt");
	ASSERT_FIELD(g.docs[0], source, FIX "dateline.txt");
	CU_ASSERT_EQUAL(g.docs[0]->line, 1);
	/* the headline leaves the text, the dateline stays, wrapped lines are joined */
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "migrant plan"));
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "NICE, France — The leaders of France and "
	                                               "Italy agreed on Friday to share"));
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "Advertisement"));
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "appears in print"));
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "European Council next week."));
	CU_ASSERT_EQUAL(g.docs[0]->text_len, strlen(g.docs[0]->text));
	got_free(&g);
}

static void test_text_default_date_and_reuters(void)
{
	static const char text[] = "WASHINGTON (Reuters) - The State Department said on Friday "
	                           "it would send an envoy to the region.\n";
	dkg_ingest_options opts = DKG_INGEST_OPTIONS_INIT;
	got g;
	opts.default_date = "2001-02-03";
	memset(&g, 0, sizeof g);
	CU_ASSERT_EQUAL(
	    dkg_ingest_buffer("wire.txt", text, strlen(text), &opts, on_doc, on_diag, &g), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], dateline, "WASHINGTON");
	ASSERT_FIELD(g.docs[0], date, "2001-02-03");
	/* one line only: no headline to take */
	CU_ASSERT_PTR_NULL(g.docs[0]->title);
	got_free(&g);
}

static void test_gzip(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "dateline-copy.txt.gz", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "France and Italy agree on migrant plan");
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "European Council"));
	got_free(&g);
}

static void test_jsonl(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "docs.jsonl", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 2);
	CU_ASSERT_EQUAL(g.errors, 1);
	CU_ASSERT_EQUAL(g.error_line, 2);
	ASSERT_FIELD(g.docs[0], id, "a1");
	ASSERT_FIELD(g.docs[0], url, "https://j.example/a1");
	ASSERT_FIELD(g.docs[0], title, "Rome meeting");
	ASSERT_FIELD(g.docs[0], date, "2022-04-05");
	ASSERT_FIELD(g.docs[0], text, "The ministers met in Rome.");
	ASSERT_FIELD(g.docs[0], format, "jsonl");
	CU_ASSERT_EQUAL(g.docs[0]->line, 1);
	/* no id: path and position; the broken line did not stop the rest */
	ASSERT_FIELD(g.docs[1], id, FIX "docs.jsonl#2");
	CU_ASSERT_EQUAL(g.docs[1]->line, 3);
	ASSERT_FIELD(g.docs[1], dateline, "WASHINGTON");
	got_free(&g);
}

static void test_html_article_og(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "page-article.html", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	/* og:title without its " - Site" suffix, not <h1> nor <title> */
	ASSERT_FIELD(g.docs[0], title, "Ministers meet in Geneva");
	ASSERT_FIELD(g.docs[0], date, "2021-03-04");
	ASSERT_FIELD(g.docs[0], url, "https://planet.example/world/ministers-geneva");
	ASSERT_FIELD(g.docs[0], lang, "en-GB");
	ASSERT_FIELD(g.docs[0], publisher, "The Daily Planet");
	ASSERT_FIELD(g.docs[0], dateline, "GENEVA");
	ASSERT_FIELD(g.docs[0], format, "html");
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "GENEVA — The foreign ministers"));
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "next month in Vienna"));
	/* paragraphs on their own lines */
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "officials said.\nThe talks"));
	static const char *never[] = {"SCRIPTTEXT", "NAVTEXT",     "SHARETEXT",  "COMMENTTEXT",
	                              "ASIDETEXT",  "FORMTEXT",    "FOOTERTEXT", "Advertisement",
	                              "color: red", "page heading"};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, never[i]));
	got_free(&g);
}

static void test_html_json_ld(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "page-jsonld.html", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "Talks collapse in Vienna");
	ASSERT_FIELD(g.docs[0], date, "2020-11-02");
	ASSERT_FIELD(g.docs[0], publisher, "Wire Service");
	ASSERT_FIELD(g.docs[0], byline, "Ana Ruiz");
	ASSERT_FIELD(g.docs[0], dateline, "VIENNA");
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "Negotiators from Iran"));
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "Loading"));
	got_free(&g);
}

static void test_html_scored_h1_time(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "page-scored.html", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "Summit ends without deal"); /* <h1> before <title> */
	ASSERT_FIELD(g.docs[0], date, "2019-07-08");                /* <time datetime> */
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "ended their summit"));
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "statement in parliament"));
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "RELATEDTEXT"));
	CU_ASSERT_PTR_NULL(strstr(g.docs[0]->text, "Politics"));
	got_free(&g);
}

static void test_html_title_suffix_url_date(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "page-title.html", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "Envoy recalled over spying row");
	ASSERT_FIELD(g.docs[0], date, "2018-05-06"); /* from the URL */
	ASSERT_FIELD(g.docs[0], url, "https://news.example/2018/05/06/envoy-recalled.html");
	got_free(&g);
}

static void test_nitf_31(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "nitf31.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title,
	             "Prime minister visits Canberra"); /* hl1 before head title */
	ASSERT_FIELD(g.docs[0], date, "2005-06-12");
	ASSERT_FIELD(g.docs[0], byline, "Jane Citizen");
	ASSERT_FIELD(g.docs[0], dateline, "CANBERRA, Australia");
	ASSERT_FIELD(g.docs[0], publisher, "Example Agency");
	ASSERT_FIELD(g.docs[0], lang, "en-US");
	ASSERT_FIELD(g.docs[0], format, "nitf");
	ASSERT_FIELD(g.docs[0], text,
	             "The prime minister arrived in Canberra on Sunday for talks with his "
	             "Australian counterpart.\nThe two leaders are expected to sign a trade "
	             "agreement.");
	got_free(&g);
}

static void test_nitf_36_namespace(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "nitf36-ns.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "Foreign minister resigns");
	ASSERT_FIELD(g.docs[0], date, "2012-10-03"); /* date.release */
	ASSERT_FIELD(g.docs[0], publisher, "Namespace Times");
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "resigned on Wednesday"));
	got_free(&g);
}

static void test_nitf_latin1(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "nitf-latin1.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], title, "Accord sign\xc3\xa9 \xc3\xa0 Bruxelles");
	ASSERT_FIELD(g.docs[0], text,
	             "Le ministre fran\xc3\xa7"
	             "ais a sign\xc3\xa9 l'accord.");
	CU_ASSERT_EQUAL(g.warnings, 0);
	got_free(&g);
}

static void test_feed_rss2(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "feed-rss2.rss", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 2);
	ASSERT_FIELD(g.docs[0], id, FIX "feed-rss2.rss#1");
	ASSERT_FIELD(g.docs[0], title, "Talks resume in Doha");
	ASSERT_FIELD(g.docs[0], url, "https://example.org/doha");
	ASSERT_FIELD(g.docs[0], date, "2019-03-05"); /* pubDate, RFC 822 */
	ASSERT_FIELD(g.docs[0], format, "rss");
	ASSERT_FIELD(g.docs[0], lang, "en");
	ASSERT_FIELD(g.docs[0], publisher, "Example World News");
	/* content:encoded before description, its HTML reduced to text */
	ASSERT_FIELD(g.docs[0], text,
	             "DOHA, Qatar \xe2\x80\x94 Negotiators resumed talks on Tuesday.\nA second "
	             "paragraph.");
	CU_ASSERT_EQUAL(g.docs[0]->line, 6);
	ASSERT_FIELD(g.docs[1], id, FIX "feed-rss2.rss#2");
	ASSERT_FIELD(g.docs[1], date, "2019-03-06"); /* dc:date */
	ASSERT_FIELD(g.docs[1], text, "The embassy closed & staff left.");
	got_free(&g);
}

static void test_feed_rss1(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "feed-rss1.rdf", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 2);
	ASSERT_FIELD(g.docs[0], format, "rdf");
	ASSERT_FIELD(g.docs[0], title, "First item");
	ASSERT_FIELD(g.docs[0], date, "2017-06-01");
	ASSERT_FIELD(g.docs[1], url, "https://example.net/2");
	ASSERT_FIELD(g.docs[1], date, "2017-06-02");
	ASSERT_FIELD(g.docs[1], text, "The council voted.");
	got_free(&g);
}

static void test_feed_atom(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "feed-atom.atom", NULL), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 2);
	ASSERT_FIELD(g.docs[0], format, "atom");
	ASSERT_FIELD(g.docs[0], title, "Sanctions lifted");
	ASSERT_FIELD(g.docs[0], url, "https://atom.example/a");
	ASSERT_FIELD(g.docs[0], date, "2016-01-17"); /* published before updated */
	ASSERT_FIELD(g.docs[0], text, "The sanctions were lifted on Sunday.");
	ASSERT_FIELD(g.docs[1], date, "2016-02-01"); /* updated */
	ASSERT_FIELD(g.docs[1], text, "A new envoy was named.");
	got_free(&g);
}

static void test_format_override(void)
{
	dkg_ingest_options opts = DKG_INGEST_OPTIONS_INIT;
	got g;
	opts.format = DKG_INPUT_TEXT;
	CU_ASSERT_EQUAL(read_path(&g, FIX "nitf36-ns.xml", &opts), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], format, "text");
	CU_ASSERT_PTR_NOT_NULL(strstr(g.docs[0]->text, "<hl1>"));
	got_free(&g);
}

static void test_detect_from_content(void)
{
	static const char feed[] = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T"
	                           "</title><item><title>One</title><description>Body"
	                           "</description></item></channel></rss>";
	got g;
	/* a feed named .txt is still a feed */
	CU_ASSERT_EQUAL(read_buf(&g, "feed.txt", feed, strlen(feed)), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	ASSERT_FIELD(g.docs[0], format, "rss");
	ASSERT_FIELD(g.docs[0], title, "One");
	got_free(&g);
}

static void test_directory_sorted(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX, NULL), DKG_OK);
	/* every fixture file, in name order: the first is billion-laughs.xml (refused) */
	CU_ASSERT(g.ndocs >= 10);
	CU_ASSERT(g.errors >= 3); /* billion laughs, XXE, truncated */
	CU_ASSERT_PTR_NOT_NULL(strstr(g.error, "billion-laughs.xml"));
	CU_ASSERT_EQUAL(g.ndocs > 0 ? strcmp(g.docs[0]->source, FIX "dateline-copy.txt.gz") : 1, 0);
	for (int i = 1; i < g.ndocs; i++)
		CU_ASSERT(strcmp(g.docs[i - 1]->source, g.docs[i]->source) <= 0);
	got_free(&g);
}

static void test_billion_laughs(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "billion-laughs.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL(g.ndocs, 0);
	CU_ASSERT_EQUAL(g.errors, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.error, "billion-laughs.xml"));
	CU_ASSERT_PTR_NULL(strstr(g.all_text, "lollol"));
	got_free(&g);
}

static void test_xxe(void)
{
	got g;
	FILE *fp;
	char line[256] = "";
	CU_ASSERT_EQUAL(read_path(&g, FIX "xxe.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL(g.errors, 1);
	CU_ASSERT_PTR_NULL(strstr(g.all_text, "root:"));
	/* and whatever the first line of /etc/passwd says never shows */
	fp = fopen("/etc/passwd", "r");
	if (fp) {
		if (fgets(line, sizeof line, fp))
			CU_ASSERT_PTR_NULL(strstr(g.all_text, strtok(line, "\n")));
		fclose(fp);
	}
	got_free(&g);
}

static void test_truncated_xml(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "truncated.xml", NULL), DKG_OK);
	CU_ASSERT_EQUAL(g.ndocs, 0);
	CU_ASSERT_EQUAL(g.errors, 1);
	CU_ASSERT(g.error_line >= 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.error, "truncated.xml"));
	got_free(&g);
}

static void test_deep_html(void)
{
	size_t depth = 200000, len = depth * 11 + 64, n = 0;
	char *html = malloc(len);
	got g;
	CU_ASSERT_PTR_NOT_NULL_FATAL(html);
	n += (size_t)sprintf(html, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		memcpy(html + n, "<div>", 5), n += 5;
	n += (size_t)sprintf(html + n, "deep");
	for (size_t i = 0; i < depth; i++)
		memcpy(html + n, "</div>", 6), n += 6;
	CU_ASSERT_EQUAL(read_buf(&g, "deep.html", html, n), DKG_OK);
	CU_ASSERT_EQUAL(g.ndocs, 1); /* no crash; libxml2 stops at its own depth limit */
	got_free(&g);
	free(html);
}

static void test_invalid_utf8_and_nul(void)
{
	static const char bad[] = "Talks in Gen\xe8ve\n\nThe envoy\x00 arrived \xff\xfe today.\n";
	got g;
	CU_ASSERT_EQUAL(read_buf(&g, "bad.txt", bad, sizeof bad - 1), DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	CU_ASSERT(g.warnings >= 1);
	ASSERT_FIELD(g.docs[0], title, "Talks in Gen\xef\xbf\xbdve");
	ASSERT_FIELD(g.docs[0], text, "The envoy arrived \xef\xbf\xbd\xef\xbf\xbd today.");
	got_free(&g);
}

static void test_empty_and_binary(void)
{
	static const char junk[] = "\x01\x02\x03\x04\x00\x00\x05\x06\x07\x08\x0e\x0f";
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "empty.txt", NULL), DKG_OK);
	CU_ASSERT_EQUAL(g.ndocs, 0);
	CU_ASSERT_EQUAL(g.warnings, 1);
	got_free(&g);
	CU_ASSERT_EQUAL(read_buf(&g, "junk.txt", junk, sizeof junk - 1), DKG_OK);
	CU_ASSERT_EQUAL(g.ndocs, 0);
	CU_ASSERT_EQUAL(g.errors, 1);
	got_free(&g);
}

static void test_size_cap(void)
{
	dkg_ingest_options opts = DKG_INGEST_OPTIONS_INIT;
	char text[200];
	got g;
	memset(text, 'a', sizeof text);
	memcpy(text + 10, " \xc3\xa9 ", 4); /* a two-byte character across the cut */
	opts.max_document_size = 12;
	memset(&g, 0, sizeof g);
	CU_ASSERT_EQUAL(dkg_ingest_buffer("big.txt", text, sizeof text, &opts, on_doc, on_diag, &g),
	                DKG_OK);
	CU_ASSERT_EQUAL_FATAL(g.ndocs, 1);
	CU_ASSERT(g.warnings >= 1);
	CU_ASSERT(g.docs[0]->text_len <= 12);
	ASSERT_FIELD(g.docs[0], text, "aaaaaaaaaa"); /* cut before the é, then trimmed */
	got_free(&g);
}

static void test_missing_path(void)
{
	got g;
	CU_ASSERT_EQUAL(read_path(&g, FIX "no-such-file.txt", NULL), DKG_ENOTFOUND);
	CU_ASSERT_EQUAL(g.errors, 1);
	got_free(&g);
}

static int stop_after_one(dkg_document *doc, void *payload)
{
	(*(int *)payload)++;
	dkg_document_free(doc);
	return 1;
}

static void test_callback_stops(void)
{
	int n = 0;
	CU_ASSERT_EQUAL(dkg_ingest_path(FIX "feed-rss2.rss", NULL, stop_after_one, NULL, &n),
	                DKG_ESTOP);
	CU_ASSERT_EQUAL(n, 1);
}

int dkg_test_register(void)
{
	static CU_TestInfo tests[] = {
	    {"format names", test_format_names},
	    {"text: headline, dateline, trailers", test_text_headline_dateline_trailers},
	    {"text: default date, Reuters dateline", test_text_default_date_and_reuters},
	    {"gzip", test_gzip},
	    {"jsonl: fields, broken line", test_jsonl},
	    {"html: article, og, canonical, lang", test_html_article_og},
	    {"html: JSON-LD", test_html_json_ld},
	    {"html: scored body, h1, time", test_html_scored_h1_time},
	    {"html: title suffix, URL date", test_html_title_suffix_url_date},
	    {"nitf 3.1", test_nitf_31},
	    {"nitf 3.6 namespace", test_nitf_36_namespace},
	    {"nitf ISO-8859-1", test_nitf_latin1},
	    {"feed: RSS 2.0", test_feed_rss2},
	    {"feed: RSS 1.0", test_feed_rss1},
	    {"feed: Atom", test_feed_atom},
	    {"--input-format override", test_format_override},
	    {"format from content", test_detect_from_content},
	    {"directory, sorted", test_directory_sorted},
	    {"billion laughs", test_billion_laughs},
	    {"XXE", test_xxe},
	    {"truncated XML", test_truncated_xml},
	    {"HTML nested 200,000 deep", test_deep_html},
	    {"invalid UTF-8 and NUL", test_invalid_utf8_and_nul},
	    {"empty file, binary junk", test_empty_and_binary},
	    {"size cap", test_size_cap},
	    {"missing path", test_missing_path},
	    {"callback stops", test_callback_stops},
	    CU_TEST_INFO_NULL};
	return dkg_test_add_suite("ingest", tests);
}
