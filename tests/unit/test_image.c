/* Unit tests for pictures (lib/doc/image.c, lib/files/files.c): the size and Exif orientation
 * an image declares, the photo normalized at upload (scaled, upright, on white, a JPEG), and
 * what each kind of upload accepts. Pictures are made with libgd here; no database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <gd.h>
#include "doc/image.h"
#include "files/files.h"

static struct arena a;
/* starts like a JPEG (SOI, a JFIF segment cut short) and is no picture */
static const unsigned char jpeg_like[] = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\xFF\xD9";
static int teardown(void **state) { arena_reset(&a); return 0; }

/* A w×h picture, its left half black and its right half white, as a JPEG (or PNG) in the arena. */
static unsigned char *picture(int w, int h, int png, size_t *len)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	gdImageFilledRectangle(im, 0, 0, w / 2 - 1, h - 1, gdTrueColor(0, 0, 0));
	gdImageFilledRectangle(im, w / 2, 0, w - 1, h - 1, gdTrueColor(255, 255, 255));
	int size = 0;
	void *p = png ? gdImagePngPtr(im, &size) : gdImageJpegPtr(im, &size, 90);
	unsigned char *out = arena_alloc(&a, (size_t)size);
	memcpy(out, p, (size_t)size);
	*len = (size_t)size;
	gdFree(p);
	gdImageDestroy(im);
	return out;
}

/* The JPEG with an Exif segment (APP1) right after its SOI giving orientation o, in big-endian
 * ("MM") or little-endian ("II") byte order. */
static unsigned char *with_exif(const unsigned char *jpeg, size_t len, int o, int le, size_t *out_len)
{
	unsigned char app1[36] = { 0xFF, 0xE1, 0x00, 34, 'E', 'x', 'i', 'f', 0, 0 };
	unsigned char *t = app1 + 10;
	const unsigned char mm[] = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)o, 0, 0, 0, 0, 0, 0 };
	const unsigned char ii[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (unsigned char)o, 0, 0, 0, 0, 0, 0, 0 };
	memcpy(t, le ? ii : mm, sizeof mm);
	unsigned char *out = arena_alloc(&a, len + sizeof app1);
	memcpy(out, jpeg, 2);
	memcpy(out + 2, app1, sizeof app1);
	memcpy(out + 2 + sizeof app1, jpeg + 2, len - 2);
	*out_len = len + sizeof app1;
	return out;
}

/* The brightness (0–255) of pixel (x, y) of a JPEG. */
static int grey_at(const unsigned char *jpeg, size_t len, int x, int y)
{
	gdImagePtr im = gdImageCreateFromJpegPtr((int)len, (void *)jpeg);
	assert_non_null(im);
	int c = gdImageGetTrueColorPixel(im, x, y);
	gdImageDestroy(im);
	return (gdTrueColorGetRed(c) + gdTrueColorGetGreen(c) + gdTrueColorGetBlue(c)) / 3;
}

static void size_of(const unsigned char *p, size_t n, unsigned w, unsigned h)
{
	unsigned gw = 0, gh = 0;
	assert_int_equal(image_size(p, n, &gw, &gh), 1);
	assert_int_equal(gw, w);
	assert_int_equal(gh, h);
}

static void test_orientation(void **state)
{
	size_t len, n;
	unsigned char *jpeg = picture(64, 48, 0, &len);
	assert_int_equal(image_orientation(jpeg, len), 1);             /* none */
	for (int o = 1; o <= 8; o++)
		for (int le = 0; le <= 1; le++) {
			unsigned char *x = with_exif(jpeg, len, o, le, &n);
			assert_int_equal(image_orientation(x, n), o);
			size_of(x, n, 64, 48);                                  /* the frame is still found */
		}
	/* out of range, another type than SHORT, a cut segment, a broken TIFF header: 1 */
	unsigned char *x = with_exif(jpeg, len, 9, 0, &n);
	assert_int_equal(image_orientation(x, n), 1);
	x = with_exif(jpeg, len, 6, 0, &n);
	x[2 + 10 + 13] = 4;                                             /* LONG */
	assert_int_equal(image_orientation(x, n), 1);
	x = with_exif(jpeg, len, 6, 0, &n);
	assert_int_equal(image_orientation(x, 2 + 10 + 12), 1);
	x = with_exif(jpeg, len, 6, 0, &n);
	x[2 + 10 + 4] = 0x7F;                                           /* IFD far outside */
	assert_int_equal(image_orientation(x, n), 1);
	assert_int_equal(image_orientation((const unsigned char *)"\x89PNG", 4), 1);
}

static void test_normalize(void **state)
{
	size_t len, n, out;
	unsigned char *jpeg = picture(3000, 2000, 0, &len), *x;
	/* scaled to 600 on the longer side, the left half still dark */
	unsigned char *p = image_normalize(&a, jpeg, len, 600, 85, &out);
	assert_non_null(p);
	assert_int_equal(file_sniff(p, out), FT_JPEG);
	size_of(p, out, 600, 400);
	assert_true(grey_at(p, out, 20, 200) < 60);
	assert_true(grey_at(p, out, 580, 200) > 200);
	/* turned upright: 6 a quarter clockwise (the left side goes to the top), 8 anticlockwise
	 * (to the bottom), 3 half round (to the right) */
	x = with_exif(jpeg, len, 6, 0, &n);
	p = image_normalize(&a, x, n, 600, 85, &out);
	size_of(p, out, 400, 600);
	assert_true(grey_at(p, out, 200, 20) < 60);
	assert_true(grey_at(p, out, 200, 580) > 200);
	x = with_exif(jpeg, len, 8, 1, &n);
	p = image_normalize(&a, x, n, 600, 85, &out);
	size_of(p, out, 400, 600);
	assert_true(grey_at(p, out, 200, 20) > 200);
	assert_true(grey_at(p, out, 200, 580) < 60);
	x = with_exif(jpeg, len, 3, 0, &n);
	p = image_normalize(&a, x, n, 600, 85, &out);
	size_of(p, out, 600, 400);
	assert_true(grey_at(p, out, 20, 200) > 200);
	/* no metadata is kept */
	assert_int_equal(image_orientation(p, out), 1);
	/* a small PNG is not scaled up; its transparent pixels become white */
	gdImagePtr im = gdImageCreateTrueColor(40, 30);
	gdImageAlphaBlending(im, 0);
	gdImageSaveAlpha(im, 1);
	gdImageFilledRectangle(im, 0, 0, 39, 29, gdTrueColorAlpha(0, 0, 0, 127));
	int size;
	void *png = gdImagePngPtr(im, &size);
	gdImageDestroy(im);
	p = image_normalize(&a, png, (size_t)size, 600, 85, &out);
	gdFree(png);
	size_of(p, out, 40, 30);
	assert_true(grey_at(p, out, 20, 15) > 240);
	/* what cannot be decoded */
	assert_null(image_normalize(&a, jpeg_like, sizeof jpeg_like - 1, 600, 85, &out));
	assert_null(image_normalize(&a, (const unsigned char *)"%PDF-1.4\n", 9, 600, 85, &out));
}

/* A PNG that is only a signature and a header declaring w×h. */
static unsigned char *png_header(unsigned w, unsigned h, size_t *len)
{
	static unsigned char b[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	for (int i = 0; i < 4; i++) {
		b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
		b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	b[24] = 8;
	b[25] = 2;
	*len = sizeof b;
	return b;
}

static void test_accept(void **state)
{
	struct file_bytes b;
	size_t len;
	/* a photo of 6000×6000 (36 MP) is refused before anything decodes it; so is one side over 6000 */
	unsigned char *big = png_header(6000, 6000, &len);
	assert_int_equal(file_accept(&a, FILE_PHOTO, "a.png", big, len, &b), FILE_TOO_MANY_PIXELS);
	assert_int_equal(file_accept(&a, FILE_PHOTO, "a.png", png_header(6001, 100, &len), len, &b), FILE_TOO_MANY_PIXELS);
	/* a scan of the same size is kept as it came (an A4 page at 600 dpi is 35 MP) */
	big = png_header(6000, 6000, &len);
	assert_int_equal(file_accept(&a, FILE_SCAN, "a.png", big, len, &b), FILE_OK);
	assert_ptr_equal(b.data, big);
	assert_int_equal(b.ft, FT_PNG);
	assert_string_equal(b.name, "a.png");
	assert_int_equal(file_accept(&a, FILE_SCAN, "a.png", png_header(8000, 8000, &len), len, &b), FILE_TOO_MANY_PIXELS);
	/* a 3000×2000 photo is stored as a 600×400 JPEG named .jpg */
	unsigned char *photo = picture(3000, 2000, 1, &len);
	assert_int_equal(file_accept(&a, FILE_PHOTO, "证件照.png", photo, len, &b), FILE_OK);
	assert_int_equal(b.ft, FT_JPEG);
	assert_string_equal(b.name, "证件照.jpg");
	size_of(b.data, b.len, 600, 400);
	assert_int_equal(file_accept(&a, FILE_PHOTO, "me", photo, len, &b), FILE_OK);
	assert_string_equal(b.name, "me.jpg");
	/* a photo that only looks like a JPEG, and a PDF as a photo */
	assert_int_equal(file_accept(&a, FILE_PHOTO, "a.jpg", jpeg_like, sizeof jpeg_like - 1, &b), FILE_UNREADABLE);
	assert_int_equal(file_accept(&a, FILE_PHOTO, "a.pdf", (const unsigned char *)"%PDF-1.4\n", 9, &b), FILE_WRONG_TYPE);
	/* documents leave out what is too large to decode */
	assert_false(image_fits_document(png_header(6000, 6000, &len), len));
	assert_true(image_fits_document(photo, len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_orientation, teardown),
		cmocka_unit_test_teardown(test_normalize, teardown),
		cmocka_unit_test_teardown(test_accept, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
