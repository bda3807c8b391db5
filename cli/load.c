/*
 * load.c - `dkg load`: RDF files into an on-disk store (Redland hashes in
 * Berkeley DB files) that `dkg query --store` answers from.
 */
#include <string.h>

#include "commands.h"

static void usage(FILE *fp)
{
	fprintf(fp, "usage: dkg load --store PATH FILE...\n\n"
	            "Adds the statements of RDF files to the store in folder PATH (created\n"
	            "when missing; statements already there are kept once), indexed for\n"
	            "`dkg query --store PATH`. Syntax from the extension: .ttl .nt .nq .trig\n"
	            ".rdf .xml, optionally .gz. Prints the number of statements in the store.\n\n"
	            "Options:\n"
	            "  --store PATH   the store folder (required)\n"
	            "  -h, --help     this help\n\n"
	            "Exit status: 0 ok, 1 some files failed (the others are loaded), 2 bad\n"
	            "usage, 3 nothing could be loaded.\n\n"
	            "Example:\n"
	            "  dkg extract -f ntriples -o events.nt articles/\n"
	            "  dkg load --store events.db events.nt\n"
	            "  dkg query --store events.db @examples/queries/dyad-month-quad.rq\n");
}

int dkg_cmd_load(int argc, char **argv)
{
	const char *store = NULL;
	dkg_store *st = NULL;
	dkg_error err;
	int i, nfiles = 0, failed = 0;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return DKG_EXIT_OK;
		}
		if (!strcmp(argv[i], "--store")) {
			if (++i >= argc) {
				dkg_cli_errorf("load: --store needs a folder; see dkg load --help");
				return DKG_EXIT_USAGE;
			}
			store = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			dkg_cli_errorf("load: unknown option '%s'; see dkg load --help", argv[i]);
			return DKG_EXIT_USAGE;
		} else
			nfiles++;
	}
	if (!store || !nfiles) {
		dkg_cli_errorf("load: %s; see dkg load --help",
		               store ? "no files to load" : "--store PATH is required");
		return DKG_EXIT_USAGE;
	}
	dkg_error_clear(&err);
	if (dkg_store_open(&st, store, DKG_STORE_CREATE, &err) != 0) {
		dkg_cli_diag(&err);
		return DKG_EXIT_FAILED;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--store")) {
			i++;
			continue;
		}
		dkg_error_clear(&err);
		if (dkg_store_load(st, argv[i], &err) != 0) {
			dkg_cli_diag(&err);
			failed++;
		}
	}
	{
		long n = dkg_store_size(st); /* Berkeley DB hashes cannot count: -1 */
		if (n >= 0)
			printf("%s: %ld statements\n", store, n);
		else
			printf("%s: loaded %d of %d files\n", store, nfiles - failed, nfiles);
	}
	dkg_store_free(st);
	if (failed == nfiles)
		return DKG_EXIT_FAILED;
	return failed ? DKG_EXIT_PARTIAL : DKG_EXIT_OK;
}
