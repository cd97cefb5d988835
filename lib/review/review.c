/* Review decisions on top of the application state machine. */
#include <string.h>
#include "apply/application.h"
#include "core/config.h"
#include "db/db.h"
#include "sms/sms.h"
#include "review/review.h"

int review_case_load(long long app_id, struct review_case *c)
{
	c->id = app_id;
	return db_one(SQL_REVIEW_CASE, "i", "iisiiis", app_id, &c->id, &c->user_id, (char **)&c->status,
	              &c->version, &c->level, &c->submitted_no, (char **)&c->submitted_at);
}

int review_can_open(const struct review_case *c)
{
	return strcmp(c->status, "submitted") == 0 || strcmp(c->status, "passed") == 0;
}

int review_can_decide(const struct review_case *c)
{
	return review_can_open(c) || strcmp(c->status, "reviewing") == 0;
}

/* Tells the expert by SMS (through the outbox, in the same transaction). */
static int notify(long long user_id, const char *text)
{
	char *phone = NULL;
	if (db_one(SQL_USER_PHONE, "i", "s", user_id, &phone) < 0)
		return -1;
	return phone != NULL && *phone ? sms_queue(phone, text) : 0;
}

static int approve(const struct review_case *c, long long actor_id, struct review_result *out)
{
	out->expert_id = expert_admit(c->id, c->user_id, actor_id, &out->expert_no);
	if (out->expert_id < 0)
		return -1;
	out->certified = cert_on_approval();
	if (out->certified && cert_issue(out->expert_id, &out->cert) != 0)
		return -1;
	return notify(c->user_id, arena_printf(arena_current,
		"您的专家入库申请已审核通过，专家编号%s。%s", out->expert_no,
		out->certified ? "请登录系统下载专家证书。" : "完成培训和缴费后即可生成专家证书。"));
}

int review_decide(const struct review_case *c, long long version, enum decision d,
                  long long actor_id, const char *actor_role, const char *department,
                  const char *reason, struct review_result *out)
{
	memset(out, 0, sizeof *out);
	const char *status = c->status;
	long long level = strcmp(status, "passed") == 0 ? 2 : c->level;
	int rc;
	if ((d == DECIDE_OPEN && !review_can_open(c)) || !review_can_decide(c))
		return 0;
	if (strcmp(status, "reviewing") != 0) {         /* 受理, on its own or on the way */
		rc = application_move(c->id, version, c->submitted_no, status, "reviewing", ACTOR_STAFF,
		                      actor_id, actor_role, NULL, NULL);
		if (rc != 1)
			return rc;
		version++;
		if (level != c->level && db_exec(SQL_APP_SET_LEVEL, "ii", level, c->id) != 0)
			return -1;
		status = "reviewing";
	}
	out->status = status;
	out->version = version;
	if (d == DECIDE_OPEN)
		return 1;
	if (level == 2 && actor_id != 0) {     /* the final decision, either way, by another reviewer */
		long long first = 0;
		if (db_one(SQL_APP_LEVEL1_APPROVER, "ii", "i", c->id, c->submitted_no, &first) < 0)
			return -1;
		if (first == actor_id)
			return -2;
	}
	const char *to = d == DECIDE_REJECT ? "rejected"
	               : level < (long long)cfg.review_levels ? "passed" : "approved";
	rc = application_move(c->id, version, c->submitted_no, "reviewing", to, ACTOR_STAFF, actor_id,
	                      actor_role, department, reason);
	if (rc != 1)
		return rc;
	out->status = to;
	out->version = version + 1;
	if (strcmp(to, "passed") == 0)
		return 1;
	if (strcmp(to, "rejected") == 0)
		return notify(c->user_id, arena_printf(arena_current,
			"您的专家入库申请未通过审核（%s）：%s。请登录系统查看原因，修改后可重新提交。",
			department, sms_excerpt(reason))) == 0 ? 1 : -1;
	return approve(c, actor_id, out) == 0 ? 1 : -1;
}
