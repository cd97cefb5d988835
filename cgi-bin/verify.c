/* verify: the public check of a certificate, reached from its QR code. Without the number's
 * HMAC tag there is nothing to see, so numbers cannot be tried one after another. */
#include <string.h>
#include "ep.h"
#include "pool/certificate.h"

/* GET /<cert_no>?t=<tag> */
static void verify_get(struct request *r)
{
	const char *no = r->params[0], *tag = req_arg(r, "t");
	if (strlen(no) > 32 || !cert_tag_ok(no, tag)) {
		reply_error(r, E_NOT_FOUND, "未找到该证书，或链接不完整");
		return;
	}
	struct certificate c;
	long long past, expert_id;
	char *expert_status, *name, *expert_no, *profile;
	int rc = db_one(SQL_CERT_VERIFY, "s", "issssiissss", no, &c.id, (char **)&c.cert_no,
	                (char **)&c.status, (char **)&c.issued_on, (char **)&c.valid_until, &past,
	                &expert_id, &expert_status, &name, &expert_no, &profile);
	if (rc <= 0) {
		if (rc < 0)
			reply_db_error(r);
		else
			reply_error(r, E_NOT_FOUND, "未找到该证书，或链接不完整");
		return;
	}
	c.past = past != 0;
	c.revoked_at = c.revoke_reason = NULL;
	const char *live = cert_live_status(&c, expert_status);
	cJSON *p = cJSON_Parse(profile), *paths = specialty_paths(p ? p : cJSON_CreateObject());
	if (paths == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject(), *x = cJSON_AddObjectToObject(o, "certificate");
	cJSON_AddStringToObject(x, "cert_no", c.cert_no);
	cJSON_AddStringToObject(x, "name", mask_name(r->arena, name));
	cJSON_AddStringToObject(x, "expert_no", expert_no);
	cJSON *list = cJSON_AddArrayToObject(x, "specialties"), *e;
	cJSON_ArrayForEach(e, paths)
		cJSON_AddItemToArray(list, cJSON_CreateString(cJSON_GetObjectItem(e, "path")->valuestring));
	cJSON_AddStringToObject(x, "issued_on", c.issued_on);
	cJSON_AddStringToObject(x, "valid_until", c.valid_until);
	cJSON_AddStringToObject(x, "issuer", *cfg.authority ? cfg.authority : cfg.site_name);
	cJSON_AddStringToObject(x, "status", live);
	cJSON_AddStringToObject(x, "status_label", cert_status_label(live));
	reply_json(r, 200, o);
}

static const struct route routes[] = {
	{ M_GET, "/*", verify_get, PUBLIC, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
