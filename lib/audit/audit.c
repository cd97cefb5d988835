/* Audit rows are only ever inserted (the database account cannot change them). */
#include <stdio.h>
#include "db/db.h"
#include "http/run.h"
#include "http/session.h"
#include "audit/audit.h"

static const char *role_label(unsigned roles)
{
	if (roles & ROLE_SUPER) return "super";
	if (roles & ROLE_MANAGER) return "manager";
	if (roles & ROLE_REVIEWER) return "reviewer";
	if (roles & ROLE_EXPERT) return "expert";
	return "anonymous";
}

static int insert(const char *actor_role, const char *ip, long long actor_id, const char *action,
                  const char *object_type, long long object_id, const cJSON *summary)
{
	char *text = summary ? cJSON_PrintUnformatted(summary) : NULL;
	return db_exec(SQL_AUDIT_INSERT, "issssis", actor_id, actor_role, ip, action, object_type,
	               object_id, text ? text : "{}");
}

int audit(const struct request *r, const char *action, const char *object_type,
          long long object_id, const cJSON *summary)
{
	const struct session *s = r->session;
	/* the role the route was called in, when the user holds several */
	unsigned roles = s ? s->roles : 0;
	if (r->route != NULL && r->route->roles != PUBLIC && r->route->roles != ANY_USER &&
	    (roles & r->route->roles) != 0)
		roles &= r->route->roles;
	return insert(role_label(roles), r->remote_addr, s ? s->user_id : 0, action,
	              object_type, object_id, summary);
}

int audit_console(const char *action, const char *object_type, long long object_id,
                  const cJSON *summary)
{
	return insert("console", "", 0, action, object_type, object_id, summary);
}
