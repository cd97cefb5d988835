/* File kinds, sniffing and storage. */
#include <string.h>
#include <sodium.h>
#include "db.h"
#include "run.h"
#include "session.h"
#include "files.h"

const struct file_kind_info file_kinds[FILE__MAX] = {
	[FILE_PHOTO] = { "photo", MB(2), FT_JPEG | FT_PNG, "照片须为 JPG 或 PNG 图片" },
	[FILE_SCAN] = { "scan", MB(5), FT_JPEG | FT_PNG | FT_PDF, "扫描件须为 JPG、PNG 图片或 PDF 文件" },
	[FILE_PDF] = { "pdf", MB(10), FT_PDF, "请上传 PDF 文件" },
};

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

int file_store(long long owner, enum file_kind kind, const char *name, unsigned ft,
               const void *data, size_t len, long long *id)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	if (db_exec(SQL_FILE_INSERT, "isssibb", owner, file_kinds[kind].name, file_type_name(ft), name,
	            (long long)len, h, sizeof h, data, len) != 0)
		return -1;
	*id = (long long)db_insert_id(SQL_FILE_INSERT);
	return 0;
}

int file_owner(long long id, long long *owner, char **kind)
{
	return db_one(SQL_FILE_OWNER, "i", "is", id, owner, kind);
}

int file_load(const struct request *r, long long id, struct stored_file *f)
{
	char *kind, *ctype, *name;
	unsigned char *data;
	size_t len;
	int rc = db_one(SQL_FILE_LOAD, "i", "iisssb", id, &f->id, &f->owner, &kind, &ctype, &name, &data, &len);
	if (rc != 1)
		return rc;
	const struct session *s = r->session;
	if (s == NULL || (s->user_id != f->owner && (s->roles & ROLES_ADMIN) == 0))
		return 0;
	f->kind = kind;
	f->content_type = ctype;
	f->name = name;
	f->data = data;
	f->size = len;
	return 1;
}
