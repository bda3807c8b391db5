/*
 * network.c - `dkg network`: the actor network of RDF files, as DOT or as
 * SVG laid out by Graphviz (libgvc). Actors are nodes, events are edges from
 * source to target, one edge per quad class, coloured by class and as thick
 * as the log of their count. Output is deterministic: rows are sorted.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "commands.h"

#define EDGES_QUERY                                                                                \
	"PREFIX dip: <" DKG_NS "> "                                                                \
	"SELECT ?s ?t ?quad (COUNT(?e) AS ?n) WHERE { "                                            \
	"?e dip:sourceActor ?s ; dip:targetActor ?t ; dip:quadClass ?quad } "                      \
	"GROUP BY ?s ?t ?quad ORDER BY ?s ?t ?quad"
#define LABELS_QUERY                                                                               \
	"PREFIX dip: <" DKG_NS "> "                                                                \
	"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "                                    \
	"SELECT ?a ?label ?code ?role WHERE { ?a a dip:Actor . "                                   \
	"OPTIONAL { ?a rdfs:label ?label } OPTIONAL { ?a dip:actorCode ?code } "                   \
	"OPTIONAL { ?a dip:role ?role } } "                                                        \
	"ORDER BY ?a ?label ?code ?role"

static const char *const quad_colour[5] = {"#7f7f7f", "#1a9850", "#4575b4", "#f46d43", "#a50026"};
static const char *const quad_name[5] = {"0 neutral", "1 verbal cooperation",
                                         "2 material cooperation", "3 verbal conflict",
                                         "4 material conflict"};

typedef struct {
	char *iri, *label;
	int used;
} node;

typedef struct {
	size_t s, t; /* node indexes */
	int quad;
	long count;
} edge;

typedef struct {
	node *nodes;
	size_t nnodes, capnodes;
	edge *edges;
	size_t nedges, capedges;
	long min_count;
	int oom;
} net;

static size_t node_index(net *g, const char *iri)
{
	size_t i;
	node *p;
	for (i = g->nnodes; i-- > 0;) /* rows come sorted: the last is the likeliest */
		if (!strcmp(g->nodes[i].iri, iri))
			return i;
	if (g->nnodes == g->capnodes) {
		g->capnodes = g->capnodes ? g->capnodes * 2 : 64;
		p = realloc(g->nodes, g->capnodes * sizeof *p);
		if (!p) {
			g->oom = 1;
			return (size_t)-1;
		}
		g->nodes = p;
	}
	g->nodes[g->nnodes].iri = strdup(iri);
	g->nodes[g->nnodes].label = NULL;
	g->nodes[g->nnodes].used = 0;
	if (!g->nodes[g->nnodes].iri) {
		g->oom = 1;
		return (size_t)-1;
	}
	return g->nnodes++;
}

static int on_edge(const char *const *names, const dkg_term *row, size_t ncols, void *payload)
{
	net *g = payload;
	edge *p;
	size_t s, t;
	long n;
	int quad = 0;
	(void)names;
	if (ncols < 4 || row[0].kind != DKG_TERM_IRI || row[1].kind != DKG_TERM_IRI)
		return 0;
	n = row[3].value ? atol(row[3].value) : 0;
	if (n < g->min_count)
		return 0;
	if (row[2].value)
		quad = atoi(row[2].value);
	if (quad < 0 || quad > 4)
		quad = 0;
	s = node_index(g, row[0].value);
	t = node_index(g, row[1].value);
	if (g->oom)
		return 1;
	if (g->nedges == g->capedges) {
		g->capedges = g->capedges ? g->capedges * 2 : 64;
		p = realloc(g->edges, g->capedges * sizeof *p);
		if (!p) {
			g->oom = 1;
			return 1;
		}
		g->edges = p;
	}
	g->edges[g->nedges].s = s;
	g->edges[g->nedges].t = t;
	g->edges[g->nedges].quad = quad;
	g->edges[g->nedges].count = n;
	g->nedges++;
	g->nodes[s].used = g->nodes[t].used = 1;
	return 0;
}

static int on_label(const char *const *names, const dkg_term *row, size_t ncols, void *payload)
{
	net *g = payload;
	size_t i;
	const char *label;
	(void)names;
	if (ncols < 4 || row[0].kind != DKG_TERM_IRI)
		return 0;
	label = row[1].value ? row[1].value : row[2].value;
	if (!label)
		return 0;
	for (i = 0; i < g->nnodes; i++)
		if (!g->nodes[i].label && !strcmp(g->nodes[i].iri, row[0].value)) {
			/* a person in an office: "Vladimir Putin\nPrime Minister of Russia" */
			size_t n = strlen(label) + (row[3].value ? strlen(row[3].value) + 1 : 0);
			char *s = malloc(n + 1);
			if (!s) {
				g->oom = 1;
				return 1;
			}
			strcpy(s, label);
			if (row[3].value) {
				strcat(s, "\n");
				strcat(s, row[3].value);
			}
			g->nodes[i].label = s;
		}
	return 0;
}

/* Appends `s` to the DOT text as a quoted string. */
static void dot_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		if (*s == '\n')
			fputs("\\n", fp); /* a line break in the label */
		else if (*s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

static const char *short_name(const char *iri)
{
	const char *p = strrchr(iri, '/'), *h = strrchr(iri, '#');
	if (h && (!p || h > p))
		p = h;
	return p && p[1] ? p + 1 : iri;
}

static void write_dot(FILE *fp, const net *g)
{
	size_t i;
	int q, seen[5] = {0};
	fputs("digraph dkg {\n"
	      "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\"];\n"
	      "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", "
	      "fontname=\"Helvetica\", fontsize=11];\n"
	      "  edge [arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n",
	      fp);
	for (i = 0; i < g->nnodes; i++) {
		if (!g->nodes[i].used)
			continue;
		fprintf(fp, "  n%zu [label=", i);
		dot_quoted(fp, g->nodes[i].label ? g->nodes[i].label : short_name(g->nodes[i].iri));
		fputs(", tooltip=", fp);
		dot_quoted(fp, g->nodes[i].iri);
		fputs("];\n", fp);
	}
	for (i = 0; i < g->nedges; i++) {
		const edge *e = &g->edges[i];
		double width = 1.0 + log((double)e->count) / log(2.0);
		seen[e->quad] = 1;
		fprintf(fp, "  n%zu -> n%zu [color=\"%s\", penwidth=%.2f, weight=%ld", e->s, e->t,
		        quad_colour[e->quad], width > 8 ? 8.0 : width, e->count);
		if (e->count > 1)
			fprintf(fp, ", label=\"%ld\"", e->count);
		fputs("];\n", fp);
	}
	/* the legend: one coloured arrow per quad class that occurs */
	fputs("  subgraph cluster_legend {\n    label=\"quad class\"; fontsize=10; "
	      "color=\"#cccccc\";\n    node [shape=plaintext, style=\"\", fontsize=9];\n",
	      fp);
	for (q = 0; q < 5; q++) {
		if (!seen[q])
			continue;
		fprintf(fp, "    legend%da [label=\"\", width=0.1]; legend%db [label=\"%s\"];\n", q,
		        q, quad_name[q]);
		fprintf(fp, "    legend%da -> legend%db [color=\"%s\", penwidth=2];\n", q, q,
		        quad_colour[q]);
	}
	fputs("  }\n}\n", fp);
}

static void usage(FILE *fp)
{
	fprintf(fp, "usage: dkg network [-o FILE.svg|FILE.dot] [-T svg|dot] [--min-count N] "
	            "DATAFILE...\n\n"
	            "Draws the actor network of dkg output: actors are nodes, events edges from\n"
	            "source to target, one edge per quad class coloured by it (0 grey neutral,\n"
	            "1 green verbal cooperation, 2 blue material cooperation, 3 orange verbal\n"
	            "conflict, 4 red material conflict) and as thick as log2 of its count.\n"
	            "SVG is laid out by Graphviz (dot; sfdp above 300 actors).\n\n"
	            "Options:\n"
	            "  -o FILE         write FILE; .svg draws, .dot writes the Graphviz source\n"
	            "  -T FORMAT       svg or dot (default: from -o, else dot on stdout)\n"
	            "  --min-count N   leave out edges with fewer than N events (default 1)\n"
	            "  -h, --help      this help\n\n"
	            "Example:\n"
	            "  dkg extract -o events.ttl articles/\n"
	            "  dkg network -o network.svg --min-count 2 events.ttl\n");
}

static int render_svg(const char *dot, FILE *out, size_t nnodes)
{
	GVC_t *gvc = gvContext();
	graph_t *g;
	char *data = NULL;
	unsigned int len = 0;
	int rc = -1;
	if (!gvc)
		return -1;
	g = agmemread(dot);
	if (!g) {
		dkg_cli_errorf("network: Graphviz could not read the graph");
		gvFreeContext(gvc);
		return -1;
	}
	if (gvLayout(gvc, g, nnodes > 300 ? "sfdp" : "dot") != 0) {
		dkg_cli_errorf("network: Graphviz layout failed");
	} else {
		if (gvRenderData(gvc, g, "svg", &data, &len) == 0 && data) {
			if (fwrite(data, 1, len, out) == len)
				rc = 0;
			gvFreeRenderData(data);
		} else
			dkg_cli_errorf("network: Graphviz could not render SVG");
		gvFreeLayout(gvc, g);
	}
	agclose(g);
	gvFreeContext(gvc);
	return rc;
}

int dkg_cmd_network(int argc, char **argv)
{
	const char *output = NULL, *format = NULL;
	net g;
	dkg_store *st = NULL;
	dkg_error err;
	dkg_output out;
	char *dot = NULL;
	size_t dotlen = 0, i;
	FILE *mem;
	int nfiles = 0, status = DKG_EXIT_USAGE, svg;
	memset(&g, 0, sizeof g);
	g.min_count = 1;
	for (i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return DKG_EXIT_OK;
		}
		if ((!strcmp(a, "-o") || !strcmp(a, "-T") || !strcmp(a, "--min-count")) &&
		    i + 1 >= (size_t)argc) {
			dkg_cli_errorf("network: %s needs a value; see dkg network --help", a);
			return DKG_EXIT_USAGE;
		}
		if (!strcmp(a, "-o"))
			output = argv[++i];
		else if (!strcmp(a, "-T"))
			format = argv[++i];
		else if (!strcmp(a, "--min-count")) {
			char *end;
			g.min_count = strtol(argv[++i], &end, 10);
			if (*end || g.min_count < 1) {
				dkg_cli_errorf("network: --min-count needs a positive number");
				return DKG_EXIT_USAGE;
			}
		} else if (a[0] == '-' && a[1]) {
			dkg_cli_errorf("network: unknown option '%s'; see dkg network --help", a);
			return DKG_EXIT_USAGE;
		} else
			nfiles++;
	}
	if (!nfiles) {
		dkg_cli_errorf("network: no data files; see dkg network --help");
		return DKG_EXIT_USAGE;
	}
	if (!format) {
		size_t n = output ? strlen(output) : 0;
		format = n > 4 && !strcmp(output + n - 4, ".svg") ? "svg" : "dot";
	}
	if (strcmp(format, "svg") && strcmp(format, "dot")) {
		dkg_cli_errorf("network: unknown format '%s' (svg, dot)", format);
		return DKG_EXIT_USAGE;
	}
	svg = !strcmp(format, "svg");

	status = DKG_EXIT_FAILED;
	dkg_error_clear(&err);
	if (dkg_store_open(&st, NULL, 0, &err) != 0) {
		dkg_cli_diag(&err);
		return status;
	}
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "-T") ||
		    !strcmp(argv[i], "--min-count")) {
			i++;
			continue;
		}
		if (dkg_store_load(st, argv[i], &err) != 0) {
			dkg_cli_diag(&err);
			goto done;
		}
	}
	if (dkg_store_select(st, EDGES_QUERY, on_edge, &g, &err) != 0 ||
	    dkg_store_select(st, LABELS_QUERY, on_label, &g, &err) != 0 || g.oom) {
		if (g.oom)
			dkg_cli_errorf("network: out of memory");
		else
			dkg_cli_diag(&err);
		goto done;
	}
	mem = open_memstream(&dot, &dotlen);
	if (!mem) {
		dkg_cli_errorf("network: out of memory");
		goto done;
	}
	write_dot(mem, &g);
	fclose(mem);
	if (dkg_output_open(&out, output) != 0)
		goto done;
	if (svg) {
		if (render_svg(dot, out.fp, g.nnodes) != 0) {
			dkg_output_abort(&out);
			goto done;
		}
	} else
		dkg_output_write(dot, dotlen, &out);
	if (dkg_output_commit(&out) == 0)
		status = DKG_EXIT_OK;
done:
	free(dot);
	for (i = 0; i < g.nnodes; i++) {
		free(g.nodes[i].iri);
		free(g.nodes[i].label);
	}
	free(g.nodes);
	free(g.edges);
	dkg_store_free(st);
	return status;
}
