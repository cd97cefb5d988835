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

const char *check_idcard(const char *s, struct idcard *out)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char checks[] = "10X98765432";
	if (strlen(s) != 18 || !all_digits(s, 17))
		return "身份证号码应为18位（最后一位可为X）";
	if (!known_province((s[0] - '0') * 10 + (s[1] - '0')))
		return "身份证号码的地区码无效";
	int y = 0, m, d;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1850 || !valid_date(y, m, d))
		return "身份证号码中的出生日期无效";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	char last = (char)toupper((unsigned char)s[17]);
	if (last != checks[sum % 11])
		return "身份证号码校验位不正确";
	if (out != NULL) {
		out->year = y;
		out->month = m;
		out->day = d;
		out->male = (s[16] - '0') % 2 == 1;
	}
	return NULL;
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
