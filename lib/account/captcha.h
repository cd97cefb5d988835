/* Image captchas: a PNG drawn with libgd, the answer kept as an HMAC, single use, 5 minutes. */
#ifndef EP_CAPTCHA_H
#define EP_CAPTCHA_H
#include "core/arena.h"

#define CAPTCHA_SECONDS 300

/* Creates a captcha: *id and *png (a PNG image of *pnglen bytes). Returns 0 or -1. */
int captcha_new(struct arena *a, char **id, unsigned char **png, size_t *pnglen);
/* Checks and consumes a captcha: 1 right, 0 wrong/expired/unknown, -1 database failure.
 * Any attempt uses it up. */
int captcha_take(const char *id, const char *answer);

/* Draws `text` as a captcha PNG (exposed for tests). */
unsigned char *captcha_draw(struct arena *a, const char *text, size_t *len);

#endif
