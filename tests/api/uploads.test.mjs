// API tests of chunked, resumable uploads: POST /api/files/uploads, its chunks, finish, cancel
// (docs/API.md, "files — chunked uploads"); what every bad input gets, and the sweep.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession, adminSession } from '../lib/flows.mjs';
import { resetIpLimits, sql } from '../lib/db.mjs';
import { adminTool } from '../lib/staff.mjs';
import { KiB, png, pdf, padded, sha256, uploadStart, uploadChunk, uploadChunked } from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

const CHUNK = 64 * KiB;

/** A PDF of `size` bytes (a PDF head, then random bytes: every upload a different file). */
const bigPdf = (size) => padded(Buffer.concat([pdf(), crypto.randomBytes(64)]), size);

let me;
before(async () => {
	resetIpLimits();
	me = await expertSession();
});

/** Opens a session for `data` (expects 201) and returns its {upload}. */
async function started(client, kind, data, opts) {
	const res = await uploadStart(client, kind, data, opts);
	const body = expectJson(res, 201);
	return body.upload;
}

const sessionsOf = (phone) => Number(sql(`SELECT COUNT(*) FROM upload_sessions s JOIN users u ON u.id = s.owner_id WHERE u.phone = '${phone}';`)[0][0]);

test('a 300 KiB PDF in 64 KiB chunks: start → 201 {upload}, each chunk → 200 with received, finish → 201 {file}; the bytes come back', async () => {
	const data = bigPdf(300 * KiB);
	const u = await started(me.client, 'pdf', data, { name: '承诺书.pdf' });
	assert.deepEqual(Object.keys(u).sort(), ['chunk_size', 'chunks', 'id', 'kind', 'name', 'received', 'sha256', 'size']);
	assert.equal(u.chunk_size, CHUNK);
	assert.equal(u.chunks, 5);
	assert.deepEqual(u.received, []);
	assert.equal(u.sha256, sha256(data));
	for (let i = 0; i < u.chunks; i++) {
		const res = await uploadChunk(me.client, u.id, i, data.subarray(i * CHUNK, (i + 1) * CHUNK));
		assert.deepEqual(expectJson(res, 200).upload.received, [...Array(i + 1).keys()]);
	}
	const fin = await me.client.request('POST', `/api/files/uploads/${u.id}/finish`);
	const f = expectJson(fin, 201).file;
	assert.deepEqual(f, { ...f, kind: 'pdf', name: '承诺书.pdf', type: 'application/pdf', size: data.length, sha256: sha256(data) });
	const back = await me.client.get(`/api/files/${f.id}`, { binary: true });
	assert.equal(back.status, 200);
	assert.ok(back.bytes.equals(data), 'the stored bytes are the uploaded ones');
	// the session is gone with its chunks
	expectError(await me.client.get(`/api/files/uploads/${u.id}`), 404, 'not_found');
	assert.equal(Number(sql(`SELECT COUNT(*) FROM upload_chunks WHERE session_id = ${u.id};`)[0][0]), 0);
});

test('resume: starting the same file again returns the open session (200) with the chunks it holds; only the rest is sent', async () => {
	const data = bigPdf(200 * KiB);
	const u = await started(me.client, 'pdf', data);
	expectJson(await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK)), 200);
	expectJson(await uploadChunk(me.client, u.id, 2, data.subarray(2 * CHUNK, 3 * CHUNK)), 200);
	const again = await uploadStart(me.client, 'pdf', data);
	const r = expectJson(again, 200).upload;
	assert.equal(r.id, u.id);
	assert.deepEqual(r.received, [0, 2]);
	assert.deepEqual(expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200).upload.received, [0, 2]);
	// finish before the rest → 409, nothing stored
	expectError(await me.client.request('POST', `/api/files/uploads/${u.id}/finish`), 409, 'conflict');
	const fin = await uploadChunked(me.client, 'pdf', data);
	expectJson(fin, 201);
});

test('a photo of over 128 KiB through chunks is normalized as a one-shot upload is (a JPEG, 600 px at most)', async () => {
	const data = png(1000, 800);
	assert.ok(data.length > 128 * KiB, `the photo is ${data.length} bytes`);
	const f = expectJson(await uploadChunked(me.client, 'photo', data, { name: '证件照.png' }), 201).file;
	assert.equal(f.type, 'image/jpeg');
	assert.equal(f.name, '证件照.jpg');
});

test('a chunk whose SHA-256 does not match its bytes → 422 on sha256, not stored', async () => {
	const data = bigPdf(100 * KiB);
	const u = await started(me.client, 'pdf', data);
	const res = await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK), { hash: sha256(Buffer.from('other')) });
	expectError(res, 422, 'invalid', ['sha256']);
	assert.deepEqual(expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200).upload.received, []);
	expectError(await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK), { hash: 'xyz' }), 422, 'invalid', ['sha256']);
	await me.client.request('DELETE', `/api/files/uploads/${u.id}`);
});

test('a chunk index outside 0…chunks−1, or not a number → 422 on index; a chunk of the wrong length → 422 on chunk', async () => {
	const data = bigPdf(100 * KiB);
	const u = await started(me.client, 'pdf', data);
	expectError(await uploadChunk(me.client, u.id, 2, data.subarray(0, CHUNK)), 422, 'invalid', ['index']);
	expectError(await uploadChunk(me.client, u.id, -1, data.subarray(0, CHUNK)), 422, 'invalid', ['index']);
	expectError(await uploadChunk(me.client, u.id, 'a', data.subarray(0, CHUNK)), 422, 'invalid', ['index']);
	expectError(await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK - 1)), 422, 'invalid', ['chunk']);
	expectError(await uploadChunk(me.client, u.id, 1, data.subarray(CHUNK, CHUNK + 10)), 422, 'invalid', ['chunk']);
	assert.deepEqual(expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200).upload.received, []);
	await me.client.request('DELETE', `/api/files/uploads/${u.id}`);
});

test('a chunk over the route\'s body limit → 413 before it is read', async () => {
	const data = bigPdf(200 * KiB);
	const u = await started(me.client, 'pdf', data);
	expectError(await uploadChunk(me.client, u.id, 0, data.subarray(0, 2 * CHUNK)), 413, 'too_large');
	assert.deepEqual(expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200).upload.received, []);
	await me.client.request('DELETE', `/api/files/uploads/${u.id}`);
});

test('start: oversize → 413; bad kind, size, hash, declared type → 422 per field; nothing opened', async () => {
	const before = sessionsOf(me.user.phone);
	const start = (data) => me.client.post('/api/files/uploads', data);
	const h = sha256(Buffer.from('x'));
	expectError(await start({ kind: 'photo', name: 'a.png', size: String(2 * 1024 * KiB + 1), sha256: h }), 413, 'too_large');
	expectError(await start({ kind: 'pdf', name: 'a.pdf', size: String(10 * 1024 * KiB + 1), sha256: h }), 413, 'too_large');
	expectError(await start({ kind: 'video', name: 'a', size: '10', sha256: h }), 422, 'invalid', ['kind']);
	expectError(await start({ kind: 'pdf', name: 'a.pdf', size: '0', sha256: h }), 422, 'invalid', ['size']);
	expectError(await start({ kind: 'pdf', name: 'a.pdf', size: '-5', sha256: h }), 422, 'invalid', ['size']);
	expectError(await start({ kind: 'pdf', name: 'a.pdf', size: '10', sha256: 'abc' }), 422, 'invalid', ['sha256']);
	expectError(await start({ kind: 'pdf', name: 'a.pdf', size: '10', sha256: h, type: 'image/png' }), 422, 'invalid', ['type']);
	expectError(await start({}), 422, 'invalid', ['kind', 'name', 'size', 'sha256']);
	assert.equal(sessionsOf(me.user.phone), before);
});

test('finish: the whole not of the declared SHA-256 → 422 on file; content of the wrong type → 422 on file; nothing stored', async () => {
	const x = await expertSession();
	const data = bigPdf(70 * KiB);
	// declared hash of other bytes: every chunk is right, the whole is not
	const res = await x.client.post('/api/files/uploads', { kind: 'pdf', name: 'a.pdf', size: String(data.length), sha256: sha256(Buffer.from('other')) });
	const u = expectJson(res, 201).upload;
	expectJson(await uploadChunk(x.client, u.id, 0, data.subarray(0, CHUNK)), 200);
	expectJson(await uploadChunk(x.client, u.id, 1, data.subarray(CHUNK)), 200);
	expectError(await x.client.request('POST', `/api/files/uploads/${u.id}/finish`), 422, 'invalid', ['file']);
	// a PNG as a pdf
	const img = padded(png(), 70 * KiB);
	expectError(await uploadChunked(x.client, 'pdf', img), 422, 'invalid', ['file']);
	assert.equal(Number(sql(`SELECT COUNT(*) FROM files f JOIN users u ON u.id = f.owner_id WHERE u.phone = '${x.user.phone}';`)[0][0]), 0);
});

test("another user's session → 404 on every route; an administrator cannot upload (403)", async () => {
	const data = bigPdf(70 * KiB);
	const u = await started(me.client, 'pdf', data);
	const other = await expertSession();
	expectError(await other.client.get(`/api/files/uploads/${u.id}`), 404, 'not_found');
	expectError(await uploadChunk(other.client, u.id, 0, data.subarray(0, CHUNK)), 404, 'not_found');
	expectError(await other.client.request('POST', `/api/files/uploads/${u.id}/finish`), 404, 'not_found');
	expectError(await other.client.request('DELETE', `/api/files/uploads/${u.id}`), 404, 'not_found');
	const { client: admin } = await adminSession();
	expectError(await uploadStart(admin, 'pdf', data), 403, 'forbidden');
	expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200);
	expectJson(await me.client.request('DELETE', `/api/files/uploads/${u.id}`), 200);
	expectError(await me.client.get(`/api/files/uploads/${u.id}`), 404, 'not_found');
});

test('without X-CSRF-Token, or a wrong one → 403 csrf on start, chunk, finish and cancel; nothing changes', async () => {
	const data = bigPdf(70 * KiB);
	expectError(await uploadStart(me.client, 'pdf', data, { csrf: false }), 403, 'csrf');
	const u = await started(me.client, 'pdf', data);
	expectError(await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK), { csrf: false }), 403, 'csrf');
	expectError(await uploadChunk(me.client, u.id, 0, data.subarray(0, CHUNK), { csrf: 'wrong' }), 403, 'csrf');
	expectError(await me.client.request('POST', `/api/files/uploads/${u.id}/finish`, { csrf: false }), 403, 'csrf');
	expectError(await me.client.request('DELETE', `/api/files/uploads/${u.id}`, { csrf: false }), 403, 'csrf');
	assert.deepEqual(expectJson(await me.client.get(`/api/files/uploads/${u.id}`), 200).upload.received, []);
	await me.client.request('DELETE', `/api/files/uploads/${u.id}`);
});

test('too many open sessions: the fifth → 429 with retry_after; a cancelled one frees its place', async () => {
	const x = await expertSession();
	const ids = [];
	for (let i = 0; i < 4; i++) ids.push((await started(x.client, 'scan', bigPdf(70 * KiB))).id);
	expectError(await uploadStart(x.client, 'scan', bigPdf(70 * KiB)), 429, 'rate_limited');
	expectJson(await x.client.request('DELETE', `/api/files/uploads/${ids[0]}`), 200);
	await started(x.client, 'scan', bigPdf(70 * KiB));
});

test('sweep: a session idle a day goes with its chunks, by `expertpool-admin purge` and at the owner\'s next start', async () => {
	const x = await expertSession();
	const data = bigPdf(70 * KiB);
	const a = await started(x.client, 'pdf', data);
	expectJson(await uploadChunk(x.client, a.id, 0, data.subarray(0, CHUNK)), 200);
	const b = await started(x.client, 'pdf', bigPdf(70 * KiB));
	sql(`UPDATE upload_sessions SET updated_at = NOW() - INTERVAL 25 HOUR WHERE id = ${a.id};`);
	const r = adminTool('purge');
	assert.equal(r.status, 0, `expertpool-admin purge: ${r.stdout}${r.stderr}`);
	expectError(await x.client.get(`/api/files/uploads/${a.id}`), 404, 'not_found');
	assert.equal(Number(sql(`SELECT COUNT(*) FROM upload_chunks WHERE session_id = ${a.id};`)[0][0]), 0);
	expectJson(await x.client.get(`/api/files/uploads/${b.id}`), 200);
	// the owner's own start sweeps theirs too (no cron on the host)
	sql(`UPDATE upload_sessions SET updated_at = NOW() - INTERVAL 25 HOUR WHERE id = ${b.id};`);
	await started(x.client, 'pdf', bigPdf(70 * KiB));
	expectError(await x.client.get(`/api/files/uploads/${b.id}`), 404, 'not_found');
});

test('closing the account drops its uploads in progress with their chunks', async () => {
	const x = await expertSession();
	const data = bigPdf(70 * KiB);
	const u = await started(x.client, 'pdf', data);
	expectJson(await uploadChunk(x.client, u.id, 0, data.subarray(0, CHUNK)), 200);
	expectJson(await x.client.post('/api/personal/close', { password: x.user.password, confirm: '注销账号' }), 200);
	assert.equal(Number(sql(`SELECT COUNT(*) FROM upload_sessions WHERE id = ${u.id};`)[0][0]), 0);
	assert.equal(Number(sql(`SELECT COUNT(*) FROM upload_chunks WHERE session_id = ${u.id};`)[0][0]), 0);
});
