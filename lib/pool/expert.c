/* Experts in the pool, their history and the numbering of experts and certificates. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "apply/appform.h"
#include "core/text.h"
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "core/validate.h"
#include "sms/sms.h"
#include "pool/expert.h"
#include "search/search.h"

const char *expert_status_label(const char *status)
{
	static const char *const labels[][2] = {
		{ "active", "在库" }, { "suspended", "暂停" }, { "removed", "出库" },
	};
	return WORD(labels, status);
}

/* The standings, as bits for the table below. */
enum { IN_NO_POOL = 1, ACTIVE = 2, SUSPENDED = 4, REMOVED = 8 };

/* Each restricted action, the standings that allow it, and the refusals of the others. */
static const struct {
	enum expert_action action;
	unsigned allowed;
	const char *suspended, *removed;
} standing_rules[] = {
	{ EXPERT_EDIT, IN_NO_POOL | ACTIVE,
	  "您的专家资格已暂停，暂停期间不能修改专家信息或提交异动申请",
	  "您已出库，不能再修改专家信息或提交异动申请" },
	{ EXPERT_CERTIFICATE, IN_NO_POOL | ACTIVE,
	  "您的专家资格已暂停，暂停期间专家证书无效，不能下载",
	  "您已出库，专家证书已失效，不能下载" },
	{ EXPERT_APPLY, IN_NO_POOL | ACTIVE,
	  "您的专家资格已暂停，不能修改或重新提交入库申请",
	  "您已出库，不能修改或重新提交入库申请" },
};

enum standing expert_may(const char *status, enum expert_action action, const char **message)
{
	unsigned bit = status == NULL ? IN_NO_POOL : strcmp(status, "active") == 0 ? ACTIVE
	             : strcmp(status, "suspended") == 0 ? SUSPENDED : strcmp(status, "removed") == 0 ? REMOVED : 0;
	for (size_t i = 0; i < sizeof standing_rules / sizeof standing_rules[0]; i++) {
		if (standing_rules[i].action != action)
			continue;
		if (standing_rules[i].allowed & bit)
			return STANDING_OK;
		if (bit == SUSPENDED || bit == REMOVED) {
			*message = bit == SUSPENDED ? standing_rules[i].suspended : standing_rules[i].removed;
			return bit == SUSPENDED ? STANDING_SUSPENDED : STANDING_REMOVED;
		}
		break;
	}
	*message = "您的专家状态不允许此操作";         /* a status or an action the table lacks */
	return STANDING_OTHER;
}

int expert_standing(long long user_id, const char **status)
{
	char *s = NULL;
	int rc = db_one(SQL_EXPERT_STATUS_BY_USER, "i", "s", user_id, &s);
	*status = rc == 1 ? s : NULL;
	return rc < 0 ? -1 : 0;
}

int expert_lock(long long expert_id, const char **status)
{
	char *s = NULL;
	int rc = db_one(SQL_EXPERT_LOCK, "i", "s", expert_id, &s);
	*status = s;
	return rc;
}

static int load(enum sql_id id, long long key, struct expert *e)
{
	char *profile;
	unsigned char *enc;
	size_t enclen;
	long long remote;
	int rc = db_one(id, "i", "iissssssssbsssisssis", key, &e->id, &e->user_id,
	                (char **)&e->expert_no, (char **)&e->status, (char **)&e->status_reason,
	                &profile, (char **)&e->name, (char **)&e->gender, (char **)&e->birth_date,
	                (char **)&e->id_type, &enc, &enclen, (char **)&e->employer,
	                (char **)&e->region, (char **)&e->title_level, &remote, (char **)&e->email,
	                (char **)&e->address, (char **)&e->joined_at, &e->version, (char **)&e->phone);
	if (rc != 1)
		return rc;
	e->remote = remote != 0;
	e->profile = cJSON_Parse(profile);
	if (e->profile == NULL)
		e->profile = cJSON_CreateObject();
	e->id_number = unseal(arena_current, enc, enclen);
	return 1;
}

int expert_load(long long id, struct expert *e)
{
	return load(SQL_EXPERT_BY_ID, id, e);
}

int expert_load_user(long long user_id, struct expert *e)
{
	return load(SQL_EXPERT_BY_USER, user_id, e);
}

char *number_format(struct arena *a, const char *format, int year, unsigned long long seq)
{
	size_t cap = strlen(format) + 64, n = 0;
	char *out = arena_alloc(a, cap);
	for (const char *p = format; *p != '\0' && n + 24 < cap;) {
		int width = -1, used = 0;
		if (strncmp(p, "{year}", 6) == 0) {
			n += (size_t)snprintf(out + n, cap - n, "%04d", year);
			p += 6;
		} else if (strncmp(p, "{seq}", 5) == 0) {
			n += (size_t)snprintf(out + n, cap - n, "%llu", seq);
			p += 5;
		} else if (sscanf(p, "{seq:%d}%n", &width, &used) == 1 && used > 0 && width >= 1 && width <= 12) {
			n += (size_t)snprintf(out + n, cap - n, "%0*llu", width, seq);
			p += used;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

char *number_next(const char *format, const char *sequence)
{
	int y, m, d;
	today_china(&y, &m, &d);
	const char *name = strstr(format, "{year}") != NULL
		? arena_printf(arena_current, "%s:%d", sequence, y) : sequence;
	if (db_exec(SQL_COUNTER_NEXT, "s", name) != 0)
		return NULL;
	return number_format(arena_current, format, y, db_insert_id(SQL_COUNTER_NEXT));
}

const char *highest_title(const cJSON *profile)
{
	static const char *const order[] = { "正高级", "副高级", "中级", "初级" };
	const char *best = NULL;
	size_t rank = sizeof order / sizeof order[0];
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(profile, "titles")) {
		const char *level = appform_text(t, "level");
		for (size_t i = 0; level != NULL && i < rank; i++)
			if (strcmp(level, order[i]) == 0) {
				rank = i;
				best = order[i];
			}
	}
	return best;
}

int expert_index(long long expert_id, const cJSON *specialties)
{
	char *ids = cJSON_PrintUnformatted(specialties != NULL ? specialties : cJSON_CreateArray());
	return db_exec(SQL_EXPERT_TAX_CLEAR, "i", expert_id) == 0 &&
	       db_exec(SQL_EXPERT_TAX_SET, "is", expert_id, ids) == 0 ? expert_index_facts(expert_id) : -1;
}

int expert_index_facts(long long expert_id)
{
	return db_exec(SQL_EXPERT_TAX_FACTS, "ii", expert_id, expert_id);
}

int expert_event(long long expert_id, long long actor_id, const char *action, const char *reason,
                 const cJSON *summary)
{
	char *text = summary != NULL ? cJSON_PrintUnformatted(summary) : "{}";
	return db_exec(SQL_EXPERT_EVENT_INSERT, "iisss", expert_id, actor_id, action, reason, text);
}

long long expert_admit(long long app_id, long long user_id, long long actor_id, char **expert_no)
{
	char *data, *id_type;
	unsigned char *enc;
	size_t enclen;
	if (db_one(SQL_APP_LATEST_VERSION, "i", "ssb", app_id, &data, &id_type, &enc, &enclen) != 1)
		return -1;
	cJSON *p = cJSON_Parse(data);
	if (p == NULL)
		return -1;
	cJSON_DeleteItemFromObject(p, "resolved");
	char *no = number_next(cfg.expert_no_format, "expert_no");
	if (no == NULL)
		return -1;
	const cJSON *remote = cJSON_GetObjectItem(p, "remote");
	const char *name = appform_text(p, "name");
	const char *searched[2] = { name, appform_text(p, "employer") };
	long long sid[2];
	if (search_texts(searched, sid, 2) != 0 ||
	    db_exec(SQL_EXPERT_INSERT, "iissssssbsssissii", user_id, app_id, no, cJSON_PrintUnformatted(p),
	            name ? name : "", appform_text(p, "gender"), appform_text(p, "birth_date"), id_type,
	            enc, enclen, searched[1], appform_text(p, "region"),
	            highest_title(p), (long long)cJSON_IsTrue(remote), appform_text(p, "email"),
	            appform_text(p, "residence"), sid[0], sid[1]) != 0)
		return -1;
	long long id = (long long)db_insert_id(SQL_EXPERT_INSERT);
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "expert_no", no);
	cJSON_AddNumberToObject(summary, "application_id", (double)app_id);
	if (expert_index(id, cJSON_GetObjectItem(p, "specialties")) != 0 ||
	    expert_event(id, actor_id, "admit", NULL, summary) != 0)
		return -1;
	*expert_no = no;
	return id;
}

int expert_move(const struct expert *e, long long version, const char *to, const char *action,
                long long actor_id, const char *reason)
{
	if (db_exec(SQL_EXPERT_MOVE, "ssiis", to, reason, e->id, version, e->status) != 0)
		return -1;
	if (db_affected(SQL_EXPERT_MOVE) != 1)
		return 0;
	if (expert_index_facts(e->id) != 0)
		return -1;
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "from", e->status);
	cJSON_AddStringToObject(summary, "to", to);
	if (expert_event(e->id, actor_id, action, reason, summary) != 0)
		return -1;
	/* the expert is told, with the manager's reason: name, expert number, reason */
	static const struct { const char *to, *what, *why, *then; } notices[] = {
		{ "suspended", "的专家资格已暂停", "原因", "暂停期间不能参加评标，专家证书暂停使用。" },
		{ "active", "的专家资格已恢复", "说明", "" },
		{ "removed", "已出库", "原因", "专家证书同时失效。" },
	};
	for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(notices[i].to, to) == 0 &&
		    expert_notify(e, arena_printf(arena_current, "%s您好，您%s（专家编号%s）。%s：%s。%s", e->name,
		                                  notices[i].what, e->expert_no, notices[i].why,
		                                  sms_excerpt(reason ? reason : ""), notices[i].then)) != 0)
			return -1;
	return 1;
}

int expert_notify(const struct expert *e, const char *text)
{
	return e->phone != NULL && *e->phone ? sms_queue(e->phone, text) : 0;
}

/* Characters are counted as UTF-8 sequences, so a Chinese name is masked by character. */
static size_t utf8_len(const char *s, size_t *first)
{
	size_t n = 0;
	*first = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80) {
			if (n == 1 && *first == 0)
				*first = (size_t)((const char *)p - s);
			n++;
		}
	if (n == 1)
		*first = strlen(s);
	return n;
}

char *mask_name(struct arena *a, const char *name)
{
	size_t first;
	size_t n = name != NULL ? utf8_len(name, &first) : 0;
	if (n == 0)
		return arena_strdup(a, "");
	char *out = arena_alloc(a, first + n + 1);
	memcpy(out, name, first);
	memset(out + first, '*', n > 1 ? n - 1 : 1);
	return out;
}

char *mask_id(struct arena *a, const char *number)
{
	if (number == NULL)
		return arena_strdup(a, "");
	size_t n = strlen(number);
	if (n <= 7) {
		char *out = arena_strdup(a, number);
		for (size_t i = n > 2 ? 1 : 0; i < n; i++)
			out[i] = '*';
		return out;
	}
	char *out = arena_strdup(a, number);
	memset(out + 3, '*', n - 7);
	return out;
}
