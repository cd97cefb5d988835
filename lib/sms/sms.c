/* SMS codes and the outbox. */
#include <stdio.h>
#include <string.h>
#include "core/arena.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/text.h"
#include "db/db.h"
#include "http/ratelimit.h"
#include "http/run.h"
#include "sms/sms.h"

static const struct {
	const char *name;       /* as stored in sms_codes.purpose */
	const char *label;      /* what the code is for, in the message */
} purposes[] = {
	[CODE_REGISTER] = { "register", "注册" },
	[CODE_LOGIN] = { "login", "登录" },
	[CODE_RESET] = { "reset", "找回密码" },
};

int sms_queue(const char *phone, const char *text)
{
	/* one line, whatever free text (a rejection reason, a name) the message quotes */
	char *body = text_one_line(arena_current, arena_printf(arena_current, "%s%s", cfg.sms_sign, text));
	return db_exec(SQL_OUTBOX_INSERT, "ss", phone, body);
}

const char *sms_excerpt(const char *text)
{
	size_t chars = 0, i = 0;
	for (; text[i] != '\0'; i++)
		if ((text[i] & 0xC0) != 0x80 && ++chars > 40)
			return arena_printf(arena_current, "%.*s…", (int)i, text);
	return text;
}

static void code_hash(unsigned char out[HASH_BYTES], const char *phone, enum code_purpose p,
                      const char *code)
{
	const char *parts[] = { "sms", purposes[p].name, phone, code };
	hmac_parts(out, parts, 4);
}

long sms_code_send(struct request *r, const char *phone, enum code_purpose p, enum code_delivery d)
{
	struct arena *a = r->arena;
	long wait;
	/* the IP limit first, so one client cannot use up other people's phone limits */
	if ((wait = ratelimit_hit(arena_printf(a, "sms-ip:%s", r->remote_addr), 3600,
	                          LIMIT_SMS_PER_IP_HOUR)) != 0)
		return wait;
	if ((wait = cooldown_take(arena_printf(a, "sms-wait:%s:%s", purposes[p].name, phone),
	                          SMS_RESEND_SECONDS)) != 0)
		return wait;
	if ((wait = ratelimit_hit(arena_printf(a, "sms-day:%s", phone), 86400,
	                          LIMIT_SMS_PER_PHONE_DAY)) != 0)
		return wait;
	if (d == DELIVER_NOTHING)
		return 0;
	char code[7];
	snprintf(code, sizeof code, "%06u", random_below(1000000));
	unsigned char h[HASH_BYTES];
	code_hash(h, phone, p, code);
	/* both messages retire the pending codes, so that they cost the same statements but one */
	const char *text = d == DELIVER_CODE
		? arena_printf(a, "您的%s验证码为 %s，5分钟内有效。如非本人操作，请忽略本短信。",
		               purposes[p].label, code)
		: arena_printf(a, "该手机号已注册%s，无需再次注册，请直接登录（忘记密码可使用短信验证码登录）。"
		               "如非本人操作，请忽略本短信。", cfg.site_name);
	if (db_begin() != 0)
		return -1;
	if (db_exec(SQL_CODE_RETIRE, "ss", phone, purposes[p].name) != 0 ||
	    (d == DELIVER_CODE &&
	     db_exec(SQL_CODE_INSERT, "ssb", phone, purposes[p].name, h, sizeof h) != 0) ||
	    sms_queue(phone, text) != 0 ||
	    db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return 0;
}

int sms_code_match(const char *phone, enum code_purpose p, const char *code, long long *id)
{
	long long tries;
	unsigned char *stored;
	size_t len;
	int rc = db_one(SQL_CODE_CURRENT, "ss", "ibi", phone, purposes[p].name, id, &stored, &len, &tries);
	if (rc <= 0)
		return rc;
	if (tries >= 5 || len != HASH_BYTES)
		return 0;
	unsigned char h[HASH_BYTES];
	code_hash(h, phone, p, code);
	if (bytes_equal(h, stored, HASH_BYTES))
		return 1;
	return sms_code_fail(*id) != 0 ? -1 : 0;
}

int sms_code_use(long long id)
{
	return db_exec(SQL_CODE_USE, "i", id);
}

int sms_code_fail(long long id)
{
	return db_exec(SQL_CODE_FAIL, "i", id);
}

int sms_code_check(const char *phone, enum code_purpose p, const char *code)
{
	long long id;
	if (db_begin() != 0)
		return -1;
	int right = sms_code_match(phone, p, code, &id);
	if (right < 0 || (right == 1 && sms_code_use(id) != 0) || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return right;
}
