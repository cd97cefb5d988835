/* Unit tests for free text made safe for where it goes (lib/core/text.c): one line for an
 * SMS, an escaped log line, a PDF run without controls, a CSV cell no spreadsheet runs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/text.h"

static struct arena a;
static int teardown(void **state) { arena_reset(&a); return 0; }

/* Every kind of control: CR, LF, tab, other C0, DEL, C1 (NEL U+0085, U+009B CSI), the line and
 * paragraph separators, a bidirectional override and an isolate. */
#define CONTROLS "\r\n\t\x01\x1b\x7f\xC2\x85\xC2\x9B\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xAE\xE2\x81\xA6"

static void test_control_len(void **state)
{
	const char *const one[] = { "\n", "\r", "\t", "\x01", "\x1f", "\x7f" };
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
		assert_int_equal(text_control_len(one[i]), 1);
	assert_int_equal(text_control_len("\xC2\x80"), 2);
	assert_int_equal(text_control_len("\xC2\x9F"), 2);
	assert_int_equal(text_control_len("\xE2\x80\xA8"), 3);
	assert_int_equal(text_control_len("\xE2\x80\xA9"), 3);
	assert_int_equal(text_control_len("\xE2\x80\xAE"), 3);
	assert_int_equal(text_control_len("\xE2\x81\xA9"), 3);
	/* not controls: text, a space, NBSP (U+00A0), the ellipsis (U+2026), the zero-width joiner,
	 * Chinese, the end of the string, and a string cut inside a would-be control */
	const char *const none[] = { "a", " ", "\xC2\xA0", "\xE2\x80\xA6", "\xE2\x80\x8D", "张", "", "\xC2", "\xE2\x80" };
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_int_equal(text_control_len(none[i]), 0);
}

static void test_one_line(void **state)
{
	assert_string_equal(text_one_line(&a, "材料不全\n【专家库】伪造"), "材料不全 【专家库】伪造");
	assert_string_equal(text_one_line(&a, "a" CONTROLS "b"), "a            b");
	assert_string_equal(text_one_line(&a, "您的申请已通过，专家编号ZJ2026001。"), "您的申请已通过，专家编号ZJ2026001。");
	assert_string_equal(text_one_line(&a, ""), "");
	/* nothing of it is a line break any more */
	const char *s = text_one_line(&a, "x\r\ny\xE2\x80\xA8z\xC2\x85w");
	assert_null(strpbrk(s, "\r\n"));
	assert_null(strstr(s, "\xE2\x80\xA8"));
	assert_null(strstr(s, "\xC2\x85"));
}

static void test_escape_line(void **state)
{
	char buf[256];
	text_escape_line(buf, sizeof buf, "GET /x\n2026-01-01 forged\r\tend");
	assert_string_equal(buf, "GET /x\\x0a2026-01-01 forged\\x0d\\x09end");
	text_escape_line(buf, sizeof buf, "a\xE2\x80\xA8" "b\xC2\x85" "c\x7f" "张");
	assert_string_equal(buf, "a\\u2028b\\u0085c\\x7f张");
	/* cut short at a character's end, never inside one, and always terminated */
	char small[6];
	text_escape_line(small, sizeof small, "ab张三");
	assert_string_equal(small, "ab张");
	text_escape_line(small, sizeof small, "abcd\n");
	assert_string_equal(small, "abcd");
	text_escape_line(small, 1, "abc");
	assert_string_equal(small, "");
}

static void test_drop_controls(void **state)
{
	char buf[64];
	const char *s = "A\rB\x01" "张\xC2\x85三\xE2\x80\xA8";
	assert_int_equal(text_drop_controls(buf, s, strlen(s)), strlen("AB张三"));
	assert_string_equal(buf, "AB张三");
	/* only the n bytes given */
	assert_int_equal(text_drop_controls(buf, "a\tbcdef", 3), 2);
	assert_string_equal(buf, "ab");
}

static void test_csv_cell(void **state)
{
	assert_string_equal(csv_cell(&a, "张三"), "张三");
	assert_string_equal(csv_cell(&a, "a,b"), "\"a,b\"");
	assert_string_equal(csv_cell(&a, "say \"hi\""), "\"say \"\"hi\"\"\"");
	/* a line break stays inside the quotes: still one cell of one record */
	assert_string_equal(csv_cell(&a, "a\r\nb"), "\"a\r\nb\"");
	assert_string_equal(csv_cell(&a, "a\nb"), "\"a\nb\"");
	/* formulas, ASCII and full-width */
	const char *const formulas[][2] = {
		{ "=1+1", "\"'=1+1\"" }, { "+1", "\"'+1\"" }, { "-1", "\"'-1\"" }, { "@SUM(A1)", "\"'@SUM(A1)\"" },
		{ "\t=1", "\"'\t=1\"" }, { "\r=1", "\"'\r=1\"" },
		{ "＝HYPERLINK(\"x\")", "\"'＝HYPERLINK(\"\"x\"\")\"" }, { "＋1", "\"'＋1\"" }, { "－1", "\"'－1\"" },
		{ "＠x", "\"'＠x\"" },
	};
	for (size_t i = 0; i < sizeof formulas / sizeof formulas[0]; i++)
		assert_string_equal(csv_cell(&a, formulas[i][0]), formulas[i][1]);
	/* the same characters later in the cell are text */
	assert_string_equal(csv_cell(&a, "a=1"), "a=1");
	assert_string_equal(csv_cell(&a, "张＝三"), "张＝三");
	assert_string_equal(csv_cell(&a, ""), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_control_len, teardown),
		cmocka_unit_test_teardown(test_one_line, teardown),
		cmocka_unit_test_teardown(test_escape_line, teardown),
		cmocka_unit_test_teardown(test_drop_controls, teardown),
		cmocka_unit_test_teardown(test_csv_cell, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
