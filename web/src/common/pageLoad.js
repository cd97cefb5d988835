// A page's load: the spinner flag, the message that takes the page's place when it failed, and
// load() that runs `fetch` with both kept. A lapsed session (unauthorized) shows no message: the
// API client already sends the user to the login page. `notFound` replaces the server's message
// on a 404; `failed(err)` runs first, to drop what an earlier load left.
import { ref } from 'vue'

export function usePageLoad(fetch, { notFound = '', failed = null, loading = true } = {}) {
  const state = { loading: ref(loading), loadError: ref('') }
  async function load() {
    state.loading.value = true
    state.loadError.value = ''
    try {
      await fetch()
    } catch (err) {
      if (failed) failed(err)
      if (err.code !== 'unauthorized') state.loadError.value = (notFound && err.status === 404 ? notFound : err.message) || '加载失败'
    } finally {
      state.loading.value = false
    }
  }
  return { ...state, load }
}
