/* Strict JSON body parsing on top of cJSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/jsonbody.h"

/* True if any string literal holds a \u0000 escape (cJSON would cut the string there). */
static int has_nul_escape(const char *s, size_t len)
{
	int in_str = 0;
	for (size_t i = 0; i < len; i++) {
		if (!in_str) {
			if (s[i] == '"')
				in_str = 1;
			continue;
		}
		if (s[i] == '"') {
			in_str = 0;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && len - i >= 6 && memcmp(s + i + 2, "0000", 4) == 0)
				return 1;
			i++;    /* skip the escaped character */
		}
	}
	return 0;
}

static int key_order(const void *x, const void *y)
{
	return strcmp((*(const cJSON *const *)x)->string, (*(const cJSON *const *)y)->string);
}

/* True if two members of the object share a key: the keys sorted, neighbours compared
 * (n log n; comparing every pair made 32 000 keys cost seconds). */
static int has_repeated_key(struct arena *a, const cJSON *obj)
{
	size_t n = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next)
		n++;
	if (n < 2)
		return 0;
	const cJSON **keys = arena_alloc(a, n * sizeof *keys);
	n = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next)
		keys[n++] = c;
	qsort(keys, n, sizeof *keys, key_order);
	for (size_t i = 1; i < n; i++)
		if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
			return 1;
	return 0;
}

/* FORM_REPEATED for a key twice in one object, FORM_MALFORMED for nesting deeper than
 * JSON_MAX_DEPTH, else FORM_OK. */
static enum form_err check_structure(struct arena *a, const cJSON *node, int depth)
{
	if (depth > JSON_MAX_DEPTH)
		return FORM_MALFORMED;
	if (cJSON_IsObject(node) && has_repeated_key(a, node))
		return FORM_REPEATED;
	for (const cJSON *c = node->child; c != NULL; c = c->next) {
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			enum form_err e = check_structure(a, c, depth + 1);
			if (e != FORM_OK)
				return e;
		}
	}
	return FORM_OK;
}

/* The members and elements under node, at any depth; counting stops once over `limit`. */
static size_t count_items(const cJSON *node, size_t limit)
{
	size_t n = 0;
	for (const cJSON *c = node->child; c != NULL && n <= limit; c = c->next)
		n += 1 + count_items(c, limit - n);
	return n;
}

size_t jsonbody_items(const cJSON *root)
{
	return root != NULL ? count_items(root, (size_t)-1 / 2) : 0;
}

enum form_err jsonbody_parse(struct arena *a, const char *body, size_t len,
                             cJSON **root, struct kvlist *fields)
{
	*root = NULL;
	if (memchr(body, '\0', len) != NULL || has_nul_escape(body, len))
		return FORM_NUL;
	if (!utf8_valid(body, len))
		return FORM_BAD_ENCODING;
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (j == NULL || !cJSON_IsObject(j))
		return FORM_MALFORMED;
	/* only white space may follow the value */
	for (; end != NULL && end < body + len; end++)
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n')
			return FORM_MALFORMED;
	/* bounded before anything walks the tree twice */
	if (count_items(j, JSON_MAX_ITEMS) > JSON_MAX_ITEMS)
		return FORM_TOO_MANY;
	enum form_err e = check_structure(a, j, 0);
	if (e != FORM_OK)
		return e;
	size_t n = 0;
	for (const cJSON *c = j->child; c != NULL; c = c->next) {
		struct kv item = { .key = c->string };
		if (++n > FORM_MAX_FIELDS || strlen(c->string) > FORM_MAX_KEY)
			return FORM_TOO_MANY;
		if (cJSON_IsString(c)) {
			item.val = c->valuestring;
		} else if (cJSON_IsBool(c)) {
			item.val = cJSON_IsTrue(c) ? "true" : "false";
		} else if (cJSON_IsNumber(c)) {
			char buf[32];
			double d = c->valuedouble;
			if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
				snprintf(buf, sizeof buf, "%lld", (long long)d);
			else
				snprintf(buf, sizeof buf, "%.17g", d);
			item.val = arena_strdup(a, buf);
		} else {
			continue;       /* null, arrays and objects stay in the tree only */
		}
		item.len = strlen(item.val);
		kv_add(a, fields, &item);
	}
	*root = j;
	return FORM_OK;
}
