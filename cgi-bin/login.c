/* login: password login and SMS-code login, for the expert and the admin portals.
 * A failure never says whether the account exists. */
#include <ctype.h>
#include <limits.h>
#include <string.h>
#include "ep.h"
#include "replies.h"

static const char *portal_of(const struct request *r)
{
	const char *p = req_field(r, "portal");
	return p != NULL ? p : "expert";
}

/* The failure counters of one account, or of an identifier typed that matches none: its failures
 * from every address together, and those from the client's address (ratelimit.h says how they
 * limit). `who` is "acct:<identifier>" or "user:<id>". */
struct fail_keys {
	const char *any, *here;
};

static struct fail_keys fail_keys(const struct request *r, const char *who)
{
	struct fail_keys k;
	char *any = arena_printf(r->arena, "login-%s", who);
	for (char *p = any; *p; p++)
		*p = (char)tolower((unsigned char)*p);      /* usernames are case-insensitive */
	k.any = any;
	k.here = arena_printf(r->arena, "%s@ip:%s", any, r->remote_addr);
	return k;
}

static const char *ip_key(const struct request *r)
{
	return arena_printf(r->arena, "login-ip:%s", r->remote_addr);
}

/* Counts a failed attempt against the IP and the account (from every address, and from this
 * one: fewer tries per address once the account is under attack), and replies 401. */
static void login_failed(struct request *r, const struct fail_keys *k)
{
	long all = 0;
	if (lockout_fail(ip_key(r), LIMIT_LOGIN_FAILS_IP) != 0 ||
	    (k != NULL && (lockout_fail(k->any, LONG_MAX) != 0 ||      /* counted, never locked */
	                   (all = lockout_failures(k->any)) < 0 ||
	                   lockout_fail(k->here, all >= LIMIT_LOGIN_ATTACK
	                                ? LIMIT_LOGIN_FAILS_ACCOUNT_IP_ATTACKED
	                                : LIMIT_LOGIN_FAILS_ACCOUNT_IP) != 0))) {
		reply_db_error(r);
		return;
	}
	reply_error(r, E_LOGIN_FAILED, NULL);
}

/* Starts the session after a successful check and replies with the user. The session the
 * browser held (the same user or another, either portal) ends in the same transaction. */
static void logged_in(struct request *r, long long user_id, const struct fail_keys *k)
{
	const char *portal = portal_of(r);
	if (db_begin() != 0 ||
	    (k != NULL && lockout_clear(k->here) != 0) ||
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

/* Replies 429 when the IP (if with_ip) or the account from this IP is locked; returns 1 when not
 * locked. */
static int check_locks(struct request *r, int with_ip, const struct fail_keys *k)
{
	long ip_left = with_ip ? lockout_left(ip_key(r)) : 0;
	long acct_left = ip_left == 0 && k != NULL ? lockout_left(k->here) : 0;
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
	struct fail_keys typed = fail_keys(r, arena_printf(r->arena, "acct:%s", account));
	if (!check_locks(r, 1, &typed) || !captcha_require(r))
		return;
	struct user_row u;
	int found = user_find(account, &u);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (found == 0) {
		password_verify_dummy(password);    /* the same time as a real check */
		login_failed(r, &typed);
		return;
	}
	struct fail_keys user = fail_keys(r, arena_printf(r->arena, "user:%lld", u.id));
	if (!check_locks(r, 0, &user))
		return;
	if (!password_verify(u.password_hash, password) || !may_enter(r, &u)) {
		login_failed(r, &user);
		return;
	}
	logged_in(r, u.id, &user);
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
