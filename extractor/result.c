/*
 * result.c - the events of one document and the arena that owns their strings.
 */
#include <string.h>

#include "result.h"

int dkg_result_new(dkg_result **out, const dkg_document *doc)
{
	dkg_result *r = dkg_calloc(1, sizeof *r);
	*out = NULL;
	if (!r)
		return DKG_ENOMEM;
	r->arena.block_size = 16 * 1024;
	r->doc = doc;
	*out = r;
	return DKG_OK;
}

dkg_event *dkg_result_add(dkg_result *r)
{
	dkg_event *e;
	if (r->nevents == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		dkg_event *p = dkg_realloc(r->events, cap * sizeof *p);
		if (!p)
			return NULL;
		r->events = p;
		r->cap = cap;
	}
	e = &r->events[r->nevents++];
	memset(e, 0, sizeof *e);
	e->retracts = -1;
	return e;
}

char *dkg_result_strndup(dkg_result *r, const char *s, size_t n)
{
	return dkg_arena_strndup(&r->arena, s, n);
}

void *dkg_result_alloc(dkg_result *r, size_t n)
{
	void *p = dkg_arena_alloc(&r->arena, n);
	if (p)
		memset(p, 0, n);
	return p;
}

size_t dkg_result_count(const dkg_result *r)
{
	return r ? r->nevents : 0;
}

const dkg_event *dkg_result_event(const dkg_result *r, size_t i)
{
	return r && i < r->nevents ? &r->events[i] : NULL;
}

size_t dkg_result_truncations(const dkg_result *r)
{
	return r ? r->truncations : 0;
}

size_t dkg_result_sentences(const dkg_result *r)
{
	return r ? r->nsentences : 0;
}

void dkg_result_free(dkg_result *r)
{
	if (!r)
		return;
	dkg_arena_free(&r->arena);
	dkg_free(r->events);
	dkg_free(r);
}
