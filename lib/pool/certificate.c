/* Certificates: numbers, validity, live status, verification links and documents. */
#include <string.h>
#include "doc/certdoc.h"
#include "core/text.h"
#include "core/config.h"
#include "core/crypto.h"
#include "db/db.h"
#include "files/files.h"
#include "http/run.h"
#include "apply/taxonomy.h"
#include "pool/certificate.h"

#define TAG_BYTES 10            /* 80 bits: numbers cannot be tried one after another */

int cert_on_approval(void)
{
	return !cfg.cert_after_training;
}

int cert_issue(long long expert_id, struct certificate *out)
{
	char *no = number_next(cfg.cert_no_format, "cert_no");
	if (no == NULL ||
	    db_exec(SQL_CERT_INSERT, "isi", expert_id, no, (long long)cfg.cert_valid_years) != 0)
		return -1;
	return cert_current(expert_id, out) == 1 ? 0 : -1;
}

static int fetch(enum sql_id id, struct certificate *c)
{
	long long past;
	int rc = db_fetch(id, "issssiss", &c->id, (char **)&c->cert_no, (char **)&c->status,
	                  (char **)&c->issued_on, (char **)&c->valid_until, &past,
	                  (char **)&c->revoked_at, (char **)&c->revoke_reason);
	c->past = past != 0;
	return rc;
}

int cert_current(long long expert_id, struct certificate *c)
{
	if (db_exec(SQL_CERT_CURRENT, "i", expert_id) != 0)
		return -1;
	return fetch(SQL_CERT_CURRENT, c);
}

int cert_list(long long expert_id)
{
	return db_exec(SQL_CERT_LIST, "i", expert_id);
}

int cert_list_next(struct certificate *c)
{
	return fetch(SQL_CERT_LIST, c);
}

int cert_revoke(long long cert_id, const char *reason)
{
	return db_exec(SQL_CERT_REVOKE, "si", reason, cert_id);
}

const char *cert_live_status(const struct certificate *c, const char *expert_status)
{
	if (strcmp(c->status, "revoked") == 0)
		return "revoked";
	if (strcmp(expert_status, "removed") == 0)
		return "removed";
	if (strcmp(c->status, "expired") == 0 || c->past)
		return "expired";
	if (strcmp(expert_status, "suspended") == 0)
		return "suspended";
	return "valid";
}

const char *cert_status_label(const char *live)
{
	static const char *const labels[][2] = {
		{ "valid", "有效" }, { "suspended", "暂停" }, { "revoked", "已撤销" },
		{ "expired", "已过期" }, { "removed", "已出库" },
	};
	return WORD(labels, live);
}

static char *tag_of(struct arena *a, const char *cert_no)
{
	unsigned char mac[HASH_BYTES];
	const char *parts[] = { "certificate", cert_no };
	hmac_parts(mac, parts, 2);
	return hex_encode(a, mac, TAG_BYTES);
}

char *cert_verify_url(struct arena *a, const char *cert_no)
{
	size_t n = strlen(cfg.site_url);
	while (n > 0 && cfg.site_url[n - 1] == '/')
		n--;
	return arena_printf(a, "%.*s/verify/%s?t=%s", (int)n, cfg.site_url, cert_no, tag_of(a, cert_no));
}

int cert_tag_ok(const char *cert_no, const char *tag)
{
	if (tag == NULL || strlen(tag) != 2 * TAG_BYTES)
		return 0;
	const char *want = tag_of(arena_current, cert_no);
	return bytes_equal((const unsigned char *)want, (const unsigned char *)tag, 2 * TAG_BYTES);
}

cJSON *cert_json(const struct certificate *c, const char *expert_status)
{
	const char *live = cert_live_status(c, expert_status);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)c->id);
	cJSON_AddStringToObject(o, "cert_no", c->cert_no);
	cJSON_AddStringToObject(o, "status", live);
	cJSON_AddStringToObject(o, "status_label", cert_status_label(live));
	cJSON_AddStringToObject(o, "issued_on", c->issued_on);
	cJSON_AddStringToObject(o, "valid_until", c->valid_until);
	if (c->revoked_at != NULL && *c->revoked_at) {
		cJSON_AddStringToObject(o, "revoked_at", c->revoked_at);
		cJSON_AddStringToObject(o, "revoke_reason", c->revoke_reason);
	}
	cJSON_AddStringToObject(o, "verify_url", cert_verify_url(arena_current, c->cert_no));
	return o;
}

cJSON *specialty_paths(const cJSON *profile)
{
	cJSON *tree = taxonomy_tree(TAX_ALL);      /* a leaf retired since is still the expert's */
	if (tree == NULL)
		return NULL;
	cJSON *out = cJSON_CreateArray();
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItem(profile, "specialties")) {
		const cJSON *leaf = cJSON_IsNumber(id) ? taxonomy_leaf(tree, (long long)id->valuedouble) : NULL;
		if (leaf == NULL)
			continue;
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "id", id->valuedouble);
		cJSON_AddStringToObject(p, "path", cJSON_GetStringValue(cJSON_GetObjectItem(leaf, "path")));
		if (cJSON_IsTrue(cJSON_GetObjectItem(leaf, "retired")))
			cJSON_AddBoolToObject(p, "retired", 1);
		cJSON_AddItemToArray(out, p);
	}
	return out;
}

unsigned char *cert_document(struct request *r, const struct expert *e,
                             const struct certificate *c, int png, size_t *len)
{
	cJSON *paths = specialty_paths(e->profile);
	if (paths == NULL)
		return NULL;
	size_t n = (size_t)cJSON_GetArraySize(paths), i = 0;
	const char **list = arena_alloc(r->arena, (n + 1) * sizeof *list);
	const cJSON *p;
	cJSON_ArrayForEach(p, paths)
		list[i++] = cJSON_GetObjectItem(p, "path")->valuestring;
	struct certdoc d = {
		.authority = *cfg.authority ? cfg.authority : cfg.site_name,
		.name = e->name, .gender = e->gender, .expert_no = e->expert_no, .cert_no = c->cert_no,
		.specialties = list, .nspecialties = n,
		.issued_on = c->issued_on, .valid_until = c->valid_until,
		.verify_url = cert_verify_url(r->arena, c->cert_no), .seal_path = cfg.cert_seal,
	};
	const cJSON *photo = cJSON_GetObjectItem(e->profile, "photo");
	struct stored_file f;
	if (cJSON_IsNumber(photo) && file_load(r, (long long)photo->valuedouble, &f) == 1) {
		d.photo = f.data;
		d.photo_len = f.size;
	}
	return png ? certdoc_png(r->arena, &d, len) : certdoc_pdf(r->arena, &d, len);
}
