/* Unit tests for strict JSON bodies (lib/jsonbody.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "http/jsonbody.h"

static struct arena a;
static void *jalloc(size_t n) { return arena_alloc(&a, n); }
static void jfree(void *p) { (void)p; }

static int setup(void **state)
{
	cJSON_Hooks h = { jalloc, jfree };
	cJSON_InitHooks(&h);
	return 0;
}
static int teardown(void **state) { arena_reset(&a); return 0; }

static enum form_err parse(const char *s, struct kvlist *f, cJSON **root)
{
	memset(f, 0, sizeof *f);
	return jsonbody_parse(&a, s, strlen(s), root, f);
}

static void test_fields(void **state)
{
	struct kvlist f;
	cJSON *root;
	assert_int_equal(parse("{\"phone\":\"+8613800138000\",\"n\":42,\"x\":1.5,\"b\":true,\"z\":null,"
	                       "\"list\":[1,2],\"name\":\"张三\\u0041\"}", &f, &root), FORM_OK);
	assert_non_null(root);
	assert_string_equal(kv_find(&f, "phone")->val, "+8613800138000");
	assert_string_equal(kv_find(&f, "n")->val, "42");
	assert_string_equal(kv_find(&f, "x")->val, "1.5");
	assert_string_equal(kv_find(&f, "b")->val, "true");
	assert_null(kv_find(&f, "z"));
	assert_null(kv_find(&f, "list"));
	assert_non_null(cJSON_GetObjectItem(root, "list"));
	assert_string_equal(kv_find(&f, "name")->val, "张三A");
}

static void test_refused(void **state)
{
	struct kvlist f;
	cJSON *root;
	assert_int_equal(parse("{\"a\":\"1\",\"a\":\"2\"}", &f, &root), FORM_REPEATED);
	assert_int_equal(parse("{\"o\":{\"k\":1,\"k\":2}}", &f, &root), FORM_REPEATED);
	assert_int_equal(parse("{\"a\":\"x\\u0000y\"}", &f, &root), FORM_NUL);
	/* an escaped backslash before u0000 is not a NUL */
	assert_int_equal(parse("{\"a\":\"x\\\\u0000y\"}", &f, &root), FORM_OK);
	assert_int_equal(parse("{\"a\":\"\xC3\x28\"}", &f, &root), FORM_BAD_ENCODING);
	assert_int_equal(parse("[1,2]", &f, &root), FORM_MALFORMED);
	assert_int_equal(parse("\"text\"", &f, &root), FORM_MALFORMED);
	assert_int_equal(parse("{\"a\":", &f, &root), FORM_MALFORMED);
	assert_int_equal(parse("{} {}", &f, &root), FORM_MALFORMED);
	assert_int_equal(parse("{\"a\":\"\\ud800\"}", &f, &root), FORM_MALFORMED);   /* lone surrogate */
	char deep[200] = "{\"a\":";
	for (int i = 0; i < 40; i++) strcat(deep, "[");
	for (int i = 0; i < 40; i++) strcat(deep, "]");
	strcat(deep, "}");
	assert_int_equal(parse(deep, &f, &root), FORM_MALFORMED);
	memset(&f, 0, sizeof f);
	assert_int_equal(jsonbody_parse(&a, "{\"a\":1}\0", 8, &root, &f), FORM_NUL);
}

/* {"o":{"k0":0,"k1":0,…}} with n keys; `repeat` makes the last key the same as the first. */
static char *many_keys(size_t n, int repeat)
{
	char *s = arena_alloc(&a, n * 16 + 16), *p = s;
	p += sprintf(p, "{\"o\":{");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s\"k%zu\":0", i ? "," : "", repeat && i == n - 1 ? (size_t)0 : i);
	strcpy(p, "}}");
	return s;
}

/* Repeated keys are found among thousands (sorted, not compared pair by pair), and a body of
 * more than JSON_MAX_ITEMS items is refused by that bound whatever its keys. */
static void test_many_keys(void **state)
{
	struct kvlist f;
	cJSON *root;
	assert_int_equal(parse(many_keys(5000, 0), &f, &root), FORM_OK);
	assert_int_equal(jsonbody_items(root), 5001);
	assert_int_equal(parse(many_keys(5000, 1), &f, &root), FORM_REPEATED);
	assert_int_equal(parse(many_keys(32000, 0), &f, &root), FORM_TOO_MANY);
	assert_int_equal(parse(many_keys(32000, 1), &f, &root), FORM_TOO_MANY);
	assert_int_equal(parse(many_keys(JSON_MAX_ITEMS - 1, 0), &f, &root), FORM_OK);
	assert_int_equal(parse(many_keys(JSON_MAX_ITEMS, 0), &f, &root), FORM_TOO_MANY);
	/* elements count too, at any depth */
	char *list = arena_alloc(&a, 2 * JSON_MAX_ITEMS + 16), *p = list;
	p += sprintf(p, "{\"l\":[[");
	for (size_t i = 0; i < JSON_MAX_ITEMS; i++)
		p += sprintf(p, "%s1", i ? "," : "");
	strcpy(p, "]]}");
	assert_int_equal(parse(list, &f, &root), FORM_TOO_MANY);
	assert_int_equal(parse("{\"a\":[1,[2,{\"b\":3}]],\"c\":{}}", &f, &root), FORM_OK);
	assert_int_equal(jsonbody_items(root), 7);
	/* a repeated key deep down, and one spelled with an escape */
	assert_int_equal(parse("{\"a\":[1,[2,{\"b\":3,\"c\":4,\"b\":5}]]}", &f, &root), FORM_REPEATED);
	assert_int_equal(parse("{\"a\":{\"bc\":1,\"b\\u0063\":2}}", &f, &root), FORM_REPEATED);
}

static void test_white_space_after(void **state)
{
	struct kvlist f;
	cJSON *root;
	assert_int_equal(parse("  {\"a\":\"1\"} \r\n", &f, &root), FORM_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fields, teardown),
		cmocka_unit_test_teardown(test_refused, teardown),
		cmocka_unit_test_teardown(test_many_keys, teardown),
		cmocka_unit_test_teardown(test_white_space_after, teardown),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	arena_free(&a);
	return rc;
}
