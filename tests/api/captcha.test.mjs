// API tests of the captcha program: GET /api/captcha/new.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/http.mjs';
import { captchaAnswer, newCaptcha, solvedCaptcha, wrongAnswer } from '../lib/captcha.mjs';
import { expectError, expectJson, expectSecurityHeaders, expectInvalidOneOf } from '../lib/expect.mjs';
import { newClient, randomPhone } from '../lib/flows.mjs';
import { expireCaptcha, resetIpLimits } from '../lib/db.mjs';
import { CAPTCHA_PER_IP_MINUTE } from '../lib/limits.mjs';
import { smsOffset, expectNoSms } from '../lib/sms.mjs';

before(() => resetIpLimits());

test('GET /api/captcha/new: 200 with id, PNG data URL and expires_in 300', async () => {
	const c = new Client();
	const res = await c.get('/api/captcha/new');
	const body = expectJson(res, 200);
	assert.deepEqual(Object.keys(body).sort(), ['expires_in', 'id', 'image']);
	assert.equal(typeof body.id, 'string');
	assert.ok(body.id.length >= 16, `captcha id should be unguessable: ${body.id}`);
	assert.match(body.id, /^[A-Za-z0-9_-]+$/, 'captcha id is URL-safe');
	assert.equal(body.expires_in, 300);
	assert.match(body.image, /^data:image\/png;base64,/);
	const png = Buffer.from(body.image.slice('data:image/png;base64,'.length), 'base64');
	assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
	assert.ok(png.length > 100, 'a PNG with some content');
	expectSecurityHeaders(res);
	const answer = await captchaAnswer(body.id);
	assert.equal([...answer].length, 4, `4 characters: ${answer}`);
});

test('GET /api/captcha/new sets ep_csrf when the request has none, and keeps it otherwise', async () => {
	const c = new Client();
	const res = await c.get('/api/captcha/new');
	const ck = res.setCookies.find((x) => x.name === 'ep_csrf');
	assert.ok(ck, `ep_csrf is set: ${JSON.stringify(res.setCookies)}`);
	assert.ok(ck.value.length >= 16, 'an unguessable token');
	assert.equal(String(ck.attrs.samesite).toLowerCase(), 'strict', 'SameSite=Strict');
	assert.equal(ck.attrs.path, '/', 'Path=/');
	assert.equal(ck.attrs.httponly, undefined, 'readable by scripts: not HttpOnly');
	const first = c.csrf;
	await c.get('/api/captcha/new');
	assert.equal(c.csrf, first, 'a request carrying ep_csrf keeps it');
	const other = new Client();
	await other.get('/api/captcha/new');
	assert.notEqual(other.csrf, first, 'each client gets its own token');
});

test('every captcha is new: distinct ids', async () => {
	const c = new Client();
	const ids = new Set();
	for (let i = 0; i < 5; i++) ids.add((await newCaptcha(c)).id);
	assert.equal(ids.size, 5);
});

test('a captcha is single use: a second use of a right answer is refused', async () => {
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	const first = await c.post('/api/login/code', { phone: randomPhone(), ...cap });
	expectJson(first, 200);
	const again = await c.post('/api/login/code', { phone: randomPhone(), ...cap });
	expectError(again, 422, 'invalid', ['captcha']);
});

test('a wrong answer is refused with field captcha, and burns the captcha', async () => {
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	const off = smsOffset();
	const phone = randomPhone();
	const bad = await c.post('/api/login/code', { phone, captcha_id: cap.captcha_id, captcha: wrongAnswer(cap.captcha) });
	expectError(bad, 422, 'invalid', ['captcha']);
	// A wrong guess must not leave the captcha open to more guesses.
	const right = await c.post('/api/login/code', { phone, ...cap });
	expectError(right, 422, 'invalid', ['captcha']);
	await expectNoSms(phone, off, 300);
});

test('an unknown captcha id is refused', async () => {
	const c = await newClient();
	const res = await c.post('/api/login/code', { phone: randomPhone(), captcha_id: 'nosuchcaptcha0000000000000000000', captcha: 'ABCD' });
	expectError(res, 422, 'invalid', ['captcha']);
});

test('an empty captcha answer is refused', async () => {
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	const res = await c.post('/api/login/code', { phone: randomPhone(), captcha_id: cap.captcha_id, captcha: '' });
	expectInvalidOneOf(res, ['captcha']);
});

test('an expired captcha is refused', async () => {
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	expireCaptcha(cap.captcha_id);
	const res = await c.post('/api/login/code', { phone: randomPhone(), ...cap });
	expectError(res, 422, 'invalid', ['captcha']);
});

test('POST /api/captcha/new is 405 with Allow: GET', async () => {
	const c = await newClient();
	const res = await c.post('/api/captcha/new', {});
	expectError(res, 405, 'method_not_allowed');
	assert.match(res.headers.get('allow') || '', /\bGET\b/);
	expectSecurityHeaders(res);
});

test('an unknown captcha route is 404 JSON', async () => {
	const c = new Client();
	const res = await c.get('/api/captcha/nosuchroute');
	expectError(res, 404, 'not_found');
	expectSecurityHeaders(res);
});

test(`GET /api/captcha/new is rate-limited per IP (${CAPTCHA_PER_IP_MINUTE} a minute): 429 rate_limited with retry_after`, async () => {
	resetIpLimits();
	const c = new Client();
	let res;
	let n = 0;
	try {
		// A fixed window may roll over once during the loop: allow for twice the limit.
		for (; n <= 2 * CAPTCHA_PER_IP_MINUTE + 1; n++) {
			res = await c.get('/api/captcha/new');
			if (res.status !== 200) break;
		}
		const err = expectError(res, 429, 'rate_limited');
		assert.ok(n >= CAPTCHA_PER_IP_MINUTE, `limited after ${n} captchas`);
		assert.ok(err.retry_after <= 60, `retry_after ≤ 60: ${err.retry_after}`);
		expectSecurityHeaders(res);
	} finally {
		resetIpLimits();
	}
	expectJson(await c.get('/api/captcha/new'), 200);
});
