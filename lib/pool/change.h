/* Change requests (异动申请): which profile fields each kind covers, and applying an approved
 * request to the expert's profile. */
#ifndef EP_CHANGE_H
#define EP_CHANGE_H
#include <cjson/cJSON.h>
#include "pool/expert.h"

struct change_kind {
	const char *name, *label;
	const char *const *keys;        /* the profile fields it covers, NULL-terminated */
};

extern const char *const change_kind_names[];   /* for list filters, NULL-terminated */

const struct change_kind *change_kind(const char *name);      /* NULL if unknown */
const char *change_status_label(const char *status);

/* The fields of a kind taken from a profile or a proposal (absent ones left out). */
cJSON *change_pick(const cJSON *from, const struct change_kind *k);

/* Writes the proposed fields into the expert's profile, its list columns and, for
 * specialties, its index; records the event with before and after. Inside the caller's
 * transaction. 1 done, 0 the expert changed meanwhile (stale version), -1 failure. */
int change_apply(const struct expert *e, const struct change_kind *k, const cJSON *proposed,
                 long long change_id, long long actor_id);

/* Tells the expert by SMS that their request of kind `k` was approved, or rejected for
 * `reason`. Inside the caller's transaction. 0 or -1. */
int change_notify(const struct expert *e, const struct change_kind *k, int approved, const char *reason);

#endif
