/* The application state machine and its storage. */
#include <string.h>
#include "core/arena.h"
#include "core/text.h"
#include "core/crypto.h"
#include "core/validate.h"
#include "db/db.h"
#include "sms/sms.h"
#include "apply/application.h"
#include "search/search.h"

/* Every transition there is, and who may make it. Anything else is refused. */
static const struct transition {
	const char *from, *to;
	enum actor who;
} transitions[] = {
	{ "draft", "submitted", ACTOR_EXPERT },         /* 确认申报 */
	{ "submitted", "draft", ACTOR_EXPERT },         /* 撤回, before a reviewer opens it */
	{ "rejected", "draft", ACTOR_EXPERT },          /* 修改 after a rejection */
	{ "submitted", "reviewing", ACTOR_STAFF },      /* a reviewer opens it (受理) */
	{ "reviewing", "passed", ACTOR_STAFF },         /* 初审通过, with two review levels */
	{ "passed", "reviewing", ACTOR_STAFF },         /* the final reviewer opens it */
	{ "reviewing", "approved", ACTOR_STAFF },
	{ "reviewing", "rejected", ACTOR_STAFF },
};

static int allowed(const char *from, const char *to, enum actor who)
{
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0 &&
		    transitions[i].who == who)
			return 1;
	return 0;
}

const char *application_status_label(const char *status)
{
	static const char *const labels[][2] = {
		{ "draft", "草稿" }, { "submitted", "待审核" }, { "reviewing", "审核中" }, { "passed", "初审通过" },
		{ "rejected", "未通过" }, { "approved", "已通过" },
	};
	return WORD(labels, status);
}

const char *application_label(struct arena *a, const char *status)
{
	(void)a;
	return application_status_label(status);
}

void id_number_hash(unsigned char out[32], const char *number)
{
	/* the number alone: the same number under two types is one person */
	const char *parts[] = { "id-number", normalize_id_number(arena_current, number) };
	hmac_parts(out, parts, 2);
}

int application_load(long long user_id, struct application *a)
{
	char *data, *id_type;
	unsigned char *enc;
	size_t enclen;
	int rc = db_one(SQL_APP_BY_USER, "i", "isisssbis", user_id, &a->id, (char **)&a->status,
	                &a->version, (char **)&a->step, &data, &id_type, &enc, &enclen,
	                &a->submitted_no, (char **)&a->submitted_at);
	if (rc != 1)
		return rc;
	a->user_id = user_id;
	a->id_type = *id_type ? id_type : NULL;
	a->data = cJSON_Parse(data);
	if (a->data == NULL)
		a->data = cJSON_CreateObject();
	if (enc != NULL && enclen > 0) {
		char *number = unseal(arena_current, enc, enclen);
		if (number != NULL)
			cJSON_AddStringToObject(a->data, "id_number", number);
	}
	return 1;
}

int application_id_number(long long user_id, char **number)
{
	unsigned char *enc;
	size_t enclen;
	*number = NULL;
	int rc = db_one(SQL_APP_ID_NUMBER, "i", "b", user_id, &enc, &enclen);
	if (rc == 1 && enc != NULL && enclen > 0)
		*number = unseal(arena_current, enc, enclen);
	return rc < 0 ? -1 : *number != NULL;
}

int application_move(long long app_id, long long version, long long version_no, const char *from,
                     const char *to, enum actor who, long long actor_id, const char *actor_role,
                     const char *department, const char *reason)
{
	if (!allowed(from, to, who))
		return 0;
	if (db_exec(SQL_APP_MOVE, "siis", to, app_id, version, from) != 0)
		return -1;
	if (db_affected(SQL_APP_MOVE) != 1)
		return 0;
	/* the node index keeps the status too (the review queue counts there) */
	if (db_exec(SQL_APP_TAX_FACTS, "ii", app_id, app_id) != 0)
		return -1;
	if (db_exec(SQL_APP_EVENT_INSERT, "iisssiss", app_id, actor_id, actor_role, from, to, version_no,
	            department, reason) != 0)
		return -1;
	return 1;
}

long long application_save(long long user_id, long long version, const char *step, cJSON *data)
{
	/* the ID number leaves the JSON for its encrypted column */
	cJSON *num = cJSON_DetachItemFromObject(data, "id_number");
	const cJSON *type = cJSON_GetObjectItem(data, "id_type");
	const char *id_type = cJSON_IsString(type) && *type->valuestring ? type->valuestring : NULL;
	const char *number = cJSON_IsString(num) && *num->valuestring ? num->valuestring : NULL;
	unsigned char *enc = NULL, h[32];
	size_t enclen = 0;
	if (number != NULL) {
		enc = seal(arena_current, number, &enclen);
		id_number_hash(h, number);
	}
	const cJSON *n = cJSON_GetObjectItem(data, "name"), *e = cJSON_GetObjectItem(data, "employer");
	const char *name = cJSON_IsString(n) && *n->valuestring ? n->valuestring : NULL;
	const char *employer = cJSON_IsString(e) && *e->valuestring ? e->valuestring : NULL;
	char *text = cJSON_PrintUnformatted(data);
	if (number != NULL)
		cJSON_AddItemToObject(data, "id_number", num);          /* give it back to the caller */
	/* the common save keeps its name and employer: their search texts are not looked up */
	if (version != 0) {
		if (db_exec(SQL_APP_SAVE_SAME_NAMES, "sssbbiiss", step, text, id_type, enc, enclen,
		            number ? h : NULL, number ? (size_t)32 : 0, user_id, version, name, employer) != 0)
			return -1;
		if (db_affected(SQL_APP_SAVE_SAME_NAMES) == 1)
			return version + 1;
	}
	const char *searched[2] = { name, employer };
	long long sid[2];
	if (search_texts(searched, sid, 2) != 0)
		return -1;
	if (version == 0) {
		if (db_exec(SQL_APP_INSERT, "isssbbssii", user_id, step, text, id_type, enc, enclen,
		            number ? h : NULL, number ? (size_t)32 : 0, name, employer, sid[0], sid[1]) != 0)
			return db_failure() == DB_DUPLICATE ? 0 : -1;    /* another tab created it */
		return 1;
	}
	if (db_exec(SQL_APP_SAVE, "sssbbssiiii", step, text, id_type, enc, enclen,
	            number ? h : NULL, number ? (size_t)32 : 0, name, employer, sid[0], sid[1], user_id,
	            version) != 0)
		return -1;
	return db_affected(SQL_APP_SAVE) == 1 ? version + 1 : 0;
}

int application_submit(const struct application *a, long long version, long long actor_id,
                       const cJSON *snapshot)
{
	char *text = cJSON_PrintUnformatted(snapshot);
	int moved = application_move(a->id, version, a->submitted_no + 1, "draft", "submitted",
	                             ACTOR_EXPERT, actor_id, "expert", NULL, NULL);
	if (moved < 0 && db_failure() == DB_DUPLICATE)
		return -2;
	if (moved <= 0)
		return moved;
	/* the queue's specialty filter follows the latest submission */
	char *ids = cJSON_PrintUnformatted(cJSON_GetObjectItem(snapshot, "specialties") ?
	                                   cJSON_GetObjectItem(snapshot, "specialties") : cJSON_CreateArray());
	if (db_exec(SQL_APP_SUBMITTED, "i", a->id) != 0 ||
	    db_exec(SQL_APP_VERSION_INSERT, "si", text, a->id) != 0 ||
	    db_exec(SQL_APP_TAX_CLEAR, "i", a->id) != 0 ||
	    db_exec(SQL_APP_TAX_SET, "is", a->id, ids) != 0 ||
	    db_exec(SQL_APP_TAX_FACTS, "ii", a->id, a->id) != 0)
		return -1;
	return 1;
}

int application_version(struct arena *ar, long long app_id, long long no, cJSON **out)
{
	char *at, *data, *id_type;
	unsigned char *enc;
	size_t len;
	long long got;
	int rc = db_one(SQL_APP_VERSION_GET, "ii", "isssb", app_id, no, &got, &at, &data, &id_type, &enc, &len);
	if (rc <= 0)
		return rc;
	cJSON *snap = cJSON_Parse(data);
	if (snap == NULL)
		return -1;
	char *number = unseal(ar, enc, len);
	if (number != NULL)
		cJSON_AddStringToObject(snap, "id_number", number);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddNumberToObject(v, "no", (double)got);
	cJSON_AddStringToObject(v, "submitted_at", at);
	cJSON_AddItemToObject(v, "data", snap);
	*out = v;
	return 1;
}

const char *application_withdraw_refusal(const struct application *a)
{
	if (strcmp(a->status, "submitted") == 0)
		return NULL;
	if (strcmp(a->status, "draft") == 0)
		return "申请尚未提交，无需撤回";
	if (strcmp(a->status, "rejected") == 0)
		return "申请未通过审核，请点击“修改”后重新提交";
	if (strcmp(a->status, "approved") == 0)
		return "申请已审核通过，不能撤回";
	return "审核已开始，不能撤回";
}

enum result application_withdraw(const struct application *a, long long version, long long user_id,
                                 const char *phone)
{
	if (application_withdraw_refusal(a) != NULL)
		return RES_CONFLICT;
	int rc = application_move(a->id, version, a->submitted_no, "submitted", "draft", ACTOR_EXPERT,
	                          user_id, "expert", NULL, NULL);
	if (rc != 1)
		return rc == 0 ? RES_CONFLICT : RES_FAILED;
	/* the owner of the number hears of it, whoever clicked */
	if (phone != NULL && *phone &&
	    sms_queue(phone, "您已撤回入库申请，修改后可重新提交。如非本人操作，请立即修改登录密码。") != 0)
		return RES_FAILED;
	return RES_OK;
}
