/* Replies that several programs share (cgi-bin/replies.c). */
#ifndef EP_REPLIES_H
#define EP_REPLIES_H
#include "ep.h"
#include "account/password.h"
#include "pool/expert.h"

/* Checks the request's captcha_id/captcha fields. Returns 1 when right; otherwise it has
 * replied (422 on the captcha field, or the database error) and returns 0. */
int captcha_require(struct request *r);

/* The rules of a chosen password (validate.c's check_password, then password.h's policy for
 * `o`): 1 acceptable; 0 refused, the message added to the field errors of `field` (the caller
 * replies them, with any others); -1 when it has replied 500 (the policy cannot be checked). */
int password_check(struct request *r, const char *field, const char *password,
                   const struct password_owner *o);
/* password_check replying at once: 1 acceptable; otherwise it has replied (422 or 500), 0. */
int password_require(struct request *r, const char *field, const char *password,
                     const struct password_owner *o);

/* The end of a change a domain made in the request's transaction (core/result.h): on RES_OK it
 * is audited as `action` on (`object_type`, res->id) with res->summary, committed, and replied
 * `status` with {key: res->data}; otherwise rolled back and refused (422 with res->field's
 * message, 404, 409, 403), or the database's error. */
void reply_outcome(struct request *r, struct outcome *res, const char *action, const char *object_type,
                   int status, const char *key);

/* sms_code_send, then the reply: {"sent":true,"resend_after":60}, 429 or the database error. */
void sms_code_reply(struct request *r, const char *phone, enum code_purpose p, enum code_delivery d);

/* An object of the texts of a {key, value} table ended by { NULL }, a NULL value left out (an
 * audit summary, say). */
struct text_pair { const char *key, *value; };
cJSON *json_texts(const struct text_pair *pairs);
/* The reply of a step that moved a record: 200 {"status", "status_label", "version"}, the
 * status and its label left out when NULL. */
void reply_moved(struct request *r, const char *status, const char *label, long long version);

/* The reply of a step (in a transaction) that did not end 1: 0 is a stale record, rolled back
 * and 409 with `stale`; else the database error. */
void reply_step_failed(struct request *r, int rc, const char *stale);
/* A route's fields when it takes only the record's version (the optimistic lock). */
extern const struct field version_only_fields[];

/* Replies with the expert's current certificate as a PDF or PNG download (404 证书待生成
 * while there is none). */
void cert_reply(struct request *r, const struct expert *e, int png);

/* Route guards (struct route's guard): whether the caller's standing in the pool allows the
 * action (expert_may); otherwise 403 expert_suspended / expert_removed with the reason. */
int may_edit_pool(struct request *r);           /* EXPERT_EDIT */
int may_get_certificate(struct request *r);     /* EXPERT_CERTIFICATE */
int may_change_application(struct request *r);  /* EXPERT_APPLY */
/* The guard's rule again inside the step's transaction, with the expert's row locked: a
 * suspension or removal committed after the guard read (and before the step's writes) wins.
 * 1: go on; 0: refused — rolled back and replied. */
int expert_still_may(struct request *r, long long expert_id, enum expert_action action);
 
/* The expert of the path's first id (a manager's routes) / of the session (an expert's own):
 * 1, or 0 after replying 404 (没有这位专家 / 尚未入库) or the database error. */
int expert_named(struct request *r, struct expert *e);
int expert_mine(struct request *r, struct expert *e);

#endif
