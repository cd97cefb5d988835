// Client-side checks mirroring the server's rules (the server stays authoritative).

// The national number of an E.164 phone (the regions the server knows; else without the first
// digit, the shortest country code).
function nationalNumber(phone) {
  const m = /^\+(86|852|853|886)(\d+)$/.exec(phone)
  return m ? m[2] : phone.replace(/^\+\d/, '')
}

// The server also refuses the most common passwords and, where it knows it, one containing the
// ID number; it says so on the field.
export function passwordError(pw, phone = '', username = '') {
  if (!pw) return '请输入密码'
  if (pw.length < 8 || pw.length > 64) return '密码长度应为 8–64 个字符'
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码须同时包含字母和数字'
  const lower = pw.toLowerCase()
  if (phone && /^\+\d+$/.test(phone) && lower.includes(nationalNumber(phone).slice(-8))) return '密码不能包含手机号'
  if (username && username.length >= 4 && lower.includes(username.toLowerCase())) return '密码不能包含用户名'
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
