/* The admin lists' query parameters (page, size, filters) and the paged reply. Bad values
 * become field errors; the handler replies 422 when has_field_errors(). */
#ifndef EP_LISTING_H
#define EP_LISTING_H
#include <cjson/cJSON.h>
#include "core/text.h"
#include "db/db.h"
#include "db/rows.h"
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
/* A list's sorts, ended by a NULL name: the name is a column key of the list's row, "-" before
 * it for descending; the key PART and the order PART of the page (query_page). */
struct sort {
	const char *name;
	enum sql_part keys, order;
};
/* The index in `sorts` of the "sort" parameter: the first (the default) when absent, with a
 * field error when it names none of them. */
size_t list_sort(struct request *r, const struct sort *sorts);
/* 0 when every sort names a column of the row `cols`; otherwise it logs the one that does not
 * and returns -1 (a program checks its table at start, so that the two cannot drift). */
int sort_check(const struct sort *sorts, const struct column *cols, size_t n);
/* A list's statements, assembled from the domains' PART pieces (sql_part): a head, the
 * conditions of the filters in use (only those: the server then plans for exactly them), an
 * order, the page. A search may add alternatives — rows matching any of them (a name, or an
 * expert number) — which become a UNION of one branch per alternative, each with every
 * condition: each branch then reads its own narrow index (an OR of two indexed conditions
 * would read every row). */
#define LIST_MAX_PARAMS 24
#define LIST_MAX_ANY 2
struct list_query {
	const char *where;              /* "" or " WHERE … AND …" */
	struct db_param p[LIST_MAX_PARAMS];
	size_t n;
	size_t nany;                    /* alternatives: none, or two */
	const char *any[LIST_MAX_ANY];
	struct db_param anyp[LIST_MAX_ANY][LIST_MAX_PARAMS];
	size_t anyn[LIST_MAX_ANY];
};
/* Adds a condition with its parameters: types is one letter per ? ('s' or 'i'). */
void query_where(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...);
/* Adds a condition on the texts the search terms match: cond names them as {match}. */
void query_match(struct arena *a, struct list_query *q, enum sql_part cond, const struct search_terms *t);
/* Adds an alternative: a condition with its parameters, or (t not NULL) one on the texts t matches. */
void query_any(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...);
void query_any_match(struct arena *a, struct list_query *q, enum sql_part cond, const struct search_terms *t);
/* COUNT(*) of the rows: of head + conditions, or of the UNION of ids (the rows' ids, one
 * statement per alternative). 0 or -1. */
int query_count(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part ids,
                long long *total);
/* The sum of head + conditions + each alternative in turn, head giving one number `n` (a counter's
 * sum): the total of alternatives that no row matches twice, or (less those matching both) of two
 * that may. 0 or -1. */
int query_sum(struct arena *a, const struct list_query *q, enum sql_part head, long long *total);
/* A page: the keys (id AS i, sort key AS k) of the page's rows, in order, from keys +
 * conditions (or, with alternatives, the UNION of the branches) + order + LIMIT/OFFSET; then
 * rows, which names them as {keys} and joins the row of each, in the same order. A page in the
 * second half of the list's `total` rows reads its keys from the other end, in the reverse
 * order, so that no page skips more than half the keys. The statement to db_fetch from, or -1. */
int query_page(struct arena *a, const struct list_query *q, enum sql_part rows, enum sql_part keys,
               enum sql_part order, const struct page *page, long long total);
/* Every row, read from the server row by row (db_stream): head + conditions + order, or, with
 * alternatives, head + in_ids (which names the UNION of ids as {ids}) + order. The statement to
 * db_fetch from, or -1. */
int query_stream(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part ids,
                 enum sql_part in_ids, enum sql_part order);

/* {"total","page","size","items":[]}; returns the object, *items gets the array. */
cJSON *list_reply(long long total, const struct page *p, cJSON **items);

#endif
