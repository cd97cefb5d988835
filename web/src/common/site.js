// Names shown in the page chrome: the deployment's own, from GET /api/account/site (its
// configuration's [site] name and authority), so one build serves every deployment.
import { reactive } from 'vue'

export const site = reactive({
  name: '专家库系统', // the expert site: the authority's name and the system's
  admin: '专家库管理系统', // the admin site
  authority: '',
  current: '专家库系统', // the name of the site this page belongs to
})

let loading = null
/** Loads the names once; the defaults stay if the server cannot say. */
export function loadSite() {
  if (!loading) {
    loading = fetch('/api/account/site', { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.json() : null))
      .then((info) => {
        if (!info || typeof info.name !== 'string' || !info.name) return
        const base = info.name
        site.authority = info.authority || ''
        site.name = site.authority ? `${site.authority}${base}` : base
        site.admin = base.endsWith('系统') ? `${site.authority}${base.slice(0, -2)}管理系统` : `${site.name}管理端`
      })
      .catch(() => {})
  }
  return loading
}

export const ROLE_NAMES = {
  super: '超级管理员',
  reviewer: '审核员',
  manager: '专家库管理员',
  expert: '专家',
}

// A redirect target taken from the query string: only paths inside this site.
export function safeRedirect(target, fallback = '/') {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    ? target
    : fallback
}

export function setTitle(page, which) {
  site.current = which === 'admin' ? site.admin : site.name
  site.page = page || ''
  document.title = page ? `${page} - ${site.current}` : site.current
}
