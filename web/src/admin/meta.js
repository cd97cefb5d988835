// Names and tag colours of the statuses, kinds and actions the admin pages show (docs/API.md
// "review", "pool", "admin"). The API sends its own labels where it has them; these are for the
// filters and the fallbacks.

import { APP_STATUS, CHANGE_KINDS as KINDS } from '../common/labels.js'

export { APP_STATUS, CERT_STATUS, CHANGE_STATUS, EXPERT_STATUS, statusOf } from '../common/labels.js'

// The review queue's 状态 filter: `todo` (the default) is what still needs a reviewer; then each
// status but 草稿, and 全部 (the page adds it).
export const QUEUE_FILTER = { todo: '待处理', ...Object.fromEntries(Object.entries(APP_STATUS).filter(([s]) => s !== 'draft')) }

// The kinds of change request: kind → name, and kind → the fields it proposes.
export const CHANGE_KINDS = Object.fromEntries(KINDS.map((k) => [k.kind, k.label]))
export const CHANGE_FIELDS = Object.fromEntries(KINDS.map((k) => [k.kind, k.fields]))

export const TITLE_LEVELS = ['正高级', '副高级', '中级', '初级']

// Staff roles, as the account pages name them.
export const ROLES = [
  { value: 'reviewer', label: '审核员' },
  { value: 'manager', label: '专家库管理员' },
  { value: 'super', label: '超级管理员' },
]
export const ROLE_LABELS = Object.fromEntries(ROLES.map((r) => [r.value, r.label]))

export const USER_STATUS = {
  active: { label: '启用', type: 'success' },
  disabled: { label: '停用', type: 'info' },
}

// Who acted, in an application's events.
export const ACTOR_ROLES = {
  expert: '专家',
  reviewer: '审核员',
  manager: '专家库管理员',
  super: '超级管理员',
  console: '运维工具',
  system: '系统',
  anonymous: '未登录',
}

// Actions of the audit log (dotted) and of an expert's own history (short names, and the
// certificate ones) that have a Chinese name; others are shown as they are. The server says the
// same words (lib/audit/audit.c, audit_action_word) in the documents it makes.
export const ACTIONS = {
  'admin.login': '管理员登录',
  'admin.create': '创建超级管理员',
  'account.password': '修改密码',
  'account.reset_password': '重置密码（运维工具）',
  'account.close': '注销账号',
  'user.register': '专家注册',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.reset_password': '重置账号密码',
  'application.submit': '提交入库申请',
  'application.withdraw': '撤回入库申请',
  'application.reopen': '修改入库申请',
  'application.open': '受理入库申请',
  'application.approve': '入库审核通过',
  'application.reject': '入库审核不通过',
  'expert.suspend': '暂停专家',
  'expert.restore': '恢复专家',
  'expert.remove': '专家出库',
  'expert.contact': '修改联系方式',
  'certificate.revoke': '撤销证书',
  'certificate.reissue': '补发证书',
  'certificate.expire': '证书过期',
  'change.create': '提交异动申请',
  'change.cancel': '撤回异动申请',
  'change.approve': '异动审核通过',
  'change.reject': '异动审核不通过',
  'taxonomy.add': '新增领域专业',
  'taxonomy.rename': '重命名领域专业',
  'taxonomy.move': '移动领域专业',
  'taxonomy.reorder': '调整领域专业顺序',
  'taxonomy.retire': '停用领域专业',
  'taxonomy.restore': '启用领域专业',
  'unit.add': '新增单位',
  'unit.update': '修改单位',
  'unit.alias_add': '新增单位别名',
  'unit.alias_remove': '删除单位别名',
  'unit.merge': '合并重复单位',
  admit: '入库',
  suspend: '暂停',
  restore: '恢复',
  remove: '出库',
  change: '异动变更',
  contact: '修改联系方式',
}

export const OBJECT_TYPES = {
  user: '账号',
  application: '入库申请',
  expert: '专家',
  change_request: '异动申请',
  certificate: '证书',
  taxonomy: '领域专业',
  unit: '单位',
}

export function actionLabel(action) {
  return ACTIONS[action] || action || '—'
}

// An application's transition as a timeline title.
export function transitionTitle(from, to, versionNo) {
  if (to === 'submitted') return versionNo ? `提交申请（第 ${versionNo} 次提交）` : '提交申请'
  if (to === 'draft' && from === 'submitted') return '专家撤回申请'
  if (to === 'draft' && from === 'rejected') return '专家修改申请'
  if (to === 'reviewing') return '受理'
  if (to === 'passed') return '初审通过'
  if (to === 'approved') return '审核通过'
  if (to === 'rejected') return '审核不通过'
  const label = (s) => (APP_STATUS[s] && APP_STATUS[s].label) || s || '—'
  return `${label(from)} → ${label(to)}`
}

export function transitionType(to) {
  return { approved: 'success', passed: 'success', rejected: 'danger', reviewing: 'primary', draft: 'info' }[to] || 'primary'
}
