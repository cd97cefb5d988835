/* An expert's personal data (个人信息保护法): the copy of everything held about them (§45),
 * and the closing of their account (§47), which erases what no law or record needs. */
#ifndef EP_PERSONAL_H
#define EP_PERSONAL_H
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/result.h"

/* Everything held about the account, one object: account, sessions, application (the form,
 * every submitted version, its history), expert (record, history, certificates, change
 * requests), files (their descriptions), SMS sent to the phone (codes masked), audit entries
 * about the person. NULL on a database failure. */
cJSON *personal_export(struct arena *a, long long user_id);

/* What closing keeps and what it erases, in words (the page and the PDF show the same). */
extern const char *const personal_close_kept[], *const personal_close_erased[];

/* Closes an expert's account in the caller's transaction: a pool member leaves the pool
 * (出库, certificate revoked, reason 本人申请注销账号); a draft never submitted and the uploads of
 * an account that never submitted are erased; contact data (phone, username, email, address)
 * erased; the password made unusable; every session and code ended. Submitted versions, review
 * history, the expert record's identity and the audit log stay (archives and records).
 * `summary` gets what was done. RES_CONFLICT while an application is under review, RES_FORBIDDEN
 * for a staff account or one closed already, RES_FAILED. */
enum result personal_close(long long user_id, cJSON *summary);

#endif
