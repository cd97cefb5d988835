// The expert's place in the pool (docs/API.md, "expert" and "verify"): status words and colours of
// the expert, the certificate and change requests, the kinds of change request and their fields.

// Expert statuses: 在库 / 暂停 / 出库.
export const EXPERT_STATUS = {
  active: { label: '在库', type: 'success' },
  suspended: { label: '暂停', type: 'warning' },
  removed: { label: '出库', type: 'danger' },
}

// Certificate statuses, as GET /api/expert and GET /api/verify give them.
export const CERT_STATUS = {
  valid: { label: '有效', type: 'success' },
  suspended: { label: '暂停', type: 'warning' },
  revoked: { label: '已撤销', type: 'danger' },
  removed: { label: '已出库', type: 'danger' },
  expired: { label: '已过期', type: 'info' },
}

// Change request statuses.
export const CHANGE_STATUS = {
  pending: { label: '待审核', type: 'warning' },
  approved: { label: '已通过', type: 'success' },
  rejected: { label: '未通过', type: 'danger' },
  cancelled: { label: '已撤销', type: 'info' },
}

// One entry of a status table for `code`, the API's own label winning when it gives one.
export function statusOf(table, code, label) {
  const known = table[code]
  return { label: label || (known && known.label) || code || '—', type: (known && known.type) || 'info' }
}

// The kinds of change request (异动申请), the fields each proposes, a line saying what it is, and
// its attachments (证明材料): required or not, and what to attach (as lib/pool/change.c says).
export const CHANGE_FILES_MAX = 5
export const CHANGE_KINDS = [
  {
    kind: 'employer',
    label: '工作单位',
    fields: ['employment', 'employer', 'employer_code', 'position'],
    note: '在职状态、工作单位、统一社会信用代码、职务',
    files: { required: true, hint: '新单位出具的工作证明或劳动合同等证明材料（退休的，上传退休证明）' },
  },
  {
    kind: 'specialties',
    label: '擅长专业',
    fields: ['specialties'],
    note: '增加或减少擅长的领域专业和方向',
    files: { required: false, hint: '相关证明材料（可选）' },
  },
  {
    kind: 'avoidance',
    label: '回避单位',
    fields: ['avoidance', 'avoidance_none'],
    note: '增加、修改或删除回避单位',
    files: { required: false, hint: '相关证明材料（可选）' },
  },
  {
    kind: 'titles',
    label: '专业技术职称',
    fields: ['titles'],
    note: '新取得或变更的职称，须上传证书扫描件',
    files: { required: false, hint: '其他证明材料（可选；职称证书扫描件随每项职称上传）' },
  },
  {
    kind: 'region',
    label: '评标地区',
    fields: ['region', 'remote'],
    note: '评标地区、是否接受远程评标',
    files: { required: false, hint: '相关证明材料（可选）' },
  },
]

export function changeKind(kind) {
  return CHANGE_KINDS.find((k) => k.kind === kind) || null
}

// Where the downloads live (plain links: the browser saves them with the cookie it holds).
export const DOWNLOADS = {
  certPng: '/api/certificate/png',
  certPdf: '/api/certificate/pdf',
  infoPdf: '/api/expert/info.pdf',
}
