/*
 * text.c - `dkg text`: prints the documents as ingest read them, one JSON
 * object per line, so users can see and debug the reading step.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

typedef struct text_run {
	dkg_output out;
	int quiet;
	long docs;     /* documents written */
	long errors;   /* documents or inputs that failed */
	int write_err; /* output failed: stop reading */
} text_run;

static void usage(FILE *fp)
{
	fprintf(fp,
	        "usage: dkg text [--input-format F] [--date YYYY-MM-DD] [-o FILE] [--quiet]\n"
	        "                [FILE|DIR|-]...\n\n"
	        "Prints every document read from the inputs as one JSON object per line:\n"
	        "id, url, title, date, text (null when unknown), plus lang, publisher, byline,\n"
	        "dateline, format, source and line when known. Folders are read recursively in\n"
	        "sorted order, \"-\" is standard input, .gz files are decompressed.\n\n"
	        "Options:\n"
	        "  --input-format F  text, jsonl, html, nitf, feed or auto (default: detected\n"
	        "                    from the content, then the file name)\n"
	        "  --date D          date for documents that carry none (YYYY-MM-DD)\n"
	        "  -o, --output FILE write to FILE (replaced only when the run succeeds)\n"
	        "  -q, --quiet       no warnings, only errors\n"
	        "  -h, --help        this help\n\n"
	        "Exit status: 0 all read, 1 some documents failed, 2 bad usage, 3 nothing read.\n\n"
	        "Example:\n"
	        "  dkg text articles/ | jq -r .title\n"
	        "  dkg text --input-format html --date 2017-01-13 - < page.html\n");
}

static void on_diag(const dkg_error *err, void *payload)
{
	text_run *run = payload;
	if (err->code < 0)
		run->errors++;
	else if (run->quiet)
		return;
	dkg_cli_diag(err);
}

static int add(json_t *obj, const char *key, const char *value, int null_if_missing)
{
	json_t *v = value ? json_string(value) : NULL;
	if (!v && !null_if_missing)
		return 0;
	if (!v)
		v = json_null();
	return json_object_set_new(obj, key, v);
}

static int on_doc(dkg_document *doc, void *payload)
{
	text_run *run = payload;
	json_t *obj = json_object();
	char *line = NULL;
	int rc = 0;
	if (!obj)
		goto fail;
	add(obj, "id", doc->id, 1);
	add(obj, "url", doc->url, 1);
	add(obj, "title", doc->title, 1);
	add(obj, "date", doc->date, 1);
	json_object_set_new(obj, "text", json_stringn(doc->text, doc->text_len));
	add(obj, "lang", doc->lang, 0);
	add(obj, "publisher", doc->publisher, 0);
	add(obj, "byline", doc->byline, 0);
	add(obj, "dateline", doc->dateline, 0);
	add(obj, "format", doc->format, 0);
	add(obj, "source", doc->source, 0);
	if (doc->line > 0)
		json_object_set_new(obj, "line", json_integer(doc->line));
	line = json_dumps(obj, JSON_COMPACT);
	if (!line)
		goto fail;
	if (dkg_output_write(line, strlen(line), &run->out) != 0 ||
	    dkg_output_write("\n", 1, &run->out) != 0) {
		run->write_err = 1;
		rc = 1; /* stop reading: the output is gone */
	} else {
		run->docs++;
	}
	free(line);
	json_decref(obj);
	dkg_document_free(doc);
	return rc;
fail:
	json_decref(obj);
	dkg_cli_errorf("%s: out of memory", doc->source ? doc->source : "-");
	run->errors++;
	dkg_document_free(doc);
	return 0;
}

static int valid_date(const char *s)
{
	int y, m, d;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Value of an option given as "--opt VALUE" or "--opt=VALUE"; NULL when missing. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

int dkg_cmd_text(int argc, char **argv)
{
	dkg_ingest_options opts = DKG_INGEST_OPTIONS_INIT;
	text_run run;
	const char *output = NULL, *v;
	char **inputs;
	int ninputs = 0, i, only_files = 0, rc, failed_paths = 0;
	static char *stdin_only[] = {"-"};

	memset(&run, 0, sizeof run);
	inputs = calloc((size_t)argc + 1, sizeof *inputs);
	if (!inputs) {
		dkg_cli_errorf("out of memory");
		return DKG_EXIT_FAILED;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			inputs[ninputs++] = argv[i];
		} else if (!strcmp(a, "--")) {
			only_files = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			free(inputs);
			return DKG_EXIT_OK;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			run.quiet = 1;
		} else if (is_opt(a, "--input-format")) {
			v = opt_value(argc, argv, &i, "--input-format");
			if (!v || dkg_input_format_from_name(&opts.format, v) != DKG_OK) {
				dkg_cli_errorf(
				    "text: --input-format needs one of text, jsonl, html, "
				    "nitf, feed, auto");
				free(inputs);
				return DKG_EXIT_USAGE;
			}
		} else if (is_opt(a, "--date")) {
			v = opt_value(argc, argv, &i, "--date");
			if (!v || !valid_date(v)) {
				dkg_cli_errorf("text: --date needs a date written YYYY-MM-DD");
				free(inputs);
				return DKG_EXIT_USAGE;
			}
			opts.default_date = v;
		} else if (!strcmp(a, "-o") || is_opt(a, "--output")) {
			v = opt_value(argc, argv, &i, "--output");
			if (!v) {
				dkg_cli_errorf("text: %s needs a file name", a);
				free(inputs);
				return DKG_EXIT_USAGE;
			}
			output = v;
		} else {
			dkg_cli_errorf("text: unknown option '%s'; run 'dkg text --help'", a);
			free(inputs);
			return DKG_EXIT_USAGE;
		}
	}
	if (dkg_output_open(&run.out, output) != 0) {
		free(inputs);
		return DKG_EXIT_FAILED;
	}
	for (i = 0; i < (ninputs ? ninputs : 1) && !run.write_err; i++) {
		const char *path = ninputs ? inputs[i] : stdin_only[0];
		rc = dkg_ingest_path(path, &opts, on_doc, on_diag, &run);
		if (rc < 0 && rc != DKG_ESTOP)
			failed_paths++;
	}
	free(inputs);
	if (run.write_err) {
		dkg_output_commit(&run.out); /* reports the write error and cleans up */
		return DKG_EXIT_FAILED;
	}
	if (run.docs == 0) {
		if (!run.errors && !failed_paths && !run.quiet)
			dkg_cli_errorf("text: no documents read");
		if (output)
			dkg_output_abort(&run.out);
		else
			dkg_output_commit(&run.out);
		return DKG_EXIT_FAILED;
	}
	if (dkg_output_commit(&run.out) != 0)
		return DKG_EXIT_FAILED;
	return run.errors || failed_paths ? DKG_EXIT_PARTIAL : DKG_EXIT_OK;
}
