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

/* POST /code {phone, captcha_id, captcha}: sends a registration code. */
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
	if (is_taken) {
		field_error(r, "phone", "该手机号已注册，请直接登录");
		reply_error(r, E_PHONE_TAKEN, NULL);
		return;
	}
	sms_code_reply(r, phone, CODE_REGISTER, 1);
}

/* POST / {phone, code, username?, password?, name?}: creates the account. */
static void register_account(struct request *r)
{
	const char *phone = req_field(r, "phone"), *code = req_field(r, "code");
	const char *username = req_field(r, "username"), *password = req_field(r, "password");
	const char *name = req_field(r, "name");
	struct password_owner owner = { phone, username, NULL };
	if (password != NULL && !password_require(r, "password", password, &owner))
		return;
	int ptaken = taken(phone);
	int utaken = ptaken >= 0 && username != NULL ? taken(username) : 0;
	if (ptaken < 0 || utaken < 0) {
		reply_db_error(r);
		return;
	}
	if (ptaken || utaken) {
		field_error(r, ptaken ? "phone" : "username", ptaken ? "该手机号已注册" : "该用户名已被使用");
		reply_error(r, ptaken ? E_PHONE_TAKEN : E_USERNAME_TAKEN, NULL);
		return;
	}
	int ok = sms_code_check(phone, CODE_REGISTER, code);
	if (ok < 0) {
		reply_db_error(r);
		return;
	}
	if (ok == 0) {
		reply_invalid(r, "code", "短信验证码错误或已过期");
		return;
	}
	int generated = password == NULL;
	if (generated)
		password = password_generate(r->arena);
	char *hash = password_hash(r->arena, password);
	if (hash == NULL) {
		reply_error(r, E_INTERNAL, NULL);
		return;
	}
	if (db_begin() != 0 ||
	    db_exec(SQL_USER_INSERT, "ssssii", phone, username, name, hash, (long long)ROLE_EXPERT,
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
	if (audit(r, "user.register", "user", id, summary) != 0 ||
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
