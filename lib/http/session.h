/* Sessions in the database: a random cookie token stored as its SHA-256, idle and absolute
 * expiry per portal, and the CSRF token derived from the cookie token by HMAC. */
#ifndef EP_SESSION_H
#define EP_SESSION_H
#include "http/request.h"

#define SESSION_COOKIE "ep_session"
#define CSRF_COOKIE "ep_csrf"

struct session {
	long long id, user_id;
	const char *portal;             /* "expert" or "admin" */
	unsigned roles;                 /* the user's roles active in this portal */
	const char *phone, *username, *name;
	int must_change_password;
	const char *csrf;               /* the token bound to this session */
};

/* Loads the session named by the cookie into r->session (NULL if none or expired).
 * Returns 0, or -1 on a database failure. */
int session_load(struct request *r);
/* Starts a session for a user in a portal: cookies for the token and its CSRF token.
 * Returns 0 or -1. */
int session_start(struct request *r, long long user_id, const char *portal);
/* session_start for a login: the session the request carried, if any (the same user or another,
 * either portal: one cookie serves both), is deleted first, so that a browser holds one session.
 * Call inside the transaction that starts the new one. Returns 0 or -1. */
int session_replace(struct request *r, long long user_id, const char *portal);
/* Ends the current session and clears its cookie. */
int session_end(struct request *r);
/* Ends every session of a user. */
int session_end_all(long long user_id);
/* The roles a portal grants out of a user's roles. */
unsigned portal_roles(const char *portal, unsigned user_roles);
/* Makes sure the client holds a CSRF cookie (anonymous: random; logged in: the session's). */
void csrf_ensure(struct request *r);
/* True when the request carries the right X-CSRF-Token. */
int csrf_ok(const struct request *r);

#endif
