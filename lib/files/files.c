/* File kinds, sniffing and storage. */
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "http/run.h"
#include "http/session.h"
#include "files/files.h"

const struct file_kind_info file_kinds[FILE__MAX] = {
	[FILE_PHOTO] = { "photo", MB(2), FT_JPEG | FT_PNG, "照片须为 JPG 或 PNG 图片" },
	[FILE_SCAN] = { "scan", MB(5), FT_JPEG | FT_PNG | FT_PDF, "扫描件须为 JPG、PNG 图片或 PDF 文件" },
	[FILE_PDF] = { "pdf", MB(10), FT_PDF, "请上传 PDF 文件" },
};

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
