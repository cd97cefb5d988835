/* personal: an expert's personal data (个人信息保护法 §45, §47) — a copy of everything held
 * about them, as JSON and as a readable PDF, and the closing of their account. */
#include <string.h>
#include "ep.h"
#include "account/personal.h"
#include "apply/appform.h"
#include "apply/application.h"
#include "apply/taxonomy.h"
#include "audit/audit.h"
#include "core/text.h"
#include "pool/change.h"
#include "doc/layout.h"
#include "doc/pdf.h"

#define CLOSE_TRIES 5           /* wrong passwords before the closing is locked for a while */
#define CLOSE_CONFIRM "注销账号"

static cJSON *export_or_reply(struct request *r)
{
	cJSON *o = personal_export(r->arena, r->session->user_id);
	if (o == NULL)
		reply_db_error(r);
	return o;
}

static const char *today(struct arena *a)
{
	int y, m, d;
	today_china(&y, &m, &d);
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* GET /export.json */
static void export_json(struct request *r)
{
	cJSON *o = export_or_reply(r);
	if (o == NULL)
		return;
	char *text = cJSON_Print(o);
	reply_file(r, "application/json; charset=utf-8",
	           arena_printf(r->arena, "个人信息副本-%s.json", today(r->arena)), 0, text, strlen(text));
}

/* ---- the PDF ------------------------------------------------------------------------------ */

/* A value as text: strings as they are, numbers, 是/否, lists of strings joined. */
static const char *text_of(struct arena *a, const cJSON *v)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "是" : "否";
	if (cJSON_IsNumber(v))
		return arena_printf(a, "%lld", (long long)v->valuedouble);
	if (cJSON_IsArray(v)) {
		const char *s = "";
		const cJSON *it;
		cJSON_ArrayForEach(it, v)
			s = arena_printf(a, "%s%s%s", s, *s ? "、" : "", text_of(a, it));
		return s;
	}
	return "";
}

/* The words of the codes the copy holds (a status, a role, an action…), as the pages say them. */
static const char *account_status_word(const char *s)
{
	static const char *const words[][2] = { { "active", "正常" }, { "disabled", "停用" }, { "closed", "已注销" } };
	return WORD(words, s);
}
static const char *portal_word(const char *s)
{
	static const char *const words[][2] = { { "expert", "专家端" }, { "admin", "管理端" } };
	return WORD(words, s);
}
static const char *file_kind_word(const char *s)
{
	static const char *const words[][2] = { { "photo", "照片" }, { "scan", "扫描件" }, { "pdf", "PDF 文件" } };
	return WORD(words, s);
}
static const char *sms_status_word(const char *s)
{
	static const char *const words[][2] = { { "pending", "待发送" }, { "sent", "已发送" } };
	return WORD(words, s);
}
static const char *change_kind_word(const char *s)
{
	const struct change_kind *k = change_kind(s);
	return k != NULL ? k->label : s;
}

/* A column of the copy: the member's key, its label, and the words of its codes (NULL: the
 * value as it is). */
struct col {
	const char *key, *label;
	const char *(*word)(const char *code);
};

static const char *cell(const cJSON *o, const struct col *c)
{
	const cJSON *v = cJSON_GetObjectItem(o, c->key);
	if (c->word != NULL && cJSON_IsString(v))
		return c->word(v->valuestring);
	return text_of(arena_current, v);
}

/* Label–value rows, two pairs a row, for the scalar members of `o` that `cols` names. */
static void pairs(struct layout *l, const cJSON *o, const struct col *cols, size_t n)
{
	float w[] = { 80, LAYOUT_FULL / 2 - 80, 80, LAYOUT_FULL / 2 - 80 };
	for (size_t i = 0; i < n; i += 2) {
		const char *cells[4] = { cols[i].label, cell(o, &cols[i]), i + 1 < n ? cols[i + 1].label : "",
		                         i + 1 < n ? cell(o, &cols[i + 1]) : "" };
		layout_row(l, 4, w, cells, 0);
	}
}

/* An array of objects as a table of the given columns, "无" when empty. */
static void table(struct layout *l, const cJSON *list, const struct col *cols, size_t n,
                  const float *widths)
{
	const char *head[8];
	for (size_t i = 0; i < n && i < 8; i++)
		head[i] = cols[i].label;
	layout_row(l, n, widths, head, 1);
	const cJSON *it;
	int any = 0;
	cJSON_ArrayForEach(it, list) {
		const char *cells[8];
		for (size_t i = 0; i < n && i < 8; i++)
			cells[i] = cell(it, &cols[i]);
		layout_row(l, n, widths, cells, 0);
		any = 1;
	}
	if (!any) {
		float full = LAYOUT_FULL;
		layout_row(l, 1, &full, (const char *[]){ "无" }, 0);
	}
}

/* A form field's value as text: specialties by their names, uploads by the number they have
 * under 上传的文件. */
static const char *field_text(const char *list, const cJSON *v, const cJSON *tree)
{
	if (list == NULL && strcmp(v->string, "specialties") == 0 && cJSON_IsArray(v)) {
		const char *s = "";
		const cJSON *id;
		cJSON_ArrayForEach(id, v) {
			const char *path = taxonomy_leaf_path(tree, (long long)id->valuedouble);
			s = arena_printf(arena_current, "%s%s%s", s, *s ? "\n" : "", path ? path : text_of(arena_current, id));
		}
		return s;
	}
	if (cJSON_IsNumber(v) && appform_is_file(list, v->string))
		return arena_printf(arena_current, "文件 %lld", (long long)v->valuedouble);
	return text_of(arena_current, v);
}

/* Every field of a form (an application's or the pool profile) with the form's own labels:
 * scalars as rows, a list as one row with its entries' "label：value" pairs. */
static void form_fields(struct layout *l, const cJSON *form, const cJSON *tree)
{
	float w[] = { 120, LAYOUT_FULL - 120 };
	const cJSON *f;
	cJSON_ArrayForEach(f, form) {
		const char *label = appform_label(NULL, f->string);
		if (label == NULL)
			continue;
		const char *value;
		if (cJSON_IsArray(f) && cJSON_IsObject(cJSON_GetArrayItem(f, 0))) {
			value = "";
			const cJSON *entry, *v;
			int no = 0;
			cJSON_ArrayForEach(entry, f) {
				value = arena_printf(arena_current, "%s%s%d. ", value, *value ? "\n" : "", ++no);
				cJSON_ArrayForEach(v, entry) {
					const char *item = appform_label(f->string, v->string), *t = field_text(f->string, v, tree);
					if (item != NULL && *t)
						value = arena_printf(arena_current, "%s%s：%s；", value, item, t);
				}
			}
		} else {
			value = field_text(NULL, f, tree);
		}
		layout_row(l, 2, w, (const char *[]){ label, *value ? value : "无" }, 0);
	}
}

static void list_words(struct layout *l, const char *const *items)
{
	float full = LAYOUT_FULL;
	for (size_t i = 0; items[i] != NULL; i++)
		layout_row(l, 1, &full, (const char *[]){ arena_printf(arena_current, "· %s", items[i]) }, 0);
}

static unsigned char *export_pdf_bytes(struct request *r, const cJSON *o, size_t *len)
{
	struct pdf *p = pdf_new();
	if (p == NULL)
		return NULL;
	cJSON *tree = taxonomy_tree(TAX_ALL);      /* a specialty retired since is still theirs */
	if (tree == NULL) {
		pdf_free(p);
		return NULL;
	}
	struct layout l = { p, LAYOUT_TOP };
	pdf_add_page(p);
	pdf_text_centered(p, PDF_A4_W / 2, 790, 17, arena_printf(r->arena, "%s%s 个人信息副本", cfg.authority, cfg.site_name));
	pdf_text(p, LAYOUT_MARGIN, 768, 9, arena_printf(r->arena, "导出日期：%s", today(r->arena)));
	l.y = 760;

	static const struct col account[] = {
		{ "phone", "手机号" }, { "username", "用户名" }, { "name", "姓名" }, { "status", "账号状态", account_status_word },
		{ "created_at", "注册时间" }, { "last_login_at", "最近登录" }, { "password_changed_at", "密码修改时间" },
	};
	layout_section(&l, "一、账号");
	pairs(&l, cJSON_GetObjectItem(o, "account"), account, sizeof account / sizeof account[0]);

	static const struct col sessions[] = {
		{ "portal", "入口", portal_word }, { "created_at", "登录时间" }, { "expires_at", "有效至" }, { "ip", "IP 地址" },
		{ "user_agent", "浏览器" },
	};
	layout_section(&l, "二、登录会话");
	table(&l, cJSON_GetObjectItem(o, "sessions"), sessions, 5, (float[]){ 45, 100, 100, 80, LAYOUT_FULL - 325 });

	layout_section(&l, "三、入库申请");
	const cJSON *app = cJSON_GetObjectItem(o, "application");
	if (cJSON_IsObject(app)) {
		static const struct col head[] = {
			{ "status", "状态", application_status_label }, { "submitted_versions", "提交次数" }, { "created_at", "创建时间" },
			{ "updated_at", "最近保存" }, { "submitted_at", "最近提交" },
		};
		pairs(&l, app, head, sizeof head / sizeof head[0]);
		form_fields(&l, cJSON_GetObjectItem(app, "form"), tree);
		static const struct col versions[] = { { "no", "提交版本" }, { "submitted_at", "提交时间" } };
		table(&l, cJSON_GetObjectItem(app, "versions"), versions, 2, (float[]){ 120, LAYOUT_FULL - 120 });
		static const struct col history[] = {
			{ "at", "时间" }, { "from", "原状态", application_status_label }, { "to", "新状态", application_status_label },
			{ "actor_role", "操作者", audit_role_word },
			{ "department", "审核部门" }, { "reason", "原因" },
		};
		table(&l, cJSON_GetObjectItem(app, "history"), history, 6, (float[]){ 95, 55, 55, 55, 90, LAYOUT_FULL - 350 });
	} else {
		float full = LAYOUT_FULL;
		layout_row(&l, 1, &full, (const char *[]){ "无" }, 0);
	}

	layout_section(&l, "四、专家库记录");
	const cJSON *ex = cJSON_GetObjectItem(o, "expert");
	if (cJSON_IsObject(ex)) {
		static const struct col head[] = {
			{ "expert_no", "专家编号" }, { "status_label", "状态" }, { "joined_at", "入库时间" },
		};
		pairs(&l, ex, head, 3);
		form_fields(&l, cJSON_GetObjectItem(ex, "profile"), tree);
		static const struct col certs[] = {
			{ "cert_no", "证书编号" }, { "status_label", "状态" }, { "issued_on", "发证日期" },
			{ "valid_until", "有效期至" },
		};
		table(&l, cJSON_GetObjectItem(ex, "certificates"), certs, 4, (float[]){ 150, 90, 110, LAYOUT_FULL - 350 });
		static const struct col changes[] = {
			{ "kind", "异动类型", change_kind_word }, { "status", "状态", change_status_label }, { "created_at", "申请时间" }, { "decided_at", "处理时间" },
			{ "reason", "原因" },
		};
		table(&l, cJSON_GetObjectItem(ex, "change_requests"), changes, 5, (float[]){ 80, 60, 100, 100, LAYOUT_FULL - 340 });
		static const struct col events[] = {
			{ "at", "时间" }, { "action", "事项", audit_action_word }, { "by", "办理人" }, { "reason", "原因" },
		};
		table(&l, cJSON_GetObjectItem(ex, "history"), events, 4, (float[]){ 100, 90, 90, LAYOUT_FULL - 280 });
	} else {
		float full = LAYOUT_FULL;
		layout_row(&l, 1, &full, (const char *[]){ "无" }, 0);
	}

	static const struct col files[] = {
		{ "id", "文件" }, { "kind", "类型", file_kind_word }, { "name", "文件名" }, { "size", "字节数" }, { "uploaded_at", "上传时间" },
	};
	layout_section(&l, "五、上传的文件");
	table(&l, cJSON_GetObjectItem(o, "files"), files, 5, (float[]){ 45, 45, LAYOUT_FULL - 280, 80, 110 });

	static const struct col sms[] = { { "at", "时间" }, { "text", "短信内容（验证码已隐去）" }, { "status", "状态", sms_status_word } };
	layout_section(&l, "六、发送给您的短信");
	table(&l, cJSON_GetObjectItem(o, "sms"), sms, 3, (float[]){ 100, LAYOUT_FULL - 150, 50 });

	static const struct col audit[] = {
		{ "at", "时间" }, { "actor_role", "操作者身份", audit_role_word }, { "action", "操作", audit_action_word },
		{ "object_type", "对象", audit_object_word },
	};
	layout_section(&l, "七、与您有关的操作记录");
	table(&l, cJSON_GetObjectItem(o, "audit"), audit, 4, (float[]){ 110, 90, 150, LAYOUT_FULL - 350 });

	layout_section(&l, "八、注销账号后保留的信息");
	list_words(&l, personal_close_kept);
	layout_section(&l, "九、注销账号后删除的信息");
	list_words(&l, personal_close_erased);
	return pdf_finish(p, r->arena, len);
}

/* GET /export.pdf */
static void export_pdf(struct request *r)
{
	cJSON *o = export_or_reply(r);
	if (o == NULL)
		return;
	size_t len = 0;
	unsigned char *pdf = export_pdf_bytes(r, o, &len);
	if (pdf == NULL) {
		reply_error(r, E_INTERNAL, "文档生成失败，请稍后再试");
		return;
	}
	reply_file(r, "application/pdf", arena_printf(r->arena, "个人信息副本-%s.pdf", today(r->arena)), 0, pdf, len);
}

/* ---- closing the account ------------------------------------------------------------------- */

static cJSON *words(const char *const *items)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; items[i] != NULL; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

/* GET /closing: what closing keeps and erases, and whether it can be done now. */
static void closing_info(struct request *r)
{
	struct application a;
	int rc = application_load(r->session->user_id, &a);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	int pending = rc == 1 && (strcmp(a.status, "submitted") == 0 || strcmp(a.status, "reviewing") == 0 ||
	                          strcmp(a.status, "passed") == 0);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "can_close", !pending);
	if (pending)
		cJSON_AddStringToObject(o, "reason", "入库申请正在审核中，请先撤回申请或等待审核结束后再注销");
	cJSON_AddItemToObject(o, "kept", words(personal_close_kept));
	cJSON_AddItemToObject(o, "erased", words(personal_close_erased));
	cJSON_AddStringToObject(o, "confirm", CLOSE_CONFIRM);
	reply_json(r, 200, o);
}

/* The checks of POST /close beyond its fields: the confirmation words typed as shown. */
static void close_check(struct request *r)
{
	const char *confirm = req_field(r, "confirm");
	if (confirm != NULL && strcmp(confirm, CLOSE_CONFIRM) != 0)
		field_error(r, "confirm", "请输入“" CLOSE_CONFIRM "”以确认");
}

/* POST /close {password, confirm}: the account's password again, then the closing and its
 * audit record in one transaction; the session ends with it. */
static void close_account(struct request *r)
{
	const struct session *s = r->session;
	const char *key = arena_printf(r->arena, "close:%lld", s->user_id);
	long left = lockout_left(key);
	if (left != 0) {
		if (left < 0)
			reply_db_error(r);
		else
			reply_retry(r, E_RATE_LIMITED, left, NULL);
		return;
	}
	long long id, roles, must;
	char *phone, *username, *name, *hash, *status;
	if (db_one(SQL_USER_BY_ID, "i", "isssiiss", s->user_id, &id, &phone, &username, &name,
	           &roles, &must, &hash, &status) != 1) {
		reply_db_error(r);
		return;
	}
	if (!password_verify(hash, req_field(r, "password"))) {
		if (lockout_fail(key, CLOSE_TRIES) != 0)
			reply_db_error(r);
		else
			reply_invalid(r, "password", "密码不正确");
		return;
	}
	cJSON *summary = cJSON_CreateObject();
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	enum result res = personal_close(s->user_id, summary);
	if (res == RES_OK && (audit(r, "account.close", "user", s->user_id, summary) != 0 || db_commit() != 0))
		res = RES_FAILED;
	if (res != RES_OK) {
		db_rollback();
		reply_result(r, res, res == RES_CONFLICT ? "入库申请正在审核中，请先撤回申请或等待审核结束后再注销"
		                     : res == RES_FORBIDDEN ? "该账号不能在此注销" : NULL);
		return;
	}
	lockout_clear(key);
	session_end(r);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "closed", 1);
	reply_json(r, 200, o);
}

static const struct field close_fields[] = {
	{ "password", "密码", REQUIRED, 128, NULL },
	{ "confirm", "确认文字", REQUIRED, 20, NULL },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/export.json", export_json, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/export.pdf", export_pdf, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/closing", closing_info, ROLE_EXPERT, 0, NULL, 0 },
	{ M_POST, "/close", close_account, ROLE_EXPERT, KB(4), close_fields, 0, close_check },
};

int main(void)
{
	run_between_requests(pdf_warm);
	return RUN(routes);
}
