/* account: the logged-in user: who am I, change password, log out. */
#include <string.h>
#include "ep.h"
#include "apply/application.h"
#include "replies.h"

#define PASSWORD_TRIES 5        /* wrong old passwords before a lockout */

/* GET /site: the deployment's names, for page titles and headers (public). */
static void account_site(struct request *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", cfg.site_name);
	cJSON_AddStringToObject(o, "authority", cfg.authority);
	reply_json(r, 200, o);
}

/* GET /me */
static void account_me(struct request *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "user", user_json(r));
	reply_json(r, 200, o);
}

/* POST /password {old_password, new_password}: ends every session, starts a new one here. */
static void account_password(struct request *r)
{
	const struct session *s = r->session;
	const char *old = req_field(r, "old_password"), *new_pw = req_field(r, "new_password");
	const char *key = arena_printf(r->arena, "pw-change:%lld", s->user_id);
	long left = lockout_left(key);
	if (left < 0) {
		reply_db_error(r);
		return;
	}
	if (left > 0) {
		reply_retry(r, E_RATE_LIMITED, left, NULL);
		return;
	}
	char *id_number;
	if (application_id_number(s->user_id, &id_number) < 0) {
		reply_db_error(r);
		return;
	}
	struct password_owner owner = { s->phone, s->username, id_number };
	if (!password_require(r, "new_password", new_pw, &owner))
		return;
	if (strcmp(old, new_pw) == 0) {
		reply_invalid(r, "new_password", "新密码不能与原密码相同");
		return;
	}
	long long id, roles, must;
	char *phone, *username, *name, *hash, *status;
	if (db_one(SQL_USER_BY_ID, "i", "isssiiss", s->user_id, &id, &phone, &username, &name,
	           &roles, &must, &hash, &status) != 1) {
		reply_db_error(r);
		return;
	}
	if (!password_verify(hash, old)) {
		if (lockout_fail(key, PASSWORD_TRIES) != 0)
			reply_db_error(r);
		else
			reply_invalid(r, "old_password", "原密码不正确");
		return;
	}
	char *new_hash = password_hash(r->arena, new_pw);
	if (new_hash == NULL) {
		reply_error(r, E_INTERNAL, NULL);
		return;
	}
	const char *portal = s->portal;
	int admin = (s->roles & ROLES_ADMIN) != 0;
	if (db_begin() != 0 ||
	    db_exec(SQL_USER_SET_PASSWORD, "sii", new_hash, 0LL, s->user_id) != 0 ||
	    session_end_all(s->user_id) != 0 ||
	    lockout_clear(key) != 0 ||
	    (admin && audit(r, "account.password", "user", s->user_id, NULL) != 0) ||
	    session_start(r, s->user_id, portal) != 0 ||
	    db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, user_reply(r));
}

/* POST /logout */
static void account_logout(struct request *r)
{
	if (session_end(r) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "ok", 1);
	reply_json(r, 200, o);
}

static const struct field password_fields[] = {
	{ "old_password", "原密码", REQUIRED, 64, NULL },
	{ "new_password", "新密码", REQUIRED, 64, check_password },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/site", account_site, PUBLIC, 0, NULL, 0 },
	{ M_GET, "/me", account_me, ANY_USER, 0, NULL, ALLOW_PENDING_PASSWORD },
	{ M_POST, "/password", account_password, ANY_USER, KB(4), password_fields, ALLOW_PENDING_PASSWORD },
	{ M_POST, "/logout", account_logout, ANY_USER, KB(1), NULL, ALLOW_PENDING_PASSWORD },
};

int main(void)
{
	return RUN(routes);
}
