/* Image and document types by their first bytes, and the pixel size an image declares. */
#include <string.h>
#include "doc/image.h"

unsigned file_sniff(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return FT_JPEG;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return FT_PNG;
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return FT_PDF;
	return 0;
}

int image_size(const unsigned char *p, size_t n, unsigned *w, unsigned *h)
{
	if (n >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0) {
		*w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
		*h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23];
		return 1;
	}
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return 0;
	/* JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC) */
	for (size_t i = 2; i + 9 < n;) {
		if (p[i] != 0xFF) {
			return 0;
		}
		unsigned char m = p[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		size_t len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = (unsigned)p[i + 5] << 8 | p[i + 6];
			*w = (unsigned)p[i + 7] << 8 | p[i + 8];
			return 1;
		}
		if (m == 0xD9 || m == 0xDA || len < 2)
			return 0;
		i += 2 + len;
	}
	return 0;
}

const char *file_type_name(unsigned ft)
{
	switch (ft) {
	case FT_JPEG: return "image/jpeg";
	case FT_PNG: return "image/png";
	case FT_PDF: return "application/pdf";
	}
	return "application/octet-stream";
}
