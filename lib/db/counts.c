/* The admin lists' counters rebuilt from the rows they count (expertpool-admin recount). */
#include <stddef.h>
#include "db/db.h"
#include "db/counts.h"

static const enum sql_id steps[][3] = {
	{ SQL_COUNTS_EXPERTS_OFF, SQL_COUNTS_EXPERTS_CLEAR, SQL_COUNTS_EXPERTS_FILL },
	{ SQL_COUNTS_BIRTHS_OFF, SQL_COUNTS_BIRTHS_CLEAR, SQL_COUNTS_BIRTHS_FILL },
	{ SQL_COUNTS_APPS_OFF, SQL_COUNTS_APPS_CLEAR, SQL_COUNTS_APPS_FILL },
	{ SQL_COUNTS_AUDIT_OFF, SQL_COUNTS_AUDIT_CLEAR, SQL_COUNTS_AUDIT_FILL },
	{ SQL_COUNTS_ACTIONS_OFF, SQL_COUNTS_ACTIONS_CLEAR, SQL_COUNTS_ACTIONS_FILL },
};

int counts_rebuild(long long *off)
{
	*off = 0;
	if (db_begin() != 0)
		return -1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		long long n;
		/* (the clearing locks every counter row and the fill reads the rows with locks: a writer
		 * committing meanwhile waits, or the server ends one of the two as a deadlock) */
		if (db_one(steps[i][0], "", "i", &n) != 1 || db_exec(steps[i][1], "") != 0 ||
		    db_exec(steps[i][2], "") != 0)
			goto err;
		*off += n;
	}
	return db_commit();
err:
	db_rollback();
	return -1;
}
