/* verify: the public check of a certificate, reached from its QR code. Without the number's
 * HMAC tag there is nothing to see, so numbers cannot be tried one after another. */
#include <string.h>
#include "ep.h"
#include "db/rows.h"
#include "pool/certificate.h"
#include "pool/formats.h"
#include "pool/rows.def"

static const struct column cols[] = ROW_COLUMNS(CERT_VERIFY_ROW);

/* GET /<cert_no>?t=<tag> */
static void verify_get(struct request *r)
{
	const char *no = r->params[0], *tag = req_arg(r, "t");
	if (strlen(no) > 32 || !cert_tag_ok(no, tag)) {
		reply_error(r, E_NOT_FOUND, "未找到该证书，或链接不完整");
		return;
	}
	cJSON *x = NULL;
	int rc = db_exec(SQL_CERT_VERIFY, "s", no) == 0 ? db_row_json(r->arena, SQL_CERT_VERIFY, COLUMNS(cols), &x) : -1;
	if (rc <= 0) {
		if (rc < 0)
			reply_db_error(r);
		else
			reply_error(r, E_NOT_FOUND, "未找到该证书，或链接不完整");
		return;
	}
	/* the live status from the stored one, its dates and the expert's standing */
	cJSON *past = cJSON_DetachItemFromObject(x, "past"), *standing = cJSON_DetachItemFromObject(x, "expert_status");
	struct certificate c = { .status = cJSON_GetStringValue(cJSON_GetObjectItem(x, "status")), .past = cJSON_IsTrue(past) };
	const char *live = cert_live_status(&c, cJSON_GetStringValue(standing));
	cJSON_ReplaceItemInObject(x, "status", cJSON_CreateString(live));
	cJSON *profile = cJSON_DetachItemFromObject(x, "profile"), *paths = specialty_paths(profile);
	if (paths == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(x, "specialties"), *p;
	cJSON_ArrayForEach(p, paths)
		cJSON_AddItemToArray(list, cJSON_CreateString(cJSON_GetObjectItem(p, "path")->valuestring));
	cJSON_AddStringToObject(x, "issuer", *cfg.authority ? cfg.authority : cfg.site_name);
	cJSON_AddStringToObject(x, "status_label", cert_status_label(live));
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "certificate", x);
	reply_json(r, 200, o);
}

static const struct route routes[] = {
	{ M_GET, "/*", verify_get, PUBLIC, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
