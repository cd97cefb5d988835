// Phone numbers: the country-code choices and the per-region rules of docs/API.md.

export const REGIONS = [
  { value: '86', label: '中国大陆' },
  { value: '852', label: '中国香港' },
  { value: '853', label: '中国澳门' },
  { value: '886', label: '中国台湾' },
  { value: 'other', label: '其他' },
]

// National digits as typed, without spaces, dashes or brackets.
export function cleanDigits(s) {
  return String(s || '').replace(/[\s\-()]/g, '')
}

// E.164 from a country code and the national number; a Taiwan trunk 0 is dropped.
export function composeE164(cc, national) {
  let digits = cleanDigits(national)
  if (!cc || !digits) return ''
  if (cc === '886' && digits.startsWith('0')) digits = digits.slice(1)
  return `+${cc}${digits}`
}

// The message for a bad number, or '' when it has the right shape for its region.
export function phoneError(cc, national) {
  if (!cleanDigits(national)) return '请输入手机号'
  if (!/^\d{1,3}$/.test(cc || '')) return '请输入国家或地区区号'
  let d = cleanDigits(national)
  if (!/^\d+$/.test(d)) return '手机号只能包含数字'
  if (cc === '886' && d.startsWith('0')) d = d.slice(1)
  const ok = {
    86: /^1[3-9]\d{9}$/,
    852: /^[4-9]\d{7}$/,
    853: /^6\d{7}$/,
    886: /^9\d{8}$/,
  }[cc] || /^\d{4,14}$/
  return ok.test(d) ? '' : '手机号格式不正确'
}

// A login account as typed: a phone number becomes E.164, a username is kept as it is.
// A bare mainland number (11 digits, 1[3-9]…) gets +86; "00<cc>…" becomes "+<cc>…".
export function normalizeAccount(s) {
  const t = String(s || '').trim()
  const d = cleanDigits(t)
  if (/^\+\d+$/.test(d)) return d
  if (/^00\d+$/.test(d)) return `+${d.slice(2)}`
  if (/^1[3-9]\d{9}$/.test(d)) return `+86${d}`
  return t
}
