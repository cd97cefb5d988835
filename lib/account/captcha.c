/* Captcha drawing and checking. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <gd.h>
#include <gdfonts.h>
#include <gdfontg.h>
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "http/run.h"
#include "account/captcha.h"

#define CHARS 4
#define W 60
#define H 22
#define SCALE 2

static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static void answer_hash(unsigned char out[HASH_BYTES], const char *id, const char *answer)
{
	char norm[16];
	size_t n = strlen(answer);
	if (n >= sizeof norm)
		n = sizeof norm - 1;
	for (size_t i = 0; i < n; i++)
		norm[i] = (char)toupper((unsigned char)answer[i]);
	norm[n] = '\0';
	const char *parts[] = { "captcha", id, norm };
	hmac_parts(out, parts, 3);
}

unsigned char *captcha_draw(struct arena *a, const char *text, size_t *len)
{
	gdImagePtr small = gdImageCreateTrueColor(W, H);
	gdImagePtr big = gdImageCreateTrueColor(W * SCALE, H * SCALE);
	unsigned char *out = NULL;
	if (small == NULL || big == NULL)
		goto done;
	gdImageFilledRectangle(small, 0, 0, W - 1, H - 1, gdTrueColor(240, 244, 250));
	for (int i = 0; i < 40; i++)        /* speckles */
		gdImageSetPixel(small, (int)random_below(W), (int)random_below(H),
		                gdTrueColor(120 + (int)random_below(100), 120 + (int)random_below(100),
		                            120 + (int)random_below(100)));
	gdFontPtr font = gdFontGetGiant();
	for (int i = 0; text[i] != '\0'; i++) {
		int color = gdTrueColor((int)random_below(110), (int)random_below(90), 60 + (int)random_below(120));
		int x = 5 + i * 13 + (int)random_below(3);
		int y = 1 + (int)random_below(6);
		gdImageChar(small, font, x, y, text[i], color);
	}
	for (int i = 0; i < 3; i++)         /* strike-through lines */
		gdImageLine(small, (int)random_below(W / 3), (int)random_below(H),
		            W - 1 - (int)random_below(W / 3), (int)random_below(H),
		            gdTrueColor(90 + (int)random_below(100), 90 + (int)random_below(100),
		                        90 + (int)random_below(100)));
	gdImageCopyResampled(big, small, 0, 0, 0, 0, W * SCALE, H * SCALE, W, H);
	int size = 0;
	void *png = gdImagePngPtr(big, &size);
	if (png != NULL && size > 0) {
		out = arena_alloc(a, (size_t)size);
		memcpy(out, png, (size_t)size);
		*len = (size_t)size;
	}
	gdFree(png);
done:
	if (small)
		gdImageDestroy(small);
	if (big)
		gdImageDestroy(big);
	return out;
}

/* Testing deployments may log answers so automated tests can read them (never in production). */
static void log_answer(const char *id, const char *text)
{
	if (*cfg.captcha_answer_log == '\0')
		return;
	FILE *f = fopen(cfg.captcha_answer_log, "a");
	if (f == NULL)
		return;
	fprintf(f, "%s %s\n", id, text);
	fclose(f);
}

int captcha_new(struct arena *a, char **id, unsigned char **png, size_t *pnglen)
{
	char text[CHARS + 1];
	for (int i = 0; i < CHARS; i++)
		text[i] = alphabet[random_below(sizeof alphabet - 1)];
	text[CHARS] = '\0';
	*id = token_new(a, 16);
	*png = captcha_draw(a, text, pnglen);
	if (*png == NULL)
		return -1;
	unsigned char h[HASH_BYTES];
	answer_hash(h, *id, text);
	/* keep the table small: an occasional purge of expired rows */
	if (random_below(50) == 0 && db_exec(SQL_CAPTCHA_PURGE, "") != 0)
		return -1;
	if (db_exec(SQL_CAPTCHA_INSERT, "sb", *id, h, sizeof h) != 0)
		return -1;
	log_answer(*id, text);
	return 0;
}

int captcha_take(const char *id, const char *answer)
{
	unsigned char h[HASH_BYTES];
	answer_hash(h, id, answer);
	if (db_exec(SQL_CAPTCHA_TAKE, "sb", id, h, sizeof h) != 0)
		return -1;
	if (db_affected(SQL_CAPTCHA_TAKE) == 1)
		return 1;
	return db_exec(SQL_CAPTCHA_DISCARD, "s", id) != 0 ? -1 : 0;
}
