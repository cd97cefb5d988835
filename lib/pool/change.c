/* Change requests: the kinds as a table, and their application to a profile. */
#include <stdio.h>
#include <string.h>
#include "core/text.h"
#include "core/time.h"
#include "db/db.h"
#include "db/rows.h"
#include "files/files.h"
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
	{ "employer", "工作单位", employer_keys, 1, "新单位出具的工作证明或劳动合同等证明材料（退休的，上传退休证明）" },
	{ "specialties", "擅长专业", specialty_keys, 0, "相关证明材料（可选）" },
	{ "avoidance", "回避单位", avoidance_keys, 0, "相关证明材料（可选）" },
	/* each title entry carries its certificate scan already (职称证书扫描件, required by the form) */
	{ "titles", "专业技术职称", title_keys, 0, "其他证明材料（可选；职称证书扫描件随每项职称上传）" },
	{ "region", "评标地区", region_keys, 0, "相关证明材料（可选）" },
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

int change_check_files(const struct change_kind *k, long long user_id, const cJSON *files, cJSON *errors)
{
	int n = 0;
	if (files != NULL && !cJSON_IsArray(files)) {
		cJSON_AddStringToObject(errors, "files", "附件格式不正确");
		return 1;
	}
	int count = cJSON_GetArraySize(files);
	if (count > CHANGE_FILES_MAX) {
		cJSON_AddStringToObject(errors, "files", arena_printf(arena_current, "最多上传 %d 个附件", CHANGE_FILES_MAX));
		return 1;
	}
	if (count == 0 && k->files_required) {
		cJSON_AddStringToObject(errors, "files", arena_printf(arena_current, "请上传%s", k->files_hint));
		return 1;
	}
	for (int i = 0; i < count; i++) {
		const cJSON *f = cJSON_GetArrayItem(files, i);
		const char *path = arena_printf(arena_current, "files.%d", i), *why = NULL;
		if (!cJSON_IsNumber(f) || f->valuedouble < 1 || f->valuedouble > 1e15 ||
		    f->valuedouble != (double)(long long)f->valuedouble) {
			why = "附件格式不正确";
		} else {
			for (int j = 0; j < i && why == NULL; j++)
				if (cJSON_GetArrayItem(files, j)->valuedouble == f->valuedouble)
					why = "同一文件只能附一次";
			int ok = why == NULL ? file_usable(user_id, (long long)f->valuedouble, CHANGE_FILE_KINDS) : 1;
			if (ok < 0)
				return -1;
			if (ok == 0)
				why = "附件不存在或不是本人上传的扫描件、PDF 文件";
		}
		if (why != NULL) {
			cJSON_AddStringToObject(errors, path, why);
			n++;
		}
	}
	return n;
}

int change_attach(long long change_id, const cJSON *files)
{
	if (cJSON_GetArraySize(files) == 0)
		return 0;
	return db_exec(SQL_CHANGE_FILES_ADD, "is", change_id, cJSON_PrintUnformatted(files));
}

static const struct column attachment_cols[] = {
	{ "id", COL_INT }, { "kind", COL_TEXT }, { "content_type", COL_TEXT }, { "name", COL_TEXT },
	{ "size", COL_INT },
};

cJSON *change_files(struct arena *a, long long change_id)
{
	if (db_exec(SQL_CHANGE_FILES, "i", change_id) != 0)
		return NULL;
	return db_rows_json(a, SQL_CHANGE_FILES, COLUMNS(attachment_cols));
}

int change_files_into(struct arena *a, long long expert_id, long long lo, long long hi, cJSON *changes)
{
	static const struct column cols[] = {
		{ "change_id", COL_INT }, { "id", COL_INT }, { "kind", COL_TEXT }, { "content_type", COL_TEXT },
		{ "name", COL_TEXT }, { "size", COL_INT },
	};
	cJSON *c;
	cJSON_ArrayForEach(c, changes)
		cJSON_AddArrayToObject(c, "files");
	if (cJSON_GetArraySize(changes) == 0)
		return 0;
	if (db_exec(SQL_CHANGE_FILES_OF_EXPERT, "iii", expert_id, lo, hi) != 0)
		return -1;
	cJSON *row;
	int rc;
	while ((rc = db_row_json(a, SQL_CHANGE_FILES_OF_EXPERT, COLUMNS(cols), &row)) == 1) {
		double id = cJSON_GetObjectItem(row, "change_id")->valuedouble;
		cJSON_DeleteItemFromObject(row, "change_id");
		cJSON_ArrayForEach(c, changes)
			if (cJSON_GetObjectItem(c, "id")->valuedouble == id)
				cJSON_AddItemToArray(cJSON_GetObjectItem(c, "files"), cJSON_Duplicate(row, 1));
	}
	return rc;
}

/* One employer as another, whatever the spacing, width or case (the search's normal form). */
static int same_employer(const char *a, const char *b)
{
	return strcmp(search_normalize(arena_current, a), search_normalize(arena_current, b)) == 0;
}

void change_follow_employer(cJSON *profile, const char *before, const char *after, const char *position,
                            const char *month)
{
	if (before == NULL ? after == NULL : after != NULL && same_employer(before, after))
		return;
	cJSON *work = cJSON_GetObjectItem(profile, "work");
	if (!cJSON_IsArray(work)) {
		cJSON_DeleteItemFromObject(profile, "work");
		work = cJSON_AddArrayToObject(profile, "work");
	}
	int open_after = 0;
	cJSON *row;
	cJSON_ArrayForEach(row, work) {
		const char *at = cJSON_IsObject(row) ? appform_text(row, "employer") : NULL;
		if (at == NULL || appform_text(row, "to") != NULL)
			continue;
		if (after != NULL && same_employer(at, after)) {
			open_after = 1;
		} else if (before != NULL && same_employer(at, before)) {
			cJSON_DeleteItemFromObject(row, "to");
			cJSON_AddStringToObject(row, "to", month);
		}
	}
	if (after == NULL || open_after || cJSON_GetArraySize(work) >= appform_list_max("work"))
		return;
	cJSON *entry = cJSON_CreateObject();
	cJSON_AddStringToObject(entry, "employer", after);
	cJSON_AddStringToObject(entry, "position", position != NULL ? position : "");
	cJSON_AddStringToObject(entry, "from", month);
	cJSON_AddStringToObject(entry, "to", "");
	cJSON_AddItemToArray(work, entry);
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
	if (strcmp(k->name, "employer") == 0) {
		int y, m, d;
		today_china(&y, &m, &d);
		const cJSON *before = cJSON_GetObjectItem(e->profile, "work");
		change_follow_employer(profile, appform_text(e->profile, "employer"), employer,
		                       appform_text(profile, "position"), arena_printf(arena_current, "%04d-%02d", y, m));
		cJSON *after = cJSON_GetObjectItem(profile, "work");
		if (!cJSON_Compare(before, after, 1)) {
			cJSON_AddItemToObject(cJSON_GetObjectItem(summary, "before"), "work", cJSON_Duplicate(before, 1));
			cJSON_AddItemToObject(cJSON_GetObjectItem(summary, "after"), "work", cJSON_Duplicate(after, 1));
		}
	}
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
