/* SMS: every message goes through the outbox table (sms-dispatch delivers it); verification
 * codes are kept as an HMAC, expire in 5 minutes, allow 5 wrong tries and are single use. */
#ifndef EP_SMS_H
#define EP_SMS_H
#include "http/request.h"

enum code_purpose { CODE_REGISTER, CODE_LOGIN, CODE_RESET };

/* Queues a message (the configured signature is prepended), made one line: control
 * characters become spaces (text_one_line). 0 or -1. */
int sms_queue(const char *phone, const char *text);
/* The part of a free text (a reason) that fits in a message: its first 40 characters, then …. */
const char *sms_excerpt(const char *text);

/* What a code request sends once its limits have passed. The reply is the same whichever it is,
 * so that it says nothing about the phone: nothing at all (a login code for a phone without an
 * account), a code, or a message that the phone already has an account (a registration code
 * asked for a registered phone: its owner learns it, the asker does not). */
enum code_delivery { DELIVER_NOTHING, DELIVER_CODE, DELIVER_REGISTERED };

/* Sends a new code (or what `d` says) after the per-phone and per-IP limits, which count the same
 * whatever is sent. Returns 0 sent, >0 seconds to wait (rate-limited), -1 database failure. */
long sms_code_send(struct request *r, const char *phone, enum code_purpose p, enum code_delivery d);

/* Checks a code and uses it up when right; a wrong one counts a try.
 * Runs in its own transaction. Returns 1 right, 0 wrong/expired/used, -1 failure. */
int sms_code_check(const char *phone, enum code_purpose p, const char *code);

/* The same check inside the caller's transaction, for a workflow that uses the code up only when
 * its other checks pass: 1 right (the code, locked, is *id: sms_code_use or sms_code_fail it),
 * 0 wrong, expired, used or tried 5 times (a wrong one has counted a try: commit it),
 * -1 failure. */
int sms_code_match(const char *phone, enum code_purpose p, const char *code, long long *id);
int sms_code_use(long long id);         /* uses the code up: 0 or -1 */
int sms_code_fail(long long id);        /* counts a try against it: 0 or -1 */

#endif
