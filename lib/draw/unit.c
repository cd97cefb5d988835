/* The unit registry (unit.h). */
#include <ctype.h>
#include <string.h>
#include "core/arena.h"
#include "core/text.h"
#include "core/validate.h"
#include "db/db.h"
#include "db/rows.h"
#include "draw/rows.def"
#include "draw/unit.h"

static const struct column unit_cols[] = ROW_COLUMNS(UNIT_ROW);
static const struct column name_cols[] = ROW_COLUMNS(UNIT_NAME_ROW);
static const struct column merged_cols[] = { { "id", COL_INT }, { "name", COL_TEXT } };

/* Runs `stmt` for `id` and adds its rows as `key`: 0 or -1. */
static int add_list(cJSON *o, const char *key, enum sql_id stmt, long long id, const struct column *cols, size_t n)
{
	cJSON *rows = db_exec(stmt, "i", id) == 0 ? db_rows_json(arena_current, stmt, cols, n) : NULL;
	if (rows == NULL)
		return -1;
	cJSON_AddItemToObject(o, key, rows);
	return 0;
}

cJSON *unit_json(long long id, int *found)
{
	cJSON *o = NULL;
	*found = 0;
	if (db_exec(SQL_UNIT_GET, "i", id) != 0)
		return NULL;
	int rc = db_row_json(arena_current, SQL_UNIT_GET, COLUMNS(unit_cols), &o);
	if (rc != 1)
		return NULL;
	*found = 1;
	if (add_list(o, "names", SQL_UNIT_NAMES, id, COLUMNS(name_cols)) != 0 ||
	    add_list(o, "merged", SQL_UNIT_MERGED, id, COLUMNS(merged_cols)) != 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

char *unit_code_of(const char *raw)
{
	char *c = arena_strdup(arena_current, raw != NULL ? raw : "");
	for (char *p = c; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return c;
}

long long unit_find(const char *text)
{
	long long id;
	const char *code = unit_code_of(text);
	int rc = check_credit_code(code) == NULL ? db_one(SQL_UNIT_BY_CODE, "s", "i", code, &id)
	         : db_one(SQL_UNIT_BY_KEY, "s", "i", org_name_key(arena_current, text), &id);
	return rc < 0 ? -1 : rc == 1 ? id : 0;
}

static enum result done(struct outcome *o, enum result s, const char *field, const char *message)
{
	o->status = s;
	o->field = field;
	o->message = message;
	return s;
}

/* The unit's name, code and whether merged, as locked for a change. */
struct unit {
	char *name, *code;
	long long merged_into, version, aliases;
};

/* The unit's row locked: 1, 0 none, -1 a failure. */
static int lock_row(long long id, struct unit *u)
{
	return db_one(SQL_UNIT_LOCK, "i", "ssiii", id, &u->name, &u->code, &u->merged_into, &u->version,
	              &u->aliases);
}

/* Locked at the version the caller saw, and not merged away. */
static enum result lock_seen(long long id, long long version, struct unit *u, struct outcome *o)
{
	int rc = lock_row(id, u);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return done(o, RES_NOT_FOUND, NULL, "单位不存在");
	if (u->merged_into > 0)
		return done(o, RES_CONFLICT, NULL, "该单位已合并到其他单位，请在合并后的单位上操作");
	if (u->version != version)
		return done(o, RES_CONFLICT, NULL, "该单位已被他人修改，请刷新后重试");
	return RES_OK;
}

/* A name checked, with its key: NULL after done() when it will not do. */
static const char *name_checked(const char *raw, const char *field, const char **key, struct outcome *o)
{
	const char *why = NULL, *name = text_name(arena_current, raw, UNIT_NAME_MAX, &why);
	if (name != NULL && *(*key = org_name_key(arena_current, name)) == '\0') {
		name = NULL;
		why = "名称应包含文字或字母数字";
	}
	if (name == NULL)
		done(o, RES_INVALID, field, why);
	return name;
}

/* `what`, naming the unit `other` that holds the name or code (its id in out->other). */
static const char *holder_said(const char *what, long long other, struct outcome *o)
{
	char *name;
	o->other = other;
	return db_one(SQL_UNIT_NAME_OF, "i", "s", other, &name) == 1
	       ? arena_printf(arena_current, "%s「%s」", what, name) : what;
}

/* The key free in the registry (`self`'s own names aside): RES_OK, else RES_INVALID on `field`
 * naming the unit that holds it. */
static enum result key_free(const char *key, long long self, const char *field, struct outcome *o)
{
	long long other;
	int rc = db_one(SQL_UNIT_BY_KEY, "s", "i", key, &other);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0 || other == self)
		return RES_OK;
	return done(o, RES_INVALID, field, holder_said("单位库中已有写法相同的单位", other, o));
}

/* A code as stored, valid and free (`self` aside): NULL after done() when it is not. */
static const char *code_checked(const char *raw, long long self, struct outcome *o)
{
	char *code = unit_code_of(raw);
	if (*code == '\0')
		return code;
	const char *why = check_credit_code(code);
	if (why != NULL) {
		done(o, RES_INVALID, "credit_code", why);
		return NULL;
	}
	long long other;
	int rc = db_one(SQL_UNIT_BY_CODE, "s", "i", code, &other);
	if (rc < 0) {
		done(o, RES_FAILED, NULL, NULL);
		return NULL;
	}
	if (rc == 1 && other != self) {
		done(o, RES_INVALID, "credit_code", holder_said("该统一社会信用代码已属于另一单位", other, o));
		return NULL;
	}
	return code;
}

/* A write refused by a unique key: a name or code that came in meanwhile. */
static enum result write_failed(struct outcome *o)
{
	if (db_failure() == DB_DUPLICATE)
		return done(o, RES_CONFLICT, NULL, "同名或同代码的单位刚被他人录入，请刷新后重试");
	return done(o, RES_FAILED, NULL, NULL);
}

static cJSON *state_of(const char *name, const char *code)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "name", name);
	cJSON_AddStringToObject(s, "credit_code", code);
	return s;
}

/* Ends a change of unit `id`: its JSON in out->data, the summary from `what` and its state
 * before (may be NULL) and after. */
static enum result finish(struct outcome *o, long long id, cJSON *what, cJSON *before)
{
	int found;
	cJSON *now = unit_json(id, &found);
	if (now == NULL) {
		cJSON_Delete(what);
		cJSON_Delete(before);
		return done(o, RES_FAILED, NULL, NULL);
	}
	o->id = id;
	o->data = now;
	o->summary = what != NULL ? what : cJSON_CreateObject();
	if (before != NULL)
		cJSON_AddItemToObject(o->summary, "before", before);
	const char *code = cJSON_GetStringValue(cJSON_GetObjectItem(now, "credit_code"));
	cJSON_AddItemToObject(o->summary, "after",
	                      state_of(cJSON_GetStringValue(cJSON_GetObjectItem(now, "name")), code ? code : ""));
	return done(o, RES_OK, NULL, NULL);
}

enum result unit_add(const char *raw, const char *raw_code, struct outcome *o)
{
	const char *key, *name = name_checked(raw, "name", &key, o), *code;
	enum result s;
	if (name == NULL)
		return o->status;
	if ((s = key_free(key, 0, "name", o)) != RES_OK || (code = code_checked(raw_code, 0, o)) == NULL)
		return o->status;
	if (db_exec(SQL_UNIT_INSERT, "ss", name, code) != 0)
		return write_failed(o);
	long long id = (long long)db_insert_id(SQL_UNIT_INSERT);
	if (db_exec(SQL_UNIT_NAME_INSERT, "issi", id, name, key, 0LL) != 0)
		return write_failed(o);
	return finish(o, id, NULL, NULL);
}

enum result unit_update(long long id, long long version, const char *raw, const char *raw_code,
                        struct outcome *o)
{
	struct unit u;
	const char *key, *name, *code;
	if (lock_seen(id, version, &u, o) != RES_OK)
		return o->status;
	if ((name = name_checked(raw, "name", &key, o)) == NULL || key_free(key, id, "name", o) != RES_OK ||
	    (code = code_checked(raw_code, id, o)) == NULL)
		return o->status;
	if (strcmp(name, u.name) == 0 && strcmp(code, u.code) == 0)
		return done(o, RES_INVALID, "name", "名称和代码都没有变化");
	if (db_exec(SQL_UNIT_UPDATE, "ssii", name, code, id, version) != 0 ||
	    db_exec(SQL_UNIT_OWN_NAME, "ssi", name, key, id) != 0)
		return write_failed(o);
	return finish(o, id, NULL, state_of(u.name, u.code));
}

enum result unit_alias_add(long long id, long long version, const char *raw, struct outcome *o)
{
	struct unit u;
	const char *key, *name;
	if (lock_seen(id, version, &u, o) != RES_OK)
		return o->status;
	if ((name = name_checked(raw, "name", &key, o)) == NULL)
		return o->status;
	long long holder;
	int rc = db_one(SQL_UNIT_BY_KEY, "s", "i", key, &holder);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 1 && holder == id)
		return done(o, RES_INVALID, "name", "该名称（或写法相同的名称）已是本单位的名称");
	if (key_free(key, id, "name", o) != RES_OK)
		return o->status;
	if (u.aliases >= UNIT_ALIASES_MAX)
		return done(o, RES_INVALID, "name", arena_printf(arena_current, "一个单位最多%d个别名", UNIT_ALIASES_MAX));
	if (db_exec(SQL_UNIT_NAME_INSERT, "issi", id, name, key, 1LL) != 0 || db_exec(SQL_UNIT_TOUCH, "i", id) != 0)
		return write_failed(o);
	cJSON *what = cJSON_CreateObject();
	cJSON_AddStringToObject(what, "alias_added", name);
	return finish(o, id, what, NULL);
}

enum result unit_alias_remove(long long id, long long version, long long name_id, struct outcome *o)
{
	struct unit u;
	char *name;
	if (lock_seen(id, version, &u, o) != RES_OK)
		return o->status;
	int rc = db_one(SQL_UNIT_ALIAS_GET, "ii", "s", name_id, id, &name);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return done(o, RES_NOT_FOUND, NULL, "该单位没有这个别名");
	if (db_exec(SQL_UNIT_ALIAS_DELETE, "ii", name_id, id) != 0 || db_exec(SQL_UNIT_TOUCH, "i", id) != 0)
		return done(o, RES_FAILED, NULL, NULL);
	cJSON *what = cJSON_CreateObject();
	cJSON_AddStringToObject(what, "alias_removed", name);
	return finish(o, id, what, NULL);
}

enum result unit_merge(long long id, long long version, long long into, long long into_version,
                       struct outcome *o)
{
	struct unit dup, target;
	if (into == id)
		return done(o, RES_INVALID, "into", "不能合并到自身");
	/* both rows locked in id order, so that two merges of one pair cannot deadlock */
	long long first = id < into ? id : into, second = id < into ? into : id;
	struct unit *u1 = first == id ? &dup : &target, *u2 = first == id ? &target : &dup;
	int rc1 = lock_row(first, u1), rc2 = rc1 < 0 ? -1 : lock_row(second, u2);
	if (rc1 < 0 || rc2 < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if ((first == id ? rc1 : rc2) == 0)
		return done(o, RES_NOT_FOUND, NULL, "单位不存在");
	if ((first == id ? rc2 : rc1) == 0)
		return done(o, RES_INVALID, "into", "目标单位不存在");
	if (dup.merged_into > 0)
		return done(o, RES_CONFLICT, NULL, "该单位已合并到其他单位");
	if (dup.version != version)
		return done(o, RES_CONFLICT, NULL, "该单位已被他人修改，请刷新后重试");
	if (target.merged_into > 0)
		return done(o, RES_INVALID, "into", "目标单位本身已合并到其他单位");
	if (target.version != into_version)
		return done(o, RES_CONFLICT, NULL, "目标单位已被他人修改，请刷新后重试");
	if (*dup.code && *target.code && strcmp(dup.code, target.code) != 0)
		return done(o, RES_INVALID, "into", "两个单位的统一社会信用代码不同，是不同的单位，不能合并");
	if (target.aliases + dup.aliases + 1 > UNIT_ALIASES_MAX)
		return done(o, RES_INVALID, "into", arena_printf(arena_current, "合并后别名将超过%d个", UNIT_ALIASES_MAX));
	/* the code leaves the duplicate before the target takes it: the key is unique */
	if (db_exec(SQL_UNIT_MERGE_NAMES, "ii", into, id) != 0 || db_exec(SQL_UNIT_MERGE_MARK, "ii", into, id) != 0 ||
	    (*dup.code && !*target.code && db_exec(SQL_UNIT_TAKE_CODE, "si", dup.code, into) != 0) ||
	    db_exec(SQL_UNIT_TOUCH, "i", into) != 0)
		return write_failed(o);
	cJSON *what = cJSON_CreateObject();
	cJSON_AddNumberToObject(what, "merged", (double)id);
	cJSON_AddStringToObject(what, "merged_name", dup.name);
	o->other = id;
	return finish(o, into, what, state_of(target.name, target.code));
}
