/* Change requests (异动申请): which profile fields each kind covers, and applying an approved
 * request to the expert's profile. */
#ifndef EP_CHANGE_H
#define EP_CHANGE_H
#include <cjson/cJSON.h>
#include "pool/expert.h"

struct change_kind {
	const char *name, *label;
	const char *const *keys;        /* the profile fields it covers, NULL-terminated */
	int files_required;             /* an attachment is required (证明材料) */
	const char *files_hint;         /* what to attach, for the message and the page */
};

/* At most this many attachments to a request, each an upload of the expert of these kinds. */
#define CHANGE_FILES_MAX 5
#define CHANGE_FILE_KINDS "scan|pdf"

extern const char *const change_kind_names[];   /* for list filters, NULL-terminated */

const struct change_kind *change_kind(const char *name);      /* NULL if unknown */
const char *change_status_label(const char *status);

/* The fields of a kind taken from a profile or a proposal (absent ones left out). */
cJSON *change_pick(const cJSON *from, const struct change_kind *k);

/* Checks a request's attachments (`files`: NULL or a JSON array of file ids) for kind `k` by
 * the user `user_id`: an array of at most CHANGE_FILES_MAX distinct ids of their own uploads of
 * CHANGE_FILE_KINDS, one at least when the kind requires it. Messages by path ("files",
 * "files.1") into `errors`. The number of problems, or -1 on failure. */
int change_check_files(const struct change_kind *k, long long user_id, const cJSON *files, cJSON *errors);
/* Records the (checked) attachments of request `change_id`, in the caller's transaction. 0 or -1. */
int change_attach(long long change_id, const cJSON *files);
/* The attachments of a request as [{id, kind, content_type, name, size}], or NULL on failure. */
cJSON *change_files(struct arena *a, long long change_id);
/* The attachments of an expert's requests with ids from `lo` to `hi` put into each object of
 * `changes` (an array of objects with "id") as "files". 0 or -1. */
int change_files_into(struct arena *a, long long expert_id, long long lo, long long hi, cJSON *changes);

/* Writes the proposed fields into the expert's profile, its list columns and, for
 * specialties, its index; for the employer, the work history follows (change_follow_employer).
 * Records the event with before and after. Inside the caller's transaction. 1 done, 0 the expert changed meanwhile (stale version), -1 failure. */
int change_apply(const struct expert *e, const struct change_kind *k, const cJSON *proposed,
                 long long change_id, long long actor_id);

/* The work history (工作履历) after an approved employer change from `before` to `after`
 * (either NULL): the open entries at the employer left are closed in `month` ("YYYY-MM"), and the
 * new employer, with `position`, is added as an open entry from `month` unless one is open
 * already or the list is full. The history is where an expert's former employers keep their
 * dates — what an avoidance rule on recent employment reads. Nothing when the employer stays. */
void change_follow_employer(cJSON *profile, const char *before, const char *after, const char *position,
                            const char *month);

/* Tells the expert by SMS that their request of kind `k` was approved, or rejected for
 * `reason`. Inside the caller's transaction. 0 or -1. */
int change_notify(const struct expert *e, const struct change_kind *k, int approved, const char *reason);

#endif
