// Audit entries and an expert's history as sentences a person reads: who did what to whom, and
// below it the details (before → after of each field, the reason), instead of the raw JSON
// summary. One table: action → template. Field names come from common/labels.js (through
// diff.js); the statuses and kinds from meta.js.
import { PROFILE_LABELS } from '../common/labels.js'
import { diffFields, diffLine } from './diff.js'
import { ACTOR_ROLES, APP_STATUS, CHANGE_FIELDS, CHANGE_KINDS, EXPERT_STATUS, OBJECT_TYPES, ROLE_LABELS, USER_STATUS } from './meta.js'

const roleNames = (roles) => (Array.isArray(roles) ? roles : String(roles || '').split(','))
  .map((r) => ROLE_LABELS[String(r).trim()] || String(r).trim()).filter(Boolean).join('、')

/** The one who acted: the name the API gives, else the role ('专家', '运维工具' …). */
export function actorText(e) {
  const role = String(e.actor_role || '').split(',')[0].trim()
  if (e.actor_name) return e.actor_name
  return ACTOR_ROLES[role] || ROLE_LABELS[role] || '未知用户'
}

/** The object acted on, by what people know it by: the expert number, the person's name. */
export function objectText(e) {
  const type = OBJECT_TYPES[e.object_type] || ''
  const who = [e.object_name, e.object_no].filter(Boolean).join('，')
  if (!type) return who
  if (e.object_type === 'application') return who ? `${who}的入库申请` : '入库申请'
  if (e.object_type === 'change_request') return who ? `${who}的异动申请` : '异动申请'
  if (e.object_type === 'expert') return who ? `专家${who}` : '专家'
  if (e.object_type === 'user') return who ? `账号${who}` : '账号'
  return who ? `${type}${who}` : type
}

const kindName = (k) => CHANGE_KINDS[k] || k || ''
const expertStatus = (s) => (EXPERT_STATUS[s] && EXPERT_STATUS[s].label) || s || ''
const appStatus = (s) => (APP_STATUS[s] && APP_STATUS[s].label) || s || ''
const reasonLine = (s) => (s && s.reason ? [`原因：${s.reason}`] : [])

// The staff account's fields in user.update's before/after.
const ACCOUNT_FIELDS = {
  name: { label: '姓名' },
  roles: { label: '角色', text: roleNames },
  department: { label: '部门' },
  status: { label: '状态', text: (v) => (USER_STATUS[v] && USER_STATUS[v].label) || v },
}
function accountLines(before, after) {
  const lines = []
  for (const [k, f] of Object.entries(ACCOUNT_FIELDS)) {
    const x = before && before[k]
    const y = after && after[k]
    if (JSON.stringify(x ?? '') === JSON.stringify(y ?? '')) continue
    const t = (v) => (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length) ? '（空）' : f.text ? f.text(v) : String(v))
    lines.push(`${f.label}：${t(x)} → ${t(y)}`)
  }
  return lines
}

// 电子邮箱 and 常住地 changed directly by the expert (summary: email_before, email, …).
function contactLines(s) {
  const lines = []
  for (const k of ['email', 'address']) {
    if (!(k in s) && !(`${k}_before` in s)) continue
    const x = s[`${k}_before`] || '（空）'
    const y = s[k] || '（空）'
    if (x !== y) lines.push(`${PROFILE_LABELS[k]}：${x} → ${y}`)
  }
  return lines
}

const changeLines = (s, opts) => diffFields(s.before, s.after, CHANGE_FIELDS[s.kind], opts).map(diffLine)
const proposedLines = (s, opts) => diffFields({}, s.proposed, CHANGE_FIELDS[s.kind], opts).map((d) => `${d.label}：${d.after}`)

// action → (entry, who, what, summary, options) → { text, lines }. `what` is objectText().
const SENTENCES = {
  'admin.login': (e, who) => ({ text: `${who}登录了管理系统` }),
  'admin.create': (e, who, what, s) => ({ text: `运维工具创建了超级管理员${what ? `（${what}）` : ''}`, lines: s.phone ? [`手机号：${s.phone}`] : [] }),
  'account.password': (e, who) => ({ text: `${who}修改了自己的密码` }),
  'account.reset_password': (e, who, what) => ({ text: `运维工具重置了${what || '账号'}的密码` }),
  'user.register': (e, who, what, s) => ({ text: `${s.phone || what || '新用户'}注册为专家` }),
  'user.create': (e, who, what, s) => ({
    text: `${who}新建了账号${s.username || what}`,
    lines: [s.roles ? `角色：${roleNames(s.roles)}` : '', s.department ? `部门：${s.department}` : ''].filter(Boolean),
  }),
  'user.update': (e, who, what, s) => ({ text: `${who}修改了${what || '账号'}`, lines: accountLines(s.before, s.after) }),
  'user.reset_password': (e, who, what) => ({ text: `${who}重置了${what || '账号'}的密码` }),
  'application.submit': (e, who, what, s) => ({ text: `${who}提交了入库申请${s.version_no ? `（第 ${s.version_no} 次提交）` : ''}` }),
  'application.withdraw': (e, who) => ({ text: `${who}撤回了入库申请` }),
  'application.reopen': (e, who) => ({ text: `${who}修改了未通过的入库申请，重新填写` }),
  'application.open': (e, who, what) => ({ text: `${who}受理了${what || '入库申请'}` }),
  'application.approve': (e, who, what, s) => ({
    text: s.to === 'passed' ? `${who}初审通过了${what || '入库申请'}` : `${who}审核通过了${what || '入库申请'}`,
    lines: [s.from && s.to ? `状态：${appStatus(s.from)} → ${appStatus(s.to)}` : '', s.expert_no ? `专家编号：${s.expert_no}` : ''].filter(Boolean),
  }),
  'application.reject': (e, who, what, s) => ({
    text: `${who}审核不通过${what || '入库申请'}`,
    lines: [s.from && s.to ? `状态：${appStatus(s.from)} → ${appStatus(s.to)}` : '', ...reasonLine(s)].filter(Boolean),
  }),
  'expert.suspend': (e, who, what, s) => ({ text: `${who}暂停了${what || '专家'}`, lines: moveLines(s) }),
  'expert.restore': (e, who, what, s) => ({ text: `${who}恢复了${what || '专家'}`, lines: moveLines(s) }),
  'expert.remove': (e, who, what, s) => ({ text: `${who}将${what || '专家'}出库`, lines: moveLines(s) }),
  'expert.contact': (e, who, what, s) => ({ text: `${who}修改了联系方式`, lines: contactLines(s) }),
  'certificate.revoke': (e, who, what, s) => ({ text: `${who}撤销了${what ? `${what}的` : ''}证书${s.revoked ? ` ${s.revoked}` : ''}`, lines: reasonLine(s) }),
  'certificate.reissue': (e, who, what, s) => ({
    text: `${who}为${what || '专家'}补发了证书${s.issued ? ` ${s.issued}` : ''}`,
    lines: [s.revoked ? `撤销原证书：${s.revoked}` : '', ...reasonLine(s)].filter(Boolean),
  }),
  'certificate.expire': (e, who, what, s) => ({ text: `系统将 ${s.expired ?? 0} 张到期证书标记为已过期` }),
  'change.create': (e, who, what, s, opts) => ({ text: `${who}提交了“${kindName(s.kind)}”异动申请`, lines: proposedLines(s, opts) }),
  'change.cancel': (e, who, what) => ({ text: `${who}撤销了${what || '异动申请'}` }),
  'change.approve': (e, who, what, s, opts) => ({ text: `${who}审核通过了${what || '异动申请'}（${kindName(s.kind)}）`, lines: changeLines(s, opts) }),
  'change.reject': (e, who, what, s) => ({ text: `${who}审核不通过${what || '异动申请'}（${kindName(s.kind)}）`, lines: reasonLine(s) }),
  'taxonomy.add': (e, who, what, s) => ({ text: `${who}新增了${nodeName(s, 'after')}`, lines: placeLines(s) }),
  'taxonomy.rename': (e, who, what, s) => ({
    text: `${who}将${nodeName(s, 'before')}重命名为“${(s.after && s.after.name) || ''}”`, lines: placeLines(s),
  }),
  'taxonomy.move': (e, who, what, s) => ({ text: `${who}移动了${nodeName(s, 'after')}`, lines: placeLines(s) }),
  'taxonomy.reorder': (e, who, what, s) => ({
    text: `${who}调整了${TAXONOMY_KINDS[s.kind] || '节点'}的顺序`, lines: Array.isArray(s.after) ? [`共 ${s.after.length} 项`] : [],
  }),
  'taxonomy.retire': (e, who, what, s) => ({ text: `${who}停用了${nodeName(s, 'after')}`, lines: placeLines(s) }),
  'taxonomy.restore': (e, who, what, s) => ({ text: `${who}启用了${nodeName(s, 'after')}`, lines: placeLines(s) }),
  'unit.add': (e, who, what, s) => ({ text: `${who}在单位库中新增了单位“${unitName(s)}”`, lines: unitLines(s) }),
  'unit.update': (e, who, what, s) => ({ text: `${who}修改了单位“${unitName(s)}”`, lines: unitLines(s) }),
  'unit.alias_add': (e, who, what, s) => ({ text: `${who}为单位“${unitName(s)}”新增别名“${s.alias_added || ''}”` }),
  'unit.alias_remove': (e, who, what, s) => ({ text: `${who}删除了单位“${unitName(s)}”的别名“${s.alias_removed || ''}”` }),
  'unit.merge': (e, who, what, s) => ({
    text: `${who}将重复单位“${s.merged_name || ''}”合并到“${unitName(s)}”`, lines: unitLines(s),
  }),
  // an expert's own history (GET /api/pool/experts/<id> events): short names
  admit: (e, who, what, s) => ({ text: `审核通过，入库${s.expert_no ? `，专家编号 ${s.expert_no}` : ''}` }),
  suspend: (e, who, what, s) => ({ text: `${who}暂停了该专家`, lines: moveLines(s) }),
  restore: (e, who, what, s) => ({ text: `${who}恢复了该专家`, lines: moveLines(s) }),
  remove: (e, who, what, s) => ({ text: `${who}将该专家出库`, lines: moveLines(s) }),
  change: (e, who, what, s, opts) => ({ text: `“${kindName(s.kind)}”异动申请经${who}审核通过，资料已变更`, lines: changeLines(s, opts) }),
  contact: (e, who, what, s) => ({ text: `${who}修改了联系方式`, lines: contactLines(s) }),
}

// The taxonomy editor's records: {kind, before, after} with each side's name and path.
const TAXONOMY_KINDS = { domain: '领域', group: '专业类别', specialty: '擅长专业', direction: '擅长方向' }
const nodeName = (s, side) => `${TAXONOMY_KINDS[s.kind] || '节点'}“${(s[side] && s[side].name) || ''}”`
function placeLines(s) {
  const from = s.before && s.before.path
  const to = s.after && s.after.path
  return from && to && from !== to ? [`位置：${from} → ${to}`] : to ? [`位置：${to}`] : []
}

// The unit registry's records: {before, after} with name and credit_code.
const unitName = (s) => (s.after && s.after.name) || ''
function unitLines(s) {
  const lines = []
  for (const [k, label] of [['name', '名称'], ['credit_code', '统一社会信用代码']]) {
    const x = s.before ? s.before[k] || '（空）' : null
    const y = (s.after && s.after[k]) || '（空）'
    if (x === null) { if (y !== '（空）') lines.push(`${label}：${y}`) } else if (x !== y) lines.push(`${label}：${x} → ${y}`)
  }
  return lines
}

function moveLines(s) {
  return [s.from && s.to ? `状态：${expertStatus(s.from)} → ${expertStatus(s.to)}` : '', ...reasonLine(s)].filter(Boolean)
}

/**
 * An audit entry or an expert event as { text, lines }: the sentence, and the details one per
 * line. `opts`: the apply options (taxonomy), to name specialty ids. An action without a
 * template still reads as a sentence, with its known fields.
 */
export function sentence(e, opts) {
  const s = e.summary && typeof e.summary === 'object' ? e.summary : {}
  const who = actorText(e)
  const what = objectText(e)
  const t = SENTENCES[e.action]
  const out = t ? t(e, who, what, s, opts) : { text: `${who}：${e.action || '操作'}${what ? `（${what}）` : ''}` }
  const lines = out.lines || []
  // the reason of an expert event lives beside the summary
  if (e.reason && !lines.some((l) => l.startsWith('原因：'))) lines.push(`原因：${e.reason}`)
  return { text: out.text, lines }
}
