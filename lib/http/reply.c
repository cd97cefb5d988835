/* Reply output through libfcgi's stdio (which is plain stdio under CGI). */
#include <fcgi_stdio.h>
#include <string.h>
#include <strings.h>
#include "core/config.h"
#include "http/reply.h"
#include "http/run.h"

static const struct { int status; const char *code, *message; } errors[E__MAX] = {
	[E_BAD_REQUEST] = { 400, "bad_request", "请求格式错误" },
	[E_UNAUTHORIZED] = { 401, "unauthorized", "请先登录" },
	[E_LOGIN_FAILED] = { 401, "login_failed", "账号、密码或验证码错误" },
	[E_CSRF] = { 403, "csrf", "页面已过期，请刷新后重试" },
	[E_FORBIDDEN] = { 403, "forbidden", "没有权限执行此操作" },
	[E_PW_CHANGE] = { 403, "password_change_required", "请先修改初始密码" },
	[E_NOT_FOUND] = { 404, "not_found", "请求的内容不存在" },
	[E_METHOD] = { 405, "method_not_allowed", "不支持的请求方法" },
	[E_CONFLICT] = { 409, "conflict", "数据已被修改，请刷新后重试" },
	[E_PHONE_TAKEN] = { 409, "phone_taken", "该手机号已注册" },
	[E_USERNAME_TAKEN] = { 409, "username_taken", "该用户名已被使用" },
	[E_TOO_LARGE] = { 413, "too_large", "提交的内容过大" },
	[E_INVALID] = { 422, "invalid", "输入有误，请检查标红的项目" },
	[E_RATE_LIMITED] = { 429, "rate_limited", "操作过于频繁，请稍后再试" },
	[E_LOCKED] = { 429, "account_locked", "该账号在当前网络登录失败次数过多，请15分钟后再试" },
	[E_INTERNAL] = { 500, "internal", "系统繁忙，请稍后再试" },
	[E_DB_DOWN] = { 503, "db_unavailable", "系统维护中，请稍后再试" },
	[E_EXPERT_SUSPENDED] = { 403, "expert_suspended", "您的专家资格已暂停，不能执行此操作" },
	[E_EXPERT_REMOVED] = { 403, "expert_removed", "您已出库，不能执行此操作" },
};

static const char *reason(int status)
{
	static const struct { int status; const char *text; } table[] = {
		{ 200, "OK" }, { 201, "Created" }, { 204, "No Content" }, { 400, "Bad Request" },
		{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 409, "Conflict" }, { 413, "Payload Too Large" },
		{ 422, "Unprocessable Entity" }, { 429, "Too Many Requests" },
		{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].status == status)
			return table[i].text;
	return "Unknown";
}

void reply_header(struct request *r, const char *name, const char *value)
{
	struct kv h = { .key = name, .val = arena_strdup(r->arena, value) };
	kv_add(r->arena, &r->out_headers, &h);
}

static int secure_cookies(const struct request *r)
{
	if (strcasecmp(cfg.cookie_secure, "yes") == 0)
		return 1;
	if (strcasecmp(cfg.cookie_secure, "no") == 0)
		return 0;
	return r->https;
}

void reply_cookie(struct request *r, const char *name, const char *value, long max_age,
                  int http_only, const char *same_site)
{
	char *v = arena_printf(r->arena, "%s=%s; Path=/; SameSite=%s%s%s", name, value, same_site,
	                       http_only ? "; HttpOnly" : "", secure_cookies(r) ? "; Secure" : "");
	if (max_age >= 0)
		v = arena_printf(r->arena, "%s; Max-Age=%ld", v, max_age);
	size_t nl = strlen(name);
	for (size_t i = 0; i < r->out_headers.n; i++) {      /* a later value replaces an earlier one */
		struct kv *h = &r->out_headers.v[i];
		if (strcmp(h->key, "Set-Cookie") == 0 && strncmp(h->val, name, nl) == 0 && h->val[nl] == '=') {
			h->val = v;
			return;
		}
	}
	reply_header(r, "Set-Cookie", v);
}

#define STREAMED ((size_t)-1)         /* no Content-Length: the body follows in pieces */

static void head(struct request *r, int status, const char *ctype, size_t len)
{
	r->replied = 1;
	r->status = status;
	/* built here, not with libfcgi's printf, which lacks %zu */
	char *h = arena_printf(r->arena,
	                       "Status: %d %s\r\n"
	                       "Content-Type: %s\r\n"
	                       "X-Content-Type-Options: nosniff\r\n"
	                       "X-Frame-Options: DENY\r\n"
	                       "Referrer-Policy: same-origin\r\n",
	                       status, reason(status), ctype);
	if (len != STREAMED)
		h = arena_printf(r->arena, "%sContent-Length: %zu\r\n", h, len);
	for (size_t i = 0; i < r->out_headers.n; i++)
		h = arena_printf(r->arena, "%s%s: %s\r\n", h, r->out_headers.v[i].key, r->out_headers.v[i].val);
	h = arena_printf(r->arena, "%s\r\n", h);
	fwrite(h, 1, strlen(h), stdout);
}

void reply_json(struct request *r, int status, cJSON *body)
{
	char *text = cJSON_PrintUnformatted(body);
	if (text == NULL) {
		status = 500;
		text = "{\"error\":{\"code\":\"internal\",\"message\":\"系统繁忙，请稍后再试\"}}";
	}
	reply_header(r, "Cache-Control", "no-store");
	reply_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
	size_t len = strlen(text);
	head(r, status, "application/json; charset=utf-8", len);
	if (r->method != M_HEAD)
		fwrite(text, 1, len, stdout);
}

static cJSON *error_body(enum err e, const char *message, cJSON **inner)
{
	cJSON *body = cJSON_CreateObject();
	*inner = cJSON_AddObjectToObject(body, "error");
	cJSON_AddStringToObject(*inner, "code", errors[e].code);
	cJSON_AddStringToObject(*inner, "message", message ? message : errors[e].message);
	return body;
}

void reply_error(struct request *r, enum err e, const char *message)
{
	cJSON *inner;
	cJSON *body = error_body(e, message, &inner);
	if (has_field_errors(r))
		cJSON_AddItemToObject(inner, "fields", r->field_errors);
	if (e == E_METHOD && r->route != NULL)
		reply_header(r, "Allow", r->route->method == M_GET ? "GET, HEAD" : "POST");
	reply_json(r, errors[e].status, body);
}

void reply_retry(struct request *r, enum err e, long retry_after, const char *message)
{
	cJSON *inner;
	cJSON *body = error_body(e, message, &inner);
	if (retry_after < 1)
		retry_after = 1;
	cJSON_AddNumberToObject(inner, "retry_after", (double)retry_after);
	reply_header(r, "Retry-After", arena_printf(r->arena, "%ld", retry_after));
	reply_json(r, errors[e].status, body);
}

void field_error(struct request *r, const char *field, const char *message)
{
	if (r->field_errors == NULL)
		r->field_errors = cJSON_CreateObject();
	if (!cJSON_HasObjectItem(r->field_errors, field))     /* the first problem of a field */
		cJSON_AddStringToObject(r->field_errors, field, message);
}

int has_field_error(const struct request *r, const char *field)
{
	return r->field_errors != NULL && cJSON_HasObjectItem(r->field_errors, field);
}

int has_field_errors(const struct request *r)
{
	return r->field_errors != NULL && r->field_errors->child != NULL;
}

void reply_field_errors(struct request *r)
{
	cJSON *inner;
	cJSON *body = error_body(E_INVALID, NULL, &inner);
	cJSON_AddItemToObject(inner, "fields", r->field_errors ? r->field_errors : cJSON_CreateObject());
	reply_json(r, 422, body);
}

void reply_invalid(struct request *r, const char *field, const char *message)
{
	field_error(r, field, message);
	reply_field_errors(r);
}

/* Content-Disposition per RFC 6266: an ASCII fallback and the UTF-8 name percent-encoded. */
static void disposition(struct request *r, const char *filename, int inline_)
{
	if (filename != NULL) {
		char *enc = arena_alloc(r->arena, strlen(filename) * 3 + 1), *p = enc;
		for (const unsigned char *s = (const unsigned char *)filename; *s; s++) {
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			    strchr("-._~", *s) != NULL)
				*p++ = (char)*s;
			else
				p += snprintf(p, 4, "%%%02X", *s);
		}
		reply_header(r, "Content-Disposition",
		             arena_printf(r->arena, "%s; filename=\"download\"; filename*=UTF-8''%s",
		                          inline_ ? "inline" : "attachment", enc));
	}
}

/* The head of every download, in one place: besides nosniff (head), a sandbox — a file opened
 * in the browser (an uploaded PDF, anything a browser might still take for a page) runs in an
 * origin of its own, without scripts, never as the site. */
static void download_head(struct request *r, const char *ctype, const char *filename, int inline_,
                          size_t len)
{
	disposition(r, filename, inline_);
	reply_header(r, "Cache-Control", "private, no-store");
	reply_header(r, "Content-Security-Policy", "sandbox");
	head(r, 200, ctype, len);
}

void reply_file(struct request *r, const char *ctype, const char *filename, int inline_,
                const void *data, size_t len)
{
	download_head(r, ctype, filename, inline_, len);
	if (r->method != M_HEAD)
		fwrite((void *)data, 1, len, stdout);
}

void json_text(cJSON *o, const char *key, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

void reply_stream(struct request *r, const char *ctype, const char *filename)
{
	download_head(r, ctype, filename, 0, STREAMED);
}

void reply_write(struct request *r, const void *data, size_t len)
{
	if (r->method != M_HEAD && len > 0)
		fwrite((void *)data, 1, len, stdout);
}

void reply_result(struct request *r, enum result res, const char *message)
{
	static const enum err of_result[] = {
		[RES_NOT_FOUND] = E_NOT_FOUND, [RES_CONFLICT] = E_CONFLICT, [RES_INVALID] = E_INVALID,
		[RES_FORBIDDEN] = E_FORBIDDEN,
	};
	if (res == RES_FAILED || res == RES_OK || (size_t)res >= sizeof of_result / sizeof of_result[0]) {
		reply_db_error(r);      /* RES_OK here is a caller's mistake: a failure, not a success */
		return;
	}
	if (res == RES_INVALID && has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	reply_error(r, of_result[res], message);
}
