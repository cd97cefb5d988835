/* files: uploads (photos, scans, signed PDFs) and downloads by their owner or an administrator. */
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
	unsigned ft = file_sniff((const unsigned char *)f->val, f->len);
	if ((ft & file_kinds[kind].types) == 0) {
		reply_invalid(r, "file", file_kinds[kind].label);
		return;
	}
	unsigned width, height;
	if ((ft == FT_JPEG || ft == FT_PNG) &&
	    image_size((const unsigned char *)f->val, f->len, &width, &height) &&
	    (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE ||
	     (unsigned long long)width * height > IMAGE_MAX_PIXELS)) {
		reply_invalid(r, "file", "图片尺寸过大（长边不超过 12000 像素）");
		return;
	}
	char name[256];
	snprintf(name, sizeof name, "%s", *f->filename ? f->filename : "file");
	if (!utf8_valid(name, strlen(name)))       /* cut inside a character */
		snprintf(name, sizeof name, "file");
	long long id;
	if (file_store(r->session->user_id, kind, name, ft, f->val, f->len, &id) != 0) {
		reply_db_error(r);
		return;
	}
	unsigned char h[HASH_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)f->val, f->len);
	cJSON *o = cJSON_CreateObject(), *file = cJSON_AddObjectToObject(o, "file");
	cJSON_AddNumberToObject(file, "id", (double)id);
	cJSON_AddStringToObject(file, "kind", file_kinds[kind].name);
	cJSON_AddStringToObject(file, "name", name);
	cJSON_AddStringToObject(file, "type", file_type_name(ft));
	cJSON_AddNumberToObject(file, "size", (double)f->len);
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
