/* The admin lists' query parameters (page, size, filters) and the paged reply. Bad values
 * become field errors; the handler replies 422 when has_field_errors(). */
#ifndef EP_LISTING_H
#define EP_LISTING_H
#include <cjson/cJSON.h>
#include "db/db.h"
#include "http/request.h"

struct page {
	long long page, size, offset;
};

/* page (from 1) and size (10, 20 or 50; default 10). */
void list_page(struct request *r, struct page *p);
/* A query text: "" when absent; a field error beyond max_chars or with control characters. */
const char *list_text(struct request *r, const char *name, size_t max_chars);
/* A YYYY-MM-DD date, or "". */
const char *list_date(struct request *r, const char *name);
/* A whole number in [min, max], or `absent` when not given. */
long long list_int(struct request *r, const char *name, long long min, long long max, long long absent);
/* One of `choices` (NULL-terminated), or `absent` (may be NULL) when not given. */
const char *list_choice(struct request *r, const char *name, const char *const *choices,
                        const char *absent);
/* "%text%" for LIKE, with % _ and \ escaped; "" for "". */
const char *like_pattern(struct arena *a, const char *text);
/* A list's statement, assembled from sql.c's parts: a head, the conditions of the filters in
 * use (only those: the server then plans for exactly them), an order, the page. */
#define LIST_MAX_PARAMS 24
struct list_query {
	const char *where;              /* "" or " WHERE … AND …" */
	struct db_param p[LIST_MAX_PARAMS];
	size_t n;
};
/* Adds a condition with its parameters: types is one letter per ? ('s' or 'i'). */
void query_where(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...);
/* COUNT(*) of head + conditions: 0 or -1. */
int query_count(struct arena *a, const struct list_query *q, enum sql_part head, long long *total);
/* Executes head + conditions + order + the page's LIMIT/OFFSET (page NULL: every row, read from
 * the server row by row — db_stream). The statement to db_fetch from, or -1. */
int query_rows(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part order,
               const struct page *page);

/* {"total","page","size","items":[]}; returns the object, *items gets the array. */
cJSON *list_reply(long long total, const struct page *p, cJSON **items);

#endif
