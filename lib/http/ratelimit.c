/* Fixed-window counters (one upsert a hit) and sliding lockouts. */
#include <time.h>
#include "db/db.h"
#include "http/ratelimit.h"

long ratelimit_hit(const char *bucket, long window, long max)
{
	long long now = (long long)time(NULL);
	long long start = now - now % window;
	if (db_exec(SQL_RATE_HIT, "si", bucket, start) != 0)
		return -1;
	/* LAST_INSERT_ID(hits + 1) makes the new count the insert id; a fresh row reports 0 */
	unsigned long long hits = db_insert_id(SQL_RATE_HIT);
	if (hits == 0)
		hits = 1;
	if ((long)hits <= max)
		return 0;
	long left = (long)(start + window - now);
	return left > 0 ? left : 1;
}

long lockout_left(const char *key)
{
	long long left = 0;
	int rc = db_one(SQL_LOCK_CHECK, "s", "i", key, &left);
	if (rc < 0)
		return -1;
	return rc == 0 ? 0 : (left > 0 ? (long)left : 1);
}

int lockout_fail(const char *key, long max)
{
	return db_exec(SQL_LOCK_FAIL, "siiiiii", key, (long long)max, (long long)LOCK_SECONDS,
	               (long long)LOCK_WINDOW_SECONDS, (long long)LOCK_WINDOW_SECONDS, (long long)max,
	               (long long)LOCK_SECONDS);
}

int lockout_clear(const char *key)
{
	return db_exec(SQL_LOCK_CLEAR, "s", key);
}

long lockout_failures(const char *key)
{
	long long n = 0;
	int rc = db_one(SQL_LOCK_FAILURES, "si", "i", key, (long long)LOCK_WINDOW_SECONDS, &n);
	return rc < 0 ? -1 : (long)n;
}

long cooldown_take(const char *key, long seconds)
{
	if (db_exec(SQL_COOLDOWN_TAKE, "sii", key, (long long)seconds, (long long)seconds) != 0)
		return -1;
	if (db_affected(SQL_COOLDOWN_TAKE) != 0)
		return 0;
	long left = lockout_left(key);
	return left == 0 ? 1 : left;
}
