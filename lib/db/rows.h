/* Rows as JSON by a column table: one entry per result column says its JSON key and how its
 * value is written, so that a list's columns are stated once (the table), not once in the
 * fetch's format and again in a chain of cJSON_Add calls. */
#ifndef EP_ROWS_H
#define EP_ROWS_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "db/db.h"

enum col_kind {
	COL_TEXT,               /* a string; SQL NULL is null */
	COL_INT,                /* a number */
	COL_BOOL,               /* an integer column as true/false */
	COL_ID,                 /* a number; 0 (none) is null */
	COL_JSON,               /* a JSON text column, parsed (null when NULL or unreadable) */
	COL_OBJECT,             /* the same, {} when NULL or unreadable */
	COL_OPT,                /* a number; a negative one (none) is null */
	COL_SEALED,             /* a sealed blob (core/crypto), unsealed, then formatted */
	COL_ROLES,              /* a roles bit set (core/roles.h) as the array of its names */
	COL_SKIP,               /* read, not written (e.g. a value the caller handles) */
};

struct column {
	const char *key;
	enum col_kind kind;
	/* Optional: the text as it is shown (a mask, a label); NULL for as stored. */
	const char *(*format)(struct arena *a, const char *value);
};
#define COLUMNS(t) (t), (sizeof(t) / sizeof((t)[0]))

/* A record type's columns, declared once, as an X-macro in its domain's rows.def:
 *     #define POOL_ROW(C, _) \
 *             C(id, INT, "e.id", NULL) _ \
 *             C(name, TEXT, "e.name", NULL) _ \
 *             C(status_label, TEXT, "e.status", status_label)
 * C(key, KIND, sql, format): the JSON key (an identifier), the col_kind without COL_, the SQL
 * expression of the column, a format function or NULL; `_` separates the entries. From the one
 * list come the statement's select list and its declared result formats (in sql.def) and the
 * table that writes the rows (in the code), so that they cannot disagree:
 *     ROW_SQL(POOL_ROW)        "e.id, e.name, e.status"
 *     ROW_OUT(POOL_ROW)        "iss"
 *     ROW_COLUMNS(POOL_ROW)    the initializer of a struct column array */
#define ROW_SQL_(k, t, s, f) s
#define ROW_SQL(R) R(ROW_SQL_, ", ")
#define ROW_OUT_(k, t, s, f) COL_OUT_##t
#define ROW_OUT(R) R(ROW_OUT_, )
/* (each entry ends in its comma, the separator is empty: a list may then name another list as
 * its entries, e.g. #define EXPERT_RECORD_ROW(C, _) EXPERT_OWN_ROW(C, _) _ C(…), which a bare
 * comma as the separator would break into extra macro arguments) */
#define ROW_COL_(k, t, s, f) { #k, COL_##t, f },
#define ROW_COLUMNS(R) { R(ROW_COL_, ) }
/* each kind's result format (db.h) */
#define COL_OUT_TEXT "s"
#define COL_OUT_INT "i"
#define COL_OUT_BOOL "i"
#define COL_OUT_ID "i"
#define COL_OUT_JSON "s"
#define COL_OUT_OBJECT "s"
#define COL_OUT_OPT "i"
#define COL_OUT_SEALED "b"
#define COL_OUT_ROLES "i"

/* The next row of statement `id` (run already) as an object: 1, 0 no more, -1 failure. */
int db_row_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON **out);
/* Every remaining row appended to the array `list`: 0, or -1. */
int db_rows_into(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON *list);
/* Every remaining row as an array of objects; NULL on failure. */
cJSON *db_rows_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n);
/* Adds the role names of a bit set (core/roles.h) to an array. */
void roles_to_json(cJSON *array, unsigned roles);

/* Whether a list's sort name is a key of its row's table ("-" before it for descending): a
 * list sorts only by what its rows show. */
int columns_sort_ok(const struct column *cols, size_t n, const char *sort);

#endif
