// What the web server itself answers under /api/ — a body over an upload route's limit (413), a
// program that is not there (502), a path that is no program (404) — is the API's JSON error
// envelope with the security headers of every reply, not the server's HTML page.
import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '../lib/http.mjs';
import { rawRequest, hostHeader } from '../lib/raw.mjs';
import { expectError } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { SERVER, need } from '../lib/env.mjs';

beforeEach(() => resetIpLimits());

/** The headers every API reply carries (raw replies: lowercased names). */
function expectServerError(res, status, code, what) {
	assert.equal(res.status, status, `${what}: ${res.statusLine} ${res.body.slice(0, 300)}`);
	const h = res.headers;
	assert.match(h['content-type'] || '', /^application\/json\b/i, `${what}: content-type`);
	assert.equal((h['x-content-type-options'] || '').toLowerCase(), 'nosniff', `${what}: nosniff`);
	assert.equal((h['x-frame-options'] || '').toUpperCase(), 'DENY', `${what}: X-Frame-Options`);
	assert.match(h['cache-control'] || '', /\bno-store\b/i, `${what}: Cache-Control`);
	let body;
	assert.doesNotThrow(() => { body = JSON.parse(res.body); }, `${what}: a JSON body, got ${res.body.slice(0, 200)}`);
	assert.equal(body.error?.code, code, `${what}: ${res.body}`);
	assert.match(body.error?.message || '', /[\u4e00-\u9fff]/, `${what}: a Chinese message`);
}

test(`${SERVER}: an upload body over the route's limit, refused by the web server before the program → 413 JSON with the security headers`, async () => {
	const { client } = await expertSession();
	const head = [
		'POST /api/files/photo HTTP/1.1',
		`Host: ${hostHeader()}`,
		`Cookie: ${client.jar.header()}`,
		`X-CSRF-Token: ${client.csrf}`,
		'Content-Type: multipart/form-data; boundary=x',
		`Content-Length: ${3 * 1024 * 1024}`,
		'Connection: close',
	].join('\r\n');
	expectServerError(await rawRequest(head, { timeout: 5000 }), 413, 'too_large', 'POST /api/files/photo, 3 MiB');
});

test(`${SERVER}: an /api/ path that is no program → 404 JSON with the security headers`, async () => {
	for (const p of ['/api/nosuchprogram', '/api/nosuchprogram/x', '/api/']) {
		const res = await rawRequest(`GET ${p} HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close`);
		expectServerError(res, 404, 'not_found', p);
	}
});

// A program whose workers cannot be reached: its socket is moved aside (and put back after),
// so nginx cannot connect — what it answers when a program is down.
let moved = null;
after(() => {
	if (moved) fs.renameSync(moved.to, moved.from);
});

test(`${SERVER}: a program that is not running → 502 JSON with the security headers; back once it runs`, { skip: SERVER !== 'nginx' && 'under Apache, mod_fcgid starts a program on demand: it is never "not running"' }, async () => {
	const sock = path.join(path.dirname(need('SMS_LOG')), 'run', 'verify.sock');
	assert.ok(fs.existsSync(sock), `the verify program's socket ${sock}`);
	const c = new Client();
	expectError(await c.get('/api/verify/ZS0000000000?t=x'), 404, 'not_found');      // the program answers
	moved = { from: sock, to: `${sock}.away` };
	fs.renameSync(moved.from, moved.to);
	try {
		const res = await rawRequest(`GET /api/verify/ZS0000000000?t=x HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close`);
		expectServerError(res, 502, 'unavailable', 'GET /api/verify/… while verify is down');
	} finally {
		fs.renameSync(moved.to, moved.from);
		moved = null;
	}
	expectError(await c.get('/api/verify/ZS0000000000?t=x'), 404, 'not_found');
});
