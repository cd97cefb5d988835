/* The application form as data: one table of fields per step, checked by one walker. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/config.h"
#include "files/files.h"
#include "http/form.h"
#include "apply/taxonomy.h"
#include "core/validate.h"
#include "apply/appform.h"

const char *const opt_id_types[] = { ID_TYPE_MAINLAND, "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
                                     "港澳台居民居住证", "护照", "外国人永久居留身份证", NULL };
/* Each option's number format (core/validate.h); a type without one accepts no number. */
static const struct {
	const char *type;
	const char *(*check)(const char *number, struct idcard *out);
} id_docs[] = {
	{ ID_TYPE_MAINLAND, check_mainland_id },
	{ "港澳居民来往内地通行证", check_hkmo_permit },
	{ "台湾居民来往大陆通行证", check_tw_permit },
	{ "港澳台居民居住证", check_residence_permit },
	{ "护照", check_passport },
	{ "外国人永久居留身份证", check_foreign_pr },
};
const char *const opt_genders[] = { "男", "女", NULL };
const char *const opt_political[] = { "中共党员", "中共预备党员", "共青团员", "民革党员", "民盟盟员",
                                      "民建会员", "民进会员", "农工党党员", "致公党党员", "九三学社社员",
                                      "台盟盟员", "无党派人士", "群众", NULL };
const char *const opt_employment[] = { "在职", "退休", NULL };
const char *const opt_honours[] = { "全国劳动模范", "享受国务院政府特殊津贴专家", "省部级劳动模范",
                                    "省级突出贡献专家", "全国工程勘察设计大师", "省级工程勘察设计大师",
                                    "全国五一劳动奖章", "其他", NULL };
const char *const opt_degrees[] = { "博士研究生", "硕士研究生", "大学本科", "大学专科", "中专及以下", NULL };
const char *const opt_title_levels[] = { "正高级", "副高级", "中级", "初级", NULL };
const char *const opt_entry_types[] = { "新增", "续聘", NULL };


enum ftype { T_TEXT, T_EMAIL, T_CREDIT, T_DATE, T_MONTH, T_INT, T_BOOL, T_ENUM, T_ENUMS, T_REGION,
             T_FILE, T_LIST, T_LEAVES, T_IDNUM };

#define REQ 1u          /* required at submission */
#define CONF_REQ 4u     /* required at submission when the configuration says so (see required()) */
#define LONG_TEXT 2u    /* line breaks allowed */

struct spec {
	const char *key, *label;
	enum ftype type;
	unsigned flags;
	int max;                        /* characters, list entries, or the largest integer */
	const char *const *options;     /* T_ENUM, T_ENUMS */
	const char *kind;               /* T_FILE: the file kinds accepted, e.g. "photo" or "scan|pdf" */
	const struct spec *items;       /* T_LIST */
};

static const struct spec education_item[] = {
	{ "school", "毕业院校", T_TEXT, REQ, 60 },
	{ "major", "专业", T_TEXT, REQ, 60 },
	{ "degree", "学历", T_ENUM, REQ, 0, opt_degrees },
	{ "from", "开始年月", T_MONTH, REQ },
	{ "to", "结束年月", T_MONTH, REQ },
	{ NULL }
};
static const struct spec work_item[] = {
	{ "employer", "工作单位", T_TEXT, REQ, 100 },
	{ "position", "职务", T_TEXT, REQ, 50 },
	{ "from", "开始年月", T_MONTH, REQ },
	{ "to", "结束年月", T_MONTH, 0 },          /* empty: until now */
	{ NULL }
};
static const struct spec avoidance_item[] = {
	{ "unit", "回避单位名称", T_TEXT, REQ, 100 },
	{ "code", "统一社会信用代码", T_CREDIT, 0 },
	{ "reason", "回避原因", T_TEXT, REQ, 200 },
	{ NULL }
};
static const struct spec title_item[] = {
	{ "name", "职称名称", T_TEXT, REQ, 60 },
	{ "level", "职称级别", T_ENUM, REQ, 0, opt_title_levels },
	{ "specialty", "职称专业", T_TEXT, REQ, 60 },
	{ "authority", "发证机关", T_TEXT, REQ, 100 },
	{ "date", "取得日期", T_DATE, REQ },
	{ "scan", "职称证书扫描件", T_FILE, REQ, 0, NULL, "scan" },
	{ NULL }
};
static const struct spec qualification_item[] = {
	{ "name", "资格名称", T_TEXT, REQ, 60 },
	{ "number", "注册编号", T_TEXT, REQ, 60 },
	{ "date", "注册日期", T_DATE, REQ },
	{ "scan", "资格证书扫描件", T_FILE, REQ, 0, NULL, "scan" },
	{ NULL }
};
static const struct spec achievement_item[] = {
	{ "name", "项目名称", T_TEXT, REQ, 100 },
	{ "role", "本人角色", T_TEXT, 0, 50 },
	{ "date", "日期", T_DATE, REQ },
	{ "award", "获奖情况", T_TEXT, 0, 100 },
	{ "description", "项目描述", T_TEXT, LONG_TEXT, 1000 },
	{ "attachment", "附件", T_FILE, 0, 0, NULL, "scan|pdf" },
	{ NULL }
};

static const struct spec basic[] = {
	{ "photo", "照片", T_FILE, CONF_REQ, 0, NULL, "photo" },
	{ "name", "姓名", T_TEXT, REQ, 30 },
	{ "gender", "性别", T_ENUM, REQ, 0, opt_genders },
	{ "id_type", "证件类型", T_ENUM, REQ, 0, opt_id_types },
	{ "id_number", "证件号码", T_IDNUM, REQ },
	{ "birth_date", "出生日期", T_DATE, REQ },
	{ "id_front", "证件正面扫描件", T_FILE, CONF_REQ, 0, NULL, "scan" },
	{ "id_back", "证件背面扫描件", T_FILE, 0, 0, NULL, "scan" },
	{ "email", "电子邮箱", T_EMAIL, 0, 100 },
	{ "political_status", "政治面貌", T_ENUM, 0, 0, opt_political },
	{ "employment", "在职状态", T_ENUM, REQ, 0, opt_employment },
	{ "employer", "工作单位", T_TEXT, 0, 100 },
	{ "employer_code", "统一社会信用代码", T_CREDIT, 0 },
	{ "position", "职务", T_TEXT, REQ, 50 },
	{ "specialty", "现从事专业", T_TEXT, REQ, 50 },
	{ "specialty_years", "现从事专业年限", T_INT, REQ, 70 },
	{ "honours", "社会荣誉", T_ENUMS, 0, 0, opt_honours },
	{ "residence", "常住地", T_TEXT, REQ, 100 },
	{ "health", "健康状况", T_TEXT, 0, 50 },
	{ "region", "评标地区", T_REGION, REQ },
	{ "remote", "是否接受远程评标", T_BOOL, REQ },
	{ "entry_type", "入库类型", T_ENUM, REQ, 0, opt_entry_types },
	{ "education", "毕业院校", T_LIST, REQ, 20, NULL, NULL, education_item },
	{ "work", "工作履历", T_LIST, REQ, 20, NULL, NULL, work_item },
	{ "avoidance_none", "无回避单位", T_BOOL, 0 },
	{ "avoidance", "回避单位", T_LIST, 0, 20, NULL, NULL, avoidance_item },
	{ NULL }
};
static const struct spec domains[] = {
	{ "specialties", "擅长专业和方向", T_LEAVES, REQ, 200 },
	{ NULL }
};
static const struct spec records[] = {
	{ "titles", "专业技术职称", T_LIST, REQ, 20, NULL, NULL, title_item },
	{ "qualifications", "注册执业资格", T_LIST, 0, 20, NULL, NULL, qualification_item },
	{ "achievements", "工作业绩及获奖项目", T_LIST, 0, 20, NULL, NULL, achievement_item },
	{ NULL }
};
static const struct spec commitment[] = {
	{ "commitment_scan", "入库承诺书扫描件", T_FILE, REQ, 0, NULL, "pdf" },
	{ NULL }
};
static const struct spec signed_form[] = {
	{ "form_scan", "申请表扫描件", T_FILE, REQ, 0, NULL, "pdf" },
	{ NULL }
};

static const struct step {
	const char *name;
	const struct spec *fields;
	int provincial_only;
} steps[] = {
	{ "basic", basic, 0 },
	{ "domains", domains, 0 },
	{ "records", records, 0 },
	{ "commitment", commitment, 1 },
	{ "form", signed_form, 1 },
};
#define NSTEPS (sizeof steps / sizeof steps[0])

struct appform_ctx *appform_context(struct arena *a, long long user_id)
{
	struct appform_ctx *c = arena_alloc(a, sizeof *c);
	c->user_id = user_id;
	c->file_ok = file_usable;
	c->leaves_ok = taxonomy_leaves_check;
	today_china(&c->today_y, &c->today_m, &c->today_d);
	return c;
}

cJSON *opt_array(const char *const *list)
{
	cJSON *a = cJSON_CreateArray();
	for (; *list != NULL; list++)
		cJSON_AddItemToArray(a, cJSON_CreateString(*list));
	return a;
}

#define FULLWIDTH_COMMA "\xEF\xBC\x8C"        /* ， */

/* The configured regions, separated by "," or "，" (the latter a 3-byte sequence: split on it
 * whole — strtok would split on each of its bytes, inside other characters too), trimmed. */
cJSON *opt_regions(void)
{
	cJSON *a = cJSON_CreateArray();
	const char *p = cfg.regions;
	while (*p != '\0') {
		const char *end = p;
		while (*end != '\0' && *end != ',' && strncmp(end, FULLWIDTH_COMMA, 3) != 0)
			end++;
		const char *s = p, *e = end;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s)
			cJSON_AddItemToArray(a, cJSON_CreateString(arena_strndup(arena_current, s, (size_t)(e - s))));
		p = *end == '\0' ? end : end + (*end == ',' ? 1 : 3);
	}
	return a;
}

cJSON *appform_steps(int provincial)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < NSTEPS; i++)
		if (provincial || !steps[i].provincial_only)
			cJSON_AddItemToArray(a, cJSON_CreateString(steps[i].name));
	cJSON_AddItemToArray(a, cJSON_CreateString("preview"));
	return a;
}

int appform_age(const cJSON *data)
{
	const char *b = appform_text(data, "birth_date");
	int y, m, d, ty, tm, td;
	if (b == NULL || !date_parse(b, 0, &y, &m, &d))
		return -1;
	today_china(&ty, &tm, &td);
	return age_on(y, m, d, ty, tm, td);
}

/* ---- where errors go ------------------------------------------------------------------ */

struct sink {
	cJSON *flat;            /* format mode: path → message */
	cJSON *by_step;         /* complete mode: step → {path → message} */
	const char *step;
	int count;
};

static void report(struct sink *k, const char *path, const char *msg)
{
	cJSON *into = k->flat;
	if (k->by_step != NULL) {
		into = cJSON_GetObjectItem(k->by_step, k->step);
		if (into == NULL)
			into = cJSON_AddObjectToObject(k->by_step, k->step);
	}
	if (!cJSON_HasObjectItem(into, path)) {
		cJSON_AddStringToObject(into, path, msg);
		k->count++;
	}
}

static const char *join(const char *prefix, const char *key)
{
	return *prefix ? arena_printf(arena_current, "%s.%s", prefix, key) : key;
}

/* ---- values ----------------------------------------------------------------------------- */

static int empty(const cJSON *v)
{
	return v == NULL || cJSON_IsNull(v) || (cJSON_IsString(v) && v->valuestring[0] == '\0') ||
	       (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

const char *appform_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	return cJSON_IsString(v) && v->valuestring[0] != '\0' ? v->valuestring : NULL;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int in_regions(const char *s)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, opt_regions())
		if (strcmp(r->valuestring, s) == 0)
			return 1;
	return 0;
}

static int after_today(const struct appform_ctx *c, int y, int m, int d)
{
	return y > c->today_y || (y == c->today_y && (m > c->today_m || (m == c->today_m && d > c->today_d)));
}

static int email_shaped(const char *s)
{
	const char *at = strchr(s, '@');
	return at != NULL && at > s && strchr(at + 1, '@') == NULL && strchr(at + 1, '.') != NULL &&
	       at[1] != '.' && s[strlen(s) - 1] != '.' && strpbrk(s, " \t<>") == NULL;
}

static int has_control(const char *s, int long_text)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(long_text && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

const char *appform_check_id_number(const char *type, const char *number, struct idcard *out)
{
	size_t n = strlen(number);
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)number[i]))
			return "证件号码只能包含字母和数字";
	if (type == NULL) {             /* a draft without the type yet: the widest format */
		if (out != NULL)
			memset(out, 0, sizeof *out);
		return n >= 5 && n <= 20 ? NULL : "证件号码为5-20位字母或数字";
	}
	for (size_t i = 0; i < sizeof id_docs / sizeof id_docs[0]; i++)
		if (strcmp(id_docs[i].type, type) == 0)
			return id_docs[i].check(number, out);
	return "请先选择证件类型";
}

static int check_fields(const struct appform_ctx *c, const struct spec *fields, const cJSON *obj,
                        const char *prefix, struct sink *k);
static void check_unknown(const struct spec *const *tables, size_t n, const cJSON *obj,
                          const char *prefix, struct sink *k);

#define ID_MAX 9007199254740991.0       /* 2^53 - 1: the largest id a JSON number holds exactly */

/* A whole number in [min, max]: the range is checked first, as converting a double beyond
 * long long's range is undefined. */
static int whole(const cJSON *v, double min, double max)
{
	return cJSON_IsNumber(v) && v->valuedouble >= min && v->valuedouble <= max &&
	       v->valuedouble == (double)(long long)v->valuedouble;
}

/* The format of one present value. Returns -1 on a database failure, else 0. */
static int check_value(const struct appform_ctx *c, const struct spec *f, const cJSON *v,
                       const cJSON *obj, const char *path, struct sink *k)
{
	int y, m, d;
	switch (f->type) {
	case T_TEXT: case T_EMAIL: case T_CREDIT: case T_IDNUM: {
		if (!cJSON_IsString(v)) {
			report(k, path, arena_printf(arena_current, "%s格式不正确", f->label));
			return 0;
		}
		const char *s = v->valuestring;
		int max = f->max ? f->max : 100;
		if (!utf8_valid(s, strlen(s)) || has_control(s, (f->flags & LONG_TEXT) != 0))
			report(k, path, arena_printf(arena_current, "%s包含无效字符", f->label));
		else if ((int)utf8_chars(s) > max)
			report(k, path, arena_printf(arena_current, "%s不能超过%d个字符", f->label, max));
		else if (f->type == T_EMAIL && !email_shaped(s))
			report(k, path, "电子邮箱格式不正确");
		else if (f->type == T_CREDIT && check_credit_code(s) != NULL)
			report(k, path, check_credit_code(s));
		else if (f->type == T_IDNUM && appform_check_id_number(appform_text(obj, "id_type"), s, NULL) != NULL)
			report(k, path, appform_check_id_number(appform_text(obj, "id_type"), s, NULL));
		return 0;
	}
	case T_DATE: case T_MONTH:
		if (!cJSON_IsString(v) || !date_parse(v->valuestring, f->type == T_MONTH, &y, &m, &d))
			report(k, path, f->type == T_MONTH ? "请选择有效的年月" : "请选择有效的日期");
		else if (after_today(c, y, m, f->type == T_MONTH ? 1 : d))
			report(k, path, arena_printf(arena_current, "%s不能晚于今天", f->label));
		return 0;
	case T_INT:
		if (!whole(v, 0, f->max))
			report(k, path, arena_printf(arena_current, "%s应为0-%d的整数", f->label, f->max));
		return 0;
	case T_BOOL:
		if (!cJSON_IsBool(v))
			report(k, path, arena_printf(arena_current, "请选择%s", f->label));
		return 0;
	case T_ENUM: case T_REGION:
		if (!cJSON_IsString(v) ||
		    !(f->type == T_ENUM ? in_list(v->valuestring, f->options) : in_regions(v->valuestring)))
			report(k, path, arena_printf(arena_current, "请从列表中选择%s", f->label));
		return 0;
	case T_ENUMS: {
		const cJSON *e;
		int n = 0;
		if (!cJSON_IsArray(v)) {
			report(k, path, arena_printf(arena_current, "%s格式不正确", f->label));
			return 0;
		}
		cJSON_ArrayForEach(e, v) {
			if (!cJSON_IsString(e) || !in_list(e->valuestring, f->options) || ++n > 20) {
				report(k, path, arena_printf(arena_current, "请从列表中选择%s", f->label));
				return 0;
			}
		}
		return 0;
	}
	case T_FILE: {
		if (!whole(v, 1, ID_MAX)) {
			report(k, path, arena_printf(arena_current, "%s无效，请重新上传", f->label));
			return 0;
		}
		if (k->by_step != NULL)
			return 0;       /* checked when the draft was saved */
		int ok = c->file_ok(c->user_id, (long long)v->valuedouble, f->kind);
		if (ok < 0)
			return -1;
		if (!ok)
			report(k, path, arena_printf(arena_current, "%s无效，请重新上传", f->label));
		return 0;
	}
	case T_LEAVES: {
		const cJSON *e, *e2;
		int n = 0;
		if (!cJSON_IsArray(v)) {
			report(k, path, "请选择擅长的专业或方向");
			return 0;
		}
		cJSON_ArrayForEach(e, v) {
			int dup = 0;
			for (e2 = v->child; e2 != e; e2 = e2->next)
				dup |= cJSON_IsNumber(e2) && cJSON_IsNumber(e) && e2->valuedouble == e->valuedouble;
			if (!whole(e, 1, ID_MAX) || dup || ++n > f->max) {
				report(k, path, "所选专业或方向无效，请重新选择");
				return 0;
			}
		}
		/* whether the ids are leaves of the tree is asked of the database only when the caller
		 * lends the look-up: at submission, not on every save */
		if (c->leaves_ok == NULL)
			return 0;
		const char *why = NULL;
		int ok = c->leaves_ok(v, &why);
		if (ok < 0)
			return -1;
		if (!ok)
			report(k, path, why != NULL ? why : "所选专业或方向无效，请重新选择");
		return 0;
	}
	case T_LIST: {
		if (!cJSON_IsArray(v)) {
			report(k, path, arena_printf(arena_current, "%s格式不正确", f->label));
			return 0;
		}
		if (cJSON_GetArraySize(v) > f->max) {
			report(k, path, arena_printf(arena_current, "%s最多%d项", f->label, f->max));
			return 0;
		}
		int i = 0;
		const cJSON *row;
		cJSON_ArrayForEach(row, v) {
			const char *rp = arena_printf(arena_current, "%s.%d", path, i++);
			if (!cJSON_IsObject(row)) {
				report(k, rp, arena_printf(arena_current, "%s格式不正确", f->label));
				continue;
			}
			if (check_fields(c, f->items, row, rp, k) < 0)
				return -1;
			if (k->by_step == NULL)
				check_unknown(&f->items, 1, row, rp, k);
			/* a period: from ≤ to */
			const char *from = appform_text(row, "from"), *to = appform_text(row, "to");
			if (from != NULL && to != NULL && strcmp(from, to) > 0)
				report(k, join(rp, "to"), "结束年月不能早于开始年月");
		}
		return 0;
	}
	}
	return 0;
}

/* Whether a field must be filled in for a submission: uploads a deployment may waive
 * ([apply] require_photo, require_id_scans) depend on the configuration. */
static int required(const struct spec *f)
{
	if (f->flags & REQ)
		return 1;
	if (!(f->flags & CONF_REQ))
		return 0;
	return strcmp(f->key, "photo") == 0 ? cfg.require_photo : cfg.require_id_scans;
}

/* Format of every present field of `obj`; in complete mode also the required ones. */
static int check_fields(const struct appform_ctx *c, const struct spec *fields, const cJSON *obj,
                        const char *prefix, struct sink *k)
{
	for (const struct spec *f = fields; f->key != NULL; f++) {
		const cJSON *v = cJSON_GetObjectItem(obj, f->key);
		const char *path = join(prefix, f->key);
		if (empty(v)) {
			if (k->by_step != NULL && required(f))
				report(k, path, f->type == T_LIST ? arena_printf(arena_current, "请至少填写一项%s", f->label)
				              : f->type == T_FILE ? arena_printf(arena_current, "请上传%s", f->label)
				              : f->type == T_LEAVES ? "请至少选择一个擅长的专业或方向"
				              : f->type == T_ENUM || f->type == T_REGION || f->type == T_BOOL || f->type == T_DATE
				                ? arena_printf(arena_current, "请选择%s", f->label)
				              : arena_printf(arena_current, "请输入%s", f->label));
			continue;
		}
		if (check_value(c, f, v, obj, path, k) < 0)
			return -1;
	}
	return 0;
}

/* Every key of `obj` that none of the n spec tables declares, by its path ("resolved",
 * "education.0.note"): a draft stores the form and nothing else (a key of the user's own could
 * pass for one the server adds, like the snapshot's "resolved"). */
static void check_unknown(const struct spec *const *tables, size_t n, const cJSON *obj,
                          const char *prefix, struct sink *k)
{
	for (const cJSON *m = obj->child; m != NULL; m = m->next) {
		int known = 0;
		for (size_t t = 0; t < n && !known; t++)
			for (const struct spec *f = tables[t]; f->key != NULL && !known; f++)
				known = strcmp(f->key, m->string) == 0;
		if (!known)
			report(k, join(prefix, m->string), "申请表中没有这一项");
	}
}

/* The rules between fields, for a submission. */
static void check_rules(const struct appform_ctx *c, const cJSON *data, struct sink *k)
{
	k->step = "basic";
	const char *type = appform_text(data, "id_type"), *number = appform_text(data, "id_number");
	const char *birth = appform_text(data, "birth_date"), *gender = appform_text(data, "gender");
	int mainland = type != NULL && strcmp(type, ID_TYPE_MAINLAND) == 0;
	if (mainland && cfg.require_id_scans && empty(cJSON_GetObjectItem(data, "id_back")))
		report(k, "id_back", "请上传证件背面扫描件");
	struct idcard id;
	if (type != NULL && number != NULL && appform_check_id_number(type, number, &id) == NULL && id.year > 0) {
		char want[40];         /* the year is an int as far as the compiler knows */
		snprintf(want, sizeof want, "%04d-%02d-%02d", id.year, id.month, id.day);
		if (birth != NULL && strcmp(birth, want) != 0)
			report(k, "birth_date", mainland ? "出生日期与身份证号码不一致" : "出生日期与证件号码不一致");
		if (gender != NULL && strcmp(gender, id.male ? "男" : "女") != 0)
			report(k, "gender", mainland ? "性别与身份证号码不一致" : "性别与证件号码不一致");
	}
	const char *employment = appform_text(data, "employment");
	if (employment != NULL && strcmp(employment, "在职") == 0 && appform_text(data, "employer") == NULL)
		report(k, "employer", "请输入工作单位");
	int y, m, d;
	if (birth != NULL && date_parse(birth, 0, &y, &m, &d)) {
		int senior = 0;
		const cJSON *t;
		cJSON_ArrayForEach(t, cJSON_GetObjectItem(data, "titles")) {
			const char *level = appform_text(t, "level");
			senior |= level != NULL && strcmp(level, "正高级") == 0;
		}
		int limit = senior && cfg.senior_max_age > 0 ? cfg.senior_max_age : cfg.max_age;
		if (limit > 0 && age_on(y, m, d, c->today_y, c->today_m, c->today_d) > limit)
			report(k, "birth_date", arena_printf(arena_current, "年龄超过入库要求（不超过%d周岁）", limit));
	}
	const cJSON *years = cJSON_GetObjectItem(data, "specialty_years");
	if (cfg.min_years > 0 && cJSON_IsNumber(years) && years->valuedouble < cfg.min_years)
		report(k, "specialty_years", arena_printf(arena_current, "现从事专业年限须不少于%d年", cfg.min_years));
	if (!cJSON_IsTrue(cJSON_GetObjectItem(data, "avoidance_none")) &&
	    empty(cJSON_GetObjectItem(data, "avoidance")))
		report(k, "avoidance", "请填写回避单位；没有回避单位请勾选“无”");
}

int appform_check_format(const struct appform_ctx *c, const cJSON *data, cJSON *errors)
{
	struct sink k = { .flat = errors };
	const struct spec *tables[NSTEPS];
	for (size_t i = 0; i < NSTEPS; i++) {
		if (check_fields(c, steps[i].fields, data, "", &k) < 0)
			return -1;
		tables[i] = steps[i].fields;
	}
	check_unknown(tables, NSTEPS, data, "", &k);
	return k.count;
}

int appform_check_complete(const struct appform_ctx *c, const cJSON *data, cJSON *missing)
{
	struct sink k = { .by_step = missing };
	for (size_t i = 0; i < NSTEPS; i++) {
		if (steps[i].provincial_only && !c->provincial)
			continue;
		k.step = steps[i].name;
		if (!cJSON_HasObjectItem(missing, k.step))
			cJSON_AddObjectToObject(missing, k.step);
		if (check_fields(c, steps[i].fields, data, "", &k) < 0)
			return -1;
	}
	check_rules(c, data, &k);
	return k.count;
}

/* The spec of a top-level field (list NULL) or of a list entry's field, or NULL. */
static const struct spec *find_spec(const char *list, const char *key)
{
	const char *top = list != NULL ? list : key;
	const struct spec *f = NULL;
	for (size_t i = 0; f == NULL && i < sizeof steps / sizeof steps[0]; i++)
		for (const struct spec *g = steps[i].fields; g->key != NULL; g++)
			if (strcmp(g->key, top) == 0) {
				f = g;
				break;
			}
	if (f == NULL || list == NULL)
		return f;
	for (const struct spec *it = f->type == T_LIST ? f->items : NULL; it != NULL && it->key != NULL; it++)
		if (strcmp(it->key, key) == 0)
			return it;
	return NULL;
}

const char *appform_label(const char *list, const char *key)
{
	const struct spec *f = find_spec(list, key);
	return f != NULL ? f->label : NULL;
}

int appform_list_max(const char *key)
{
	const struct spec *f = find_spec(NULL, key);
	return f != NULL && f->type == T_LIST ? f->max : 0;
}

int appform_is_file(const char *list, const char *key)
{
	const struct spec *f = find_spec(list, key);
	return f != NULL && f->type == T_FILE;
}
