/* Applications (入库申请): loading, saving drafts, and the state machine every workflow —
 * the expert's submit/withdraw/reopen, the reviewer's open/approve/reject — goes through. */
#ifndef EP_APPLICATION_H
#define EP_APPLICATION_H
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/result.h"

struct application {
	long long id, user_id, version, submitted_no;
	const char *status, *step, *submitted_at;
	cJSON *data;                    /* the form, with id_number decrypted into it */
	const char *id_type;            /* NULL when not given */
};

/* The user's application: 1 found, 0 none, -1 failure. */
int application_load(long long user_id, struct application *a);

/* The ID number of the user's application, decrypted: 1 (*number set), 0 none, -1 failure. */
int application_id_number(long long user_id, char **number);

/* Who moves an application. */
enum actor { ACTOR_EXPERT, ACTOR_STAFF };

/* Moves an application from one status to another if the table allows it for the actor and
 * `version` is current; records the event about submission `version_no` (department and
 * reason may be NULL).
 * Returns 1 moved, 0 refused (stale version, wrong status or not allowed), -1 failure.
 * Call inside a transaction. */
int application_move(long long app_id, long long version, long long version_no, const char *from,
                     const char *to, enum actor who, long long actor_id, const char *actor_role,
                     const char *department, const char *reason);

/* Saves a draft's form (the ID number goes to its encrypted column): one UPDATE when the name
 * and the employer are the stored ones, else their search texts and the UPDATE; version 0
 * creates the application. Returns the new version, 0 when stale or not a draft, -1 failure. */
long long application_save(long long user_id, long long version, const char *step, cJSON *data);

/* Makes the next immutable version of a draft and submits it, in one transaction with the
 * caller's checks done. Returns 1, 0 stale, -2 the ID number is in another active application,
 * -1 failure. */
int application_submit(const struct application *a, long long version, long long actor_id,
                       const cJSON *snapshot);

/* Submitted version `no` of an application, with its ID number unsealed:
 * {"no","submitted_at","data"}. 1 found, 0 none, -1 failure. */
int application_version(struct arena *a, long long app_id, long long no, cJSON **out);

/* Why a submission cannot be withdrawn now (in words for the expert), or NULL when it can:
 * only a submission nobody has started reviewing (待审核) goes back to a draft. */
const char *application_withdraw_refusal(const struct application *a);
/* Withdraws a submission (待审核 → 草稿) at `version`, in the caller's transaction, and tells the
 * phone by SMS. RES_CONFLICT when it is no longer possible or the version is stale. */
enum result application_withdraw(const struct application *a, long long version, long long user_id,
                                 const char *phone);

/* The Chinese name of a status (草稿, 待审核, 审核中, 未通过, 已通过). */
const char *application_status_label(const char *status);
/* The same as a column's format (db/rows.h). */
const char *application_label(struct arena *a, const char *status);

/* The keyed hash that finds an ID number without decrypting it: of the normalized number
 * alone (normalize_id_number), whatever the type, so that one number is one person. */
void id_number_hash(unsigned char out[32], const char *number);

#endif
