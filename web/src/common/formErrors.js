// Server errors on forms: per-field messages under their el-form-item, the rest as a toast.
import { nextTick, reactive, ref } from 'vue'
import { toast } from './toast.js'

// Codes that name a field without a `fields` object.
const CODE_FIELDS = { phone_taken: 'phone', username_taken: 'username' }

// keys: the form's item names; alias: API field name -> item name (e.g. captcha_id -> captcha).
export function useFormErrors(keys, alias = {}) {
  const errors = reactive(Object.fromEntries(keys.map((k) => [k, ''])))

  function clear(key) {
    if (key) errors[key] = ''
    else for (const k of keys) errors[k] = ''
  }

  // Shows err. An el-form-item only re-shows its `error` prop when the value changes, so the
  // old messages are cleared first and the new ones set on the next tick.
  async function show(err) {
    clear()
    // An expired session is announced (and redirected) by the app's handler, not per form.
    if (err && err.code === 'unauthorized') return
    await nextTick()
    const fields = { ...(err && err.fields) }
    const byCode = err && CODE_FIELDS[err.code]
    if (byCode && !fields[byCode]) fields[byCode] = err.message
    const leftover = []
    let placed = 0
    for (const [name, msg] of Object.entries(fields)) {
      const key = alias[name] || name
      if (keys.includes(key)) {
        errors[key] = String(msg)
        placed++
      } else {
        leftover.push(String(msg))
      }
    }
    if (leftover.length) toast.error(leftover.join('；'))
    else if (!placed) toast.error((err && err.message) || '操作失败，请稍后再试')
  }

  return { errors, clear, show }
}

// A form's submission: `busy` while run(fn) runs fn; a failure goes to onError(err) first and,
// unless that says it handled it (returns true), to show (useFormErrors's).
export function useSubmit(show) {
  const busy = ref(false)
  async function run(fn, onError) {
    busy.value = true
    try {
      return await fn()
    } catch (err) {
      if (!(onError && (await onError(err)))) show(err)
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
