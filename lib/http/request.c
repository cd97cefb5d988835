/* Reading the CGI/FastCGI environment and the body into a struct request. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http/request.h"
#include "http/jsonbody.h"

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v != NULL ? v : "";
}

static enum method method_of(const char *m)
{
	static const struct { const char *name; enum method m; } table[] = {
		{ "GET", M_GET }, { "POST", M_POST }, { "PUT", M_PUT },
		{ "DELETE", M_DELETE }, { "HEAD", M_HEAD },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(m, table[i].name) == 0)
			return table[i].m;
	return M_OTHER;
}

void request_from_env(struct request *r, struct arena *a)
{
	memset(r, 0, sizeof *r);
	r->arena = a;
	r->method_name = env("REQUEST_METHOD");
	r->method = method_of(r->method_name);
	r->path = env("PATH_INFO");
	if (*r->path == '\0')
		r->path = "/";
	r->query = env("QUERY_STRING");
	r->remote_addr = env("REMOTE_ADDR");
	r->user_agent = env("HTTP_USER_AGENT");
	r->content_type = env("CONTENT_TYPE");
	const char *cl = env("CONTENT_LENGTH");
	char *end;
	unsigned long long n = strtoull(cl, &end, 10);
	r->content_length = (*cl != '\0' && *end == '\0' && *cl != '-') ? (size_t)n : 0;
	if (*cl != '\0' && (*end != '\0' || *cl == '-'))
		r->content_length = (size_t)-1;       /* unparsable: refused as too large */
	const char *https = env("HTTPS");
	r->https = strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0;
	r->csrf_header = getenv("HTTP_X_CSRF_TOKEN");
	form_parse_cookies(a, getenv("HTTP_COOKIE"), &r->cookies);
	/* a bad query string leaves the arguments empty; routes needing them then fail checks */
	if (form_parse_urlencoded(a, r->query, strlen(r->query), &r->query_args) != FORM_OK)
		memset(&r->query_args, 0, sizeof r->query_args);
}

static int type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

enum form_err request_parse_body(struct request *r, const char *body, size_t len)
{
	if (len == 0)
		return FORM_OK;
	if (type_is(r->content_type, "application/json"))
		return jsonbody_parse(r->arena, body, len, &r->json, &r->fields);
	if (type_is(r->content_type, "application/x-www-form-urlencoded"))
		return form_parse_urlencoded(r->arena, body, len, &r->fields);
	const char *boundary = multipart_boundary(r->arena, r->content_type);
	if (boundary != NULL)
		return form_parse_multipart(r->arena, body, len, boundary, &r->fields, &r->files);
	return FORM_MALFORMED;
}

const char *req_cookie(const struct request *r, const char *name)
{
	const struct kv *kv = kv_find(&r->cookies, name);
	return kv ? kv->val : NULL;
}

const char *req_arg(const struct request *r, const char *name)
{
	const struct kv *kv = kv_find(&r->query_args, name);
	return kv ? kv->val : NULL;
}

const char *req_field(const struct request *r, const char *name)
{
	const struct kv *kv = kv_find(&r->fields, name);
	return kv != NULL && kv->val[0] != '\0' ? kv->val : NULL;
}

const struct kv *req_file(const struct request *r, const char *name)
{
	return kv_find(&r->files, name);
}

long long req_version(const struct request *r)
{
	const char *v = req_field(r, "version");
	return v != NULL ? strtoll(v, NULL, 10) : -1;
}
