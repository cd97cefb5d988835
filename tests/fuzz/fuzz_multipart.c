/* libFuzzer driver: multipart/form-data (multipart_boundary, form_parse_multipart). The input
 * is the Content-Type value, a line feed, then the body. A successful parse is written back as
 * a body with the same boundary and parsed again to the same fields and files. */
#define _GNU_SOURCE
#include "fuzz.h"

/* The parser took `name` whole from the body: some occurrence of it there is not cut short by
 * a NUL (a name with a NUL in it would be truncated at it, and must be refused instead). */
static int whole_in(const char *body, size_t len, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = body; (p = memmem(p, len - (size_t)(p - body), name, nl)) != NULL; p++)
		if (p + nl < body + len && p[nl] != '\0')
			return 1;
	return 0;
}

static void check_part(const char *body, size_t len, const struct kv *kv, int file)
{
	size_t kl = strlen(kv->key);
	CHECK(kl > 0 && utf8_valid(kv->key, kl) && whole_in(body, len, kv->key));
	CHECK(kv->len <= len && kv->val[kv->len] == '\0');
	if (file) {
		CHECK(kv->filename != NULL && kv->ctype != NULL);
		CHECK(utf8_valid(kv->filename, strlen(kv->filename)));
		CHECK(*kv->filename == '\0' || whole_in(body, len, kv->filename));
	} else {
		CHECK(kl <= FORM_MAX_KEY && text_ok(kv->val, kv->len) && kv->filename == NULL);
	}
}

/* A header value as the parser reads it back: quoted unless it holds a quote (then it has no
 * ';' or blank, or the parser would have cut it there). */
static char *param(const char *v)
{
	return arena_printf(&fuzz_arena, strchr(v, '"') ? "%s" : "\"%s\"", v);
}

static char *put(char *o, const char *boundary, const struct kv *kv, int file, int *fits)
{
	char *h = arena_printf(&fuzz_arena, "Content-Disposition: form-data; name=%s", param(kv->key));
	if (file) {
		/* the parser skips a parameter it is not looking for as if a quote in it opened a
		 * quoted string: the one with a quote goes last, and two such are not written back */
		const char *name = param(kv->key), *filename = param(kv->filename);
		int q = strchr(kv->key, '"') != NULL;
		*fits &= !(q && strchr(kv->filename, '"') != NULL);
		h = arena_printf(&fuzz_arena, "Content-Disposition: form-data; %s=%s; %s=%s\r\nContent-Type: %s",
		                 q ? "filename" : "name", q ? filename : name, q ? "name" : "filename",
		                 q ? name : filename, kv->ctype);
	}
	*fits &= strlen(h) + 4 <= MULTIPART_MAX_HEADERS;
	o += sprintf(o, "--%s\r\n%s\r\n\r\n", boundary, h);
	memcpy(o, kv->val, kv->len);
	o += kv->len;
	return o + sprintf(o, "\r\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		fuzz_init();
		ready = 1;
	}
	const char *nl = memchr(data, '\n', size);
	if (nl == NULL)
		return 0;
	const char *ct = arena_strndup(&fuzz_arena, (const char *)data, (size_t)(nl - (const char *)data));
	const char *body = nl + 1;
	size_t len = size - (size_t)(body - (const char *)data);
	const char *b = multipart_boundary(&fuzz_arena, ct);
	if (b == NULL) {
		fuzz_done(size, 16);
		return 0;
	}
	CHECK(*b != '\0' && strlen(b) <= MULTIPART_MAX_BOUNDARY);
	struct kvlist fields = {0}, files = {0};
	enum form_err e = form_parse_multipart(&fuzz_arena, body, len, b, &fields, &files);
	if (e == FORM_OK) {
		CHECK(fields.n + files.n <= FORM_MAX_FIELDS);
		CHECK(keys_unique(&fields, &files) && keys_unique(&files, NULL));
		size_t need = 8 + strlen(b);
		for (size_t i = 0; i < fields.n; i++) {
			check_part(body, len, &fields.v[i], 0);
			need += 3 * strlen(fields.v[i].key) + fields.v[i].len + strlen(b) + 64;
		}
		for (size_t i = 0; i < files.n; i++) {
			check_part(body, len, &files.v[i], 1);
			need += 3 * (strlen(files.v[i].key) + strlen(files.v[i].filename) + strlen(files.v[i].ctype)) +
			        files.v[i].len + strlen(b) + 96;
		}
		/* written back: fields first, then files (the parser keeps both lists in order) */
		char *again = arena_alloc(&fuzz_arena, need), *o = again;
		int fits = 1;
		for (size_t i = 0; i < fields.n; i++)
			o = put(o, b, &fields.v[i], 0, &fits);
		for (size_t i = 0; i < files.n; i++)
			o = put(o, b, &files.v[i], 1, &fits);
		o += sprintf(o, "--%s--\r\n", b);
		if (fits) {
			struct kvlist f2 = {0}, g2 = {0};
			CHECK(form_parse_multipart(&fuzz_arena, again, (size_t)(o - again), b, &f2, &g2) == FORM_OK);
			CHECK(same_list(&fields, &f2) && same_list(&files, &g2));
			for (size_t i = 0; i < files.n; i++)
				CHECK(strcmp(files.v[i].filename, g2.v[i].filename) == 0 &&
				      strcmp(files.v[i].ctype, g2.v[i].ctype) == 0);
		}
	}
	fuzz_done(size, 64);
	return 0;
}
