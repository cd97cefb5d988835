/* Unit tests for the per-request arena. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"

static void test_alloc_and_reset(void **state)
{
	struct arena a = {0};
	char *p = arena_alloc(&a, 10);
	assert_non_null(p);
	for (int i = 0; i < 10; i++)
		assert_int_equal(p[i], 0);                     /* zeroed */
	assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	char *big = arena_alloc(&a, 1 << 20);                /* larger than a chunk */
	memset(big, 1, 1 << 20);
	char *after = arena_alloc(&a, 16);                   /* still served from the first chunk */
	assert_true(after > p && after < p + 65536);
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 42), "x-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_null(arena_strdup(&a, NULL));
	arena_reset(&a);
	assert_int_equal(a.total, 0);
	char *again = arena_alloc(&a, 10);
	assert_non_null(again);
	for (int i = 0; i < 1000; i++)                       /* many chunks */
		arena_alloc(&a, 1000);
	arena_free(&a);
	assert_null(a.head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_and_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
