/* Unit tests for lib/account/password.c: nothing of the owner's phone, username or ID number in a
 * password, and the list of common passwords (share/common-passwords.txt) compared in any case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/wait.h>
#include <unistd.h>
#include "core/config.h"
#include "account/password.h"

static const char *why;

/* 1 when refused (with a message), 0 when accepted; fails the test on -1. */
static int refused(const char *pw, const char *phone, const char *username, const char *id)
{
	struct password_owner o = { phone, username, id };
	int rc = password_refused(pw, &o, &why);
	assert_int_not_equal(rc, -1);
	if (rc == 1)
		assert_non_null(why);
	return rc;
}

static void test_phone(void **state)
{
	const char *p = "+8613800138000";
	assert_true(refused("13800138000a", p, NULL, NULL));          /* the national number + a letter */
	assert_true(refused("x8613800138000", p, NULL, NULL));        /* the E.164 digits */
	assert_true(refused("Ab00138000cd", p, NULL, NULL));          /* its last 8 digits inside */
	assert_false(refused("Ab0013800cd", p, NULL, NULL));          /* 7 of them: no */
	assert_true(refused("hk91234567x", "+85291234567", NULL, NULL));
	assert_true(refused("tw12345678x", "+886912345678", NULL, NULL));
	assert_true(refused("us55550123x", "+14155550123", NULL, NULL));
	assert_false(refused("Zq7mPw3kLx", p, NULL, NULL));
	assert_false(refused("Zq7mPw3kLx", NULL, NULL, NULL));
	assert_false(refused("Zq7mPw3kLx", "", NULL, NULL));
}

static void test_username(void **state)
{
	assert_true(refused("ZhangSan2024!", NULL, "zhangsan", NULL));       /* any case */
	assert_true(refused("x1ZHANGSAN", NULL, "ZhangSan", NULL));
	assert_false(refused("Zq7mPw3kLx", NULL, "zhangsan", NULL));
	assert_false(refused("abc1Qv9zzz", NULL, "abc", NULL));            /* under 4 characters: no rule */
}

static void test_id_number(void **state)
{
	const char *id = "11010519491231002X";
	assert_true(refused("id11010519491231002x", NULL, NULL, id));       /* any case of the X */
	assert_true(refused("Ab1231002xcd", NULL, NULL, id));               /* its last 8 characters */
	assert_false(refused("Ab231002xcd", NULL, NULL, id));
	assert_true(refused("Pp" "E12345678" "q", NULL, NULL, "E12345678")); /* a passport number */
	assert_false(refused("Zq7mPw3kLx", NULL, NULL, id));
}

static void test_common(void **state)
{
	static const char *const common[] = {
		"woaini1314", "WoAiNi1314", "Password1", "PASSWORD1", "passw0rd", "p@ssw0rd", "qwerty123",
		"1qaz2wsx", "1q2w3e4r", "abc123456", "a12345678", "admin123", "Admin888", "iloveyou1",
		"a5201314", "5201314a", "zhang123456", "qq123456", "abcd1234", "aa123456", "asdf1234",
		"wang1985", "liu123456", "1234qwer", "zxcvbnm1", "qwertyuiop1",
	};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
		if (!refused(common[i], NULL, NULL, NULL))
			fail_msg("\"%s\" is not in the list of common passwords", common[i]);
	}
	assert_false(refused("Zq7mPw3kLx", NULL, NULL, NULL));
	assert_false(refused("woaini1314x9q", NULL, NULL, NULL));           /* only the exact entry */
	/* Read once: a later change of share_dir does not matter, the list is kept. */
	char *saved = cfg.share_dir;
	cfg.share_dir = "/nonexistent";
	assert_true(refused("woaini1314", NULL, NULL, NULL));
	cfg.share_dir = saved;
}

static void test_missing_list(void **state)
{
	/* Without the list nothing may be chosen (-1), in a process that has not read it yet. */
	pid_t pid = fork();
	assert_int_not_equal(pid, -1);
	if (pid == 0) {
		cfg.share_dir = "/nonexistent";
		struct password_owner o = { NULL, NULL, NULL };
		_exit(password_refused("Zq7mPw3kLx", &o, &why) == -1 ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	cfg.share_dir = SRCDIR "/share";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_list),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_username),
		cmocka_unit_test(test_id_number),
		cmocka_unit_test(test_common),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
