/* files: uploads (photos, scans, signed PDFs) and downloads by their owner or an administrator.
 * A photo is stored normalized (lib/files: a JPEG the size the documents print); scans and
 * PDFs as uploaded. An upload comes in one request (nginx, a configured Apache) or in chunks of
 * 64 KiB (/uploads: any host, mod_fcgid at its 128 KiB default included; the page uses these). */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "ep.h"
#include "files/upload.h"

#define MULTIPART_SLACK KB(16)  /* part headers and boundaries around the file */
#define CHUNK_SLACK KB(2)       /* the index, the hash, part headers and boundaries of a chunk */

static void reply_refused(struct request *r, enum file_kind kind, enum file_verdict v);
static void reply_stored(struct request *r, enum file_kind kind, const struct file_bytes *b, long long id);

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
	enum file_verdict v = file_accept(r->arena, kind, name, (const unsigned char *)f->val, f->len, &b);
	if (v != FILE_OK) {
		reply_refused(r, kind, v);
		return;
	}
	long long id;
	if (file_store(r->session->user_id, kind, b.name, b.ft, b.data, b.len, &id) != 0) {
		reply_db_error(r);
		return;
	}
	reply_stored(r, kind, &b, id);
}

/* The 422 of a file that file_accept refused, on the field "file". */
static void reply_refused(struct request *r, enum file_kind kind, enum file_verdict v)
{
	static const char *const unreadable = "无法读取这张图片，请换一张 JPG 或 PNG 图片";
	reply_invalid(r, "file", v == FILE_WRONG_TYPE ? file_kinds[kind].label :
	              v == FILE_TOO_MANY_PIXELS ? file_kinds[kind].too_big : unreadable);
}

/* 201 {file:{id, kind, name, type, size, sha256}} of what was stored. */
static void reply_stored(struct request *r, enum file_kind kind, const struct file_bytes *b, long long id)
{
	unsigned char h[HASH_BYTES];
	crypto_hash_sha256(h, b->data, b->len);
	cJSON *o = cJSON_CreateObject(), *file = cJSON_AddObjectToObject(o, "file");
	cJSON_AddNumberToObject(file, "id", (double)id);
	cJSON_AddStringToObject(file, "kind", file_kinds[kind].name);
	cJSON_AddStringToObject(file, "name", b->name);
	cJSON_AddStringToObject(file, "type", file_type_name(b->ft));
	cJSON_AddNumberToObject(file, "size", (double)b->len);
	cJSON_AddStringToObject(file, "sha256", hex_encode(r->arena, h, sizeof h));
	reply_json(r, 201, o);
}

static void upload_photo(struct request *r) { upload(r, FILE_PHOTO); }
static void upload_scan(struct request *r) { upload(r, FILE_SCAN); }
static void upload_pdf(struct request *r) { upload(r, FILE_PDF); }

/* ---- chunked uploads ---------------------------------------------------------------------- */

static const char *check_kind(const char *s)
{
	enum file_kind k;
	return file_kind_named(s, &k) ? NULL : "文件类别无效";
}

static const char *check_sha256(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");
	return n == 64 && s[n] == '\0' ? NULL : "SHA-256 须为 64 位十六进制数";
}

static const char *check_count(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n >= 1 && n <= 9 && s[n] == '\0' && (s[0] != '0' || n == 1) ? NULL : "须为非负整数";
}

static void sha256_of(const char *hex, unsigned char out[32])
{
	size_t n;
	if (sodium_hex2bin(out, 32, hex, 64, NULL, &n, NULL) != 0 || n != 32)
		memset(out, 0, 32);     /* unreachable: check_sha256 passed */
}

static const char *const declared_types[] = { [0] = "image/jpeg", [1] = "image/png", [2] = "application/pdf" };
static const unsigned declared_ft[] = { FT_JPEG, FT_PNG, FT_PDF };

/* What the field table cannot say: a size above 0, a declared type the kind takes (the bytes
 * decide at the end all the same). Over the kind's limit is 413, as for a one-shot upload. */
static void start_check(struct request *r)
{
	enum file_kind kind;
	if (!file_kind_named(req_field(r, "kind"), &kind) || has_field_error(r, "size"))
		return;
	long long size = strtoll(req_field(r, "size"), NULL, 10);
	if (size <= 0)
		field_error(r, "size", "文件是空的，请重新选择");
	const char *type = req_field(r, "type");
	if (type != NULL) {
		size_t i = 0;
		while (i < 3 && strcmp(type, declared_types[i]) != 0)
			i++;
		if (i == 3 || (declared_ft[i] & file_kinds[kind].types) == 0)
			field_error(r, "type", file_kinds[kind].label);
	}
}

/* {upload:{id, kind, name, size, sha256, chunk_size, chunks, received:[…]}} */
static void reply_upload(struct request *r, int status, const struct upload *u)
{
	cJSON *o = cJSON_CreateObject(), *j = cJSON_AddObjectToObject(o, "upload");
	cJSON_AddNumberToObject(j, "id", (double)u->id);
	cJSON_AddStringToObject(j, "kind", file_kinds[u->kind].name);
	cJSON_AddStringToObject(j, "name", u->name);
	cJSON_AddNumberToObject(j, "size", (double)u->size);
	cJSON_AddStringToObject(j, "sha256", hex_encode(r->arena, u->sha256, sizeof u->sha256));
	cJSON_AddNumberToObject(j, "chunk_size", (double)u->chunk_size);
	cJSON_AddNumberToObject(j, "chunks", (double)u->chunks);
	cJSON *got = cJSON_AddArrayToObject(j, "received");
	for (size_t i = 0; i < u->nreceived; i++)
		cJSON_AddItemToArray(got, cJSON_CreateNumber((double)u->received[i]));
	reply_json(r, status, o);
}

/* The reply of a session call that did not go through. */
static void reply_upload_error(struct request *r, enum upload_rc rc, const struct upload *u)
{
	switch (rc) {
	case UP_NOT_FOUND:
		reply_error(r, E_NOT_FOUND, "上传不存在或已过期，请重新上传");
		return;
	case UP_TOO_MANY:
		reply_retry(r, E_RATE_LIMITED, 60, "同时进行的上传过多，请等其他文件上传完成后再试");
		return;
	case UP_BAD_INDEX:
		reply_invalid(r, "index", arena_printf(r->arena, "分块序号须在 0 到 %lld 之间", u->chunks - 1));
		return;
	case UP_BAD_LENGTH:
		reply_invalid(r, "chunk", "分块长度不正确");
		return;
	case UP_BAD_HASH:
		reply_invalid(r, "sha256", "分块校验失败（SHA-256 不符），请重新上传");
		return;
	case UP_INCOMPLETE:
		reply_error(r, E_CONFLICT, "文件尚未上传完整，请继续上传");
		return;
	case UP_MISMATCH:
		reply_invalid(r, "file", "文件校验失败（大小或 SHA-256 不符），请重新上传");
		return;
	default:
		reply_db_error(r);
		return;
	}
}

/* POST /uploads {kind, name, size, sha256[, type]}: 201 a new session, 200 the open one of the
 * same file (resume: `received` lists the chunks it holds). */
static void upload_begin(struct request *r)
{
	enum file_kind kind = FILE_PHOTO;
	file_kind_named(req_field(r, "kind"), &kind);     /* start_fields checked it */
	char name[256];
	snprintf(name, sizeof name, "%s", req_field(r, "name"));
	if (!utf8_valid(name, strlen(name)))
		snprintf(name, sizeof name, "file");
	long long size = strtoll(req_field(r, "size"), NULL, 10);
	if ((size_t)size > file_kinds[kind].max_bytes) {
		reply_error(r, E_TOO_LARGE, arena_printf(r->arena, "文件过大：不能超过 %zu MB",
		                                         file_kinds[kind].max_bytes / MB(1)));
		return;
	}
	unsigned char h[32];
	sha256_of(req_field(r, "sha256"), h);
	struct upload u;
	enum upload_rc rc = upload_start(r->arena, r->session->user_id, kind, arena_strdup(r->arena, name),
	                                 size, h, &u);
	if (rc == UP_OK || rc == UP_RESUMED)
		reply_upload(r, rc == UP_OK ? 201 : 200, &u);
	else
		reply_upload_error(r, rc, &u);
}

/* GET /uploads/<id>: the session as it stands. */
static void upload_status(struct request *r)
{
	struct upload u;
	enum upload_rc rc = upload_get(r->arena, r->session->user_id, r->ids[0], &u);
	if (rc == UP_OK)
		reply_upload(r, 200, &u);
	else
		reply_upload_error(r, rc, &u);
}

/* POST /uploads/<id>/chunk, multipart {index, sha256, chunk}: stores one chunk. */
static void upload_put_chunk(struct request *r)
{
	const struct kv *c = req_file(r, "chunk");
	if (c == NULL || c->len == 0) {
		reply_invalid(r, "chunk", "缺少分块内容");
		return;
	}
	unsigned char h[32];
	sha256_of(req_field(r, "sha256"), h);
	struct upload u = { 0 };
	enum upload_rc rc = upload_chunk(r->arena, r->session->user_id, r->ids[0],
	                                 strtoll(req_field(r, "index"), NULL, 10), h, c->val, c->len, &u);
	if (rc == UP_OK)
		reply_upload(r, 200, &u);
	else
		reply_upload_error(r, rc, &u);
}

/* POST /uploads/<id>/finish: the file, checked whole, stored: 201 {file} as a one-shot upload. */
static void upload_end(struct request *r)
{
	struct upload u = { 0 };
	struct file_bytes b;
	long long id;
	enum file_verdict v;
	enum upload_rc rc = upload_finish(r->arena, r->session->user_id, r->ids[0], &u, &b, &id, &v);
	if (rc == UP_OK)
		reply_stored(r, u.kind, &b, id);
	else if (rc == UP_REFUSED)
		reply_refused(r, u.kind, v);
	else
		reply_upload_error(r, rc, &u);
}

/* DELETE /uploads/<id>: gives the session up. */
static void upload_abandon(struct request *r)
{
	enum upload_rc rc = upload_cancel(r->session->user_id, r->ids[0]);
	if (rc != UP_OK) {
		reply_upload_error(r, rc, NULL);
		return;
	}
	reply_json(r, 200, cJSON_CreateObject());
}

static const struct field start_fields[] = {
	{ "kind", "文件类别", REQUIRED, 10, check_kind },
	{ "name", "文件名", REQUIRED, 200, NULL },
	{ "size", "文件大小", REQUIRED, 10, check_count },
	{ "sha256", "SHA-256", REQUIRED, 64, check_sha256 },
	{ "type", "文件类型", 0, 100, NULL },
	FIELD_END
};

static const struct field chunk_fields[] = {
	{ "index", "分块序号", REQUIRED, 10, check_count },
	{ "sha256", "SHA-256", REQUIRED, 64, check_sha256 },
	FIELD_END
};

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
	{ M_POST, "/uploads", upload_begin, ROLE_EXPERT, KB(4), start_fields, 0, start_check },
	{ M_GET, "/uploads/#", upload_status, ROLE_EXPERT, 0, NULL, 0 },
	{ M_POST, "/uploads/#/chunk", upload_put_chunk, ROLE_EXPERT, UPLOAD_CHUNK + CHUNK_SLACK, chunk_fields, 0 },
	{ M_POST, "/uploads/#/finish", upload_end, ROLE_EXPERT, KB(1), NULL, 0 },
	{ M_DELETE, "/uploads/#", upload_abandon, ROLE_EXPERT, KB(1), NULL, 0 },
	{ M_GET, "/#", download, ANY_USER, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
