// Cross-cutting API tests: CSRF on every POST, malformed bodies, body limits, security headers,
// status lines, routing.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/http.mjs';
import { rawRequest, hostHeader } from '../lib/raw.mjs';
import { solvedCaptcha } from '../lib/captcha.mjs';
import { expectError, expectJson, expectSecurityHeaders } from '../lib/expect.mjs';
import { newClient, randomPhone, randomPassword, expertSession, loginPassword } from '../lib/flows.mjs';
import { smsOffset, expectNoSms } from '../lib/sms.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { SERVER } from '../lib/env.mjs';

beforeEach(() => resetIpLimits());

/** Every POST route, whether it needs a session, and a plausible body for it. */
const postRoutes = [
	{ path: '/api/register/code', session: false, body: async (c) => ({ phone: randomPhone(), ...(await solvedCaptcha(c)) }) },
	{ path: '/api/register', session: false, body: async () => ({ phone: randomPhone(), code: '123456' }) },
	{ path: '/api/login/password', session: false, body: async (c) => ({ account: randomPhone(), password: 'Abcdefg1', ...(await solvedCaptcha(c)) }) },
	{ path: '/api/login/code', session: false, body: async (c) => ({ phone: randomPhone(), ...(await solvedCaptcha(c)) }) },
	{ path: '/api/login/sms', session: false, body: async () => ({ phone: randomPhone(), code: '123456', portal: 'expert' }) },
	{ path: '/api/account/password', session: true, body: async () => ({ old_password: 'Abcdefg1', new_password: randomPassword() }) },
	{ path: '/api/account/logout', session: true, body: async () => ({}) },
];

/** A client for `route`: logged in as a fresh expert when the route needs a session. */
async function clientFor(route) {
	if (route.session) return (await expertSession()).client;
	return newClient();
}

// ---- CSRF -------------------------------------------------------------------------------------

for (const route of postRoutes) {
	test(`CSRF: POST ${route.path} without X-CSRF-Token → 403 csrf; with a wrong one → 403 csrf`, async () => {
		const c = await clientFor(route);
		expectError(await c.post(route.path, await route.body(c), { csrf: false }), 403, 'csrf');
		expectError(await c.post(route.path, await route.body(c), { csrf: c.csrf.slice(0, -1) + (c.csrf.endsWith('A') ? 'B' : 'A') }), 403, 'csrf');
		expectError(await c.post(route.path, await route.body(c), { csrf: '' }), 403, 'csrf');
		if (route.session) expectJson(await c.get('/api/account/me'), 200);
	});
	// Anonymous requests are checked against the ep_csrf cookie (double submit): no cookie, no match.
	// (Logged-in requests are checked against the token bound to the session instead.)
	if (!route.session) {
		test(`CSRF: POST ${route.path} with a header but no ep_csrf cookie → 403 csrf`, async () => {
			const c = await clientFor(route);
			const token = c.csrf;
			c.jar.delete('ep_csrf');
			expectError(await c.post(route.path, await route.body(c), { csrf: token }), 403, 'csrf');
		});
	}
}

test('CSRF: an urlencoded form posted cross-site (no header) is refused', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const off = smsOffset();
	const res = await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)) }, { form: true, csrf: false, headers: { Origin: 'https://evil.example' } });
	expectError(res, 403, 'csrf');
	await expectNoSms(phone, off, 500);
});

// ---- malformed bodies -------------------------------------------------------------------------

const J = 'application/json';
const F = 'application/x-www-form-urlencoded';
const badBodies = [
	['invalid UTF-8 in JSON', J, Buffer.concat([Buffer.from('{"phone":"+86139'), Buffer.from([0xff, 0xfe]), Buffer.from('1234567"}')])],
	['a truncated UTF-8 sequence in JSON', J, Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xe5, 0xbc]), Buffer.from('"}')])],
	['an overlong UTF-8 encoding in JSON', J, Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('b"}')])],
	['a UTF-8-encoded surrogate in JSON', J, Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b"}')])],
	['a lone surrogate escape in JSON', J, '{"name":"a\\ud800b"}'],
	['an escaped NUL in JSON', J, '{"phone":"a\\u0000b"}'],
	['a raw NUL byte in JSON', J, Buffer.from('{"phone":"a\u0000b"}')],
	['a repeated key in JSON', J, '{"phone":"+8613912345678","phone":"+8613912345679"}'],
	['a repeated key in JSON, spelled with an escape', J, '{"phone":"1","ph\\u006fne":"2"}'],
	['a JSON array', J, '[]'],
	['a JSON string', J, '"phone"'],
	['a JSON number', J, '42'],
	['JSON null', J, 'null'],
	['JSON true', J, 'true'],
	['malformed JSON: unclosed', J, '{"phone":"+8613912345678"'],
	['malformed JSON: missing value', J, '{"phone":}'],
	['malformed JSON: single quotes', J, "{'phone':'+8613912345678'}"],
	['malformed JSON: trailing garbage', J, '{"phone":"+8613912345678"} x'],
	['malformed JSON: two objects', J, '{}{}'],
	['invalid UTF-8 bytes in a form', F, Buffer.concat([Buffer.from('phone='), Buffer.from([0xc3, 0x28])])],
	['percent-encoded invalid UTF-8 in a form', F, 'phone=%C3%28&captcha=ABCD'],
	['a percent-encoded overlong sequence in a form', F, 'name=%C0%AF'],
	['%00 in a form value', F, 'phone=a%00b&captcha=ABCD'],
	['%00 in a form key', F, 'ph%00one=1'],
	['a repeated key in a form', F, 'phone=1&phone=2'],
	['a repeated key in a form, the second encoded', F, 'phone=1&%70hone=2'],
	['a bad percent escape in a form', F, 'phone=%G1'],
	['a wrong Content-Type', 'text/plain', '{"phone":"+8613912345678"}'],
];

for (const route of postRoutes) {
	test(`400 bad_request: malformed bodies to POST ${route.path}`, async () => {
		const c = await clientFor(route);
		for (const [what, type, body] of badBodies) {
			const res = await c.request('POST', route.path, { body, type });
			assert.equal(res.status, 400, `${what}: ${res.status} ${res.text}`);
			expectError(res, 400, 'bad_request');
			expectSecurityHeaders(res, what);
		}
		if (route.session) expectJson(await c.get('/api/account/me'), 200);
	});
}

test('non-string JSON values get 400 or 422, never a crash', async () => {
	const c = await newClient();
	for (const phone of [{ a: 1 }, ['+8613912345678'], 13912345678, true, null]) {
		const res = await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)) });
		assert.ok(res.status === 400 || res.status === 422, `${JSON.stringify(phone)}: ${res.status} ${res.text}`);
		expectError(res, res.status, res.status === 400 ? 'bad_request' : 'invalid');
	}
});

test('deeply nested JSON gets 400 or 422, never a crash', async () => {
	const c = await newClient();
	const deep = '['.repeat(1800) + ']'.repeat(1800); // within the 4 KiB limit
	const res = await c.request('POST', '/api/login/code', { body: `{"x":${deep},"phone":"${randomPhone()}"}`, type: J });
	assert.ok(res.status === 400 || res.status === 422, `${res.status} ${res.text}`);
	const res2 = await c.request('POST', '/api/login/code', { body: deep, type: J });
	expectError(res2, 400, 'bad_request');
});

// ---- how many keys and items a JSON body may hold ------------------------------------------------

test('32 000 keys in one JSON body (a draft, within its 256 KiB) → 400 bad_request, nothing saved', async () => {
	const { client } = await expertSession();
	const keys = Array.from({ length: 32000 }, (_, i) => `"${i.toString(36)}":0`).join(',');
	const body = `{"version":0,"step":"basic","data":{${keys}}}`;
	assert.ok(Buffer.byteLength(body) < 256 * 1024, `the body fits the route's limit: ${Buffer.byteLength(body)} bytes`);
	const res = await client.request('POST', '/api/apply/draft', { body, type: J });
	expectError(res, 400, 'bad_request');
	expectSecurityHeaders(res, '32 000 keys');
	assert.equal(expectJson(await client.get('/api/apply'), 200).application, null, 'no draft was saved');
	// and a repeated key among thousands is still found (the draft route allows 2048 items)
	const many = Array.from({ length: 1500 }, (_, i) => `"k${i}":0`).join(',');
	const dup = await client.request('POST', '/api/apply/draft', { body: `{"version":0,"step":"basic","data":{${many},"k0":1}}`, type: J });
	expectError(dup, 400, 'bad_request');
});

test('a route takes no more items than it needs: 66 items to a login route (its limit: 64) → 400 bad_request, no SMS', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const off = smsOffset();
	// nested or flat, elements or members: every item counts
	for (const x of [Array(62).fill(0), Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`k${i}`, i])), [[Array(60).fill('a')]]]) {
		const res = await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)), x });
		expectError(res, 400, 'bad_request');
	}
	await expectNoSms(phone, off, 500);
	// a few items of no use are still fine
	const ok = await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)), x: [1, 2, 3] });
	assert.deepEqual(expectJson(ok, 200), { sent: true, resend_after: 60 });
});

test('the largest form a draft can hold (20 rows in every list, 200 specialties) is within the draft\'s item limit', async () => {
	const { client } = await expertSession();
	const row = (keys) => Object.fromEntries(keys.map((k) => [k, k === 'from' || k === 'to' ? '2001-01' : k === 'date' ? '2001-01-01' : '某']));
	const rows = (keys) => Array.from({ length: 20 }, () => row(keys));
	const data = {
		name: '张三',
		honours: ['其他'],
		specialties: Array.from({ length: 200 }, (_, i) => i + 1),
		education: rows(['school', 'major', 'from', 'to']),
		work: rows(['employer', 'position', 'from', 'to']),
		avoidance: rows(['unit', 'reason']),
		titles: rows(['name', 'specialty', 'authority', 'date']),
		qualifications: rows(['name', 'number', 'date']),
		achievements: rows(['name', 'role', 'date', 'award', 'description']),
	};
	const res = await client.post('/api/apply/draft', { version: 0, step: 'basic', data });
	expectJson(res, 200);
});

test('Content-Type application/json; charset=utf-8 is accepted', async () => {
	const c = await newClient();
	const res = await c.request('POST', '/api/login/code', { body: JSON.stringify({ phone: randomPhone(), ...(await solvedCaptcha(c)) }), type: 'application/json; charset=utf-8' });
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
});

test('valid UTF-8 of every length round-trips (1- to 4-byte characters)', async () => {
	const name = 'Aé张𠮷';
	const { client } = await expertSession({ name });
	assert.equal(expectJson(await client.get('/api/account/me'), 200).user.name, name);
});

// ---- body size --------------------------------------------------------------------------------

/** Headers of a POST from client `c` (cookies and its CSRF token) as raw text. */
function rawHead(c, path, length, type = J) {
	return [
		`POST ${path} HTTP/1.1`,
		`Host: ${hostHeader()}`,
		`Content-Type: ${type}`,
		`Content-Length: ${length}`,
		`Cookie: ${c.jar.header()}`,
		`X-CSRF-Token: ${c.csrf}`,
		'Connection: close',
	].join('\r\n');
}

for (const route of postRoutes) {
	test(`413: a ~2 MB body to POST ${route.path} is refused`, async () => {
		const c = await clientFor(route);
		const pad = 'x'.repeat(2 * 1024 * 1024);
		const body = JSON.stringify({ ...(await route.body(c)), pad });
		const res = await rawRequest(rawHead(c, route.path, Buffer.byteLength(body)), { body, timeout: 15000 });
		assert.equal(res.status, 413, `${res.statusLine} ${res.body.slice(0, 300)}`);
		let parsed = null;
		try {
			parsed = JSON.parse(res.body);
		} catch {}
		// When the program answers (not a front server's own limit), the reply is the API's error.
		if (parsed) assert.equal(parsed.error?.code, 'too_large', res.body);
		if (route.session) expectJson(await c.get('/api/account/me'), 200);
	});
}

test('413 too_large (JSON from the program) for a body just over the login limit', async () => {
	const c = await newClient();
	const body = JSON.stringify({ account: randomPhone(), password: 'Abcdefg1', ...(await solvedCaptcha(c)), pad: 'x'.repeat(70 * 1024) });
	const res = await c.request('POST', '/api/login/password', { body, type: J });
	expectError(res, 413, 'too_large');
	expectSecurityHeaders(res);
});

test('413 before reading: headers announcing 100 MB and no body get a prompt 413', async () => {
	const c = await newClient();
	for (const path of ['/api/login/password', '/api/register/code']) {
		const res = await rawRequest(rawHead(c, path, 100000000), { timeout: 5000 });
		assert.equal(res.timedOut && res.status === 0, false, `${path}: no reply within 5 s: the body is being waited for`);
		assert.equal(res.status, 413, `${path}: ${res.statusLine} ${res.body.slice(0, 200)}`);
		assert.ok(res.ms < 3000, `${path}: replied in ${res.ms} ms`);
	}
});

// ---- headers, status lines, routing -----------------------------------------------------------

test('security headers on every kind of API reply', async () => {
	const { client } = await expertSession();
	const anon = new Client();
	const c = await newClient();
	const replies = {
		'200 captcha': await anon.get('/api/captcha/new'),
		'200 me': await client.get('/api/account/me'),
		'401 me': await anon.get('/api/account/me'),
		'403 csrf': await c.post('/api/login/code', { phone: randomPhone() }, { csrf: false }),
		'404': await anon.get('/api/login/nosuchroute'),
		'405': await anon.get('/api/login/password'),
		'400': await c.request('POST', '/api/login/code', { body: '[', type: J }),
		'422': await c.post('/api/login/code', {}),
		'401 login_failed': await loginPassword(c, randomPhone(), 'Abcdefg1'),
	};
	for (const [what, res] of Object.entries(replies)) {
		expectSecurityHeaders(res, what);
		assert.match(res.headers.get('content-type') || '', /^application\/json/i, `${what}: content-type`);
	}
});

const phrases = {
	200: /^OK$/i,
	400: /^Bad Request$/i,
	401: /^Unauthorized$/i,
	403: /^Forbidden$/i,
	404: /^Not Found$/i,
	405: /^Method Not Allowed$/i,
	413: /^(Payload|Request Entity|Content) Too Large$/i,
	422: /^Unprocessable (Entity|Content)$/i,
};

test(`status lines carry the right reason phrase under ${SERVER}`, async () => {
	const c = await newClient();
	const host = hostHeader();
	const cookie = c.jar.header();
	const get = (path) => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nConnection: close`;
	const post = (path, body, type = J) => ({ head: `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${c.csrf}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close`, body });
	const cases = [
		[200, { head: get('/api/captcha/new') }],
		[400, post('/api/login/code', '[')],
		[401, { head: get('/api/account/me') }],
		[403, { head: `POST /api/login/code HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nContent-Type: ${J}\r\nContent-Length: 2\r\nConnection: close`, body: '{}' }],
		[404, { head: get('/api/login/nosuchroute') }],
		[405, { head: get('/api/login/password') }],
		[413, post('/api/login/password', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }))],
		[422, post('/api/login/code', '{}')],
	];
	for (const [status, req] of cases) {
		const res = await rawRequest(req.head, { body: req.body });
		assert.equal(res.status, status, `${req.head.split('\r\n')[0]}: ${res.statusLine}`);
		assert.match(res.reason, phrases[status], `reason phrase of ${res.statusLine}`);
	}
});

test('routing is on the path: a query string does not change the route', async () => {
	const c = new Client();
	expectJson(await c.get('/api/captcha/new?x=1&y=%00'), 200);
	expectError(await c.get('/api/account/me?session=1'), 401, 'unauthorized');
	expectError(await c.get('/api/login/nosuchroute?/api/captcha/new'), 404, 'not_found');
});

test('unknown routes of each program → 404 not_found (JSON)', async () => {
	const c = new Client();
	for (const p of ['/api/captcha/', '/api/captcha/new/x', '/api/register/x', '/api/login/x', '/api/account/x', '/api/account/me/x']) {
		const res = await c.get(p);
		expectError(res, 404, 'not_found');
		expectSecurityHeaders(res, p);
	}
});

test('wrong methods → 405 method_not_allowed with Allow', async () => {
	const c = await newClient();
	const cases = [
		['PUT', '/api/login/password', /\bPOST\b/],
		['DELETE', '/api/account/me', /\bGET\b/],
		['PATCH', '/api/register', /\bPOST\b/],
		['GET', '/api/account/logout', /\bPOST\b/],
		['POST', '/api/captcha/new', /\bGET\b/],
	];
	for (const [m, p, allow] of cases) {
		const res = await c.request(m, p, { body: m === 'GET' ? undefined : '{}', type: m === 'GET' ? undefined : J });
		expectError(res, 405, 'method_not_allowed');
		assert.match(res.headers.get('allow') || '', allow, `${m} ${p}: Allow`);
	}
});
