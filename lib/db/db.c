/* MariaDB Connector/C behind the enum-named statements (sql.h; each domain declares its own in
 * lib/<domain>/sql.def). The connection is opened on first use and kept; a connection found
 * dead is dropped and reopened on the next call. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include "core/arena.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"

#define MAX_BIND 48
#define IDLE_PING_SECONDS 1
#define DYN_MAX 48              /* assembled statements kept prepared (see db_statement) */
#define NSTMTS (SQL__MAX + DYN_MAX)

static MYSQL *conn;
static MYSQL_STMT *stmts[NSTMTS];
static char *dyn_text[DYN_MAX];
static unsigned dyn_next;
static int in_tx, tx_lost, last_down;
static unsigned last_errno;
static time_t last_used;
static int fresh;               /* no statement has succeeded yet on this connection in this request */

static void log_error(const char *what, enum sql_id id, const char *msg)
{
	log_error_msg("expertpool db: %s (statement %d): %s\n", what, (int)id, msg);
}

void db_close(void)
{
	for (int i = 0; i < NSTMTS; i++) {
		if (stmts[i] != NULL)
			mysql_stmt_close(stmts[i]);
		stmts[i] = NULL;
	}
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	tx_lost = in_tx;        /* statements until the rollback must not run outside it */
	in_tx = 0;
}

/* The server's error numbers that the workflows act on, by kind. 4031 is MariaDB's "client
 * idle too long, connection closed" (its header names another error with that number). */
#define ER_CLIENT_INTERACTION_TIMEOUT 4031
static const struct {
	unsigned number;
	enum db_failure kind;
} error_kinds[] = {
	{ ER_DUP_ENTRY, DB_DUPLICATE },
	{ ER_LOCK_DEADLOCK, DB_RETRY },         /* also Galera's certification conflicts */
	{ ER_LOCK_WAIT_TIMEOUT, DB_RETRY },
	{ CR_SERVER_GONE_ERROR, DB_GONE },
	{ CR_SERVER_LOST, DB_GONE },
	{ CR_CONNECTION_ERROR, DB_GONE },
	{ CR_CONN_HOST_ERROR, DB_GONE },
	{ CR_SERVER_LOST_EXTENDED, DB_GONE },
	{ ER_CONNECTION_KILLED, DB_GONE },
	{ ER_SERVER_SHUTDOWN, DB_GONE },
	{ ER_CLIENT_INTERACTION_TIMEOUT, DB_GONE },
};

enum db_failure db_classify(unsigned number)
{
	if (number == 0)
		return DB_OK;
	for (size_t i = 0; i < sizeof error_kinds / sizeof error_kinds[0]; i++)
		if (error_kinds[i].number == number)
			return error_kinds[i].kind;
	return DB_OTHER;
}

static int is_connection_error(unsigned e) { return db_classify(e) == DB_GONE; }

/* Records a failure; a connection failure drops the connection. `msg` points into the handle
 * (mysql_error, mysql_stmt_error), so it is logged before the handle is closed. */
static void failed(unsigned e, const char *what, enum sql_id id, const char *msg)
{
	last_errno = e;
	last_down = is_connection_error(e);
	if (db_classify(e) != DB_DUPLICATE)
		log_error(what, id, msg);
	if (last_down)
		db_close();
}

static int connect_db(void)
{
	unsigned timeout = 2;
	conn = mysql_init(NULL);
	if (conn == NULL)
		return -1;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* UTC throughout; READ COMMITTED: no gap locks, so inserts of unrelated rows (codes for
	 * different phones) never deadlock — the workflows rely on versions and row locks instead */
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	const char *sock = *cfg.db_socket ? cfg.db_socket : NULL;
	if (mysql_real_connect(conn, sock ? NULL : cfg.db_host, cfg.db_user, cfg.db_password,
	                       cfg.db_name, sock ? 0 : (unsigned)cfg.db_port, sock, 0) == NULL) {
		last_errno = mysql_errno(conn);
		last_down = 1;
		log_error("connect", SQL__MAX, mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	fresh = 0;              /* a new connection: a failure on it is not a restart we slept through */
	return 0;
}

/* The connection, opened or checked as needed. */
static int ready(void)
{
	time_t now = time(NULL);
	if (conn != NULL && !in_tx && now - last_used >= IDLE_PING_SECONDS && mysql_ping(conn) != 0)
		db_close();     /* the server went away while we were idle */
	if (conn == NULL && connect_db() != 0)
		return -1;
	last_used = now;
	return 0;
}

static const char *text_of(enum sql_id id)
{
	return (int)id < SQL__MAX ? sql_stmts[id].text : dyn_text[id - SQL__MAX];
}

enum sql_id db_statement(const char *text)
{
	unsigned slot;
	for (slot = 0; slot < DYN_MAX; slot++)
		if (dyn_text[slot] != NULL && strcmp(dyn_text[slot], text) == 0)
			return (enum sql_id)(SQL__MAX + slot);
	for (slot = 0; slot < DYN_MAX && dyn_text[slot] != NULL; slot++)
		;
	if (slot == DYN_MAX) {          /* all in use: the oldest goes */
		slot = dyn_next++ % DYN_MAX;
		if (stmts[SQL__MAX + slot] != NULL)
			mysql_stmt_close(stmts[SQL__MAX + slot]);
		stmts[SQL__MAX + slot] = NULL;
		free(dyn_text[slot]);
	}
	dyn_text[slot] = strdup(text);
	if (dyn_text[slot] == NULL)
		abort();
	return (enum sql_id)(SQL__MAX + slot);
}

/* Whether the declared formats of a named statement fit what the server says it takes and returns:
 * as many parameters, as many columns, and a number only where the column is one. */
static int matches_server(enum sql_id id, MYSQL_STMT *st)
{
	if ((int)id >= SQL__MAX)
		return 1;       /* assembled (db_statement): checked at each call against the server */
	const char *in = sql_stmts[id].in, *out = sql_stmts[id].out;
	if (mysql_stmt_param_count(st) != strlen(in) || mysql_stmt_field_count(st) != strlen(out))
		return 0;
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (meta == NULL)
		return 1;
	int ok = 1;
	for (unsigned i = 0; out[i] != '\0'; i++) {
		MYSQL_FIELD *f = mysql_fetch_field_direct(meta, i);
		if (out[i] == 'i' && !IS_NUM(f->type) && f->type != MYSQL_TYPE_NULL)
			ok = 0;
	}
	mysql_free_result(meta);
	return ok;
}

/* Fails closed when a caller's formats are not the statement's declared ones (sql.def). */
static int declared(enum sql_id id, const char *what, const char *got)
{
	if ((int)id >= SQL__MAX)
		return 1;
	const char *want = what[0] == 'p' ? sql_stmts[id].in : sql_stmts[id].out;
	if (strcmp(want, got) == 0)
		return 1;
	log_error_msg("expertpool db: %s formats \"%s\" differ from the declared \"%s\" (statement %d)\n",
	              what, got, want, (int)id);
	last_errno = 0;
	last_down = 0;
	return 0;
}

int db_declared(enum sql_id id, const char *in, const char *out)
{
	return (int)id < SQL__MAX && (in == NULL || strcmp(sql_stmts[id].in, in) == 0) &&
	       (out == NULL || strcmp(sql_stmts[id].out, out) == 0);
}

static MYSQL_STMT *prepared(enum sql_id id)
{
	if (stmts[id] != NULL)
		return stmts[id];
	MYSQL_STMT *st = mysql_stmt_init(conn);
	if (st == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, text_of(id), strlen(text_of(id))) != 0) {
		failed(mysql_stmt_errno(st), "prepare", id, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	if (!matches_server(id, st)) {
		log_error("declared formats do not match the server's parameters or columns", id, text_of(id));
		mysql_stmt_close(st);
		last_errno = 0;
		last_down = 0;
		return NULL;
	}
	return stmts[id] = st;
}

static int streaming;           /* the next execution leaves its rows on the server */

/* Binds the parameters and executes. */
static int execute(enum sql_id id, const struct db_param *p, size_t n)
{
	MYSQL_BIND bind[MAX_BIND];
	unsigned long lens[MAX_BIND];
	char types[MAX_BIND + 1];
	if (n > MAX_BIND)
		return -1;
	for (size_t i = 0; i < n; i++)
		types[i] = p[i].type;
	types[n] = '\0';
	if (!declared(id, "parameter", types))
		return -1;
	if (ready() != 0)
		return -1;
	MYSQL_STMT *st = prepared(id);
	if (st == NULL)
		return -1;
	if (mysql_stmt_param_count(st) != n) {
		log_error("parameter count", id, text_of(id));
		last_errno = 0;
		last_down = 0;
		return -1;
	}
	memset(bind, 0, sizeof bind);
	for (size_t i = 0; i < n; i++) {
		if (p[i].type == 'i') {
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&p[i].i;
			continue;
		}
		if (p[i].p == NULL) {
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			continue;
		}
		bind[i].buffer_type = p[i].type == 's' ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
		bind[i].buffer = (void *)p[i].p;
		lens[i] = (unsigned long)p[i].len;
		bind[i].buffer_length = lens[i];
		bind[i].length = &lens[i];
	}
	mysql_stmt_free_result(st);
	if (mysql_stmt_bind_param(st, bind) != 0 || mysql_stmt_execute(st) != 0) {
		failed(mysql_stmt_errno(st), "execute", id, mysql_stmt_error(st));
		return -1;
	}
	if (!streaming && mysql_stmt_field_count(st) > 0 && mysql_stmt_store_result(st) != 0) {
		failed(mysql_stmt_errno(st), "store", id, mysql_stmt_error(st));
		/* rows cut short by an error (a deadlock found while they were read) leave the
		 * statement expecting the rest: its next execution would wait for them for ever */
		if (conn != NULL) {
			mysql_stmt_close(st);
			stmts[id] = NULL;
		}
		return -1;
	}
	return 0;
}

/* A statement that failed because the connection had gone is retried once on a new one,
 * unless a transaction was open (its earlier statements are lost with the connection).
 * "Lost connection" (2013) is retried only for the first statement of a request on a kept
 * connection: that is a server that restarted while we were idle, and it cannot have run it. */
int db_exec_params(enum sql_id id, const struct db_param *p, size_t n)
{
	int was_tx = in_tx;
	if (tx_lost) {
		last_down = 1;
		return -1;
	}
	int was_fresh = fresh;
	int rc = execute(id, p, n);
	if (rc != 0 && last_down && !was_tx &&
	    (last_errno == CR_SERVER_GONE_ERROR || (last_errno == CR_SERVER_LOST && was_fresh)))
		rc = execute(id, p, n);
	if (rc == 0) {
		last_errno = 0;
		last_down = 0;
		fresh = 0;
	}
	return rc;
}

/* The parameters of a format string and its arguments; n gets their number, -1 if malformed. */
static int params_of(enum sql_id id, const char *fmt, va_list ap, struct db_param *p, size_t *n)
{
	*n = strlen(fmt);
	if (*n > MAX_BIND)
		return -1;
	for (size_t i = 0; i < *n; i++) {
		p[i].type = fmt[i];
		switch (fmt[i]) {
		case 's':
			p[i].p = va_arg(ap, const char *);
			p[i].len = p[i].p ? strlen(p[i].p) : 0;
			break;
		case 'b':
			p[i].p = va_arg(ap, const void *);
			p[i].len = va_arg(ap, size_t);
			break;
		case 'i':
			p[i].i = va_arg(ap, long long);
			break;
		default:
			log_error("bad parameter format", id, fmt);
			return -1;
		}
	}
	return 0;
}

static int exec_v(enum sql_id id, const char *fmt, va_list ap)
{
	struct db_param p[MAX_BIND];
	size_t n;
	return params_of(id, fmt, ap, p, &n) == 0 ? db_exec_params(id, p, n) : -1;
}

int db_exec(enum sql_id id, const char *in, ...)
{
	va_list ap;
	va_start(ap, in);
	int rc = exec_v(id, in, ap);
	va_end(ap);
	return rc;
}

int db_stream(enum sql_id id, const char *in, ...)
{
	va_list ap;
	va_start(ap, in);
	streaming = 1;
	int rc = exec_v(id, in, ap);
	streaming = 0;
	va_end(ap);
	return rc;
}

int db_stream_params(enum sql_id id, const struct db_param *p, size_t n)
{
	streaming = 1;
	int rc = db_exec_params(id, p, n);
	streaming = 0;
	return rc;
}

/* Fetches the next row into v[0..strlen(fmt)-1] (texts and bytes in the request's arena, NUL
 * ended): 1 a row, 0 no more, -1 failure. */
static int fetch_values(enum sql_id id, const char *fmt, struct db_value *v)
{
	MYSQL_STMT *st = stmts[id];
	MYSQL_BIND bind[MAX_BIND];
	long long ints[MAX_BIND];
	unsigned long lens[MAX_BIND];
	my_bool nulls[MAX_BIND];
	size_t n = strlen(fmt);
	if (!declared(id, "result", fmt))
		return -1;
	if (st == NULL || n > MAX_BIND || n != mysql_stmt_field_count(st)) {
		log_error("result format does not match the columns", id, fmt);
		last_errno = 0;
		last_down = 0;
		return -1;
	}
	memset(bind, 0, sizeof bind);
	for (size_t i = 0; i < n; i++) {
		bind[i].is_null = &nulls[i];
		bind[i].length = &lens[i];
		if (fmt[i] == 'i') {
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = &ints[i];
		} else {
			bind[i].buffer_type = fmt[i] == 's' ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			bind[i].buffer = NULL;
			bind[i].buffer_length = 0;      /* learn the length, then fetch the column */
		}
	}
	if (mysql_stmt_bind_result(st, bind) != 0)
		return -1;
	int rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
		failed(mysql_stmt_errno(st), "fetch", id, mysql_stmt_error(st));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v[i] = (struct db_value){ .null = nulls[i] != 0 };
		if (fmt[i] == 'i') {
			v[i].i = nulls[i] ? 0 : ints[i];
			continue;
		}
		if (nulls[i])
			continue;
		char *buf = arena_alloc(arena_current, lens[i] + 1);
		if (lens[i] > 0) {
			MYSQL_BIND col = { .buffer_type = bind[i].buffer_type, .buffer = buf,
			                   .buffer_length = lens[i] };
			if (mysql_stmt_fetch_column(st, &col, (unsigned)i, 0) != 0)
				return -1;
		}
		buf[lens[i]] = '\0';
		v[i].s = buf;
		v[i].len = lens[i];
	}
	return 1;
}

int db_fetch_values(enum sql_id id, const char *fmt, struct db_value *v)
{
	return fetch_values(id, fmt, v);
}

static int fetch_v(enum sql_id id, const char *fmt, va_list ap)
{
	struct db_value v[MAX_BIND];
	int rc = fetch_values(id, fmt, v);
	if (rc != 1)
		return rc;
	for (size_t i = 0; fmt[i] != '\0'; i++) {
		if (fmt[i] == 'i') {
			*va_arg(ap, long long *) = v[i].i;
		} else if (fmt[i] == 's') {
			*va_arg(ap, char **) = v[i].s;
		} else {
			*va_arg(ap, unsigned char **) = (unsigned char *)v[i].s;
			*va_arg(ap, size_t *) = v[i].len;
		}
	}
	return 1;
}

int db_fetch(enum sql_id id, const char *out, ...)
{
	va_list ap;
	va_start(ap, out);
	int rc = fetch_v(id, out, ap);
	va_end(ap);
	return rc;
}

/* Skips the va_list past the arguments a parameter format consumes. */
static void skip_params(const char *fmt, va_list *ap)
{
	for (; *fmt; fmt++) {
		if (*fmt == 'i') {
			(void)va_arg(*ap, long long);
		} else if (*fmt == 's') {
			(void)va_arg(*ap, const char *);
		} else {
			(void)va_arg(*ap, const void *);
			(void)va_arg(*ap, size_t);
		}
	}
}

int db_one(enum sql_id id, const char *in, const char *out, ...)
{
	va_list ap, rest;
	va_start(ap, out);
	va_copy(rest, ap);
	int rc = exec_v(id, in, ap);
	va_end(ap);
	if (rc == 0) {
		skip_params(in, &rest);
		rc = fetch_v(id, out, rest);
		if (stmts[id] != NULL)
			mysql_stmt_free_result(stmts[id]);
	}
	va_end(rest);
	return rc;
}

unsigned long long db_affected(enum sql_id id)
{
	return stmts[id] ? mysql_stmt_affected_rows(stmts[id]) : 0;
}

unsigned long long db_insert_id(enum sql_id id)
{
	return stmts[id] ? mysql_stmt_insert_id(stmts[id]) : 0;
}

int db_begin(void)
{
	if (ready() != 0)
		return -1;
	if (mysql_real_query(conn, "START TRANSACTION", 17) != 0) {
		failed(mysql_errno(conn), "begin", SQL__MAX, mysql_error(conn));
		return -1;
	}
	in_tx = 1;
	return 0;
}

int db_commit(void)
{
	if (conn == NULL || !in_tx) {
		tx_lost = 0;
		return -1;
	}
	in_tx = 0;
	if (mysql_commit(conn) != 0) {
		failed(mysql_errno(conn), "commit", SQL__MAX, mysql_error(conn));
		return -1;
	}
	return 0;
}

void db_rollback(void)
{
	if (conn != NULL && in_tx && mysql_rollback(conn) != 0)
		failed(mysql_errno(conn), "rollback", SQL__MAX, mysql_error(conn));
	in_tx = 0;
	tx_lost = 0;
}

void db_request_start(void)
{
	fresh = 1;
}

int db_in_transaction(void) { return in_tx; }
int db_down(void) { return last_down; }
enum db_failure db_failure(void)
{
	return last_down ? DB_GONE : db_classify(last_errno);
}
