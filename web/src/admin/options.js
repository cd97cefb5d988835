// GET /api/apply/options for the admin pages: the taxonomy tree (the 领域专业 filters) and the
// evaluation regions. Loaded once per page load; a failure leaves `options.value` null and is
// asked again by the next page that needs it.
import { ref } from 'vue'
import { leafIndex, loadOptions } from '../expert/apply/options.js'

export const options = ref(null)
export const optionsError = ref('')

let refused = false // 403: this session may not read them; not asked again until a reload

export async function ensureOptions() {
  if (options.value || refused) return options.value
  try {
    options.value = await loadOptions()
    optionsError.value = ''
  } catch (err) {
    optionsError.value = err.message || '加载失败'
    if (err.status === 403) refused = true
  }
  return options.value
}

// The taxonomy as el-cascader options: domain → group → leaf, every level selectable.
export function cascaderTree(opts) {
  return ((opts && opts.taxonomy) || []).map((d) => ({
    value: d.id,
    label: d.name,
    children: (d.groups || []).map((g) => ({
      value: g.id,
      label: g.name,
      children: [...(g.specialties || []), ...(g.directions || [])].map((l) => ({ value: l.id, label: l.name })),
    })),
  }))
}

// Options for ApplicationDetails that show a snapshot's specialties as they were when it was
// submitted: a tree rebuilt from the snapshot's `resolved.specialties` paths ("领域 / 组 / 项"),
// so later edits of the taxonomy do not change what the reviewer sees. Without those paths the
// current tree is used.
export function snapshotOptions(opts, data) {
  const base = opts || {}
  const paths = data && data.resolved && Array.isArray(data.resolved.specialties) ? data.resolved.specialties : null
  if (!paths || !paths.length) return base
  const domains = []
  let next = -1 // the rebuilt inner nodes need ids of their own, distinct from every leaf's
  for (const p of paths) {
    if (!p || p.id === undefined || typeof p.path !== 'string') continue
    const parts = p.path.split(' / ')
    const leaf = parts.pop()
    const dn = parts[0] || '其他'
    const gn = parts.slice(1).join(' / ') || dn
    let d = domains.find((x) => x.name === dn)
    if (!d) domains.push((d = { id: next--, name: dn, groups: [] }))
    let g = d.groups.find((x) => x.name === gn)
    if (!g) d.groups.push((g = { id: next--, name: gn, specialties: [], directions: [] }))
    g.specialties.push({ id: p.id, name: leaf, retired: !!p.retired })
  }
  return { ...base, taxonomy: domains }
}

// The paths ("领域 / 组 / 项") of a specialties value: objects carrying their path, or bare ids
// named through the current tree (`#id` when the tree does not know one).
export function specialtyPaths(value, opts) {
  if (!Array.isArray(value)) return []
  const index = leafIndex(opts)
  return value.map((x) => {
    if (x && typeof x === 'object') return x.path || `#${x.id}`
    const leaf = index.get(Number(x))
    return leaf ? `${leaf.domain.name} / ${leaf.group.name} / ${leaf.name}` : `#${x}`
  })
}
