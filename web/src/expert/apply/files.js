// Uploads (POST /api/files/<kind>) and their client-side checks, mirroring the server's: the type
// is judged by the file's first bytes, the size against the kind's limit.
import { reactive } from 'vue'
import { api } from '../../common/api.js'

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

export async function upload(kind, file) {
  const form = new FormData()
  form.append('file', file, file.name)
  const r = await api.upload(`/api/files/${kind}`, form)
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
