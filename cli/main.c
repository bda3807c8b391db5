/*
 * main.c - the dkg command: dispatches to one subcommand per file.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

const char *dkg_progname = "dkg";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
    {"extract", dkg_cmd_extract, "extract events from news and write RDF"},
    {"text", dkg_cmd_text, "print the documents as read, as JSON Lines"},
    {"query", dkg_cmd_query, "run SPARQL over RDF files or a store"},
    {"load", dkg_cmd_load, "load RDF files into a persistent store"},
    {"network", dkg_cmd_network, "draw the actor network as SVG or DOT"},
    {"push", dkg_cmd_push, "send RDF to a triple store (SPARQL Graph Store protocol)"},
    {"ontology", dkg_cmd_ontology, "print the diplomacy ontology (Turtle)"},
};

static void usage(FILE *fp)
{
	size_t i;
	fprintf(fp, "usage: dkg COMMAND [OPTIONS] [ARGS]\n\n"
	            "Turns news about international relations into an RDF knowledge graph of\n"
	            "diplomatic events (who did what to whom, where, when, by which sentence).\n\n"
	            "Commands:\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp,
	        "\nOptions:\n"
	        "  -h, --help     this help; `dkg COMMAND --help` for a command\n"
	        "  --version      print the version\n\n"
	        "Example:\n"
	        "  dkg extract -o events.ttl articles/\n"
	        "  dkg query -d events.ttl 'SELECT ?e WHERE { ?e a <%sThreaten> }'\n",
	        DKG_NS);
}

int main(int argc, char **argv)
{
	size_t i;
	if (argc < 2) {
		usage(stderr);
		return DKG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return DKG_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("dkg %s\n", DKG_VERSION);
		return DKG_EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	dkg_cli_errorf("unknown command '%s'; run 'dkg --help' for the list", argv[1]);
	return DKG_EXIT_USAGE;
}
