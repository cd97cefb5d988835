/* Strict JSON body parsing on top of cJSON. */
#include <string.h>
#include <stdio.h>
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

/* FORM_REPEATED for a key twice in one object, FORM_MALFORMED for nesting deeper than
 * JSON_MAX_DEPTH, else FORM_OK. */
static enum form_err check_structure(const cJSON *node, int depth)
{
	if (depth > JSON_MAX_DEPTH)
		return FORM_MALFORMED;
	for (const cJSON *c = node->child; c != NULL; c = c->next) {
		if (cJSON_IsObject(node))
			for (const cJSON *d = c->next; d != NULL; d = d->next)
				if (strcmp(c->string, d->string) == 0)
					return FORM_REPEATED;
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			enum form_err e = check_structure(c, depth + 1);
			if (e != FORM_OK)
				return e;
		}
	}
	return FORM_OK;
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
	enum form_err e = check_structure(j, 0);
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
