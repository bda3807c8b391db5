/*
 * util.h - internal building blocks shared by every stage: the allocator
 * hooks, a growable byte buffer with a sticky out-of-memory flag, an arena
 * for per-document allocations, and a 64-bit hash.
 */
#ifndef DKG_UTIL_H
#define DKG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdarg.h>

/* Allocation goes through these so tests can fail the N-th allocation. */
void *dkg_malloc(size_t n);
void *dkg_calloc(size_t n, size_t size);
void *dkg_realloc(void *p, size_t n);
void dkg_free(void *p);
char *dkg_strndup(const char *s, size_t n);
char *dkg_strdup(const char *s);

/* A growable buffer. `data` is never NULL and always NUL-terminated; after a
 * failed allocation `oom` is set and further appends are ignored, so callers
 * check once at the end. */
typedef struct dkg_buf {
	char *data;
	size_t len;
	size_t cap;
	int oom;
} dkg_buf;

extern char dkg_buf__empty[];
#define DKG_BUF_INIT                                                                               \
	{                                                                                          \
		dkg_buf__empty, 0, 0, 0                                                            \
	}

int dkg_buf_grow(dkg_buf *b, size_t need);
void dkg_buf__put_grow(dkg_buf *b, const char *s, size_t n);
void dkg_buf_puts(dkg_buf *b, const char *s);

/* Appends n bytes. Inline: most appends fit, and a call to grow was a fifth
 * of their cost. */
static inline void dkg_buf_put(dkg_buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap && !b->oom) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	dkg_buf__put_grow(b, s, n);
}

static inline void dkg_buf_putc(dkg_buf *b, char c)
{
	dkg_buf_put(b, &c, 1);
}
void dkg_buf_printf(dkg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dkg_buf_clear(dkg_buf *b);
/* Hands the data to the caller (who frees it with dkg_free); NULL on oom. */
char *dkg_buf_detach(dkg_buf *b);
void dkg_buf_free(dkg_buf *b);

/* An arena: many small allocations freed in one call. */
typedef struct dkg_arena_block dkg_arena_block;
typedef struct dkg_arena {
	dkg_arena_block *head;
	size_t block_size;
	int oom;
} dkg_arena;

#define DKG_ARENA_INIT                                                                             \
	{                                                                                          \
		NULL, 64 * 1024, 0                                                                 \
	}

void *dkg_arena_alloc(dkg_arena *a, size_t n);
char *dkg_arena_strndup(dkg_arena *a, const char *s, size_t n);
/* Frees all but the first block and rewinds it, for reuse. */
void dkg_arena_reset(dkg_arena *a);
void dkg_arena_free(dkg_arena *a);

/* FNV-1a 64-bit, chainable: pass the previous value as `h` (start with DKG_HASH_INIT). */
#define DKG_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t dkg_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
