/* files: uploads (photos, scans, signed PDFs) and downloads by their owner or an administrator.
 * A photo is stored normalized (lib/files: a JPEG the size the documents print); scans and
 * PDFs as uploaded. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "ep.h"

#define MULTIPART_SLACK KB(16)  /* part headers and boundaries around the file */

static void upload(struct request *r, enum file_kind kind)
{
	const struct kv *f = req_file(r, "file");
	if (f == NULL || f->len == 0) {
		reply_invalid(r, "file", "请选择要上传的文件");
		return;
	}
	if (f->len > file_kinds[kind].max_bytes) {
		reply_error(r, E_TOO_LARGE, NULL);
		return;
	}
	char name[256];
	snprintf(name, sizeof name, "%s", *f->filename ? f->filename : "file");
	if (!utf8_valid(name, strlen(name)))       /* cut inside a character */
		snprintf(name, sizeof name, "file");
	struct file_bytes b;
	switch (file_accept(r->arena, kind, name, (const unsigned char *)f->val, f->len, &b)) {
	case FILE_OK:
		break;
	case FILE_WRONG_TYPE:
		reply_invalid(r, "file", file_kinds[kind].label);
		return;
	case FILE_TOO_MANY_PIXELS:
		reply_invalid(r, "file", file_kinds[kind].too_big);
		return;
	case FILE_UNREADABLE:
		reply_invalid(r, "file", "无法读取这张图片，请换一张 JPG 或 PNG 图片");
		return;
	}
	long long id;
	if (file_store(r->session->user_id, kind, b.name, b.ft, b.data, b.len, &id) != 0) {
		reply_db_error(r);
		return;
	}
	unsigned char h[HASH_BYTES];
	crypto_hash_sha256(h, b.data, b.len);
	cJSON *o = cJSON_CreateObject(), *file = cJSON_AddObjectToObject(o, "file");
	cJSON_AddNumberToObject(file, "id", (double)id);
	cJSON_AddStringToObject(file, "kind", file_kinds[kind].name);
	cJSON_AddStringToObject(file, "name", b.name);
	cJSON_AddStringToObject(file, "type", file_type_name(b.ft));
	cJSON_AddNumberToObject(file, "size", (double)b.len);
	cJSON_AddStringToObject(file, "sha256", hex_encode(r->arena, h, sizeof h));
	reply_json(r, 201, o);
}

static void upload_photo(struct request *r) { upload(r, FILE_PHOTO); }
static void upload_scan(struct request *r) { upload(r, FILE_SCAN); }
static void upload_pdf(struct request *r) { upload(r, FILE_PDF); }

/* GET /<id>[?inline=1] */
static void download(struct request *r)
{
	struct stored_file f;
	int rc = file_load(r, r->ids[0], &f);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		reply_error(r, E_NOT_FOUND, "文件不存在");
		return;
	}
	const char *inl = req_arg(r, "inline");
	reply_file(r, f.content_type, f.name, inl != NULL && strcmp(inl, "1") == 0, f.data, f.size);
}

static const struct route routes[] = {
	{ M_POST, "/photo", upload_photo, ROLE_EXPERT, MB(2) + MULTIPART_SLACK, NULL, 0 },
	{ M_POST, "/scan", upload_scan, ROLE_EXPERT, MB(5) + MULTIPART_SLACK, NULL, 0 },
	{ M_POST, "/pdf", upload_pdf, ROLE_EXPERT, MB(10) + MULTIPART_SLACK, NULL, 0 },
	{ M_GET, "/#", download, ANY_USER, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
