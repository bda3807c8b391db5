/*
 * stages.c - per-stage timing for `make bench`: read (ingest), split
 * (tokens and sentences), match (lexicon), build (the rest of extraction)
 * and serialize (N-Triples into memory), each over the same documents held
 * in memory, on one thread. Built by bench/run.sh against libdkg.a and the
 * library's internal headers; not part of the library.
 *
 * usage: stages FILE.jsonl   (prints "stage seconds" lines)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dkg/dkg.h"
#include "lexicon_int.h"
#include "text.h"

typedef struct docs {
	dkg_document **v;
	size_t n, cap, bytes;
	int keep;
} docs;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_doc(dkg_document *doc, void *payload)
{
	docs *d = payload;
	d->bytes += doc->text_len;
	if (!d->keep) {
		dkg_document_free(doc);
		return 0;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		dkg_document **p = realloc(d->v, cap * sizeof *p);
		if (!p) {
			dkg_document_free(doc);
			return 1;
		}
		d->v = p;
		d->cap = cap;
	}
	d->v[d->n++] = doc;
	return 0;
}

static int count_bytes(const char *data, size_t len, void *payload)
{
	(void)data;
	*(size_t *)payload += len;
	return 0;
}

int main(int argc, char **argv)
{
	dkg_ingest_options iopts = DKG_INGEST_OPTIONS_INIT;
	dkg_writer_options wopts = DKG_WRITER_OPTIONS_INIT;
	docs d = {NULL, 0, 0, 0, 0};
	dkg_lexicon *lex = NULL;
	dkg_extractor *ex = NULL;
	dkg_writer *w = NULL;
	dkg_tokens toks;
	dkg_error err;
	static size_t ends[65536];
	double t0, t_read, t_split = 0, t_match = 0, t_extract, t_ser;
	size_t sentences = 0, matched = 0, out_bytes = 0, i;
	if (argc != 2) {
		fprintf(stderr, "usage: stages FILE.jsonl\n");
		return 2;
	}
	iopts.max_document_size = (size_t)1 << 30;
	memset(&toks, 0, sizeof toks);

	/* read: ingest alone, documents freed as they come */
	t0 = now();
	if (dkg_ingest_path(argv[1], &iopts, on_doc, NULL, &d) < 0)
		return 1;
	t_read = now() - t0;
	d.keep = 1;
	d.bytes = 0;
	if (dkg_ingest_path(argv[1], &iopts, on_doc, NULL, &d) < 0)
		return 1;

	if (dkg_lexicon_new(&lex) < 0 || dkg_lexicon_load_default(lex, &err) < 0)
		return 1;

	/* split and match: paragraph by paragraph, as the extractor does */
	for (i = 0; i < d.n; i++) {
		const char *text = d.v[i]->text;
		size_t n = text ? d.v[i]->text_len : 0, pos = 0;
		while (pos < n) {
			const char *nl = memchr(text + pos, '\n', n - pos);
			size_t end = nl ? (size_t)(nl - text) + 1 : n, ns, s = 0, k;
			double a = now(), b;
			dkg_tokens_clear(&toks);
			dkg_tokenize(&toks, text + pos, pos, end - pos, (size_t)-1);
			ns = dkg_split_sentences(&toks, text, ends, sizeof ends / sizeof ends[0]);
			b = now();
			t_split += b - a;
			sentences += ns;
			for (k = 0; k < ns; k++) {
				size_t j = s;
				while (j < ends[k]) {
					const lex_form *f;
					size_t m = dkg_lexicon_match_text(lex, &toks, text, j,
					                                  ends[k], &f);
					matched += m ? 1 : 0;
					j += m ? m : 1;
				}
				s = ends[k];
			}
			t_match += now() - b;
			pos = end;
		}
	}

	/* the whole extraction, then N-Triples into memory */
	if (dkg_extractor_new(&ex, lex, NULL) < 0)
		return 1;
	{
		dkg_result **res = calloc(d.n ? d.n : 1, sizeof *res);
		if (!res)
			return 1;
		t0 = now();
		for (i = 0; i < d.n; i++)
			if (dkg_extract(&res[i], ex, d.v[i]) < 0)
				return 1;
		t_extract = now() - t0;
		wopts.format = DKG_RDF_NTRIPLES;
		if (dkg_writer_new(&w, &wopts, count_bytes, &out_bytes) < 0)
			return 1;
		t0 = now();
		for (i = 0; i < d.n; i++)
			if (dkg_writer_document(w, d.v[i], res[i]) < 0)
				return 1;
		dkg_writer_finish(w);
		t_ser = now() - t0;
		for (i = 0; i < d.n; i++)
			dkg_result_free(res[i]);
		free(res);
	}

	printf("documents %zu\nbytes %zu\nsentences %zu\nforms %zu\nout_bytes %zu\n", d.n, d.bytes,
	       sentences, matched, out_bytes);
	printf("read %.4f\nsplit %.4f\nmatch %.4f\nextract %.4f\nbuild %.4f\nserialize %.4f\n",
	       t_read, t_split, t_match, t_extract,
	       t_extract > t_split + t_match ? t_extract - t_split - t_match : 0.0, t_ser);

	dkg_writer_free(w);
	dkg_extractor_free(ex);
	dkg_lexicon_free(lex);
	dkg_tokens_free(&toks);
	for (i = 0; i < d.n; i++)
		dkg_document_free(d.v[i]);
	free(d.v);
	return 0;
}
