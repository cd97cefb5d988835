// Creates and mounts one site's app: Element Plus, the router, the API's session hooks.
import { createApp } from 'vue'
import { toast } from './toast.js'
import element from './element.js'
import { setAuthHandlers } from './api.js'
import { loadSite, setTitle } from './site.js'
import './base.css'

export function boot(App, router, session, which) {
  // the deployment's names arrive after the first paint; the title follows them
  loadSite().then(() => setTitle(router.currentRoute.value.meta.title, which))
  // A request that finds the session gone sends the user to the login page.
  setAuthHandlers({
    unauthorized() {
      if (!session.user) return
      session.clear()
      toast.warning('登录已失效，请重新登录')
      router.replace({ name: 'login' })
    },
    passwordChangeRequired() {
      router.replace({ name: 'password' })
    },
  })

  let warned = false
  router.beforeEach(async (to) => {
    // Pages open to anyone (the certificate check) neither ask who is logged in nor redirect.
    if (to.meta.open) return
    await session.ensure()
    // The server could not tell who we are (down, unreachable): say so once, not a blank page.
    if (session.error && !warned) {
      warned = true
      toast.error({ message: session.error.message, duration: 6000 })
    }
  })
  router.beforeEach(guard(session))
  router.afterEach((to) => setTitle(to.meta.title, which))

  const app = createApp(App)
  app.use(element)
  app.use(router)
  app.mount('#app')
  return app
}

// The guard both sites share. Route meta: `open` (anyone, logged in or not: no redirect),
// `public` (login pages: a logged-in user goes home), `password` (forced change).
function guard(session) {
  return (to) => {
    if (to.meta.open) return true
    const u = session.user
    if (to.meta.public) {
      if (!u) return true
      return u.must_change_password ? { name: 'password' } : { name: 'home' }
    }
    if (!u) {
      return to.name === 'home' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } }
    }
    if (u.must_change_password && !to.meta.password) return { name: 'password' }
    if (!u.must_change_password && to.meta.password) return { name: 'home' }
    return true
  }
}
