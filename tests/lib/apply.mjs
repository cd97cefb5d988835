// The application (入库申请) in the tests: ID numbers and credit codes with valid check
// characters, small files of each type made on the spot, multipart uploads, a complete valid form,
// the draft/submit steps, the operator tool that plays the reviewer, and the PDF tools.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { BIN_DIR, need } from './env.mjs';
import { expectJson } from './expect.mjs';
import { expertSession } from './flows.mjs';

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** The per-kind upload limits of docs/API.md. */
export const FILE_LIMITS = { photo: 2 * MiB, scan: 5 * MiB, pdf: 10 * MiB };

// ---- dates (the server judges ages and "not in the future" by the date in China) -------------

/** Today in China as { y, m, d }. */
export function chinaToday() {
	const t = new Date(Date.now() + 8 * 3600 * 1000);
	return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad2 = (n) => String(n).padStart(2, '0');
const ymd = (dt) => `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;

/** A date (YYYY-MM-DD) on which someone born then is `years` old today in China: `years` years
 *  and 2 to 300 days ago (never a birthday today, whatever the time zones). */
export function birthDateForAge(years) {
	const t = chinaToday();
	const dt = new Date(Date.UTC(t.y - years, t.m - 1, t.d));
	dt.setUTCDate(dt.getUTCDate() - crypto.randomInt(2, 301));
	return ymd(dt);
}

/** Today in China plus `days` (YYYY-MM-DD). */
export function chinaDate(days = 0) {
	const t = chinaToday();
	const dt = new Date(Date.UTC(t.y, t.m - 1, t.d + days));
	return ymd(dt);
}

// ---- ID numbers and credit codes ---------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECKS = '10X98765432';

/** The check character of a 17-digit ID body. */
export function idCheck(body17) {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i];
	return ID_CHECKS[sum % 11];
}

/**
 * A mainland ID (居民身份证) number nobody else uses, for a person of `age` (default 45) and
 * `gender` ('男' odd / '女' even 17th digit), in a random district of Beijing (110xxx: only the
 * province is checked). With the district, the day and the sequence random, two experts of a run
 * share a number well under once in a thousand runs (with the district fixed it was about once in
 * ten, and the ID number of an active application is unique). Returns { number, birth_date, gender }.
 */
export function mainlandId({ age = 45, gender = '男', birth } = {}) {
	const birth_date = birth ?? birthDateForAge(age);
	let seq = crypto.randomInt(0, 1000);
	if ((seq % 2 === 1) !== (gender === '男')) seq = (seq + 1) % 1000;
	const district = String(crypto.randomInt(0, 1000)).padStart(3, '0');
	const body = '110' + district + birth_date.replace(/-/g, '') + String(seq).padStart(3, '0');
	return { number: body + idCheck(body), birth_date, gender };
}

/** A passport number (5–30 letters or digits) nobody else uses. */
export function passportNumber() {
	return 'E' + crypto.randomBytes(5).toString('hex').toUpperCase();
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (统一社会信用代码) with a valid check character. */
export function creditCode() {
	let body = '91110105';
	while (body.length < 17) body += CREDIT_ALPHABET[crypto.randomInt(0, 31)];
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(body[i]) * CREDIT_WEIGHTS[i];
	return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

// ---- file bytes --------------------------------------------------------------------------------

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** A valid RGB PNG of `w`×`h` pixels (a colour gradient, so each one differs). */
export function png(w = 24, h = 32) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const seed = crypto.randomInt(0, 256);
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) {
		const row = y * (w * 3 + 1);
		raw[row] = 0; // filter: none
		for (let x = 0; x < w; x++) {
			raw[row + 1 + x * 3] = (x * 10 + seed) & 0xff;
			raw[row + 2 + x * 3] = (y * 8) & 0xff;
			raw[row + 3 + x * 3] = 0x80;
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', zlib.deflateSync(raw)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** A grey PNG of `w`×`h` pixels, one shade (`depth` 1 or 8 bits a pixel): a picture of any size
 *  in a few kilobytes, as a decoder would allocate for it. */
export function greyPng(w, h, { depth = 8, shade = 0x80 } = {}) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = depth;
	ihdr[9] = 0; // greyscale
	const rowBytes = Math.ceil((w * depth) / 8);
	const row = Buffer.alloc(1 + rowBytes, depth === 1 ? (shade ? 0xff : 0) : shade);
	row[0] = 0; // filter: none
	const raw = Buffer.alloc(row.length * h);
	for (let y = 0; y < h; y++) row.copy(raw, y * row.length);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * A real baseline JPEG of `w`×`h` grey pixels, the left half dark and the right half light (each
 * 8×8 block one shade: only DC coefficients), optionally with an Exif orientation (1–8).
 */
export function jpeg(w, h, { orientation } = {}) {
	const bytes = [];
	const seg = (marker, payload) => bytes.push(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload);
	bytes.push(0xff, 0xd8);
	if (orientation !== undefined) {
		// APP1 "Exif\0\0", big-endian TIFF, one IFD entry: Orientation (0x0112), SHORT, 1
		seg(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
	}
	seg(0xdb, [0x00, ...Array(64).fill(16)]); // one quantization table, every step 16
	seg(0xc0, [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0]); // SOF0: one component
	// DC table: the standard luminance code lengths, categories 0–11; AC table: EOB only, code "0"
	seg(0xc4, [0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	seg(0xc4, [0x10, 1, ...Array(15).fill(0), 0x00]);
	seg(0xda, [1, 1, 0x00, 0, 63, 0]);
	const dcCodes = [[0b00, 2], [0b010, 3], [0b011, 3], [0b100, 3], [0b101, 3], [0b110, 3], [0b1110, 4], [0b11110, 5],
		[0b111110, 6], [0b1111110, 7], [0b11111110, 8], [0b111111110, 9]];
	let acc = 0, nbits = 0;
	const put = (value, n) => {
		for (let i = n - 1; i >= 0; i--) {
			acc = (acc << 1) | ((value >> i) & 1);
			if (++nbits === 8) {
				bytes.push(acc);
				if (acc === 0xff) bytes.push(0); // byte stuffing
				acc = 0;
				nbits = 0;
			}
		}
	};
	let prev = 0;
	const bw = Math.ceil(w / 8), bh = Math.ceil(h / 8);
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			const dc = bx * 8 < w / 2 ? -48 : 48; // (shade − 128) · 8 / 16: dark 32, light 224
			const diff = dc - prev;
			prev = dc;
			const cat = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
			put(...dcCodes[cat]);
			if (cat) put(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
			put(0, 1); // EOB
		}
	}
	if (nbits) put(0x7f, 8 - nbits); // pad with ones
	bytes.push(0xff, 0xd9);
	return Buffer.from(bytes);
}

/** The pixel size a PNG or JPEG declares: { w, h }, or null. */
export function imageSize(buf) {
	if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
	if (buf[0] !== 0xff || buf[1] !== 0xd8) return null;
	for (let i = 2; i + 9 < buf.length;) {
		if (buf[i] !== 0xff) return null;
		const m = buf[i + 1];
		if (m === 0xff) { i++; continue; }
		if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { w: buf.readUInt16BE(i + 7), h: buf.readUInt16BE(i + 5) };
		if (m === 0xda || m === 0xd9) return null;
		i += 2 + buf.readUInt16BE(i + 2);
	}
	return null;
}

/** Bytes that start like a JPEG (SOI and a JFIF APP0 segment) and end with EOI: enough for a
 *  check of the first bytes, not a decodable picture. */
export function jpegLike(extra = 64) {
	return Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
		// random filler without a 0xFF byte: no marker anywhere (libjpeg, and image_size as it
		// reads like libjpeg, pass over stray bytes to the next 0xFF, so a chance 0xFF 0xC0 would
		// declare a frame size, and a huge one is refused)
		Buffer.from([0x00]),
		Buffer.from([...crypto.randomBytes(extra)].map((b) => (b === 0xff ? 0xfe : b))),
		Buffer.from([0xff, 0xd9]),
	]);
}

/** A small one-page PDF. */
export function pdf(text = 'expertpool test') {
	return Buffer.from(
		'%PDF-1.4\n' +
			'1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
			'2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
			'3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
			`% ${text} ${crypto.randomBytes(4).toString('hex')}\n` +
			'trailer <</Root 1 0 R>>\n%%EOF\n',
		'latin1',
	);
}

/** `head` followed by zero bytes up to `size` bytes in all. */
export function padded(head, size) {
	assert.ok(size >= head.length);
	return Buffer.concat([head, Buffer.alloc(size - head.length)]);
}

// ---- uploads -----------------------------------------------------------------------------------

/**
 * A multipart/form-data body. `parts`: [{ name, data (Buffer|string), filename?, type? }].
 * Returns { body: Buffer, type } (type carries the boundary).
 */
export function multipart(parts) {
	const boundary = '----eptest' + crypto.randomBytes(12).toString('hex');
	const chunks = [];
	for (const p of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
		if (p.filename !== undefined) head += `; filename="${p.filename}"`;
		head += '\r\n';
		if (p.type) head += `Content-Type: ${p.type}\r\n`;
		head += '\r\n';
		chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

const defaultNames = { photo: 'photo.png', scan: 'scan.png', pdf: 'signed.pdf' };
const defaultTypes = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.pdf': 'application/pdf' };

/** POST /api/files/uploads: opens (or resumes) a chunked upload of `data`; returns the reply. */
export function uploadStart(client, kind, data, opts = {}) {
	const ro = { data: { kind, name: opts.name ?? defaultNames[kind] ?? 'file.bin', size: String(data.length), sha256: sha256(data) } };
	if (opts.csrf !== undefined) ro.csrf = opts.csrf;
	return client.request('POST', '/api/files/uploads', ro);
}

/** POST /api/files/uploads/<id>/chunk: chunk `index` (bytes `chunk`, its hash `hash` unless given). */
export function uploadChunk(client, id, index, chunk, opts = {}) {
	const mp = multipart([
		{ name: 'index', data: String(index) },
		{ name: 'sha256', data: opts.hash ?? sha256(chunk) },
		{ name: 'chunk', filename: 'blob', type: 'application/octet-stream', data: chunk },
	]);
	const ro = { body: mp.body, type: mp.type };
	if (opts.csrf !== undefined) ro.csrf = opts.csrf;
	return client.request('POST', `/api/files/uploads/${id}/chunk`, ro);
}

/**
 * The whole chunked upload the page makes: start, every chunk not yet received, finish. Returns
 * the first reply that is not a success (as the one-shot upload would return its error), else
 * the finish's {file}. The shared-host suite (EP_UPLOADS=chunked) sends every upload this way.
 */
export async function uploadChunked(client, kind, data, opts = {}) {
	const start = await uploadStart(client, kind, data, opts);
	if (start.status !== 200 && start.status !== 201) return start;
	const u = start.body.upload;
	const have = new Set(u.received);
	for (let i = 0; i < u.chunks; i++) {
		if (have.has(i)) continue;
		const res = await uploadChunk(client, u.id, i, data.subarray(i * u.chunk_size, (i + 1) * u.chunk_size), opts);
		if (res.status !== 200) return res;
	}
	const fin = await client.request('POST', `/api/files/uploads/${u.id}/finish`, opts.csrf !== undefined ? { csrf: opts.csrf } : {});
	if (fin.status === 422) await client.request('DELETE', `/api/files/uploads/${u.id}`);  // as the page does
	return fin;
}

/**
 * POST /api/files/<kind> with `data` as the part `file`; returns the reply.
 * opts: name (the file name sent), type (the part's Content-Type), csrf (as for Client.request).
 */
export function upload(client, kind, data, opts = {}) {
	if (process.env.EP_UPLOADS === 'chunked') return uploadChunked(client, kind, data, opts);
	const name = opts.name ?? defaultNames[kind] ?? 'file.bin';
	const type = opts.type ?? defaultTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
	const mp = multipart([{ name: 'file', filename: name, type, data }]);
	const ro = { body: mp.body, type: mp.type };
	if (opts.csrf !== undefined) ro.csrf = opts.csrf;
	return client.request('POST', `/api/files/${kind}`, ro);
}

/** Uploads and expects success; returns the `file` object of the reply. */
export async function uploadFile(client, kind, data, opts = {}) {
	const res = await upload(client, kind, data, opts);
	assert.ok(res.status === 201 || res.status === 200, `POST /api/files/${kind}: ${res.status} ${res.text.slice(0, 300)}`);
	const body = expectJson(res, res.status);
	assert.ok(body.file && Number.isInteger(body.file.id) && body.file.id > 0, `file id: ${res.text}`);
	return body.file;
}

/** The id of a proof letter (证明材料) uploaded as a PDF by `client`, for an employer change request. */
export const proofFile = async (client, name = '工作证明.pdf') => (await uploadFile(client, 'pdf', pdf('proof'), { name })).id;

export const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

// ---- the options -------------------------------------------------------------------------------

/** GET /api/apply/options (expects 200). */
export async function applyOptions(client) {
	return expectJson(await client.get('/api/apply/options'), 200);
}

/** The selectable leaves of the taxonomy (specialties and directions) as [{ id, name, path }],
 *  where path is "domain / group / leaf" built from the names; and the ids of the other nodes. */
export function taxonomyLeaves(options) {
	const leaves = [];
	const inner = [];
	for (const dom of options.taxonomy) {
		inner.push(dom.id);
		for (const g of dom.groups || []) {
			inner.push(g.id);
			for (const leaf of [...(g.specialties || []), ...(g.directions || [])]) {
				leaves.push({ id: leaf.id, name: leaf.name, domain: dom.name, group: g.name });
			}
		}
	}
	return { leaves, inner };
}

// ---- the form ----------------------------------------------------------------------------------

/**
 * Uploads the files a complete form needs (photo, both sides of the ID, a title scan) for the
 * expert of `client` and returns a form that passes submission in the city style.
 * opts: id ({ number, birth_date, gender } from mainlandId), age, gender, name, leaves (ids),
 * level (the title level), files (reuse the files of an earlier call).
 */
export async function completeForm(client, opts = {}) {
	const id = opts.id ?? mainlandId({ age: opts.age ?? 45, gender: opts.gender ?? '男' });
	let leaves = opts.leaves;
	if (!leaves) {
		const { leaves: all } = taxonomyLeaves(await applyOptions(client));
		assert.ok(all.length >= 2, 'the taxonomy offers at least two leaves');
		leaves = [all[0].id, all[all.length - 1].id];
	}
	const files = opts.files ?? {
		photo: (await uploadFile(client, 'photo', png(), { name: '证件照.png' })).id,
		id_front: (await uploadFile(client, 'scan', png(), { name: 'id-front.png' })).id,
		id_back: (await uploadFile(client, 'scan', jpegLike(), { name: 'id-back.jpg' })).id,
		title_scan: (await uploadFile(client, 'scan', pdf('title'), { name: '职称证书.pdf' })).id,
	};
	return {
		photo: files.photo,
		name: opts.name ?? '张建国',
		gender: id.gender,
		id_type: '居民身份证',
		id_number: id.number,
		birth_date: id.birth_date,
		id_front: files.id_front,
		id_back: files.id_back,
		email: 'zhang.jianguo@example.com',
		political_status: '群众',
		employment: '在职',
		employer: '某市建筑设计研究院有限公司',
		employer_code: creditCode(),
		position: '总工程师',
		specialty: '结构工程',
		specialty_years: 20,
		honours: ['其他'],
		residence: '某市某区某街道',
		health: '良好',
		region: '本级',
		remote: true,
		entry_type: '新增',
		education: [{ school: '同济大学', major: '结构工程', degree: '硕士研究生', from: '1998-09', to: '2001-07' }],
		work: [
			{ employer: '某省建筑设计院', position: '工程师', from: '2001-08', to: '2008-12' },
			{ employer: '某市建筑设计研究院有限公司', position: '总工程师', from: '2009-01', to: '' },
		],
		avoidance_none: true,
		avoidance: [],
		specialties: leaves,
		titles: [
			{ name: '高级工程师', level: opts.level ?? '副高级', specialty: '结构工程', authority: '某省人力资源和社会保障厅', date: '2010-12-01', scan: files.title_scan },
		],
		qualifications: [],
		achievements: [],
	};
}

/** The files of a form made by completeForm, to pass as opts.files to another call. */
export function formFiles(data) {
	return { photo: data.photo, id_front: data.id_front, id_back: data.id_back, title_scan: data.titles[0].scan };
}

/** POST /api/apply/draft; returns the reply. */
export function saveDraft(client, version, data, step = 'basic') {
	return client.post('/api/apply/draft', { version, step, data });
}

/** Saves a draft and expects success; returns the new version. */
export async function saveDraftOk(client, version, data, step = 'basic') {
	const res = await saveDraft(client, version, data, step);
	const body = expectJson(res, 200);
	assert.ok(Number.isInteger(body.version), `draft version: ${res.text.slice(0, 300)}`);
	return body.version;
}

/** GET /api/apply (expects 200); returns the application object or null. */
export async function getApplication(client) {
	return expectJson(await client.get('/api/apply'), 200).application;
}

/** The current version counter of the expert's application (0 when there is none). */
export async function currentVersion(client) {
	const a = await getApplication(client);
	return a ? a.version : 0;
}

/** POST /api/apply/submit with the declaration ticked; returns the reply. */
export function submit(client, version, declaration = true) {
	const body = { version };
	if (declaration !== undefined) body.declaration = declaration;
	return client.post('/api/apply/submit', body);
}

/**
 * A fresh expert with a saved complete draft. opts as for completeForm, plus `edit(data)` to
 * change the form before it is saved, and `session` to reuse one from expertSession.
 * Returns { user, client, data, version }.
 */
export async function expertWithDraft(opts = {}) {
	const { user, client } = opts.session ?? (await expertSession());
	const data = await completeForm(client, opts);
	if (opts.edit) opts.edit(data);
	const version = await saveDraftOk(client, await currentVersion(client), data);
	return { user, client, data, version };
}

/** A fresh expert whose complete application is submitted. Returns { user, client, data, version }. */
export async function expertSubmitted(opts = {}) {
	const s = await expertWithDraft(opts);
	const res = await submit(s.client, s.version);
	expectJson(res, 200);
	return { ...s, version: await currentVersion(s.client) };
}

// ---- the reviewer's side, through the operator tool --------------------------------------------

const ADMIN_TOOL = path.join(BIN_DIR, 'expertpool-admin');

/**
 * Runs `expertpool-admin application --phone <phone> [--department D] [--reason R] <verb>`
 * (verb: open, approve, reject) with EXPERTPOOL_CONF from the environment.
 * Returns { status, stdout, stderr }.
 */
export function reviewerTool(phone, verb, opts = {}) {
	const r = spawnSync(ADMIN_TOOL, toolArgs(phone, verb, opts), { env: process.env, encoding: 'utf8', timeout: 30000 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** reviewerTool without blocking: resolves to { status, stdout, stderr }. */
export function reviewerToolAsync(phone, verb, opts = {}) {
	const args = toolArgs(phone, verb, opts);
	return new Promise((resolve, reject) => {
		execFile(ADMIN_TOOL, args, { env: process.env, encoding: 'utf8', timeout: 30000 }, (err, stdout, stderr) => {
			if (err && typeof err.code !== 'number') reject(err);
			else resolve({ status: err ? err.code : 0, stdout, stderr });
		});
	});
}

function toolArgs(phone, verb, { department, reason } = {}) {
	need('EXPERTPOOL_CONF');
	// The verb goes last: the tool takes its last argument as the verb.
	const args = ['application', '--phone', phone];
	if (department !== undefined) args.push('--department', department);
	if (reason !== undefined) args.push('--reason', reason);
	args.push(verb);
	return args;
}

/** Runs the tool and expects it to succeed. */
export function reviewer(phone, verb, opts) {
	const r = reviewerTool(phone, verb, opts);
	assert.equal(r.status, 0, `expertpool-admin application ${verb} for ${phone}: exit ${r.status}\n${r.stdout}${r.stderr}`);
	return r;
}

// ---- PDFs --------------------------------------------------------------------------------------

/** The text of a PDF (pdftotext, layout kept loose). Every PDF we make must read clean: any
 *  warning of poppler's (e.g. about the font's ToUnicode map) fails the test. */
export function pdfText(bytes) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		fs.writeFileSync(file, bytes);
		const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30000 });
		assert.equal(r.status, 0, `pdftotext failed: ${r.stderr}`);
		assert.equal(r.stderr, '', `poppler warns about the PDF: ${r.stderr}`);
		return r.stdout;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The text of a PDF as Firefox's viewer reads it (pdf.js, the same engine as pdfjs-dist's), with
 *  every warning pdf.js prints (a broken ToUnicode map, a bad xref, a missing glyph…) collected:
 *  { text, warnings }. Pages' text items are joined, pages separated by newlines. */
const PDFJS_DATA = (dir) => path.join(path.dirname(new URL(import.meta.resolve('pdfjs-dist/package.json')).pathname), dir) + '/';
export async function pdfjsText(bytes) {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const warnings = [];
	const log = console.log, warn = console.warn;
	const keep = (...a) => warnings.push(a.join(' '));
	console.log = keep;
	console.warn = keep;
	try {
		const doc = await pdfjs.getDocument({
			data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.WARNINGS,
			useSystemFonts: false, disableFontFace: true, isEvalSupported: false,
			// what Firefox ships beside the viewer: the 14 standard fonts' data and the CJK CMaps
			standardFontDataUrl: PDFJS_DATA('standard_fonts'), cMapUrl: PDFJS_DATA('cmaps'), cMapPacked: true,
		}).promise;
		const pages = [];
		for (let n = 1; n <= doc.numPages; n++) {
			const content = await (await doc.getPage(n)).getTextContent();
			pages.push(content.items.map((i) => i.str).join(''));
		}
		await doc.destroy();
		return { text: pages.join('\n'), warnings };
	} finally {
		console.log = log;
		console.warn = warn;
	}
}

/** Renders page 1 of a PDF at 50 dpi (pdftoppm -png); returns { status, stderr, png (Buffer|null) }. */
export function renderFirstPage(bytes) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		fs.writeFileSync(file, bytes);
		const r = spawnSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')], { encoding: 'utf8', timeout: 30000 });
		const out = path.join(dir, 'page.png');
		return { status: r.status, stderr: r.stderr, png: fs.existsSync(out) ? fs.readFileSync(out) : null };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The images a PDF holds, as { w, h } in pixels (pdfimages -list). */
export function pdfImages(bytes) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		fs.writeFileSync(file, bytes);
		const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'pipe'] });
		// page num type width height …
		return out.split('\n').slice(2).filter((l) => l.trim().length).map((l) => {
			const c = l.trim().split(/\s+/);
			return { w: Number(c[3]), h: Number(c[4]) };
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** How many images a PDF holds (pdfimages -list). */
export function pdfImageCount(bytes) {
	return pdfImages(bytes).length;
}
