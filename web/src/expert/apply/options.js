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

// The leaves of the taxonomy by id: { name, group, domain, kind: 'specialty' | 'direction' }.
export function leafIndex(options) {
  const index = new Map()
  for (const d of (options && options.taxonomy) || []) {
    for (const g of d.groups || []) {
      for (const s of g.specialties || []) index.set(s.id, { name: s.name, group: g, domain: d, kind: 'specialty' })
      for (const s of g.directions || []) index.set(s.id, { name: s.name, group: g, domain: d, kind: 'direction' })
    }
  }
  return index
}
