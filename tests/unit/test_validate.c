/* Unit tests for lib/validate.c: phones, ID numbers, credit codes, ages, names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/validate.h"

static void test_phone(void **state)
{
	assert_null(check_phone("+8613800138000"));
	assert_null(check_phone("+8619912345678"));
	assert_non_null(check_phone("+8612345678901"));      /* 12x is not a mobile prefix */
	assert_non_null(check_phone("+861380013800"));       /* 10 digits */
	assert_non_null(check_phone("13800138000"));         /* no country code */
	assert_null(check_phone("+85291234567"));
	assert_non_null(check_phone("+85231234567"));        /* HK landline range */
	assert_non_null(check_phone("+8529123456"));
	assert_null(check_phone("+85361234567"));
	assert_non_null(check_phone("+85371234567"));
	assert_null(check_phone("+886912345678"));
	assert_non_null(check_phone("+8860912345678"));      /* leading 0 must be dropped */
	assert_null(check_phone("+14155550123"));            /* other regions */
	assert_null(check_phone("+447911123456"));
	assert_non_null(check_phone("+1234"));
	assert_non_null(check_phone("+1234567890123456"));   /* over 15 digits */
	assert_non_null(check_phone("+86 13800138000"));
	assert_non_null(check_phone("+0123456789"));
	assert_non_null(check_phone("'; DROP TABLE users; --"));
}

static void test_normalize_phone(void **state)
{
	struct arena a = {0};
	assert_string_equal(normalize_phone(&a, "+86 138-0013-8000"), "+8613800138000");
	assert_string_equal(normalize_phone(&a, "+8860912345678"), "+886912345678");
	assert_string_equal(normalize_phone(&a, "+886912345678"), "+886912345678");
	assert_string_equal(normalize_account(&a, "+886 0912 345 678"), "+886912345678");
	assert_string_equal(normalize_account(&a, "zhang san"), "zhang san");
	assert_null(check_phone(normalize_phone(&a, "+8860912345678")));
	arena_free(&a);
}

static void test_small_fields(void **state)
{
	assert_null(check_sms_code("012345"));
	assert_non_null(check_sms_code("12345"));
	assert_non_null(check_sms_code("12345a"));
	assert_null(check_captcha_answer("aB3d"));
	assert_non_null(check_captcha_answer("ab"));
	assert_non_null(check_captcha_answer("ab c"));
	assert_null(check_username("zhang_san1"));
	assert_non_null(check_username("1abc"));
	assert_non_null(check_username("abc"));
	assert_non_null(check_username("abc-def"));
	assert_non_null(check_username("a' OR 1=1"));
	assert_null(check_account("+8613800138000"));
	assert_null(check_account("admin"));
	assert_non_null(check_account("13800138000"));
	assert_null(check_portal("expert"));
	assert_null(check_portal("admin"));
	assert_non_null(check_portal("root"));
}

static void test_password(void **state)
{
	assert_null(check_password("abcdefg1"));
	assert_null(check_password("密码很安全abc123"));
	assert_non_null(check_password("abc123"));          /* too short */
	assert_non_null(check_password("abcdefgh"));        /* no digit */
	assert_non_null(check_password("12345678"));        /* no letter */
	assert_non_null(check_password("abcd\x01" "1234"));
	assert_non_null(check_password("a1234567890123456789012345678901234567890123456789012345678901234"));
}

static void test_names(void **state)
{
	assert_null(check_person_name("张三"));
	assert_null(check_person_name("买买提·艾力"));
	assert_null(check_person_name("'; DROP TABLE users; --"));
	assert_non_null(check_person_name("张"));
	assert_non_null(check_person_name(" 张三"));
	assert_non_null(check_person_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"));
}

static void test_idcard(void **state)
{
	struct idcard id;
	/* the examples of GB 11643-1999 */
	assert_null(check_idcard("11010519491231002X", &id));
	assert_int_equal(id.year, 1949);
	assert_int_equal(id.month, 12);
	assert_int_equal(id.day, 31);
	assert_false(id.male);
	assert_null(check_idcard("440524188001010014", &id));
	assert_true(id.male);
	assert_null(check_idcard("11010519491231002x", NULL));  /* lower-case x */
	assert_non_null(check_idcard("110105194912310021", NULL));   /* wrong check digit */
	assert_non_null(check_idcard("11010519491231002", NULL));    /* 17 characters */
	assert_non_null(check_idcard("1101051949123100AX", NULL));
	assert_non_null(check_idcard("110105194902300027", NULL));   /* 30 February */
	assert_non_null(check_idcard("990105194912310021", NULL));   /* unknown province */
	assert_non_null(check_idcard("110105180001010012", NULL));   /* before 1850 */
}

#define CHOOSE_MAINLAND "该号码是居民身份证号码，请将证件类型选为“居民身份证”"
#define CHOOSE_PERMIT "该号码是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”"

/* Each identity document's own format; a citizen identity number under the wrong type names
 * the right one. */
static void test_id_documents(void **state)
{
	static const struct {
		const char *(*check)(const char *s, struct idcard *out);
		const char *number;
		const char *want;       /* NULL: good; "" any refusal; else this message */
		int year;               /* derived birth year (0: none) */
	} cases[] = {
		{ check_mainland_id, "11010519491231002X", NULL, 1949 },
		{ check_mainland_id, "810000198001011236", CHOOSE_PERMIT },
		{ check_mainland_id, "110105194912310021", "" },
		/* 港澳台居民居住证: GB 11643 with 810000 / 820000 / 830000 */
		{ check_residence_permit, "810000198001011236", NULL, 1980 },
		{ check_residence_permit, "820000197512310024", NULL, 1975 },
		{ check_residence_permit, "810000198001011237", "" },          /* check character */
		{ check_residence_permit, "811000198001011236", "" },          /* not 810000 */
		{ check_residence_permit, "11010519491231002X", CHOOSE_MAINLAND },
		/* 港澳居民来往内地通行证: H or M + 8 digits, or 10 (older cards) */
		{ check_hkmo_permit, "H12345678", NULL }, { check_hkmo_permit, "m1234567890", NULL },
		{ check_hkmo_permit, "H1234567", "" }, { check_hkmo_permit, "X12345678", "" },
		{ check_hkmo_permit, "H1234567A", "" }, { check_hkmo_permit, "11010519491231002X", CHOOSE_MAINLAND },
		/* 台湾居民来往大陆通行证: 8 digits, or 10 letters/digits */
		{ check_tw_permit, "12345678", NULL }, { check_tw_permit, "1234567890", NULL },
		{ check_tw_permit, "A123456789", NULL }, { check_tw_permit, "1234567", "" },
		{ check_tw_permit, "1234567A", "" }, { check_tw_permit, "11010519491231002X", CHOOSE_MAINLAND },
		/* 护照: 5–20 letters or digits (E/G + 8 characters for a Chinese passport among them),
		 * never a 居民身份证 number */
		{ check_passport, "E12345678", NULL }, { check_passport, "EA1234567", NULL },
		{ check_passport, "X1234", NULL }, { check_passport, "12345678901234567890", NULL },
		{ check_passport, "110105194912310021", NULL },                /* 18 digits, no valid ID number */
		{ check_passport, "X123", "" }, { check_passport, "123456789012345678901", "" },
		{ check_passport, "11010519491231002X", CHOOSE_MAINLAND },
		{ check_passport, "11010519491231002x", CHOOSE_MAINLAND },
		{ check_passport, "810000198001011236", CHOOSE_PERMIT },
		/* 外国人永久居留身份证: 3 letters + 12 digits, or 9 + 17 with the GB 11643 check */
		{ check_foreign_pr, "USA110119800101", NULL }, { check_foreign_pr, "911840198001011235", NULL },
		{ check_foreign_pr, "911840198001011234", "" }, { check_foreign_pr, "US1101198001011", "" },
		{ check_foreign_pr, "11010519491231002X", CHOOSE_MAINLAND },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct idcard id = { .year = -1 };
		const char *got = cases[i].check(cases[i].number, &id);
		if (cases[i].want == NULL) {
			assert_null(got);
			assert_int_equal(id.year, cases[i].year);
		} else if (*cases[i].want) {
			assert_string_equal(got, cases[i].want);
		} else {
			assert_non_null(got);
		}
	}
	struct idcard id;
	assert_null(check_residence_permit("810000198001011236", &id));
	assert_true(id.male);
	assert_null(check_residence_permit("820000197512310024", &id));
	assert_false(id.male);
}

static void test_normalize_id_number(void **state)
{
	struct arena a = {0};
	assert_string_equal(normalize_id_number(&a, "11010519491231002x"), "11010519491231002X");
	assert_string_equal(normalize_id_number(&a, " e 1234-5678 "), "E12345678");
	assert_string_equal(normalize_id_number(&a, "H12345678"), "H12345678");
	arena_free(&a);
}

static void test_credit_code(void **state)
{
	assert_null(check_credit_code("91350100M000100Y43"));   /* the example of GB 32100-2015 */
	assert_null(check_credit_code("914403001922038216"));
	assert_null(check_credit_code("9144030071526726XG"));
	assert_null(check_credit_code("91110000802100433B"));
	assert_non_null(check_credit_code("911100001000136735"));  /* wrong check character */
	assert_non_null(check_credit_code("91350100M000100Y4"));
	assert_non_null(check_credit_code("91350100M000100I43"));  /* I is not in the alphabet */
}

static void test_dates_and_age(void **state)
{
	assert_true(valid_date(2024, 2, 29));
	assert_false(valid_date(2023, 2, 29));
	assert_true(valid_date(2000, 2, 29));
	assert_false(valid_date(1900, 2, 29));
	assert_false(valid_date(2023, 4, 31));
	assert_false(valid_date(2023, 13, 1));
	assert_int_equal(age_on(1980, 6, 15, 2024, 6, 14), 43);    /* the day before the birthday */
	assert_int_equal(age_on(1980, 6, 15, 2024, 6, 15), 44);    /* on the birthday */
	assert_int_equal(age_on(2000, 2, 29, 2023, 2, 28), 22);    /* leap-day birth, common year */
	assert_int_equal(age_on(2000, 2, 29, 2023, 3, 1), 23);
	assert_int_equal(age_on(2000, 2, 29, 2024, 2, 29), 24);

	int y, m, d;
	assert_true(date_parse("2024-02-29", 0, &y, &m, &d));
	assert_int_equal(y * 10000 + m * 100 + d, 20240229);
	assert_true(date_parse("2024-02", 1, &y, &m, &d));
	assert_int_equal(d, 1);
	assert_false(date_parse("2023-02-29", 0, &y, &m, &d));
	assert_false(date_parse("2024-2-09", 0, &y, &m, &d));     /* one digit */
	assert_false(date_parse(" 2024-02-09", 0, &y, &m, &d));
	assert_false(date_parse("2024-02-09x", 0, &y, &m, &d));
	assert_false(date_parse("+024-02-09", 0, &y, &m, &d));
	assert_false(date_parse("1899-12-31", 0, &y, &m, &d));
	assert_false(date_parse("2024-02-09", 1, &y, &m, &d));    /* a day where a month is wanted */
	assert_false(date_parse(NULL, 0, &y, &m, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_normalize_phone),
		cmocka_unit_test(test_small_fields),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_idcard),
		cmocka_unit_test(test_id_documents),
		cmocka_unit_test(test_normalize_id_number),
		cmocka_unit_test(test_credit_code),
		cmocka_unit_test(test_dates_and_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
