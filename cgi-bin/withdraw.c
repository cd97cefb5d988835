/* withdraw: the expert takes back a submission nobody has started reviewing (撤回), in two steps
 * — GET says whether it can be done and what follows, POST with "confirm": true does it — and
 * the phone is told by SMS. (Moved here from POST /api/apply/withdraw.) */
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "apply/application.h"

static int load(struct request *r, struct application *a)
{
	int rc = application_load(r->session->user_id, a);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "还没有入库申请");
	return rc == 1;
}

/* GET /: the first step, what the confirmation shows. */
static void withdraw_info(struct request *r)
{
	struct application a;
	if (!load(r, &a))
		return;
	const char *refusal = application_withdraw_refusal(&a);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "can_withdraw", refusal == NULL);
	json_text(o, "reason", refusal);
	cJSON_AddStringToObject(o, "status", a.status);
	cJSON_AddStringToObject(o, "status_label", application_status_label(a.status));
	cJSON_AddNumberToObject(o, "version", (double)a.version);
	cJSON_AddNumberToObject(o, "submitted_version", (double)a.submitted_no);
	cJSON_AddStringToObject(o, "message", "撤回后申请回到草稿，不再等待审核；修改后可以重新提交（每天最多提交 10 次）。确定撤回吗？");
	reply_json(r, 200, o);
}

/* The second step must say so: a POST without "confirm": true withdraws nothing. */
static void withdraw_check(struct request *r)
{
	const cJSON *c = r->json != NULL ? cJSON_GetObjectItem(r->json, "confirm") : NULL;
	if (!cJSON_IsTrue(c))
		field_error(r, "confirm", "请确认撤回");
}

/* POST / {version, confirm: true} */
static void withdraw_do(struct request *r)
{
	struct application a;
	if (!load(r, &a))
		return;
	const char *refusal = application_withdraw_refusal(&a);
	if (refusal != NULL) {
		reply_error(r, E_CONFLICT, refusal);
		return;
	}
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(summary, "version_no", (double)a.submitted_no);
	enum result res = application_withdraw(&a, req_version(r), r->session->user_id, r->session->phone);
	if (res == RES_OK && (audit(r, "application.withdraw", "application", a.id, summary) != 0 || db_commit() != 0))
		res = RES_FAILED;
	if (res != RES_OK) {
		db_rollback();
		reply_result(r, res, "申请已在别处修改，请刷新后重试");
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "draft");
	cJSON_AddNumberToObject(o, "version", (double)(req_version(r) + 1));
	reply_json(r, 200, o);
}

static const struct field withdraw_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/", withdraw_info, ROLE_EXPERT, 0, NULL, 0 },
	{ M_POST, "/", withdraw_do, ROLE_EXPERT, KB(4), withdraw_fields, 0, withdraw_check,
	  .guard = may_change_application },
};

int main(void)
{
	return RUN(routes);
}
