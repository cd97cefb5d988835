/* Declared inputs: each route lists its fields with a label, limits and a validator; the run
 * loop checks them all and replies 422 with every field's message before the handler runs. */
#ifndef EP_INPUT_H
#define EP_INPUT_H
#include <stddef.h>
#include "core/arena.h"

struct request;

#define REQUIRED 1u
#define MULTILINE 2u            /* allows tabs and line breaks */

struct field {
	const char *name;
	const char *label;              /* Chinese, for "请输入…" */
	unsigned flags;
	size_t max_chars;               /* 0: 200 */
	const char *(*check)(const char *value);   /* NULL: any text within the limits */
	/* optional: rewrites the value into its canonical form before the checks */
	char *(*normalize)(struct arena *a, const char *value);
};

/* Fields that several routes share. */
#define FIELD_PHONE { "phone", "手机号", REQUIRED, 24, check_phone, normalize_phone }
#define FIELD_CAPTCHA_ID { "captcha_id", "图片验证码", REQUIRED, 32, NULL }
#define FIELD_CAPTCHA { "captcha", "图片验证码", REQUIRED, 8, check_captcha_answer }
#define FIELD_SMS_CODE { "code", "短信验证码", REQUIRED, 6, check_sms_code }
#define FIELD_PORTAL { "portal", "登录入口", 0, 10, check_portal }
#define FIELD_END { NULL, NULL, 0, 0, NULL, NULL }

/* Checks r->fields against the list (ended by a NULL name). Returns 1 when all passed;
 * otherwise the messages are in r->field_errors. */
int input_check(struct request *r, const struct field *fields);

#endif
