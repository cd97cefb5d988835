// Client-side checks mirroring the server's rules (the server stays authoritative).

export function passwordError(pw, phone = '') {
  if (!pw) return '请输入密码'
  if (pw.length < 8 || pw.length > 64) return '密码长度应为 8–64 个字符'
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码须同时包含字母和数字'
  if (phone) {
    const digits = phone.replace(/^\+/, '')
    const national = phone.replace(/^\+(86|852|853|886)/, '')
    if (pw === phone || pw === digits || pw === national) return '密码不能与手机号相同'
  }
  return ''
}

export function usernameError(u) {
  if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(u)) {
    return '用户名为 4–32 位字母、数字或下划线，以字母开头'
  }
  return ''
}

export function nameError(n) {
  const len = [...n.trim()].length
  if (len < 2 || len > 30) return '姓名应为 2–30 个字'
  return ''
}

// An el-form validator from a function returning '' or a message.
export function check(fn) {
  return (_rule, value, callback) => {
    const msg = fn(value)
    if (msg) callback(new Error(msg))
    else callback()
  }
}

export function required(message, trigger = 'blur') {
  return { required: true, message, trigger }
}
