/* units: the unit registry (单位库) that the drawing's conflicts of interest are decided by —
 * the list with its search, a unit with its names, add, rename/recode, aliases, merge a
 * duplicate; every change audited. The rules are the domain's (lib/draw/unit.c); this program
 * turns its results into replies. */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "http/listing.h"
#include "db/rows.h"
#include "draw/rows.def"
#include "draw/unit.h"

/* Who keeps the registry: the managers (专家库管理员) and the super-admin. */
#define KEEPERS (ROLE_MANAGER | ROLE_SUPER)

static const struct column unit_cols[] = ROW_COLUMNS(UNIT_ROW);

/* A change's end: audited as `action` on the unit, committed, replied `status` with {unit}. */
static void finish(struct request *r, struct outcome *res, const char *action, int status)
{
	reply_outcome(r, res, action, "unit", status, "unit");
}

static int begun(struct request *r)
{
	if (db_begin() == 0)
		return 1;
	reply_db_error(r);
	return 0;
}

static const char *const merged_choices[] = { "live", "merged", "all", NULL };

/* GET /?q=&merged=&page=&size= */
static void units_list(struct request *r)
{
	struct page p;
	list_page(r, &p);
	const char *q = list_text(r, "q", UNIT_NAME_MAX);
	const char *merged = list_choice(r, "merged", merged_choices, "live");
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	struct arena *a = r->arena;
	struct list_query lq = { 0 };
	if (strcmp(merged, "live") == 0)
		query_where(a, &lq, PART_UNIT_LIVE, "");
	else if (strcmp(merged, "merged") == 0)
		query_where(a, &lq, PART_UNIT_MERGED_ONLY, "");
	if (*q) {
		const char *code = unit_code_of(q);
		const char *key = org_name_key(a, q);
		if (check_credit_code(code) == NULL)
			query_where(a, &lq, PART_UNIT_CODE, "s", code);
		else
			query_where(a, &lq, PART_UNIT_KEY_LIKE, "s", *key ? like_pattern(a, key) : "%");
	}
	long long total = 0;
	int rows = query_count(a, &lq, PART_UNIT_COUNT, PART_UNIT_COUNT, &total) == 0
		? query_page(a, &lq, PART_UNIT_ROWS, PART_UNIT_BY_ID, PART_KEY_DESC, &p, total) : -1;
	cJSON *items, *o = list_reply(total, &p, &items);
	if (rows < 0 || db_rows_into(a, (enum sql_id)rows, COLUMNS(unit_cols), items) != 0) {
		cJSON_Delete(o);
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* GET /# */
static void units_get(struct request *r)
{
	int found;
	cJSON *u = unit_json(r->ids[0], &found);
	if (u == NULL) {
		if (found)
			reply_db_error(r);
		else
			reply_result(r, RES_NOT_FOUND, "单位不存在");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "unit", u);
	reply_json(r, 200, o);
}

/* GET /match?name=: the live unit a name (any of its spellings) or a credit code names */
static void units_match(struct request *r)
{
	const char *name = list_text(r, "name", UNIT_NAME_MAX);
	if (!*name)
		field_error(r, "name", "请输入单位名称或统一社会信用代码");
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	long long id = unit_find(name);
	int found = 0;
	cJSON *u = id > 0 ? unit_json(id, &found) : NULL;
	if (id < 0 || (id > 0 && u == NULL)) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "unit", u != NULL ? u : cJSON_CreateNull());
	reply_json(r, 200, o);
}

/* POST / {name, credit_code} */
static void units_add(struct request *r)
{
	struct outcome res = { 0 };
	if (!begun(r))
		return;
	unit_add(req_field(r, "name"), req_field(r, "credit_code"), &res);
	finish(r, &res, "unit.add", 201);
}

/* POST /#/update {version, name, credit_code} */
static void units_update(struct request *r)
{
	struct outcome res = { 0 };
	if (!begun(r))
		return;
	unit_update(r->ids[0], req_version(r), req_field(r, "name"), req_field(r, "credit_code"), &res);
	finish(r, &res, "unit.update", 200);
}

/* POST /#/aliases {version, name} */
static void units_alias_add(struct request *r)
{
	struct outcome res = { 0 };
	if (!begun(r))
		return;
	unit_alias_add(r->ids[0], req_version(r), req_field(r, "name"), &res);
	finish(r, &res, "unit.alias_add", 200);
}

/* POST /#/aliases/#/remove {version} */
static void units_alias_remove(struct request *r)
{
	struct outcome res = { 0 };
	if (!begun(r))
		return;
	unit_alias_remove(r->ids[0], req_version(r), r->ids[1], &res);
	finish(r, &res, "unit.alias_remove", 200);
}

/* POST /#/merge {version, into, into_version}: this unit (a duplicate) into another */
static void units_merge(struct request *r)
{
	struct outcome res = { 0 };
	if (!begun(r))
		return;
	const char *into_version = req_field(r, "into_version");
	unit_merge(r->ids[0], req_version(r), strtoll(req_field(r, "into"), NULL, 10),
	           strtoll(into_version, NULL, 10), &res);
	finish(r, &res, "unit.merge", 200);
}

static const char *check_code_or_empty(const char *s)
{
	return *s ? check_credit_code(s) : NULL;
}

static const char *check_unit_id(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return "单位编号无效";
	return n >= 1 && n <= 15 && strtoll(s, NULL, 10) > 0 ? NULL : "单位编号无效";
}

static const struct field add_fields[] = {
	{ "name", "单位名称", REQUIRED, 4 * UNIT_NAME_MAX, NULL },
	{ "credit_code", "统一社会信用代码", 0, 18, check_code_or_empty },
	FIELD_END
};
static const struct field update_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "name", "单位名称", REQUIRED, 4 * UNIT_NAME_MAX, NULL },
	{ "credit_code", "统一社会信用代码", 0, 18, check_code_or_empty },
	FIELD_END
};
static const struct field alias_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "name", "别名", REQUIRED, 4 * UNIT_NAME_MAX, NULL },
	FIELD_END
};
static const struct field version_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};
static const struct field merge_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "into", "合并到", REQUIRED, 15, check_unit_id },
	{ "into_version", "目标单位的版本", REQUIRED, 10, check_version },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/", units_list, KEEPERS, 0, NULL, 0 },
	{ M_GET, "/match", units_match, KEEPERS, 0, NULL, 0 },
	{ M_GET, "/#", units_get, KEEPERS, 0, NULL, 0 },
	{ M_POST, "/", units_add, KEEPERS, KB(4), add_fields, 0 },
	{ M_POST, "/#/update", units_update, KEEPERS, KB(4), update_fields, 0 },
	{ M_POST, "/#/aliases", units_alias_add, KEEPERS, KB(4), alias_fields, 0 },
	{ M_POST, "/#/aliases/#/remove", units_alias_remove, KEEPERS, KB(4), version_fields, 0 },
	{ M_POST, "/#/merge", units_merge, KEEPERS, KB(4), merge_fields, 0 },
};

int main(void)
{
	return RUN(routes);
}
