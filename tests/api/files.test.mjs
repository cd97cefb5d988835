// API tests of the files program: POST /api/files/<kind> (photo, scan, pdf) and
// GET /api/files/<id> (docs/API.md, "files — uploads").
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/http.mjs';
import { rawRequest, hostHeader } from '../lib/raw.mjs';
import { expectError, expectJson } from '../lib/expect.mjs';
import { newClient, expertSession, adminSession, registerExpert, loggedIn } from '../lib/flows.mjs';
import { resetIpLimits, fileCount } from '../lib/db.mjs';
import { FILE_LIMITS, KiB, upload, uploadFile, multipart, png, pngChunk, greyPng, jpeg, jpegLike, imageSize, pdf, padded, sha256 } from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

// One expert for the tests that only add files of their own.
let me;
before(async () => {
	resetIpLimits();
	me = await expertSession();
});

/** The upload reply: 201 (or 200) with exactly {file:{id, kind, name, type, size, sha256}}. */
function expectUploaded(res, want) {
	assert.ok(res.status === 201 || res.status === 200, `upload: ${res.status} ${res.text.slice(0, 300)}`);
	const body = expectJson(res, res.status);
	assert.deepEqual(Object.keys(body), ['file']);
	const f = body.file;
	assert.deepEqual(Object.keys(f).sort(), ['id', 'kind', 'name', 'sha256', 'size', 'type']);
	assert.ok(Number.isInteger(f.id) && f.id > 0, `id: ${res.text}`);
	for (const [k, v] of Object.entries(want)) assert.deepEqual(f[k], v, `file.${k}: ${res.text}`);
	return f;
}

// ---- uploads: what each kind accepts -----------------------------------------------------------

const accepted = [
	['scan', 'a PNG', () => png(), 'front.png', 'image/png'],
	['scan', 'a JPEG', () => jpegLike(), 'back.jpeg', 'image/jpeg'],
	['scan', 'a PDF', () => pdf(), '职称证书.pdf', 'application/pdf'],
	['pdf', 'a PDF', () => pdf(), '承诺书（签字）.pdf', 'application/pdf'],
];
for (const [kind, what, make, name, type] of accepted) {
	test(`upload ${kind}: ${what} → {file:{id, kind, name, type, size, sha256}}`, async () => {
		const data = make();
		const res = await upload(me.client, kind, data, { name });
		expectUploaded(res, { kind, name, type, size: data.length, sha256: sha256(data) });
	});
}

// A photo is stored as the documents print it: a JPEG of at most 600 pixels on its longer side,
// upright, named .jpg; the reply describes what is stored.
for (const [what, make, name, stored] of [
	['a PNG', () => png(), '证件照.png', '证件照.jpg'],
	['a JPEG', () => jpeg(60, 80), 'me.jpg', 'me.jpg'],
]) {
	test(`upload photo: ${what} → stored as a JPEG, {file:{id, kind, name, type, size, sha256}} of the stored bytes`, async () => {
		const f = expectUploaded(await upload(me.client, 'photo', make(), { name }), { kind: 'photo', name: stored, type: 'image/jpeg' });
		const res = await me.client.get(`/api/files/${f.id}`, { binary: true });
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type') || '', /^image\/jpeg\b/);
		assert.equal(res.bytes.length, f.size);
		assert.equal(sha256(res.bytes), f.sha256);
	});
}

test('upload photo: a 6000×6000 picture (36 megapixels, a few KB of PNG) → 422 file with a Chinese message, nothing stored', async () => {
	const { user, client } = await expertSession();
	const big = greyPng(6000, 6000, { depth: 1 });
	assert.ok(big.length < 64 * KiB, `a small file: ${big.length} bytes`);
	const err = expectError(await upload(client, 'photo', big, { name: 'big.png' }), 422, 'invalid', ['file']);
	assert.match(err.fields.file, /照片尺寸过大/);
	// one side over 6000, or over 16 megapixels with both sides within it
	expectError(await upload(client, 'photo', greyPng(6001, 10, { depth: 1 }), { name: 'wide.png' }), 422, 'invalid', ['file']);
	expectError(await upload(client, 'photo', greyPng(4100, 4000, { depth: 1 }), { name: 'square.png' }), 422, 'invalid', ['file']);
	assert.equal(fileCount(user.phone), 0);
	// a scan of that size is kept as uploaded (an A4 page at 600 dpi has 35 megapixels)
	const scan = expectUploaded(await upload(client, 'scan', big, { name: 'a4.png' }), { type: 'image/png', size: big.length, sha256: sha256(big) });
	assert.ok(scan.id > 0);
});

test('upload photo: 3000×2000 → stored 600×400; with Exif orientation 6 (turn clockwise) → 400×600, upright', async () => {
	const { client } = await expertSession();
	for (const [data, name, w, h] of [
		[greyPng(3000, 2000), 'wide.png', 600, 400],
		[jpeg(3000, 2000), 'wide.jpg', 600, 400],
		[jpeg(3000, 2000, { orientation: 6 }), 'turned.jpg', 400, 600],
		[jpeg(300, 200), 'small.jpg', 300, 200],
	]) {
		const f = expectUploaded(await upload(client, 'photo', data, { name }), { type: 'image/jpeg' });
		const res = await client.get(`/api/files/${f.id}`, { binary: true });
		assert.equal(res.status, 200);
		assert.deepEqual(imageSize(res.bytes), { w, h }, `${name}: the stored picture`);
		assert.ok(f.size < 100 * KiB, `${name}: ${f.size} bytes stored`);
	}
});

test('upload photo: bytes that only start like a JPEG (no picture in them) → 422 file, nothing stored', async () => {
	const { user, client } = await expertSession();
	expectError(await upload(client, 'photo', jpegLike(), { name: 'me.jpg' }), 422, 'invalid', ['file']);
	assert.equal(fileCount(user.phone), 0);
	// as a scan they are kept: scans are not decoded, only shown to reviewers
	expectUploaded(await upload(client, 'scan', jpegLike(), { name: 'me.jpg' }), { type: 'image/jpeg' });
});

test('upload: the type is judged by the first bytes, not the name or the part\'s Content-Type', async () => {
	const f = expectUploaded(await upload(me.client, 'photo', jpeg(40, 30), { name: 'portrait.txt', type: 'text/plain' }), { type: 'image/jpeg', name: 'portrait.jpg' });
	const g = expectUploaded(await upload(me.client, 'scan', pdf(), { name: 'scan.png', type: 'image/png' }), { type: 'application/pdf' });
	// and it is served with the judged type
	const res = await me.client.get(`/api/files/${f.id}`, { binary: true });
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type') || '', /^image\/jpeg\b/);
	const res2 = await me.client.get(`/api/files/${g.id}`, { binary: true });
	assert.match(res2.headers.get('content-type') || '', /^application\/pdf\b/);
});

// ---- uploads: refused types ------------------------------------------------------------------

const text = Buffer.from('just some text, not a picture\n');
const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const refused = [
	['pdf', 'a PNG named .pdf', () => png(), 'signed.pdf', 'application/pdf'],
	['pdf', 'a JPEG', () => jpegLike(), 'signed.jpg', 'image/jpeg'],
	['photo', 'a text file named .jpg', () => text, 'photo.jpg', 'image/jpeg'],
	['photo', 'a PDF', () => pdf(), 'photo.pdf', 'application/pdf'],
	['photo', 'a GIF', () => gif, 'photo.gif', 'image/gif'],
	['scan', 'a text file named .png', () => text, 'scan.png', 'image/png'],
	['scan', 'almost a PNG (7 of its 8 signature bytes)', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00, 1, 2, 3]), 'scan.png', 'image/png'],
	['pdf', 'a file that mentions %PDF- later on', () => Buffer.from('hello %PDF-1.4\n'), 'x.pdf', 'application/pdf'],
];
for (const [kind, what, make, name, type] of refused) {
	test(`upload ${kind}: ${what} → 422 file, nothing stored`, async () => {
		const { user, client } = await expertSession();
		expectError(await upload(client, kind, make(), { name, type }), 422, 'invalid', ['file']);
		assert.equal(fileCount(user.phone), 0);
	});
}

test('upload: no part `file`, or an empty one → 422 file', async () => {
	const c = me.client;
	const other = multipart([{ name: 'document', filename: 'a.png', type: 'image/png', data: png() }]);
	expectError(await c.request('POST', '/api/files/photo', { body: other.body, type: other.type }), 422, 'invalid', ['file']);
	const plain = multipart([{ name: 'file', data: 'not a file part' }]);
	const res = await c.request('POST', '/api/files/photo', { body: plain.body, type: plain.type });
	expectError(res, 422, 'invalid', ['file']);
	// chunked (EP_UPLOADS=chunked), an empty file is refused at the start, on its size
	expectError(await upload(c, 'scan', Buffer.alloc(0), { name: 'empty.png' }), 422, 'invalid', [process.env.EP_UPLOADS === 'chunked' ? 'size' : 'file']);
});

test('upload: an image declaring more than 12000 pixels a side or 40 megapixels → 422 file, nothing stored', async () => {
	const { user, client } = await expertSession();
	// a PNG header whose IHDR claims 20000 × 20000 (a decompression bomb for a decoder)
	const bomb = png(4, 4);
	bomb.writeUInt32BE(20000, 16);
	bomb.writeUInt32BE(20000, 20);
	expectError(await upload(client, 'photo', bomb, { name: 'bomb.png' }), 422, 'invalid', ['file']);
	// a JPEG whose start-of-frame claims 8000 × 8000 (64 megapixels, each side allowed)
	const sof = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x1f, 0x40, 0x1f, 0x40, 0x03,
		0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
	expectError(await upload(client, 'scan', sof, { name: 'bomb.jpg' }), 422, 'invalid', ['file']);
	assert.equal(fileCount(user.phone), 0);
	// an ordinary picture passes
	expectUploaded(await upload(client, 'photo', png(300, 400), { name: 'ok.png' }), {});
});

test('upload: the pixel bound holds behind what libjpeg and libpng read past (stray bytes, a chunk before IHDR) → 422 file', async () => {
	const { user, client } = await expertSession();
	// 8000 × 8000 behind one stray byte after the JFIF segment (libjpeg skips it with a warning)
	const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0x00, 0xff, 0xc0, 0x00, 0x11,
		0x08, 0x1f, 0x40, 0x1f, 0x40, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
	expectError(await upload(client, 'scan', jpeg, { name: 'stray.jpg' }), 422, 'invalid', ['file']);
	// 20000 × 20000 behind an unknown ancillary chunk, which libpng passes over to the IHDR
	const small = png(4, 4), ihdr = Buffer.from(small.subarray(16, 29));
	ihdr.writeUInt32BE(20000, 0);
	ihdr.writeUInt32BE(20000, 4);
	const bomb = Buffer.concat([small.subarray(0, 8), pngChunk('tGXt', Buffer.from('first')), pngChunk('IHDR', ihdr),
		small.subarray(33)]);
	expectError(await upload(client, 'photo', bomb, { name: 'chunk.png' }), 422, 'invalid', ['file']);
	assert.equal(fileCount(user.phone), 0);
});

test('upload: two parts named `file`, or a part name holding a NUL byte → 400 bad_request, nothing stored', async () => {
	const { user, client } = await expertSession();
	const post = (mp) => client.request('POST', '/api/files/photo', { body: mp.body, type: mp.type });
	const two = multipart([
		{ name: 'file', filename: 'a.png', type: 'image/png', data: png() },
		{ name: 'file', filename: 'b.png', type: 'image/png', data: png() },
	]);
	expectError(await post(two), 400, 'bad_request');
	// a text part and a file part of one name
	const mixed = multipart([{ name: 'file', data: 'text' }, { name: 'file', filename: 'b.png', type: 'image/png', data: png() }]);
	expectError(await post(mixed), 400, 'bad_request');
	// "file\0x" would be read as "file" by a parser stopping at the NUL
	const nul = multipart([{ name: 'file\0x', filename: 'a.png', type: 'image/png', data: png() }]);
	expectError(await post(nul), 400, 'bad_request');
	const nulName = multipart([{ name: 'file', filename: 'a.png\0.html', type: 'image/png', data: png() }]);
	expectError(await post(nulName), 400, 'bad_request');
	assert.equal(fileCount(user.phone), 0);
	// one part, as ever, is fine
	expectUploaded(await post(multipart([{ name: 'file', filename: 'a.png', type: 'image/png', data: png() }])), {});
});

// ---- uploads: size limits ----------------------------------------------------------------------

for (const [kind, limit] of Object.entries(FILE_LIMITS)) {
	const head = kind === 'photo' ? png() : pdf();
	test(`upload ${kind}: a body over ${limit / 1024 / 1024} MiB → 413 too_large, nothing stored; just under it is fine`, async () => {
		const { user, client } = await expertSession();
		const res = await upload(client, kind, padded(head, limit + 1), { name: `big.${kind === 'photo' ? 'png' : 'pdf'}` });
		expectError(res, 413, 'too_large');
		// well over the limit too
		expectError(await upload(client, kind, padded(head, limit + 64 * KiB), { name: 'bigger.pdf' }), 413, 'too_large');
		assert.equal(fileCount(user.phone), 0);
		// a whole request (file and multipart framing) under the limit passes (a photo is stored
		// normalized, the others as uploaded)
		const ok = padded(head, limit - 4 * KiB);
		expectUploaded(await upload(client, kind, ok, { name: 'fits.bin' }), kind === 'photo' ? { type: 'image/jpeg' } : { size: ok.length, sha256: sha256(ok) });
		assert.equal(fileCount(user.phone), 1);
	});
}

test(
	'upload: a Content-Length over the kind\'s limit is refused before the body is read (prompt 413 without a body)',
	async () => {
		const c = me.client;
		for (const [kind, limit] of Object.entries(FILE_LIMITS)) {
			const head = `POST /api/files/${kind} HTTP/1.1\r\nHost: ${hostHeader()}\r\nCookie: ${c.jar.header()}\r\nX-CSRF-Token: ${c.csrf}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${limit + 512 * KiB}\r\nConnection: close`;
			const res = await rawRequest(head, { timeout: 4000 });
			assert.equal(res.timedOut && res.status === 0, false, `${kind}: no reply within 4 s: the body is being waited for`);
			assert.equal(res.status, 413, `${kind}: ${res.statusLine}`);
		}
	},
);

// ---- uploads: who may ----------------------------------------------------------------------------

test('upload without a session → 401 unauthorized', async () => {
	const c = await newClient();
	for (const kind of Object.keys(FILE_LIMITS)) {
		expectError(await upload(c, kind, kind === 'photo' ? png() : pdf()), 401, 'unauthorized');
	}
});

test('upload with an admin-portal session → 403 forbidden', async () => {
	const { client } = await adminSession();
	for (const kind of Object.keys(FILE_LIMITS)) {
		expectError(await upload(client, kind, kind === 'photo' ? png() : pdf()), 403, 'forbidden');
	}
});

test('upload without X-CSRF-Token, or with a wrong one → 403 csrf, nothing stored', async () => {
	const { user, client } = await expertSession();
	for (const kind of Object.keys(FILE_LIMITS)) {
		const data = kind === 'photo' ? png() : pdf();
		expectError(await upload(client, kind, data, { csrf: false }), 403, 'csrf');
		expectError(await upload(client, kind, data, { csrf: 'wrong' }), 403, 'csrf');
	}
	assert.equal(fileCount(user.phone), 0);
});

test('upload while the initial password is still to be changed → 403 password_change_required', async () => {
	const user = await registerExpert();
	const c = await loggedIn(user);
	expectError(await upload(c, 'photo', png()), 403, 'password_change_required');
});

// ---- downloads -----------------------------------------------------------------------------------

test('download: the owner gets the bytes with Content-Type, Content-Disposition attachment and nosniff', async () => {
	const data = png(40, 30);
	const f = await uploadFile(me.client, 'scan', data, { name: '证件照.png' });
	const res = await me.client.get(`/api/files/${f.id}`, { binary: true });
	assert.equal(res.status, 200, res.text.slice(0, 200));
	assert.match(res.headers.get('content-type') || '', /^image\/png\b/);
	assert.equal((res.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff');
	const cd = res.headers.get('content-disposition') || '';
	assert.match(cd, /^attachment\s*(;|$)/i, `Content-Disposition: ${cd}`);
	// the name, in RFC 6266 form (filename*=UTF-8''…) or plain
	const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
	const plain = /filename="([^"]*)"/i.exec(cd);
	assert.ok((star && decodeURIComponent(star[1]) === '证件照.png') || (plain && plain[1] === '证件照.png'), `the file name in ${cd}`);
	assert.ok(res.bytes.equals(data), 'the same bytes as uploaded');
	assert.equal(Number(res.headers.get('content-length')), data.length);
});

test('download: a name with quotes, semicolons and a line break cannot break out of Content-Disposition', async () => {
	const name = 'a";b=c; filename="evil.html.png';
	const f = expectUploaded(await upload(me.client, 'scan', png(), { name }), {});
	const res = await me.client.get(`/api/files/${f.id}`, { binary: true });
	assert.equal(res.status, 200);
	const cd = res.headers.get('content-disposition') || '';
	assert.match(cd, /^attachment\s*;/i, cd);
	const plain = [...cd.matchAll(/filename="([^"]*)"/gi)].map((m) => m[1]);
	assert.ok(plain.length <= 1, `one plain filename at most: ${cd}`);
	assert.ok(!plain.some((p) => p.endsWith('.html')), `no other name smuggled in: ${cd}`);
	const star = /filename\*=UTF-8''([^;\s]+)/i.exec(cd);
	if (star) assert.equal(decodeURIComponent(star[1]), f.name);
});

test('download ?inline=1 → Content-Disposition inline; a PDF is application/pdf', async () => {
	const data = pdf('inline');
	const f = await uploadFile(me.client, 'pdf', data, { name: 'signed.pdf' });
	const res = await me.client.get(`/api/files/${f.id}?inline=1`, { binary: true });
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type') || '', /^application\/pdf\b/);
	assert.match(res.headers.get('content-disposition') || '', /^inline\s*(;|$)/i);
	assert.equal((res.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff');
	assert.ok(res.bytes.equals(data));
	const att = await me.client.get(`/api/files/${f.id}`, { binary: true });
	assert.match(att.headers.get('content-disposition') || '', /^attachment\b/i);
});

test('download: another expert\'s file → 404 not_found; a file that does not exist → 404', async () => {
	const f = await uploadFile(me.client, 'scan', png(), { name: 'mine.png' });
	const { client: other } = await expertSession();
	expectError(await other.get(`/api/files/${f.id}`), 404, 'not_found');
	expectError(await other.get(`/api/files/${f.id}?inline=1`), 404, 'not_found');
	expectError(await me.client.get('/api/files/999999999'), 404, 'not_found');
	for (const bad of ['0', '-1', 'abc', `${f.id}x`, '1e3']) {
		expectError(await me.client.get(`/api/files/${bad}`), 404, 'not_found');
	}
	// the owner still gets it
	assert.equal((await me.client.get(`/api/files/${f.id}`, { binary: true })).status, 200);
});

test('download without a session → 401', async () => {
	const f = await uploadFile(me.client, 'scan', png());
	expectError(await new Client().get(`/api/files/${f.id}`), 401, 'unauthorized');
});

test('download by an administrator (admin portal) → 200', async () => {
	const data = pdf('admin');
	const f = await uploadFile(me.client, 'scan', data, { name: 'scan.pdf' });
	const { client } = await adminSession();
	const res = await client.get(`/api/files/${f.id}`, { binary: true });
	assert.equal(res.status, 200, res.text.slice(0, 200));
	assert.ok(res.bytes.equals(data));
});
