// GET /api/apply/options, asked once per page load (a failure is asked again next time).
import { api } from '../../common/api.js'

let pending = null

export function loadOptions() {
  if (!pending) {
    pending = api.get('/api/apply/options').catch((err) => {
      pending = null
      throw err
    })
  }
  return pending
}

// The leaves of the taxonomy by id: { name, group, domain, kind: 'specialty' | 'direction',
// retired }. The retired ones (options.retired: no longer offered, still named where a form or a
// profile holds one) come after the choosable ones, marked retired.
export function leafIndex(options) {
  const index = new Map()
  for (const tree of [options && options.taxonomy, options && options.retired]) {
    for (const d of tree || []) {
      for (const g of d.groups || []) {
        for (const [list, kind] of [['specialties', 'specialty'], ['directions', 'direction']]) {
          for (const s of g[list] || []) {
            if (!index.has(s.id)) index.set(s.id, { name: s.name, group: g, domain: d, kind, retired: !!s.retired })
          }
        }
      }
    }
  }
  return index
}
