/* Replies that several programs share (cgi-bin/replies.c). */
#ifndef EP_REPLIES_H
#define EP_REPLIES_H
#include "ep.h"
#include "pool/expert.h"

/* Checks the request's captcha_id/captcha fields. Returns 1 when right; otherwise it has
 * replied (422 on the captcha field, or the database error) and returns 0. */
int captcha_require(struct request *r);

/* sms_code_send, then the reply: {"sent":true,"resend_after":60}, 429 or the database error. */
void sms_code_reply(struct request *r, const char *phone, enum code_purpose p, int deliver);

/* Replies with the expert's current certificate as a PDF or PNG download (404 证书待生成
 * while there is none). */
void cert_reply(struct request *r, const struct expert *e, int png);

#endif
