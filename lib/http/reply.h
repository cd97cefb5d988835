/* Writing the reply: status with its reason phrase, security headers, cookies, JSON bodies,
 * the error envelope, downloads. Exactly one reply per request. */
#ifndef EP_REPLY_H
#define EP_REPLY_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "http/request.h"
#include "core/result.h"

/* The error codes of the API (docs/API.md); each has its HTTP status and Chinese message. */
enum err {
	E_BAD_REQUEST, E_UNAUTHORIZED, E_LOGIN_FAILED, E_CSRF, E_FORBIDDEN, E_PW_CHANGE,
	E_NOT_FOUND, E_METHOD, E_CONFLICT, E_PHONE_TAKEN, E_USERNAME_TAKEN, E_TOO_LARGE,
	E_INVALID, E_RATE_LIMITED, E_LOCKED, E_INTERNAL, E_DB_DOWN,
	E_EXPERT_SUSPENDED, E_EXPERT_REMOVED,
	E__MAX
};

void reply_header(struct request *r, const char *name, const char *value);
/* Set-Cookie with Path=/, SameSite and HttpOnly as given, Secure per configuration. */
void reply_cookie(struct request *r, const char *name, const char *value, long max_age,
                  int http_only, const char *same_site);

void reply_json(struct request *r, int status, cJSON *body);
/* {"error":{code,message}} with the code's status; `message` NULL uses the code's default. */
void reply_error(struct request *r, enum err e, const char *message);
/* 429 with retry_after in the body and a Retry-After header. */
void reply_retry(struct request *r, enum err e, long retry_after, const char *message);

/* A domain's result that is not RES_OK as its error reply: 404, 409, 422 (the field errors
 * collected, else `message` on no field), 403, or the database's. `message` NULL: the code's own. */
void reply_result(struct request *r, enum result res, const char *message);

/* Per-field form errors: collect, then send one 422 with all of them. */
void field_error(struct request *r, const char *field, const char *message);
int has_field_errors(const struct request *r);
int has_field_error(const struct request *r, const char *field);      /* this one has one */
void reply_field_errors(struct request *r);
/* A 422 with a single field error. */
void reply_invalid(struct request *r, const char *field, const char *message);

/* A download written in pieces (no Content-Length): reply_stream, then reply_write as often
 * as needed. Headers as for reply_file. */
void reply_stream(struct request *r, const char *ctype, const char *filename);
void reply_write(struct request *r, const void *data, size_t len);
/* Adds a string, or null when v is NULL. */
void json_text(cJSON *o, const char *key, const char *v);
/* A file: Content-Type, Content-Disposition (attachment or inline), nosniff and
 * Content-Security-Policy: sandbox (as for reply_stream). */
void reply_file(struct request *r, const char *ctype, const char *filename, int inline_,
                const void *data, size_t len);

#endif
