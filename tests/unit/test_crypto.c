/* Unit tests for tokens, HMAC tags, encryption at rest, passwords and captcha images. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/auth.h"
#include "account/captcha.h"
#include "core/config.h"
#include "core/crypto.h"

static struct arena a;

static int setup(void **state)
{
	assert_int_equal(crypto_init(), 0);
	memset(cfg.secret, 7, sizeof cfg.secret);
	memset(cfg.id_key, 9, sizeof cfg.id_key);
	return 0;
}

static void test_tokens(void **state)
{
	char *t1 = token_new(&a, 32), *t2 = token_new(&a, 32);
	assert_int_equal(strlen(t1), 43);
	assert_string_not_equal(t1, t2);
	assert_null(strpbrk(t1, "+/="));
}

static void test_hmac(void **state)
{
	unsigned char h1[32], h2[32], h3[32];
	const char *p1[] = { "a", "b" }, *p2[] = { "a", "b" }, *p3[] = { "a\nb" };
	hmac_parts(h1, p1, 2);
	hmac_parts(h2, p2, 2);
	assert_true(bytes_equal(h1, h2, 32));
	hmac_parts(h3, p3, 1);
	assert_true(bytes_equal(h1, h3, 32));       /* parts are joined by a line break */
	const char *p4[] = { "a", "c" };
	hmac_parts(h3, p4, 2);
	assert_false(bytes_equal(h1, h3, 32));
}

static void test_seal(void **state)
{
	size_t len;
	unsigned char *s = seal(&a, "11010519491231002X", &len);
	assert_string_equal(unseal(&a, s, len), "11010519491231002X");
	s[len - 1] ^= 1;
	assert_null(unseal(&a, s, len));            /* forged */
	assert_null(unseal(&a, s, 3));
}

static void test_passwords(void **state)
{
	char *pw = password_generate(&a);
	assert_int_equal(strlen(pw), 10);
	assert_non_null(strpbrk(pw, "23456789"));
	char *hash = password_hash(&a, pw);
	assert_non_null(hash);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_true(password_verify(hash, pw));
	assert_false(password_verify(hash, "wrong-password1"));
	assert_false(password_verify(NULL, pw));
}

static void test_captcha_png(void **state)
{
	size_t len = 0;
	unsigned char *png = captcha_draw(&a, "AB3D", &len);
	assert_non_null(png);
	assert_true(len > 100);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
}

static void test_random_below(void **state)
{
	int seen[5] = {0};
	for (int i = 0; i < 1000; i++)
		seen[random_below(5)]++;
	for (int i = 0; i < 5; i++)
		assert_true(seen[i] > 100);                 /* each value turns up (p of failure ~1e-30) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_seal),
		cmocka_unit_test(test_passwords),
		cmocka_unit_test(test_captcha_png),
		cmocka_unit_test(test_random_below),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	arena_free(&a);
	return rc;
}
