/* libFuzzer driver for the request parsers: urlencoded, cookies, multipart, JSON bodies.
 * The first byte picks the parser; the rest is the input. Build with --enable-fuzzing. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "http/jsonbody.h"

static struct arena a;
static void *jalloc(size_t n) { return arena_alloc(&a, n); }
static void jfree(void *p) { (void)p; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		cJSON_Hooks h = { jalloc, jfree };
		cJSON_InitHooks(&h);
		ready = 1;
	}
	if (size < 1)
		return 0;
	struct kvlist f = {0}, files = {0};
	const char *body = (const char *)data + 1;
	size_t len = size - 1;
	cJSON *root;
	switch (data[0] % 4) {
	case 0:
		form_parse_urlencoded(&a, body, len, &f);
		break;
	case 1:
		form_parse_cookies(&a, arena_strndup(&a, body, len), &f);
		break;
	case 2:
		form_parse_multipart(&a, body, len, "BOUNDARY", &f, &files);
		break;
	case 3:
		jsonbody_parse(&a, body, len, &root, &f);
		break;
	}
	arena_reset(&a);
	return 0;
}
