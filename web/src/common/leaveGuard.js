// Asking before a page with changes is left: a confirm box (离开 / 留在本页) on a route change, the
// browser's own question on closing or reloading the tab. Not asked once the session has ended
// (nothing could be saved any more), nor after release() (the page leaves on purpose: submitted,
// or gone from the server).
import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { confirmBox } from './confirm.js'

export function useLeaveGuard(dirty, session, message, title) {
  let released = false
  const asks = () => !released && dirty.value
  onBeforeRouteLeave(() => {
    if (!asks() || !session.user) return true
    return confirmBox(message, title, { confirmText: '离开', cancelText: '留在本页' })
  })
  function beforeUnload(ev) {
    if (!asks()) return
    ev.preventDefault()
    ev.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload))
  return { release: () => { released = true } }
}
