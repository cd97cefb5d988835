/* QR codes (libqrencode) of ASCII text, as a square of modules for any renderer. */
#ifndef EP_QR_H
#define EP_QR_H
#include "core/arena.h"

struct qr {
	int width;                      /* modules per side, without the quiet zone */
	const unsigned char *dark;      /* width*width bytes, row by row: 1 dark, 0 light */
};

/* Encodes ASCII text at error-correction level M. 0, or -1 (text too long, not ASCII). */
int qr_encode(struct arena *a, const char *text, struct qr *out);

#endif
