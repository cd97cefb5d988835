/* The database: one persistent connection per process, statements prepared once and named
 * by enum sql_id, short binding through format strings, transactions.
 *
 * Parameter formats (db_exec, db_one):      Result formats (db_fetch, db_one):
 *   s  const char *       NULL is SQL NULL     s  char **         arena copy, NULL for NULL
 *   b  const void *, size_t  bytes, NULL is SQL NULL            b  unsigned char **, size_t *
 *   i  long long                               i  long long *     0 for NULL
 */
#ifndef EP_DB_H
#define EP_DB_H
#include "db/sql.h"

int db_exec(enum sql_id id, const char *in, ...);            /* 0, or -1 */
/* The same with the parameters in an array (for statements whose parameters vary in number). */
struct db_param {
	char type;                      /* 's' (p: a string, len), 'b' (p, len), 'i' (i) */
	const void *p;
	size_t len;
	long long i;
};
int db_exec_params(enum sql_id id, const struct db_param *p, size_t n);
/* A statement assembled from the fixed PART pieces (sql.h) — never from input — for lists whose
 * filters come and go: its id for db_exec and db_fetch, prepared on first use and kept (the
 * most recent few dozen texts). */
enum sql_id db_statement(const char *text);
/* db_exec for a large result read row by row from the server instead of held in memory: fetch
 * every row before running another statement. */
int db_stream(enum sql_id id, const char *in, ...);
int db_stream_params(enum sql_id id, const struct db_param *p, size_t n);
int db_fetch(enum sql_id id, const char *out, ...);          /* 1 row, 0 no more, -1 error */
/* The same into an array, for callers that walk a column table (db/rows.h). */
struct db_value {
	long long i;                    /* 'i'; 0 for NULL */
	char *s;                        /* 's', 'b': NULL for NULL */
	size_t len;
	int null;
};
int db_fetch_values(enum sql_id id, const char *out, struct db_value *v);
/* Executes and fetches the first row: 1 found, 0 none, -1 error. Arguments: in, then out. */
int db_one(enum sql_id id, const char *in, const char *out, ...);
/* Whether a named statement declares these formats (NULL: either); db_exec and the others refuse
 * (log, -1) a call whose formats are not the declared ones. */
int db_declared(enum sql_id id, const char *in, const char *out);
unsigned long long db_affected(enum sql_id id);
unsigned long long db_insert_id(enum sql_id id);

/* Called by the request loop before each request (see the retry rule in db.c). */
void db_request_start(void);

int db_begin(void);
int db_commit(void);
void db_rollback(void);       /* also ends an unfinished transaction after a request */
int db_in_transaction(void);

/* The kind of a failure: what a caller may do about it. */
enum db_failure {
	DB_OK,                  /* no server error (a mismatch of formats fails with no number) */
	DB_DUPLICATE,           /* a unique key refused the row */
	DB_RETRY,               /* deadlock, lock wait timeout, Galera certification conflict */
	DB_GONE,                /* the connection (server down, restarted, killed) */
	DB_OTHER,
};
enum db_failure db_classify(unsigned server_errno);
/* The kind of the last failure. */
enum db_failure db_failure(void);
int db_down(void);            /* the last failure was the connection, not the statement */
void db_close(void);

#endif
