/* Unit tests for the statement declarations (lib/<domain>/sql.def, lib/db/sql.h): every statement
 * declares one format letter per ? it has, and a call with other formats is refused before it
 * reaches the server (so these run with no database). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "db/db.h"

static size_t placeholders(const char *text)
{
	size_t n = 0;
	for (; *text; text++)
		n += *text == '?';
	return n;
}

static void test_every_statement_declared(void **state)
{
	for (int id = 0; id < SQL__MAX; id++) {
		const struct sql_stmt *s = &sql_stmts[id];
		assert_non_null(s->text);
		assert_non_null(s->in);
		assert_non_null(s->out);
		assert_int_equal(strspn(s->in, "sbi"), strlen(s->in));
		assert_int_equal(strspn(s->out, "sbi"), strlen(s->out));
		if (placeholders(s->text) != strlen(s->in))
			fail_msg("statement %d: %zu placeholders, formats \"%s\"", id, placeholders(s->text), s->in);
	}
	for (int id = 0; id < PART__MAX; id++)
		assert_non_null(sql_part[id]);
}

static void test_declared(void **state)
{
	assert_true(db_declared(SQL_SESSION_DELETE, "i", ""));
	assert_true(db_declared(SQL_CODE_CURRENT, "ss", "ibi"));
	assert_true(db_declared(SQL_CODE_CURRENT, NULL, "ibi"));
	assert_false(db_declared(SQL_CODE_CURRENT, "ss", "iii"));
	assert_false(db_declared(SQL_CODE_CURRENT, "s", NULL));
	assert_false(db_declared(SQL__MAX, "", ""));
}

/* A parameter of the wrong type, one too few, a result read as another type: each is refused
 * (-1) with no server error, and nothing is sent (there is no server here to send it to). */
static void test_mismatch_refused(void **state)
{
	assert_int_equal(db_exec(SQL_SESSION_DELETE, "s", "1"), -1);
	assert_int_equal(db_failure(), DB_OK);
	assert_false(db_down());
	assert_int_equal(db_exec(SQL_CODE_RETIRE, "s", "+8613800000000"), -1);
	assert_int_equal(db_one(SQL_LOCK_CHECK, "i", "i", 1LL, &(long long){ 0 }), -1);
	assert_int_equal(db_fetch(SQL_TAX_MAX_SORT, "s", &(char *){ NULL }), -1);
	assert_int_equal(db_failure(), DB_OK);
	struct db_param p[] = { { .type = 's', .p = "x", .len = 1 } };
	assert_int_equal(db_exec_params(SQL_SESSION_DELETE, p, 1), -1);
	struct db_value v[2];
	assert_int_equal(db_fetch_values(SQL_FILE_OWNER, "ii", v), -1);
	assert_false(db_down());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_statement_declared),
		cmocka_unit_test(test_declared),
		cmocka_unit_test(test_mismatch_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
