/* Per-request arena: everything parsed from or built for one request is allocated here
 * and released in one call when the request ends. */
#ifndef EP_ARENA_H
#define EP_ARENA_H
#include <stddef.h>
#include <stdarg.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t total;       /* bytes handed out since the last reset */
};

void *arena_alloc(struct arena *a, size_t n);          /* zeroed; never NULL (aborts on OOM) */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
void arena_reset(struct arena *a);   /* frees all but the first chunk */
void arena_free(struct arena *a);    /* frees everything */

/* The arena of the request being served; cJSON allocates from it (see run.c). */
extern struct arena *arena_current;

#endif
