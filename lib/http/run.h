/* The request loop every program hands its route table to. The table says, per route, the
 * method, the path, the handler, who may call it, the body limit and the input fields; the
 * loop enforces all of it before the handler runs, and frees the request in one place. */
#ifndef EP_RUN_H
#define EP_RUN_H
#include <stddef.h>
#include "http/request.h"
#include "http/input.h"
#include "core/roles.h"

#define PUBLIC 0u                       /* anyone */
#define ANY_USER 0x80000000u            /* any logged-in user */

/* Route flags. */
#define ALLOW_PENDING_PASSWORD 1        /* callable before the initial password is changed */

/* The items a body may hold when the route does not say (struct route's max_items): a flat
 * form of a few dozen fields. */
#define ROUTE_MAX_ITEMS 64

#define KB(n) ((size_t)(n) * 1024)
#define MB(n) ((size_t)(n) * 1024 * 1024)

typedef void (*handler_fn)(struct request *r);

struct route {
	enum method method;
	const char *path;               /* "/password"; a segment "*" matches any one segment (in
	                                   r->params), "#" a positive decimal id (in r->ids), else 404 */
	handler_fn handler;
	unsigned roles;                 /* PUBLIC, ANY_USER, or the role bits any of which will do */
	size_t body_limit;              /* bytes; 0 means no body */
	const struct field *fields;     /* the inputs, ended by an entry with a NULL name */
	unsigned flags;
	/* Checks of the input the field table cannot state (e.g. a JSON array, two fields that
	 * depend on each other): adds field errors, after the declared fields' own. The loop
	 * replies 422 with all of them; the handler runs only when there is none. */
	void (*check)(struct request *r);
	/* the most items the body may hold — JSON members and elements at any depth, or form
	 * fields and parts — else 400; 0: ROUTE_MAX_ITEMS */
	unsigned max_items;
	/* What the loop cannot know itself (e.g. whether the expert's standing in the pool allows
	 * the action): called after the session, CSRF and role checks, before the body is read.
	 * Returns 1 to go on, or 0 after replying (403 …). NULL: none. */
	int (*guard)(struct request *r);
};

/* Work a program does between requests, after the reply has gone (e.g. pdf_warm). */
void run_between_requests(void (*fn)(void));

/* Serves FastCGI requests (or one plain CGI request) until told to stop. */
int run(const struct route *routes, size_t nroutes);
#define RUN(table) run((table), sizeof(table) / sizeof((table)[0]))

/* Start-up shared with the command-line tools: configuration, libsodium, cJSON hooks. */
int program_init(struct arena *a);

/* Replies 503 or 500 for a failed database call (and rolls back an open transaction). */
void reply_db_error(struct request *r);

#endif
