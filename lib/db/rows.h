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
	COL_SKIP,               /* read, not written (e.g. a sealed value the caller handles) */
};

struct column {
	const char *key;
	enum col_kind kind;
	/* Optional: the text as it is shown (a mask, a label); NULL for as stored. */
	const char *(*format)(struct arena *a, const char *value);
};
#define COLUMNS(t) (t), (sizeof(t) / sizeof((t)[0]))

/* The next row of statement `id` (run already) as an object: 1, 0 no more, -1 failure. */
int db_row_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON **out);
/* Every remaining row appended to the array `list`: 0, or -1. */
int db_rows_into(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON *list);
/* Every remaining row as an array of objects; NULL on failure. */
cJSON *db_rows_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n);

#endif
