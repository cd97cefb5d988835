/* captcha: image captchas for the login and registration forms. */
#include "ep.h"

/* GET /new: a captcha as a data URI, rate-limited per IP. */
static void captcha_create(struct request *r)
{
	long wait = ratelimit_hit(arena_printf(r->arena, "captcha-ip:%s", r->remote_addr), 60,
	                          LIMIT_CAPTCHA_PER_IP_MINUTE);
	if (wait < 0) {
		reply_db_error(r);
		return;
	}
	if (wait > 0) {
		reply_retry(r, E_RATE_LIMITED, wait, NULL);
		return;
	}
	char *id;
	unsigned char *png;
	size_t len;
	if (captcha_new(r->arena, &id, &png, &len) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "image",
	                        arena_printf(r->arena, "data:image/png;base64,%s", base64_encode(r->arena, png, len)));
	cJSON_AddNumberToObject(o, "expires_in", CAPTCHA_SECONDS);
	reply_json(r, 200, o);
}

static const struct route routes[] = {
	{ M_GET, "/new", captcha_create, PUBLIC, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
