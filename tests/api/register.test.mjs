// API tests of the register program: POST /api/register/code and POST /api/register.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { solvedCaptcha, wrongAnswer } from '../lib/captcha.mjs';
import { Client } from '../lib/http.mjs';
import { expectError, expectJson, expectUser, expectInvalidOneOf, expectSecurityHeaders } from '../lib/expect.mjs';
import { newClient, randomPhone, randomDigits, randomUsername, randomPassword, registerCode, registerExpert, loggedIn, loginPassword, expertSession, COMMON_PASSWORDS } from '../lib/flows.mjs';
import { smsOffset, smsSince, waitCode, expectNoSms, waitSms } from '../lib/sms.mjs';
import { expireCodes, pretendSendsToday, pretendIpSends, seenIp, resetIpLimits, movePhone, allowResend } from '../lib/db.mjs';
import { SMS_PER_IP_HOUR, REGISTER_FAILS_PHONE, REGISTER_FAILS_IP } from '../lib/limits.mjs';

beforeEach(() => resetIpLimits());

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- POST /api/register/code ------------------------------------------------------------------

test('register/code: 200 {sent, resend_after} and an SMS with a 6-digit code', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) });
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
	expectSecurityHeaders(res);
	const m = await waitSms(phone, off);
	assert.match(m.text, /(?<![0-9])[0-9]{6}(?![0-9])/);
	assert.match(m.time, /^\d{4}-\d{2}-\d{2}T/, 'ISO time in the log');
});

test('register/code: an urlencoded body works as well as JSON', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) }, { form: true });
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
	await waitCode(phone, off);
});

const validPhones = [
	['mainland +86', () => '+86' + '1' + '3456789'[randomDigits(1) % 7] + randomDigits(9)],
	['Hong Kong +852 (8 digits, 4–9)', () => '+852' + '456789'[randomDigits(1) % 6] + randomDigits(7)],
	['Macau +853 (8 digits, 6)', () => '+8536' + randomDigits(7)],
	['Taiwan +886 (9 digits, 9)', () => '+8869' + randomDigits(8)],
	['another country (+1, 10 digits)', () => '+1202' + randomDigits(7)],
	['another country (+44, 10 digits)', () => '+447' + randomDigits(9)],
];
for (const [what, make] of validPhones) {
	test(`register/code: accepts ${what} and texts the E.164 number`, async () => {
		const c = await newClient();
		const phone = make();
		const off = smsOffset();
		const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) });
		assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 }, phone);
		await waitCode(phone, off);
	});
}

test('register/code: Taiwan with a leading 0 is accepted and the 0 dropped', async () => {
	const c = await newClient();
	const national = '9' + randomDigits(8);
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone: '+8860' + national, ...(await solvedCaptcha(c)) });
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
	await waitCode('+886' + national, off);
});

const invalidPhones = [
	['mainland, second digit 2', () => '+8612' + randomDigits(9)],
	['mainland, second digit 0', () => '+8610' + randomDigits(9)],
	['mainland, 10 digits', () => '+86139' + randomDigits(7)],
	['mainland, 12 digits', () => '+86139' + randomDigits(9)],
	['mainland, a letter inside', () => '+86139' + randomDigits(3) + 'a' + randomDigits(4)],
	['Hong Kong starting with 3', () => '+8523' + randomDigits(7)],
	['Hong Kong, 7 digits', () => '+8529' + randomDigits(6)],
	['Hong Kong, 9 digits', () => '+8529' + randomDigits(8)],
	['Macau starting with 5', () => '+8535' + randomDigits(7)],
	['Macau, 7 digits', () => '+8536' + randomDigits(6)],
	['Macau, 9 digits', () => '+8536' + randomDigits(8)],
	['Taiwan starting with 8', () => '+8868' + randomDigits(8)],
	['Taiwan, 8 digits', () => '+8869' + randomDigits(7)],
	['Taiwan, 10 digits', () => '+8869' + randomDigits(9)],
	['other country, too few digits', () => '+1' + randomDigits(3)],
	['other country, too many digits', () => '+1' + randomDigits(18)],
	['country code starting with 0', () => '+0' + randomDigits(10)],
	['no leading +', () => '86139' + randomDigits(8)],
	['empty', () => ''],
	['SQL metacharacters', () => "+86139' OR '1'='1"],
];
for (const [what, make] of invalidPhones) {
	test(`register/code: 422 phone for ${what}`, async () => {
		const c = await newClient();
		const phone = make();
		const off = smsOffset();
		const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) });
		expectError(res, 422, 'invalid', ['phone']);
		await expectNoSms(phone, off, 0);
	});
}

test('register/code: each missing field is named', async () => {
	const c = await newClient();
	const full = async () => ({ phone: randomPhone(), ...(await solvedCaptcha(c)) });
	let b = await full();
	delete b.phone;
	expectError(await c.post('/api/register/code', b), 422, 'invalid', ['phone']);
	b = await full();
	delete b.captcha;
	expectError(await c.post('/api/register/code', b), 422, 'invalid', ['captcha']);
	b = await full();
	delete b.captcha_id;
	expectInvalidOneOf(await c.post('/api/register/code', b), ['captcha_id', 'captcha']);
	expectError(await c.post('/api/register/code', {}), 422, 'invalid', ['phone']);
});

test('register/code: wrong captcha → 422 captcha and no SMS', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const cap = await solvedCaptcha(c);
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone, captcha_id: cap.captcha_id, captcha: wrongAnswer(cap.captcha) });
	expectError(res, 422, 'invalid', ['captcha']);
	await expectNoSms(phone, off);
});

test('register/code: a reused captcha → 422 captcha', async () => {
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	expectJson(await c.post('/api/register/code', { phone: randomPhone(), ...cap }), 200);
	const phone = randomPhone();
	const off = smsOffset();
	expectError(await c.post('/api/register/code', { phone, ...cap }), 422, 'invalid', ['captcha']);
	await expectNoSms(phone, off, 500);
});

test('register/code: a registered phone gets the very reply a new one gets; its SMS says so and carries no code', async () => {
	const user = await registerExpert({ password: randomPassword() });
	const c = await newClient();
	const fresh = await c.post('/api/register/code', { phone: randomPhone(), ...(await solvedCaptcha(c)) });
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone: user.phone, ...(await solvedCaptcha(c)) });
	assert.equal(res.status, fresh.status);
	assert.equal(res.text, fresh.text, 'the same body: nothing says the phone has an account');
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
	const m = await waitSms(user.phone, off);
	assert.match(m.text, /已注册/);
	assert.equal(m.code, undefined, `no code in "${m.text}"`);
	// The limits count the same: a second request within the minute → 429, as for a new phone.
	expectError(await c.post('/api/register/code', { phone: user.phone, ...(await solvedCaptcha(c)) }), 429, 'rate_limited');
	// Without a code the phone cannot be registered again, and nothing says why.
	expectError(await c.post('/api/register', { phone: user.phone, code: '123456', password: randomPassword() }), 422, 'invalid', ['code']);
});

test('register/code: a registered phone takes about as long as a new one (no timing oracle)', async () => {
	const users = [];
	for (let i = 0; i < 3; i++) users.push(await registerExpert({ password: randomPassword() }));
	const c = await newClient();
	const time = async (phone) => {
		const body = { phone, ...(await solvedCaptcha(c)) };
		const t = process.hrtime.bigint();
		const res = await c.post('/api/register/code', body);
		const ms = Number(process.hrtime.bigint() - t) / 1e6;
		expectJson(res, 200);
		return ms;
	};
	const known = [];
	const unknown = [];
	for (let round = 0; round < 2; round++) {
		for (const u of users) {
			allowResend(u.phone);
			known.push(await time(u.phone));
			unknown.push(await time(randomPhone()));
		}
	}
	const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
	assert.ok(median(unknown) * 2.5 >= median(known), `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms`);
	assert.ok(median(known) * 2.5 >= median(unknown), `known ${median(known).toFixed(1)} ms vs unknown ${median(unknown).toFixed(1)} ms`);
});

test('register/code: a second send within a minute → 429 rate_limited, no second SMS', async () => {
	const c = await newClient();
	const phone = randomPhone();
	await registerCode(c, phone);
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) });
	const err = expectError(res, 429, 'rate_limited');
	assert.ok(err.retry_after <= 60, `retry_after ≤ 60: ${err.retry_after}`);
	await expectNoSms(phone, off);
	// Another client (another browser) is limited the same way: the limit is per phone.
	const d = await newClient();
	expectError(await d.post('/api/register/code', { phone, ...(await solvedCaptcha(d)) }), 429, 'rate_limited');
});

test('register/code: one send a minute also across a change of the clock minute', { timeout: 90000 }, async () => {
	// A second send 2 seconds after the first must be refused even when a new clock minute has
	// begun in between (resend_after promises 60 seconds).
	const c = await newClient();
	const phone = randomPhone();
	const caps = [await solvedCaptcha(c), await solvedCaptcha(c)];
	const toMinute = 60000 - (Date.now() % 60000);
	if (toMinute > 1200) await sleep(toMinute - 1200);
	const off = smsOffset();
	assert.deepEqual(expectJson(await c.post('/api/register/code', { phone, ...caps[0] }), 200), { sent: true, resend_after: 60 });
	await sleep(60000 - (Date.now() % 60000) + 500);
	const res = await c.post('/api/register/code', { phone, ...caps[1] });
	expectError(res, 429, 'rate_limited');
	assert.ok(res.body.error.retry_after >= 55, `retry_after about 58: ${res.body.error.retry_after}`);
	await waitCode(phone, off);
	assert.equal(smsSince(phone, off).length, 1, 'one SMS only');
});

test('register/code: the 11th send of the day → 429 rate_limited', async () => {
	const c = await newClient();
	const phone = randomPhone();
	pretendSendsToday(phone, 10);
	const off = smsOffset();
	const res = await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) });
	expectError(res, 429, 'rate_limited');
	await expectNoSms(phone, off);
});

test(`register/code: over ${SMS_PER_IP_HOUR} sends an hour from one IP → 429 rate_limited`, async () => {
	const c = new Client();
	resetIpLimits();
	await c.ensureCsrf();
	const ip = seenIp();
	pretendIpSends(ip, SMS_PER_IP_HOUR);
	try {
		const phone = randomPhone();
		const off = smsOffset();
		expectError(await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) }), 429, 'rate_limited');
		// The login code shares the SMS budget of the address.
		expectError(await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)) }), 429, 'rate_limited');
		await expectNoSms(phone, off);
	} finally {
		resetIpLimits();
	}
});

test('register/code: without X-CSRF-Token → 403 csrf; with a wrong one → 403 csrf', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const off = smsOffset();
	expectError(await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) }, { csrf: false }), 403, 'csrf');
	expectError(await c.post('/api/register/code', { phone, ...(await solvedCaptcha(c)) }, { csrf: (c.csrf[0] === 'x' ? 'y' : 'x') + c.csrf.slice(1) }), 403, 'csrf');
	await expectNoSms(phone, off, 500);
});

// ---- POST /api/register -----------------------------------------------------------------------

test('register: without a password → 201, the initial password by SMS, change required at login', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	const off = smsOffset();
	const res = await c.post('/api/register', { phone, code });
	assert.deepEqual(expectJson(res, 201), { registered: true, password_sent: true });
	expectSecurityHeaders(res);
	const m = await waitSms(phone, off, { match: /初始密码/ });
	assert.ok(m.password, `initial password in "${m.text}"`);
	assert.ok(m.password.length >= 8 && /[A-Za-z]/.test(m.password) && /[0-9]/.test(m.password), `the initial password follows the rules: ${m.password}`);
	const d = await newClient();
	const login = await loginPassword(d, phone, m.password);
	const u = expectUser(expectJson(login, 200).user, { phone, roles: ['expert'], portal: 'expert', must_change_password: true, username: null, name: null });
	assert.ok(u.id > 0);
});

test('register: with username, password and name → 201, no password SMS, login by username', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const username = randomUsername('u');
	const password = randomPassword();
	const code = await registerCode(c, phone);
	const off = smsOffset();
	const res = await c.post('/api/register', { phone, code, username, password, name: '张三' });
	assert.deepEqual(expectJson(res, 201), { registered: true, password_sent: false });
	await expectNoSms(phone, off);
	const d = await newClient();
	const login = await loginPassword(d, username, password);
	expectUser(expectJson(login, 200).user, { phone, username, name: '张三', roles: ['expert'], portal: 'expert', must_change_password: false });
});

test('register: an urlencoded body works', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	const password = randomPassword();
	const res = await c.post('/api/register', { phone, code, password }, { form: true });
	assert.deepEqual(expectJson(res, 201), { registered: true, password_sent: false });
	await loggedIn({ phone, password });
});

test('register: missing phone / missing code → 422 naming them', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	expectError(await c.post('/api/register', { code }), 422, 'invalid', ['phone']);
	expectError(await c.post('/api/register', { phone }), 422, 'invalid', ['code']);
	expectError(await c.post('/api/register', {}), 422, 'invalid', ['phone', 'code']);
	// The code still works after those.
	assert.equal((await c.post('/api/register', { phone, code, password: randomPassword() })).status, 201);
});

function otherCode(code) {
	return String((Number(code) + 1) % 1000000).padStart(6, '0');
}

test('register: a wrong code → 422 code, and no account is created', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	const password = randomPassword();
	expectError(await c.post('/api/register', { phone, code: otherCode(code), password }), 422, 'invalid', ['code']);
	const d = await newClient();
	expectError(await loginPassword(d, phone, password), 401, 'login_failed');
});

test('register: a malformed code → 422 code', async () => {
	const c = await newClient();
	const phone = randomPhone();
	await registerCode(c, phone);
	for (const code of ['12345', '1234567', 'abcdef', "1' OR '1'='1", '']) {
		expectError(await c.post('/api/register', { phone, code }), 422, 'invalid', ['code']);
	}
});

test('register: 5 wrong codes, then the right one is refused', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	for (let i = 0; i < 5; i++) {
		expectError(await c.post('/api/register', { phone, code: otherCode(code) }), 422, 'invalid', ['code']);
	}
	expectError(await c.post('/api/register', { phone, code, password: randomPassword() }), 422, 'invalid', ['code']);
});

test('register: an expired code → 422 code', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	expireCodes(phone);
	expectError(await c.post('/api/register', { phone, code, password: randomPassword() }), 422, 'invalid', ['code']);
});

test("register: another phone's code → 422 code", async () => {
	const c = await newClient();
	const a = randomPhone();
	const b = randomPhone();
	const codeA = await registerCode(c, a);
	await registerCode(c, b);
	expectError(await c.post('/api/register', { phone: b, code: codeA, password: randomPassword() }), 422, 'invalid', ['code']);
});

test('register: a used code cannot register again', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	assert.equal((await c.post('/api/register', { phone, code, password: randomPassword() })).status, 201);
	// The code is checked first: a used one is just a wrong code, whatever the phone's state.
	expectError(await c.post('/api/register', { phone, code, password: randomPassword() }), 422, 'invalid', ['code']);
});

test('register: a phone taken after its code was sent → 409 phone_taken', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	movePhone(user.phone, phone); // someone else registered this number meanwhile
	expectError(await c.post('/api/register', { phone, code, password: randomPassword() }), 409, 'phone_taken', ['phone']);
});

test('register: a taken username → 409 username_taken (field username); the code still works for another name', async () => {
	const username = randomUsername('dup');
	await registerExpert({ username, password: randomPassword() });
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	expectError(await c.post('/api/register', { phone, code, username, password: randomPassword() }), 409, 'username_taken', ['username']);
	expectError(await c.post('/api/register', { phone, code, username: username.toUpperCase(), password: randomPassword() }), 409, 'username_taken', ['username']);
	assert.equal((await c.post('/api/register', { phone, code, username: randomUsername('ok'), password: randomPassword() })).status, 201);
});

test('register: with a wrong code nothing is said about existing accounts: 422 code, never phone_taken or username_taken', async () => {
	const { user } = await expertSession({ username: randomUsername('ex') });
	const c = await newClient();
	// A registered phone, with or without a code ever sent to it.
	expectError(await c.post('/api/register', { phone: user.phone, code: '123456', password: randomPassword() }), 422, 'invalid', ['code']);
	allowResend(user.phone);
	// A taken username with a new phone whose code is wrong.
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	const wrong = await c.post('/api/register', { phone, code: otherCode(code), username: user.username, password: randomPassword() });
	const err = expectError(wrong, 422, 'invalid', ['code']);
	assert.deepEqual(Object.keys(err.fields), ['code'], 'only the code is named');
	// A phone whose account appeared after its code was sent, with a wrong code.
	const other = randomPhone();
	const code2 = await registerCode(c, other);
	const { user: owner } = await expertSession();
	movePhone(owner.phone, other);
	expectError(await c.post('/api/register', { phone: other, code: otherCode(code2), password: randomPassword() }), 422, 'invalid', ['code']);
});

test(`register: ${REGISTER_FAILS_PHONE} wrong codes for one phone → 429 rate_limited, even for the right code`, async () => {
	const c = await newClient();
	const phone = randomPhone();
	let code = await registerCode(c, phone);
	for (let i = 0; i < REGISTER_FAILS_PHONE; i++) {
		if (i > 0 && i % 4 === 0) {
			// a fresh code every 4 tries, so that the 5 tries of one code are not what stops it
			allowResend(phone);
			code = await registerCode(c, phone);
		}
		expectError(await c.post('/api/register', { phone, code: otherCode(code) }), 422, 'invalid', ['code']);
	}
	allowResend(phone);
	code = await registerCode(c, phone);
	// from another address too: the limit is the phone's
	const d = await newClient({ from: '127.0.0.2' });
	const err = expectError(await d.post('/api/register', { phone, code, password: randomPassword() }), 429, 'rate_limited');
	assert.ok(err.retry_after > 14 * 60 && err.retry_after <= 15 * 60, `about 15 minutes: ${err.retry_after}`);
});

test(`register: ${REGISTER_FAILS_IP} wrong codes from one IP → 429 rate_limited, whatever the phone`, async () => {
	const c = await newClient();
	try {
		for (let i = 0; i < REGISTER_FAILS_IP; i++) {
			expectError(await c.post('/api/register', { phone: randomPhone(), code: '123456' }), 422, 'invalid', ['code']);
		}
		const phone = randomPhone();
		const d = await newClient();
		const code = await registerCode(d, phone);
		expectError(await d.post('/api/register', { phone, code, password: randomPassword() }), 429, 'rate_limited');
	} finally {
		resetIpLimits();
	}
});

/** Registers a fresh phone with `extra` fields; returns the reply. */
async function registerWith(extra) {
	const c = await newClient();
	const p = randomPhone();
	const code = await registerCode(c, p);
	const body = typeof extra === 'function' ? extra(p) : extra;
	return { res: await c.post('/api/register', { phone: p, code, ...body }), phone: p };
}

const weakPasswords = [
	['7 characters', 'Abcde12'],
	['65 characters', 'A1' + 'b'.repeat(63)],
	['no digit', 'Abcdefghij'],
	['no letter', '1234567890'],
	['only spaces and digits', '1234 5678'],
];
for (const [what, password] of weakPasswords) {
	test(`register: weak password (${what}) → 422 password`, async () => {
		const { res } = await registerWith({ password });
		expectError(res, 422, 'invalid', ['password']);
	});
}

test('register: the phone number as the password → 422 password', async () => {
	const { res } = await registerWith((phone) => ({ password: phone }));
	expectError(res, 422, 'invalid', ['password']);
	const r2 = await registerWith((phone) => ({ password: phone.slice(3) }));
	expectError(r2.res, 422, 'invalid', ['password']);
});

test('register: a password containing the phone number → 422 password', async () => {
	// the national number plus a letter, the E.164 digits, and the last 8 digits inside other text
	for (const make of [(p) => p.slice(3) + 'a', (p) => 'x' + p.slice(1), (p) => 'Ab' + p.slice(-8) + 'cd']) {
		const { res } = await registerWith((phone) => ({ password: make(phone) }));
		const err = expectError(res, 422, 'invalid', ['password']);
		assert.match(err.fields.password, /手机号/);
	}
	// Hong Kong: the 8-digit national number inside
	const c = await newClient();
	const hk = '+8529' + randomDigits(7);
	const code = await registerCode(c, hk);
	expectError(await c.post('/api/register', { phone: hk, code, password: 'hk' + hk.slice(4) + 'x' }), 422, 'invalid', ['password']);
});

test('register: a password containing the username (any case) → 422 password', async () => {
	const username = 'Li' + randomDigits(6);
	for (const password of [username + 'x', 'pw' + username.toUpperCase(), username.toLowerCase() + '!9']) {
		const { res } = await registerWith({ username, password });
		const err = expectError(res, 422, 'invalid', ['password']);
		assert.match(err.fields.password, /用户名/);
	}
});

test('register: a common password (any case) → 422 password; the code still works after', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	for (const password of COMMON_PASSWORDS) {
		const err = expectError(await c.post('/api/register', { phone, code, password }), 422, 'invalid', ['password']);
		assert.match(err.fields.password, /常见|简单/, password);
	}
	assert.equal((await c.post('/api/register', { phone, code, password: randomPassword() })).status, 201);
});

test('register: passwords of 8 and of 64 characters are accepted', async () => {
	for (const password of ['Zq7mPw3k', 'A1' + 'b'.repeat(62)]) {
		const { res, phone } = await registerWith({ password });
		assert.equal(res.status, 201, `${password.length} characters: ${res.status} ${res.text}`);
		await loggedIn({ phone, password });
	}
});

const badUsernames = [
	['3 characters', 'abc'],
	['33 characters', 'a'.repeat(33)],
	['starting with a digit', '1abcd'],
	['starting with _', '_abcd'],
	['a hyphen', 'ab-cd'],
	['a space', 'ab cd'],
	['a Chinese character', 'abc张'],
	['a quote', "ab'cd"],
	['a +', 'ab+cd'],
];
for (const [what, username] of badUsernames) {
	test(`register: bad username (${what}) → 422 username`, async () => {
		const { res } = await registerWith({ username, password: randomPassword() });
		expectError(res, 422, 'invalid', ['username']);
	});
}

test('register: usernames of 4 and 32 characters with _ are accepted', async () => {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
	const short = 'q' + [0, 1, 2].map(() => chars[crypto.randomInt(chars.length)]).join('');
	const long = 'A_' + crypto.randomBytes(15).toString('hex');
	for (const username of [short, long]) {
		const { res } = await registerWith({ username, password: randomPassword() });
		assert.equal(res.status, 201, `${username}: ${res.status} ${res.text}`);
	}
});

const badNames = [
	['1 character', '张'],
	['1 Latin letter', 'A'],
	['31 characters', '张'.repeat(31)],
];
for (const [what, name] of badNames) {
	test(`register: bad name (${what}) → 422 name`, async () => {
		const { res } = await registerWith({ name, password: randomPassword() });
		expectError(res, 422, 'invalid', ['name']);
	});
}

test('register: names of 2 and of 30 Chinese characters are accepted and returned as sent', async () => {
	for (const name of ['张三', '欧阳'.repeat(15)]) {
		const password = randomPassword();
		const { res, phone } = await registerWith({ name, password });
		assert.equal(res.status, 201, `${name}: ${res.status} ${res.text}`);
		const c = await loggedIn({ phone, password });
		expectUser(expectJson(await c.get('/api/account/me'), 200).user, { name });
	}
});

test('register: several invalid fields at once are all named', async () => {
	const { res } = await registerWith({ username: '1x', password: 'short', name: 'X' });
	expectError(res, 422, 'invalid', ['username', 'password', 'name']);
});

test('register: without X-CSRF-Token → 403 csrf and no account', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const code = await registerCode(c, phone);
	const password = randomPassword();
	expectError(await c.post('/api/register', { phone, code, password }, { csrf: false }), 403, 'csrf');
	expectError(await c.post('/api/register', { phone, code, password }, { csrf: 'wrong-token' }), 403, 'csrf');
	// The refused requests did not use the code.
	assert.equal((await c.post('/api/register', { phone, code, password })).status, 201);
});

test('GET /api/register → 405 with Allow: POST; unknown route → 404', async () => {
	const c = await newClient();
	const r = await c.get('/api/register');
	expectError(r, 405, 'method_not_allowed');
	assert.match(r.headers.get('allow') || '', /\bPOST\b/);
	const r2 = await c.get('/api/register/code');
	expectError(r2, 405, 'method_not_allowed');
	assert.match(r2.headers.get('allow') || '', /\bPOST\b/);
	expectError(await c.get('/api/register/nosuchroute'), 404, 'not_found');
	expectError(await c.post('/api/register/nosuchroute', {}), 404, 'not_found');
});
