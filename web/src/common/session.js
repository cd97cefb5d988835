// The logged-in user of one portal ('expert' or 'admin'), loaded once from GET /api/account/me.
import { reactive } from 'vue'
import { api } from './api.js'

export function createSession(portal) {
  const s = reactive({
    user: null, // the API's user object, or null
    loaded: false,
    error: null, // an ApiError when the server could not say who we are (not a 401)
  })

  // A session of the other portal is not ours: treat it as logged out here.
  function accept(user) {
    s.user = user && user.portal === portal ? user : null
    return s.user
  }

  async function load() {
    try {
      const r = await api.get('/api/account/me', { quiet: true })
      accept(r.user)
      s.error = null
    } catch (err) {
      s.user = null
      s.error = err.status === 401 ? null : err
    }
    // After a failure other than 401, ask again on the next navigation.
    s.loaded = s.error === null
    return s.user
  }

  let pending = null
  function ensure() {
    if (s.loaded) return Promise.resolve(s.user)
    if (!pending) pending = load().finally(() => { pending = null })
    return pending
  }

  // Throws when the server could not end the session (a 401 means it is already over).
  async function logout() {
    try {
      await api.post('/api/account/logout', {}, { quiet: true })
    } catch (err) {
      if (err.status !== 401) throw err
    }
    s.user = null
  }

  return Object.assign(s, {
    portal,
    ensure,
    reload: load,
    setUser: accept,
    clear: () => { s.user = null },
    logout,
  })
}
