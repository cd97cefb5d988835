// Names shown in the page chrome. A build can set VITE_SITE_NAME (e.g. in web/.env.local).
export const SITE_NAME = import.meta.env.VITE_SITE_NAME || '专家库系统'
export const ADMIN_NAME = import.meta.env.VITE_ADMIN_NAME || '专家库管理系统'

export const ROLE_NAMES = {
  super: '超级管理员',
  reviewer: '审核员',
  manager: '管理员',
  expert: '专家',
}

// A redirect target taken from the query string: only paths inside this site.
export function safeRedirect(target, fallback = '/') {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    ? target
    : fallback
}

export function setTitle(page, site) {
  document.title = page ? `${page} - ${site}` : site
}
