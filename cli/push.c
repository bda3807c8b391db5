/*
 * push.c - `dkg push`: sends RDF files to a triple store through the SPARQL
 * 1.1 Graph Store HTTP Protocol (POST adds to a graph) with libcurl. The
 * only command that touches the network, and only when asked.
 */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "commands.h"

static void usage(FILE *fp)
{
	fprintf(fp, "usage: dkg push --endpoint URL [--graph IRI] [--user U --password P] "
	            "FILE...\n\n"
	            "Adds the statements of RDF files to a triple store with the SPARQL 1.1 Graph\n"
	            "Store HTTP Protocol: POST URL?graph=IRI (or URL?default), Content-Type from\n"
	            "the extension (.ttl text/turtle, .nt application/n-triples, .nq\n"
	            "application/n-quads, .trig application/trig, .rdf/.xml application/rdf+xml).\n"
	            "Works with Virtuoso (/sparql-graph-crud-auth), Fuseki (/DATASET/data),\n"
	            "GraphDB (/repositories/REPO/rdf-graphs/service), Oxigraph (/store).\n\n"
	            "Options:\n"
	            "  --endpoint URL     the Graph Store endpoint (required)\n"
	            "  --graph IRI        the named graph (default: the default graph)\n"
	            "  --user U           user name for HTTP authentication (basic or digest)\n"
	            "  --password P       its password (or set DKG_PUSH_PASSWORD)\n"
	            "  -h, --help         this help\n\n"
	            "Exit status: 0 ok, 1 some files failed, 2 bad usage, 3 nothing was sent.\n\n"
	            "Example:\n"
	            "  dkg push --endpoint http://localhost:8890/sparql-graph-crud-auth \\\n"
	            "      --graph https://w3id.org/dkg/graph/news --user dba --password dba "
	            "events.ttl\n");
}

static const char *content_type(const char *file)
{
	static const struct {
		const char *ext, *type;
	} table[] = {{".ttl", "text/turtle"},         {".nt", "application/n-triples"},
	             {".nq", "application/n-quads"},  {".trig", "application/trig"},
	             {".rdf", "application/rdf+xml"}, {".xml", "application/rdf+xml"},
	             {".owl", "application/rdf+xml"}};
	size_t n = strlen(file), i, e;
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		e = strlen(table[i].ext);
		if (n > e && !strcmp(file + n - e, table[i].ext))
			return table[i].type;
	}
	return NULL;
}

typedef struct {
	char text[512];
	size_t len;
} reply;

/* Keeps the start of the server's answer for the error message. */
static size_t on_reply(char *data, size_t size, size_t n, void *payload)
{
	reply *r = payload;
	size_t bytes = size * n, room = sizeof r->text - 1 - r->len;
	if (room > bytes)
		room = bytes;
	memcpy(r->text + r->len, data, room);
	r->len += room;
	r->text[r->len] = '\0';
	return bytes;
}

static int push_file(CURL *curl, const char *url, const char *file, const char *user,
                     const char *password)
{
	const char *type = content_type(file);
	struct curl_slist *headers = NULL;
	char header[128], *body;
	size_t len = 0;
	long code = 0;
	reply r = {"", 0};
	CURLcode rc;
	if (!type) {
		dkg_cli_errorf("%s: unknown RDF syntax; name it .ttl, .nt, .nq, .trig or .rdf",
		               file);
		return -1;
	}
	body = dkg_cli_read_file(file, &len);
	if (!body) {
		dkg_cli_errorf("%s: cannot read", file);
		return -1;
	}
	snprintf(header, sizeof header, "Content-Type: %s", type);
	headers = curl_slist_append(headers, header);
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_reply);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, password ? password : "");
		curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_ANY);
	}
	rc = curl_easy_perform(curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(headers);
	free(body);
	if (rc != CURLE_OK) {
		dkg_cli_errorf("%s: cannot send to %s: %s", file, url, curl_easy_strerror(rc));
		return -1;
	}
	if (code < 200 || code > 299) {
		char *nl = strpbrk(r.text, "\r\n");
		if (nl)
			*nl = '\0';
		dkg_cli_errorf("%s: the store answered HTTP %ld%s%s", file, code,
		               r.text[0] ? ": " : "", r.text);
		return -1;
	}
	return 0;
}

int dkg_cmd_push(int argc, char **argv)
{
	const char *endpoint = NULL, *graph = NULL, *user = NULL, *password = NULL;
	char *url = NULL, *escaped = NULL;
	CURL *curl = NULL;
	int i, nfiles = 0, failed = 0, status = DKG_EXIT_USAGE;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = !strcmp(a, "--endpoint")   ? &endpoint
		                    : !strcmp(a, "--graph")    ? &graph
		                    : !strcmp(a, "--user")     ? &user
		                    : !strcmp(a, "--password") ? &password
		                                               : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return DKG_EXIT_OK;
		}
		if (slot) {
			if (i + 1 >= argc) {
				dkg_cli_errorf("push: %s needs a value; see dkg push --help", a);
				return DKG_EXIT_USAGE;
			}
			*slot = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			dkg_cli_errorf("push: unknown option '%s'; see dkg push --help", a);
			return DKG_EXIT_USAGE;
		} else
			nfiles++;
	}
	if (!endpoint || !nfiles) {
		dkg_cli_errorf("push: %s; see dkg push --help",
		               endpoint ? "no files to send" : "--endpoint URL is required");
		return DKG_EXIT_USAGE;
	}
	if (!password)
		password = getenv("DKG_PUSH_PASSWORD");
	status = DKG_EXIT_FAILED;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return status;
	curl = curl_easy_init();
	if (!curl)
		goto done;
	if (graph) {
		escaped = curl_easy_escape(curl, graph, 0);
		if (!escaped)
			goto done;
	}
	url = malloc(strlen(endpoint) + (escaped ? strlen(escaped) : 0) + 16);
	if (!url)
		goto done;
	sprintf(url, "%s%c%s%s", endpoint, strchr(endpoint, '?') ? '&' : '?',
	        escaped ? "graph=" : "default", escaped ? escaped : "");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--endpoint") || !strcmp(argv[i], "--graph") ||
		    !strcmp(argv[i], "--user") || !strcmp(argv[i], "--password")) {
			i++;
			continue;
		}
		if (push_file(curl, url, argv[i], user, password) != 0)
			failed++;
	}
	status = failed == 0 ? DKG_EXIT_OK : failed < nfiles ? DKG_EXIT_PARTIAL : DKG_EXIT_FAILED;
done:
	if (escaped)
		curl_free(escaped);
	free(url);
	if (curl)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	return status;
}
