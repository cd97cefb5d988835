/* login: password login and SMS-code login, for the expert and the admin portals.
 * A failure never says whether the account exists. */
#include <ctype.h>
#include <string.h>
#include "ep.h"
#include "replies.h"

static const char *portal_of(const struct request *r)
{
	const char *p = req_field(r, "portal");
	return p != NULL ? p : "expert";
}

static const char *account_key(const struct request *r, const char *account)
{
	char *k = arena_printf(r->arena, "login-acct:%s", account);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);      /* usernames are case-insensitive */
	return k;
}

static const char *ip_key(const struct request *r)
{
	return arena_printf(r->arena, "login-ip:%s", r->remote_addr);
}

/* Counts a failed attempt against the IP and the account, and replies 401. */
static void login_failed(struct request *r, const char *acct_key)
{
	if (lockout_fail(ip_key(r), LIMIT_LOGIN_FAILS_IP) != 0 ||
	    (acct_key != NULL && lockout_fail(acct_key, LIMIT_LOGIN_FAILS_ACCOUNT) != 0)) {
		reply_db_error(r);
		return;
	}
	reply_error(r, E_LOGIN_FAILED, NULL);
}

/* Starts the session after a successful check and replies with the user. The session the
 * browser held (the same user or another, either portal) ends in the same transaction. */
static void logged_in(struct request *r, long long user_id, const char *acct_key)
{
	const char *portal = portal_of(r);
	if (db_begin() != 0 ||
	    (acct_key != NULL && lockout_clear(acct_key) != 0) ||
	    session_replace(r, user_id, portal) != 0 ||
	    db_exec(SQL_USER_LOGGED_IN, "i", user_id) != 0 ||
	    (strcmp(portal, "admin") == 0 && audit(r, "admin.login", "user", user_id, NULL) != 0) ||
	    db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, user_reply(r));
}

/* A user who may log in to the requested portal. */
static int may_enter(const struct request *r, const struct user_row *u)
{
	return u->active && portal_roles(portal_of(r), u->roles) != 0;
}

/* Replies 429 when the IP (if with_ip) or the account is locked; returns 1 when not locked. */
static int check_locks(struct request *r, int with_ip, const char *acct_key)
{
	long ip_left = with_ip ? lockout_left(ip_key(r)) : 0;
	long acct_left = ip_left == 0 && acct_key != NULL ? lockout_left(acct_key) : 0;
	if (ip_left < 0 || acct_left < 0) {
		reply_db_error(r);
		return 0;
	}
	if (ip_left > 0) {
		reply_retry(r, E_RATE_LIMITED, ip_left, NULL);
		return 0;
	}
	if (acct_left > 0) {
		reply_retry(r, E_LOCKED, acct_left, NULL);
		return 0;
	}
	return 1;
}

/* POST /password {account, password, captcha_id, captcha, portal}
 * Failures count against the account when it exists (reached by phone or by username alike),
 * else against the identifier typed, so that an unknown account "locks" the same way. */
static void login_password(struct request *r)
{
	const char *account = req_field(r, "account"), *password = req_field(r, "password");
	const char *key = account_key(r, account);
	if (!check_locks(r, 1, key) || !captcha_require(r))
		return;
	struct user_row u;
	int found = user_find(account, &u);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (found == 0) {
		password_verify_dummy(password);    /* the same time as a real check */
		login_failed(r, key);
		return;
	}
	const char *user_key = arena_printf(r->arena, "login-user:%lld", u.id);
	if (!check_locks(r, 0, user_key))
		return;
	if (!password_verify(u.password_hash, password) || !may_enter(r, &u)) {
		login_failed(r, user_key);
		return;
	}
	logged_in(r, u.id, user_key);
}

/* POST /code {phone, captcha_id, captcha}: the same reply whether or not the phone is known. */
static void login_code(struct request *r)
{
	const char *phone = req_field(r, "phone");
	if (!captcha_require(r))
		return;
	struct user_row u;
	int found = user_find(phone, &u);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	sms_code_reply(r, phone, CODE_LOGIN, found == 1 && u.active ? DELIVER_CODE : DELIVER_NOTHING);
}

/* POST /sms {phone, code, portal} */
static void login_sms(struct request *r)
{
	const char *phone = req_field(r, "phone");
	if (!check_locks(r, 1, NULL))
		return;
	int ok = sms_code_check(phone, CODE_LOGIN, req_field(r, "code"));
	if (ok < 0) {
		reply_db_error(r);
		return;
	}
	struct user_row u;
	int found = ok ? user_find(phone, &u) : 0;
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (!ok || !found || !may_enter(r, &u)) {
		login_failed(r, NULL);
		return;
	}
	logged_in(r, u.id, NULL);
}

static const struct field password_fields[] = {
	{ "account", "手机号或用户名", REQUIRED, 32, check_account, normalize_account },
	{ "password", "密码", REQUIRED, 64, NULL },
	FIELD_CAPTCHA_ID, FIELD_CAPTCHA, FIELD_PORTAL, FIELD_END
};
static const struct field code_fields[] = {
	FIELD_PHONE, FIELD_CAPTCHA_ID, FIELD_CAPTCHA, FIELD_END
};
static const struct field sms_fields[] = {
	FIELD_PHONE, FIELD_SMS_CODE, FIELD_PORTAL, FIELD_END
};

static const struct route routes[] = {
	{ M_POST, "/password", login_password, PUBLIC, KB(4), password_fields, 0 },
	{ M_POST, "/code", login_code, PUBLIC, KB(4), code_fields, 0 },
	{ M_POST, "/sms", login_sms, PUBLIC, KB(4), sms_fields, 0 },
};

int main(void)
{
	return RUN(routes);
}
