/* The pool (专家库): an approved application becomes an expert with a number, a current profile
 * and an index of specialties; status changes and every change of the profile are kept as
 * events. Also the numbering every issued number goes through. */
#ifndef EP_EXPERT_H
#define EP_EXPERT_H
#include <cjson/cJSON.h>
#include "core/arena.h"

struct expert {
	long long id, user_id, version;
	const char *expert_no, *status, *status_reason;
	cJSON *profile;                 /* the current profile, without the ID number */
	const char *name, *gender, *birth_date, *id_type;
	const char *id_number;          /* decrypted; NULL if unreadable */
	const char *employer, *region, *title_level, *email, *address, *joined_at, *phone;
	int remote;
};

/* 1 found, 0 none, -1 failure. */
int expert_load(long long id, struct expert *e);
int expert_load_user(long long user_id, struct expert *e);

/* 在库 / 暂停 / 出库 */
const char *expert_status_label(const char *status);

/* What an expert may do by their standing in the pool. Reading and downloading their own data
 * (record, change requests, information form, application) is never restricted; these are: */
enum expert_action {
	EXPERT_EDIT,            /* contact edits and change requests: the pool's data */
	EXPERT_CERTIFICATE,     /* the certificate's PDF and PNG: not valid unless active */
	EXPERT_APPLY,           /* the application: drafts, submission, withdrawal, reopening */
};
enum standing { STANDING_OK, STANDING_SUSPENDED, STANDING_REMOVED, STANDING_OTHER };
/* Whether an expert of `status` (NULL: the user is not in the pool) may do `action`; when not,
 * *message is the Chinese refusal. */
enum standing expert_may(const char *status, enum expert_action action, const char **message);
/* The user's status in the pool into *status (NULL when not in it). 0, or -1 on failure. */
int expert_standing(long long user_id, const char **status);
/* Inside a transaction: locks the expert's row until the transaction ends and reads its status
 * into *status (arena text). 1, 0 when there is no such expert, -1 on failure. */
int expert_lock(long long expert_id, const char **status);

/* The next number of a format like "ZJ{year}{seq:5}" ({year}: the year in China, and then the
 * sequence restarts each year). Safe under concurrency: the counter row stays locked until the
 * caller's transaction ends. Returns the number in the arena, or NULL on failure. */
char *number_next(const char *format, const char *sequence);
/* The expansion itself: {year}, {seq} and {seq:N} (N from 1 to 12); other text as it is. */
char *number_format(struct arena *a, const char *format, int year, unsigned long long seq);

/* Makes the applicant of an approved application an expert: profile from the latest submitted
 * version, a new expert number, the specialty index, the first event. Inside the caller's
 * transaction. Returns the expert id, or -1. */
long long expert_admit(long long app_id, long long user_id, long long actor_id, char **expert_no);

/* Moves an expert from one status to another (version checked), records the event and tells
 * the expert by SMS with the reason. Inside the caller's transaction.
 * 1 moved, 0 stale or wrong status, -1 failure. */
int expert_move(const struct expert *e, long long version, const char *to, const char *action,
                long long actor_id, const char *reason);

/* Tells the expert by SMS, through the outbox in the caller's transaction. 0 (also when the
 * account has no phone) or -1. */
int expert_notify(const struct expert *e, const char *text);

/* Records an event in the expert's history (summary may be NULL). 0 or -1. */
int expert_event(long long expert_id, long long actor_id, const char *action, const char *reason,
                 const cJSON *summary);

/* Replaces the expert's specialty index by the leaves of a JSON array. 0 or -1. */
int expert_index(long long expert_id, const cJSON *specialties);
/* The node index's copy of the expert's list columns (status, region, title, remote, birth
 * date, search texts) made anew: after every change of them, in the same transaction. 0 or -1. */
int expert_index_facts(long long expert_id);

/* The highest professional title level of a profile (正高级 … 初级), or NULL. */
const char *highest_title(const cJSON *profile);

/* An ID number for lists: the first 3 and last 4 characters, stars between. */
char *mask_id(struct arena *a, const char *number);
/* A name for the public: the first character, then stars (张*, 欧阳**). */
char *mask_name(struct arena *a, const char *name);

#endif
