/* Unit tests for the configuration reader (lib/core/config.c) through config_parse_string:
 * the same key table, defaults and rules as config_load, from text in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/config.h"

#define KEYS "[security]\nsecret = 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n" \
	"id_key = ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n"

static void test_defaults_and_values(void **state)
{
	(void)state;
	assert_int_equal(config_parse_string(KEYS, "test.ini"), 0);
	assert_string_equal(cfg.apply_style, "city");
	assert_int_equal(cfg.db_port, 3306);
	assert_int_equal(cfg.review_levels, 1);
	assert_int_equal(cfg.require_photo, 1);
	assert_int_equal(cfg.secret[0], 0x00);
	assert_int_equal(cfg.secret[31], 0xff);
	assert_int_equal(cfg.id_key[0], 0xff);
	assert_int_equal(config_parse_string(KEYS "[apply]\nstyle = provincial ; inline comment\n"
	                                     "require_photo = no\nregions = 本级，外地\n[review]\nlevels = 2\n",
	                                     "test.ini"), 0);
	assert_string_equal(cfg.apply_style, "provincial");
	assert_int_equal(cfg.require_photo, 0);
	assert_string_equal(cfg.regions, "本级，外地");
	assert_int_equal(cfg.review_levels, 2);
	/* a second load starts again from the defaults: nothing stays from the first */
	assert_int_equal(config_parse_string(KEYS, "test.ini"), 0);
	assert_string_equal(cfg.apply_style, "city");
	assert_int_equal(cfg.require_photo, 1);
	assert_int_equal(cfg.review_levels, 1);
}

static void test_refused(void **state)
{
	(void)state;
	assert_int_equal(config_parse_string("[site]\nname = x\n", "test.ini"), -1);   /* keys missing */
	assert_int_equal(config_parse_string("[security]\nsecret =\nid_key =\n", "test.ini"), -1);
	assert_int_equal(config_parse_string(KEYS "[apply]\nstyle = town\n", "test.ini"), -1);
	assert_int_equal(config_parse_string(KEYS "[review]\nlevels = 3\n", "test.ini"), -1);
	assert_int_equal(config_parse_string(KEYS "[database]\nport = -1\n", "test.ini"), -1);
	assert_int_equal(config_parse_string(KEYS "[apply]\nrequire_photo = maybe\n", "test.ini"), -1);
	assert_int_equal(config_parse_string(KEYS "[certificate]\nvalid_years = 11\n", "test.ini"), -1);
	assert_int_equal(config_parse_string("[security\n", "test.ini"), -1);           /* syntax */
	assert_int_equal(config_parse_string("[security]\nsecret = 0011\nid_key = zz\n", "test.ini"), -1);
	/* an unknown key is only reported */
	assert_int_equal(config_parse_string(KEYS "[site]\nnothing = 1\n", "test.ini"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_values),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
