/* Unit tests for QR codes (lib/qr.c) and the certificate documents (lib/certdoc.c): the PNG
 * and the PDF come out whole with or without photo, seal and data, and when zbarimg is
 * installed the QR code printed on the PNG reads back as the verification link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <gd.h>
#include "doc/certdoc.h"
#include "core/config.h"
#include "doc/qr.h"

#define URL "https://experts.example.gov.cn/verify?cert=ZS2026-00017&t=Xk3v9QpLm2Rt8WzA4c"
#define PNG_MAGIC "\x89PNG\r\n\x1a\n"

static struct arena a;
static const char *specialties[] = {
	"市政工程 / 道路工程 / 城市道路", "房屋市政工程 / 房屋建筑工程 / 建筑结构",
	"市政工程 / 桥梁工程 / 城市桥梁",
};
static unsigned char *photo;
static int photo_len;
static char seal_path[] = "/tmp/test_certdoc_seal_XXXXXX";

/* A portrait-shaped JPEG and a seal: a red ring on a transparent ground. */
static int setup(void **state)
{
	cfg.pdf_font = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
	gdImagePtr im = gdImageCreateTrueColor(120, 160);
	gdImageFilledRectangle(im, 0, 0, 119, 159, gdTrueColor(80, 130, 200));
	gdImageFilledEllipse(im, 60, 70, 60, 76, gdTrueColor(230, 195, 165));
	photo = gdImageJpegPtr(im, &photo_len, 85);
	gdImageDestroy(im);

	int fd = mkstemp(seal_path);
	if (fd < 0 || photo == NULL)
		return -1;
	im = gdImageCreateTrueColor(200, 200);
	gdImageAlphaBlending(im, 0);
	gdImageSaveAlpha(im, 1);
	gdImageFilledRectangle(im, 0, 0, 199, 199, gdTrueColorAlpha(255, 255, 255, gdAlphaTransparent));
	for (int r = 90; r < 97; r++)
		gdImageEllipse(im, 100, 100, 2 * r, 2 * r, gdTrueColorAlpha(220, 20, 30, 20));
	int size = 0;
	void *png = gdImagePngPtr(im, &size);
	gdImageDestroy(im);
	int ok = png != NULL && write(fd, png, (size_t)size) == size;
	gdFree(png);
	close(fd);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	unlink(seal_path);
	gdFree(photo);
	arena_free(&a);
	return 0;
}

static struct certdoc sample(void)
{
	struct certdoc c = {
		.authority = "某某市住房和城乡建设局", .name = "张三丰", .gender = "男",
		.expert_no = "ZJ202600017", .cert_no = "ZS2026-00017",
		.specialties = specialties, .nspecialties = 3,
		.issued_on = "2026-11-20", .valid_until = "2029-11-19", .verify_url = URL,
	};
	return c;
}

static void test_qr_url(void **state)
{
	struct qr q;
	assert_int_equal(qr_encode(&a, URL, &q), 0);
	assert_true(q.width >= 25);
	size_t dark = 0, n = (size_t)q.width * (size_t)q.width;
	for (size_t i = 0; i < n; i++) {
		assert_true(q.dark[i] == 0 || q.dark[i] == 1);
		dark += q.dark[i];
	}
	assert_true(dark > n / 4 && dark < n * 3 / 4);
	assert_int_equal(q.dark[0], 1);                     /* a finder pattern's corner */
}

static void test_qr_refuses(void **state)
{
	struct qr q;
	assert_int_equal(qr_encode(&a, "https://example.cn/验证", &q), -1);
	assert_int_equal(qr_encode(&a, "", &q), -1);
	assert_int_equal(qr_encode(&a, NULL, &q), -1);
}

static void assert_png(const struct certdoc *c)
{
	size_t len = 0;
	unsigned char *png = certdoc_png(&a, c, &len);
	assert_non_null(png);
	assert_memory_equal(png, PNG_MAGIC, 8);
	assert_true(len > 20000 && len < 4000000);
}

static void test_png(void **state)
{
	struct certdoc c = sample();
	assert_png(&c);
	c.photo = photo;
	c.photo_len = (size_t)photo_len;
	c.seal_path = seal_path;
	assert_png(&c);
	c.photo = (const unsigned char *)"not an image";     /* falls back to the placeholder */
	c.photo_len = 12;
	c.seal_path = "/nonexistent/seal.png";
	assert_png(&c);
}

static void test_pdf(void **state)
{
	struct certdoc c = sample();
	c.photo = photo;
	c.photo_len = (size_t)photo_len;
	c.seal_path = seal_path;
	size_t len = 0;
	unsigned char *pdf = certdoc_pdf(&a, &c, &len);
	assert_non_null(pdf);
	assert_memory_equal(pdf, "%PDF", 4);
	assert_true(len > 10000);
}

/* Every field missing, or far too long: still a document. */
static void test_missing_and_long(void **state)
{
	struct certdoc empty = { 0 };
	size_t len = 0;
	assert_png(&empty);
	assert_non_null(certdoc_pdf(&a, &empty, &len));

	struct certdoc c = sample();
	const char *many[12];
	for (int i = 0; i < 12; i++)
		many[i] = "房屋市政工程 / 房屋建筑工程 / 建筑结构与地基基础工程";
	c.specialties = many;
	c.nspecialties = 12;
	c.name = "阿卜杜热合曼·买买提艾力·库尔班江阿卜杜热合曼·买买提艾力·库尔班江";
	c.authority = "某某省某某自治州某某县住房和城乡建设局（人民防空办公室）公共资源交易中心评标专家管理办公室";
	c.verify_url = "https://example.cn/验证";                /* not encodable: no QR code */
	assert_png(&c);
	assert_non_null(certdoc_pdf(&a, &c, &len));
}

static int have_zbarimg(void)
{
	return system("command -v zbarimg >/dev/null 2>&1") == 0;
}

static void test_qr_scans(void **state)
{
	if (!have_zbarimg()) {
		skip();
		return;
	}
	struct certdoc c = sample();
	c.photo = photo;
	c.photo_len = (size_t)photo_len;
	c.seal_path = seal_path;
	size_t len = 0;
	unsigned char *png = certdoc_png(&a, &c, &len);
	assert_non_null(png);
	char path[] = "/tmp/test_certdoc_png_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, png, len), (ssize_t)len);
	close(fd);
	char cmd[128], out[512] = "";
	snprintf(cmd, sizeof cmd, "zbarimg -q --raw %s 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t got = fread(out, 1, sizeof out - 1, p);
	pclose(p);
	unlink(path);
	out[got] = '\0';
	out[strcspn(out, "\n")] = '\0';
	assert_string_equal(out, URL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qr_url),
		cmocka_unit_test(test_qr_refuses),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_missing_and_long),
		cmocka_unit_test(test_qr_scans),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
