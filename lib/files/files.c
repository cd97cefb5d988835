/* File kinds, sniffing and storage. */
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "http/run.h"
#include "http/session.h"
#include "files/files.h"

/* Photos: a phone's 12 or 16 megapixels pass, a 6000×6000 picture (36 MP, 144 MB decoded)
 * does not. Scans are kept as uploaded and never decoded here: an A4 page at 600 dpi (35 MP)
 * passes. */
const struct file_kind_info file_kinds[FILE__MAX] = {
	[FILE_PHOTO] = { "photo", MB(2), FT_JPEG | FT_PNG, "照片须为 JPG 或 PNG 图片",
	                 IMAGE_DOC_MAX_SIDE, IMAGE_DOC_MAX_PIXELS,
	                 "照片尺寸过大（每边不超过 6000 像素，总共不超过 1600 万像素）", 1 },
	[FILE_SCAN] = { "scan", MB(5), FT_JPEG | FT_PNG | FT_PDF, "扫描件须为 JPG、PNG 图片或 PDF 文件",
	                IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS, "图片尺寸过大（每边不超过 12000 像素，总共不超过 4000 万像素）", 0 },
	[FILE_PDF] = { "pdf", MB(10), FT_PDF, "请上传 PDF 文件", 0, 0, NULL, 0 },
};

int file_kind_named(const char *name, enum file_kind *kind)
{
	for (int k = 0; k < FILE__MAX; k++)
		if (name != NULL && strcmp(name, file_kinds[k].name) == 0) {
			*kind = (enum file_kind)k;
			return 1;
		}
	return 0;
}

/* The name with its extension made .jpg ("证件照.png" → "证件照.jpg"), within the column's
 * 255 characters and never cut inside one. */
static const char *jpg_name(struct arena *a, const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot != NULL && dot > name ? (size_t)(dot - name) : strlen(name);
	if (stem > 200)
		stem = 200;
	while (stem > 0 && ((unsigned char)name[stem] & 0xC0) == 0x80)
		stem--;
	return arena_printf(a, "%.*s.jpg", (int)stem, name);
}

enum file_verdict file_accept(struct arena *a, enum file_kind kind, const char *name,
                              const unsigned char *data, size_t len, struct file_bytes *out)
{
	const struct file_kind_info *k = &file_kinds[kind];
	unsigned ft = file_sniff(data, len), w, h;
	if ((ft & k->types) == 0)
		return FILE_WRONG_TYPE;
	*out = (struct file_bytes){ ft, data, len, name };
	if (ft != FT_JPEG && ft != FT_PNG)
		return FILE_OK;
	int sized = image_size(data, len, &w, &h);
	if (sized && (w > k->max_side || h > k->max_side || (unsigned long long)w * h > k->max_pixels))
		return FILE_TOO_MANY_PIXELS;
	if (!k->normalize)
		return FILE_OK;
	/* a photo is decoded here, once: only when its size could be read and passed */
	size_t n = 0;
	const unsigned char *jpeg = sized ? image_normalize(a, data, len, PHOTO_SIDE, PHOTO_QUALITY, &n) : NULL;
	if (jpeg == NULL)
		return FILE_UNREADABLE;
	*out = (struct file_bytes){ FT_JPEG, jpeg, n, jpg_name(a, name) };
	return FILE_OK;
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

int file_usable(long long user_id, long long file_id, const char *kinds)
{
	long long owner;
	char *kind;
	int rc = file_owner(file_id, &owner, &kind);
	if (rc <= 0)
		return rc;
	if (owner != user_id)
		return 0;
	size_t n = strlen(kind);
	for (const char *k = kinds; k != NULL; k = strchr(k, '|') ? strchr(k, '|') + 1 : NULL)
		if (strncmp(k, kind, n) == 0 && (k[n] == '\0' || k[n] == '|'))
			return 1;
	return 0;
}
