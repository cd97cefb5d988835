// Field-by-field comparison of two states of an expert's data (two submitted versions of an
// application, a profile before and after a change), in words: the field's label from
// common/labels.js, each value as text, and for the lists the rows added and removed.
import { FIELD_LABELS, LIST_FIELD_LABELS } from '../common/labels.js'
import { specialtyPaths } from './options.js'

// Keys that are not the expert's data (the server's additions to a snapshot).
const SKIP = new Set(['resolved', 'declaration'])
const FILE_KEYS = new Set(['photo', 'id_front', 'id_back', 'commitment_scan', 'form_scan', 'scan', 'attachment'])

const blank = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** One value of field `key` as text ('（空）' for none). `opts`: the options (taxonomy) for
 *  specialty ids. */
export function valueText(key, v, opts) {
  if (blank(v)) return '（空）'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (FILE_KEYS.has(key)) return '已上传文件'
  if (key === 'specialties') return specialtyPaths(v, opts).join('；')
  if (Array.isArray(v)) {
    if (LIST_FIELD_LABELS[key]) return v.map((r) => rowText(key, r)).join('；')
    return v.join('、')
  }
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A row of list `list` as one line: its fields' values in the form's order, files left out. */
export function rowText(list, row) {
  if (!row || typeof row !== 'object') return String(row ?? '')
  const keys = Object.keys(LIST_FIELD_LABELS[list] || row)
  const parts = []
  for (const k of keys) {
    const v = row[k]
    if (blank(v) || FILE_KEYS.has(k)) continue
    if (k === 'to' && parts.length && row.from) {
      parts[parts.length - 1] += `至${v}`
      continue
    }
    parts.push(String(v))
  }
  if (list === 'work' && row.from && blank(row.to)) parts[parts.length - 1] += '至今'
  return parts.join('，') || '（空行）'
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The label of a top-level field, or the key itself when the form does not name it. */
export function fieldLabel(key) {
  return FIELD_LABELS[key] || key
}

/**
 * What differs between `before` and `after` (objects of form data), field by field in the
 * form's order (then any other keys): [{ key, label, before, after (texts), added, removed
 * (rows of a list, as texts) }]. `keys` limits the comparison to those fields.
 */
export function diffFields(before, after, keys, opts) {
  const b = before && typeof before === 'object' ? before : {}
  const a = after && typeof after === 'object' ? after : {}
  const order = keys || [...new Set([...Object.keys(FIELD_LABELS), ...Object.keys(b), ...Object.keys(a)])]
  const out = []
  for (const key of order) {
    if (SKIP.has(key)) continue
    const x = b[key]
    const y = a[key]
    if (same(x, y) || (blank(x) && blank(y))) continue
    const d = { key, label: fieldLabel(key), before: valueText(key, x, opts), after: valueText(key, y, opts), added: [], removed: [] }
    if (FILE_KEYS.has(key) && !blank(x) && !blank(y)) {
      d.before = '原文件'
      d.after = '已更换为新文件'
    } else if (LIST_FIELD_LABELS[key] && (Array.isArray(x) || Array.isArray(y))) {
      const xs = (Array.isArray(x) ? x : []).map((r) => rowText(key, r))
      const ys = (Array.isArray(y) ? y : []).map((r) => rowText(key, r))
      d.added = ys.filter((r) => !xs.includes(r))
      d.removed = xs.filter((r) => !ys.includes(r))
      // the same rows in words: only an attachment (or the order) differs
      if (!d.added.length && !d.removed.length) {
        d.before = '原内容'
        d.after = '附件或顺序已修改'
      }
    } else if (key === 'specialties' || key === 'honours') {
      const xs = key === 'specialties' ? specialtyPaths(x || [], opts) : x || []
      const ys = key === 'specialties' ? specialtyPaths(y || [], opts) : y || []
      d.added = ys.filter((r) => !xs.includes(r))
      d.removed = xs.filter((r) => !ys.includes(r))
    }
    out.push(d)
  }
  return out
}

/** A difference as one line: 工作单位：A → B; a list as what was added and removed. */
export function diffLine(d) {
  if (d.added.length || d.removed.length) {
    const parts = []
    if (d.added.length) parts.push(`新增 ${d.added.join('；')}`)
    if (d.removed.length) parts.push(`删除 ${d.removed.join('；')}`)
    return `${d.label}：${parts.join('，')}`
  }
  return `${d.label}：${d.before} → ${d.after}`
}
