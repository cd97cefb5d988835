/* QR codes with libqrencode: the modules copied out of the library's structure. */
#include <string.h>
#include <qrencode.h>
#include "doc/qr.h"

static int is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

int qr_encode(struct arena *a, const char *text, struct qr *out)
{
	/* 8-bit mode without an ECI marker: only ASCII reads the same in every scanner */
	if (text == NULL || *text == '\0' || !is_ascii(text))
		return -1;
	QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL)
		return -1;
	size_t n = (size_t)code->width * (size_t)code->width;
	unsigned char *dark = arena_alloc(a, n);
	for (size_t i = 0; i < n; i++)
		dark[i] = code->data[i] & 1;
	out->width = code->width;
	out->dark = dark;
	QRcode_free(code);
	return 0;
}
