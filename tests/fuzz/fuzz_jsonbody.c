/* libFuzzer driver: JSON request bodies as the run loop takes them — request_parse_body
 * (jsonbody_parse), then the declared-input walker (input_check) over a table of the shared
 * fields and validators, then the application form's walkers (appform_check_format, as the
 * draft save runs it on "data", and appform_check_complete, as the submission does).
 * A successful parse is printed again and must parse to the same tree and fields. */
#include <math.h>
#include "fuzz.h"
#include "core/config.h"
#include "core/validate.h"
#include "http/reply.h"
#include "http/input.h"
#include "http/jsonbody.h"
#include "apply/appform.h"

static const struct field inputs[] = {
	FIELD_PHONE, FIELD_SMS_CODE, FIELD_CAPTCHA_ID, FIELD_CAPTCHA, FIELD_PORTAL,
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "account", "账号", 0, 32, check_account, normalize_account },
	{ "password", "密码", 0, 64, check_password },
	{ "name", "姓名", 0, 30, check_person_name },
	{ "reason", "原因", MULTILINE, 500, NULL },
	FIELD_END
};

/* The form's files: 1 is user 7's photo, 9 their PDF, 2–8 their scans; nothing else is theirs. */
static int file_ok(long long user, long long id, const char *kinds)
{
	static const char *const kind_of[10] = { NULL, "photo", "scan", "scan", "scan", "scan", "scan",
	                                         "scan", "scan", "pdf" };
	return user == 7 && id >= 1 && id <= 9 && strstr(kinds, kind_of[id]) != NULL;
}
static int any_file(long long user, long long id, const char *kinds) { return 1; }

/* The taxonomy's active leaves are 3 and 4: all the ids are, or not. */
static int leaves_ok(const cJSON *ids, const char **why)
{
	(void)why;
	int n = 0, leaves = 0;
	const cJSON *id;
	cJSON_ArrayForEach(id, ids) {
		n++;
		leaves += id->valuedouble == 3 || id->valuedouble == 4;
	}
	return leaves == n;
}

static int finite_numbers(const cJSON *n)
{
	for (; n != NULL; n = n->next)
		if ((cJSON_IsNumber(n) && !isfinite(n->valuedouble)) || !finite_numbers(n->child))
			return 0;
	return 1;
}

static int declared(const char *name)
{
	for (const struct field *f = inputs; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return 1;
	return 0;
}

static int has_control(const char *s, int multiline)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && !(multiline && strchr("\t\r\n", *s))) || *s == 0x7f)
			return 1;
	return 0;
}

/* Messages: non-empty UTF-8 strings, `count` of them. */
static void check_messages(const cJSON *o, int count)
{
	CHECK(cJSON_IsObject(o) && cJSON_GetArraySize(o) == count);
	const cJSON *m;
	cJSON_ArrayForEach(m, o)
		CHECK(cJSON_IsString(m) && *m->valuestring != '\0' && text_ok(m->valuestring, strlen(m->valuestring)));
}

static void check_inputs(struct request *r)
{
	int ok = input_check(r, inputs);
	CHECK(ok == !has_field_errors(r));
	const cJSON *e;
	if (r->field_errors != NULL) {
		check_messages(r->field_errors, cJSON_GetArraySize(r->field_errors));
		cJSON_ArrayForEach(e, r->field_errors)
			CHECK(declared(e->string));
	}
	for (const struct field *f = inputs; f->name != NULL; f++) {
		const char *v = req_field(r, f->name);
		if (v == NULL) {
			CHECK(!(f->flags & REQUIRED) || has_field_error(r, f->name));
			continue;
		}
		const struct kv *kv = kv_find(&r->fields, f->name);
		CHECK(kv->len == strlen(kv->val));
		if (has_field_error(r, f->name))
			continue;
		/* what passed is within the limits, and already in its canonical form */
		CHECK(utf8_chars(v) <= (f->max_chars ? f->max_chars : 200));
		CHECK(!has_control(v, (f->flags & MULTILINE) != 0));
		CHECK(f->check == NULL || f->check(v) == NULL);
		CHECK(f->normalize == NULL || strcmp(f->normalize(r->arena, v), v) == 0);
	}
}

/* A number a program may convert to an integer: whole, and within [min, max]. */
static int whole(const cJSON *v, double min, double max)
{
	return cJSON_IsNumber(v) && v->valuedouble >= min && v->valuedouble <= max &&
	       v->valuedouble == (double)(long long)v->valuedouble;
}

/* Not given, as the form counts it: absent, null, "" or []. */
static int blank(const cJSON *v)
{
	return v == NULL || cJSON_IsNull(v) || (cJSON_IsString(v) && *v->valuestring == '\0') ||
	       (cJSON_IsArray(v) && v->child == NULL);
}

/* Ids and counts the format check let through are whole numbers the programs can convert
 * ((long long)valuedouble when they show a draft or build its PDF). */
static void check_numbers(const cJSON *data, const cJSON *errors)
{
	static const char *const files[] = { "photo", "id_front", "id_back", "commitment_scan", "form_scan", NULL };
	for (const char *const *k = files; *k != NULL; k++) {
		const cJSON *v = cJSON_GetObjectItem(data, *k);
		if (!blank(v) && !cJSON_HasObjectItem(errors, *k))
			CHECK(whole(v, 1, 9007199254740991.0));
	}
	const cJSON *years = cJSON_GetObjectItem(data, "specialty_years");
	if (!blank(years) && !cJSON_HasObjectItem(errors, "specialty_years"))
		CHECK(whole(years, 0, 70));
	const cJSON *ids = cJSON_GetObjectItem(data, "specialties"), *id;
	if (cJSON_IsArray(ids) && !cJSON_HasObjectItem(errors, "specialties"))
		cJSON_ArrayForEach(id, ids)
			CHECK(whole(id, 1, 9007199254740991.0));
}

static void check_form(const cJSON *data, int provincial)
{
	struct appform_ctx c = { .user_id = 7, .leaves_ok = leaves_ok, .today_y = 2026, .today_m = 11,
	                         .today_d = 20, .provincial = provincial, .file_ok = file_ok };
	cJSON *errors = cJSON_CreateObject();
	int n = appform_check_format(&c, data, errors);
	CHECK(n >= 0);
	check_messages(errors, n);
	check_numbers(data, errors);
	const cJSON *e;
	cJSON_ArrayForEach(e, errors) {
		/* a draft's format check speaks only of what is there: "education.0.from" of education,
		 * or a key of the draft's own that holds a dot ("k.84", refused as unknown by its name) */
		const char *dot = strchr(e->string, '.');
		char *top = arena_strndup(&fuzz_arena, e->string, dot ? (size_t)(dot - e->string) : strlen(e->string));
		CHECK(cJSON_GetObjectItem(data, top) != NULL || cJSON_GetObjectItem(data, e->string) != NULL);
	}
	cJSON *missing = cJSON_CreateObject();
	int m = appform_check_complete(&c, data, missing);
	CHECK(m >= 0);
	int total = 0;
	const cJSON *step;
	cJSON_ArrayForEach(step, missing) {
		CHECK(provincial || (strcmp(step->string, "commitment") != 0 && strcmp(step->string, "form") != 0));
		check_messages(step, cJSON_GetArraySize(step));
		total += cJSON_GetArraySize(step);
	}
	CHECK(m == total);
	/* what the draft save refuses (files aside: a submission does not look them up again),
	 * the submission refuses too */
	if (provincial) {
		c.file_ok = any_file;
		cJSON *fmt = cJSON_CreateObject();
		CHECK(appform_check_format(&c, data, fmt) >= 0);
		cJSON_ArrayForEach(e, fmt) {
			/* a key the form does not define never reaches a submission: the save refuses it,
			 * and a submission checks the stored draft */
			if (strcmp(cJSON_GetStringValue(e), "申请表中没有这一项") == 0)
				continue;
			int found = 0;
			cJSON_ArrayForEach(step, missing)
				found |= cJSON_HasObjectItem(step, e->string);
			CHECK(found);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		fuzz_init();
		static const char conf[] = "[security]\nsecret = " "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
		                           "\nid_key = ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n"
		                           "[apply]\nregions = 本级，外地\n";
		CHECK(config_parse_string(conf, "fuzz.ini") == 0);
		ready = 1;
	}
	struct request r = { .arena = &fuzz_arena, .content_type = "application/json; charset=utf-8" };
	const char *body = (const char *)data;
	enum form_err e = request_parse_body(&r, body, size);
	if (e == FORM_OK && size > 0) {
		cJSON *root = r.json;
		CHECK(cJSON_IsObject(root));
		CHECK(r.fields.n <= FORM_MAX_FIELDS && keys_unique(&r.fields, NULL));
		size_t scalars = 0;
		for (const cJSON *c = root->child; c != NULL; c = c->next)
			scalars += cJSON_IsString(c) || cJSON_IsNumber(c) || cJSON_IsBool(c);
		CHECK(r.fields.n == scalars);
		for (size_t i = 0; i < r.fields.n; i++) {
			CHECK(strlen(r.fields.v[i].key) <= FORM_MAX_KEY && text_ok(r.fields.v[i].key, strlen(r.fields.v[i].key)));
			CHECK(text_ok(r.fields.v[i].val, r.fields.v[i].len));
		}
		/* printed and parsed again: the same tree, the same fields (numbers cJSON prints
		 * as null, and those it rounds in printing, aside) */
		if (finite_numbers(root->child)) {
			char *again = cJSON_PrintUnformatted(root);
			struct request r2 = { .arena = &fuzz_arena, .content_type = "application/json" };
			CHECK(again != NULL && request_parse_body(&r2, again, strlen(again)) == FORM_OK);
			CHECK(cJSON_Compare(root, r2.json, 1));
			CHECK(r2.fields.n == r.fields.n);
			for (size_t i = 0; i < r.fields.n; i++) {
				const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, r.fields.v[i].key);
				CHECK(strcmp(r.fields.v[i].key, r2.fields.v[i].key) == 0);
				CHECK(cJSON_IsNumber(item) || strcmp(r.fields.v[i].val, r2.fields.v[i].val) == 0);
			}
		}
		check_inputs(&r);
		const cJSON *form = cJSON_GetObjectItemCaseSensitive(root, "data");
		check_form(cJSON_IsObject(form) ? form : root, (int)(size & 1));
	} else {
		CHECK(r.json == NULL || e == FORM_OK);
	}
	fuzz_done(size, 512);
	return 0;
}
