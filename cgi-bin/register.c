/* register: an expert creates an account with a phone number verified by SMS. */
#include <string.h>
#include "ep.h"
#include "replies.h"

/* 1 when the phone (or username) already has an account, 0 when not, -1 on failure. */
static int taken(const char *account)
{
	struct user_row u;
	return user_find(account, &u);
}

/* POST /code {phone, captcha_id, captcha}: sends a registration code. A phone that has an account
 * gets the same reply and limits; its SMS says it is registered instead of carrying a code. */
static void register_code(struct request *r)
{
	const char *phone = req_field(r, "phone");
	if (!captcha_require(r))
		return;
	int is_taken = taken(phone);
	if (is_taken < 0) {
		reply_db_error(r);
		return;
	}
	sms_code_reply(r, phone, CODE_REGISTER, is_taken ? DELIVER_REGISTERED : DELIVER_CODE);
}

/* Replies 429 when wrong codes have locked registration for the phone or from the IP; returns 1
 * when neither is locked. */
static int register_unlocked(struct request *r, const char *phone_key, const char *ip_key)
{
	long phone_left = lockout_left(phone_key), ip_left = lockout_left(ip_key);
	if (phone_left < 0 || ip_left < 0) {
		reply_db_error(r);
		return 0;
	}
	if (phone_left > 0 || ip_left > 0) {
		reply_retry(r, E_RATE_LIMITED, phone_left > ip_left ? phone_left : ip_left,
		            "验证码错误次数过多，请稍后再试");
		return 0;
	}
	return 1;
}

/* POST / {phone, code, username?, password?, name?}: creates the account. The code is checked
 * before anything about existing accounts, so that without the phone's code nothing is said
 * about them; wrong codes count against the phone and the IP. */
static void register_account(struct request *r)
{
	const char *phone = req_field(r, "phone"), *code = req_field(r, "code");
	const char *username = req_field(r, "username"), *password = req_field(r, "password");
	const char *name = req_field(r, "name");
	const char *phone_key = arena_printf(r->arena, "register-phone:%s", phone);
	const char *ip_key = arena_printf(r->arena, "register-ip:%s", r->remote_addr);
	if (!register_unlocked(r, phone_key, ip_key))
		return;
	struct password_owner owner = { phone, username, NULL };
	if (password != NULL && !password_require(r, "password", password, &owner))
		return;
	long long code_id;
	int ok = db_begin() != 0 ? -1 : sms_code_match(phone, CODE_REGISTER, code, &code_id);
	if (ok < 0) {
		reply_db_error(r);
		return;
	}
	if (ok == 0) {
		if (db_commit() != 0 || lockout_fail(phone_key, LIMIT_REGISTER_FAILS_PHONE) != 0 ||
		    lockout_fail(ip_key, LIMIT_REGISTER_FAILS_IP) != 0) {
			reply_db_error(r);
			return;
		}
		reply_invalid(r, "code", "短信验证码错误或已过期");
		return;
	}
	int ptaken = taken(phone);
	int utaken = ptaken == 0 && username != NULL ? taken(username) : 0;
	if (ptaken < 0 || utaken < 0) {
		reply_db_error(r);
		return;
	}
	if (ptaken || utaken) {
		/* a taken username counts as a try of the code and of the IP: one code cannot probe
		 * many names */
		if ((utaken && (sms_code_fail(code_id) != 0 || lockout_fail(ip_key, LIMIT_REGISTER_FAILS_IP) != 0)) ||
		    db_commit() != 0) {
			reply_db_error(r);
			return;
		}
		field_error(r, ptaken ? "phone" : "username", ptaken ? "该手机号已注册" : "该用户名已被使用");
		reply_error(r, ptaken ? E_PHONE_TAKEN : E_USERNAME_TAKEN, NULL);
		return;
	}
	int generated = password == NULL;
	if (generated)
		password = password_generate(r->arena);
	char *hash = password_hash(r->arena, password);
	if (hash == NULL) {
		db_rollback();
		reply_error(r, E_INTERNAL, NULL);
		return;
	}
	if (db_exec(SQL_USER_INSERT, "ssssii", phone, username, name, hash, (long long)ROLE_EXPERT,
	            (long long)generated) != 0) {
		if (db_failure() == DB_DUPLICATE) {    /* lost a race for the phone or username */
			db_rollback();
			reply_error(r, taken(phone) == 1 ? E_PHONE_TAKEN : E_USERNAME_TAKEN, NULL);
		} else {
			reply_db_error(r);
		}
		return;
	}
	long long id = (long long)db_insert_id(SQL_USER_INSERT);
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "phone", phone);
	if (sms_code_use(code_id) != 0 ||
	    audit(r, "user.register", "user", id, summary) != 0 ||
	    (generated && sms_queue(phone, arena_printf(r->arena,
	        "您已成功注册%s，初始密码为 %s ，请登录后立即修改。", cfg.site_name, password)) != 0) ||
	    db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "registered", 1);
	cJSON_AddBoolToObject(o, "password_sent", generated);
	reply_json(r, 201, o);
}

static const struct field code_fields[] = {
	FIELD_PHONE, FIELD_CAPTCHA_ID, FIELD_CAPTCHA, FIELD_END
};
static const struct field account_fields[] = {
	FIELD_PHONE, FIELD_SMS_CODE,
	{ "username", "用户名", 0, 32, check_username },
	{ "password", "密码", 0, 64, check_password },
	{ "name", "姓名", 0, 30, check_person_name },
	FIELD_END
};

static const struct route routes[] = {
	{ M_POST, "/code", register_code, PUBLIC, KB(4), code_fields, 0 },
	{ M_POST, "/", register_account, PUBLIC, KB(4), account_fields, 0 },
};

int main(void)
{
	return RUN(routes);
}
