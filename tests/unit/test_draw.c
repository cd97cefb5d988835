/* Unit tests for the draw's selection function (lib/draw/): every vector of
 * docs/draw-vectors.json, the snapshot's encoding, the rejection rule at its edges, and the
 * uniformity of 1.4 million seeded draws by chi-square tests (p-values computed). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include <cJSON.h>
#include <sodium.h>
#include "core/crypto.h"
#include "draw/select.h"

#define MAX_REQS 8

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static uint64_t num(const cJSON *j)
{
	assert_true(cJSON_IsNumber(j));
	return (uint64_t)j->valuedouble;
}

static void expect_ids(const cJSON *want, const struct draw_candidate *got, size_t n)
{
	assert_int_equal(cJSON_GetArraySize(want), n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(num(cJSON_GetArrayItem(want, (int)i)), got[i].id);
}

static void expect_result(struct arena *a, const cJSON *want, const struct draw_requirement *req,
                          const struct draw_result *got)
{
	unsigned char d[DRAW_DIGEST_BYTES];
	draw_snapshot_digest(d, req->index, req->snapshot, req->n);
	assert_string_equal(hex_encode(a, d, sizeof d),
	                    cJSON_GetObjectItem(want, "snapshot_sha256")->valuestring);
	expect_ids(cJSON_GetObjectItem(want, "members"), got->taken, got->members_found);
	expect_ids(cJSON_GetObjectItem(want, "backups"), got->taken + got->members_found,
	           got->backups_found);
	assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(want, "full")), got->full);
	assert_int_equal(num(cJSON_GetObjectItem(want, "removed")), got->removed);
	assert_int_equal(num(cJSON_GetObjectItem(want, "words")), got->words);
	const cJSON *skips = cJSON_GetObjectItem(want, "skipped");
	assert_int_equal(cJSON_GetArraySize(skips), got->nskips);
	for (size_t i = 0; i < got->nskips; i++) {
		const cJSON *s = cJSON_GetArrayItem(skips, (int)i);
		assert_int_equal(num(cJSON_GetArrayItem(s, 0)), got->skips[i].id);
		assert_string_equal(cJSON_GetArrayItem(s, 1)->valuestring,
		                    draw_skip_name(got->skips[i].reason));
	}
}

static void run_vector(struct arena *a, const cJSON *v)
{
	unsigned char seed[DRAW_SEED_BYTES];
	const char *hex = cJSON_GetObjectItem(v, "seed")->valuestring;
	size_t len = 0;
	assert_int_equal(sodium_hex2bin(seed, sizeof seed, hex, strlen(hex), NULL, &len, NULL), 0);
	assert_int_equal(len, DRAW_SEED_BYTES);
	const cJSON *jreqs = cJSON_GetObjectItem(v, "requirements");
	size_t nreqs = (size_t)cJSON_GetArraySize(jreqs);
	assert_true(nreqs <= MAX_REQS);
	struct draw_requirement reqs[MAX_REQS];
	struct draw_result res[MAX_REQS];
	for (size_t r = 0; r < nreqs; r++) {
		const cJSON *q = cJSON_GetArrayItem(jreqs, (int)r);
		const cJSON *cands = cJSON_GetObjectItem(q, "candidates");
		size_t n = (size_t)cJSON_GetArraySize(cands);
		struct draw_candidate *c = arena_alloc(a, (n + 1) * sizeof *c);
		for (size_t i = 0; i < n; i++) {
			const cJSON *e = cJSON_GetArrayItem(cands, (int)i);
			c[i] = (struct draw_candidate){ num(cJSON_GetArrayItem(e, 0)),
			                                num(cJSON_GetArrayItem(e, 1)),
			                                num(cJSON_GetArrayItem(e, 2)) };
		}
		reqs[r] = (struct draw_requirement){ (uint32_t)r, c, n,
		                                     (uint32_t)num(cJSON_GetObjectItem(q, "members")),
		                                     (uint32_t)num(cJSON_GetObjectItem(q, "backups")) };
	}
	assert_int_equal(draw_project(a, seed, reqs, nreqs, res), RES_OK);
	const cJSON *expect = cJSON_GetObjectItem(v, "expect");
	assert_int_equal(cJSON_GetArraySize(expect), nreqs);
	for (size_t r = 0; r < nreqs; r++)
		expect_result(a, cJSON_GetArrayItem(expect, (int)r), &reqs[r], &res[r]);
}

/* Every vector of docs/draw-vectors.json; the file has the kinds DRAW.md promises. */
static void test_vectors(void **state)
{
	struct arena a = {0};
	char *text = slurp(SRCDIR "/docs/draw-vectors.json");
	cJSON *root = cJSON_Parse(text);
	assert_non_null(root);
	assert_int_equal(num(cJSON_GetObjectItem(root, "version")), 1);
	const cJSON *list = cJSON_GetObjectItem(root, "vectors");
	assert_true(cJSON_GetArraySize(list) >= 8);
	const cJSON *v;
	int short_ones = 0, employer = 0, relation = 0, removals = 0;
	cJSON_ArrayForEach(v, list) {
		run_vector(&a, v);
		const cJSON *e;
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(v, "expect")) {
			short_ones += !cJSON_IsTrue(cJSON_GetObjectItem(e, "full"));
			removals += num(cJSON_GetObjectItem(e, "removed")) > 0;
			const cJSON *s;
			cJSON_ArrayForEach(s, cJSON_GetObjectItem(e, "skipped")) {
				const char *why = cJSON_GetArrayItem(s, 1)->valuestring;
				employer += strcmp(why, "employer") == 0;
				relation += strcmp(why, "relation") == 0;
			}
		}
	}
	assert_true(short_ones > 0 && employer > 0 && relation > 0 && removals > 0);
	cJSON_Delete(root);
	free(text);
	arena_free(&a);
}

/* The encoding example of DRAW.md section 2, hashed by hand outside this code (Python's hashlib). */
static void test_snapshot(void **state)
{
	const struct draw_candidate one[] = { { 7, 0, 0 } };
	unsigned char d[DRAW_DIGEST_BYTES];
	char hex[2 * DRAW_DIGEST_BYTES + 1];
	draw_snapshot_digest(d, 0, one, 1);
	assert_string_equal(sodium_bin2hex(hex, sizeof hex, d, sizeof d),
	                    "04afc7cc29f8d79d6c428f2db4c1e604b689af40bd50653575c737c3ce81de83");
	draw_snapshot_digest(d, 1, one, 1);                       /* the index is in the digest */
	assert_string_not_equal(sodium_bin2hex(hex, sizeof hex, d, sizeof d),
	                        "04afc7cc29f8d79d6c428f2db4c1e604b689af40bd50653575c737c3ce81de83");

	const struct draw_candidate down[] = { { 2, 0, 0 }, { 1, 0, 0 } };
	const struct draw_candidate twice[] = { { 3, 0, 0 }, { 3, 1, 0 } };
	const struct draw_candidate zero[] = { { 0, 0, 0 }, { 1, 0, 0 } };
	assert_int_equal(draw_snapshot_check(one, 1), 0);
	assert_int_equal(draw_snapshot_check(NULL, 0), 0);
	assert_int_equal(draw_snapshot_check(down, 2), -1);
	assert_int_equal(draw_snapshot_check(twice, 2), -1);
	assert_int_equal(draw_snapshot_check(zero, 2), -1);

	struct arena a = {0};
	unsigned char seed[DRAW_SEED_BYTES] = {0};
	struct draw_panel panel = {0};
	struct draw_result res;
	const struct draw_requirement bad = { 0, down, 2, 1, 0 };
	assert_int_equal(draw_select(&a, seed, &bad, &panel, &res), RES_INVALID);
	assert_int_equal(panel.ntaken, 0);
	const struct draw_requirement misplaced[] = { { 1, one, 1, 1, 0 } };   /* index 1 first */
	assert_int_equal(draw_project(&a, seed, misplaced, 1, &res), RES_INVALID);
	arena_free(&a);
}

/* A crafted source of words: the words given, in order. */
struct crafted {
	struct draw_words w;
	const uint64_t *words;
	size_t n, pos;
};

static uint64_t crafted_next(struct draw_words *w)
{
	struct crafted *c = (struct crafted *)w;
	assert_true(c->pos < c->n);
	return c->words[c->pos++];
}

static uint64_t below_crafted(uint64_t m, const uint64_t *words, size_t n, uint64_t *used)
{
	struct crafted c = { .w = { .next = crafted_next }, .words = words, .n = n };
	uint64_t x = draw_below(&c.w, m);
	*used = c.w.used;
	assert_int_equal(c.pos, c.w.used);
	return x;
}

static void test_rejection_edges(void **state)
{
	const uint64_t top = UINT64_MAX, half = 1ULL << 63;
	uint64_t used;
	/* m = 1: every word accepted, the result 0, one word taken */
	assert_true(draw_accepts(top, 1) && draw_accepts(0, 1));
	assert_int_equal(below_crafted(1, &top, 1, &used), 0);
	assert_int_equal(used, 1);
	/* powers of two: no rejection, the low bits */
	for (unsigned k = 0; k < 64; k++) {
		uint64_t m = 1ULL << k;
		assert_true(draw_accepts(top, m));
		assert_int_equal(below_crafted(m, &top, 1, &used), m - 1);
		assert_int_equal(used, 1);
	}
	/* 2^32 + 1: 2^64 mod m = 1, so only 2^64 - 1 is rejected */
	const uint64_t m32 = (1ULL << 32) + 1;
	assert_false(draw_accepts(top, m32));
	assert_true(draw_accepts(top - 1, m32));
	const uint64_t w32[] = { top, top - 1 };
	assert_int_equal(below_crafted(m32, w32, 2, &used), (top - 1) % m32);
	assert_int_equal(used, 2);
	/* 2^63 + 1: 2^64 mod m = 2^63 - 1, every word above 2^63 is rejected */
	const uint64_t m63 = half + 1;
	assert_true(draw_accepts(half, m63));
	assert_false(draw_accepts(half + 1, m63));
	const uint64_t w63[] = { half + 5, top, half };
	assert_int_equal(below_crafted(m63, w63, 3, &used), half);
	assert_int_equal(used, 3);
	/* 3 and 2^64 - 1: 2^64 mod m = 1 */
	assert_false(draw_accepts(top, 3));
	assert_true(draw_accepts(top - 1, 3));
	assert_false(draw_accepts(top, top));
	assert_int_equal(below_crafted(top, w32, 2, &used), top - 1);
	assert_int_equal(used, 2);
}

/* The stream's words against HMAC-SHA-256 computed here from DRAW.md's message layout, across
 * the first block boundary (word 4 is block 1's first) and for requirement 2. */
static void test_stream_layout(void **state)
{
	unsigned char seed[DRAW_SEED_BYTES];
	for (unsigned i = 0; i < sizeof seed; i++)
		seed[i] = (unsigned char)(0xa0 + i);
	struct draw_words w;
	draw_stream_init(&w, seed, 2);
	for (uint64_t block = 0; block < 3; block++) {
		unsigned char msg[31] = "expertpool/draw/v1", mac[32];
		msg[22] = 2;                                  /* u32(2) at bytes 19..22 */
		msg[30] = (unsigned char)block;               /* u64(block) at 23..30 */
		crypto_auth_hmacsha256(mac, msg, sizeof msg, seed);
		for (unsigned i = 0; i < 4; i++) {
			uint64_t want = 0;
			for (unsigned b = 0; b < 8; b++)
				want = want << 8 | mac[8 * i + b];
			assert_int_equal(draw_word(&w), want);
		}
	}
	assert_int_equal(w.used, 12);
}

/* The upper regularized incomplete gamma function Q(a, x) (series below a + 1, continued
 * fraction above): the chi-square p-value of statistic x2 with df degrees is Q(df/2, x2/2). */
static double gamma_q(double a, double x)
{
	double front = exp(-x + a * log(x) - lgamma(a));
	if (x < a + 1) {
		double term = 1 / a, sum = term;
		for (int n = 1; n < 10000 && fabs(term) > fabs(sum) * 1e-15; n++) {
			term *= x / (a + n);
			sum += term;
		}
		return 1 - sum * front;
	}
	double tiny = 1e-300, b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
	for (int i = 1; i < 10000; i++) {
		double an = -i * (i - a);
		b += 2;
		d = an * d + b;
		d = fabs(d) < tiny ? tiny : d;
		c = b + an / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		h *= d * c;
		if (fabs(d * c - 1) < 1e-15)
			break;
	}
	return front * h;
}

static double chi2_p(double x2, unsigned df)
{
	return gamma_q(df / 2.0, x2 / 2.0);
}

/* The p-value function against the tables' critical values at 0.01 and 0.5. */
static void test_chi2_p(void **state)
{
	assert_true(fabs(chi2_p(21.666, 9) - 0.01) < 1e-4);
	assert_true(fabs(chi2_p(36.191, 19) - 0.01) < 1e-4);
	assert_true(fabs(chi2_p(158.950, 120) - 0.01) < 1e-4);
	assert_true(fabs(chi2_p(8.343, 9) - 0.5) < 1e-3);
}

/* Seeds from a counter: u64(counter) then zeros; deterministic. */
static uint64_t seed_counter;

static void next_seed(unsigned char seed[DRAW_SEED_BYTES])
{
	memset(seed, 0, DRAW_SEED_BYTES);
	uint64_t c = ++seed_counter;
	for (unsigned i = 0; i < 8; i++)
		seed[i] = (unsigned char)(c >> (56 - 8 * i));
}

static struct draw_candidate *plain_snapshot(struct arena *a, size_t n)
{
	struct draw_candidate *c = arena_alloc(a, n * sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i].id = i + 1;
	return c;
}

/* One draw of k of the n plain candidates (ids 1..n) from the next seed. */
static const struct draw_candidate *draw_plain(struct arena *a, const struct draw_candidate *c,
                                               size_t n, uint32_t members, uint32_t backups)
{
	unsigned char seed[DRAW_SEED_BYTES];
	next_seed(seed);
	struct draw_panel panel = {0};
	struct draw_result res;
	const struct draw_requirement req = { 0, c, n, members, backups };
	assert_int_equal(draw_select(a, seed, &req, &panel, &res), RES_OK);
	assert_true(res.full);
	return res.taken;
}

/* Which expert comes first, for n = 10..20: 100 000 draws each (1.1 million), chi-square over
 * the n positions (n - 1 degrees), p > 0.01. */
static void test_first_position(void **state)
{
	struct arena a = {0}, scratch = {0};
	enum { DRAWS = 100000 };
	for (size_t n = 10; n <= 20; n++) {
		const struct draw_candidate *c = plain_snapshot(&a, n);
		unsigned long count[21] = {0};
		for (int t = 0; t < DRAWS; t++) {
			count[draw_plain(&scratch, c, n, 1, 0)[0].id - 1]++;
			arena_reset(&scratch);
		}
		double e = (double)DRAWS / n, x2 = 0;
		for (size_t i = 0; i < n; i++)
			x2 += (count[i] - e) * (count[i] - e) / e;
		double p = chi2_p(x2, (unsigned)n - 1);
		print_message("first of %2zu: chi2 = %7.3f, df = %2zu, p = %.4f\n", n, x2, n - 1, p);
		assert_true(p > 0.01);
	}
	arena_free(&scratch);
	arena_free(&a);
}

/* 3 of 10 (2 members, 1 backup), 300 000 draws: the unordered set over its C(10,3) = 120 cells
 * (119 degrees), and each expert's membership (sum of squares over the variance of a count,
 * n/(n-1) p (1-p) T with the total fixed: 9 degrees), both p > 0.01. */
static void test_membership(void **state)
{
	struct arena a = {0}, scratch = {0};
	enum { N = 10, K = 3, DRAWS = 300000, CELLS = 120 };
	const struct draw_candidate *c = plain_snapshot(&a, N);
	unsigned long subset[1 << N] = {0}, member[N] = {0};
	for (int t = 0; t < DRAWS; t++) {
		const struct draw_candidate *got = draw_plain(&scratch, c, N, 2, 1);
		unsigned mask = 0;
		for (int i = 0; i < K; i++) {
			mask |= 1u << (got[i].id - 1);
			member[got[i].id - 1]++;
		}
		subset[mask]++;
		arena_reset(&scratch);
	}
	double e = (double)DRAWS / CELLS, x2 = 0;
	int cells = 0;
	for (unsigned m = 0; m < 1u << N; m++) {
		if (__builtin_popcount(m) != K) {
			assert_int_equal(subset[m], 0);
			continue;
		}
		cells++;
		x2 += (subset[m] - e) * (subset[m] - e) / e;
	}
	assert_int_equal(cells, CELLS);
	double p = chi2_p(x2, CELLS - 1);
	print_message("3 of 10 as sets: chi2 = %.3f, df = %d, p = %.4f\n", x2, CELLS - 1, p);
	assert_true(p > 0.01);

	double q = (double)K / N, var = (double)N / (N - 1) * q * (1 - q) * DRAWS, y2 = 0;
	for (int i = 0; i < N; i++)
		y2 += (member[i] - q * DRAWS) * (member[i] - q * DRAWS) / var;
	p = chi2_p(y2, N - 1);
	print_message("3 of 10 membership: chi2 = %.3f, df = %d, p = %.4f\n", y2, N - 1, p);
	assert_true(p > 0.01);
	arena_free(&scratch);
	arena_free(&a);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_snapshot),
		cmocka_unit_test(test_rejection_edges),
		cmocka_unit_test(test_stream_layout),
		cmocka_unit_test(test_chi2_p),
		cmocka_unit_test(test_first_position),
		cmocka_unit_test(test_membership),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
