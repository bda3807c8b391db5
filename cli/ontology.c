/*
 * ontology.c - `dkg ontology`: prints the diplomacy ontology compiled into libdkg.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int dkg_cmd_ontology(int argc, char **argv)
{
	const char *ttl;
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: dkg ontology\n\n"
		       "Prints the diplomacy ontology (OWL, Turtle) that dkg's output uses: event\n"
		       "classes for every CAMEO code linked to PLOVER types, actors, places,\n"
		       "mentions and articles.\n\n"
		       "Example:\n  dkg ontology > diplomacy.ttl && rapper -i turtle -c "
		       "diplomacy.ttl\n");
		return DKG_EXIT_OK;
	}
	if (argc > 1) {
		dkg_cli_errorf("ontology takes no arguments; see 'dkg ontology --help'");
		return DKG_EXIT_USAGE;
	}
	ttl = dkg_ontology_turtle();
	if (fwrite(ttl, 1, strlen(ttl), stdout) != strlen(ttl) || fflush(stdout) != 0) {
		dkg_cli_errorf("cannot write standard output");
		return DKG_EXIT_FAILED;
	}
	return DKG_EXIT_OK;
}
