// The application form (docs/API.md, "apply"): status and step names, which step a
// field belongs to, the lists' fields, the client-side checks mirroring the server's, and the
// draft's data shape.
import { APP_STATUS as STATUS, FIELD_LABELS, LIST_FIELD_LABELS as L } from '../../common/labels.js'

// The application's statuses (common/labels.js).
export { STATUS }

export function statusLabel(s) {
  return (STATUS[s] && STATUS[s].label) || s || ''
}

export const STEP_LABELS = {
  basic: '基本信息',
  domains: '领域专业',
  records: '工作业绩',
  commitment: '签署入库承诺书',
  form: '上传申请表',
  preview: '预览',
}

export const MAINLAND_ID = '居民身份证'

// Top-level fields of `data`, by step.
export const STEP_FIELDS = {
  basic: [
    'photo', 'name', 'gender', 'id_type', 'id_number', 'birth_date', 'id_front', 'id_back', 'email',
    'political_status', 'employment', 'employer', 'employer_code', 'position', 'specialty',
    'specialty_years', 'honours', 'residence', 'health', 'region', 'remote', 'entry_type',
    'education', 'work', 'avoidance_none', 'avoidance',
  ],
  domains: ['specialties'],
  records: ['titles', 'qualifications', 'achievements'],
  commitment: ['commitment_scan'],
  form: ['form_scan'],
  preview: ['declaration'],
}

const FIELD_STEP = {}
for (const [step, keys] of Object.entries(STEP_FIELDS)) for (const k of keys) FIELD_STEP[k] = step

// The step a field path (`name`, `education.0.school`) belongs to; '' when unknown.
export function stepOfPath(path) {
  return FIELD_STEP[String(path).split('.')[0]] || ''
}

// The labels live in common/labels.js (one place for every page and the server's texts).
export { FIELD_LABELS }

// The lists of rows, each row's fields: key, label, type, and whether submission requires it.
// Types: text, textarea, select (choices from options[from]), month, date, file (upload kind).
export const LISTS = {
  education: {
    title: '毕业院校',
    add: '毕业院校',
    empty: '请完善毕业院校',
    fields: [
      { key: 'school', label: L.education.school, type: 'text', required: true, max: 60 },
      { key: 'major', label: L.education.major, type: 'text', required: true, max: 60 },
      { key: 'degree', label: L.education.degree, type: 'select', from: 'degrees', required: true },
      { key: 'from', label: L.education.from, type: 'month', required: true },
      { key: 'to', label: L.education.to, type: 'month', required: true },
    ],
    columns: [['school'], ['major'], ['degree'], ['from', 'to', '起止年月']],
  },
  work: {
    title: '工作履历',
    add: '新增履历',
    empty: '请完善工作履历',
    fields: [
      { key: 'employer', label: L.work.employer, type: 'text', required: true, max: 100 },
      { key: 'position', label: L.work.position, type: 'text', required: true, max: 50 },
      { key: 'from', label: L.work.from, type: 'month', required: true },
      { key: 'to', label: L.work.to, type: 'month', required: true, now: true },
    ],
    columns: [['employer'], ['position'], ['from', 'to', '起止年月']],
  },
  avoidance: {
    title: '回避单位',
    add: '新增回避单位',
    empty: '请添加回避单位，或勾选“无回避单位”',
    fields: [
      { key: 'unit', label: L.avoidance.unit, type: 'text', required: true, max: 100 },
      { key: 'code', label: L.avoidance.code, type: 'text', check: 'credit', max: 18 },
      { key: 'reason', label: L.avoidance.reason, type: 'text', required: true, max: 200 },
    ],
    columns: [['unit'], ['code'], ['reason']],
  },
  titles: {
    title: '专业技术职称',
    add: '新增',
    empty: '请至少填写一项专业技术职称',
    fields: [
      { key: 'name', label: L.titles.name, type: 'text', required: true, max: 60 },
      { key: 'level', label: L.titles.level, type: 'select', from: 'title_levels', required: true },
      { key: 'specialty', label: L.titles.specialty, type: 'text', required: true, max: 60 },
      { key: 'authority', label: L.titles.authority, type: 'text', required: true, max: 100 },
      { key: 'date', label: L.titles.date, type: 'date', required: true },
      { key: 'scan', label: L.titles.scan, type: 'file', kind: 'scan', required: true },
    ],
    columns: [['name'], ['level'], ['specialty'], ['authority'], ['date'], ['scan']],
  },
  qualifications: {
    title: '注册执业资格',
    add: '新增',
    empty: '',
    fields: [
      { key: 'name', label: L.qualifications.name, type: 'text', required: true, max: 60 },
      { key: 'number', label: L.qualifications.number, type: 'text', required: true, max: 60 },
      { key: 'date', label: L.qualifications.date, type: 'date', required: true },
      { key: 'scan', label: L.qualifications.scan, type: 'file', kind: 'scan', required: true },
    ],
    columns: [['name'], ['number'], ['date'], ['scan']],
  },
  achievements: {
    title: '工作业绩及获奖项目',
    add: '新增',
    empty: '',
    fields: [
      { key: 'name', label: L.achievements.name, type: 'text', required: true, max: 100 },
      { key: 'role', label: L.achievements.role, type: 'text', max: 50 },
      { key: 'date', label: L.achievements.date, type: 'date', required: true },
      { key: 'award', label: L.achievements.award, type: 'text', max: 100 },
      { key: 'description', label: L.achievements.description, type: 'textarea', max: 1000 },
      { key: 'attachment', label: L.achievements.attachment, type: 'file', kind: 'scan' },
    ],
    columns: [['name'], ['role'], ['date'], ['award'], ['description'], ['attachment']],
  },
}

export const LIST_MAX = 20

// A human name for a field path: `education.0.school` → 毕业院校 第 1 条 · 学校.
export function pathLabel(path) {
  const [head, index, key] = String(path).split('.')
  const base = FIELD_LABELS[head] || head
  if (index === undefined) return base
  const n = Number(index)
  const row = Number.isInteger(n) ? `${base} 第 ${n + 1} 条` : base
  if (!key) return row
  const f = LISTS[head] && LISTS[head].fields.find((x) => x.key === key)
  return `${row} · ${f ? f.label : key}`
}

// fields (path → message) grouped by the steps shown, in step order; unknown paths go last.
export function groupByStep(fields, steps) {
  const groups = steps.map((step) => ({ step, label: STEP_LABELS[step] || step, items: [] }))
  const other = { step: '', label: '其他', items: [] }
  for (const [path, message] of Object.entries(fields || {})) {
    const item = { path, label: pathLabel(path), message: String(message) }
    const g = groups.find((x) => x.step === stepOfPath(path))
    ;(g || other).items.push(item)
  }
  if (other.items.length) groups.push(other)
  for (const g of groups) g.items.sort((a, b) => pathOrder(a.path) - pathOrder(b.path))
  return groups.filter((g) => g.items.length)
}

// A sort key following the form: the field's place in its step, then the row, then the column.
function pathOrder(path) {
  const [head, index, key] = String(path).split('.')
  const step = stepOfPath(head)
  const at = step ? STEP_FIELDS[step].indexOf(head) : 999
  const row = Number.isInteger(Number(index)) ? Number(index) + 1 : 0
  const col = key && LISTS[head] ? LISTS[head].fields.findIndex((f) => f.key === key) + 1 : 0
  return at * 10000 + row * 100 + col
}

// ---- data shape ----------------------------------------------------------------------------

const ARRAY_KEYS = ['honours', 'specialties', ...Object.keys(LISTS)]

function blank(v) {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

// The form as it is sent: empty strings and nulls left out (a draft keeps only what was filled),
// rows cleaned the same way, text trimmed.
export function clean(data) {
  const out = {}
  for (const [k, v] of Object.entries(data || {})) {
    if (blank(v)) continue
    if (Array.isArray(v)) {
      out[k] = v.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? clean(x) : x))
    } else {
      out[k] = typeof v === 'string' ? v.trim() : v
    }
  }
  return out
}

// The saved form made ready for the inputs: lists and multi-choices always arrays.
// Everything else is kept exactly as saved.
export function normalize(data) {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? { ...data } : {}
  for (const k of ARRAY_KEYS) {
    if (!Array.isArray(d[k])) d[k] = []
    else d[k] = d[k].map((x) => (x && typeof x === 'object' ? { ...x } : x))
  }
  return d
}

// ---- checks mirroring the server's (it stays authoritative) ---------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

function pad(n) {
  return String(n).padStart(2, '0')
}

export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// A mainland ID number (居民身份证): { birth_date, gender, checked } when its 18 characters have a
// valid birth date (digits 7–14; digit 17 odd = 男); `checked` says whether the last character
// is right. null otherwise.
export function parseMainlandId(value) {
  const v = String(value || '').trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return null
  const y = Number(v.slice(6, 10))
  const m = Number(v.slice(10, 12))
  const d = Number(v.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  const birth = `${y}-${pad(m)}-${pad(d)}`
  if (y < 1900 || birth > today()) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]
  return {
    birth_date: birth,
    gender: Number(v[16]) % 2 ? '男' : '女',
    checked: ID_CHECK[sum % 11] === v[17],
  }
}

// The number formats by document type, as the server checks them (lib/core/validate.c): a
// regex, or a GB 11643 number (居民身份证, 港澳台居民居住证 with 810000/820000/830000).
const ID_FORMATS = {
  港澳居民来往内地通行证: [/^[HM](\d{8}|\d{10})$/, '港澳居民来往内地通行证号码为H或M加8位数字（旧版为10位数字）'],
  台湾居民来往大陆通行证: [/^(\d{8}|[A-Z0-9]{10})$/, '台湾居民来往大陆通行证号码为8位数字（旧版为10位字母或数字）'],
  护照: [/^[A-Z0-9]{5,20}$/, '护照号码为5-20位字母或数字'],
  外国人永久居留身份证: [/^([A-Z]{3}\d{12}|9\d{16}[\dX])$/, '外国人永久居留身份证号码为15位（3位字母加12位数字）或以9开头的18位'],
}
const PERMIT = '港澳台居民居住证'

export function idNumberError(type, value) {
  const v = String(value || '').trim().toUpperCase()
  if (!v) return ''
  if (!/^[A-Z0-9]+$/.test(v)) return '证件号码只能包含字母和数字'
  const id = parseMainlandId(v)
  const gb = id && id.checked && /^[1-8]/.test(v) ? (/^8[123]/.test(v) ? PERMIT : MAINLAND_ID) : ''
  if (gb && gb !== type) return `该号码是${gb}号码，请将证件类型选为“${gb}”`
  if (type === MAINLAND_ID || type === PERMIT) {
    if (v.length !== 18) return `${type}号码应为 18 位`
    if (type === PERMIT && !/^8[123]0000/.test(v)) return '港澳台居民居住证号码以810000（香港）、820000（澳门）或830000（台湾）开头'
    if (!id) return `${type}号码格式不正确`
    if (!id.checked) return `${type}号码校验位不正确，请核对`
    return ''
  }
  const f = ID_FORMATS[type]
  if (!f) return /^[A-Z0-9]{5,20}$/.test(v) ? '' : '证件号码应为 5–20 位字母或数字'
  return f[0].test(v) ? '' : f[1]
}

// Whole years from a YYYY-MM-DD birth date to today; null without a valid date.
export function ageOf(birth) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(birth || ''))
  if (!m) return null
  const now = new Date()
  let age = now.getFullYear() - Number(m[1])
  const md = (now.getMonth() + 1) * 100 + now.getDate()
  if (md < Number(m[2]) * 100 + Number(m[3])) age--
  return age >= 0 ? age : null
}

// 统一社会信用代码 (GB 32100-2015): 18 characters with a check character.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeError(value) {
  const v = String(value || '').trim().toUpperCase()
  if (!v) return ''
  if (v.length !== 18) return '统一社会信用代码应为 18 位'
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const c = CREDIT_CHARS.indexOf(v[i])
    if (c < 0) return '统一社会信用代码含有无效字符'
    sum += c * CREDIT_WEIGHTS[i]
  }
  const check = CREDIT_CHARS[(31 - (sum % 31)) % 31]
  return check === v[17] ? '' : '统一社会信用代码校验位不正确，请核对'
}

export function emailError(value) {
  const v = String(value || '').trim()
  if (!v) return ''
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 100 ? '' : '邮箱格式不正确'
}
