/* The draw's random words (docs/DRAW.md, sections 3 and 4): HMAC-SHA-256 blocks keyed with the
 * round's seed, read as big-endian 64-bit words, and a uniform integer below m by rejection. */
#ifndef EP_DRAW_STREAM_H
#define EP_DRAW_STREAM_H
#include <stdint.h>
#include <sodium.h>

#define DRAW_SEED_BYTES 32
#define DRAW_STREAM_TAG "expertpool/draw/v1"

/* A source of words. draw_stream_init makes the HMAC stream of one requirement; a test may set
 * `next` to a source of its own (the struct then leads a larger one). `used` counts the words
 * handed out, rejections included. */
struct draw_words {
	uint64_t (*next)(struct draw_words *w);
	uint64_t used;
	crypto_auth_hmacsha256_state keyed;   /* HMAC state after the key: copied for each block */
	uint32_t index;                       /* the requirement's index */
	uint64_t block;                       /* the next block's counter */
	unsigned char buf[crypto_auth_hmacsha256_BYTES];
	unsigned pos;                         /* words of buf already read (4: none left) */
};

void draw_stream_init(struct draw_words *w, const unsigned char seed[DRAW_SEED_BYTES],
                      uint32_t index);
/* The next word; counts it in w->used. */
uint64_t draw_word(struct draw_words *w);
/* Whether word x is accepted for m (x < 2^64 - (2^64 mod m)); m >= 1. */
int draw_accepts(uint64_t x, uint64_t m);
/* A uniform integer in [0, m), m >= 1: always takes at least one word. */
uint64_t draw_below(struct draw_words *w, uint64_t m);

#endif
