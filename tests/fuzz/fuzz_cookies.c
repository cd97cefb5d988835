/* libFuzzer driver: the Cookie header (form_parse_cookies). The header is a C string as the
 * server passes it; the pairs found, written back as a header, must parse to the same pairs. */
#include "fuzz.h"

static int blank(char c) { return c == ' ' || c == '\t'; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		fuzz_init();
		ready = 1;
	}
	char *h = arena_strndup(&fuzz_arena, (const char *)data, size);
	size_t hlen = strlen(h);        /* the server's header ends at a NUL */
	struct kvlist l = {0};
	form_parse_cookies(&fuzz_arena, h, &l);
	CHECK(l.n <= FORM_MAX_FIELDS);
	CHECK(keys_unique(&l, NULL));
	size_t need = 1;
	for (size_t i = 0; i < l.n; i++) {
		const struct kv *kv = &l.v[i];
		size_t kl = strlen(kv->key);
		/* a name: not empty, no separator in it, no blank around it */
		CHECK(kl > 0 && strpbrk(kv->key, ";=") == NULL);
		CHECK(!blank(kv->key[0]) && !blank(kv->key[kl - 1]));
		CHECK(strlen(kv->val) == kv->len && strchr(kv->val, ';') == NULL);
		CHECK(kl + kv->len < hlen);
		need += kl + kv->len + 5;
	}
	/* written back with every value quoted: the quotes are taken off again, nothing else */
	char *again = arena_alloc(&fuzz_arena, need), *o = again;
	for (size_t i = 0; i < l.n; i++)
		o += sprintf(o, "%s%s=\"%s\"", i > 0 ? "; " : "", l.v[i].key, l.v[i].val);
	struct kvlist l2 = {0};
	form_parse_cookies(&fuzz_arena, again, &l2);
	CHECK(same_list(&l, &l2));
	form_parse_cookies(&fuzz_arena, NULL, &l2);       /* no header: nothing added */
	CHECK(l2.n == l.n);
	fuzz_done(size, 64);
	return 0;
}
