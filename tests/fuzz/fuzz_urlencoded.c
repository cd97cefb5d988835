/* libFuzzer driver: application/x-www-form-urlencoded bodies and query strings
 * (form_parse_urlencoded). A successful parse is re-encoded and parsed again to the same list. */
#include "fuzz.h"

static int unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

static char *encode(char *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (unreserved(c)) {
			*o++ = (char)c;
		} else if (c == ' ') {
			*o++ = '+';
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	return o;
}

/* The '&'-separated pieces with something before their '=' (those make a field). */
static size_t named_pieces(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		n += end > i && s[i] != '=';
		i = end + 1;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		fuzz_init();
		ready = 1;
	}
	const char *s = (const char *)data;
	struct kvlist l = {0};
	enum form_err e = form_parse_urlencoded(&fuzz_arena, s, size, &l);
	if (memchr(s, '\0', size) != NULL)
		CHECK(e == FORM_NUL);
	if (e == FORM_OK) {
		CHECK(l.n <= FORM_MAX_FIELDS);
		CHECK(l.n == named_pieces(s, size));
		CHECK(keys_unique(&l, NULL));
		size_t need = 1;
		for (size_t i = 0; i < l.n; i++) {
			const struct kv *kv = &l.v[i];
			CHECK(*kv->key != '\0' && strlen(kv->key) <= FORM_MAX_KEY);
			CHECK(text_ok(kv->key, strlen(kv->key)));
			CHECK(text_ok(kv->val, kv->len));
			CHECK(kv->filename == NULL && kv->ctype == NULL);
			need += 3 * (strlen(kv->key) + kv->len) + 2;
		}
		/* encoded again (every byte but the unreserved ones escaped), the same fields */
		char *again = arena_alloc(&fuzz_arena, need), *o = again;
		for (size_t i = 0; i < l.n; i++) {
			if (i > 0)
				*o++ = '&';
			o = encode(o, l.v[i].key, strlen(l.v[i].key));
			*o++ = '=';
			o = encode(o, l.v[i].val, l.v[i].len);
		}
		struct kvlist l2 = {0};
		CHECK(form_parse_urlencoded(&fuzz_arena, again, (size_t)(o - again), &l2) == FORM_OK);
		CHECK(same_list(&l, &l2));
	}
	CHECK(*form_strerror(e) != '\0' || e == FORM_OK);
	fuzz_done(size, 64);
	return 0;
}
