/* A requirement's candidate snapshot (docs/DRAW.md, section 2): ascending expert ids, each with
 * its employer and relation-group keys, and the SHA-256 of its canonical encoding. */
#ifndef EP_DRAW_SNAPSHOT_H
#define EP_DRAW_SNAPSHOT_H
#include <stddef.h>
#include <stdint.h>

#define DRAW_SNAPSHOT_TAG "expertpool/draw/snapshot/v1"
#define DRAW_DIGEST_BYTES 32

struct draw_candidate {
	uint64_t id;          /* >= 1, strictly ascending in a snapshot */
	uint64_t employer;    /* employer key, 0 = none */
	uint64_t relation;    /* relation-group key, 0 = none */
};

/* 0 when ids are >= 1 and strictly ascending and n fits in 32 bits, else -1. */
int draw_snapshot_check(const struct draw_candidate *c, size_t n);
/* SHA-256 of tag || 0x00 || u32(index) || u32(n) || 24 bytes per entry; the snapshot checked. */
void draw_snapshot_digest(unsigned char out[DRAW_DIGEST_BYTES], uint32_t index,
                          const struct draw_candidate *c, size_t n);

#endif
