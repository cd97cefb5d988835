// A paged, filtered list (docs/API.md "Lists: paging and filters") whose filters, sort and page
// live in the URL query, so that back, refresh and a shared link show the same list.
//
//   const list = useList('/api/review/queue', { status: 'todo', node: '', q: '' })
//   list.filters     the filter form (strings); list.search() applies it (page 1)
//   list.items, list.total, list.page, list.size, list.loading, list.loadError (plain values)
//   list.errors      per-filter messages of a 422 (el-form-item :error)
import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { api } from '../common/api.js'
import { useFormErrors } from '../common/formErrors.js'
import { PAGE_SIZES } from '../common/paging.js'

export { PAGE_SIZES }

export function useList(url, defaults, opts = {}) {
  const route = useRoute()
  const router = useRouter()
  const keys = Object.keys(defaults)
  const filters = reactive({ ...defaults })
  const items = ref([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(PAGE_SIZES[0])
  const loading = ref(false)
  const loadError = ref('')
  const { errors, clear, show } = useFormErrors(keys, opts.alias || {})
  let seq = 0

  const str = (v) => (v === undefined || v === null ? '' : String(v))

  // The query string of the filters, the page and the size: only what differs from the defaults.
  function queryOf(f, p, s) {
    const q = {}
    for (const k of keys) {
      const v = str(f[k]).trim()
      if (v !== str(defaults[k])) q[k] = v
    }
    if (p > 1) q.page = String(p)
    if (s !== PAGE_SIZES[0]) q.size = String(s)
    return q
  }

  // The current URL's query as queryOf would write it (unknown keys and defaults left out).
  function routeQuery() {
    const q = route.query
    const f = {}
    for (const k of keys) f[k] = typeof q[k] === 'string' ? q[k] : defaults[k]
    const p = Number.parseInt(q.page, 10)
    const s = Number.parseInt(q.size, 10)
    return queryOf(f, Number.isInteger(p) && p > 0 ? p : 1, PAGE_SIZES.includes(s) ? s : PAGE_SIZES[0])
  }

  // The filters of the current URL (a key absent from it has its default value).
  function fromRoute() {
    const q = route.query
    for (const k of keys) filters[k] = typeof q[k] === 'string' ? q[k] : str(defaults[k])
    const p = Number.parseInt(q.page, 10)
    page.value = Number.isInteger(p) && p > 0 ? p : 1
    const s = Number.parseInt(q.size, 10)
    size.value = PAGE_SIZES.includes(s) ? s : PAGE_SIZES[0]
  }

  // What the API is asked: every filter with a value (defaults included), page and size.
  function apiQuery() {
    const params = new URLSearchParams()
    for (const k of keys) {
      const v = str(filters[k]).trim()
      if (v !== '') params.set(k, v)
    }
    params.set('page', String(page.value))
    params.set('size', String(size.value))
    return params
  }

  async function load() {
    const mine = ++seq
    loading.value = true
    loadError.value = ''
    try {
      const r = await api.get(`${url}?${apiQuery()}`)
      if (mine !== seq) return
      clear()
      items.value = Array.isArray(r.items) ? r.items : []
      total.value = Number(r.total) || 0
      // A page past the end (items deleted meanwhile, or an edited URL): go to the last one.
      if (!items.value.length && total.value > 0 && page.value > 1) {
        go(Math.max(1, Math.ceil(total.value / size.value)), size.value, true)
      }
    } catch (err) {
      if (mine !== seq) return
      items.value = []
      total.value = 0
      if (err.code === 'unauthorized') return
      if (err.status === 422 && err.fields) {
        // the messages go beside the filters (a field without one, like `size`, is a toast)
        show(err)
        loadError.value = '筛选条件有误，请按提示修改后重新查询'
      } else {
        loadError.value = err.message
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  // Navigates to the list with these filters; loads again when the URL would not change.
  function go(p, s, replace = false) {
    const query = queryOf(filters, p, s)
    if (JSON.stringify(query) === JSON.stringify(routeQuery())) {
      page.value = p
      size.value = s
      load()
      return
    }
    router[replace ? 'replace' : 'push']({ path: route.path, query })
  }

  // The filters in force (those of the URL, not unsent edits of the form) as a query string for
  // another route taking the same filters (the CSV export).
  function appliedQuery() {
    const q = route.query
    const params = new URLSearchParams()
    for (const k of keys) {
      const v = typeof q[k] === 'string' ? q[k].trim() : str(defaults[k])
      if (v !== '') params.set(k, v)
    }
    return params.toString()
  }

  const search = () => go(1, size.value)
  const reset = () => {
    Object.assign(filters, defaults)
    clear()
    go(1, size.value)
  }
  const toPage = (p) => go(p, size.value)
  const toSize = (s) => go(1, s)

  // The route's query drives the list: on the first visit, on back/forward, after search().
  const path = route.path
  watch(
    () => route.fullPath,
    () => {
      if (route.path !== path) return
      fromRoute()
      load()
    },
  )
  fromRoute()
  load()

  // reactive: the refs read as plain values (list.page, list.items) in scripts and templates alike
  return reactive({ filters, items, total, page, size, loading, loadError, errors, search, reset, toPage, toSize, reload: load, appliedQuery })
}
