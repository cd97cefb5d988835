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

/* A citizen identity number (GB 11643: 居民身份证, and 港澳台居民居住证 with regions 81–83):
 * 18 characters, region, birth date, check character. */
struct idcard {
	int year, month, day;           /* year 0: the number does not tell */
	int male;
};
const char *check_idcard(const char *s, struct idcard *out);   /* out may be NULL */

/* The number of each identity document, by its own format (letters in either case). Each
 * fills `out` (may be NULL) with the birth date and gender when the number holds them. */
const char *check_mainland_id(const char *s, struct idcard *out);       /* GB 11643, not 81–83 */
const char *check_residence_permit(const char *s, struct idcard *out);  /* GB 11643, 810000/820000/830000 */
const char *check_hkmo_permit(const char *s, struct idcard *out);       /* H/M + 8 digits (older: 10) */
const char *check_tw_permit(const char *s, struct idcard *out);         /* 8 digits (older: 10 characters) */
const char *check_passport(const char *s, struct idcard *out);          /* 5–20 letters or digits */
const char *check_foreign_pr(const char *s, struct idcard *out);        /* 3 letters + 12 digits, or 9 + 17 */
/* An ID number as it is compared and hashed: upper case, without spaces and hyphens, so that
 * one number is one number whatever the type it was entered under and however it was typed. */
char *normalize_id_number(struct arena *a, const char *s);
/* Unified social credit code (统一社会信用代码, GB 32100-2015) with its check character. */
const char *check_credit_code(const char *s);

#endif
