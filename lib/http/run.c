/* The request loop: route lookup, limits, session, CSRF, roles, the route's guard, body,
 * inputs, handler.
 * Checks run in that order, each refusing with its own status before anything is changed. */
#include <fcgi_stdio.h>
#include <fcgiapp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "core/log.h"
#include "http/jsonbody.h"
#include "http/reply.h"
#include "http/session.h"
#include "http/run.h"

static void *json_alloc(size_t n) { return arena_alloc(arena_current, n); }
static void json_free(void *p) { (void)p; }    /* the arena frees everything at once */

int program_init(struct arena *a)
{
	arena_current = a;
	cJSON_Hooks hooks = { .malloc_fn = json_alloc, .free_fn = json_free };
	cJSON_InitHooks(&hooks);
	if (crypto_init() != 0) {
		fputs("expertpool: libsodium failed to initialise\n", stderr);
		return -1;
	}
	return config_load();
}

void reply_db_error(struct request *r)
{
	db_rollback();
	if (db_down())
		reply_error(r, E_DB_DOWN, NULL);
	else if (db_failure() == DB_RETRY)
		reply_error(r, E_CONFLICT, "系统繁忙，请重试");
	else
		reply_error(r, E_INTERNAL, NULL);
}

/* A positive decimal id of at most 18 digits (no sign, no leading zero): its value, or 0. */
static long long path_id(const char *s, size_t len)
{
	if (len == 0 || len > 18 || s[0] == '0')
		return 0;
	long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Matches a path against a pattern whose "*" segments match any one segment and whose "#"
 * segments match a positive decimal id (anything else there is no match: 404). */
static int path_match(struct request *r, const char *pattern, const char *path)
{
	size_t np = 0, ni = 0;
	while (*pattern != '\0' && *path != '\0') {
		int any = pattern[0] == '*', id = pattern[0] == '#';
		if ((any || id) && (pattern[1] == '/' || pattern[1] == '\0')) {
			size_t len = strcspn(path, "/");
			if (len == 0)
				return 0;
			if (any) {
				if (np == sizeof r->params / sizeof r->params[0])
					return 0;
				r->params[np++] = arena_strndup(r->arena, path, len);
			} else {
				if (ni == sizeof r->ids / sizeof r->ids[0] || (r->ids[ni] = path_id(path, len)) == 0)
					return 0;
				ni++;
			}
			pattern++;
			path += len;
		} else if (*pattern++ != *path++) {
			return 0;
		}
	}
	/* a trailing slash is optional */
	if (*path == '/' && path[1] == '\0')
		path++;
	if (*pattern == '/' && pattern[1] == '\0' && *path == '\0')
		pattern++;
	return *pattern == '\0' && *path == '\0';
}

static const struct route *find_route(struct request *r, const struct route *routes, size_t n,
                                      int *other_method)
{
	*other_method = 0;
	for (size_t i = 0; i < n; i++) {
		if (!path_match(r, routes[i].path, r->path))
			continue;
		if (routes[i].method == r->method || (routes[i].method == M_GET && r->method == M_HEAD))
			return &routes[i];
		*other_method = 1;
		r->route = &routes[i];      /* for the Allow header */
	}
	return NULL;
}

static int read_body(struct request *r, char **body)
{
	*body = arena_alloc(r->arena, r->content_length + 1);
	size_t got = 0;
	while (got < r->content_length) {
		size_t n = fread(*body + got, 1, r->content_length - got, stdin);
		if (n == 0)
			return -1;
		got += n;
	}
	return 0;
}

static void serve(struct request *r, const struct route *routes, size_t n)
{
	int other_method;
	const struct route *rt = find_route(r, routes, n, &other_method);
	if (rt == NULL) {
		reply_error(r, other_method ? E_METHOD : E_NOT_FOUND, NULL);
		return;
	}
	r->route = rt;
	if (r->content_length > rt->body_limit) {
		reply_error(r, E_TOO_LARGE, NULL);
		return;
	}
	/* who may call it, from the headers alone: no body is read for a caller who may not */
	if (session_load(r) != 0) {
		reply_db_error(r);
		return;
	}
	csrf_ensure(r);
	if (r->method != M_GET && r->method != M_HEAD && !csrf_ok(r)) {
		reply_error(r, E_CSRF, NULL);
		return;
	}
	if (rt->roles != PUBLIC) {
		if (r->session == NULL) {
			reply_error(r, E_UNAUTHORIZED, NULL);
			return;
		}
		if (rt->roles != ANY_USER && (r->session->roles & rt->roles) == 0) {
			reply_error(r, E_FORBIDDEN, NULL);
			return;
		}
		if (r->session->must_change_password && !(rt->flags & ALLOW_PENDING_PASSWORD)) {
			reply_error(r, E_PW_CHANGE, NULL);
			return;
		}
	}
	if (rt->guard != NULL && !rt->guard(r))
		return;
	char *body = NULL;
	if (read_body(r, &body) != 0) {
		reply_error(r, E_BAD_REQUEST, "请求内容不完整");
		return;
	}
	enum form_err fe = request_parse_body(r, body, r->content_length);
	size_t items = r->json != NULL ? jsonbody_items(r->json) : r->fields.n + r->files.n;
	if (fe == FORM_OK && items > (rt->max_items ? rt->max_items : ROUTE_MAX_ITEMS))
		fe = FORM_TOO_MANY;
	if (fe != FORM_OK) {
		reply_error(r, E_BAD_REQUEST, form_strerror(fe));
		return;
	}
	/* the declared fields, then the route's own checks: every error in one 422 */
	input_check(r, rt->fields);
	if (rt->check != NULL)
		rt->check(r);
	if (r->replied)         /* a check that could not be made (e.g. a database failure) */
		return;
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	rt->handler(r);
	if (!r->replied) {
		log_error_msg("expertpool: %s %s: handler sent no reply\n", r->method_name, r->path);
		reply_error(r, E_INTERNAL, NULL);
	}
}

static void (*between)(void);

void run_between_requests(void (*fn)(void))
{
	between = fn;
}

/* With EXPERTPOOL_ROUTES=1 in its environment a program prints its route table as JSON lines
 * and exits, so that the tests can call every route of every program (the authorization matrix
 * is made from the tables themselves: no route escapes it). A web server never passes this
 * variable: the request's own headers reach a program only as HTTP_*. */
static int print_routes(const struct route *routes, size_t n)
{
	static const char *const methods[] = { [M_GET] = "GET", [M_POST] = "POST", [M_PUT] = "PUT",
		[M_DELETE] = "DELETE", [M_HEAD] = "HEAD", [M_OTHER] = "OTHER" };
	/* fcgi_stdio's printf writes nowhere before the first FCGI_Accept: write(2) instead */
	for (size_t i = 0; i < n; i++) {
		const struct route *rt = &routes[i];
		char line[512];
		int len = snprintf(line, sizeof line, "{\"method\":\"%s\",\"path\":\"%s\",\"roles\":%u,\"public\":%s,\"any_user\":%s,"
		       "\"body_limit\":%zu}\n", methods[rt->method], rt->path, rt->roles & ROLES_ALL,
		       rt->roles == PUBLIC ? "true" : "false", rt->roles == ANY_USER ? "true" : "false",
		       rt->body_limit);
		if (len < 0 || (size_t)len >= sizeof line || write(STDOUT_FILENO, line, (size_t)len) != len)
			return 1;
	}
	return 0;
}

int run(const struct route *routes, size_t nroutes)
{
	static struct arena arena;
	const char *list = getenv("EXPERTPOOL_ROUTES");
	if (list != NULL && strcmp(list, "1") == 0)
		return print_routes(routes, nroutes);
	if (program_init(&arena) != 0)
		return 1;
	while (FCGI_Accept() >= 0) {
		struct request r;
		arena_reset(&arena);
		db_request_start();
		request_from_env(&r, &arena);
		serve(&r, routes, nroutes);
		if (db_in_transaction()) {
			log_error_msg("expertpool: %s %s: transaction left open, rolled back\n",
			        r.method_name, r.path);
			db_rollback();
		}
		FCGI_Finish();
		if (between != NULL && !FCGX_IsCGI())
			between();
	}
	db_close();
	return 0;
}
