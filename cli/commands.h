/*
 * commands.h - the subcommands of the dkg command, one file each, and the
 * helpers they share (atomic output files, diagnostics).
 */
#ifndef DKG_CLI_COMMANDS_H
#define DKG_CLI_COMMANDS_H

#include <stdio.h>

#include "dkg/dkg.h"

/* Exit statuses of every command. */
enum {
	DKG_EXIT_OK = 0,      /* everything done */
	DKG_EXIT_PARTIAL = 1, /* some documents failed, the others were written */
	DKG_EXIT_USAGE = 2,   /* bad command line */
	DKG_EXIT_FAILED = 3   /* nothing could be done */
};

int dkg_cmd_extract(int argc, char **argv);
int dkg_cmd_text(int argc, char **argv);
int dkg_cmd_query(int argc, char **argv);
int dkg_cmd_load(int argc, char **argv);
int dkg_cmd_network(int argc, char **argv);
int dkg_cmd_push(int argc, char **argv);
int dkg_cmd_ontology(int argc, char **argv);

/* The program name for messages ("dkg"). */
extern const char *dkg_progname;

/* Prints "dkg: message" on stderr. */
void dkg_cli_errorf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints a diagnostic from ingest or extraction as "FILE:LINE: message". */
void dkg_cli_diag(const dkg_error *err);

/*
 * An output destination: stdout, or a file written to a temporary name in the
 * same folder and renamed over the target only by dkg_output_commit(), so a
 * failed run leaves an existing file untouched.
 */
typedef struct dkg_output {
	FILE *fp;
	char *path;     /* final path, or NULL for stdout */
	char *tmp_path; /* temporary file */
	int failed;     /* a write failed (e.g. disk full, closed pipe) */
	int special;    /* a device or FIFO written in place, never renamed */
} dkg_output;

/* Opens `path` (NULL or "-" for stdout). Returns 0, or -1 after printing why. */
int dkg_output_open(dkg_output *out, const char *path);
/* dkg_write_fn that writes to a dkg_output. */
int dkg_output_write(const char *data, size_t len, void *payload);
/* Flushes, closes and renames into place. Returns 0, or -1 after printing why. */
int dkg_output_commit(dkg_output *out);
/* Closes and removes the temporary file, leaving any existing target as it was. */
void dkg_output_abort(dkg_output *out);

/* Reads a whole file ("-" for stdin) into a NUL-terminated malloc'd buffer. */
char *dkg_cli_read_file(const char *path, size_t *len);

#endif
