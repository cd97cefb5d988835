/* An expert's personal data: the copy of everything held about them, and the closing of
 * their account. Each table's columns are stated once, in the column tables below. */
#include <string.h>
#include "core/roles.h"
#include "db/db.h"
#include "db/rows.h"
#include "db/sqltext.h"
#include "apply/rows.def"
#include "http/session.h"
#include "sms/sms.h"
#include "apply/application.h"
#include "pool/expert.h"
#include "pool/certificate.h"
#include "account/personal.h"

const char *const personal_close_kept[] = {
	"已提交的入库申请各版本及审核记录（行政审批档案）",
	"专家编号、姓名、工作单位、专业等专家库记录（评审记录引用）及证书记录（证书显示为已出库）",
	"审计日志（依法记录的管理操作）",
	NULL,
};
const char *const personal_close_erased[] = {
	"手机号、用户名、电子邮箱、常住地",
	"登录密码（账号不能再登录）、全部登录会话、短信验证码及已发送的短信记录",
	"从未提交的入库申请草稿；从未提交过申请时，所有上传的文件",
	NULL,
};

/* Digits of six or more in a row (a verification code) as stars: an old code is dead, but a
 * copy of one's data needs none of them. */
static const char *mask_codes(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p;) {
		size_t n = strspn(p, "0123456789");
		if (n >= 6)
			memset(p, '*', n);
		p += n > 0 ? n : 1;
	}
	return out;
}

static const struct column account_cols[] = {
	{ "phone", COL_TEXT }, { "username", COL_TEXT }, { "name", COL_TEXT }, { "roles", COL_INT },
	{ "status", COL_TEXT }, { "created_at", COL_TEXT }, { "last_login_at", COL_TEXT },
	{ "password_changed_at", COL_TEXT },
};
static const struct column session_cols[] = {
	{ "portal", COL_TEXT }, { "created_at", COL_TEXT }, { "idle_until", COL_TEXT },
	{ "expires_at", COL_TEXT }, { "ip", COL_TEXT }, { "user_agent", COL_TEXT },
};
static const struct column application_cols[] = {
	{ "id", COL_SKIP }, { "status", COL_TEXT }, { "submitted_versions", COL_INT },
	{ "created_at", COL_TEXT }, { "updated_at", COL_TEXT }, { "submitted_at", COL_TEXT },
};
static const struct column app_event_cols[] = ROW_COLUMNS(APP_EVENT_ROW);
static const struct column expert_event_cols[] = {
	{ "at", COL_TEXT }, { "action", COL_TEXT }, { "by", COL_TEXT }, { "reason", COL_TEXT },
	{ "summary", COL_JSON },
};
static const struct column change_cols[] = {
	{ "id", COL_INT }, { "kind", COL_TEXT }, { "status", COL_TEXT }, { "created_at", COL_TEXT },
	{ "decided_at", COL_TEXT }, { "reason", COL_TEXT }, { "version", COL_SKIP }, { "note", COL_TEXT },
};
static const struct column file_cols[] = {
	{ "id", COL_INT }, { "kind", COL_TEXT }, { "name", COL_TEXT }, { "content_type", COL_TEXT },
	{ "size", COL_INT }, { "uploaded_at", COL_TEXT },
};
static const struct column sms_cols[] = {
	{ "at", COL_TEXT }, { "text", COL_TEXT, mask_codes }, { "status", COL_TEXT }, { "sent_at", COL_TEXT },
};
static const struct column audit_cols[] = {
	{ "at", COL_TEXT }, { "actor_role", COL_TEXT }, { "action", COL_TEXT }, { "object_type", COL_TEXT },
	{ "by_self", COL_BOOL },
};

/* Runs a statement with one id parameter and adds its rows under `key`: 0 or -1. */
static int add_rows(struct arena *a, cJSON *o, const char *key, enum sql_id id, long long param,
                    const struct column *cols, size_t n)
{
	if (db_exec(id, "i", param) != 0)
		return -1;
	cJSON *rows = db_rows_json(a, id, cols, n);
	if (rows == NULL)
		return -1;
	cJSON_AddItemToObject(o, key, rows);
	return 0;
}

/* The application, its form as saved now and every submitted version: 0 or -1. */
static int add_application(struct arena *a, cJSON *o, long long user_id, long long *app_id)
{
	*app_id = 0;
	if (db_exec(SQL_PERSONAL_APPLICATION, "i", user_id) != 0)
		return -1;
	cJSON *app = NULL;
	int rc = db_row_json(a, SQL_PERSONAL_APPLICATION, COLUMNS(application_cols), &app);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		cJSON_AddNullToObject(o, "application");
		return 0;
	}
	struct application current;
	if (application_load(user_id, &current) != 1)
		return -1;
	*app_id = current.id;
	cJSON_AddItemToObject(app, "form", current.data);
	cJSON *versions = cJSON_AddArrayToObject(app, "versions");
	for (long long no = 1; no <= current.submitted_no; no++) {
		cJSON *v = NULL;
		if (application_version(a, current.id, no, &v) != 1)
			return -1;
		cJSON_AddItemToArray(versions, v);
	}
	if (add_rows(a, app, "history", SQL_APP_EVENTS, current.id, COLUMNS(app_event_cols)) != 0)
		return -1;
	cJSON_AddItemToObject(o, "application", app);
	return 0;
}

/* The pool record, its history, certificates and change requests: 0 or -1. */
static int add_expert(struct arena *a, cJSON *o, long long user_id, long long *expert_id)
{
	struct expert e;
	*expert_id = 0;
	int rc = expert_load_user(user_id, &e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		cJSON_AddNullToObject(o, "expert");
		return 0;
	}
	*expert_id = e.id;
	cJSON *x = cJSON_AddObjectToObject(o, "expert");
	cJSON_AddStringToObject(x, "expert_no", e.expert_no);
	cJSON_AddStringToObject(x, "status", e.status);
	cJSON_AddStringToObject(x, "status_label", expert_status_label(e.status));
	cJSON_AddStringToObject(x, "joined_at", e.joined_at);
	if (e.id_number != NULL)
		cJSON_AddStringToObject(e.profile, "id_number", e.id_number);
	cJSON_AddItemToObject(x, "profile", e.profile);
	if (add_rows(a, x, "history", SQL_EXPERT_EVENTS, e.id, COLUMNS(expert_event_cols)) != 0)
		return -1;
	cJSON *certs = cJSON_AddArrayToObject(x, "certificates");
	struct certificate c;
	if (cert_list(e.id) != 0)
		return -1;
	while ((rc = cert_list_next(&c)) == 1)
		cJSON_AddItemToArray(certs, cert_json(&c, e.status));
	if (rc < 0)
		return -1;
	return add_rows(a, x, "change_requests", SQL_CHANGE_OF_EXPERT, e.id, COLUMNS(change_cols));
}

cJSON *personal_export(struct arena *a, long long user_id)
{
	cJSON *o = cJSON_CreateObject(), *account = NULL;
	if (db_exec(SQL_PERSONAL_ACCOUNT, "i", user_id) != 0 ||
	    db_row_json(a, SQL_PERSONAL_ACCOUNT, COLUMNS(account_cols), &account) != 1)
		return NULL;
	cJSON_AddItemToObject(o, "account", account);
	const cJSON *phone = cJSON_GetObjectItem(account, "phone");
	long long app_id, expert_id;
	if (add_rows(a, o, "sessions", SQL_PERSONAL_SESSIONS, user_id, COLUMNS(session_cols)) != 0 ||
	    add_application(a, o, user_id, &app_id) != 0 || add_expert(a, o, user_id, &expert_id) != 0 ||
	    add_rows(a, o, "files", SQL_PERSONAL_FILES, user_id, COLUMNS(file_cols)) != 0)
		return NULL;
	if (cJSON_IsString(phone)) {
		if (db_exec(SQL_PERSONAL_SMS, "s", phone->valuestring) != 0)
			return NULL;
		cJSON *sms = db_rows_json(a, SQL_PERSONAL_SMS, COLUMNS(sms_cols));
		if (sms == NULL)
			return NULL;
		cJSON_AddItemToObject(o, "sms", sms);
	} else {
		cJSON_AddArrayToObject(o, "sms");
	}
	if (db_exec(SQL_PERSONAL_AUDIT, "iiiii", user_id, user_id, user_id, app_id, expert_id) != 0)
		return NULL;
	cJSON *audit = db_rows_json(a, SQL_PERSONAL_AUDIT, COLUMNS(audit_cols));
	if (audit == NULL)
		return NULL;
	cJSON_AddItemToObject(o, "audit", audit);
	return o;
}

enum result personal_close(long long user_id, cJSON *summary)
{
	char *phone = NULL, *status = NULL;
	long long roles = 0;
	int rc = db_one(SQL_PERSONAL_CLOSE_CHECK, "i", "sis", user_id, &phone, &roles, &status);
	if (rc < 0)
		return RES_FAILED;
	if (rc == 0 || (roles & ROLES_ADMIN) != 0 || status == NULL || strcmp(status, "active") != 0)
		return RES_FORBIDDEN;
	struct application app;
	int has_app = application_load(user_id, &app);
	if (has_app < 0)
		return RES_FAILED;
	/* a submission being decided: it is withdrawn first, or waits for its decision */
	if (has_app == 1 && (strcmp(app.status, "submitted") == 0 || strcmp(app.status, "reviewing") == 0 ||
	                     strcmp(app.status, "passed") == 0))
		return RES_CONFLICT;
	struct expert e;
	int has_expert = expert_load_user(user_id, &e);
	if (has_expert < 0)
		return RES_FAILED;
	int submitted = has_app == 1 && app.submitted_no > 0;
	cJSON *done = cJSON_AddArrayToObject(summary, "erased");
	if (has_expert == 1) {
		cJSON_AddStringToObject(summary, "expert_no", e.expert_no);
		if (strcmp(e.status, "removed") != 0) {
			if (expert_move(&e, e.version, "removed", "close", user_id, "本人申请注销账号") != 1)
				return RES_FAILED;
			cJSON_AddStringToObject(summary, "pool", "removed");
			e.version++;
		}
		if (db_exec(SQL_PERSONAL_EXPERT_ERASE, "i", e.id) != 0)
			return RES_FAILED;
		cJSON_AddItemToArray(done, cJSON_CreateString("expert.email,address,residence"));
	}
	if (has_app == 1 && !submitted) {
		if (db_exec(SQL_PERSONAL_DRAFT_TAX_DELETE, "i", user_id) != 0 ||
		    db_exec(SQL_PERSONAL_DRAFT_DELETE, "i", user_id) != 0)
			return RES_FAILED;
		cJSON_AddItemToArray(done, cJSON_CreateString("application.draft"));
	}
	if (!submitted && has_expert != 1) {
		if (db_exec(SQL_PERSONAL_FILES_DELETE, "i", user_id) != 0)
			return RES_FAILED;
		cJSON_AddNumberToObject(summary, "files_erased", (double)db_affected(SQL_PERSONAL_FILES_DELETE));
	}
	if (phone != NULL) {
		/* the notice goes out before the number is forgotten: it stays in the outbox, the proof
		 * that the owner of the number was told */
		if (db_exec(SQL_PERSONAL_CODES_DELETE, "s", phone) != 0 ||
		    db_exec(SQL_PERSONAL_OUTBOX_DELETE, "s", phone) != 0 ||
		    sms_queue(phone, "您的专家库账号已按您的申请注销。如非本人操作，请立即联系管理部门。") != 0)
			return RES_FAILED;
		cJSON_AddItemToArray(done, cJSON_CreateString("sms"));
	}
	/* uploads in progress are no record of anything: their chunks go in any case */
	if (db_exec(SQL_UPLOAD_OWNER_DELETE, "i", user_id) != 0 ||
	    db_exec(SQL_PERSONAL_CLOSE_USER, "i", user_id) != 0)
		return RES_FAILED;
	if (db_affected(SQL_PERSONAL_CLOSE_USER) != 1)
		return RES_CONFLICT;
	if (session_end_all(user_id) != 0)
		return RES_FAILED;
	cJSON_AddItemToArray(done, cJSON_CreateString("account.phone,username,password,sessions"));
	return RES_OK;
}
