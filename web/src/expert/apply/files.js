// Uploads (in chunks, POST /api/files/uploads) and their client-side checks, mirroring the
// server's: the type is judged by the file's first bytes, the size against the kind's limit.
import { reactive } from 'vue'
import { api, ApiError } from '../../common/api.js'
import { Sha256, sha256Hex } from '../../common/sha256.js'

const MiB = 1024 * 1024

export const KINDS = {
  photo: {
    types: ['jpeg', 'png'],
    max: 2 * MiB,
    accept: '.jpg,.jpeg,.png,image/jpeg,image/png',
    typeText: 'JPG 或 PNG 图片',
    hint: 'JPG/PNG 格式，不超过 2 MB',
  },
  scan: {
    types: ['jpeg', 'png', 'pdf'],
    max: 5 * MiB,
    accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
    typeText: 'JPG、PNG 图片或 PDF 文件',
    hint: 'JPG/PNG/PDF 格式，不超过 5 MB',
  },
  pdf: {
    types: ['pdf'],
    max: 10 * MiB,
    accept: '.pdf,application/pdf',
    typeText: 'PDF 文件',
    hint: 'PDF 格式，不超过 10 MB',
  },
}

const MIME = { jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

// What the first bytes say the file is: 'jpeg', 'png', 'pdf' or ''.
async function sniff(file) {
  let b
  try {
    b = new Uint8Array(await file.slice(0, 8).arrayBuffer())
  } catch {
    return ''
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png'
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf'
  return ''
}

// The message for a file that the server would refuse, '' when it looks acceptable.
export async function fileError(kind, file) {
  const k = KINDS[kind]
  if (!file || !k) return '请选择文件'
  if (file.size === 0) return '文件是空的，请重新选择'
  const type = await sniff(file)
  if (!k.types.includes(type)) return `文件格式不正确：请上传${k.typeText}`
  if (file.size > k.max) return `文件过大：不能超过 ${k.max / MiB} MB（当前 ${(file.size / MiB).toFixed(1)} MB）`
  return ''
}

// What we know of uploaded files, by id (from the upload replies of this page's life): lets a
// scan be shown as an image or as a PDF link without asking the server.
export const known = reactive({})

const READ_SLICE = MiB // bytes read at a time while hashing the whole file

// The file's bytes from `start` to `end`.
async function bytesOf(file, start, end) {
  try {
    return new Uint8Array(await file.slice(start, end).arrayBuffer())
  } catch {
    throw new ApiError(0, 'unreadable', '无法读取所选文件，请重新选择')
  }
}

// Sends one chunk, again after a network failure or a web server's own error (twice, with a
// pause): a phone on a poor connection loses a request now and then.
async function sendChunk(id, index, bytes, hash) {
  for (let attempt = 0; ; attempt++) {
    const form = new FormData()
    form.append('index', String(index))
    form.append('sha256', hash)
    form.append('chunk', new Blob([bytes], { type: 'application/octet-stream' }), 'chunk')
    try {
      return await api.upload(`/api/files/uploads/${id}/chunk`, form)
    } catch (err) {
      const transient = err instanceof ApiError && (err.status === 0 || err.code === 'unavailable')
      if (!transient || attempt >= 2) throw err
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)))
    }
  }
}

// Uploads a file in chunks (POST /api/files/uploads, …/chunk, …/finish): each request well under
// the 128 KiB a shared host's mod_fcgid takes, the same on every server. The same file chosen
// again after an interruption resumes where it stopped (the server keeps the chunks a day).
// onProgress(fraction 0…1, phase 'hash' | 'send').
export async function upload(kind, file, onProgress = () => {}) {
  const whole = new Sha256()
  for (let at = 0; at < file.size; at += READ_SLICE) {
    whole.update(await bytesOf(file, at, Math.min(file.size, at + READ_SLICE)))
    onProgress(Math.min(file.size, at + READ_SLICE) / file.size, 'hash')
  }
  const type = Object.values(MIME).includes(file.type) ? file.type : undefined
  const start = await api.post('/api/files/uploads', {
    kind, name: file.name || 'file', size: String(file.size), sha256: whole.hex(), ...(type ? { type } : {}),
  })
  const u = start.upload
  const have = new Set(u.received)
  onProgress(have.size / u.chunks, 'send')
  for (let i = 0; i < u.chunks; i++) {
    if (have.has(i)) continue
    const bytes = await bytesOf(file, i * u.chunk_size, Math.min(file.size, (i + 1) * u.chunk_size))
    await sendChunk(u.id, i, bytes, sha256Hex(bytes))
    have.add(i)
    onProgress(have.size / u.chunks, 'send')
  }
  let r
  try {
    r = await api.post(`/api/files/uploads/${u.id}/finish`)
  } catch (err) {
    // refused as a whole (type, picture size, checksum): the chunks are of no further use
    if (err instanceof ApiError && err.status === 422) api.del(`/api/files/uploads/${u.id}`, { quiet: true }).catch(() => {})
    throw err
  }
  const f = r.file
  if (f && f.id != null) known[f.id] = f
  return f
}

// The file's address: inline for showing in the page, attachment for saving.
export function fileUrl(id, inline = true) {
  return `/api/files/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`
}

// 'image', 'pdf' or '' (unknown: try it as an image, fall back to a link).
export function fileType(id, kind) {
  if (kind === 'photo') return 'image'
  if (kind === 'pdf') return 'pdf'
  const f = known[id]
  if (!f) return ''
  if (f.type === MIME.pdf) return 'pdf'
  return 'image'
}

// Saves a blob under `name` through a temporary link.
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
}
