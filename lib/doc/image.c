/* Image and document types by their first bytes, the pixel size and orientation an image
 * declares, and the normalized photo. */
#include <limits.h>
#include <string.h>
#include <gd.h>
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

/* The next marker segment of a JPEG's headers from *at: its marker, and its payload (after the
 * two length bytes) at *seg, of *len bytes — those of it the buffer holds. Markers are found as
 * libjpeg finds them, for it is what decodes: stray bytes, fill bytes 0xFF and a stuffed FF 00
 * are passed over, RSTn and TEM have no length, a length under 2 covers just itself. 0 at a
 * second SOI, at the end of the image, at the start of the scan or past the buffer. */
static int jpeg_segment(const unsigned char *p, size_t n, size_t *at, unsigned char *marker,
                        const unsigned char **seg, size_t *len)
{
	for (size_t i = *at;;) {
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
			return 0;
		size_t l = (size_t)p[i] << 8 | p[i + 1], avail = n - i - 2;
		*marker = m;
		*seg = p + i + 2;
		*len = l < 2 ? 0 : (l - 2 <= avail ? l - 2 : avail);
		*at = i + (l < 2 ? 2 : l);
		return 1;
	}
}

/* The first segment of a JPEG's headers that `want` takes: 1 with its payload, or 0. */
static int jpeg_find(const unsigned char *p, size_t n,
                     int (*want)(unsigned char marker, const unsigned char *seg, size_t len),
                     const unsigned char **seg, size_t *len)
{
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return 0;
	size_t at = 2;
	unsigned char m;
	while (jpeg_segment(p, n, &at, &m, seg, len))
		if (want(m, *seg, *len))
			return 1;
	return 0;
}

/* A start-of-frame: SOF0–SOF15 but DHT, JPG and DAC. */
static int is_frame(unsigned char m, const unsigned char *seg, size_t len)
{
	(void)seg;
	(void)len;
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static int is_exif(unsigned char m, const unsigned char *seg, size_t len)
{
	return m == 0xE1 && len >= 6 && memcmp(seg, "Exif\0\0", 6) == 0;
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
	const unsigned char *s;
	size_t len;
	if (!jpeg_find(p, n, is_frame, &s, &len) || len < 5)
		return 0;
	*h = (unsigned)s[1] << 8 | s[2];
	*w = (unsigned)s[3] << 8 | s[4];
	return 1;
}

int image_fits_document(const unsigned char *p, size_t n)
{
	unsigned w, h;
	return image_size(p, n, &w, &h) && w <= IMAGE_DOC_MAX_SIDE && h <= IMAGE_DOC_MAX_SIDE &&
	       (unsigned long long)w * h <= IMAGE_DOC_MAX_PIXELS;
}

/* Exif's TIFF structure, in either byte order. */
static unsigned tiff16(const unsigned char *t, int le)
{
	return le ? (unsigned)t[0] | (unsigned)t[1] << 8 : (unsigned)t[0] << 8 | t[1];
}

static unsigned long tiff32(const unsigned char *t, int le)
{
	return le ? (unsigned long)tiff16(t, 1) | (unsigned long)tiff16(t + 2, 1) << 16
	          : (unsigned long)tiff16(t, 0) << 16 | tiff16(t + 2, 0);
}

/* The Orientation tag (0x0112, one SHORT) of the first IFD of a TIFF block, or 1. */
static int tiff_orientation(const unsigned char *t, size_t n)
{
	if (n < 8 || !((t[0] == 'I' && t[1] == 'I') || (t[0] == 'M' && t[1] == 'M')))
		return 1;
	int le = t[0] == 'I';
	unsigned long ifd = tiff32(t + 4, le);
	if (tiff16(t + 2, le) != 42 || ifd > n - 2)
		return 1;
	unsigned count = tiff16(t + ifd, le);
	for (unsigned k = 0; k < count; k++) {
		size_t e = ifd + 2 + 12 * (size_t)k;
		if (e + 12 > n)
			return 1;
		if (tiff16(t + e, le) == 0x0112) {
			unsigned v = tiff16(t + e + 8, le);
			return tiff16(t + e + 2, le) == 3 && v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
}

int image_orientation(const unsigned char *p, size_t n)
{
	const unsigned char *s;
	size_t len;
	return jpeg_find(p, n, is_exif, &s, &len) ? tiff_orientation(s + 6, len - 6) : 1;
}

/* Where the pixel (x, y) of the upright picture comes from in one stored w×h under Exif
 * orientation o: 2 mirrored, 3 turned half round, 4 upside down, 5 transposed, 6 to be turned
 * a quarter clockwise, 7 transversed, 8 to be turned a quarter anticlockwise. */
static void upright_source(int o, int x, int y, int w, int h, int *sx, int *sy)
{
	switch (o) {
	case 2: *sx = w - 1 - x; *sy = y; break;
	case 3: *sx = w - 1 - x; *sy = h - 1 - y; break;
	case 4: *sx = x; *sy = h - 1 - y; break;
	case 5: *sx = y; *sy = x; break;
	case 6: *sx = y; *sy = h - 1 - x; break;
	case 7: *sx = w - 1 - y; *sy = h - 1 - x; break;
	case 8: *sx = w - 1 - y; *sy = x; break;
	default: *sx = x; *sy = y; break;
	}
}

/* The picture upright and opaque: each pixel from its source, blended over white by its
 * alpha (gd: 0 opaque … 127 transparent). */
static gdImagePtr upright_on_white(gdImagePtr src, int o)
{
	int w = gdImageSX(src), h = gdImageSY(src), turned = o >= 5;
	gdImagePtr out = gdImageCreateTrueColor(turned ? h : w, turned ? w : h);
	if (out == NULL)
		return NULL;
	gdImageAlphaBlending(out, 0);
	for (int y = 0; y < gdImageSY(out); y++)
		for (int x = 0; x < gdImageSX(out); x++) {
			int sx, sy;
			upright_source(o, x, y, w, h, &sx, &sy);
			int c = gdImageGetTrueColorPixel(src, sx, sy), clear = gdTrueColorGetAlpha(c);
			int r = (gdTrueColorGetRed(c) * (127 - clear) + 255 * clear) / 127;
			int g = (gdTrueColorGetGreen(c) * (127 - clear) + 255 * clear) / 127;
			int b = (gdTrueColorGetBlue(c) * (127 - clear) + 255 * clear) / 127;
			gdImageSetPixel(out, x, y, gdTrueColor(r, g, b));
		}
	return out;
}

/* Each k×k block of a truecolor picture averaged into one pixel, alpha too (the last columns
 * and rows short of a block are left out): a quick first step down, where gd's resampling
 * costs seconds on a 16-megapixel photo. */
static gdImagePtr box_reduce(gdImagePtr src, int k)
{
	int w = gdImageSX(src) / k, h = gdImageSY(src) / k;
	unsigned cells = (unsigned)(k * k);
	gdImagePtr out = gdImageCreateTrueColor(w, h);
	if (out == NULL)
		return NULL;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			unsigned r = 0, g = 0, b = 0, alpha = 0;
			for (int j = 0; j < k; j++) {
				const int *row = src->tpixels[y * k + j] + x * k;
				for (int i = 0; i < k; i++) {
					r += (unsigned)gdTrueColorGetRed(row[i]);
					g += (unsigned)gdTrueColorGetGreen(row[i]);
					b += (unsigned)gdTrueColorGetBlue(row[i]);
					alpha += (unsigned)gdTrueColorGetAlpha(row[i]);
				}
			}
			out->tpixels[y][x] = gdTrueColorAlpha(r / cells, g / cells, b / cells, alpha / cells);
		}
	return out;
}

unsigned char *image_normalize(struct arena *a, const unsigned char *p, size_t n, int side,
                               int quality, size_t *len)
{
	unsigned ft = file_sniff(p, n);
	if (n > INT_MAX || side < 1)
		return NULL;
	gdImagePtr src = ft == FT_JPEG ? gdImageCreateFromJpegPtr((int)n, (void *)p)
	               : ft == FT_PNG ? gdImageCreateFromPngPtr((int)n, (void *)p) : NULL;
	if (src == NULL)
		return NULL;
	/* scaled first (the turn then walks the small picture): by whole blocks down to no less
	 * than twice the size, then resampled */
	int k = (gdImageSX(src) > gdImageSY(src) ? gdImageSX(src) : gdImageSY(src)) / (2 * side);
	if (k >= 2 && (gdImageTrueColor(src) || gdImagePaletteToTrueColor(src))) {
		gdImagePtr reduced = box_reduce(src, k);
		gdImageDestroy(src);
		if ((src = reduced) == NULL)
			return NULL;
	}
	int sw = gdImageSX(src), sh = gdImageSY(src), longer = sw > sh ? sw : sh;
	int dw = sw, dh = sh;
	if (longer > side) {
		dw = (int)((long long)sw * side / longer);
		dh = (int)((long long)sh * side / longer);
		dw = dw > 0 ? dw : 1;
		dh = dh > 0 ? dh : 1;
	}
	gdImagePtr small = gdImageCreateTrueColor(dw, dh), out = NULL;
	if (small != NULL) {
		gdImageAlphaBlending(small, 0);
		gdImageCopyResampled(small, src, 0, 0, 0, 0, dw, dh, sw, sh);
		out = upright_on_white(small, ft == FT_JPEG ? image_orientation(p, n) : 1);
		gdImageDestroy(small);
	}
	gdImageDestroy(src);
	if (out == NULL)
		return NULL;
	int size = 0;
	void *jpeg = gdImageJpegPtr(out, &size, quality);
	gdImageDestroy(out);
	unsigned char *bytes = NULL;
	if (jpeg != NULL && size > 0) {
		bytes = arena_alloc(a, (size_t)size);
		memcpy(bytes, jpeg, (size_t)size);
		*len = (size_t)size;
	}
	gdFree(jpeg);
	return bytes;
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
