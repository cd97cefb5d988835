// The one place of the names of fields, as the seeds word them: the application form's fields
// and the fields of its lists (education, work, …), the profile's directly edited fields, and the
// account's. Pages, the field errors, the history sentences and the comparison of versions all
// take their words from here; the server's texts (lib/apply/appform.c, the PDFs of
// cgi-bin/apply-pdf.c) use the same words.

export const FIELD_LABELS = {
  photo: '照片',
  name: '姓名',
  gender: '性别',
  id_type: '证件类型',
  id_number: '证件号码',
  birth_date: '出生日期',
  id_front: '证件正面扫描件',
  id_back: '证件背面扫描件',
  email: '电子邮箱',
  political_status: '政治面貌',
  employment: '在职状态',
  employer: '工作单位',
  employer_code: '统一社会信用代码',
  position: '职务',
  specialty: '现从事专业',
  specialty_years: '现从事专业年限',
  honours: '社会荣誉',
  residence: '常住地',
  health: '健康状况',
  region: '评标地区',
  remote: '是否接受远程评标',
  entry_type: '入库类型',
  education: '毕业院校',
  work: '工作履历',
  avoidance_none: '无回避单位',
  avoidance: '回避单位',
  specialties: '擅长专业和方向',
  titles: '专业技术职称',
  qualifications: '注册执业资格',
  achievements: '工作业绩及获奖项目',
  commitment_scan: '入库承诺书扫描件',
  form_scan: '申请表扫描件',
  declaration: '申报须知',
}

// The fields of each list's rows.
export const LIST_FIELD_LABELS = {
  education: { school: '毕业院校', major: '专业', degree: '学历', from: '开始年月', to: '结束年月' },
  work: { employer: '工作单位', position: '职务', from: '开始年月', to: '结束年月' },
  avoidance: { unit: '回避单位名称', code: '统一社会信用代码', reason: '回避原因' },
  titles: { name: '职称名称', level: '职称级别', specialty: '职称专业', authority: '发证机关', date: '取得日期', scan: '职称证书扫描件' },
  qualifications: { name: '资格名称', number: '注册编号', date: '注册日期', scan: '资格证书扫描件' },
  achievements: { name: '项目名称', role: '本人角色', date: '日期', award: '获奖情况', description: '项目描述', attachment: '附件' },
}

// The expert's own fields outside the form (个人中心 → 基本资料: the address is the form's 常住地).
export const PROFILE_LABELS = {
  email: FIELD_LABELS.email,
  address: FIELD_LABELS.residence,
  phone: '手机号',
  expert_no: '专家编号',
}

// The account's fields (login, registration).
export const ACCOUNT_LABELS = {
  phone: '手机号',
  username: '用户名',
  password: '密码',
  captcha: '图片验证码',
  code: '短信验证码',
}

// Status words and tag colours (docs/API.md), one row a status: [code, word, Element Plus type].
// The API sends its own words where it has them; these are for the filters and the fallbacks.
const statuses = (rows) => Object.fromEntries(rows.map(([code, label, type]) => [code, { label, type }]))

// Applications (入库申请); passed: with two review levels, waiting for the final review.
export const APP_STATUS = statuses([
  ['draft', '草稿', 'info'], ['submitted', '待审核', 'warning'], ['reviewing', '审核中', 'primary'],
  ['passed', '初审通过', 'primary'], ['approved', '已通过', 'success'], ['rejected', '未通过', 'danger'],
])
// Experts in the pool, certificates (聘书), change requests (异动申请).
export const EXPERT_STATUS = statuses([['active', '在库', 'success'], ['suspended', '暂停', 'warning'], ['removed', '出库', 'info']])
export const CERT_STATUS = statuses([
  ['valid', '有效', 'success'], ['suspended', '暂停', 'warning'], ['revoked', '已撤销', 'danger'],
  ['expired', '已过期', 'info'], ['removed', '已出库', 'info'],
])
export const CHANGE_STATUS = statuses([
  ['pending', '待审核', 'warning'], ['approved', '已通过', 'success'], ['rejected', '未通过', 'danger'], ['cancelled', '已撤销', 'info'],
])

/** A status table with some tag colours changed, e.g. { removed: 'danger' }. */
export function recolour(table, types) {
  return Object.fromEntries(Object.entries(table).map(([code, s]) => [code, { ...s, type: types[code] || s.type }]))
}

/** { label, type } of a status in one of the tables above, with the API's label preferred. */
export function statusOf(table, status, apiLabel) {
  const s = table[status]
  return { label: apiLabel || (s && s.label) || status || '—', type: (s && s.type) || 'info' }
}

// The kinds of change request (异动申请) and the fields each proposes, in the form's order; the
// server's words (lib/pool/change.c).
export const CHANGE_KINDS = [
  { kind: 'employer', label: '工作单位', fields: ['employment', 'employer', 'employer_code', 'position'] },
  { kind: 'specialties', label: '擅长专业', fields: ['specialties'] },
  { kind: 'avoidance', label: '回避单位', fields: ['avoidance_none', 'avoidance'] },
  { kind: 'titles', label: '专业技术职称', fields: ['titles'] },
  { kind: 'region', label: '评标地区', fields: ['region', 'remote'] },
]
