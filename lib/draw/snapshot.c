/* The snapshot's canonical encoding, hashed as it is written (no buffer of 36 + 24 n bytes). */
#include <sodium.h>
#include "draw/bytes.h"
#include "draw/snapshot.h"

int draw_snapshot_check(const struct draw_candidate *c, size_t n)
{
	if (n > UINT32_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (c[i].id == 0 || (i > 0 && c[i].id <= c[i - 1].id))
			return -1;
	return 0;
}

static void hash_be(crypto_hash_sha256_state *st, uint64_t v, unsigned bytes)
{
	unsigned char b[8];
	draw_put_be(b, v, bytes);
	crypto_hash_sha256_update(st, b, bytes);
}

void draw_snapshot_digest(unsigned char out[DRAW_DIGEST_BYTES], uint32_t index,
                          const struct draw_candidate *c, size_t n)
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)DRAW_SNAPSHOT_TAG,
	                          sizeof DRAW_SNAPSHOT_TAG);            /* with its zero byte */
	hash_be(&st, index, 4);
	hash_be(&st, n, 4);
	for (size_t i = 0; i < n; i++) {
		hash_be(&st, c[i].id, 8);
		hash_be(&st, c[i].employer, 8);
		hash_be(&st, c[i].relation, 8);
	}
	crypto_hash_sha256_final(&st, out);
}
