/* Replies that several programs share: a domain's result turned into HTTP (lib/ domains return
 * results and never reply). Linked into every program with cgi-bin/libreplies.a. */
#include "ep.h"
#include "pool/certificate.h"
#include "replies.h"

int captcha_require(struct request *r)
{
	int ok = captcha_take(req_field(r, "captcha_id"), req_field(r, "captcha"));
	if (ok < 0)
		reply_db_error(r);
	else if (ok == 0)
		reply_invalid(r, "captcha", "图片验证码错误或已过期，请重新输入");
	return ok == 1;
}

int password_check(struct request *r, const char *field, const char *password,
                   const struct password_owner *o)
{
	const char *why = check_password(password);
	int refused = why != NULL ? 1 : password_refused(password, o, &why);
	if (refused < 0) {
		reply_error(r, E_INTERNAL, NULL);
		return -1;
	}
	if (refused)
		field_error(r, field, why);
	return !refused;
}

int password_require(struct request *r, const char *field, const char *password,
                     const struct password_owner *o)
{
	int acceptable = password_check(r, field, password, o);
	if (acceptable == 0)
		reply_field_errors(r);
	return acceptable == 1;
}

void sms_code_reply(struct request *r, const char *phone, enum code_purpose p, enum code_delivery d)
{
	long wait = sms_code_send(r, phone, p, d);
	if (wait < 0) {
		reply_db_error(r);
		return;
	}
	if (wait > 0) {
		reply_retry(r, E_RATE_LIMITED, wait, arena_printf(r->arena, "发送过于频繁，请%ld秒后再试", wait));
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "sent", 1);
	cJSON_AddNumberToObject(o, "resend_after", SMS_RESEND_SECONDS);
	reply_json(r, 200, o);
}

cJSON *json_texts(const struct text_pair *pairs)
{
	cJSON *o = cJSON_CreateObject();
	for (const struct text_pair *p = pairs; p->key != NULL; p++)
		if (p->value != NULL)
			cJSON_AddStringToObject(o, p->key, p->value);
	return o;
}

void reply_moved(struct request *r, const char *status, const char *label, long long version)
{
	struct text_pair texts[] = { { "status", status }, { "status_label", label }, { NULL, NULL } };
	cJSON *o = json_texts(texts);
	cJSON_AddNumberToObject(o, "version", (double)version);
	reply_json(r, 200, o);
}

void reply_step_failed(struct request *r, int rc, const char *stale)
{
	if (rc != 0) {
		reply_db_error(r);
		return;
	}
	db_rollback();
	reply_error(r, E_CONFLICT, stale);
}

const struct field version_only_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};

void cert_reply(struct request *r, const struct expert *e, int png)
{
	struct certificate c;
	int rc = cert_current(e->id, &c);
	if (rc <= 0) {
		if (rc < 0)
			reply_db_error(r);
		else
			reply_error(r, E_NOT_FOUND, "证书待生成");
		return;
	}
	size_t len = 0;
	unsigned char *doc = cert_document(r, e, &c, png, &len);
	if (doc == NULL) {
		reply_error(r, E_INTERNAL, "证书生成失败，请稍后再试");
		return;
	}
	reply_file(r, png ? "image/png" : "application/pdf",
	           arena_printf(r->arena, "专家证书-%s.%s", c.cert_no, png ? "png" : "pdf"), 0, doc, len);
}

static const enum err standing_errors[] = {
	[STANDING_SUSPENDED] = E_EXPERT_SUSPENDED, [STANDING_REMOVED] = E_EXPERT_REMOVED,
	[STANDING_OTHER] = E_FORBIDDEN,
};

static int standing_allows(struct request *r, enum expert_action action)
{
	const char *status, *message = NULL;
	if (r->session == NULL) {
		reply_error(r, E_UNAUTHORIZED, NULL);
		return 0;
	}
	if (expert_standing(r->session->user_id, &status) != 0) {
		reply_db_error(r);
		return 0;
	}
	enum standing s = expert_may(status, action, &message);
	if (s == STANDING_OK)
		return 1;
	reply_error(r, standing_errors[s], message);
	return 0;
}

int expert_still_may(struct request *r, long long expert_id, enum expert_action action)
{
	const char *status = NULL, *message = NULL;
	if (expert_lock(expert_id, &status) != 1) {
		reply_db_error(r);
		return 0;
	}
	enum standing s = expert_may(status, action, &message);
	if (s == STANDING_OK)
		return 1;
	db_rollback();
	reply_error(r, standing_errors[s], message);
	return 0;
}

int may_edit_pool(struct request *r) { return standing_allows(r, EXPERT_EDIT); }
int may_get_certificate(struct request *r) { return standing_allows(r, EXPERT_CERTIFICATE); }
int may_change_application(struct request *r) { return standing_allows(r, EXPERT_APPLY); }

int expert_named(struct request *r, struct expert *e)
{
	int rc = expert_load(r->ids[0], e);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "没有这位专家");
	return rc == 1;
}

int expert_mine(struct request *r, struct expert *e)
{
	int rc = expert_load_user(r->session->user_id, e);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "尚未入库");
	return rc == 1;
}

void reply_outcome(struct request *r, struct outcome *res, const char *action, const char *object_type,
                   int status, const char *key)
{
	if (res->status == RES_OK && (audit(r, action, object_type, res->id, res->summary) != 0 || db_commit() != 0))
		res->status = RES_FAILED;
	if (res->status == RES_OK) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, key, res->data);
		reply_json(r, status, o);
		return;
	}
	if (res->status != RES_FAILED)
		db_rollback();
	if (res->status == RES_INVALID)
		field_error(r, res->field, res->message);
	reply_result(r, res->status, res->message);
}
