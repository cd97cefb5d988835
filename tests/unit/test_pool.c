/* Unit tests for the pool's pure parts: number formats, masking, the live certificate status,
 * verification tags, image sizes, list parameters' LIKE patterns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "pool/certificate.h"
#include "core/config.h"
#include "core/crypto.h"
#include "pool/expert.h"
#include "files/files.h"
#include "http/listing.h"
#include "db/rows.h"
#include "pool/formats.h"
#include "pool/rows.def"

static struct arena a;

/* a list sorts by a key of its rows only, descending with "-" before it; a skipped column is
 * no key */
static void test_sort_keys(void **state)
{
	(void)state;
	static const struct column pool_cols[] = ROW_COLUMNS(POOL_ROW);
	static const struct column skip[] = { { "version", COL_SKIP, NULL } };
	assert_true(columns_sort_ok(COLUMNS(pool_cols), "joined_at"));
	assert_true(columns_sort_ok(COLUMNS(pool_cols), "-joined_at"));
	assert_true(columns_sort_ok(COLUMNS(pool_cols), "expert_no"));
	assert_false(columns_sort_ok(COLUMNS(pool_cols), "profile"));
	assert_false(columns_sort_ok(COLUMNS(pool_cols), "--name"));
	assert_false(columns_sort_ok(COLUMNS(pool_cols), ""));
	assert_false(columns_sort_ok(COLUMNS(pool_cols), NULL));
	assert_false(columns_sort_ok(COLUMNS(skip), "version"));
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(crypto_init(), 0);
	memset(cfg.secret, 7, sizeof cfg.secret);
	cfg.site_url = "https://zjk.example.gov.cn/";
	arena_current = &a;
	return 0;
}

static void test_number_format(void **state)
{
	(void)state;
	assert_string_equal(number_format(&a, "ZJ{year}{seq:5}", 2026, 42), "ZJ202600042");
	assert_string_equal(number_format(&a, "ZS-{year}-{seq:6}", 2027, 1234567), "ZS-2027-1234567");
	assert_string_equal(number_format(&a, "{seq}", 2026, 7), "7");
	assert_string_equal(number_format(&a, "No.{seq:3}/{year}", 2026, 5), "No.005/2026");
	/* what is not a placeholder stays as it is */
	assert_string_equal(number_format(&a, "A{seq:0}{seq:13}{yr}", 2026, 5), "A{seq:0}{seq:13}{yr}");
	assert_string_equal(number_format(&a, "", 2026, 5), "");
}

static void test_masks(void **state)
{
	(void)state;
	assert_string_equal(mask_id(&a, "11010519491231002X"), "110***********002X");
	assert_string_equal(mask_id(&a, "E12345678"), "E12**5678");
	assert_string_equal(mask_id(&a, "AB12"), "A***");
	assert_string_equal(mask_id(&a, NULL), "");
	assert_string_equal(mask_name(&a, "张三"), "张*");
	assert_string_equal(mask_name(&a, "欧阳建国"), "欧***");
	assert_string_equal(mask_name(&a, "李"), "李*");
	assert_string_equal(mask_name(&a, "Li Lei"), "L*****");
	assert_string_equal(mask_name(&a, ""), "");
}

static void test_live_status(void **state)
{
	(void)state;
	struct certificate c = { .status = "valid", .past = 0 };
	assert_string_equal(cert_live_status(&c, "active"), "valid");
	assert_string_equal(cert_live_status(&c, "suspended"), "suspended");
	assert_string_equal(cert_live_status(&c, "removed"), "removed");
	c.past = 1;             /* past its validity before the daily run marked it */
	assert_string_equal(cert_live_status(&c, "active"), "expired");
	assert_string_equal(cert_live_status(&c, "suspended"), "expired");
	c.status = "expired";
	c.past = 0;
	assert_string_equal(cert_live_status(&c, "active"), "expired");
	c.status = "revoked";
	assert_string_equal(cert_live_status(&c, "active"), "revoked");
	assert_string_equal(cert_live_status(&c, "removed"), "revoked");
	assert_string_equal(cert_status_label("suspended"), "暂停");
}

static void test_verify_tag(void **state)
{
	(void)state;
	char *url = cert_verify_url(&a, "ZS2026000001");
	const char *prefix = "https://zjk.example.gov.cn/verify/ZS2026000001?t=";
	assert_memory_equal(url, prefix, strlen(prefix));
	const char *tag = url + strlen(prefix);
	assert_int_equal(strlen(tag), 20);
	assert_true(cert_tag_ok("ZS2026000001", tag));
	assert_false(cert_tag_ok("ZS2026000002", tag));          /* the tag is the number's own */
	char forged[21];
	memcpy(forged, tag, 21);
	forged[0] = forged[0] == 'a' ? 'b' : 'a';
	assert_false(cert_tag_ok("ZS2026000001", forged));
	assert_false(cert_tag_ok("ZS2026000001", NULL));
	assert_false(cert_tag_ok("ZS2026000001", ""));
	memset(cfg.secret, 8, sizeof cfg.secret);                 /* another deployment's key */
	assert_false(cert_tag_ok("ZS2026000001", tag));
	memset(cfg.secret, 7, sizeof cfg.secret);
}

static void test_image_size(void **state)
{
	(void)state;
	unsigned w = 0, h = 0;
	static const unsigned char png[24] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
	                                       'I', 'H', 'D', 'R', 0, 0, 0x4e, 0x20, 0, 0, 0x01, 0x90 };
	assert_int_equal(image_size(png, sizeof png, &w, &h), 1);
	assert_int_equal(w, 20000);
	assert_int_equal(h, 400);
	/* JPEG: an APP0 segment, then the start of frame with height 0x0300 and width 0x0400 */
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xc0,
	                                     0x00, 0x11, 0x08, 0x03, 0x00, 0x04, 0x00, 0x03, 0x01, 0x22 };
	assert_int_equal(image_size(jpg, sizeof jpg, &w, &h), 1);
	assert_int_equal(w, 1024);
	assert_int_equal(h, 768);
	/* a JPEG without a frame header, a truncated one, and not an image */
	static const unsigned char bare[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46,
	                                      0x00, 0x01, 0xff, 0xd9 };
	assert_int_equal(image_size(bare, sizeof bare, &w, &h), 0);
	assert_int_equal(image_size(jpg, 9, &w, &h), 0);
	assert_int_equal(image_size((const unsigned char *)"%PDF-1.4 xxxxxxxxxxxxxxxxxxx", 28, &w, &h), 0);
}

/* Found by tests/fuzz/fuzz_image: libjpeg (which libgd decodes with) reads these frame headers,
 * so image_size must read them too, or the upload's pixel bound is never applied. */
static void test_image_size_as_libjpeg(void **state)
{
	(void)state;
	/* a frame of 6000×7000 (over IMAGE_MAX_PIXELS), behind what comes before it */
	static const char sof[] = "\xff\xc0\x00\x0b\x08\x1b\x58\x17\x70\x01\x01\x11\x00";
	static const struct { const char b[12]; size_t n; } before[] = {
		{ "\xff\xe1\x00\x01", 4 },                  /* a segment length under 2: libjpeg skips the length */
		{ "\xff\xfe\x00\x00", 4 },                  /* a comment of length 0 */
		{ "\xff\xe0\x00\x04JF\x00\x12\x34", 9 },     /* stray bytes between segments */
		{ "\xff\xd0", 2 },                          /* RST0: a marker without a length */
		{ "\xff\x01", 2 },                          /* TEM: the same */
		{ "\xff\xe0\x00\x04JF\xff\x00", 8 },         /* a stuffed FF 00 */
		{ "\xff\xff\xff\xe0\x00\x04JF", 8 },         /* fill bytes */
	};
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
		unsigned char buf[64] = { 0xff, 0xd8 };
		memcpy(buf + 2, before[i].b, before[i].n);
		memcpy(buf + 2 + before[i].n, sof, sizeof sof - 1);
		unsigned w = 0, h = 0;
		assert_int_equal(image_size(buf, 2 + before[i].n + sizeof sof - 1, &w, &h), 1);
		assert_int_equal(w, 6000);
		assert_int_equal(h, 7000);
	}
	/* the end of the image, or its first scan, before any frame: no size */
	unsigned w, h;
	assert_int_equal(image_size((const unsigned char *)"\xff\xd8\xff\xd9\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01", 14, &w, &h), 0);
	assert_int_equal(image_size((const unsigned char *)"\xff\xd8\xff\xda\x00\x02\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01", 16, &w, &h), 0);
}

/* Found by tests/fuzz/fuzz_image: libpng (libgd's and libharu's PNG reader) passes over an
 * unknown ancillary chunk before IHDR, so image_size must find the IHDR behind it too. */
static void test_image_size_png_chunk_before_ihdr(void **state)
{
	(void)state;
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 3, 't', 'G', 'X', 't', 'a', 'b', 'c', 0x11, 0x22, 0x33, 0x44,     /* length, type, data, CRC */
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x32, 0xc8, 0, 0, 0, 3, 8, 0, 0, 0, 0, 0x83, 0x1a, 0xed, 0xe8,
	};
	unsigned w = 0, h = 0;
	assert_int_equal(image_size(png, sizeof png, &w, &h), 1);
	assert_int_equal(w, 13000);
	assert_int_equal(h, 3);
	/* a chunk running past the end hides nothing: no size */
	assert_int_equal(image_size(png, 30, &w, &h), 0);
}

static void test_like_pattern(void **state)
{
	(void)state;
	assert_string_equal(like_pattern(&a, "张"), "%张%");
	assert_string_equal(like_pattern(&a, "100%_a\\b"), "%100\\%\\_a\\\\b%");
	assert_string_equal(like_pattern(&a, ""), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_format),
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_live_status),
		cmocka_unit_test(test_verify_tag),
		cmocka_unit_test(test_image_size),
		cmocka_unit_test(test_image_size_as_libjpeg),
		cmocka_unit_test(test_image_size_png_chunk_before_ihdr),
		cmocka_unit_test(test_like_pattern),
		cmocka_unit_test(test_sort_keys),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	arena_free(&a);
	return rc;
}
