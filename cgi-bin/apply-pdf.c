/* The documents of an application: the commitment letter and the application form, laid out
 * as printable A4 pages to be signed, stamped and scanned. */
#include <stdio.h>
#include <string.h>
#include "ep.h"
#include "core/log.h"
#include "apply/application.h"
#include "apply/appform.h"
#include "doc/pdf.h"
#include "doc/layout.h"
#include "apply/taxonomy.h"
#include "apply.h"

static const char *today_text(struct arena *a)
{
	int y, m, d;
	today_china(&y, &m, &d);
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

/* Replaces {key} placeholders. */
static char *fill(struct arena *a, const char *t, const char *const *pairs, size_t n)
{
	char *out = arena_strdup(a, "");
	while (*t) {
		size_t i;
		for (i = 0; i < n; i += 2) {
			size_t kl = strlen(pairs[i]);
			if (t[0] == '{' && strncmp(t + 1, pairs[i], kl) == 0 && t[kl + 1] == '}') {
				out = arena_printf(a, "%s%s", out, pairs[i + 1]);
				t += kl + 2;
				break;
			}
		}
		if (i >= n) {
			out = arena_printf(a, "%s%c", out, *t);
			t++;
		}
	}
	return out;
}

unsigned char *commitment_pdf(struct request *r, const char *name, size_t *len)
{
	char *path = arena_printf(r->arena, "%s/commitment.txt", cfg.share_dir);
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		log_error_msg("expertpool: cannot read %s\n", path);
		return NULL;
	}
	const char *pairs[] = { "name", name ? name : "________", "authority", cfg.authority,
	                        "site", cfg.site_name, "date", today_text(r->arena) };
	char line[2048];
	char *title = NULL, *body = arena_strdup(r->arena, "");
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		char *filled = fill(r->arena, line, pairs, sizeof pairs / sizeof pairs[0]);
		if (title == NULL) {
			if (*filled)
				title = filled;
			continue;
		}
		body = arena_printf(r->arena, "%s%s\n", body, filled);
	}
	fclose(f);
	struct pdf *p = pdf_new();
	if (p == NULL)
		return NULL;
	pdf_add_page(p);
	pdf_text_centered(p, PDF_A4_W / 2, 760, 18, title ? title : "");
	float y = 715;
	for (char *para = body, *next; para != NULL && *para; para = next) {
		next = strchr(para, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*para == '\0') {
			y -= 8;
			continue;
		}
		/* paragraphs indented by two characters, like a printed letter */
		y = pdf_wrap(p, LAYOUT_MARGIN + 20, y, PDF_A4_W - 2 * LAYOUT_MARGIN - 20, 12, 22,
		             arena_printf(r->arena, "　　%s", para), 1) - 22;
	}
	return pdf_finish(p, r->arena, len);
}

/* ---- the application form ---------------------------------------------------------------- */

static const char *txt(const cJSON *o, const char *key)
{
	const char *v = appform_text(o, key);
	return v ? v : "";
}

/* A list of objects as a table with the given columns (a key "from" shows "from – to"). */
static void list_table(struct layout *l, const char *title, const cJSON *list, size_t n,
                       const char *const *labels, const char *const *keys, const float *widths)
{
	layout_section(l, title);
	layout_row(l, n, widths, labels, 1);
	const cJSON *it;
	int any = 0;
	cJSON_ArrayForEach(it, list) {
		const char *cells[8];
		for (size_t i = 0; i < n && i < 8; i++) {
			if (strcmp(keys[i], "from") == 0) {
				const char *to = appform_text(it, "to");
				cells[i] = arena_printf(arena_current, "%s 至 %s", txt(it, "from"), to ? to : "今");
			} else {
				cells[i] = txt(it, keys[i]);
			}
		}
		layout_row(l, n, widths, cells, 0);
		any = 1;
	}
	if (!any) {
		const char *none[] = { "无" };
		float full = PDF_A4_W - 2 * LAYOUT_MARGIN;
		layout_row(l, 1, &full, none, 0);
	}
}

unsigned char *form_pdf(struct request *r, const struct form_doc *doc, const cJSON *taxonomy,
                        size_t *len)
{
	struct arena *ar = r->arena;
	const cJSON *d = doc->data;
	struct pdf *p = pdf_new();
	if (p == NULL)
		return NULL;
	struct layout l = { p, LAYOUT_TOP };
	pdf_add_page(p);
	pdf_text_centered(p, PDF_A4_W / 2, 790, 17,
	                  arena_printf(ar, "%s%s%s", cfg.authority, cfg.site_name, doc->title));
	pdf_text(p, LAYOUT_MARGIN, 768, 9, arena_printf(ar, "%s：%s", doc->ref_label, doc->ref));
	const char *stamp = arena_printf(ar, "打印日期：%s", today_text(ar));
	pdf_text(p, PDF_A4_W - LAYOUT_MARGIN - pdf_text_width(p, 9, stamp), 768, 9, stamp);
	l.y = 760;

	/* the basic facts, four columns beside the photo */
	layout_section(&l, "一、基本信息");
	float photo_w = 95, top = l.y;
	float w4[] = { 62, 108, 62, 108 + 0 };
	float left = PDF_A4_W - 2 * LAYOUT_MARGIN - photo_w;
	w4[3] = left - w4[0] - w4[1] - w4[2];
	int age = appform_age(d);
	const cJSON *remote = cJSON_GetObjectItem(d, "remote");
	const char *rows4[][4] = {
		{ "姓名", txt(d, "name"), "性别", txt(d, "gender") },
		{ "证件类型", txt(d, "id_type"), "证件号码", txt(d, "id_number") },
		{ "出生日期", txt(d, "birth_date"), "年龄", age >= 0 ? arena_printf(ar, "%d", age) : "" },
		{ "手机号", r->session->phone ? r->session->phone : "", "电子邮箱", txt(d, "email") },
		{ "政治面貌", txt(d, "political_status"), "在职状态", txt(d, "employment") },
		{ "评标地区", txt(d, "region"), "是否接受远程评标", cJSON_IsBool(remote) ? (cJSON_IsTrue(remote) ? "接受" : "不接受") : "" },
	};
	for (size_t i = 0; i < sizeof rows4 / sizeof rows4[0]; i++)
		layout_row(&l, 4, w4, rows4[i], 0);
	/* the photo fills the box to the right of those rows */
	pdf_rect(p, LAYOUT_MARGIN + left, l.y, photo_w, top - l.y, 0.6f);
	const cJSON *photo = cJSON_GetObjectItem(d, "photo");
	struct stored_file f;
	if (cJSON_IsNumber(photo) && file_load(r, (long long)photo->valuedouble, &f) == 1 &&
	    pdf_image(p, f.data, f.size, LAYOUT_MARGIN + left + 4, l.y + 4, photo_w - 8, top - l.y - 8) == 0)
		;
	else
		pdf_text_centered(p, LAYOUT_MARGIN + left + photo_w / 2, (top + l.y) / 2, 9, "照片");
	float full = PDF_A4_W - 2 * LAYOUT_MARGIN;
	float w2[] = { 62, full - 62 };
	float w4b[] = { 62, full / 2 - 62, 62, full / 2 - 62 };
	const cJSON *years = cJSON_GetObjectItem(d, "specialty_years");
	const char *honours = "";
	const cJSON *h;
	cJSON_ArrayForEach(h, cJSON_GetObjectItem(d, "honours"))
		honours = arena_printf(ar, "%s%s%s", honours, *honours ? "、" : "", h->valuestring);
	const char *employer = appform_text(d, "employer_code")
		? arena_printf(ar, "%s（统一社会信用代码：%s）", txt(d, "employer"), txt(d, "employer_code")) : txt(d, "employer");
	const char *r2[][2] = { { "工作单位", employer }, { "社会荣誉", honours } };
	layout_row(&l, 2, w2, r2[0], 0);
	const char *r4a[] = { "职务", txt(d, "position"), "现从事专业",
	                      cJSON_IsNumber(years) ? arena_printf(ar, "%s（%d年）", txt(d, "specialty"), (int)years->valuedouble)
	                                            : txt(d, "specialty") };
	layout_row(&l, 4, w4b, r4a, 0);
	layout_row(&l, 2, w2, r2[1], 0);
	const char *r4b[] = { "常住地", txt(d, "residence"), "健康状况", txt(d, "health") };
	layout_row(&l, 4, w4b, r4b, 0);
	const char *r4c[] = { "入库类型", txt(d, "entry_type"), doc->status_label, doc->status };
	layout_row(&l, 4, w4b, r4c, 0);

	{
		const char *labels[] = { "起止年月", "毕业院校", "专业", "学历" };
		const char *keys[] = { "from", "school", "major", "degree" };
		float w[] = { 120, 165, 140, full - 425 };
		list_table(&l, "二、毕业院校", cJSON_GetObjectItem(d, "education"), 4, labels, keys, w);
	}
	{
		const char *labels[] = { "起止年月", "工作单位", "职务" };
		const char *keys[] = { "from", "employer", "position" };
		float w[] = { 120, 260, full - 380 };
		list_table(&l, "三、工作履历", cJSON_GetObjectItem(d, "work"), 3, labels, keys, w);
	}
	layout_section(&l, "四、擅长专业和方向");
	const char *paths = "";
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItem(d, "specialties")) {
		const char *path = taxonomy_leaf_path(taxonomy, (long long)id->valuedouble);
		if (path != NULL)
			paths = arena_printf(ar, "%s%s%s", paths, *paths ? "\n" : "", path);
	}
	layout_row(&l, 1, &full, (const char *[]){ *paths ? paths : "未选择" }, 0);
	{
		const char *labels[] = { "职称名称", "职称级别", "职称专业", "发证机关", "取得日期" };
		const char *keys[] = { "name", "level", "specialty", "authority", "date" };
		float w[] = { 120, 60, 110, 145, full - 435 };
		list_table(&l, "五、专业技术职称", cJSON_GetObjectItem(d, "titles"), 5, labels, keys, w);
	}
	{
		const char *labels[] = { "资格名称", "注册编号", "注册日期" };
		const char *keys[] = { "name", "number", "date" };
		float w[] = { 200, 190, full - 390 };
		list_table(&l, "六、注册执业资格", cJSON_GetObjectItem(d, "qualifications"), 3, labels, keys, w);
	}
	{
		const char *labels[] = { "项目名称", "本人角色", "日期", "获奖情况" };
		const char *keys[] = { "name", "role", "date", "award" };
		float w[] = { 200, 90, 80, full - 370 };
		list_table(&l, "七、工作业绩及获奖项目", cJSON_GetObjectItem(d, "achievements"), 4, labels, keys, w);
	}
	{
		const char *labels[] = { "回避单位名称", "统一社会信用代码", "回避原因" };
		const char *keys[] = { "unit", "code", "reason" };
		float w[] = { 190, 130, full - 320 };
		list_table(&l, "八、回避单位", cJSON_GetObjectItem(d, "avoidance"), 3, labels, keys, w);
	}
	/* declaration and signatures */
	layout_need(&l, 150);
	layout_section(&l, "九、申请人承诺及单位意见");
	float box = 120;
	pdf_rect(p, LAYOUT_MARGIN, l.y - box, full / 2, box, 0.6f);
	pdf_rect(p, LAYOUT_MARGIN + full / 2, l.y - box, full / 2, box, 0.6f);
	pdf_wrap(p, LAYOUT_MARGIN + LAYOUT_PAD, l.y - 16, full / 2 - 2 * LAYOUT_PAD, 10, 15,
	         "本人承诺以上所填信息及所附材料真实、准确、完整，如有虚假，愿承担相应责任。", 1);
	pdf_text(p, LAYOUT_MARGIN + LAYOUT_PAD, l.y - box + 36, 10, "申请人签字：");
	pdf_text(p, LAYOUT_MARGIN + LAYOUT_PAD, l.y - box + 14, 10, "日期：      年    月    日");
	pdf_text(p, LAYOUT_MARGIN + full / 2 + LAYOUT_PAD, l.y - 16, 10, "所在单位意见：");
	pdf_text(p, LAYOUT_MARGIN + full / 2 + LAYOUT_PAD, l.y - box + 36, 10, "单位（盖章）：");
	pdf_text(p, LAYOUT_MARGIN + full / 2 + LAYOUT_PAD, l.y - box + 14, 10, "日期：      年    月    日");
	return pdf_finish(p, ar, len);
}
