/* Image captchas: a PNG drawn with libgd, the answer kept as an HMAC, single use, 5 minutes. */
#ifndef EP_CAPTCHA_H
#define EP_CAPTCHA_H
#include "arena.h"

#define CAPTCHA_SECONDS 300

/* Creates a captcha: *id and *png (a PNG image of *pnglen bytes). Returns 0 or -1. */
int captcha_new(struct arena *a, char **id, unsigned char **png, size_t *pnglen);
/* Checks and consumes a captcha: 1 right, 0 wrong/expired/unknown, -1 database failure.
 * Any attempt uses it up. */
int captcha_take(const char *id, const char *answer);
struct request;
/* Checks the request's captcha_id/captcha fields. Returns 1 when right; otherwise it has
 * replied (422 on the captcha field, or the database error) and returns 0. */
int captcha_require(struct request *r);
/* Draws `text` as a captcha PNG (exposed for tests). */
unsigned char *captcha_draw(struct arena *a, const char *text, size_t *len);

#endif
