/* Unit tests for the application form checks (lib/appform.c), the taxonomy file format and
 * tree look-ups (lib/taxonomy.c) and file sniffing (lib/files.c). No database: the tree is
 * built in memory and file ownership comes from a table in the test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "apply/appform.h"
#include "core/config.h"
#include "files/files.h"
#include "apply/taxonomy.h"

static struct arena a;
static void *jalloc(size_t n) { return arena_alloc(&a, n); }
static void jfree(void *p) { (void)p; }

/* files 1–9 belong to user 7: 1 is a photo, 2–8 scans, 9 a pdf; anything else is not theirs */
static int file_ok(long long user, long long id, const char *kinds)
{
	const char *kind = id == 1 ? "photo" : id == 9 ? "pdf" : "scan";
	return user == 7 && id >= 1 && id <= 9 && strstr(kinds, kind) != NULL;
}

static cJSON *tree(void)
{
	return cJSON_Parse("[{\"id\":1,\"name\":\"房屋市政工程\",\"groups\":[{\"id\":2,\"name\":\"房屋建筑工程\","
	                   "\"specialties\":[{\"id\":3,\"name\":\"建筑结构\",\"path\":\"房屋市政工程 / 房屋建筑工程 / 建筑结构\"}],"
	                   "\"directions\":[{\"id\":4,\"name\":\"消防\",\"path\":\"房屋市政工程 / 房屋建筑工程 / 消防\"}]}]}]");
}

/* leaves 3 and 4 exist, 5 is retired */
static int leaves_ok(const cJSON *ids, const char **why)
{
	const cJSON *id;
	cJSON_ArrayForEach(id, ids) {
		if (id->valuedouble == 5) {
			*why = "「房屋市政工程 / 房屋建筑工程 / 幕墙」已停用，不能再选择，请取消后重新选择";
			return 0;
		}
		if (id->valuedouble != 3 && id->valuedouble != 4)
			return 0;
	}
	return 1;
}

static struct appform_ctx ctx(int provincial)
{
	struct appform_ctx c = { .user_id = 7, .leaves_ok = leaves_ok, .today_y = 2026,
	                         .today_m = 11, .today_d = 20, .provincial = provincial, .file_ok = file_ok };
	return c;
}

static const char *complete_form =
	"{\"photo\":1,\"name\":\"张三\",\"gender\":\"女\",\"id_type\":\"居民身份证\","
	"\"id_number\":\"11010519491231002X\",\"birth_date\":\"1949-12-31\",\"id_front\":2,\"id_back\":3,"
	"\"employment\":\"退休\",\"position\":\"总工\",\"specialty\":\"结构\",\"specialty_years\":30,"
	"\"residence\":\"北京\",\"region\":\"本级\",\"remote\":true,\"entry_type\":\"新增\","
	"\"education\":[{\"school\":\"同济大学\",\"major\":\"结构工程\",\"degree\":\"大学本科\",\"from\":\"1968-09\",\"to\":\"1972-07\"}],"
	"\"work\":[{\"employer\":\"某院\",\"position\":\"总工\",\"from\":\"1972-08\",\"to\":\"\"}],"
	"\"avoidance_none\":true,\"specialties\":[3,4],"
	"\"titles\":[{\"name\":\"高级工程师\",\"level\":\"正高级\",\"specialty\":\"结构\",\"authority\":\"人社厅\",\"date\":\"2000-01-01\",\"scan\":4}]}";

static int setup(void **state)
{
	cJSON_Hooks h = { jalloc, jfree };
	cJSON_InitHooks(&h);
	arena_current = &a;
	cfg.regions = "本级,外地";
	cfg.max_age = 65;
	cfg.senior_max_age = 80;        /* the complete form's expert is 76 with a 正高级 title */
	cfg.min_years = 0;
	cfg.require_photo = 1;
	cfg.require_id_scans = 1;
	return 0;
}

static int complete_count(const char *json, int provincial, cJSON **missing)
{
	struct appform_ctx c = ctx(provincial);
	*missing = cJSON_CreateObject();
	return appform_check_complete(&c, cJSON_Parse(json), *missing);
}

static const char *msg(const cJSON *missing, const char *step, const char *path)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(missing, step), path));
}

static void test_complete_form_passes(void **state)
{
	cJSON *m;
	assert_int_equal(complete_count(complete_form, 0, &m), 0);
	assert_non_null(cJSON_GetObjectItem(m, "records"));
	assert_null(cJSON_GetObjectItem(m, "commitment"));        /* not a step in the city style */
	assert_int_equal(complete_count(complete_form, 1, &m), 2);  /* the two signed scans */
	assert_non_null(msg(m, "commitment", "commitment_scan"));
	assert_non_null(msg(m, "form", "form_scan"));
}

static void test_empty_form_lists_every_step(void **state)
{
	cJSON *m;
	assert_true(complete_count("{}", 0, &m) > 10);
	assert_string_equal(msg(m, "basic", "name"), "请输入姓名");
	assert_string_equal(msg(m, "basic", "photo"), "请上传照片");
	assert_string_equal(msg(m, "basic", "education"), "请至少填写一项毕业院校");
	assert_non_null(msg(m, "basic", "avoidance"));
	assert_non_null(msg(m, "domains", "specialties"));
	assert_non_null(msg(m, "records", "titles"));
}

/* The complete form with one value replaced (JSON text of the value). */
static const char *with(const char *key, const char *value)
{
	cJSON *f = cJSON_Parse(complete_form);
	cJSON_ReplaceItemInObject(f, key, cJSON_Parse(value));
	return cJSON_PrintUnformatted(f);
}

static void test_cross_field_rules(void **state)
{
	cJSON *m;
	complete_count(with("birth_date", "\"1950-01-01\""), 0, &m);
	assert_string_equal(msg(m, "basic", "birth_date"), "出生日期与身份证号码不一致");
	complete_count(with("gender", "\"男\""), 0, &m);
	assert_string_equal(msg(m, "basic", "gender"), "性别与身份证号码不一致");
	complete_count(with("employment", "\"在职\""), 0, &m);
	assert_string_equal(msg(m, "basic", "employer"), "请输入工作单位");
	complete_count(with("avoidance_none", "false"), 0, &m);
	assert_non_null(msg(m, "basic", "avoidance"));
	assert_int_equal(complete_count(with("avoidance_none", "false"), 0, &m), 1);
	complete_count(with("id_back", "null"), 0, &m);
	assert_non_null(msg(m, "basic", "id_back"));
	/* a passport needs no back side, and its number is not a mainland ID */
	cJSON *f = cJSON_Parse(complete_form);
	cJSON_ReplaceItemInObject(f, "id_type", cJSON_CreateString("护照"));
	cJSON_ReplaceItemInObject(f, "id_number", cJSON_CreateString("E12345678"));
	cJSON_DeleteItemFromObject(f, "id_back");
	assert_int_equal(complete_count(cJSON_PrintUnformatted(f), 0, &m), 0);
	/* … unless it is one: then it is refused, naming the type to choose */
	cJSON_ReplaceItemInObject(f, "id_number", cJSON_CreateString("11010519491231002X"));
	complete_count(cJSON_PrintUnformatted(f), 0, &m);
	assert_string_equal(msg(m, "basic", "id_number"), "该号码是居民身份证号码，请将证件类型选为“居民身份证”");
	/* 港澳台居民居住证: the birth date and gender follow from the number, as for 居民身份证 */
	cJSON_ReplaceItemInObject(f, "id_type", cJSON_CreateString("港澳台居民居住证"));
	cJSON_ReplaceItemInObject(f, "id_number", cJSON_CreateString("820000197512310024"));
	complete_count(cJSON_PrintUnformatted(f), 0, &m);
	assert_string_equal(msg(m, "basic", "birth_date"), "出生日期与证件号码不一致");
	cJSON_ReplaceItemInObject(f, "birth_date", cJSON_CreateString("1975-12-31"));
	assert_int_equal(complete_count(cJSON_PrintUnformatted(f), 0, &m), 0);
}

/* Every option of 证件类型 has its number format. */
static void test_id_types(void **state)
{
	for (const char *const *t = opt_id_types; *t != NULL; t++)
		assert_string_not_equal(appform_check_id_number(*t, "A", NULL), "请先选择证件类型");
	assert_string_equal(appform_check_id_number("驾驶证", "E12345678", NULL), "请先选择证件类型");
	assert_null(appform_check_id_number(NULL, "E12345678", NULL));
	assert_non_null(appform_check_id_number("护照", "E-12345678", NULL));
}

static void test_configured_uploads(void **state)
{
	cJSON *m;
	const char *bare = with("photo", "null");
	cJSON *f = cJSON_Parse(bare);
	cJSON_DeleteItemFromObject(f, "id_front");
	cJSON_DeleteItemFromObject(f, "id_back");
	const char *none = cJSON_PrintUnformatted(f);
	assert_int_equal(complete_count(none, 0, &m), 3);
	cfg.require_photo = 0;
	cfg.require_id_scans = 0;
	assert_int_equal(complete_count(none, 0, &m), 0);
	cfg.require_photo = 1;
	cfg.require_id_scans = 1;
}

static void test_age_limits(void **state)
{
	cJSON *m;
	cfg.senior_max_age = 70;
	complete_count(complete_form, 0, &m);         /* 76 with a 正高级 title, limit 70 */
	assert_string_equal(msg(m, "basic", "birth_date"), "年龄超过入库要求（不超过70周岁）");
	cfg.senior_max_age = 80;
	cfg.min_years = 31;
	complete_count(complete_form, 0, &m);
	assert_non_null(msg(m, "basic", "specialty_years"));
	cfg.min_years = 0;
}

static int format_count(const char *json, cJSON **errors)
{
	struct appform_ctx c = ctx(0);
	*errors = cJSON_CreateObject();
	return appform_check_format(&c, cJSON_Parse(json), *errors);
}

static void test_format(void **state)
{
	cJSON *e;
	assert_int_equal(format_count("{}", &e), 0);                 /* an empty draft is fine */
	assert_int_equal(format_count(complete_form, &e), 0);
	format_count("{\"birth_date\":\"2027-01-01\",\"gender\":\"X\",\"specialty_years\":1.5,\"remote\":\"yes\","
	             "\"employer_code\":\"911100001000136735\",\"email\":\"a@b\",\"region\":\"火星\"}", &e);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(e, "birth_date")), "出生日期不能晚于今天");
	assert_non_null(cJSON_GetObjectItem(e, "gender"));
	assert_non_null(cJSON_GetObjectItem(e, "specialty_years"));
	assert_non_null(cJSON_GetObjectItem(e, "remote"));
	assert_non_null(cJSON_GetObjectItem(e, "employer_code"));
	assert_non_null(cJSON_GetObjectItem(e, "email"));
	assert_non_null(cJSON_GetObjectItem(e, "region"));
	format_count("{\"education\":[{\"from\":\"1980-13\"},{\"from\":\"1990-09\",\"to\":\"1980-07\"}],"
	             "\"specialties\":[3,3],\"photo\":5,\"id_front\":99}", &e);
	assert_non_null(cJSON_GetObjectItem(e, "education.0.from"));
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(e, "education.1.to")), "结束年月不能早于开始年月");
	assert_non_null(cJSON_GetObjectItem(e, "specialties"));       /* duplicated */
	assert_non_null(cJSON_GetObjectItem(e, "photo"));             /* a scan is no photo */
	assert_non_null(cJSON_GetObjectItem(e, "id_front"));          /* not the user's file */
	cJSON *m;                                                     /* files are judged at saving */
	assert_int_equal(complete_count(with("photo", "99"), 0, &m), 0);
	format_count("{\"specialties\":[2]}", &e);                    /* a group is not a leaf */
	assert_non_null(cJSON_GetObjectItem(e, "specialties"));
	format_count("{\"id_type\":\"居民身份证\",\"id_number\":\"110105194912310021\"}", &e);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(e, "id_number")), "身份证号码校验位不正确");
	format_count("{\"name\":\"a\\u0001b\"}", &e);
	assert_non_null(cJSON_GetObjectItem(e, "name"));
}

/* Found by tests/fuzz/fuzz_jsonbody: ids and counts are whole numbers within range before
 * anything converts them (a double beyond long long has no defined conversion, and the
 * programs show a saved draft's ids through (long long)valuedouble). */
static void test_format_whole_numbers(void **state)
{
	cJSON *e;
	struct appform_ctx c = ctx(0);
	c.leaves_ok = NULL;                                           /* as a draft save runs it */
	const char *const bad[] = { "{\"specialties\":[3.5]}", "{\"specialties\":[1e300]}",
	                            "{\"specialties\":[3,1e999]}", "{\"photo\":2.2e97}", "{\"photo\":-1e300}",
	                            "{\"specialty_years\":1e30}", "{\"specialty_years\":-1e300}",
	                            "{\"titles\":[{\"scan\":1e19}]}" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = cJSON_CreateObject();
		assert_int_equal(appform_check_format(&c, cJSON_Parse(bad[i]), e), 1);
	}
	e = cJSON_CreateObject();
	assert_int_equal(appform_check_format(&c, cJSON_Parse("{\"specialties\":[3,4],\"photo\":1,"
	                                                      "\"specialty_years\":70}"), e), 0);
}

/* A draft holds the form and nothing else: every key the form does not define is an error
 * named by its path, at the top (where a user's "resolved" would pass for the server's) and
 * in the rows of a list; the keys of every step are known, in either style. */
static void test_unknown_keys(void **state)
{
	cJSON *e;
	assert_int_equal(format_count("{\"resolved\":{\"phone\":\"+8613800000000\"},\"name\":\"张三\"}", &e), 1);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(e, "resolved")), "申请表中没有这一项");
	assert_int_equal(format_count("{\"education\":[{\"school\":\"同济大学\"},{\"school\":\"x\",\"note\":1}],"
	                              "\"titles\":[{\"scan\":4,\"owner\":7}],\"x\":null,\"declaration\":true}", &e), 4);
	assert_non_null(cJSON_GetObjectItem(e, "education.1.note"));
	assert_non_null(cJSON_GetObjectItem(e, "titles.0.owner"));
	assert_non_null(cJSON_GetObjectItem(e, "x"));                 /* even when null */
	assert_non_null(cJSON_GetObjectItem(e, "declaration"));       /* sent to submit, not stored */
	assert_null(cJSON_GetObjectItem(e, "education.0.school"));
	/* a key of a list row is not a key of the form, nor the other way round */
	format_count("{\"school\":\"同济大学\",\"work\":[{\"photo\":1}]}", &e);
	assert_non_null(cJSON_GetObjectItem(e, "school"));
	assert_non_null(cJSON_GetObjectItem(e, "work.0.photo"));
	/* the provincial steps' keys are part of the form */
	assert_int_equal(format_count("{\"commitment_scan\":9,\"form_scan\":9}", &e), 0);
	/* and the complete form has none */
	assert_int_equal(format_count(complete_form, &e), 0);
}

static void test_steps_and_options(void **state)
{
	assert_string_equal(cJSON_PrintUnformatted(appform_steps(0)), "[\"basic\",\"domains\",\"records\",\"preview\"]");
	assert_string_equal(cJSON_PrintUnformatted(appform_steps(1)),
	                    "[\"basic\",\"domains\",\"records\",\"commitment\",\"form\",\"preview\"]");
	assert_string_equal(cJSON_PrintUnformatted(opt_regions()), "[\"本级\",\"外地\"]");
	/* a full-width comma separates; its bytes inside other characters do not (区 is E5 8C BA) */
	cfg.regions = "本级， 高新区 ,经开区,";
	assert_string_equal(cJSON_PrintUnformatted(opt_regions()), "[\"本级\",\"高新区\",\"经开区\"]");
	cfg.regions = "本级,外地";
}

static void test_taxonomy_lines(void **state)
{
	struct taxonomy_line t;
	char l1[] = "房屋市政工程\t房屋建筑工程\tspecialty\t建筑结构\r\n";
	assert_int_equal(taxonomy_parse_line(l1, &t), 1);
	assert_string_equal(t.domain, "房屋市政工程");
	assert_string_equal(t.group, "房屋建筑工程");
	assert_string_equal(t.kind, "specialty");
	assert_string_equal(t.item, "建筑结构");
	char comment[] = "# a comment\n", blank[] = "\n";
	assert_int_equal(taxonomy_parse_line(comment, &t), 0);
	assert_int_equal(taxonomy_parse_line(blank, &t), 0);
	char three[] = "a\tb\tdirection\n", kind[] = "a\tb\tdomain\tc\n", five[] = "a\tb\tdirection\tc\td\n";
	char empty_field[] = "a\t\tdirection\tc\n", bad_utf8[] = "a\tb\tdirection\t\xC3\x28\n";
	assert_int_equal(taxonomy_parse_line(three, &t), -1);
	assert_int_equal(taxonomy_parse_line(kind, &t), -1);
	assert_int_equal(taxonomy_parse_line(five, &t), -1);
	assert_int_equal(taxonomy_parse_line(empty_field, &t), -1);
	assert_int_equal(taxonomy_parse_line(bad_utf8, &t), -1);
	cJSON *tr = tree();
	assert_string_equal(taxonomy_leaf_path(tr, 4), "房屋市政工程 / 房屋建筑工程 / 消防");
	assert_null(taxonomy_leaf_path(tr, 2));
	assert_null(taxonomy_leaf_path(tr, 99));
}

static void test_retired_leaf_named(void **state)
{
	/* a leaf retired since the draft chose it: refused with the message that names it */
	cJSON *m;
	assert_int_equal(complete_count(with("specialties", "[3,5]"), 0, &m), 1);
	assert_string_equal(msg(m, "domains", "specialties"),
	                    "「房屋市政工程 / 房屋建筑工程 / 幕墙」已停用，不能再选择，请取消后重新选择");
	complete_count(with("specialties", "[3,9]"), 0, &m);            /* no leaf: the general one */
	assert_string_equal(msg(m, "domains", "specialties"), "所选专业或方向无效，请重新选择");
}

static void test_taxonomy_names(void **state)
{
	const char *why = NULL;
	assert_string_equal(taxonomy_name(&a, "  建筑结构\xE3\x80\x80 ", &why), "建筑结构");   /* ideographic space */
	assert_string_equal(taxonomy_name(&a, "\xC2\xA0给水 排水", &why), "给水 排水");         /* inner space kept */
	assert_string_equal(taxonomy_name(&a, "给排水/暖通", &why), "给排水/暖通");
	char sixty[3 * 60 + 1] = "", more[3 * 61 + 1] = "";
	for (int i = 0; i < 61; i++) {
		if (i < 60)
			strcat(sixty, "专");
		strcat(more, "专");
	}
	assert_string_equal(taxonomy_name(&a, sixty, &why), sixty);
	const char *bad[] = { NULL, "", "   ", "\xE3\x80\x80", more, "a\tb", "a\nb", "a\x7f", "\xC2\x85x",
	                      "a\xE2\x80\x8B" "b", "\xE2\x80\xAE" "evil", "a\xEF\xBB\xBF", "\xC3\x28", "领域 / 专业" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		assert_null(taxonomy_name(&a, bad[i], &why));
		assert_non_null(why);
	}
	taxonomy_name(&a, more, &why);
	assert_string_equal(why, "名称不能超过60个字符");
	taxonomy_name(&a, " \xE3\x80\x80", &why);
	assert_string_equal(why, "请输入名称");
}

static void test_shipped_taxonomy_file(void **state)
{
	/* every line of the shipped tree parses, and it has the nine domains of seed 000 */
	FILE *f = fopen(SRCDIR "/share/taxonomy.tsv", "r");
	assert_non_null(f);
	char line[1024], last_domain[256] = "";
	int leaves = 0, domains = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		struct taxonomy_line t;
		int rc = taxonomy_parse_line(line, &t);
		assert_true(rc >= 0);
		if (rc == 1) {
			leaves++;
			if (strcmp(t.domain, last_domain) != 0) {
				domains++;
				snprintf(last_domain, sizeof last_domain, "%s", t.domain);
			}
		}
	}
	fclose(f);
	assert_int_equal(domains, 9);
	assert_true(leaves > 150);
}

static void test_sniff(void **state)
{
	assert_int_equal(file_sniff((const unsigned char *)"\xFF\xD8\xFF\xE0", 4), FT_JPEG);
	assert_int_equal(file_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n", 8), FT_PNG);
	assert_int_equal(file_sniff((const unsigned char *)"%PDF-1.7", 8), FT_PDF);
	assert_int_equal(file_sniff((const unsigned char *)"<html>", 6), 0);
	assert_int_equal(file_sniff((const unsigned char *)"\x89PN", 3), 0);
	assert_string_equal(file_type_name(FT_PDF), "application/pdf");
	assert_int_equal(file_kinds[FILE_PHOTO].types, FT_JPEG | FT_PNG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_form_passes),
		cmocka_unit_test(test_empty_form_lists_every_step),
		cmocka_unit_test(test_cross_field_rules),
		cmocka_unit_test(test_id_types),
		cmocka_unit_test(test_configured_uploads),
		cmocka_unit_test(test_age_limits),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_whole_numbers),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_steps_and_options),
		cmocka_unit_test(test_taxonomy_lines),
		cmocka_unit_test(test_retired_leaf_named),
		cmocka_unit_test(test_taxonomy_names),
		cmocka_unit_test(test_shipped_taxonomy_file),
		cmocka_unit_test(test_sniff),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	arena_free(&a);
	return rc;
}
