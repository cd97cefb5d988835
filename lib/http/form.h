/* Parsers for what a request carries as text: UTF-8 checks, percent-decoding, urlencoded
 * bodies and query strings, cookies, multipart/form-data. Pure functions over buffers:
 * no I/O, everything allocated in the caller's arena, hard limits, fuzzed. */
#ifndef EP_FORM_H
#define EP_FORM_H
#include <stddef.h>
#include "core/arena.h"
#include "core/text.h"

#define FORM_MAX_FIELDS 200
#define FORM_MAX_KEY 64
#define MULTIPART_MAX_BOUNDARY 70
#define MULTIPART_MAX_HEADERS 4096

struct kv {
	const char *key;
	const char *val;        /* NUL-terminated; for uploads the bytes (may contain NULs) */
	size_t len;             /* length of val */
	const char *filename;   /* multipart file parts only */
	const char *ctype;      /* multipart file parts only */
};

struct kvlist {
	struct kv *v;
	size_t n, cap;
};

enum form_err {
	FORM_OK = 0,
	FORM_BAD_ENCODING,      /* bad percent-escape, invalid UTF-8 */
	FORM_NUL,               /* embedded NUL in a text value or key */
	FORM_REPEATED,          /* the same key twice */
	FORM_TOO_MANY,          /* more than FORM_MAX_FIELDS, or a key too long */
	FORM_MALFORMED,         /* structure broken (multipart) */
};

const char *form_strerror(enum form_err e);   /* Chinese, for the error reply */


void kv_add(struct arena *a, struct kvlist *l, const struct kv *item);
const struct kv *kv_find(const struct kvlist *l, const char *key);

/* application/x-www-form-urlencoded (also query strings). Repeated keys are refused. */
enum form_err form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kvlist *out);
/* Cookie header: "a=b; c=d". Malformed pairs are skipped; the first of a repeated name wins. */
void form_parse_cookies(struct arena *a, const char *header, struct kvlist *out);
/* The boundary parameter of a multipart/form-data Content-Type, or NULL. */
const char *multipart_boundary(struct arena *a, const char *content_type);
/* multipart/form-data: text parts go to fields, parts with a filename to files. A name used
 * by two parts (text or file) is FORM_REPEATED; a NUL in a part's headers FORM_NUL. */
enum form_err form_parse_multipart(struct arena *a, const char *body, size_t len,
                                   const char *boundary, struct kvlist *fields, struct kvlist *files);

#endif
