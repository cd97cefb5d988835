/* admin: the super-admin's pages — staff accounts (roles, department, enable/disable, initial
 * passwords), the audit log, and the counts of the home page (GET /summary, every staff role). */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "apply/application.h"
#include "http/listing.h"
#include "db/rows.h"
#include "db/sqltext.h"
#include "account/rows.def"
#include "audit/rows.def"
#include "replies.h"

static const struct { const char *name; unsigned bit; } staff_roles[] = {
	{ "reviewer", ROLE_REVIEWER }, { "manager", ROLE_MANAGER }, { "super", ROLE_SUPER },
};
static const char *const role_names[] = { "reviewer", "manager", "super", NULL };

/* The "roles" array of the body as role bits: 0 with a field error when missing or unknown. */
static unsigned roles_of(struct request *r)
{
	const cJSON *a = r->json ? cJSON_GetObjectItem(r->json, "roles") : NULL, *v;
	unsigned bits = 0;
	if (!cJSON_IsArray(a)) {
		field_error(r, "roles", "请选择角色");
		return 0;
	}
	cJSON_ArrayForEach(v, a) {
		size_t i;
		for (i = 0; i < sizeof staff_roles / sizeof staff_roles[0]; i++)
			if (cJSON_IsString(v) && strcmp(v->valuestring, staff_roles[i].name) == 0)
				break;
		if (i == sizeof staff_roles / sizeof staff_roles[0]) {
			field_error(r, "roles", "角色无效");
			return 0;
		}
		bits |= staff_roles[i].bit;
	}
	if (bits == 0)
		field_error(r, "roles", "请至少选择一个角色");
	return bits;
}

static const struct column staff_cols[] = ROW_COLUMNS(STAFF_ROW);
static const struct column audit_cols[] = ROW_COLUMNS(AUDIT_ROW);

/* One staff account as JSON: 1, 0 none, -1 failure. */
static int staff_get(struct arena *a, long long id, cJSON **out)
{
	if (db_exec(SQL_STAFF_GET, "i", id) != 0)
		return -1;
	return db_row_json(a, SQL_STAFF_GET, COLUMNS(staff_cols), out);
}

/* The account of the path, or a reply (404 or the database error) and 0. */
static int staff_named(struct request *r, long long id, cJSON **out)
{
	int rc = staff_get(r->arena, id, out);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "没有这个账号");
	return rc == 1;
}

/* GET /users */
static void users_list(struct request *r)
{
	struct page p;
	list_page(r, &p);
	const char *role = list_choice(r, "role", role_names, NULL);
	const char *q = list_text(r, "q", 50), *like = like_pattern(r->arena, q);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	long long bit = 0;
	for (size_t i = 0; role != NULL && i < sizeof staff_roles / sizeof staff_roles[0]; i++)
		if (strcmp(staff_roles[i].name, role) == 0)
			bit = staff_roles[i].bit;
	long long total = 0;
	if (db_one(SQL_STAFF_COUNT, "iissss", "i", bit, bit, q, like, like, like, &total) < 0 ||
	    db_exec(SQL_STAFF_PAGE, "iissssii", bit, bit, q, like, like, like, p.size, p.offset) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *items, *o = list_reply(total, &p, &items);
	if (db_rows_into(r->arena, SQL_STAFF_PAGE, COLUMNS(staff_cols), items) != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* The checks of POST /users beyond its fields: the roles array, the password policy against the
 * phone and username (those that are themselves valid). */
static void users_create_check(struct request *r)
{
	const char *phone = req_field(r, "phone"), *username = req_field(r, "username");
	const char *password = req_field(r, "password");
	roles_of(r);
	struct password_owner owner = {
		has_field_error(r, "phone") ? NULL : phone, has_field_error(r, "username") ? NULL : username, NULL
	};
	if (password != NULL)
		password_check(r, "password", password, &owner);    /* -1: it has replied 500 */
}

/* POST /users */
static void users_create(struct request *r)
{
	const char *username = req_field(r, "username"), *name = req_field(r, "name");
	const char *phone = req_field(r, "phone"), *department = req_field(r, "department");
	const char *password = req_field(r, "password");
	unsigned roles = roles_of(r);
	char *hash = password_hash(r->arena, password);
	if (hash == NULL) {
		reply_error(r, E_INTERNAL, NULL);
		return;
	}
	if (db_begin() != 0 ||
	    db_exec(SQL_STAFF_INSERT, "ssssis", phone, username, name, hash, (long long)roles, department) != 0) {
		if (db_failure() == DB_DUPLICATE) {
			db_rollback();
			struct user_row u;
			int by_phone = phone != NULL && user_find(phone, &u) == 1;
			field_error(r, by_phone ? "phone" : "username", by_phone ? "该手机号已被使用" : "该用户名已被使用");
			reply_error(r, by_phone ? E_PHONE_TAKEN : E_USERNAME_TAKEN, NULL);
			return;
		}
		reply_db_error(r);
		return;
	}
	long long id = (long long)db_insert_id(SQL_STAFF_INSERT);
	cJSON *user = NULL, *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "username", username);
	roles_to_json(cJSON_AddArrayToObject(summary, "roles"), roles);
	json_text(summary, "department", department);
	if (audit(r, "user.create", "user", id, summary) != 0 || staff_get(r->arena, id, &user) != 1 || db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "user", user);
	reply_json(r, 201, o);
}

/* The checks of POST /users/<id> beyond its fields: the roles array; nobody disarms themselves. */
static void users_update_check(struct request *r)
{
	const char *status = req_field(r, "status");
	unsigned roles = roles_of(r);
	int self = r->ids[0] == r->session->user_id;
	if (self && roles != 0 && !(roles & ROLE_SUPER))
		field_error(r, "roles", "不能取消自己的超级管理员角色");
	if (self && status != NULL && strcmp(status, "disabled") == 0)
		field_error(r, "status", "不能停用自己的账号");
}

/* POST /users/<id> */
static void users_update(struct request *r)
{
	long long id = r->ids[0];
	const char *name = req_field(r, "name"), *department = req_field(r, "department");
	const char *status = req_field(r, "status");
	unsigned roles = roles_of(r);
	cJSON *before = NULL;
	if (!staff_named(r, id, &before))
		return;
	if (db_begin() != 0 ||
	    db_exec(SQL_STAFF_UPDATE, "sissii", name, (long long)roles, department, status, id, req_version(r)) != 0) {
		reply_db_error(r);
		return;
	}
	if (db_affected(SQL_STAFF_UPDATE) != 1) {
		db_rollback();
		reply_error(r, E_CONFLICT, "账号已被修改，请刷新后重试");
		return;
	}
	cJSON *after = NULL, *summary = cJSON_CreateObject();
	if (staff_get(r->arena, id, &after) != 1 ||
	    (strcmp(status, "disabled") == 0 && session_end_all(id) != 0)) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(summary, "before", before);
	cJSON_AddItemToObject(summary, "after", cJSON_Duplicate(after, 1));
	if (audit(r, "user.update", "user", id, summary) != 0 || db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "user", after);
	reply_json(r, 200, o);
}

/* POST /users/<id>/password */
static void users_password(struct request *r)
{
	long long id = r->ids[0];
	cJSON *user = NULL;
	if (!staff_named(r, id, &user))
		return;
	const char *password = req_field(r, "password");
	const cJSON *phone = cJSON_GetObjectItem(user, "phone"), *username = cJSON_GetObjectItem(user, "username");
	char *id_number;
	if (application_id_number(id, &id_number) < 0) {
		reply_db_error(r);
		return;
	}
	struct password_owner owner = { phone->valuestring, username->valuestring, id_number };
	if (!password_require(r, "password", password, &owner))
		return;
	char *hash = password_hash(r->arena, password);
	if (hash == NULL) {
		reply_error(r, E_INTERNAL, NULL);
		return;
	}
	if (db_begin() != 0 || db_exec(SQL_USER_SET_PASSWORD, "sii", hash, 1LL, id) != 0 ||
	    session_end_all(id) != 0 || audit(r, "user.reset_password", "user", id, NULL) != 0 ||
	    db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "ok", 1);
	reply_json(r, 200, o);
}

/* GET /audit */
static void audit_list(struct request *r)
{
	struct page p;
	list_page(r, &p);
	long long actor = list_int(r, "actor", 1, 1LL << 53, 0);
	const char *action = list_text(r, "action", 60), *type = list_text(r, "object_type", 40);
	long long object = list_int(r, "object_id", 1, 1LL << 53, 0);
	const char *from = list_date(r, "from"), *to = list_date(r, "to");
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	/* only the filters in use: the count then reads one narrow index */
	struct arena *a = r->arena;
	struct list_query lq = { 0 };
	if (actor > 0)
		query_where(a, &lq, PART_AUDIT_ACTOR, "i", actor);
	if (*action)
		query_where(a, &lq, PART_AUDIT_ACTION, "s", action);
	if (*type)
		query_where(a, &lq, PART_AUDIT_TYPE, "s", type);
	if (object > 0)
		query_where(a, &lq, PART_AUDIT_OBJECT, "i", object);
	if (*from)
		query_where(a, &lq, PART_AUDIT_FROM, "s", from);
	if (*to)
		query_where(a, &lq, PART_AUDIT_TO, "s", to);
	/* by actor and action alone: the sum of the counters kept per actor × action, or per action */
	enum sql_part head = *type || object > 0 || *from || *to ? PART_AUDIT_COUNT
	                     : actor > 0 ? PART_AUDIT_TALLY : PART_AUDIT_ACTION_TALLY;
	long long total = 0;
	int found = query_count(a, &lq, head, PART_AUDIT_COUNT, &total) == 0
		? query_page(a, &lq, PART_AUDIT_ROWS, PART_AUDIT_BY_ID, PART_KEY_DESC, &p, total) : -1;
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	enum sql_id page = (enum sql_id)found;
	cJSON *items, *o = list_reply(total, &p, &items);
	int rc = db_rows_into(a, page, COLUMNS(audit_cols), items);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* Counts by status of `id` (rows of status, count) into `o`, every name of `names` present (0
 * when none has it); `total`, when not NULL, gets their sum. 0 or -1. */
static int status_counts(enum sql_id id, cJSON *o, const char *const *names, const char *total)
{
	for (const char *const *n = names; *n != NULL; n++)
		cJSON_AddNumberToObject(o, *n, 0);
	if (db_exec(id, "") != 0)
		return -1;
	char *status;
	long long count, sum = 0;
	int rc;
	while ((rc = db_fetch(id, "si", &status, &count)) == 1) {
		cJSON *item = cJSON_GetObjectItem(o, status);
		if (item != NULL) {
			cJSON_SetNumberValue(item, (double)count);
			sum += count;
		}
	}
	if (total != NULL)
		cJSON_AddNumberToObject(o, total, (double)sum);
	return rc < 0 ? -1 : 0;
}

#define CERT_DUE_DAYS 30

/* GET /summary: the home page's counts, by the caller's roles — reviewers the review queue;
 * managers the pool, the certificates ending within 30 days and the pending change requests;
 * the super-admin all of them. */
static void summary(struct request *r)
{
	static const char *const queue[] = { "submitted", "reviewing", "passed", NULL };
	static const char *const pool[] = { "active", "suspended", "removed", NULL };
	unsigned roles = r->session->roles;
	int all = (roles & ROLE_SUPER) != 0;
	cJSON *o = cJSON_CreateObject(), *sum = cJSON_AddObjectToObject(o, "summary");
	int rc = 0;
	if (all || (roles & ROLE_REVIEWER))
		rc |= status_counts(SQL_REVIEW_STATUS_COUNTS, cJSON_AddObjectToObject(sum, "review"), queue, "todo");
	if (all || (roles & ROLE_MANAGER)) {
		rc |= status_counts(SQL_EXPERT_STATUS_COUNTS, cJSON_AddObjectToObject(sum, "pool"), pool, "total");
		long long due = 0, pending = 0;
		rc |= db_one(SQL_CERT_DUE_COUNT, "i", "i", (long long)CERT_DUE_DAYS, &due) < 0 ? -1 : 0;
		rc |= db_one(SQL_CHANGE_PENDING_COUNT, "", "i", &pending) < 0 ? -1 : 0;
		cJSON *c = cJSON_AddObjectToObject(sum, "certificates");
		cJSON_AddNumberToObject(c, "days", CERT_DUE_DAYS);
		cJSON_AddNumberToObject(c, "due", (double)due);
		cJSON_AddNumberToObject(cJSON_AddObjectToObject(sum, "changes"), "pending", (double)pending);
	}
	if (rc != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

static const char *check_status(const char *s)
{
	return strcmp(s, "active") == 0 || strcmp(s, "disabled") == 0 ? NULL : "状态只能是启用或停用";
}

static const struct field create_fields[] = {
	{ "username", "用户名", REQUIRED, 32, check_username },
	{ "name", "姓名", REQUIRED, 30, check_person_name },
	{ "phone", "手机号", 0, 24, check_phone, normalize_phone },
	{ "department", "部门", 0, 100, NULL },
	{ "password", "初始密码", REQUIRED, 64, NULL },
	FIELD_END
};
static const struct field update_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "name", "姓名", REQUIRED, 30, check_person_name },
	{ "department", "部门", 0, 100, NULL },
	{ "status", "状态", REQUIRED, 10, check_status },
	FIELD_END
};
static const struct field password_fields[] = {
	{ "password", "新密码", REQUIRED, 64, NULL },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/users", users_list, ROLE_SUPER, 0, NULL, 0 },
	{ M_POST, "/users", users_create, ROLE_SUPER, KB(8), create_fields, 0, users_create_check },
	{ M_POST, "/users/#", users_update, ROLE_SUPER, KB(8), update_fields, 0, users_update_check },
	{ M_POST, "/users/#/password", users_password, ROLE_SUPER, KB(4), password_fields, 0 },
	{ M_GET, "/audit", audit_list, ROLE_SUPER, 0, NULL, 0 },
	{ M_GET, "/summary", summary, ROLES_ADMIN, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
