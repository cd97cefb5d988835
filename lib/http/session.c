/* Session storage and the CSRF tokens that go with it. */
#include <string.h>
#include <sodium.h>
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "http/reply.h"
#include "http/run.h"
#include "http/session.h"

#define TOKEN_CHARS 43          /* base64url of 32 bytes */

static int is_admin(const char *portal)
{
	return strcmp(portal, "admin") == 0;
}

unsigned portal_roles(const char *portal, unsigned user_roles)
{
	return user_roles & (is_admin(portal) ? ROLES_ADMIN : ROLE_EXPERT);
}

static const char *csrf_for(struct arena *a, const char *token)
{
	unsigned char mac[HASH_BYTES];
	const char *parts[] = { "csrf", token };
	hmac_parts(mac, parts, 2);
	size_t len = sodium_base64_ENCODED_LEN(sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, len);
	sodium_bin2base64(out, len, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static int token_shaped(const char *t)
{
	if (t == NULL || strlen(t) != TOKEN_CHARS)
		return 0;
	for (; *t; t++)
		if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') ||
		      *t == '-' || *t == '_'))
			return 0;
	return 1;
}

int session_load(struct request *r)
{
	const char *token = req_cookie(r, SESSION_COOKIE);
	r->session = NULL;
	if (!token_shaped(token))
		return 0;
	unsigned char h[HASH_BYTES];
	hash_sha256(h, token, strlen(token));
	struct session *s = arena_alloc(r->arena, sizeof *s);
	long long idle_left, roles, must;
	char *portal;
	int rc = db_one(SQL_SESSION_LOAD, "b", "iisisssii", h, sizeof h,
	                &s->id, &s->user_id, &portal, &idle_left, (char **)&s->phone,
	                (char **)&s->username, (char **)&s->name, &roles, &must);
	if (rc <= 0)
		return rc;
	s->portal = portal;
	s->roles = portal_roles(portal, (unsigned)roles);
	s->must_change_password = must != 0;
	s->csrf = csrf_for(r->arena, token);
	int idle = is_admin(portal) ? cfg.admin_idle_minutes : cfg.expert_idle_minutes;
	/* extend the idle deadline at most once a minute */
	if (idle_left < (long long)idle * 60 - 60 &&
	    db_exec(SQL_SESSION_TOUCH, "ii", (long long)idle, s->id) != 0)
		return -1;
	r->session = s;
	return 0;
}

int session_start(struct request *r, long long user_id, const char *portal)
{
	char *token = token_new(r->arena, TOKEN_BYTES);
	unsigned char h[HASH_BYTES];
	hash_sha256(h, token, strlen(token));
	int admin = is_admin(portal);
	long long idle = admin ? cfg.admin_idle_minutes : cfg.expert_idle_minutes;
	long long hours = admin ? cfg.admin_absolute_hours : cfg.expert_absolute_hours;
	char ua[256];
	snprintf(ua, sizeof ua, "%s", r->user_agent);
	if (!utf8_valid(ua, strlen(ua)))
		ua[0] = '\0';
	if (db_exec(SQL_SESSION_INSERT, "bisiiss", h, sizeof h, user_id, portal, idle, hours,
	            r->remote_addr, ua) != 0)
		return -1;
	struct session *s = arena_alloc(r->arena, sizeof *s);
	long long roles, must;
	char *hash, *status;
	if (db_one(SQL_USER_BY_ID, "i", "isssiiss", user_id, &s->user_id, (char **)&s->phone,
	           (char **)&s->username, (char **)&s->name, &roles, &must, &hash, &status) != 1)
		return -1;
	s->id = (long long)db_insert_id(SQL_SESSION_INSERT);
	s->portal = admin ? "admin" : "expert";
	s->roles = portal_roles(s->portal, (unsigned)roles);
	s->must_change_password = must != 0;
	s->csrf = csrf_for(r->arena, token);
	r->session = s;
	reply_cookie(r, SESSION_COOKIE, token, -1, 1, "Lax");
	r->csrf_cookie = s->csrf;
	reply_cookie(r, CSRF_COOKIE, r->csrf_cookie, -1, 0, "Strict");
	return 0;
}

int session_replace(struct request *r, long long user_id, const char *portal)
{
	if (r->session != NULL && db_exec(SQL_SESSION_DELETE, "i", r->session->id) != 0)
		return -1;
	r->session = NULL;
	return session_start(r, user_id, portal);
}

int session_end(struct request *r)
{
	if (r->session != NULL && db_exec(SQL_SESSION_DELETE, "i", r->session->id) != 0)
		return -1;
	r->session = NULL;
	reply_cookie(r, SESSION_COOKIE, "", 0, 1, "Lax");
	return 0;
}

int session_end_all(long long user_id)
{
	return db_exec(SQL_SESSION_DELETE_USER, "i", user_id);
}

void csrf_ensure(struct request *r)
{
	const char *have = req_cookie(r, CSRF_COOKIE);
	if (r->session != NULL) {
		if (have == NULL || strcmp(have, r->session->csrf) != 0)
			reply_cookie(r, CSRF_COOKIE, r->session->csrf, -1, 0, "Strict");
		r->csrf_cookie = r->session->csrf;
	} else if (token_shaped(have)) {
		r->csrf_cookie = have;
	} else {
		r->csrf_cookie = token_new(r->arena, TOKEN_BYTES);
		reply_cookie(r, CSRF_COOKIE, r->csrf_cookie, -1, 0, "Strict");
	}
}

int csrf_ok(const struct request *r)
{
	const char *sent = r->csrf_header;
	const char *want = r->session != NULL ? r->session->csrf : req_cookie(r, CSRF_COOKIE);
	if (!token_shaped(sent) || !token_shaped(want))
		return 0;
	return bytes_equal((const unsigned char *)sent, (const unsigned char *)want, TOKEN_CHARS);
}
