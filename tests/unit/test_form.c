/* Unit tests for the request parsers in lib/form.c, hostile input included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "http/form.h"

static struct arena a;

static int teardown(void **state) { (void)state; arena_reset(&a); return 0; }

static enum form_err urlenc(const char *s, struct kvlist *out)
{
	memset(out, 0, sizeof *out);
	return form_parse_urlencoded(&a, s, strlen(s), out);
}

static void test_urlencoded_basic(void **state)
{
	struct kvlist l;
	assert_int_equal(urlenc("a=1&b=hello+world&c=%E4%B8%AD&d&&e=", &l), FORM_OK);
	assert_int_equal(l.n, 5);
	assert_string_equal(kv_find(&l, "a")->val, "1");
	assert_string_equal(kv_find(&l, "b")->val, "hello world");
	assert_string_equal(kv_find(&l, "c")->val, "中");
	assert_string_equal(kv_find(&l, "d")->val, "");
	assert_string_equal(kv_find(&l, "e")->val, "");
	assert_null(kv_find(&l, "f"));
}

static void test_urlencoded_literal_sql(void **state)
{
	struct kvlist l;
	assert_int_equal(urlenc("name=%27%3B+DROP+TABLE+users%3B+--", &l), FORM_OK);
	assert_string_equal(kv_find(&l, "name")->val, "'; DROP TABLE users; --");
}

static void test_urlencoded_bad(void **state)
{
	struct kvlist l;
	assert_int_equal(urlenc("a=1&a=2", &l), FORM_REPEATED);
	assert_int_equal(urlenc("a=%00", &l), FORM_NUL);
	assert_int_equal(urlenc("a%00=1", &l), FORM_NUL);
	assert_int_equal(urlenc("a=%", &l), FORM_BAD_ENCODING);          /* escape cut at the end */
	assert_int_equal(urlenc("a=%4", &l), FORM_BAD_ENCODING);
	assert_int_equal(urlenc("a=%zz", &l), FORM_BAD_ENCODING);
	assert_int_equal(urlenc("a=%C3%28", &l), FORM_BAD_ENCODING);     /* invalid UTF-8 */
	assert_int_equal(urlenc("a=%ED%A0%80", &l), FORM_BAD_ENCODING);  /* a surrogate */
	assert_int_equal(urlenc("a=%C0%AF", &l), FORM_BAD_ENCODING);     /* overlong */
	char key[100];
	memset(key, 'k', 80);
	strcpy(key + 80, "=1");
	assert_int_equal(urlenc(key, &l), FORM_TOO_MANY);
	/* raw NUL inside the buffer */
	memset(&l, 0, sizeof l);
	assert_int_equal(form_parse_urlencoded(&a, "a=1\0b=2", 7, &l), FORM_NUL);
}

static void test_urlencoded_too_many(void **state)
{
	char buf[FORM_MAX_FIELDS * 8 + 64], *p = buf;
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		p += sprintf(p, "k%d=1&", i);
	struct kvlist l;
	assert_int_equal(urlenc(buf, &l), FORM_TOO_MANY);
}

static void test_utf8(void **state)
{
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("专家库", strlen("专家库")));
	assert_true(utf8_valid("\xF0\x9F\x98\x80", 4));
	assert_false(utf8_valid("\xE4\xB8", 2));                     /* truncated */
	assert_false(utf8_valid("\xFF", 1));
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4));             /* above U+10FFFF */
	assert_int_equal(utf8_chars("张三abc"), 5);
}

static void test_cookies(void **state)
{
	struct kvlist l = {0};
	form_parse_cookies(&a, "ep_session=abc; ep_csrf=\"q\" ;bad; =x; ep_session=second", &l);
	assert_string_equal(kv_find(&l, "ep_session")->val, "abc");
	assert_string_equal(kv_find(&l, "ep_csrf")->val, "q");
	assert_null(kv_find(&l, "bad"));
	memset(&l, 0, sizeof l);
	form_parse_cookies(&a, NULL, &l);
	assert_int_equal(l.n, 0);
}

static void test_boundary(void **state)
{
	assert_string_equal(multipart_boundary(&a, "multipart/form-data; boundary=XyZ"), "XyZ");
	assert_string_equal(multipart_boundary(&a, "Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
	assert_null(multipart_boundary(&a, "multipart/form-data"));
	assert_null(multipart_boundary(&a, "application/json; boundary=x"));
	char huge[200] = "multipart/form-data; boundary=";
	memset(huge + strlen(huge), 'b', 100);
	assert_null(multipart_boundary(&a, huge));                       /* over 70 characters */
}

static enum form_err mp(const char *body, struct kvlist *f, struct kvlist *files)
{
	memset(f, 0, sizeof *f);
	memset(files, 0, sizeof *files);
	return form_parse_multipart(&a, body, strlen(body), "BB", f, files);
}

static void test_multipart_ok(void **state)
{
	struct kvlist f, files;
	const char *body =
		"--BB\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n张三\r\n"
		"--BB\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"证件.png\"\r\n"
		"Content-Type: image/png\r\n\r\n\x89PNG\r\n--B\r\n"
		"--BB--\r\n";
	assert_int_equal(mp(body, &f, &files), FORM_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(kv_find(&f, "name")->val, "张三");
	assert_int_equal(files.n, 1);
	const struct kv *p = kv_find(&files, "photo");
	assert_string_equal(p->filename, "证件.png");
	assert_string_equal(p->ctype, "image/png");
	assert_int_equal(p->len, 9);                       /* "\x89PNG\r\n--B" */
	assert_memory_equal(p->val, "\x89PNG\r\n--B", 9);
}

static void test_multipart_binary_nul(void **state)
{
	struct kvlist f = {0}, files = {0};
	const char body[] = "--BB\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n"
	                    "a\0b\r\n--BB--";
	assert_int_equal(form_parse_multipart(&a, body, sizeof body - 1, "BB", &f, &files), FORM_OK);
	assert_int_equal(kv_find(&files, "f")->len, 3);
	/* a NUL in a name (which would end it: "fi" and "file" are different fields), in a file
	 * name or in another header line is refused */
	const char nul_name[] = "--BB\r\nContent-Disposition: form-data; name=\"fi\0le\"; filename=\"a.bin\"\r\n\r\n"
	                        "ab\r\n--BB--";
	memset(&files, 0, sizeof files);
	assert_int_equal(form_parse_multipart(&a, nul_name, sizeof nul_name - 1, "BB", &f, &files), FORM_NUL);
	assert_int_equal(files.n, 0);
	const char nul_text[] = "--BB\r\nContent-Disposition: form-data; name=\"t\0x\"\r\n\r\nab\r\n--BB--";
	memset(&f, 0, sizeof f);
	assert_int_equal(form_parse_multipart(&a, nul_text, sizeof nul_text - 1, "BB", &f, &files), FORM_NUL);
	const char nul_file[] = "--BB\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\0.php\"\r\n\r\n"
	                        "ab\r\n--BB--";
	memset(&files, 0, sizeof files);
	assert_int_equal(form_parse_multipart(&a, nul_file, sizeof nul_file - 1, "BB", &f, &files), FORM_NUL);
	const char nul_type[] = "--BB\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n"
	                        "Content-Type: image/png\0x\r\n\r\nab\r\n--BB--";
	memset(&files, 0, sizeof files);
	assert_int_equal(form_parse_multipart(&a, nul_type, sizeof nul_type - 1, "BB", &f, &files), FORM_NUL);
	/* but a NUL in a text field is refused */
	const char text[] = "--BB\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\na\0b\r\n--BB--";
	memset(&f, 0, sizeof f);
	assert_int_equal(form_parse_multipart(&a, text, sizeof text - 1, "BB", &f, &files), FORM_NUL);
}

static void test_multipart_hostile(void **state)
{
	struct kvlist f, files;
	/* truncated: no closing delimiter */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", &f, &files), FORM_MALFORMED);
	/* headers never end */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n", &f, &files), FORM_MALFORMED);
	/* missing CRLF after the delimiter */
	assert_int_equal(mp("--BBContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--BB--", &f, &files), FORM_MALFORMED);
	/* no name */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data\r\n\r\nv\r\n--BB--", &f, &files), FORM_MALFORMED);
	/* not form-data */
	assert_int_equal(mp("--BB\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--BB--", &f, &files), FORM_MALFORMED);
	/* unterminated quote */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--BB--", &f, &files), FORM_MALFORMED);
	/* header line without a colon */
	assert_int_equal(mp("--BB\r\ngarbage\r\n\r\nv\r\n--BB--", &f, &files), FORM_MALFORMED);
	/* repeated text field */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--BB--", &f, &files), FORM_REPEATED);
	/* a repeated file part, a file part named like a text field (either order) */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\n\r\n2\r\n--BB--", &f, &files), FORM_REPEATED);
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\n\r\n2\r\n--BB--", &f, &files), FORM_REPEATED);
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n2\r\n--BB--", &f, &files), FORM_REPEATED);
	/* invalid UTF-8 in a text value */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\x28\r\n--BB--", &f, &files), FORM_BAD_ENCODING);
	/* empty body, no delimiter at all */
	assert_int_equal(mp("", &f, &files), FORM_MALFORMED);
	/* boundary over the limit */
	char big[100];
	memset(big, 'x', 99);
	big[99] = '\0';
	memset(&f, 0, sizeof f);
	assert_int_equal(form_parse_multipart(&a, "--x", 3, big, &f, &files), FORM_MALFORMED);
	/* headers longer than the limit */
	size_t n = MULTIPART_MAX_HEADERS + 200;
	char *h = test_malloc(n + 64);
	strcpy(h, "--BB\r\nX-Long: ");
	memset(h + strlen(h), 'a', n);
	strcpy(h + 14 + n, "\r\n\r\nv\r\n--BB--");
	memset(&f, 0, sizeof f);
	assert_int_equal(form_parse_multipart(&a, h, strlen(h), "BB", &f, &files), FORM_MALFORMED);
	test_free(h);
}

/* Found by tests/fuzz/fuzz_multipart: a name is one part's, whether the part is a field or a
 * file, and a name (or file name) with a NUL in it is refused, not cut at the NUL. */
static void test_multipart_names(void **state)
{
	struct kvlist f, files;
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\n2\r\n--BB--",
	                    &f, &files), FORM_REPEATED);
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ntext\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\n2\r\n--BB--",
	                    &f, &files), FORM_REPEATED);
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\n2\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ntext\r\n--BB--",
	                    &f, &files), FORM_REPEATED);
	const char nul_name[] = "--BB\r\nContent-Disposition: form-data; name=\"file\0x\"; filename=\"a\"\r\n\r\n"
	                        "1\r\n--BB--";
	memset(&f, 0, sizeof f);
	memset(&files, 0, sizeof files);
	assert_int_equal(form_parse_multipart(&a, nul_name, sizeof nul_name - 1, "BB", &f, &files), FORM_NUL);
	const char nul_file[] = "--BB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\0.exe\"\r\n\r\n"
	                        "1\r\n--BB--";
	memset(&files, 0, sizeof files);
	assert_int_equal(form_parse_multipart(&a, nul_file, sizeof nul_file - 1, "BB", &f, &files), FORM_NUL);
	/* distinct names stay fine */
	assert_int_equal(mp("--BB\r\nContent-Disposition: form-data; name=\"a\"; filename=\"x\"\r\n\r\n1\r\n"
	                    "--BB\r\nContent-Disposition: form-data; name=\"b\"; filename=\"x\"\r\n\r\n2\r\n--BB--",
	                    &f, &files), FORM_OK);
	assert_int_equal(files.n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_urlencoded_basic, teardown),
		cmocka_unit_test_teardown(test_urlencoded_literal_sql, teardown),
		cmocka_unit_test_teardown(test_urlencoded_bad, teardown),
		cmocka_unit_test_teardown(test_urlencoded_too_many, teardown),
		cmocka_unit_test_teardown(test_utf8, teardown),
		cmocka_unit_test_teardown(test_cookies, teardown),
		cmocka_unit_test_teardown(test_boundary, teardown),
		cmocka_unit_test_teardown(test_multipart_ok, teardown),
		cmocka_unit_test_teardown(test_multipart_binary_nul, teardown),
		cmocka_unit_test_teardown(test_multipart_hostile, teardown),
		cmocka_unit_test_teardown(test_multipart_names, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
