/* Text parsers for request data. Every loop is bounded by the buffer length; nothing is
 * trusted to be NUL-terminated except where the signature says so. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include "http/form.h"

const char *form_strerror(enum form_err e)
{
	static const char *const msg[] = {
		[FORM_OK] = "",
		[FORM_BAD_ENCODING] = "请求内容编码无效",
		[FORM_NUL] = "请求内容包含非法的空字符",
		[FORM_REPEATED] = "请求内容包含重复的字段",
		[FORM_TOO_MANY] = "请求字段过多或字段名过长",
		[FORM_MALFORMED] = "请求内容格式错误",
	};
	return e < sizeof msg / sizeof msg[0] ? msg[e] : "请求内容无效";
}

void kv_add(struct arena *a, struct kvlist *l, const struct kv *item)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *v = arena_alloc(a, cap * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *item;
}

const struct kv *kv_find(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..len) ('+' is a space) into a new string; *outlen gets its length. */
static enum form_err pct_decode(struct arena *a, const char *s, size_t len, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, len + 1);
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (len - i < 3)
				return FORM_BAD_ENCODING;
			int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ENCODING;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+') {
			d[j++] = ' ';
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (memchr(d, '\0', j) != NULL)
		return FORM_NUL;
	if (!utf8_valid(d, j))
		return FORM_BAD_ENCODING;
	*out = d;
	*outlen = j;
	return FORM_OK;
}

/* Adds a text field, refusing repeats and overlong keys. */
static enum form_err add_field(struct arena *a, struct kvlist *l, const struct kv *item)
{
	if (strlen(item->key) > FORM_MAX_KEY || l->n >= FORM_MAX_FIELDS)
		return FORM_TOO_MANY;
	if (kv_find(l, item->key) != NULL)
		return FORM_REPEATED;
	kv_add(a, l, item);
	return FORM_OK;
}

enum form_err form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kvlist *out)
{
	if (memchr(s, '\0', len) != NULL)
		return FORM_NUL;
	size_t i = 0;
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
			struct kv item = {0};
			char *k, *v;
			size_t kl, vl;
			enum form_err e = pct_decode(a, s + i, klen, &k, &kl);
			if (e != FORM_OK)
				return e;
			if (eq != NULL) {
				e = pct_decode(a, eq + 1, end - i - klen - 1, &v, &vl);
				if (e != FORM_OK)
					return e;
			} else {
				v = arena_strdup(a, "");
				vl = 0;
			}
			if (kl > 0) {
				item.key = k;
				item.val = v;
				item.len = vl;
				if ((e = add_field(a, out, &item)) != FORM_OK)
					return e;
			}
		}
		i = end + 1;
	}
	return FORM_OK;
}

void form_parse_cookies(struct arena *a, const char *h, struct kvlist *out)
{
	if (h == NULL)
		return;
	while (*h != '\0' && out->n < FORM_MAX_FIELDS) {
		while (*h == ' ' || *h == '\t' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		const char *eq = memchr(h, '=', len);
		if (eq != NULL && eq > h) {
			size_t kl = (size_t)(eq - h);
			while (kl > 0 && (h[kl - 1] == ' ' || h[kl - 1] == '\t'))
				kl--;
			const char *v = eq + 1;
			size_t vl = len - (size_t)(v - h);
			while (vl > 0 && (*v == ' ' || *v == '\t')) { v++; vl--; }
			while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t')) vl--;
			if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') { v++; vl -= 2; }
			struct kv item = { .key = arena_strndup(a, h, kl), .val = arena_strndup(a, v, vl), .len = vl };
			if (kv_find(out, item.key) == NULL)
				kv_add(a, out, &item);
		}
		if (end == NULL)
			break;
		h = end + 1;
	}
}

/* Finds parameter `name` in a header value like `form-data; name="a"; filename="b"`.
 * Returns an arena copy of the (unquoted) value, or NULL. */
static const char *header_param(struct arena *a, const char *v, size_t len, const char *name)
{
	size_t nl = strlen(name);
	size_t i = 0;
	while (i < len) {
		const char *semi = memchr(v + i, ';', len - i);
		if (semi == NULL)
			return NULL;
		i = (size_t)(semi - v) + 1;
		while (i < len && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (len - i > nl && strncasecmp(v + i, name, nl) == 0 && v[i + nl] == '=') {
			i += nl + 1;
			if (i < len && v[i] == '"') {
				i++;
				const char *q = memchr(v + i, '"', len - i);
				if (q == NULL)
					return NULL;
				return arena_strndup(a, v + i, (size_t)(q - (v + i)));
			}
			size_t j = i;
			while (j < len && v[j] != ';' && v[j] != ' ' && v[j] != '\t')
				j++;
			return arena_strndup(a, v + i, j - i);
		}
		/* skip a quoted value that may contain ';' */
		while (i < len && v[i] != ';') {
			if (v[i] == '"') {
				const char *q = memchr(v + i + 1, '"', len - i - 1);
				if (q == NULL)
					return NULL;
				i = (size_t)(q - v);
			}
			i++;
		}
	}
	return NULL;
}

const char *multipart_boundary(struct arena *a, const char *ct)
{
	static const char type[] = "multipart/form-data";
	if (ct == NULL || strncasecmp(ct, type, sizeof type - 1) != 0)
		return NULL;
	const char *b = header_param(a, ct, strlen(ct), "boundary");
	if (b == NULL || *b == '\0' || strlen(b) > MULTIPART_MAX_BOUNDARY)
		return NULL;
	return b;
}

/* Parses one part's header block [h, h+len) into name, filename, content type. */
static enum form_err part_headers(struct arena *a, const char *h, size_t len,
                                  const char **name, const char **filename, const char **ctype)
{
	size_t i = 0;
	*name = *filename = *ctype = NULL;
	if (memchr(h, '\0', len) != NULL)      /* a name cut short at a NUL would be another name */
		return FORM_NUL;
	while (i < len) {
		const char *eol = memmem(h + i, len - i, "\r\n", 2);
		size_t end = eol ? (size_t)(eol - h) : len;
		const char *line = h + i;
		size_t ll = end - i;
		const char *colon = memchr(line, ':', ll);
		if (colon == NULL)
			return FORM_MALFORMED;
		size_t nl = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vl = ll - nl - 1;
		while (vl > 0 && (*v == ' ' || *v == '\t')) { v++; vl--; }
		if (nl == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return FORM_MALFORMED;
			*name = header_param(a, v, vl, "name");
			*filename = header_param(a, v, vl, "filename");
		} else if (nl == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
			*ctype = arena_strndup(a, v, vl);
		}
		i = end + 2;
	}
	return *name != NULL && **name != '\0' ? FORM_OK : FORM_MALFORMED;
}

enum form_err form_parse_multipart(struct arena *a, const char *body, size_t len,
                                   const char *boundary, struct kvlist *fields, struct kvlist *files)
{
	size_t bl = strlen(boundary);
	if (bl == 0 || bl > MULTIPART_MAX_BOUNDARY)
		return FORM_MALFORMED;
	/* delimiter = CRLF "--" boundary; the first one may stand at the very start */
	char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dl = bl + 4;
	size_t pos;
	if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) {
		pos = dl - 2;
	} else {
		const char *d = memmem(body, len, delim, dl);
		if (d == NULL)
			return FORM_MALFORMED;
		pos = (size_t)(d - body) + dl;
	}
	size_t nparts = 0;
	for (;;) {
		/* after a delimiter: "--" closes, CRLF opens the next part */
		if (len - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			return FORM_OK;
		if (len - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return FORM_MALFORMED;
		pos += 2;
		if (++nparts > FORM_MAX_FIELDS)
			return FORM_TOO_MANY;
		size_t hlimit = len - pos < MULTIPART_MAX_HEADERS ? len - pos : MULTIPART_MAX_HEADERS;
		const char *hend = memmem(body + pos, hlimit, "\r\n\r\n", 4);
		const char *name, *filename, *ctype;
		if (hend == NULL)
			return FORM_MALFORMED;
		enum form_err e = part_headers(a, body + pos, (size_t)(hend - (body + pos)), &name, &filename, &ctype);
		if (e != FORM_OK)
			return e;
		pos = (size_t)(hend - body) + 4;
		const char *next = memmem(body + pos, len - pos, delim, dl);
		if (next == NULL)
			return FORM_MALFORMED;
		size_t vl = (size_t)(next - (body + pos));
		struct kv item = { .key = name, .val = arena_strndup(a, body + pos, vl), .len = vl };
		if (!utf8_valid(name, strlen(name)))
			return FORM_BAD_ENCODING;
		/* one part per name, whether text or file: which of two would count is a guess */
		if (strlen(name) > FORM_MAX_KEY)
			return FORM_TOO_MANY;
		if (kv_find(fields, name) != NULL || kv_find(files, name) != NULL)
			return FORM_REPEATED;
		if (filename != NULL) {
			if (!utf8_valid(filename, strlen(filename)))
				return FORM_BAD_ENCODING;
			item.filename = filename;
			item.ctype = ctype ? ctype : "application/octet-stream";
			if (files->n >= FORM_MAX_FIELDS)
				return FORM_TOO_MANY;
			kv_add(a, files, &item);
		} else {
			if (memchr(item.val, '\0', vl) != NULL)
				return FORM_NUL;
			if (!utf8_valid(item.val, vl))
				return FORM_BAD_ENCODING;
			if ((e = add_field(a, fields, &item)) != FORM_OK)
				return e;
		}
		pos = (size_t)(next - body) + dl;
	}
}
