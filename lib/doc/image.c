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
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		/* PNG: the IHDR chunk, behind whatever chunks stand before it (libpng passes over an
		 * unknown ancillary one); a chunk is its length, type, data and CRC */
		for (size_t i = 8; n - i >= 16;) {
			size_t len = (size_t)p[i] << 24 | (size_t)p[i + 1] << 16 | (size_t)p[i + 2] << 8 | p[i + 3];
			if (memcmp(p + i + 4, "IHDR", 4) == 0) {
				const unsigned char *d = p + i + 8;
				*w = (unsigned)d[0] << 24 | (unsigned)d[1] << 16 | (unsigned)d[2] << 8 | d[3];
				*h = (unsigned)d[4] << 24 | (unsigned)d[5] << 16 | (unsigned)d[6] << 8 | d[7];
				return 1;
			}
			if (len > n - i - 12)
				return 0;
			i += 12 + len;
		}
		return 0;
	}
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return 0;
	/* JPEG: the markers up to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC), found as
	 * libjpeg finds them, for it is what decodes: stray bytes, fill bytes 0xFF and a stuffed
	 * FF 00 are passed over, RSTn and TEM have no length, a length under 2 covers just itself */
	for (size_t i = 2;;) {
		while (i < n && p[i] != 0xFF)
			i++;
		while (i < n && p[i] == 0xFF)
			i++;
		if (i >= n)
			return 0;
		unsigned char m = p[i++];
		if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue;
		if (m == 0xD8 || m == 0xD9 || m == 0xDA || n - i < 2)
			return 0;       /* a second SOI, the end or the first scan: no frame before it */
		size_t len = (size_t)p[i] << 8 | p[i + 1];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (n - i < 7)
				return 0;
			*h = (unsigned)p[i + 3] << 8 | p[i + 4];
			*w = (unsigned)p[i + 5] << 8 | p[i + 6];
			return 1;
		}
		i += len < 2 ? 2 : len;
	}
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
