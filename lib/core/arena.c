/* Per-request bump allocator in linked chunks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "core/arena.h"

#define CHUNK_MIN (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct arena *arena_current;

static struct arena_chunk *chunk_new(size_t want)
{
	size_t size = want > CHUNK_MIN ? want : CHUNK_MIN;
	struct arena_chunk *c = malloc(sizeof *c + size);
	if (c == NULL) {
		fputs("expertpool: out of memory\n", stderr);
		abort();
	}
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - align)
		abort();
	n = (n + align - 1) / align * align;
	struct arena_chunk *c = a->head;
	if (c == NULL || c->size - c->used < n) {
		struct arena_chunk *fresh = chunk_new(n);
		if (c != NULL && n > CHUNK_MIN) {
			/* a big block goes behind the current chunk so its free space stays usable */
			fresh->next = c->next;
			c->next = fresh;
			fresh->used = n;
			a->total += n;
			memset(fresh->data, 0, n);
			return fresh->data;
		}
		fresh->next = c;
		a->head = c = fresh;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head, *keep = NULL;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		if (next == NULL && c->size == CHUNK_MIN) {
			keep = c;       /* the oldest standard chunk is reused */
		} else {
			free(c);
		}
		c = next;
	}
	if (keep != NULL)
		keep->used = 0;
	a->head = keep;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c != NULL) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}
