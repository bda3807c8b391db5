/*
 * extract.c - `dkg extract`: documents in, RDF out. Documents are read in
 * order, extracted and serialized by worker threads (one extractor and one
 * RDF writer each), and written in input order so output does not depend
 * on -j.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "progress.h"

#define SLOT_KEEP (32 * 1024) /* output bytes a slot keeps room for between documents */

typedef struct slot {
	dkg_document *doc;
	dkg_result *res;
	char *data; /* serialized chunk (streaming formats) */
	size_t len, cap;
	int rc;
	int state; /* 0 free, 1 queued, 2 working, 3 done */
	unsigned long long triples;
	size_t events, sentences, truncations;
} slot;

typedef struct job {
	/* configuration */
	const dkg_lexicon *lex;
	dkg_extract_options xopts;
	dkg_writer_options wopts;
	int threads;
	int quiet;
	dkg_output out;
	dkg_writer *main_writer; /* RDF/XML, or every format with -j 1 */
	/* the ring of documents in flight */
	slot *ring;
	size_t nring;
	unsigned long long next_in, next_out, next_work;
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done, cv_free;
	int stop;
	int main_waiting; /* the reading thread waits for finished documents */
	/* counters */
	size_t docs, failed_docs, events, sentences;
	unsigned long long triples, bytes;
	int write_failed;
	dkg_progress progress;
} job;

static void usage(FILE *fp)
{
	fprintf(
	    fp,
	    "usage: dkg extract [OPTIONS] [FILE|DIR|-]...\n\n"
	    "Reads news documents (plain text, JSON Lines, HTML, NITF, RSS/Atom, .gz; folders\n"
	    "recursively in sorted order; - or nothing for standard input), extracts the\n"
	    "diplomatic events and writes them as RDF.\n\n"
	    "Options:\n"
	    "  -f, --format FMT       turtle (default), ntriples, nquads, rdfxml, or none (count "
	    "only)\n"
	    "  -o, --output FILE      write to FILE (atomically: a failed run leaves it "
	    "untouched)\n"
	    "  --date YYYY-MM-DD      date of documents that carry none (anchors relative dates)\n"
	    "  --base IRI             namespace of minted IRIs (default %s)\n"
	    "  -j, --jobs N           threads, the reader included (default 1); same output for "
	    "any N\n"
	    "  --lexicon FILE         add a lexicon file (repeatable; see "
	    "extractor/lexicon/FORMAT.md)\n"
	    "  --no-default-lexicon   use only the --lexicon files\n"
	    "  --input-format F       auto (default), text, jsonl, html, nitf, feed\n"
	    "  --max-doc-size BYTES   truncate larger documents (default 64 MiB)\n"
	    "  --max-sentence BYTES   cut longer sentences (default 4096)\n"
	    "  --max-events N         events kept per sentence (default 8)\n"
	    "  -q, --quiet            no warnings, progress or summary on stderr\n"
	    "  --progress             show the progress line even when stderr is not a terminal\n"
	    "  -h, --help             this help\n\n"
	    "Exit status: 0 all documents done, 1 some failed (each reported as FILE:LINE:\n"
	    "message), 2 usage error, 3 nothing could be done.\n\n"
	    "Examples:\n"
	    "  dkg extract --date 2008-11-14 article.txt\n"
	    "  dkg extract -f ntriples -j 2 -o events.nt archive/\n",
	    DKG_DEFAULT_BASE);
}

/* ---- serialization into memory ------------------------------------------------ */

static int mem_write(const char *data, size_t len, void *payload)
{
	slot *s = payload;
	if (s->len + len > s->cap) {
		size_t cap = s->cap ? s->cap : 8192;
		char *p;
		while (cap < s->len + len)
			cap *= 2;
		p = realloc(s->data, cap);
		if (!p)
			return -1;
		s->data = p;
		s->cap = cap;
	}
	memcpy(s->data + s->len, data, len);
	s->len += len;
	return 0;
}

typedef struct worker {
	job *j;
	dkg_extractor *ex;
	dkg_writer *w;
	slot *cur; /* where the writer's bytes go */
	pthread_t thread;
} worker;

static int worker_write(const char *data, size_t len, void *payload)
{
	worker *wk = payload;
	return mem_write(data, len, wk->cur);
}

static void process_slot(worker *wk, slot *s)
{
	job *j = wk->j;
	s->rc = dkg_extract(&s->res, wk->ex, s->doc);
	if (s->rc < 0)
		return;
	s->events = dkg_result_count(s->res);
	s->truncations = dkg_result_truncations(s->res);
	s->sentences = dkg_result_sentences(s->res);
	if (j->wopts.format != DKG_RDF_RDFXML && wk->w) {
		unsigned long long before = dkg_writer_triples(wk->w);
		wk->cur = s;
		s->len = 0;
		s->rc = dkg_writer_document(wk->w, s->doc, s->res);
		s->triples = dkg_writer_triples(wk->w) - before;
		/* serialized: the events go now, freed by the thread that made them
		 * (a free from the writing thread contends for this one's arena) */
		dkg_result_free(s->res);
		s->res = NULL;
	}
}

/* Finished documents at the head of the ring, ready to be written. Called with j->mu held. */
static size_t done_at_head(const job *j)
{
	size_t n = 0;
	while (j->next_out + n < j->next_in && j->ring[(j->next_out + n) % j->nring].state == 3)
		n++;
	return n;
}

/*
 * How many finished documents at the head wake the waiting reader: a quarter
 * of the ring, or all that are in flight. Waking it for each document cost a
 * futex round trip per document (a tenth of the run's time with -j 2).
 */
static size_t wake_at(const job *j)
{
	size_t quarter = j->nring / 4 ? j->nring / 4 : 1;
	size_t in_flight = (size_t)(j->next_in - j->next_out);
	return in_flight < quarter ? (in_flight ? in_flight : 1) : quarter;
}

/* Takes the next queued document and extracts it outside the lock. Called
 * with j->mu held and a document queued. */
static void run_next(job *j, worker *wk)
{
	slot *s = &j->ring[j->next_work % j->nring];
	j->next_work++;
	s->state = 2;
	pthread_mutex_unlock(&j->mu);
	process_slot(wk, s);
	pthread_mutex_lock(&j->mu);
	s->state = 3;
}

static void *worker_main(void *arg)
{
	worker *wk = arg;
	job *j = wk->j;
	pthread_mutex_lock(&j->mu);
	for (;;) {
		while (!j->stop && j->next_work == j->next_in)
			pthread_cond_wait(&j->cv_work, &j->mu);
		if (j->next_work == j->next_in && j->stop)
			break;
		run_next(j, wk);
		if (j->main_waiting && done_at_head(j) >= wake_at(j))
			pthread_cond_broadcast(&j->cv_done);
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

static void doc_failed(job *j, const dkg_document *doc, int rc)
{
	dkg_error err;
	dkg_error_set(&err, rc, doc->source ? doc->source : doc->id, doc->line, "document %s: %s",
	              doc->id ? doc->id : "?", dkg_strerror(rc));
	dkg_cli_diag(&err);
	j->failed_docs++;
}

/* Writes a finished slot in order (caller holds no lock). */
static void output_slot(job *j, slot *s)
{
	if (s->rc < 0) {
		if (!j->write_failed)
			doc_failed(j, s->doc, s->rc);
	} else {
		if (s->truncations && !j->quiet) {
			dkg_error w;
			dkg_error_set(
			    &w, DKG_OK, s->doc->source ? s->doc->source : s->doc->id, s->doc->line,
			    "document %s: %zu sentences cut or events dropped by the limits "
			    "(--max-sentence, --max-events)",
			    s->doc->id ? s->doc->id : "?", s->truncations);
			dkg_cli_diag(&w);
		}
		j->docs++;
		j->events += s->events;
		j->sentences += s->sentences;
		if (j->wopts.format == DKG_RDF_RDFXML && !j->write_failed) {
			unsigned long long before = dkg_writer_triples(j->main_writer);
			if (dkg_writer_document(j->main_writer, s->doc, s->res) < 0)
				j->write_failed = 1;
			j->triples += dkg_writer_triples(j->main_writer) - before;
		} else {
			j->triples += s->triples;
			if (s->len && !j->write_failed &&
			    dkg_output_write(s->data, s->len, &j->out) < 0)
				j->write_failed = 1;
		}
	}
	j->bytes += s->doc->text_len;
	dkg_progress_update(&j->progress, j->docs + j->failed_docs, j->bytes, j->events,
	                    s->doc->source);
	dkg_result_free(s->res);
	dkg_document_free(s->doc);
	s->res = NULL;
	s->doc = NULL;
	s->len = 0;
	/* a slot does not keep the room of the largest document it ever held:
	 * over a long run every slot would, and memory would grow with the input */
	if (s->cap > SLOT_KEEP) {
		free(s->data);
		s->data = NULL;
		s->cap = 0;
	}
}

static worker *single; /* -j 1: the one worker, run inline; -j N: the reader's own */

/*
 * The reading thread, when it cannot read on (the ring is full, or the input
 * is done), extracts a queued document itself instead of sleeping: -j N runs
 * N - 1 worker threads and the reader, so no more threads want a core than
 * there are cores. With N worker threads besides the reader, the reader lost
 * its core for a scheduler's time slice now and then while the ring drained,
 * and -j 2 came to 1.5 times one thread. Called with j->mu held; returns
 * whether it took a document.
 */
static int help(job *j)
{
	if (j->next_work == j->next_in)
		return 0;
	run_next(j, single);
	return 1;
}

/* Outputs every finished slot at the head of the ring. Called with j->mu held. */
static void drain(job *j, int wait_all)
{
	for (;;) {
		slot *s;
		if (j->next_out == j->next_in)
			return;
		s = &j->ring[j->next_out % j->nring];
		if (s->state != 3) {
			if (!wait_all)
				return;
			if (help(j))
				continue;
			j->main_waiting = 1;
			pthread_cond_wait(&j->cv_done, &j->mu);
			j->main_waiting = 0;
			continue;
		}
		pthread_mutex_unlock(&j->mu);
		output_slot(j, s);
		pthread_mutex_lock(&j->mu);
		s->state = 0;
		j->next_out++;
	}
}

typedef struct diag_ctx {
	job *j;
	size_t errors;
} diag_ctx;

static int on_doc(dkg_document *doc, void *payload)
{
	job *j = ((diag_ctx *)payload)->j;
	slot *s;
	if (j->write_failed) {
		dkg_document_free(doc);
		return 1;
	}
	if (j->threads <= 1) {
		slot one;
		memset(&one, 0, sizeof one);
		one.doc = doc;
		process_slot(single, &one);
		output_slot(j, &one);
		free(one.data);
		return j->write_failed ? 1 : 0;
	}
	pthread_mutex_lock(&j->mu);
	while (j->next_in - j->next_out >= j->nring) {
		drain(j, 0);
		if (j->next_in - j->next_out >= j->nring && !help(j)) {
			j->main_waiting = 1;
			pthread_cond_wait(&j->cv_done, &j->mu);
			j->main_waiting = 0;
		}
	}
	s = &j->ring[j->next_in % j->nring];
	s->doc = doc;
	s->res = NULL;
	s->rc = 0;
	s->state = 1;
	j->next_in++;
	pthread_cond_signal(&j->cv_work);
	drain(j, 0);
	pthread_mutex_unlock(&j->mu);
	return j->write_failed ? 1 : 0;
}

static void on_diag(const dkg_error *err, void *payload)
{
	diag_ctx *d = payload;
	if (err->code < 0) {
		d->errors++;
		dkg_cli_diag(err);
	} else if (!d->j->quiet) {
		dkg_cli_diag(err);
	}
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || v == 0)
		return -1;
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	else if (*end == 'g' || *end == 'G')
		v <<= 30, end++;
	if (*end)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int valid_date_arg(const char *s)
{
	int y, m, d;
	char extra;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int dkg_cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
	                                         {"output", required_argument, NULL, 'o'},
	                                         {"date", required_argument, NULL, 'D'},
	                                         {"base", required_argument, NULL, 'B'},
	                                         {"jobs", required_argument, NULL, 'j'},
	                                         {"lexicon", required_argument, NULL, 'L'},
	                                         {"no-default-lexicon", no_argument, NULL, 'N'},
	                                         {"input-format", required_argument, NULL, 'I'},
	                                         {"max-doc-size", required_argument, NULL, 'S'},
	                                         {"max-sentence", required_argument, NULL, 'M'},
	                                         {"max-events", required_argument, NULL, 'E'},
	                                         {"quiet", no_argument, NULL, 'q'},
	                                         {"progress", no_argument, NULL, 'P'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	dkg_ingest_options iopts = DKG_INGEST_OPTIONS_INIT;
	dkg_writer_options wopts = DKG_WRITER_OPTIONS_INIT;
	dkg_extract_options xopts = DKG_EXTRACT_OPTIONS_INIT;
	const char *output = NULL, *date = NULL;
	const char **lexfiles = NULL;
	size_t nlex = 0;
	int use_default = 1, threads = 1, quiet = 0, force_progress = 0, c, i, status;
	dkg_lexicon *lex = NULL;
	dkg_error err;
	job j;
	diag_ctx dctx;
	worker *workers = NULL;
	size_t nworkers = 0, inputs_failed = 0, ninputs;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&j, 0, sizeof j);
	optind = 1;
	lexfiles = calloc((size_t)argc + 1, sizeof *lexfiles);
	if (!lexfiles) {
		dkg_cli_errorf("out of memory");
		return DKG_EXIT_FAILED;
	}
	while ((c = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (dkg_rdf_format_from_name(&wopts.format, optarg) < 0) {
				dkg_cli_errorf("unknown format '%s'; use turtle, ntriples, nquads, "
				               "rdfxml or none",
				               optarg);
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'D':
			if (!valid_date_arg(optarg)) {
				dkg_cli_errorf("--date takes YYYY-MM-DD, not '%s'", optarg);
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			date = optarg;
			break;
		case 'B':
			wopts.base = optarg;
			break;
		case 'j': {
			size_t n = 0;
			threads = parse_size(optarg, &n) < 0 || n > 256 ? 0 : (int)n;
		}
			if (threads < 1 || threads > 256) {
				dkg_cli_errorf("-j takes a number of threads from 1 to 256");
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'L':
			lexfiles[nlex++] = optarg;
			break;
		case 'N':
			use_default = 0;
			break;
		case 'I':
			if (dkg_input_format_from_name(&iopts.format, optarg) < 0) {
				dkg_cli_errorf(
				    "unknown input format '%s'; use auto, text, jsonl, html, "
				    "nitf or feed",
				    optarg);
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'S':
			if (parse_size(optarg, &iopts.max_document_size) < 0) {
				dkg_cli_errorf(
				    "--max-doc-size takes a size in bytes (K, M, G allowed)");
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'M':
			if (parse_size(optarg, &xopts.max_sentence_bytes) < 0) {
				dkg_cli_errorf("--max-sentence takes a size in bytes");
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'E':
			if (parse_size(optarg, &xopts.max_events_per_sentence) < 0 ||
			    xopts.max_events_per_sentence > 1000000)
				xopts.max_events_per_sentence = 0;
			if (!xopts.max_events_per_sentence) {
				dkg_cli_errorf("--max-events takes a positive number");
				free(lexfiles);
				return DKG_EXIT_USAGE;
			}
			break;
		case 'q':
			quiet = 1;
			break;
		case 'P':
			force_progress = 1;
			break;
		case 'h':
			usage(stdout);
			free(lexfiles);
			return DKG_EXIT_OK;
		default:
			fprintf(stderr, "Run 'dkg extract --help' for the options.\n");
			free(lexfiles);
			return DKG_EXIT_USAGE;
		}
	}
	iopts.default_date = date;
	xopts.default_date = date;
	signal(SIGPIPE, SIG_IGN);

	/* the lexicon */
	if (dkg_lexicon_new(&lex) < 0) {
		dkg_cli_errorf("out of memory");
		free(lexfiles);
		return DKG_EXIT_FAILED;
	}
	dkg_error_clear(&err);
	if (use_default && dkg_lexicon_load_default(lex, &err) < 0) {
		dkg_cli_diag(&err);
		dkg_lexicon_free(lex);
		free(lexfiles);
		return DKG_EXIT_FAILED;
	}
	for (size_t k = 0; k < nlex; k++) {
		dkg_error_clear(&err);
		if (dkg_lexicon_load_file(lex, lexfiles[k], &err) < 0) {
			dkg_cli_diag(&err);
			dkg_lexicon_free(lex);
			free(lexfiles);
			return DKG_EXIT_FAILED;
		}
	}
	free(lexfiles);

	j.lex = lex;
	j.xopts = xopts;
	j.wopts = wopts;
	j.threads = threads;
	j.quiet = quiet;
	if (dkg_output_open(&j.out, output) < 0) {
		dkg_lexicon_free(lex);
		return DKG_EXIT_FAILED;
	}
	status = dkg_writer_new(&j.main_writer, &wopts, dkg_output_write, &j.out);
	if (status < 0) {
		dkg_cli_errorf("cannot set up the %s writer: %s", "RDF",
		               status == DKG_EINVAL ? "invalid --base IRI (give an absolute IRI "
		                                      "such as https://example.org/id/)"
		                                    : dkg_strerror(status));
		dkg_output_abort(&j.out);
		dkg_lexicon_free(lex);
		return status == DKG_EINVAL ? DKG_EXIT_USAGE : DKG_EXIT_FAILED;
	}
	ninputs = (size_t)(argc - optind);
	dkg_progress_init(&j.progress, quiet ? 0 : (force_progress || isatty(2)),
	                  (const char *const *)argv + optind, ninputs);

	/* workers */
	nworkers = (size_t)threads;
	workers = calloc(nworkers, sizeof *workers);
	if (!workers)
		goto oom;
	for (size_t k = 0; k < nworkers; k++) {
		workers[k].j = &j;
		if (dkg_extractor_new(&workers[k].ex, lex, &xopts) < 0)
			goto oom;
		if (wopts.format != DKG_RDF_RDFXML) {
			if (threads == 1) {
				/* one thread writes straight to the output */
				workers[k].w = NULL;
			} else if (dkg_writer_new(&workers[k].w, &wopts, worker_write,
			                          &workers[k]) < 0) {
				goto oom;
			}
		}
	}
	single = &workers[0];
	if (threads == 1) {
		if (wopts.format != DKG_RDF_RDFXML) {
			/* serialize inline through the main writer into the slot buffer */
			workers[0].w = j.main_writer;
			dkg_writer_free(NULL);
		}
	} else {
		/* 32 documents a thread: the reader, woken when a quarter is done,
		 * sleeps less often than with 8 (-f none -j 2: 0.92 of the time) */
		j.nring = (size_t)threads * 32;
		j.ring = calloc(j.nring, sizeof *j.ring);
		if (!j.ring)
			goto oom;
		pthread_mutex_init(&j.mu, NULL);
		pthread_cond_init(&j.cv_work, NULL);
		pthread_cond_init(&j.cv_done, NULL);
		pthread_cond_init(&j.cv_free, NULL);
		/* workers[0] is the reader's own (see help) */
		for (size_t k = 1; k < nworkers; k++)
			pthread_create(&workers[k].thread, NULL, worker_main, &workers[k]);
	}
	if (threads == 1 && wopts.format != DKG_RDF_RDFXML) {
		/* the main writer writes into the slot, which output_slot copies out */
		dkg_writer_free(j.main_writer);
		j.main_writer = NULL;
		if (dkg_writer_new(&workers[0].w, &wopts, worker_write, &workers[0]) < 0)
			goto oom;
	}

	dctx.j = &j;
	dctx.errors = 0;
	if (ninputs == 0) {
		int rc = dkg_ingest_path("-", &iopts, on_doc, on_diag, &dctx);
		if (rc < 0 && rc != DKG_ESTOP)
			inputs_failed++;
	}
	for (i = optind; i < argc && !j.write_failed; i++) {
		int rc = dkg_ingest_path(argv[i], &iopts, on_doc, on_diag, &dctx);
		if (rc < 0 && rc != DKG_ESTOP)
			inputs_failed++;
	}
	if (threads > 1) {
		pthread_mutex_lock(&j.mu);
		j.stop = 1;
		pthread_cond_broadcast(&j.cv_work);
		drain(&j, 1);
		pthread_mutex_unlock(&j.mu);
		for (size_t k = 1; k < nworkers; k++)
			pthread_join(workers[k].thread, NULL);
	}
	if (j.main_writer && !j.write_failed && dkg_writer_finish(j.main_writer) < 0)
		j.write_failed = 1;
	dkg_progress_finish(&j.progress);

	for (size_t k = 0; k < nworkers; k++) {
		dkg_extractor_free(workers[k].ex);
		dkg_writer_free(workers[k].w);
	}
	free(workers);
	workers = NULL;
	for (size_t k = 0; k < j.nring; k++)
		free(j.ring[k].data);
	free(j.ring);
	dkg_writer_free(j.main_writer);
	j.main_writer = NULL;

	if (j.write_failed || j.out.failed) {
		if (!j.out.failed)
			j.out.failed = EIO;
		dkg_output_commit(&j.out); /* reports and removes the temporary file */
		dkg_lexicon_free(lex);
		return DKG_EXIT_FAILED;
	}
	if (j.docs == 0) {
		/* empty or unreadable input: nothing was done, and an existing -o file
		 * is left as it was */
		dkg_output_abort(&j.out);
		if (dctx.errors || inputs_failed || j.failed_docs)
			dkg_cli_errorf("no document could be read; nothing written");
		else
			dkg_cli_errorf("the input holds no document; nothing written");
		dkg_lexicon_free(lex);
		return DKG_EXIT_FAILED;
	}
	if (dkg_output_commit(&j.out) < 0) {
		dkg_lexicon_free(lex);
		return DKG_EXIT_FAILED;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet) {
		double secs =
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr,
		        "dkg: %zu documents, %zu sentences, %zu events, %llu triples in %.2f s "
		        "(%.1f MB/s)%s",
		        j.docs, j.sentences, j.events, j.triples, secs,
		        secs > 0 ? (double)j.bytes / 1e6 / secs : 0.0,
		        (j.failed_docs + dctx.errors + inputs_failed) ? "" : "\n");
		if (j.failed_docs + dctx.errors + inputs_failed)
			fprintf(stderr, "; %zu failed\n",
			        j.failed_docs + dctx.errors + inputs_failed);
	}
	dkg_lexicon_free(lex);
	return (j.failed_docs || dctx.errors || inputs_failed) ? DKG_EXIT_PARTIAL : DKG_EXIT_OK;
oom:
	dkg_cli_errorf("out of memory");
	if (workers) {
		for (size_t k = 0; k < nworkers; k++) {
			dkg_extractor_free(workers[k].ex);
			dkg_writer_free(workers[k].w);
		}
		free(workers);
	}
	dkg_writer_free(j.main_writer);
	dkg_output_abort(&j.out);
	dkg_lexicon_free(lex);
	return DKG_EXIT_FAILED;
}
