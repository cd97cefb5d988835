/* Change requests: the kinds as a table, and their application to a profile. */
#include <string.h>
#include "db/db.h"
#include "core/text.h"
#include "sms/sms.h"
#include "apply/appform.h"
#include "pool/change.h"
#include "search/search.h"

static const char *const employer_keys[] = { "employment", "employer", "employer_code", "position", NULL };
static const char *const specialty_keys[] = { "specialties", NULL };
static const char *const avoidance_keys[] = { "avoidance", "avoidance_none", NULL };
static const char *const title_keys[] = { "titles", NULL };
static const char *const region_keys[] = { "region", "remote", NULL };

static const struct change_kind kinds[] = {
	{ "employer", "工作单位", employer_keys },
	{ "specialties", "擅长专业", specialty_keys },
	{ "avoidance", "回避单位", avoidance_keys },
	{ "titles", "专业技术职称", title_keys },
	{ "region", "评标地区", region_keys },
};

const char *const change_kind_names[] = { "employer", "specialties", "avoidance", "titles", "region", NULL };

const struct change_kind *change_kind(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const char *change_status_label(const char *status)
{
	static const char *const labels[][2] = {
		{ "pending", "待审核" }, { "approved", "已通过" }, { "rejected", "未通过" }, { "cancelled", "已撤销" },
	};
	return WORD(labels, status);
}

cJSON *change_pick(const cJSON *from, const struct change_kind *k)
{
	cJSON *o = cJSON_CreateObject();
	for (const char *const *key = k->keys; *key != NULL; key++) {
		const cJSON *v = cJSON_GetObjectItem(from, *key);
		if (v != NULL)
			cJSON_AddItemToObject(o, *key, cJSON_Duplicate(v, 1));
	}
	return o;
}

int change_apply(const struct expert *e, const struct change_kind *k, const cJSON *proposed,
                 long long change_id, long long actor_id)
{
	cJSON *profile = cJSON_Duplicate(e->profile, 1);
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(summary, "change_id", (double)change_id);
	cJSON_AddStringToObject(summary, "kind", k->name);
	cJSON_AddItemToObject(summary, "before", change_pick(e->profile, k));
	cJSON_AddItemToObject(summary, "after", change_pick(proposed, k));
	for (const char *const *key = k->keys; *key != NULL; key++) {
		cJSON_DeleteItemFromObject(profile, *key);
		const cJSON *v = cJSON_GetObjectItem(proposed, *key);
		if (v != NULL)
			cJSON_AddItemToObject(profile, *key, cJSON_Duplicate(v, 1));
	}
	const char *employer = appform_text(profile, "employer");
	long long employer_sid;
	if (search_texts(&employer, &employer_sid, 1) != 0 ||
	    db_exec(SQL_EXPERT_SET_PROFILE, "ssissiii", cJSON_PrintUnformatted(profile), employer,
	            employer_sid, appform_text(profile, "region"), highest_title(profile),
	            (long long)cJSON_IsTrue(cJSON_GetObjectItem(profile, "remote")), e->id, e->version) != 0)
		return -1;
	if (db_affected(SQL_EXPERT_SET_PROFILE) != 1)
		return 0;
	if (strcmp(k->name, "specialties") == 0 ? expert_index(e->id, cJSON_GetObjectItem(profile, "specialties")) != 0
	                                         : expert_index_facts(e->id) != 0)
		return -1;
	return expert_event(e->id, actor_id, "change", NULL, summary) == 0 ? 1 : -1;
}

int change_notify(const struct expert *e, const struct change_kind *k, int approved, const char *reason)
{
	return expert_notify(e, approved
		? arena_printf(arena_current, "%s您好，您提交的“%s”异动申请已审核通过，专家信息已更新。", e->name, k->label)
		: arena_printf(arena_current, "%s您好，您提交的“%s”异动申请未通过审核，原因：%s。", e->name, k->label,
		               sms_excerpt(reason ? reason : "")));
}
