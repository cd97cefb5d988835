/* Users as the API shows them. */
#include <string.h>
#include "db/db.h"
#include "db/rows.h"
#include "http/run.h"
#include "http/session.h"
#include "account/user.h"

static void add_nullable(cJSON *o, const char *key, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *user_json(const struct request *r)
{
	const struct session *s = r->session;
	cJSON *u = cJSON_CreateObject();
	cJSON_AddNumberToObject(u, "id", (double)s->user_id);
	add_nullable(u, "phone", s->phone);
	add_nullable(u, "username", s->username);
	add_nullable(u, "name", s->name);
	roles_to_json(cJSON_AddArrayToObject(u, "roles"), s->roles);
	cJSON_AddStringToObject(u, "portal", s->portal);
	cJSON_AddBoolToObject(u, "must_change_password", s->must_change_password);
	return u;
}

cJSON *user_reply(const struct request *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "user", user_json(r));
	cJSON_AddStringToObject(o, "csrf", r->csrf_cookie);
	return o;
}

int user_find(const char *account, struct user_row *u)
{
	long long roles;
	char *status;
	int rc = db_one(account[0] == '+' ? SQL_USER_BY_PHONE : SQL_USER_BY_USERNAME, "s", "isis",
	                account, &u->id, &u->password_hash, &roles, &status);
	if (rc == 1) {
		u->roles = (unsigned)roles;
		u->active = strcmp(status, "active") == 0;
	}
	return rc;
}
