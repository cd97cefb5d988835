/* The admin lists' counters checked against the rows they count and repaired (expertpool-admin
 * recount). */
#include <stddef.h>
#include "db/db.h"
#include "db/counts.h"

/* each counter's check and its repair, both single statements (sqltext.h, COUNTS_DIFF) */
static const enum sql_id steps[][2] = {
	{ SQL_COUNTS_EXPERTS_OFF, SQL_COUNTS_EXPERTS_FIX },
	{ SQL_COUNTS_BIRTHS_OFF, SQL_COUNTS_BIRTHS_FIX },
	{ SQL_COUNTS_EXPERT_TEXTS_OFF, SQL_COUNTS_EXPERT_TEXTS_FIX },
	{ SQL_COUNTS_APP_TEXTS_OFF, SQL_COUNTS_APP_TEXTS_FIX },
	{ SQL_COUNTS_APPS_OFF, SQL_COUNTS_APPS_FIX },
	{ SQL_COUNTS_AUDIT_OFF, SQL_COUNTS_AUDIT_FIX },
	{ SQL_COUNTS_ACTIONS_OFF, SQL_COUNTS_ACTIONS_FIX },
};

int counts_rebuild(long long *off)
{
	*off = 0;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		long long n;
		/* each its own transaction (autocommit): the repair reads the rows and the counter in one
		 * snapshot without locking them, and adds the difference to what writers committed since,
		 * so they never wait for the whole run — only, for a moment, on a key that was off */
		if (db_one(steps[i][0], "", "i", &n) != 1)
			return -1;
		if (n > 0 && db_exec(steps[i][1], "") != 0)
			return -1;
		*off += n;
	}
	return 0;
}
