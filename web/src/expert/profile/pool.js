// The expert's place in the pool (docs/API.md, "expert" and "verify"): status words and colours of
// the expert, the certificate and change requests, the kinds of change request and their fields.

import { CERT_STATUS as CERT, CHANGE_KINDS as KINDS, EXPERT_STATUS as EXPERT, recolour } from '../../common/labels.js'

export { CHANGE_STATUS, statusOf } from '../../common/labels.js'

// The expert's own pages show 出库 in red.
export const EXPERT_STATUS = recolour(EXPERT, { removed: 'danger' })
export const CERT_STATUS = recolour(CERT, { removed: 'danger' })

// The kinds of change request (异动申请) as the expert chooses them: a line saying what each
// changes, and its attachments (证明材料): required or not, and what to attach (as
// lib/pool/change.c says).
export const CHANGE_FILES_MAX = 5
const OPTIONAL = { required: false, hint: '相关证明材料（可选）' }
const ABOUT = {
  employer: ['在职状态、工作单位、统一社会信用代码、职务', { required: true, hint: '新单位出具的工作证明或劳动合同等证明材料（退休的，上传退休证明）' }],
  specialties: ['增加或减少擅长的领域专业和方向', OPTIONAL],
  avoidance: ['增加、修改或删除回避单位', OPTIONAL],
  titles: ['新取得或变更的职称，须上传证书扫描件', { required: false, hint: '其他证明材料（可选；职称证书扫描件随每项职称上传）' }],
  region: ['评标地区、是否接受远程评标', OPTIONAL],
}
export const CHANGE_KINDS = KINDS.map((k) => ({ ...k, note: ABOUT[k.kind][0], files: ABOUT[k.kind][1] }))

export function changeKind(kind) {
  return CHANGE_KINDS.find((k) => k.kind === kind) || null
}

// Where the downloads live (plain links: the browser saves them with the cookie it holds).
export const DOWNLOADS = {
  certPng: '/api/certificate/png',
  certPdf: '/api/certificate/pdf',
  infoPdf: '/api/expert/info.pdf',
}
