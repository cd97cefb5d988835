/* libFuzzer driver: image headers (file_sniff, image_size). Uploads are refused by the size
 * image_size reads, and libgd and libharu then decode with libjpeg and libpng, which allocate by
 * the size they read themselves: so whenever libjpeg's or libpng's header reader (bounded: no
 * pixels are decoded) finds an image, image_size must have found the same size. */
#include <setjmp.h>
#include "fuzz.h"
#include <jpeglib.h>
#include <png.h>
#include "doc/image.h"

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf out;
};
static void jpeg_exit(j_common_ptr c) { longjmp(((struct jpeg_fail *)c->err)->out, 1); }
static void jpeg_message(j_common_ptr c, int level) { (void)c; (void)level; }

/* The size libjpeg reads up to the first scan, as gdImageCreateFromJpegPtr does; 0 if none. */
static int jpeg_header(const uint8_t *p, size_t n, unsigned *w, unsigned *h)
{
	static struct jpeg_decompress_struct ci;
	static struct jpeg_fail err;
	ci.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = jpeg_exit;
	err.mgr.emit_message = jpeg_message;
	if (setjmp(err.out)) {
		jpeg_destroy_decompress(&ci);
		return 0;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, p, (unsigned long)n);
	int ok = jpeg_read_header(&ci, TRUE) == JPEG_HEADER_OK;
	*w = ci.image_width;
	*h = ci.image_height;
	jpeg_destroy_decompress(&ci);
	return ok;
}

struct mem {
	const uint8_t *p;
	size_t n, at;
};
static void png_fail(png_structp png, png_const_charp msg) { (void)msg; png_longjmp(png, 1); }
static void png_warn(png_structp png, png_const_charp msg) { (void)png; (void)msg; }
static void png_from_mem(png_structp png, png_bytep out, size_t len)
{
	struct mem *m = png_get_io_ptr(png);
	if (len > m->n - m->at)
		png_error(png, "short");
	memcpy(out, m->p + m->at, len);
	m->at += len;
}

/* Every chunk before the first IDAT lies within the file. libpng allocates a chunk's declared
 * length before reading it (up to 2 GiB, virtual memory only outside ASan), and fails when
 * the data runs out: such a file has no size for libpng, and is not worth the allocation. */
static int chunks_fit(const uint8_t *p, size_t n)
{
	for (size_t i = 8; n - i >= 8; ) {
		size_t len = (size_t)p[i] << 24 | (size_t)p[i + 1] << 16 | (size_t)p[i + 2] << 8 | p[i + 3];
		if (memcmp(p + i + 4, "IDAT", 4) == 0)
			return 1;
		if (len > n - i - 8)
			return 0;
		i += 8 + len;
		if (n - i < 4)
			return 0;
		i += 4;                 /* the CRC */
	}
	return 0;
}

/* The size libpng reads up to the first image data, as gdImageCreateFromPngPtr does; 0 if none. */
static int png_header(const uint8_t *p, size_t n, unsigned *w, unsigned *h)
{
	static struct mem m;
	static png_structp png;
	static png_infop info;
	m = (struct mem){ p, n, 0 };
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_warn);
	info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return 0;
	}
	png_set_read_fn(png, &m, png_from_mem);
	png_read_info(png, info);
	*w = png_get_image_width(png, info);
	*h = png_get_image_height(png, info);
	png_destroy_read_struct(&png, &info, NULL);
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned ft = file_sniff(data, size);
	CHECK(ft == 0 || ft == FT_JPEG || ft == FT_PNG || ft == FT_PDF);
	CHECK(strcmp(file_type_name(ft), "application/octet-stream") != 0 || ft == 0);
	unsigned w = 0, h = 0, w2, h2;
	int got = image_size(data, size, &w, &h);
	/* a size only for a PNG or what starts as a JPEG does (libjpeg, too, passes over stray
	 * bytes right after the SOI, which file_sniff does not call a JPEG: refused at upload) */
	CHECK(!got || ft == FT_PNG || (data[0] == 0xFF && data[1] == 0xD8));
	/* read on a longer piece of the same file, the same answer (uploads may be checked by
	 * their first piece) */
	if (size > 0 && image_size(data, size - 1, &w2, &h2))
		CHECK(got && w == w2 && h == h2);
	if (ft == FT_JPEG && jpeg_header(data, size, &w2, &h2)) {
		if (!got || w != w2 || h != h2)
			fprintf(stderr, "libjpeg reads %ux%u, image_size %s %ux%u\n", w2, h2, got ? "reads" : "fails", w, h);
		CHECK(got && w == w2 && h == h2);
	}
	if (ft == FT_PNG && chunks_fit(data, size) && png_header(data, size, &w2, &h2))
		CHECK(got && w == w2 && h == h2);
	return 0;
}
