/* Big-endian integers, the byte order of every layout in docs/DRAW.md. */
#ifndef EP_DRAW_BYTES_H
#define EP_DRAW_BYTES_H
#include <stdint.h>

static inline void draw_put_be(unsigned char *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
}

static inline uint64_t draw_get_be64(const unsigned char *p)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

#endif
