/*
 * query.c - `dkg query`: SPARQL 1.1 over RDF files or a store made by
 * `dkg load`, printed as a table, CSV, TSV or JSON.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static void usage(FILE *fp)
{
	fprintf(fp,
	        "usage: dkg query [-r FORMAT] [-o FILE] (-d DATAFILE)... 'SPARQL' | @QUERYFILE\n"
	        "       dkg query [-r FORMAT] [-o FILE] --store PATH 'SPARQL' | @QUERYFILE\n\n"
	        "Runs a SPARQL 1.1 query over RDF files (loaded into an indexed in-memory\n"
	        "store) or over a store made by `dkg load`. The syntax of each data file\n"
	        "comes from its extension: .ttl .nt .nq .trig .rdf .xml, optionally .gz.\n\n"
	        "Options:\n"
	        "  -d, --data FILE     an RDF file to query (repeatable)\n"
	        "  --store PATH        query the on-disk store at PATH instead\n"
	        "  -r, --results FMT   table (default), csv, tsv, json (SPARQL 1.1 results);\n"
	        "                      CONSTRUCT/DESCRIBE print Turtle (table, turtle) or\n"
	        "                      N-Triples (ntriples, csv, tsv, json)\n"
	        "  -o, --output FILE   write to FILE (replaced only when the query succeeds)\n"
	        "  -h, --help          this help\n\n"
	        "The query is the last argument, or @FILE to read it from FILE (@- for stdin).\n"
	        "Exit status: 0 ok, 2 bad usage or bad SPARQL, 3 data could not be read.\n\n"
	        "Example:\n"
	        "  dkg query -r csv -d events.ttl @examples/queries/who-threatened-whom.rq\n"
	        "  dkg query -d events.ttl 'PREFIX dip: <%s>\n"
	        "    SELECT ?e ?code WHERE { ?e dip:cameoCode ?code } LIMIT 10'\n",
	        DKG_NS);
}

/* Matches "-x" or "--long" and takes its value from the next argument. */
static int opt_value(int argc, char **argv, int *i, const char *s, const char *l,
                     const char **value)
{
	if (strcmp(argv[*i], s) && strcmp(argv[*i], l))
		return 0;
	if (*i + 1 >= argc) {
		dkg_cli_errorf("query: %s needs a value; see dkg query --help", argv[*i]);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

int dkg_cmd_query(int argc, char **argv)
{
	const char **data = calloc((size_t)argc + 1, sizeof *data);
	const char *results = "table", *output = NULL, *store = NULL, *query_arg = NULL, *v;
	char *text = NULL;
	size_t ndata = 0;
	dkg_query_options opts = DKG_QUERY_OPTIONS_INIT;
	dkg_output out;
	dkg_error err;
	int i, r, status = DKG_EXIT_USAGE;
	if (!data) {
		dkg_cli_errorf("query: out of memory");
		return DKG_EXIT_FAILED;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			status = DKG_EXIT_OK;
			goto done;
		}
		if ((r = opt_value(argc, argv, &i, "-d", "--data", &v)) != 0) {
			if (r < 0)
				goto done;
			data[ndata++] = v;
		} else if ((r = opt_value(argc, argv, &i, "-r", "--results", &results)) != 0 ||
		           (r = opt_value(argc, argv, &i, "-o", "--output", &output)) != 0 ||
		           (r = opt_value(argc, argv, &i, "--store", "--store", &store)) != 0) {
			if (r < 0)
				goto done;
		} else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
			dkg_cli_errorf("query: unknown option '%s'; see dkg query --help", argv[i]);
			goto done;
		} else {
			if (!strcmp(argv[i], "--") && i + 1 < argc)
				i++;
			if (query_arg) {
				dkg_cli_errorf("query: one query only (got '%s' and '%s')",
				               query_arg, argv[i]);
				goto done;
			}
			query_arg = argv[i];
		}
	}
	if (!query_arg) {
		dkg_cli_errorf("query: no query given; see dkg query --help");
		goto done;
	}
	if (dkg_results_format_from_name(&opts.format, results) != 0) {
		dkg_cli_errorf("query: unknown results format '%s' (table, csv, tsv, json, "
		               "turtle, ntriples)",
		               results);
		goto done;
	}
	if (store && ndata) {
		dkg_cli_errorf("query: give data files (-d) or a store (--store), not both");
		goto done;
	}
	if (!store && !ndata) {
		dkg_cli_errorf("query: no data; give -d FILE or --store PATH");
		goto done;
	}
	if (query_arg[0] == '@') {
		text = dkg_cli_read_file(query_arg + 1, NULL);
		if (!text) {
			dkg_cli_errorf("%s: cannot read the query: %s", query_arg + 1,
			               strerror(errno ? errno : EIO));
			goto done;
		}
		opts.name = query_arg + 1;
	} else {
		text = strdup(query_arg);
		opts.name = "query";
	}
	opts.store = store;
	if (dkg_output_open(&out, output) != 0) {
		status = DKG_EXIT_FAILED;
		goto done;
	}
	dkg_error_clear(&err);
	r = dkg_query_files(data, ndata, text, &opts, out.fp, &err);
	if (r != 0) {
		dkg_output_abort(&out);
		if (err.file[0] && err.line > 0)
			fprintf(stderr, "%s: %s:%ld: %s\n", dkg_progname, err.file, err.line,
			        err.message);
		else if (err.file[0])
			fprintf(stderr, "%s: %s: %s\n", dkg_progname, err.file, err.message);
		else
			dkg_cli_errorf("%s", err.message);
		/* A bad query is the user's input: usage. Unreadable data: nothing done. */
		status =
		    opts.name && !strcmp(err.file, opts.name) ? DKG_EXIT_USAGE : DKG_EXIT_FAILED;
		goto done;
	}
	status = dkg_output_commit(&out) == 0 ? DKG_EXIT_OK : DKG_EXIT_FAILED;
done:
	free(text);
	free(data);
	return status;
}
