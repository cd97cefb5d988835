/* The user object of the API (the role names: db/rows.h, roles_to_json). */
#ifndef EP_USER_H
#define EP_USER_H
#include <cjson/cJSON.h>
#include "http/request.h"

/* {"id","phone","username","name","roles":[…],"portal","must_change_password"} for the
 * session of the request. */
cJSON *user_json(const struct request *r);
/* {"user": …, "csrf": …}: the reply to a login or a password change. */
cJSON *user_reply(const struct request *r);
/* A login lookup by phone (E.164, starting with '+') or username. */
struct user_row {
	long long id;
	char *password_hash;
	unsigned roles;
	int active;
};
int user_find(const char *account, struct user_row *u);     /* 1 found, 0 none, -1 failure */

#endif
