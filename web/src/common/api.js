// fetch wrapper for the JSON API: same-origin, CSRF header on every POST (JSON or multipart),
// file downloads as blobs, errors as ApiError.

export class ApiError extends Error {
  constructor(status, code, message, fields = null, retryAfter = 0) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.retry_after = retryAfter
  }
}

// Messages for failures that happen before the API can answer in JSON: the network, or the web
// server itself (nginx, Apache, a host's proxy) answering with its own HTML page or nothing.
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
const SERVER_MESSAGES = {
  404: '请求的地址不存在，请刷新页面后重试',
  413: '提交的内容超过了服务器允许的大小，请换一个较小的文件，或联系网站管理员',
  500: '服务器处理请求时出错，请稍后再试；若一再出现，请联系网站管理员',
  502: '服务器暂时无法响应，请稍后再试',
  503: '服务器正忙或正在维护，请稍后再试',
  504: '服务器响应超时，请稍后再试',
}
function unavailableMessage(status) {
  return SERVER_MESSAGES[status] || `服务暂时不可用（HTTP ${status}），请稍后再试`
}

let lastCsrf = ''
let onUnauthorized = null
let onPasswordChange = null

// The apps install these to react to an expired session or a pending password change.
export function setAuthHandlers({ unauthorized, passwordChangeRequired }) {
  onUnauthorized = unauthorized || null
  onPasswordChange = passwordChangeRequired || null
}

export function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return part.slice(eq + 1).trim()
      }
    }
  }
  return ''
}

function csrfToken() {
  return readCookie('ep_csrf') || lastCsrf
}

// The file name of a download, from its Content-Disposition header ('' when none is given).
function dispositionName(header) {
  if (!header) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : ''
}

// body: an object (sent as JSON) or a FormData (multipart: the browser sets the Content-Type
// with its boundary, so none is set here). opts.blob: a successful reply is returned as
// { blob, name, type } instead of being parsed as JSON.
async function send(method, url, body, opts = {}) {
  const headers = { Accept: opts.blob ? '*/*' : 'application/json' }
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' }
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken()
    if (method === 'DELETE' && !body) {
      // no body
    } else if (body instanceof FormData) {
      init.body = body
    } else {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body || {})
    }
  }
  let res
  try {
    res = await fetch(url, init)
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE)
  }
  const type = res.headers.get('Content-Type') || ''
  if (opts.blob && res.ok) {
    try {
      const blob = await res.blob()
      return { blob, type, name: dispositionName(res.headers.get('Content-Disposition')) }
    } catch {
      throw new ApiError(0, 'network', NETWORK_MESSAGE)
    }
  }
  let data = null
  if (type.includes('application/json')) {
    try {
      data = await res.json()
    } catch {
      data = null
    }
  }
  if (res.ok) {
    if (data === null) throw new ApiError(res.status, 'bad_reply', unavailableMessage(res.status))
    if (typeof data.csrf === 'string' && data.csrf) lastCsrf = data.csrf
    return data
  }
  const e = data && data.error
  if (!e || typeof e !== 'object') {
    throw new ApiError(res.status, 'unavailable', unavailableMessage(res.status))
  }
  const retry = Number(e.retry_after) || Number(res.headers.get('Retry-After')) || 0
  throw new ApiError(res.status, e.code || 'error', e.message || unavailableMessage(res.status),
    e.fields && typeof e.fields === 'object' ? e.fields : null, retry)
}

// The server sets ep_csrf on any reply to a request that carries none; make sure we hold one
// before the first POST (a page opened straight on a form may not have asked anything yet).
async function ensureCsrf() {
  if (csrfToken()) return
  try {
    await send('GET', '/api/account/me')
  } catch {
    // 401 is the normal answer here; the cookie comes with it.
  }
}

async function request(method, url, body, opts = {}) {
  if (method !== 'GET') await ensureCsrf()
  try {
    return await send(method, url, body, opts)
  } catch (err) {
    if (!opts.quiet && err instanceof ApiError) {
      if (err.status === 401 && err.code === 'unauthorized' && onUnauthorized) onUnauthorized(err)
      if (err.code === 'password_change_required' && onPasswordChange) onPasswordChange(err)
    }
    throw err
  }
}

export const api = {
  get: (url, opts) => request('GET', url, null, opts),
  post: (url, body, opts) => request('POST', url, body, opts),
  // multipart upload: `form` is a FormData (CSRF header as for every POST).
  upload: (url, form, opts) => request('POST', url, form, opts),
  del: (url, opts) => request('DELETE', url, null, opts),
  // a file download: resolves to { blob, type, name }; errors arrive as ApiError like the rest.
  download: (url, opts) => request('GET', url, null, { ...opts, blob: true }),
}
