// The one way pages show a short message (Element Plus's ElMessage): one at a time, each new
// message replacing the one shown, so that messages never stack up over the page.
import { ElMessage } from 'element-plus'

function show(type, opts) {
  ElMessage.closeAll()
  const o = typeof opts === 'string' ? { message: opts } : { ...opts }
  return ElMessage({ ...o, type })
}

export const toast = {
  success: (opts) => show('success', opts),
  info: (opts) => show('info', opts),
  warning: (opts) => show('warning', opts),
  error: (opts) => show('error', opts),
}
