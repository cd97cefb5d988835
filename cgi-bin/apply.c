/* apply: the expert's application to join the pool — options, the draft, submission,
 * withdrawal, reopening after a rejection, submitted versions, history, documents. */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "apply/application.h"
#include "apply/appform.h"
#include "apply.h"
#include "doc/pdf.h"
#include "apply/taxonomy.h"
#include "db/rows.h"
#include "apply/rows.def"

static const struct column rejection_cols[] = ROW_COLUMNS(APP_REJECTION_ROW);
static const struct column app_event_cols[] = ROW_COLUMNS(APP_EVENT_ROW);

static int provincial(void)
{
	return strcmp(cfg.apply_style, "provincial") == 0;
}

/* The checking context for the request's user. */
static struct appform_ctx *context(struct request *r)
{
	struct appform_ctx *c = appform_context(r->arena, r->session->user_id);
	c->provincial = provincial();
	return c;
}

/* The same, without the taxonomy look-up: for the checks made on every draft save. */
static struct appform_ctx *save_context(struct request *r)
{
	struct appform_ctx *c = context(r);
	c->leaves_ok = NULL;
	return c;
}

/* The list-view row (序号, 姓名, 性别, 年龄, 工作单位, 毕业院校, 专业, 申请时间, 状态). */
static cJSON *row(const struct application *a)
{
	cJSON *o = cJSON_CreateObject();
	const cJSON *edu = cJSON_GetArrayItem(cJSON_GetObjectItem(a->data, "education"), 0);
	json_text(o, "name", appform_text(a->data, "name"));
	json_text(o, "gender", appform_text(a->data, "gender"));
	int age = appform_age(a->data);
	if (age >= 0)
		cJSON_AddNumberToObject(o, "age", age);
	else
		cJSON_AddNullToObject(o, "age");
	json_text(o, "employer", appform_text(a->data, "employer"));
	json_text(o, "school", edu ? appform_text(edu, "school") : NULL);
	json_text(o, "major", edu ? appform_text(edu, "major") : NULL);
	json_text(o, "applied_at", *a->submitted_at ? a->submitted_at : NULL);
	cJSON_AddStringToObject(o, "status", a->status);
	return o;
}

/* GET /options */
static void apply_options(struct request *r)
{
	static const struct { const char *key; const char *const *list; } choices[] = {
		{ "id_types", opt_id_types }, { "genders", opt_genders }, { "political_statuses", opt_political },
		{ "employment", opt_employment }, { "honours", opt_honours }, { "degrees", opt_degrees },
		{ "title_levels", opt_title_levels }, { "entry_types", opt_entry_types },
	};
	static const struct { const char *key; const int *value; } numbers[] = {
		{ "max_age", &cfg.max_age }, { "senior_max_age", &cfg.senior_max_age }, { "min_years", &cfg.min_years },
	}, flags[] = {
		{ "require_photo", &cfg.require_photo }, { "require_id_scans", &cfg.require_id_scans },
	};
	cJSON *tree = taxonomy_tree(TAX_CHOICES), *retired = taxonomy_tree(TAX_RETIRED);
	if (tree == NULL || retired == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject(), *limits = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "style", cfg.apply_style);
	cJSON_AddItemToObject(o, "steps", appform_steps(provincial()));
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		cJSON_AddNumberToObject(limits, numbers[i].key, *numbers[i].value);
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		cJSON_AddBoolToObject(limits, flags[i].key, *flags[i].value);
	cJSON_AddItemToObject(o, "limits", limits);
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		cJSON_AddItemToObject(o, choices[i].key, opt_array(choices[i].list));
	cJSON_AddItemToObject(o, "regions", opt_regions());
	cJSON_AddItemToObject(o, "taxonomy", tree);
	cJSON_AddItemToObject(o, "retired", retired);   /* to name what a form chose before */
	reply_json(r, 200, o);
}

/* Loads the user's application; replies on failure (or 404 when `need` and there is none).
 * Returns 1 loaded, 0 none (not replied unless need), -1 replied. */
static int load(struct request *r, struct application *a, int need)
{
	int rc = application_load(r->session->user_id, a);
	if (rc < 0) {
		reply_db_error(r);
		return -1;
	}
	if (rc == 0 && need) {
		reply_error(r, E_NOT_FOUND, "还没有入库申请");
		return -1;
	}
	return rc;
}

/* GET / */
static void apply_get(struct request *r)
{
	struct application a;
	int rc = load(r, &a, 0);
	if (rc < 0)
		return;
	cJSON *o = cJSON_CreateObject();
	if (rc == 0) {
		cJSON_AddNullToObject(o, "application");
		reply_json(r, 200, o);
		return;
	}
	struct appform_ctx *c = context(r);
	if (c == NULL)
		return;
	cJSON *app = cJSON_AddObjectToObject(o, "application"), *missing = cJSON_CreateObject();
	if (appform_check_complete(c, a.data, missing) < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddNumberToObject(app, "id", (double)a.id);
	cJSON_AddStringToObject(app, "status", a.status);
	cJSON_AddNumberToObject(app, "version", (double)a.version);
	cJSON_AddStringToObject(app, "step", a.step);
	cJSON_AddItemToObject(app, "data", a.data);
	cJSON_AddItemToObject(app, "missing", missing);
	cJSON_AddNumberToObject(app, "submitted_version", (double)a.submitted_no);
	json_text(app, "submitted_at", *a.submitted_at ? a.submitted_at : NULL);
	cJSON_AddBoolToObject(app, "can_withdraw", strcmp(a.status, "submitted") == 0);
	cJSON *rejection = NULL;
	int rej = strcmp(a.status, "rejected") != 0 ? 0
		: db_exec(SQL_APP_LAST_REJECTION, "i", a.id) != 0 ? -1
		: db_row_json(r->arena, SQL_APP_LAST_REJECTION, COLUMNS(rejection_cols), &rejection);
	if (rej < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(app, "rejection", rej == 1 ? rejection : cJSON_CreateNull());
	cJSON_AddItemToObject(app, "row", row(&a));
	reply_json(r, 200, o);
}

static int known_step(const char *s)
{
	static const char *const names[] = { "basic", "domains", "records", "commitment", "form", "preview" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* POST /draft {version, step, data} */
static void apply_draft(struct request *r)
{
	cJSON *data = r->json ? cJSON_GetObjectItem(r->json, "data") : NULL;
	const char *step = req_field(r, "step");
	if (!cJSON_IsObject(data)) {
		reply_invalid(r, "data", "申请内容格式不正确");
		return;
	}
	if (!known_step(step)) {
		reply_invalid(r, "step", "步骤无效");
		return;
	}
	struct appform_ctx *c = save_context(r);
	if (c == NULL)
		return;
	cJSON *errors = cJSON_CreateObject();
	int bad = appform_check_format(c, data, errors);
	if (bad < 0) {
		reply_db_error(r);
		return;
	}
	if (bad > 0) {
		cJSON_Delete(r->field_errors);
		r->field_errors = errors;
		reply_field_errors(r);
		return;
	}
	long long v = application_save(r->session->user_id, req_version(r), step, data);
	if (v < 0) {
		reply_db_error(r);
		return;
	}
	if (v == 0) {           /* why not: look only now, off the common path */
		char *status = NULL;
		if (db_one(SQL_APP_STATUS, "i", "s", r->session->user_id, &status) < 0) {
			reply_db_error(r);
			return;
		}
		reply_error(r, E_CONFLICT, status != NULL && strcmp(status, "draft") != 0
		            ? "申请已提交，不能再修改草稿" : "草稿已在别处修改，请刷新后重试");
		return;
	}
	cJSON *missing = cJSON_CreateObject();
	if (appform_check_complete(c, data, missing) < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "version", (double)v);
	cJSON_AddItemToObject(o, "missing", missing);
	reply_json(r, 200, o);
}

/* The audit record of an expert's transition of their application. */
static int audit_move(struct request *r, long long app_id, const char *action, long long version_no)
{
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(summary, "version_no", (double)version_no);
	return audit(r, action, "application", app_id, summary);
}

/* Ends the transaction of a state change: commits it when it was made (rc 1); otherwise rolls
 * back and replies 409 for a refusal (0) or the database error (-1). 1 when committed. */
static int committed(struct request *r, int rc)
{
	if (rc == 1 && db_commit() == 0)
		return 1;
	if (rc == 0) {
		db_rollback();
		reply_error(r, E_CONFLICT, "申请已在别处修改，请刷新后重试");
	} else {
		reply_db_error(r);
	}
	return 0;
}

/* The snapshot of a submission: the form as sent, with what it resolved to at that moment. */
static cJSON *snapshot_of(const struct request *r, const struct application *a, const cJSON *tree)
{
	cJSON *snap = cJSON_Duplicate(a->data, 1);
	cJSON_DeleteItemFromObject(snap, "id_number");          /* kept encrypted in its column */
	cJSON_DeleteItemFromObject(snap, "resolved");   /* only ours (a draft saved before unknown keys were refused) */
	cJSON *extra = cJSON_AddObjectToObject(snap, "resolved");
	json_text(extra, "phone", r->session->phone);
	cJSON_AddNumberToObject(extra, "age", appform_age(a->data));
	cJSON *paths = cJSON_AddArrayToObject(extra, "specialties");
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItem(a->data, "specialties")) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "id", id->valuedouble);
		json_text(p, "path", taxonomy_leaf_path(tree, (long long)id->valuedouble));
		cJSON_AddItemToArray(paths, p);
	}
	return snap;
}

/* POST /submit {version, declaration} */
static void apply_submit(struct request *r)
{
	struct application a;
	if (load(r, &a, 1) < 0)
		return;
	const char *decl = req_field(r, "declaration");
	if (decl == NULL || strcmp(decl, "true") != 0)
		field_error(r, "declaration", "请阅读并勾选申报须知");
	if (strcmp(a.status, "draft") != 0 || a.version != req_version(r)) {
		reply_error(r, E_CONFLICT, strcmp(a.status, "draft") != 0 ? "申请已提交" : "申请已在别处修改，请刷新后重试");
		return;
	}
	struct appform_ctx *c = context(r);
	if (c == NULL)
		return;
	cJSON *missing = cJSON_CreateObject();
	int bad = appform_check_complete(c, a.data, missing);
	if (bad < 0) {
		reply_db_error(r);
		return;
	}
	/* every problem of every step, flattened into the form errors */
	cJSON *step;
	cJSON_ArrayForEach(step, missing) {
		cJSON *f;
		cJSON_ArrayForEach(f, step)
			field_error(r, f->string, f->valuestring);
	}
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *tree = taxonomy_tree(TAX_CHOICES);
	if (tree == NULL) {
		reply_db_error(r);
		return;
	}
	int rc = application_submit(&a, a.version, r->session->user_id, snapshot_of(r, &a, tree));
	if (rc == 1 && audit_move(r, a.id, "application.submit", a.submitted_no + 1) != 0)
		rc = -1;
	/* submissions a day (each makes a version, and each withdrawal needs one): counted in the
	 * transaction, so that a refused one does not count */
	long wait = rc == 1 ? ratelimit_hit(arena_printf(r->arena, "submit-day:%lld", a.id), 86400,
	                                    LIMIT_SUBMITS_PER_DAY) : 0;
	if (wait < 0)
		rc = -1;
	if (wait > 0) {
		db_rollback();
		reply_retry(r, E_RATE_LIMITED, wait, arena_printf(r->arena,
		            "今天的提交次数已达上限（每天%d次），请明天再提交", LIMIT_SUBMITS_PER_DAY));
		return;
	}
	if (rc == -2) {
		db_rollback();
		field_error(r, "id_number", "该证件号码已有入库申请，不能重复申请");
		reply_error(r, E_CONFLICT, "该证件号码已有入库申请");
		return;
	}
	if (!committed(r, rc))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "submitted");
	cJSON_AddNumberToObject(o, "version", (double)(a.version + 1));
	cJSON_AddNumberToObject(o, "submitted_version", (double)(a.submitted_no + 1));
	reply_json(r, 200, o);
}

/* Reopen (rejected → draft): 修改 after a rejection. (Withdrawal is the withdraw program's.) */
static void back_to_draft(struct request *r, const char *from, const char *refused)
{
	struct application a;
	if (load(r, &a, 1) < 0)
		return;
	if (strcmp(a.status, from) != 0) {
		reply_error(r, E_CONFLICT, strcmp(a.status, "draft") == 0 ? "申请尚未提交" : refused);
		return;
	}
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	int rc = application_move(a.id, req_version(r), a.submitted_no, from, "draft", ACTOR_EXPERT,
	                          r->session->user_id, "expert", NULL, NULL);
	if (rc == 1 && audit_move(r, a.id, strcmp(from, "submitted") == 0 ? "application.withdraw"
	                                                                  : "application.reopen", a.submitted_no) != 0)
		rc = -1;
	if (!committed(r, rc))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "draft");
	cJSON_AddNumberToObject(o, "version", (double)(req_version(r) + 1));
	reply_json(r, 200, o);
}

static void apply_reopen(struct request *r)
{
	back_to_draft(r, "rejected", "只有未通过的申请可以修改");
}

/* GET /versions/<no> */
static void apply_version(struct request *r)
{
	struct application a;
	if (load(r, &a, 1) < 0)
		return;
	cJSON *v = NULL;
	int rc = application_version(r->arena, a.id, r->ids[0], &v);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		reply_error(r, E_NOT_FOUND, "没有这个版本");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "version", v);
	reply_json(r, 200, o);
}

/* GET /history */
static void apply_history(struct request *r)
{
	struct application a;
	if (load(r, &a, 1) < 0)
		return;
	if (db_exec(SQL_APP_EVENTS, "i", a.id) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *events = db_rows_json(r->arena, SQL_APP_EVENTS, COLUMNS(app_event_cols));
	if (events == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "events", events);
	reply_json(r, 200, o);
}

static void send_pdf(struct request *r, unsigned char *pdf, size_t len, const char *filename)
{
	if (pdf == NULL) {
		reply_error(r, E_INTERNAL, "文档生成失败，请稍后再试");
		return;
	}
	reply_file(r, "application/pdf", filename, 0, pdf, len);
}

/* GET /pdf/commitment */
static void apply_pdf_commitment(struct request *r)
{
	struct application a;
	int rc = load(r, &a, 0);
	if (rc < 0)
		return;
	const char *name = rc ? appform_text(a.data, "name") : NULL;
	size_t len = 0;
	unsigned char *pdf = commitment_pdf(r, name ? name : r->session->name, &len);
	send_pdf(r, pdf, len, "入库承诺书.pdf");
}

/* GET /pdf/form */
static void apply_pdf_form(struct request *r)
{
	struct application a;
	if (load(r, &a, 1) < 0)
		return;
	cJSON *tree = taxonomy_tree(TAX_ALL);     /* a draft may hold a leaf retired since */
	if (tree == NULL) {
		reply_db_error(r);
		return;
	}
	size_t len = 0;
	struct form_doc doc = { "入库申请表", "申请编号", arena_printf(r->arena, "%lld", a.id),
	                        "申请状态", application_status_label(a.status), a.data };
	unsigned char *pdf = form_pdf(r, &doc, tree, &len);
	send_pdf(r, pdf, len, "入库申请表.pdf");
}

static const struct field version_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};
static const struct field draft_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "step", "步骤", REQUIRED, 20, NULL },
	FIELD_END
};
static const struct field submit_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "declaration", "申报须知", 0, 5, NULL },
	FIELD_END
};

/* A route's .guard is what the applicant's standing in the pool must allow (replies.h): a
 * suspended or removed expert reads their application but changes or resubmits nothing. */
static const struct route routes[] = {
	{ M_GET, "/options", apply_options, ROLE_EXPERT | ROLES_ADMIN, 0, NULL, 0 },
	{ M_GET, "/", apply_get, ROLE_EXPERT, 0, NULL, 0 },
	/* the largest form: some 940 items (20 rows in each list, 200 specialties) */
	{ M_POST, "/draft", apply_draft, ROLE_EXPERT, KB(256), draft_fields, 0, NULL, 2048, .guard = may_change_application },
	{ M_POST, "/submit", apply_submit, ROLE_EXPERT, KB(4), submit_fields, 0, .guard = may_change_application },
	{ M_POST, "/reopen", apply_reopen, ROLE_EXPERT, KB(4), version_fields, 0, .guard = may_change_application },
	{ M_GET, "/versions/#", apply_version, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/history", apply_history, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/pdf/commitment", apply_pdf_commitment, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/pdf/form", apply_pdf_form, ROLE_EXPERT, 0, NULL, 0 },
};

int main(void)
{
	run_between_requests(pdf_warm);         /* the next PDF's font, ready before it is asked for */
	return RUN(routes);
}
