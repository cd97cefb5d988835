/* The append-only audit log: who did what to which object, from where. */
#ifndef EP_AUDIT_H
#define EP_AUDIT_H
#include <cjson/cJSON.h>
#include "http/request.h"

/* Records an action by the request's user (or anonymous). `summary` (may be NULL) holds the
 * before/after details. Call inside the transaction of the change. 0 or -1. */
int audit(const struct request *r, const char *action, const char *object_type,
          long long object_id, const cJSON *summary);
/* For command-line tools: the actor is the operator at the console. */
int audit_console(const char *action, const char *object_type, long long object_id,
                  const cJSON *summary);

/* The Chinese words for an action (the audit log's dotted ones and an expert's history's short
 * ones), an actor's role and an object's type — as the pages word them (web/src/admin/meta.js);
 * a code without a word is returned as it is. */
const char *audit_action_word(const char *action);
const char *audit_role_word(const char *role);
const char *audit_object_word(const char *type);

#endif
