/* The draw's random words: HMAC-SHA-256 over tag, requirement index and block counter. */
#include <string.h>
#include "draw/bytes.h"
#include "draw/stream.h"

static uint64_t hmac_next(struct draw_words *w)
{
	if (w->pos == 4) {
		/* tag || 0x00 || u32(index) || u64(block): 31 bytes */
		unsigned char msg[sizeof DRAW_STREAM_TAG + 4 + 8];
		memcpy(msg, DRAW_STREAM_TAG, sizeof DRAW_STREAM_TAG);   /* with its zero byte */
		draw_put_be(msg + sizeof DRAW_STREAM_TAG, w->index, 4);
		draw_put_be(msg + sizeof DRAW_STREAM_TAG + 4, w->block, 8);
		crypto_auth_hmacsha256_state st = w->keyed;
		crypto_auth_hmacsha256_update(&st, msg, sizeof msg);
		crypto_auth_hmacsha256_final(&st, w->buf);
		w->block++;
		w->pos = 0;
	}
	return draw_get_be64(w->buf + 8 * w->pos++);
}

void draw_stream_init(struct draw_words *w, const unsigned char seed[DRAW_SEED_BYTES],
                      uint32_t index)
{
	memset(w, 0, sizeof *w);
	w->next = hmac_next;
	crypto_auth_hmacsha256_init(&w->keyed, seed, DRAW_SEED_BYTES);
	w->index = index;
	w->pos = 4;
}

uint64_t draw_word(struct draw_words *w)
{
	w->used++;
	return w->next(w);
}

int draw_accepts(uint64_t x, uint64_t m)
{
	uint64_t t = (0 - m) % m;             /* 2^64 mod m */
	return x <= UINT64_MAX - t;           /* x < 2^64 - t */
}

uint64_t draw_below(struct draw_words *w, uint64_t m)
{
	for (;;) {
		uint64_t x = draw_word(w);
		if (draw_accepts(x, m))
			return x % m;
	}
}
