/* expert: the expert's personal centre once in the pool — the record and certificate, the
 * fields changed directly (email, address), the information-form download, and change
 * requests (异动申请) for what a manager must approve. (Certificate downloads: certificate.) */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "apply/appform.h"
#include "apply.h"
#include "pool/certificate.h"
#include "pool/change.h"
#include "doc/pdf.h"
#include "apply/taxonomy.h"
#include "http/listing.h"
#include "db/rows.h"
#include "pool/rows.def"
#include "pool/formats.h"

static const struct column own_cols[] = ROW_COLUMNS(EXPERT_OWN_ROW);
static const struct column change_cols[] = ROW_COLUMNS(CHANGE_OWN_ROW);

/* GET /: the record with its specialties and current certificate ({"expert":null} before the pool) */
static void expert_get(struct request *r)
{
	cJSON *x = NULL;
	int rc = db_exec(SQL_EXPERT_OWN_RECORD, "i", r->session->user_id) == 0
		? db_row_json(r->arena, SQL_EXPERT_OWN_RECORD, COLUMNS(own_cols), &x) : -1;
	cJSON *paths = rc == 1 ? specialty_paths(cJSON_GetObjectItem(x, "profile")) : NULL;
	struct certificate c;
	rc = rc != 1 ? rc : paths != NULL ? cert_current((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(x, "id")), &c) : -1;
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "expert", x != NULL ? x : cJSON_CreateNull());
	if (x == NULL) {
		reply_json(r, 200, o);
		return;
	}
	cJSON_AddItemToObject(x, "specialties", paths);
	cJSON_AddItemToObject(x, "certificate", rc == 1 ? cert_json(&c, appform_text(x, "status")) : cJSON_CreateNull());
	cJSON_AddStringToObject(x, "certificate_state", rc == 1 ? "issued" : "pending");
	reply_json(r, 200, o);
}

/* POST /profile {version, email, address} */
static void expert_profile(struct request *r)
{
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	const char *email = req_field(r, "email"), *address = req_field(r, "address");
	cJSON *p = cJSON_Duplicate(e.profile, 1);
	cJSON_DeleteItemFromObject(p, "email");
	cJSON_DeleteItemFromObject(p, "residence");
	if (email != NULL)
		cJSON_AddStringToObject(p, "email", email);
	if (address != NULL)
		cJSON_AddStringToObject(p, "residence", address);
	/* only these two fields count: the rest of the profile may no longer pass today's rules
	 * (a region taken out of the configuration) and is not the expert's to fix here */
	cJSON *errors = cJSON_CreateObject();
	if (appform_check_format(appform_context(r->arena, e.user_id), p, errors) < 0) {
		reply_db_error(r);
		return;
	}
	const cJSON *bad_email = cJSON_GetObjectItem(errors, "email");
	const cJSON *bad_address = cJSON_GetObjectItem(errors, "residence");
	if (bad_email != NULL)
		field_error(r, "email", bad_email->valuestring);
	if (bad_address != NULL)
		field_error(r, "address", bad_address->valuestring);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	cJSON *summary = cJSON_CreateObject();
	json_text(summary, "email_before", e.email);
	json_text(summary, "email", email);
	json_text(summary, "address_before", e.address);
	json_text(summary, "address", address);
	if (db_begin() != 0 ||
	    db_exec(SQL_EXPERT_SET_CONTACT, "sssii", email ? email : "", address ? address : "",
	            cJSON_PrintUnformatted(p), e.id, req_version(r)) != 0) {
		reply_db_error(r);
		return;
	}
	if (db_affected(SQL_EXPERT_SET_CONTACT) != 1) {
		db_rollback();
		reply_error(r, E_CONFLICT, "资料已在别处修改，请刷新后重试");
		return;
	}
	if (expert_event(e.id, r->session->user_id, "contact", NULL, summary) != 0 ||
	    audit(r, "expert.contact", "expert", e.id, summary) != 0 || db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	reply_moved(r, NULL, NULL, req_version(r) + 1);
}

/* GET /info.pdf: 个人信息表 */
static void expert_info(struct request *r)
{
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	cJSON *tree = taxonomy_tree(TAX_ALL);
	if (tree == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *data = cJSON_Duplicate(e.profile, 1);
	if (e.id_number != NULL)
		cJSON_AddStringToObject(data, "id_number", e.id_number);
	struct form_doc doc = { "专家个人信息表", "专家编号", e.expert_no, "专家状态",
	                        expert_status_label(e.status), data };
	size_t len = 0;
	unsigned char *pdf = form_pdf(r, &doc, tree, &len);
	if (pdf == NULL) {
		reply_error(r, E_INTERNAL, "文档生成失败，请稍后再试");
		return;
	}
	reply_file(r, "application/pdf", "专家个人信息表.pdf", 0, pdf, len);
}

/* GET /changes?page=&size= : the expert's requests, newest first, a page at a time. */
static void changes_list(struct request *r)
{
	struct page p;
	list_page(r, &p);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	long long total = 0;
	if (db_one(SQL_CHANGE_OF_EXPERT_COUNT, "i", "i", e.id, &total) < 0 ||
	    db_exec(SQL_CHANGE_OF_EXPERT_PAGE, "iii", e.id, p.size, p.offset) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(o, "changes");
	cJSON_AddNumberToObject(o, "total", (double)total);
	cJSON_AddNumberToObject(o, "page", (double)p.page);
	cJSON_AddNumberToObject(o, "size", (double)p.size);
	int rc = db_rows_into(r->arena, SQL_CHANGE_OF_EXPERT_PAGE, COLUMNS(change_cols), list);
	long long lo = 0, hi = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, list) {
		long long id = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c, "id"));
		lo = lo == 0 || id < lo ? id : lo;
		hi = id > hi ? id : hi;
	}
	/* the page's requests are the expert's from its oldest id to its newest */
	if (rc < 0 || change_files_into(r->arena, e.id, lo, hi, list) != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* The messages of `errors` ({path: message}) on the fields of kind `k`: only what the kind
 * covers is the expert's to fix in a change request. */
static void kind_errors(struct request *r, const struct change_kind *k, const cJSON *errors)
{
	const cJSON *f;
	cJSON_ArrayForEach(f, errors)
		for (const char *const *key = k->keys; *key != NULL; key++) {
			size_t n = strlen(*key);
			if (strncmp(f->string, *key, n) == 0 && (f->string[n] == '\0' || f->string[n] == '.'))
				field_error(r, f->string, f->valuestring);
		}
}

/* POST /changes {kind, data, note, files}: checked with the application form's rules, restricted to
 * the kind's fields (the rest of the profile as it stands). */
static void changes_create(struct request *r)
{
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	const struct change_kind *k = change_kind(req_field(r, "kind"));
	const cJSON *data = r->json ? cJSON_GetObjectItem(r->json, "data") : NULL;
	if (k == NULL)
		field_error(r, "kind", "请选择异动类型");
	if (!cJSON_IsObject(data))
		field_error(r, "data", "申请内容格式不正确");
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	cJSON *proposed = change_pick(data, k), *merged = cJSON_Duplicate(e.profile, 1);
	for (const char *const *key = k->keys; *key != NULL; key++) {
		cJSON_DeleteItemFromObject(merged, *key);
		const cJSON *v = cJSON_GetObjectItem(proposed, *key);
		if (v != NULL)
			cJSON_AddItemToObject(merged, *key, cJSON_Duplicate(v, 1));
	}
	if (e.id_number != NULL)
		cJSON_AddStringToObject(merged, "id_number", e.id_number);
	/* the format (with the files: the expert's own, of the right kind), then completeness */
	struct appform_ctx *ctx = appform_context(r->arena, e.user_id);
	cJSON *errors = cJSON_CreateObject(), *missing = cJSON_CreateObject();
	if (appform_check_format(ctx, merged, errors) < 0 || appform_check_complete(ctx, merged, missing) < 0) {
		reply_db_error(r);
		return;
	}
	kind_errors(r, k, errors);
	const cJSON *step;
	cJSON_ArrayForEach(step, missing)
		kind_errors(r, k, step);
	/* the attachments: the expert's own uploads, of the kinds a document may be */
	const cJSON *files = cJSON_GetObjectItem(r->json, "files");
	cJSON *file_errors = cJSON_CreateObject();
	if (change_check_files(k, e.user_id, files, file_errors) < 0) {
		reply_db_error(r);
		return;
	}
	const cJSON *f;
	cJSON_ArrayForEach(f, file_errors)
		field_error(r, f->string, f->valuestring);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	const char *note = req_field(r, "note");
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	if (!expert_still_may(r, e.id, EXPERT_EDIT))
		return;
	if (db_exec(SQL_CHANGE_INSERT, "issss", e.id, k->name, cJSON_PrintUnformatted(proposed),
	            cJSON_PrintUnformatted(change_pick(e.profile, k)), note) != 0) {
		if (db_failure() == DB_DUPLICATE) {
			db_rollback();
			reply_error(r, E_CONFLICT, "已有一个同类申请正在处理中");
			return;
		}
		reply_db_error(r);
		return;
	}
	long long id = (long long)db_insert_id(SQL_CHANGE_INSERT);
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "kind", k->name);
	cJSON_AddItemToObject(summary, "proposed", cJSON_Duplicate(proposed, 1));
	cJSON_AddItemToObject(summary, "files", files ? cJSON_Duplicate(files, 1) : cJSON_CreateArray());
	if (change_attach(id, files) != 0 ||
	    audit(r, "change.create", "change_request", id, summary) != 0 || db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject(), *c = cJSON_AddObjectToObject(o, "change");
	cJSON_AddNumberToObject(c, "id", (double)id);
	cJSON_AddStringToObject(c, "kind", k->name);
	cJSON_AddStringToObject(c, "status", "pending");
	cJSON_AddNumberToObject(c, "version", 1);
	cJSON *attached = change_files(r->arena, id);
	if (attached == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(c, "files", attached);
	reply_json(r, 201, o);
}

/* POST /changes/<id>/cancel {version} */
static void changes_cancel(struct request *r)
{
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	long long id = r->ids[0];
	if (db_begin() != 0 || db_exec(SQL_CHANGE_CANCEL, "iii", id, e.id, req_version(r)) != 0) {
		reply_db_error(r);
		return;
	}
	if (db_affected(SQL_CHANGE_CANCEL) == 1 &&
	    (audit(r, "change.cancel", "change_request", id, NULL) != 0 || db_commit() != 0)) {
		reply_db_error(r);
		return;
	}
	if (db_affected(SQL_CHANGE_CANCEL) != 1) {
		db_rollback();
		/* someone else's (404), or decided / stale (409) */
		long long owner = 0;
		int rc = db_one(SQL_CHANGE_OWNER, "i", "i", id, &owner);
		if (rc < 0)
			reply_db_error(r);
		else if (rc == 0 || owner != e.id)
			reply_error(r, E_NOT_FOUND, "没有这个异动申请");
		else
			reply_error(r, E_CONFLICT, "申请已处理或已变化，请刷新后重试");
		return;
	}
	reply_moved(r, "cancelled", NULL, req_version(r) + 1);
}

static const struct field profile_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "email", "电子邮箱", 0, 100, NULL },
	{ "address", "常住地", 0, 100, NULL },
	FIELD_END
};
static const struct field change_fields[] = {
	{ "kind", "异动类型", REQUIRED, 20, NULL },
	{ "note", "说明", MULTILINE, 500, NULL },
	FIELD_END
};

/* A route's .guard is what the expert's standing in the pool must allow (replies.h): a
 * suspended or removed expert still reads and downloads their own data, and may cancel a
 * pending request of theirs, but changes nothing of the pool and gets no certificate. */
static const struct route routes[] = {
	{ M_GET, "/", expert_get, ROLE_EXPERT, 0, NULL, 0 },
	{ M_POST, "/profile", expert_profile, ROLE_EXPERT, KB(4), profile_fields, 0, .guard = may_edit_pool },
	{ M_GET, "/info.pdf", expert_info, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/changes", changes_list, ROLE_EXPERT, 0, NULL, 0 },
	{ M_POST, "/changes", changes_create, ROLE_EXPERT, KB(64), change_fields, 0, NULL, 512, .guard = may_edit_pool },
	{ M_POST, "/changes/#/cancel", changes_cancel, ROLE_EXPERT, KB(4), version_only_fields, 0 },
};

int main(void)
{
	run_between_requests(pdf_warm);
	return RUN(routes);
}
