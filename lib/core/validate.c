/* Validation rules, one function per kind of value. */
#include <ctype.h>
#include <string.h>
#include <time.h>
#include "core/text.h"
#include "core/validate.h"

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Regions with fixed national number rules; any other country code gets the generic rule. */
static const struct {
	const char *cc;
	size_t len;
	const char *first;      /* allowed first digits */
	const char *second;     /* allowed second digits, or NULL */
	const char *message;
} regions[] = {
	{ "86", 11, "1", "3456789", "请输入11位中国大陆手机号" },
	{ "852", 8, "456789", NULL, "请输入8位香港手机号" },
	{ "853", 8, "6", NULL, "请输入以6开头的8位澳门手机号" },
	{ "886", 9, "9", NULL, "请输入以9开头的9位台湾手机号（去掉开头的0）" },
};

const char *check_phone(const char *p)
{
	if (p == NULL || p[0] != '+' || p[1] < '1' || p[1] > '9')
		return "手机号格式不正确";
	const char *digits = p + 1;
	size_t n = strlen(digits);
	if (!all_digits(digits, n))
		return "手机号只能包含数字";
	for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
		size_t cl = strlen(regions[i].cc);
		if (strncmp(digits, regions[i].cc, cl) != 0)
			continue;
		const char *nat = digits + cl;
		if (strlen(nat) != regions[i].len || strchr(regions[i].first, nat[0]) == NULL ||
		    (regions[i].second != NULL && strchr(regions[i].second, nat[1]) == NULL))
			return regions[i].message;
		return NULL;
	}
	/* other regions: E.164 allows 15 digits in all; a country code and 4+ national digits */
	if (n < 7 || n > 15)
		return "手机号位数不正确";
	return NULL;
}

char *normalize_phone(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *p = out;
	for (; *s; s++)
		if (*s != ' ' && *s != '-')
			*p++ = *s;
	*p = '\0';
	if (strncmp(out, "+8860", 5) == 0)
		memmove(out + 4, out + 5, strlen(out + 5) + 1);
	return out;
}

char *normalize_account(struct arena *a, const char *s)
{
	return s[0] == '+' ? normalize_phone(a, s) : arena_strdup(a, s);
}

const char *check_sms_code(const char *s)
{
	return strlen(s) == 6 && all_digits(s, 6) ? NULL : "请输入6位数字验证码";
}

const char *check_captcha_answer(const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || n > 6)
		return "请输入图片中的验证码";
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return "请输入图片中的验证码";
	return NULL;
}

const char *check_username(const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || n > 32 || !isalpha((unsigned char)s[0]))
		return "用户名为4-32位，以字母开头";
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return "用户名只能包含字母、数字和下划线";
	return NULL;
}

const char *check_password(const char *s)
{
	size_t n = utf8_chars(s);
	int letter = 0, digit = 0;
	if (n < 8 || n > 64)
		return "密码长度为8-64位";
	for (; *s; s++) {
		if (isalpha((unsigned char)*s))
			letter = 1;
		else if (isdigit((unsigned char)*s))
			digit = 1;
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return "密码不能包含控制字符";
	}
	return letter && digit ? NULL : "密码须同时包含字母和数字";
}

const char *check_person_name(const char *s)
{
	size_t n = utf8_chars(s);
	if (n < 2 || n > 30)
		return "姓名为2-30个字符";
	if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
		return "姓名首尾不能有空格";
	return NULL;
}

const char *check_account(const char *s)
{
	if (s[0] == '+')
		return check_phone(s);
	return check_username(s) == NULL ? NULL : "请输入手机号（含区号）或用户名";
}

const char *check_portal(const char *s)
{
	return strcmp(s, "expert") == 0 || strcmp(s, "admin") == 0 ? NULL : "登录入口无效";
}

const char *check_version(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 9 && all_digits(s, n) ? NULL : "版本号无效，请刷新页面";
}

/* First two digits of the region code: provinces, HK/Macau/Taiwan residence permits. */
static int known_province(int p)
{
	static const int codes[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	                             41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
	                             65, 71, 81, 82, 83 };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i] == p)
			return 1;
	return 0;
}

/* The messages of one kind of GB 11643 number. */
struct gb_words {
	const char *length, *birth, *check;
};

static const struct gb_words idcard_words = {
	"身份证号码应为18位（最后一位可为X）", "身份证号码中的出生日期无效", "身份证号码校验位不正确",
};
static const struct gb_words permit_words = {
	"居住证号码应为18位（最后一位可为X）", "居住证号码中的出生日期无效", "居住证号码校验位不正确",
};
static const struct gb_words foreign_words = {
	"永久居留身份证号码应为18位（最后一位可为X）", "永久居留身份证号码中的出生日期无效",
	"永久居留身份证号码校验位不正确",
};

static int gb_shaped(const char *s)
{
	return strlen(s) == 18 && all_digits(s, 17);
}

/* Birth date (characters 7–14) and check character of an 18-character number; the region is
 * the caller's. */
static const char *gb11643(const char *s, const struct gb_words *w, struct idcard *out)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char checks[] = "10X98765432";
	if (!gb_shaped(s))
		return w->length;
	int y = 0, m, d;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1850 || !valid_date(y, m, d))
		return w->birth;
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	char last = (char)toupper((unsigned char)s[17]);
	if (last != checks[sum % 11])
		return w->check;
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->male = (s[16] - '0') % 2 == 1;
	}
	return NULL;
}

static int hkmotw_region(const char *s)
{
	return s[0] == '8' && s[1] >= '1' && s[1] <= '3';
}

const char *check_idcard(const char *s, struct idcard *out)
{
	if (!gb_shaped(s))
		return idcard_words.length;
	if (!known_province((s[0] - '0') * 10 + (s[1] - '0')))
		return "身份证号码的地区码无效";
	return gb11643(s, &idcard_words, out);
}

#define CHOOSE_MAINLAND "该号码是居民身份证号码，请将证件类型选为“居民身份证”"
#define CHOOSE_PERMIT "该号码是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”"

/* A GB 11643 number typed under a document type that has another format: which type it is. */
static const char *gb_number_elsewhere(const char *s)
{
	if (check_idcard(s, NULL) != NULL)
		return NULL;
	return hkmotw_region(s) ? CHOOSE_PERMIT : CHOOSE_MAINLAND;
}

const char *check_mainland_id(const char *s, struct idcard *out)
{
	const char *msg = check_idcard(s, out);
	if (msg == NULL && hkmotw_region(s))
		return CHOOSE_PERMIT;
	return msg;
}

const char *check_residence_permit(const char *s, struct idcard *out)
{
	if (!gb_shaped(s))
		return permit_words.length;
	if (!hkmotw_region(s) || strncmp(s + 2, "0000", 4) != 0)
		return check_idcard(s, NULL) == NULL ? CHOOSE_MAINLAND
		     : "港澳台居民居住证号码以810000（香港）、820000（澳门）或830000（台湾）开头";
	return gb11643(s, &permit_words, out);
}

static int all_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A document whose number holds no birth date: a GB 11643 number is another type's, else the
 * number is good when `shaped`. */
static const char *plain_document(const char *s, int shaped, const char *message, struct idcard *out)
{
	const char *other = gb_number_elsewhere(s);
	if (other != NULL)
		return other;
	if (!shaped)
		return message;
	if (out != NULL)
		memset(out, 0, sizeof *out);
	return NULL;
}

const char *check_hkmo_permit(const char *s, struct idcard *out)
{
	size_t n = strlen(s);
	char first = (char)toupper((unsigned char)s[0]);
	return plain_document(s, (first == 'H' || first == 'M') && (n == 9 || n == 11) && all_digits(s + 1, n - 1),
	                      "港澳居民来往内地通行证号码为H或M加8位数字（旧版为10位数字）", out);
}

const char *check_tw_permit(const char *s, struct idcard *out)
{
	size_t n = strlen(s);
	return plain_document(s, (n == 8 && all_digits(s, n)) || (n == 10 && all_alnum(s, n)),
	                      "台湾居民来往大陆通行证号码为8位数字（旧版为10位字母或数字）", out);
}

const char *check_passport(const char *s, struct idcard *out)
{
	size_t n = strlen(s);
	return plain_document(s, n >= 5 && n <= 20 && all_alnum(s, n), "护照号码为5-20位字母或数字", out);
}

const char *check_foreign_pr(const char *s, struct idcard *out)
{
	size_t n = strlen(s);
	/* the 2023 card (9 and 17): GB 11643's birth date and check character; its sequence digit's
	 * meaning is not relied on, so nothing is derived */
	if (n == 18 && s[0] == '9' && gb11643(s, &foreign_words, NULL) != NULL)
		return gb11643(s, &foreign_words, NULL);
	return plain_document(s, (n == 15 && isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]) &&
	                          isalpha((unsigned char)s[2]) && all_digits(s + 3, 12)) || (n == 18 && s[0] == '9'),
	                      "外国人永久居留身份证号码为15位（3位字母加12位数字）或以9开头的18位", out);
}

char *normalize_id_number(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *p = out;
	for (; *s; s++)
		if (*s != ' ' && *s != '-')
			*p++ = (char)toupper((unsigned char)*s);
	*p = '\0';
	return out;
}

const char *check_credit_code(const char *s)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	if (strlen(s) != 18)
		return "统一社会信用代码应为18位";
	int sum = 0, v[18];
	for (int i = 0; i < 18; i++) {
		const char *p = strchr(alphabet, toupper((unsigned char)s[i]));
		if (p == NULL || s[i] == '\0')
			return "统一社会信用代码包含无效字符";
		v[i] = (int)(p - alphabet);
	}
	for (int i = 0; i < 17; i++)
		sum += v[i] * weights[i];
	int check = (31 - sum % 31) % 31;
	return v[17] == check ? NULL : "统一社会信用代码校验位不正确";
}
