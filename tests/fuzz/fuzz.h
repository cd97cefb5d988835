/* What the libFuzzer drivers share: an invariant that aborts with its text (libFuzzer then
 * saves the input as a crash), the checks of parsed text, and the per-input arena. */
#ifndef EP_FUZZ_H
#define EP_FUZZ_H
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/text.h"
#include "http/form.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
		abort(); \
	} \
} while (0)

/* The arena of one input; cJSON allocates from it as in the programs (run.c). */
static struct arena fuzz_arena;
static void *fuzz_json_alloc(size_t n) { return arena_alloc(&fuzz_arena, n); }
static void fuzz_json_free(void *p) { (void)p; }

static inline void fuzz_init(void)
{
	arena_current = &fuzz_arena;
	cJSON_Hooks h = { fuzz_json_alloc, fuzz_json_free };
	cJSON_InitHooks(&h);
}

/* An input's arena must have grown at most linearly with the input (a parser that copies its
 * input per item would not), then it is emptied as the run loop does after each request. */
static inline void fuzz_done(size_t input_len, size_t per_byte)
{
	CHECK(fuzz_arena.total <= per_byte * input_len + 256 * 1024);
	arena_reset(&fuzz_arena);
	CHECK(fuzz_arena.total == 0);
}

/* Parsed text: exactly `len` bytes before the NUL, and valid UTF-8. */
static inline int text_ok(const char *s, size_t len)
{
	return s != NULL && strlen(s) == len && utf8_valid(s, len);
}

/* Every key of a parsed list once: how the programs look fields up (kv_find takes the first). */
static inline int keys_unique(const struct kvlist *a, const struct kvlist *b)
{
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = i + 1; j < a->n; j++)
			if (strcmp(a->v[i].key, a->v[j].key) == 0)
				return 0;
		for (size_t j = 0; b != NULL && j < b->n; j++)
			if (strcmp(a->v[i].key, b->v[j].key) == 0)
				return 0;
	}
	return 1;
}

/* Two parses gave the same keys and values in the same order. */
static inline int same_list(const struct kvlist *a, const struct kvlist *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, b->v[i].key) != 0 || a->v[i].len != b->v[i].len ||
		    memcmp(a->v[i].val, b->v[i].val, a->v[i].len) != 0)
			return 0;
	return 1;
}

#endif
