/* One HTTP request as the programs see it: what the server passed, the parsed body, the
 * session, and the reply being built. Everything lives in the request's arena. */
#ifndef EP_REQUEST_H
#define EP_REQUEST_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "http/form.h"

enum method { M_GET, M_POST, M_PUT, M_DELETE, M_HEAD, M_OTHER };

struct session;
struct route;

struct request {
	struct arena *arena;
	enum method method;
	const char *method_name;
	const char *path;               /* PATH_INFO, "/" when empty */
	const char *params[4];          /* path segments matched by '*' in the route */
	long long ids[4];               /* path segments matched by '#': positive decimal ids */
	const char *query;
	const char *remote_addr;
	const char *user_agent;
	const char *content_type;
	size_t content_length;
	int https;
	const char *csrf_header;        /* X-CSRF-Token */
	struct kvlist cookies, query_args, fields, files;
	cJSON *json;                    /* the body object when it was JSON */
	const struct route *route;
	struct session *session;        /* NULL when not logged in */

	/* reply state */
	struct kvlist out_headers;      /* extra headers, e.g. Set-Cookie */
	cJSON *field_errors;            /* per-field messages collected by input checks */
	const char *csrf_cookie;        /* the CSRF token the client holds after this reply */
	int replied;
	int status;                     /* status sent, for the access log */
};

/* Fills method, path, query, cookies etc. from the CGI environment. */
void request_from_env(struct request *r, struct arena *a);
/* Parses `body` per Content-Type into fields/files/json. Returns FORM_OK or the error. */
enum form_err request_parse_body(struct request *r, const char *body, size_t len);

const char *req_cookie(const struct request *r, const char *name);
const char *req_arg(const struct request *r, const char *name);     /* query string */
/* A body field that passed the route's input checks; NULL when absent or empty. */
const char *req_field(const struct request *r, const char *name);
/* The "version" field of a write (an optimistic-lock counter the route's inputs checked). */
long long req_version(const struct request *r);
const struct kv *req_file(const struct request *r, const char *name);

#endif
