/*
 * util.c - allocator hooks, growable buffer, arena and hash (see util.h).
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/common.h"

static void *(*alloc_malloc)(size_t) = malloc;
static void *(*alloc_realloc)(void *, size_t) = realloc;
static void (*alloc_free)(void *) = free;

void dkg_set_allocator(void *(*malloc_fn)(size_t), void *(*realloc_fn)(void *, size_t),
                       void (*free_fn)(void *))
{
	alloc_malloc = malloc_fn ? malloc_fn : malloc;
	alloc_realloc = realloc_fn ? realloc_fn : realloc;
	alloc_free = free_fn ? free_fn : free;
}

void *dkg_malloc(size_t n)
{
	return alloc_malloc(n ? n : 1);
}

void *dkg_calloc(size_t n, size_t size)
{
	void *p;
	if (size && n > (size_t)-1 / size)
		return NULL;
	p = dkg_malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *dkg_realloc(void *p, size_t n)
{
	return alloc_realloc(p, n ? n : 1);
}

void dkg_free(void *p)
{
	if (p)
		alloc_free(p);
}

char *dkg_strndup(const char *s, size_t n)
{
	char *d = dkg_malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *dkg_strdup(const char *s)
{
	return s ? dkg_strndup(s, strlen(s)) : NULL;
}

char dkg_buf__empty[1];

int dkg_buf_grow(dkg_buf *b, size_t need)
{
	size_t cap;
	char *p;
	if (b->oom)
		return -1;
	if (need < b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap <= need) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	p = dkg_realloc(b->cap ? b->data : NULL, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

void dkg_buf__put_grow(dkg_buf *b, const char *s, size_t n)
{
	if (n == 0 || dkg_buf_grow(b, b->len + n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void dkg_buf_puts(dkg_buf *b, const char *s)
{
	dkg_buf_put(b, s, strlen(s));
}

void dkg_buf_printf(dkg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char small[256];
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		dkg_buf_put(b, small, (size_t)n);
		return;
	}
	if (dkg_buf_grow(b, b->len + (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void dkg_buf_clear(dkg_buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->cap)
		b->data[0] = '\0';
}

char *dkg_buf_detach(dkg_buf *b)
{
	char *p;
	if (b->oom) {
		dkg_buf_free(b);
		return NULL;
	}
	p = b->cap ? b->data : dkg_strndup("", 0);
	b->data = dkg_buf__empty;
	b->len = b->cap = 0;
	return p;
}

void dkg_buf_free(dkg_buf *b)
{
	if (b->cap)
		dkg_free(b->data);
	b->data = dkg_buf__empty;
	b->len = b->cap = 0;
	b->oom = 0;
}

struct dkg_arena_block {
	dkg_arena_block *next;
	size_t size, used;
	/* aligned payload follows */
	max_align_t payload[];
};

void *dkg_arena_alloc(dkg_arena *a, size_t n)
{
	dkg_arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (!n)
		n = align;
	if (!b || b->size - b->used < n) {
		size_t size = a->block_size ? a->block_size : 65536;
		if (n > size / 4)
			size = n; /* large requests get a block of their own */
		b = dkg_malloc(sizeof(*b) + size);
		if (!b) {
			a->oom = 1;
			return NULL;
		}
		b->size = size;
		b->used = 0;
		if (a->head && size == n) {
			/* keep the current partly-used block at the head */
			b->next = a->head->next;
			a->head->next = b;
			b->used = n;
			return (char *)b->payload;
		}
		b->next = a->head;
		a->head = b;
	}
	b->used += n;
	return (char *)b->payload + b->used - n;
}

char *dkg_arena_strndup(dkg_arena *a, const char *s, size_t n)
{
	char *d = dkg_arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void dkg_arena_reset(dkg_arena *a)
{
	dkg_arena_block *b, *keep = NULL, *next;
	/* keep the largest standard-size block, free the rest */
	for (b = a->head; b; b = next) {
		next = b->next;
		if (!keep && b->size == a->block_size)
			keep = b;
		else
			dkg_free(b);
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	a->oom = 0;
}

void dkg_arena_free(dkg_arena *a)
{
	dkg_arena_block *b, *next;
	for (b = a->head; b; b = next) {
		next = b->next;
		dkg_free(b);
	}
	a->head = NULL;
	a->oom = 0;
}
