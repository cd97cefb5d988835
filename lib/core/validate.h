/* Validators for values people type: each returns NULL when the value is good, or the
 * Chinese message to show beside the field. Pure functions, unit tested. */
#ifndef EP_VALIDATE_H
#define EP_VALIDATE_H

#include "core/arena.h"
#include "core/time.h"

const char *check_phone(const char *e164);          /* +86 / +852 / +853 / +886 / other */
/* Canonical E.164: spaces and hyphens removed, Taiwan's trunk 0 dropped (+886 09… → +886 9…). */
char *normalize_phone(struct arena *a, const char *s);
/* An account is normalised as a phone when it starts with '+'. */
char *normalize_account(struct arena *a, const char *s);
const char *check_sms_code(const char *s);          /* 6 digits */
const char *check_captcha_answer(const char *s);
const char *check_username(const char *s);
/* The rules of any password; those that depend on the account are account/password.h's. */
const char *check_password(const char *s);
const char *check_person_name(const char *s);
const char *check_account(const char *s);           /* a phone (E.164) or a username */
const char *check_portal(const char *s);            /* expert | admin */
const char *check_version(const char *s);           /* an optimistic-lock counter: 0… */

/* Mainland resident ID (居民身份证): 18 characters, region, birth date, check character. */
struct idcard {
	int year, month, day;
	int male;
};
const char *check_idcard(const char *s, struct idcard *out);   /* out may be NULL */
/* Unified social credit code (统一社会信用代码, GB 32100-2015) with its check character. */
const char *check_credit_code(const char *s);

#endif
