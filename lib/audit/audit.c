/* Audit rows are only ever inserted (the database account cannot change them). */
#include <stdio.h>
#include "db/db.h"
#include "http/run.h"
#include "http/session.h"
#include "audit/audit.h"
#include "core/text.h"

static const char *role_label(unsigned roles)
{
	if (roles & ROLE_SUPER) return "super";
	if (roles & ROLE_MANAGER) return "manager";
	if (roles & ROLE_REVIEWER) return "reviewer";
	if (roles & ROLE_EXPERT) return "expert";
	return "anonymous";
}

static int insert(const char *actor_role, const char *ip, long long actor_id, const char *action,
                  const char *object_type, long long object_id, const cJSON *summary)
{
	char *text = summary ? cJSON_PrintUnformatted(summary) : NULL;
	return db_exec(SQL_AUDIT_INSERT, "issssis", actor_id, actor_role, ip, action, object_type,
	               object_id, text ? text : "{}");
}

int audit(const struct request *r, const char *action, const char *object_type,
          long long object_id, const cJSON *summary)
{
	const struct session *s = r->session;
	/* the role the route was called in, when the user holds several */
	unsigned roles = s ? s->roles : 0;
	if (r->route != NULL && r->route->roles != PUBLIC && r->route->roles != ANY_USER &&
	    (roles & r->route->roles) != 0)
		roles &= r->route->roles;
	return insert(role_label(roles), r->remote_addr, s ? s->user_id : 0, action,
	              object_type, object_id, summary);
}

int audit_console(const char *action, const char *object_type, long long object_id,
                  const cJSON *summary)
{
	return insert("console", "", 0, action, object_type, object_id, summary);
}

const char *audit_action_word(const char *action)
{
	static const char *const words[][2] = {
		{ "admin.login", "管理员登录" }, { "admin.create", "创建超级管理员" },
		{ "account.password", "修改密码" }, { "account.reset_password", "重置密码（运维工具）" },
		{ "account.close", "注销账号" },
		{ "user.register", "专家注册" }, { "user.create", "新建账号" }, { "user.update", "修改账号" },
		{ "user.reset_password", "重置账号密码" },
		{ "application.submit", "提交入库申请" }, { "application.withdraw", "撤回入库申请" },
		{ "application.reopen", "修改入库申请" }, { "application.open", "受理入库申请" },
		{ "application.approve", "入库审核通过" }, { "application.reject", "入库审核不通过" },
		{ "expert.suspend", "暂停专家" }, { "expert.restore", "恢复专家" }, { "expert.remove", "专家出库" },
		{ "expert.contact", "修改联系方式" },
		{ "certificate.revoke", "撤销证书" }, { "certificate.reissue", "补发证书" },
		{ "certificate.expire", "证书过期" },
		{ "change.create", "提交异动申请" }, { "change.cancel", "撤回异动申请" },
		{ "change.approve", "异动审核通过" }, { "change.reject", "异动审核不通过" },
		{ "taxonomy.add", "新增领域专业" }, { "taxonomy.rename", "重命名领域专业" },
		{ "taxonomy.move", "移动领域专业" }, { "taxonomy.reorder", "调整领域专业顺序" },
		{ "taxonomy.retire", "停用领域专业" }, { "taxonomy.restore", "启用领域专业" },
		{ "unit.add", "新增单位" }, { "unit.update", "修改单位" }, { "unit.alias_add", "新增单位别名" },
		{ "unit.alias_remove", "删除单位别名" }, { "unit.merge", "合并重复单位" },
		{ "admit", "入库" }, { "suspend", "暂停" }, { "restore", "恢复" }, { "remove", "出库" },
		{ "change", "异动变更" }, { "contact", "修改联系方式" },
		{ "revoke", "撤销证书" }, { "reissue", "补发证书" }, { "expire", "证书过期" },
	};
	return WORD(words, action);
}

const char *audit_role_word(const char *role)
{
	static const char *const words[][2] = {
		{ "expert", "专家" }, { "reviewer", "审核员" }, { "manager", "专家库管理员" },
		{ "super", "超级管理员" }, { "console", "运维工具" }, { "system", "系统" }, { "anonymous", "未登录" },
	};
	return WORD(words, role);
}

const char *audit_object_word(const char *type)
{
	static const char *const words[][2] = {
		{ "user", "账号" }, { "application", "入库申请" }, { "expert", "专家" },
		{ "change_request", "异动申请" }, { "certificate", "证书" }, { "taxonomy", "领域专业" },
		{ "unit", "单位" },
	};
	return WORD(words, type);
}
