/* Review decisions (受理, 通过, 不通过): one function for the review pages and the console, so
 * that approval always brings the expert into the pool, issues the certificate and tells the
 * expert, in the caller's transaction. */
#ifndef EP_REVIEW_H
#define EP_REVIEW_H
#include "pool/certificate.h"

struct review_case {
	long long id, user_id, version, level, submitted_no;
	const char *status, *submitted_at;
};

/* An application that was submitted at least once: 1 found, 0 none, -1 failure. */
int review_case_load(long long app_id, struct review_case *c);

enum decision { DECIDE_OPEN, DECIDE_APPROVE, DECIDE_REJECT };

struct review_result {
	const char *status;             /* where the application is now */
	long long version;
	long long expert_id;            /* approved: the new expert … */
	char *expert_no;
	int certified;                  /* … and, unless it waits for training, the certificate */
	struct certificate cert;
};

/* The decision `d` on a case at `version`, by a reviewer (actor_id 0: the console). Approving
 * or rejecting a case nobody opened yet opens it on the way. Call inside a transaction.
 * Returns 1 done, 0 refused (stale version or a state that does not allow it), -2 the final
 * review by the reviewer who made the first, -1 failure. */
int review_decide(const struct review_case *c, long long version, enum decision d,
                  long long actor_id, const char *actor_role, const char *department,
                  const char *reason, struct review_result *out);

/* Whether the case can be opened / decided now. */
int review_can_open(const struct review_case *c);
int review_can_decide(const struct review_case *c);

#endif
