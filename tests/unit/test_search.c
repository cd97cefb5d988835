/* Unit tests for the search text of lib/core/text.c: the normalized form, the grams, and what a
 * query looks for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "core/text.h"

static void test_normalize(void **state)
{
	struct arena a = { 0 };
	assert_string_equal(search_normalize(&a, "张伟"), "张伟");
	assert_string_equal(search_normalize(&a, "ABC Design"), "abc design");
	/* full-width letters, digits and signs as half-width, then in lower case */
	assert_string_equal(search_normalize(&a, "ＡＢＣ设计院１２３"), "abc设计院123");
	assert_string_equal(search_normalize(&a, "Ｚｊ－＃"), "zj-#");
	/* white space: runs as one space, the ideographic space included, none at the ends */
	assert_string_equal(search_normalize(&a, "  Li \t\u3000 Ming  "), "li ming");
	assert_string_equal(search_normalize(&a, "\u3000"), "");
	assert_string_equal(search_normalize(&a, ""), "");
	/* other letters stay as they are; so does a malformed byte */
	assert_string_equal(search_normalize(&a, "ÉCOLE Ωmega"), "École Ωmega");
	assert_string_equal(search_normalize(&a, "a\xff" "B"), "a\xff" "b");
	assert_string_equal(search_normalize(&a, "\xf7\xbf\xbf\xbf" "A"), "\xf7\xbf\xbf\xbf" "a");
	/* never longer than the input */
	assert_true(strlen(search_normalize(&a, "ＡＡＡ")) < strlen("ＡＡＡ"));
	arena_free(&a);
}

static void test_org_name_key(void **state)
{
	struct arena a = { 0 };
	(void)state;
	const char *same[][2] = {
		{ "中建三局（北京）有限公司", "中建三局北京有限公司" },
		{ "中建三局(北京)有限责任公司", "中建三局北京有限公司" },
		{ " 浙江省 建筑设计研究院 ", "浙江省建筑设计研究院" },
		{ "ＡＢＣ工程咨询有限公司", "abc工程咨询有限公司" },
		{ "【杭州】某某·设计院", "杭州某某设计院" },
		{ "Zhejiang Design Co., Ltd.", "zhejiangdesigncoltd" },
		{ "某某股份有限公司", "某某股份有限公司" },        /* another legal form: kept */
		{ "有限责任公司", "有限公司" },
		{ "（）", "" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		assert_string_equal(org_name_key(&a, same[i][0]), same[i][1]);
	/* different names stay different */
	assert_string_not_equal(org_name_key(&a, "浙江省建筑设计研究院"), org_name_key(&a, "浙江建筑设计研究院"));
	/* never longer than the input, a malformed byte kept */
	assert_true(strlen(org_name_key(&a, "（有限责任公司）")) <= strlen("（有限责任公司）"));
	assert_string_equal(org_name_key(&a, "a\xff(b)"), "a\xff" "b");
	arena_free(&a);
}

static void assert_grams(const char *norm, int bigrams_only, const char *const *want, size_t n)
{
	struct arena a = { 0 };
	size_t got;
	const char **g = search_grams(&a, norm, bigrams_only, &got);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(g[i], want[i]);
	arena_free(&a);
}

static void test_grams(void **state)
{
	static const char *const zhang[] = { "张", "张伟", "伟", "伟明", "明" };
	assert_grams("张伟明", 0, zhang, 5);
	static const char *const bigrams[] = { "张伟", "伟明" };
	assert_grams("张伟明", 1, bigrams, 2);
	/* each gram once; none across or of a space */
	static const char *const repeat[] = { "a", "ab", "b", "ba" };
	assert_grams("abab", 0, repeat, 4);
	static const char *const spaced[] = { "l", "li", "i", "m", "mi", "in", "n", "ng", "g" };
	assert_grams("li ming", 0, spaced, 9);
	assert_grams("", 0, NULL, 0);
}

static void test_terms(void **state)
{
	struct arena a = { 0 };
	struct search_terms t;
	/* one character: its unigram, which decides */
	assert_int_equal(search_terms(&a, "张", &t), 1);
	assert_string_equal(t.grams[0], "张");
	assert_null(t.like);
	/* two: the bigram decides */
	assert_int_equal(search_terms(&a, "设计", &t), 1);
	assert_string_equal(t.grams[0], "设计");
	assert_null(t.like);
	/* longer: the bigrams, and the LIKE over the normalized text */
	assert_int_equal(search_terms(&a, "ＺＪ2024", &t), 4);
	assert_string_equal(t.grams[0], "zj");
	assert_string_equal(t.grams[3], "24");
	assert_string_equal(t.like, "%zj2024%");
	/* many bigrams: four of them, the first and the last among them */
	assert_int_equal(search_terms(&a, "市建筑设计研究院有限公司", &t), SEARCH_MAX_GRAMS);
	assert_string_equal(t.grams[0], "市建");
	assert_string_equal(t.grams[3], "公司");
	assert_string_equal(t.like, "%市建筑设计研究院有限公司%");
	/* a space: no bigram spans it, and the LIKE keeps it */
	assert_int_equal(search_terms(&a, "li  ming", &t), 4);
	assert_string_equal(t.like, "%li ming%");
	assert_int_equal(search_terms(&a, "a b", &t), 2);       /* no bigram at all: the unigrams */
	assert_string_equal(t.grams[0], "a");
	assert_string_equal(t.grams[1], "b");
	assert_string_equal(t.like, "%a b%");
	/* LIKE's own characters are escaped */
	assert_int_equal(search_terms(&a, "5%_\\x", &t), 4);
	assert_string_equal(t.like, "%5\\%\\_\\\\x%");
	/* nothing but white space: nothing to search for */
	assert_int_equal(search_terms(&a, " \u3000 ", &t), 0);
	assert_int_equal(search_terms(&a, "", &t), 0);
	arena_free(&a);
}

static void test_like_pattern(void **state)
{
	struct arena a = { 0 };
	assert_string_equal(like_pattern(&a, ""), "");
	assert_string_equal(like_pattern(&a, "a%b"), "%a\\%b%");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_org_name_key),
		cmocka_unit_test(test_grams),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_like_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
