/* SMS: every message goes through the outbox table (sms-dispatch delivers it); verification
 * codes are kept as an HMAC, expire in 5 minutes, allow 5 wrong tries and are single use. */
#ifndef EP_SMS_H
#define EP_SMS_H
#include "http/request.h"

enum code_purpose { CODE_REGISTER, CODE_LOGIN, CODE_RESET };

/* Queues a message (the configured signature is prepended), made one line: control
 * characters become spaces (text_one_line). 0 or -1. */
int sms_queue(const char *phone, const char *text);

/* Sends a new code after the per-phone and per-IP limits. When `deliver` is 0 the limits are
 * counted but nothing is sent (a login code for an unknown phone must look the same).
 * Returns 0 sent, >0 seconds to wait (rate-limited), -1 database failure. */
long sms_code_send(struct request *r, const char *phone, enum code_purpose p, int deliver);


/* Checks a code and uses it up when right; a wrong one counts a try.
 * Runs in its own transaction. Returns 1 right, 0 wrong/expired/used, -1 failure. */
int sms_code_check(const char *phone, enum code_purpose p, const char *code);

#endif
