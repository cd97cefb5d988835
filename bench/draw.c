/* How long recomputing draws takes: 10 000 rounds of 21 (15 members, 6 backups) out of 2 000
 * candidates (500 employers, relatives in pairs), each round's snapshot digest and selection.
 * Prints the time; asserts nothing. Run: bench/draw [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sodium.h>
#include "draw/select.h"

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	long rounds = argc > 1 ? atol(argv[1]) : 10000;
	enum { N = 2000 };
	static struct draw_candidate c[N];
	for (size_t i = 0; i < N; i++)
		c[i] = (struct draw_candidate){ i + 1, i % 500 + 1, i % 3 ? i / 3 + 1 : 0 };
	struct arena a = {0};
	unsigned char seed[DRAW_SEED_BYTES], digest[DRAW_DIGEST_BYTES];
	uint64_t words = 0, skips = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++) {
		randombytes_buf(seed, sizeof seed);
		draw_snapshot_digest(digest, 0, c, N);
		struct draw_panel panel = {0};
		struct draw_result res;
		const struct draw_requirement req = { 0, c, N, 15, 6 };
		if (draw_select(&a, seed, &req, &panel, &res) != RES_OK || !res.full)
			return 1;
		words += res.words;
		skips += res.nskips;
		arena_reset(&a);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%ld rounds of 21 of %d: %.3f s (%.1f us a round; %.1f words, %.2f skips a round)\n",
	       rounds, N, s, s * 1e6 / rounds, (double)words / rounds, (double)skips / rounds);
	arena_free(&a);
	return 0;
}
