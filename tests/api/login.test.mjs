// API tests of the login program: POST /api/login/password, /api/login/code, /api/login/sms.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { solvedCaptcha, wrongAnswer } from '../lib/captcha.mjs';
import { expectError, expectJson, expectUser, expectInvalidOneOf, expectSecurityHeaders } from '../lib/expect.mjs';
import { setCookie } from '../lib/http.mjs';
import {
	newClient, randomPhone, randomUsername, randomPassword, registerCode, registerExpert, loginPassword, loginCode, expertSession, adminSession, adminPassword,
} from '../lib/flows.mjs';
import { smsOffset, waitCode, expectNoSms } from '../lib/sms.mjs';
import { expireCodes, allowResend, pretendSendsToday, resetIpLimits, clearLoginFailures, sql } from '../lib/db.mjs';
import { LOGIN_FAILS_IP, LOGIN_FAILS_ACCOUNT_IP, LOGIN_FAILS_ACCOUNT_IP_ATTACKED, LOGIN_ATTACK } from '../lib/limits.mjs';
import { need, BASE_URL } from '../lib/env.mjs';

beforeEach(() => resetIpLimits());

// Other client addresses: the server sees the loopback address a request comes from.
const OTHER_IP = '127.0.0.2';
const ATTACKER_IP = '127.0.0.3';

/** Checks a successful login reply: {user, csrf}, ep_session and a new ep_csrf set. */
function expectLoginReply(res, before, want) {
	const body = expectJson(res, 200);
	assert.deepEqual(Object.keys(body).sort(), ['csrf', 'user']);
	expectUser(body.user, want);
	assert.equal(typeof body.csrf, 'string');
	assert.ok(body.csrf.length >= 16);
	const sess = setCookie(res, 'ep_session');
	assert.ok(sess && sess.value.length >= 16, `ep_session set: ${JSON.stringify(res.setCookies)}`);
	assert.equal(sess.attrs.httponly, true, 'ep_session is HttpOnly');
	assert.equal(String(sess.attrs.samesite).toLowerCase(), 'lax', 'ep_session is SameSite=Lax');
	assert.equal(sess.attrs.path, '/', 'ep_session has Path=/');
	if (new URL(BASE_URL).protocol === 'https:') assert.equal(sess.attrs.secure, true, 'Secure under HTTPS');
	const csrf = setCookie(res, 'ep_csrf');
	assert.ok(csrf, 'a new ep_csrf is set at login');
	assert.equal(csrf.value, body.csrf, 'the ep_csrf cookie is the reply csrf');
	assert.notEqual(csrf.value, before, 'the csrf token is replaced at login');
	return body;
}

// ---- POST /api/login/password -----------------------------------------------------------------

test('login/password by phone: 200 {user, csrf}, session cookie, /me works', async () => {
	const { user } = await expertSession({ name: '李四' });
	const c = await newClient();
	const before = c.csrf;
	const res = await loginPassword(c, user.phone, user.password);
	const body = expectLoginReply(res, before, { phone: user.phone, name: '李四', roles: ['expert'], portal: 'expert', must_change_password: false });
	expectSecurityHeaders(res);
	const me = expectJson(await c.get('/api/account/me'), 200);
	assert.deepEqual(me.user, body.user);
});

test('login/password by username with portal expert: 200', async () => {
	const username = randomUsername('lg');
	const { user } = await expertSession({ username });
	const c = await newClient();
	const before = c.csrf;
	const res = await loginPassword(c, username, user.password, 'expert');
	expectLoginReply(res, before, { username, phone: user.phone, portal: 'expert' });
});

test('login/password: an urlencoded body works', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const res = await c.post('/api/login/password', { account: user.phone, password: user.password, ...(await solvedCaptcha(c)) }, { form: true });
	expectJson(res, 200);
	expectJson(await c.get('/api/account/me'), 200);
});

test('login/password: wrong password and unknown account give the same 401 login_failed', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const wrong = await loginPassword(c, user.phone, user.password + 'x');
	expectError(wrong, 401, 'login_failed', null);
	const unknown = await loginPassword(c, randomPhone(), user.password);
	expectError(unknown, 401, 'login_failed', null);
	const unknownName = await loginPassword(c, randomUsername('nobody'), user.password);
	expectError(unknownName, 401, 'login_failed', null);
	assert.deepEqual(unknown.body, wrong.body, 'nothing says whether the account exists');
	assert.deepEqual(unknownName.body, wrong.body, 'nothing says whether the account exists');
	assert.equal(setCookie(wrong, 'ep_session'), undefined, 'no session on failure');
});

test('login/password: an unknown account takes about as long as a wrong password (no timing oracle)', async () => {
	const users = [await expertSession(), await expertSession(), await expertSession()];
	const c = await newClient();
	const time = async (account) => {
		const body = { account, password: 'Wrong1pass9', ...(await solvedCaptcha(c)) };
		const t = process.hrtime.bigint();
		const res = await c.post('/api/login/password', body);
		const ms = Number(process.hrtime.bigint() - t) / 1e6;
		expectError(res, 401, 'login_failed');
		return ms;
	};
	const known = [];
	const unknown = [];
	for (let round = 0; round < 2; round++) {
		for (const { user } of users) {
			known.push(await time(user.phone));
			unknown.push(await time(randomPhone()));
		}
	}
	const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
	// A password hash is checked either way: the medians stay within a factor of 2.5.
	assert.ok(median(unknown) * 2.5 >= median(known), `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms`);
	assert.ok(median(known) * 2.5 >= median(unknown), `known ${median(known).toFixed(1)} ms vs unknown ${median(unknown).toFixed(1)} ms`);
});

test('login/password: each missing field → 422 naming it', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const full = async () => ({ account: user.phone, password: user.password, ...(await solvedCaptcha(c)) });
	for (const f of ['account', 'password', 'captcha']) {
		const b = await full();
		delete b[f];
		expectError(await c.post('/api/login/password', b), 422, 'invalid', [f]);
	}
	const b = await full();
	delete b.captcha_id;
	expectInvalidOneOf(await c.post('/api/login/password', b), ['captcha_id', 'captcha']);
	expectError(await c.post('/api/login/password', {}), 422, 'invalid', ['account', 'password']);
	// None of these counted as a failed password: the account is not locked.
	expectJson(await loginPassword(c, user.phone, user.password), 200);
});

test('login/password: wrong captcha → 422 captcha, even with the right password', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	const res = await c.post('/api/login/password', { account: user.phone, password: user.password, captcha_id: cap.captcha_id, captcha: wrongAnswer(cap.captcha) });
	expectError(res, 422, 'invalid', ['captcha']);
	assert.equal(setCookie(res, 'ep_session'), undefined);
});

test('login/password: a reused captcha → 422 captcha', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const cap = await solvedCaptcha(c);
	expectJson(await c.post('/api/login/password', { account: user.phone, password: user.password, ...cap }), 200);
	const d = await newClient();
	expectError(await d.post('/api/login/password', { account: user.phone, password: user.password, ...cap }), 422, 'invalid', ['captcha']);
});

test('login/password: an unknown portal → 422 portal', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	expectError(await loginPassword(c, user.phone, user.password, 'root'), 422, 'invalid', ['portal']);
});

test('login/password: an expert in the admin portal → 401 login_failed', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const res = await loginPassword(c, user.phone, user.password, 'admin');
	expectError(res, 401, 'login_failed', null);
	assert.equal(setCookie(res, 'ep_session'), undefined);
	expectError(await c.get('/api/account/me'), 401, 'unauthorized');
});

test('login/password: the super-admin in the expert portal → 401 login_failed', async () => {
	await adminSession(); // makes sure the first-login change is done and the password known
	const c = await newClient();
	const res = await loginPassword(c, need('ADMIN_ACCOUNT'), adminPassword(), 'expert');
	expectError(res, 401, 'login_failed', null);
	const res2 = await loginPassword(c, need('ADMIN_ACCOUNT'), adminPassword());
	expectError(res2, 401, 'login_failed', null);
});

test('login/password: the super-admin in the admin portal has role super', async () => {
	const { client } = await adminSession();
	const me = expectJson(await client.get('/api/account/me'), 200);
	expectUser(me.user, { portal: 'admin', must_change_password: false });
	assert.ok(me.user.roles.includes('super'), `roles: ${me.user.roles}`);
	assert.ok(!me.user.roles.includes('expert'), 'no expert role in the admin portal');
});

test(`login/password: ${LOGIN_FAILS_ACCOUNT_IP} wrong passwords from one IP: that IP gets 429 account_locked for the account, another IP still logs in`, async () => {
	const username = randomUsername('lk');
	const { user } = await expertSession({ username });
	const c = await newClient();
	for (let i = 0; i < LOGIN_FAILS_ACCOUNT_IP; i++) expectError(await loginPassword(c, user.phone, `Wrong${i}pass9`), 401, 'login_failed');
	const res = await loginPassword(c, user.phone, user.password);
	const err = expectError(res, 429, 'account_locked');
	assert.ok(err.retry_after > 14 * 60 && err.retry_after <= 15 * 60, `locked for about 15 minutes: ${err.retry_after}`);
	assert.equal(setCookie(res, 'ep_session'), undefined);
	// From this address the account is locked whatever name it is reached by, in any browser.
	const d = await newClient();
	expectError(await loginPassword(d, username, user.password), 429, 'account_locked');
	// From another address the owner logs in.
	const owner = await newClient({ from: OTHER_IP });
	expectJson(await loginPassword(owner, username, user.password), 200);
	// Other accounts are not locked from the first address.
	const { user: other } = await expertSession();
	expectJson(await loginPassword(d, other.phone, other.password), 200);
});

test('login/password: an attacker failing the super-admin\'s password 10 times does not lock the owner out from another IP', async () => {
	const { account, password } = await adminSession();
	try {
		const attacker = await newClient({ from: ATTACKER_IP });
		const seen = [];
		for (let i = 0; i < 10; i++) seen.push((await loginPassword(attacker, account, `Wrong${i}pass9`, 'admin')).status);
		assert.deepEqual(seen.slice(0, LOGIN_FAILS_ACCOUNT_IP), Array(LOGIN_FAILS_ACCOUNT_IP).fill(401));
		assert.deepEqual(seen.slice(LOGIN_FAILS_ACCOUNT_IP), Array(10 - LOGIN_FAILS_ACCOUNT_IP).fill(429), 'the attacker\'s address is refused');
		// The attacker's right guess from that address is refused too.
		expectError(await loginPassword(attacker, account, password, 'admin'), 429, 'account_locked');
		// The owner, from another address, logs in at once.
		const owner = await newClient({ from: OTHER_IP });
		const me = expectJson(await loginPassword(owner, account, password, 'admin'), 200);
		assert.ok(me.user.roles.includes('super'));
	} finally {
		clearLoginFailures(account);
	}
});

test(`login/password: once an account has ${LOGIN_ATTACK} failures from all addresses, each further address gets ${LOGIN_FAILS_ACCOUNT_IP_ATTACKED}; the right password from a clean address still works`, async () => {
	const { user } = await expertSession();
	const fail = async (from, n) => {
		const c = await newClient({ from });
		for (let i = 0; i < n; i++) expectError(await loginPassword(c, user.phone, `Wrong${i}pass9`), 401, 'login_failed');
		return c;
	};
	// ATTACK / ACCOUNT_IP addresses each use their whole allowance
	const spread = Math.ceil(LOGIN_ATTACK / LOGIN_FAILS_ACCOUNT_IP);
	for (let k = 0; k < spread; k++) await fail(`127.0.1.${k + 1}`, LOGIN_FAILS_ACCOUNT_IP);
	// the next address is slowed down: fewer failures before it is refused
	const slowed = await fail('127.0.2.1', LOGIN_FAILS_ACCOUNT_IP_ATTACKED);
	expectError(await loginPassword(slowed, user.phone, 'Wrong9pass9'), 429, 'account_locked');
	// the owner, from an address that has not failed, is never refused the right password
	expectJson(await loginPassword(await newClient({ from: '127.0.2.2' }), user.phone, user.password), 200);
});

test('login/password: 4 wrong passwords do not lock', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	for (let i = 0; i < 4; i++) expectError(await loginPassword(c, user.phone, `Wrong${i}pass9`), 401, 'login_failed');
	expectJson(await loginPassword(c, user.phone, user.password), 200);
});

test('login/password: an unknown account is "locked" after 5 tries the same way (nothing revealed)', async () => {
	const { user } = await expertSession();
	const ghost = randomPhone();
	const c = await newClient();
	const known = [];
	const unknown = [];
	for (let i = 0; i < 6; i++) {
		known.push(await loginPassword(c, user.phone, `Wrong${i}pass9`));
		unknown.push(await loginPassword(c, ghost, `Wrong${i}pass9`));
	}
	for (let i = 0; i < 5; i++) {
		expectError(unknown[i], 401, 'login_failed');
		assert.deepEqual(unknown[i].body, known[i].body);
	}
	const ek = expectError(known[5], 429, 'account_locked');
	const eu = expectError(unknown[5], 429, 'account_locked');
	assert.deepEqual(Object.keys(eu).sort(), Object.keys(ek).sort());
	assert.equal(eu.message, ek.message);
	assert.ok(Math.abs(eu.retry_after - ek.retry_after) <= 2, `${eu.retry_after} vs ${ek.retry_after}`);
});

test(`login/password: ${LOGIN_FAILS_IP} failures from one IP → 429 rate_limited, even for a right password`, { timeout: 120000 }, async () => {
	const { user } = await expertSession();
	const c = await newClient();
	let res;
	let n = 0;
	try {
		for (; n < LOGIN_FAILS_IP + 5; n++) {
			// Each try a different unknown account, so that no account lockout is involved.
			res = await loginPassword(c, randomPhone(), 'Wrong1pass9');
			if (res.status !== 401) break;
		}
		expectError(res, 429, 'rate_limited');
		assert.ok(n >= LOGIN_FAILS_IP, `limited after ${n} failures`);
		// The IP is limited, not just those accounts: a good login from it is refused too.
		const d = await newClient();
		expectError(await loginPassword(d, user.phone, user.password), 429, 'rate_limited');
	} finally {
		resetIpLimits();
	}
	expectJson(await loginPassword(c, user.phone, user.password), 200);
});

test('login/password: SQL metacharacters in account and password are just a failed login', async () => {
	const c = await newClient();
	for (const account of ["' OR '1'='1", "admin'--", '" OR 1=1 --', '\\', '%', '_', "'; DROP TABLE users; --", "+86' OR 1=1"]) {
		// Not a phone or username at all: a form error on account, or simply a failed login.
		const res = await loginPassword(c, account, "' OR '1'='1");
		if (res.status === 422) expectError(res, 422, 'invalid', ['account']);
		else expectError(res, 401, 'login_failed');
	}
	// A well-formed username that matches nothing, with metacharacters in the password.
	expectError(await loginPassword(c, 'admin_x', "' OR '1'='1' --"), 401, 'login_failed');
	expectJson(await c.get('/api/captcha/new'), 200);
});

test('login/password: without X-CSRF-Token → 403 csrf; with a wrong one → 403 csrf', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const body = async () => ({ account: user.phone, password: user.password, ...(await solvedCaptcha(c)) });
	const r1 = await c.post('/api/login/password', await body(), { csrf: false });
	expectError(r1, 403, 'csrf');
	assert.equal(setCookie(r1, 'ep_session'), undefined);
	expectError(await c.post('/api/login/password', await body(), { csrf: c.csrf + 'x' }), 403, 'csrf');
	// A token from another client's cookie does not match this client's cookie.
	const other = await newClient();
	expectError(await c.post('/api/login/password', await body(), { csrf: other.csrf }), 403, 'csrf');
});

// ---- a login replaces the browser's session ---------------------------------------------------

/** The number of session rows of the user with phone `phone`. */
function sessionsOf(phone) {
	return Number(sql(`SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.phone = '${phone}';`)[0][0]);
}

test('a login in a browser that is logged in revokes its previous session: password, SMS and admin logins', async () => {
	const a = await expertSession();
	const b = await expertSession();
	const c = await newClient();
	expectJson(await loginPassword(c, a.user.phone, a.user.password), 200);
	assert.equal(sessionsOf(a.user.phone), 2, 'a: its own session and the one of this browser');
	const asA = c.clone(); // the cookie as it was: kept by someone, or by the browser's history
	// Another user logs in in the same browser with a password: a's session of this browser ends.
	expectUser(expectJson(await loginPassword(c, b.user.phone, b.user.password), 200).user, { phone: b.user.phone });
	expectError(await asA.get('/api/account/me'), 401, 'unauthorized');
	assert.equal(sessionsOf(a.user.phone), 1, "a's other session (another browser) is untouched");
	expectJson(await a.client.get('/api/account/me'), 200);
	// An SMS login replaces b's session the same way, even as the same user again.
	const asB = c.clone();
	const code = await loginCode(c, b.user.phone);
	expectJson(await c.post('/api/login/sms', { phone: b.user.phone, code, portal: 'expert' }), 200);
	expectError(await asB.get('/api/account/me'), 401, 'unauthorized');
	assert.equal(sessionsOf(b.user.phone), 2, "b: its first session and this browser's new one");
	// The admin portal shares the cookie: an admin login ends the expert session too.
	const asB2 = c.clone();
	const { account, password } = await adminSession();
	expectJson(await loginPassword(c, account, password, 'admin'), 200);
	expectError(await asB2.get('/api/account/me'), 401, 'unauthorized');
	assert.equal(sessionsOf(b.user.phone), 1);
	expectUser(expectJson(await c.get('/api/account/me'), 200).user, { portal: 'admin' });
});

test('a failed login does not end the session the browser holds', async () => {
	const { user, client } = await expertSession();
	expectError(await loginPassword(client, user.phone, user.password + 'x'), 401, 'login_failed');
	expectJson(await client.get('/api/account/me'), 200);
});

// ---- POST /api/login/code ---------------------------------------------------------------------

test('login/code: registered phone → 200 {sent, resend_after} and an SMS code', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const off = smsOffset();
	const res = await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) });
	assert.deepEqual(expectJson(res, 200), { sent: true, resend_after: 60 });
	expectSecurityHeaders(res);
	await waitCode(user.phone, off);
});

test('login/code: an unregistered phone gets the very same reply and no SMS', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const reg = await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) });
	const ghost = randomPhone();
	const off = smsOffset();
	const unreg = await c.post('/api/login/code', { phone: ghost, ...(await solvedCaptcha(c)) });
	assert.equal(unreg.status, reg.status);
	assert.deepEqual(unreg.body, reg.body);
	assert.equal(unreg.text, reg.text);
	await expectNoSms(ghost, off);
});

test('login/code: a second send within a minute → 429, registered or not', async () => {
	const { user } = await expertSession();
	const ghost = randomPhone();
	const c = await newClient();
	await loginCode(c, user.phone);
	expectJson(await c.post('/api/login/code', { phone: ghost, ...(await solvedCaptcha(c)) }), 200);
	const off = smsOffset();
	const a = await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) });
	const b = await c.post('/api/login/code', { phone: ghost, ...(await solvedCaptcha(c)) });
	const ea = expectError(a, 429, 'rate_limited');
	const eb = expectError(b, 429, 'rate_limited');
	assert.ok(ea.retry_after <= 60 && eb.retry_after <= 60);
	// the same words; only the seconds left may differ by the time between the two calls
	assert.equal(eb.message.replace(/\d+/g, 'N'), ea.message.replace(/\d+/g, 'N'));
	await expectNoSms(user.phone, off);
});

test('login/code: the 11th send of the day → 429 rate_limited', async () => {
	const { user } = await expertSession();
	pretendSendsToday(user.phone, 10);
	const c = await newClient();
	const off = smsOffset();
	expectError(await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) }), 429, 'rate_limited');
	await expectNoSms(user.phone, off);
});

test('login/code: missing fields, bad phones, wrong captcha → 422', async () => {
	const c = await newClient();
	const full = async () => ({ phone: randomPhone(), ...(await solvedCaptcha(c)) });
	let b = await full();
	delete b.phone;
	expectError(await c.post('/api/login/code', b), 422, 'invalid', ['phone']);
	b = await full();
	delete b.captcha;
	expectError(await c.post('/api/login/code', b), 422, 'invalid', ['captcha']);
	b = await full();
	delete b.captcha_id;
	expectInvalidOneOf(await c.post('/api/login/code', b), ['captcha_id', 'captcha']);
	for (const phone of ['+8612345678901', '+8523123456', '+85351234567', '+886812345678', '13912345678', "+86139' OR 1=1"]) {
		expectError(await c.post('/api/login/code', { phone, ...(await solvedCaptcha(c)) }), 422, 'invalid', ['phone']);
	}
	const cap = await solvedCaptcha(c);
	expectError(await c.post('/api/login/code', { phone: randomPhone(), captcha_id: cap.captcha_id, captcha: wrongAnswer(cap.captcha) }), 422, 'invalid', ['captcha']);
});

test('login/code: without X-CSRF-Token → 403 csrf and no SMS', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const off = smsOffset();
	expectError(await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) }, { csrf: false }), 403, 'csrf');
	expectError(await c.post('/api/login/code', { phone: user.phone, ...(await solvedCaptcha(c)) }, { csrf: 'nope' }), 403, 'csrf');
	await expectNoSms(user.phone, off, 800);
});

// ---- POST /api/login/sms ----------------------------------------------------------------------

function otherCode(code) {
	return String((Number(code) + 1) % 1000000).padStart(6, '0');
}

test('login/sms: the right code → 200 {user, csrf} and a session', async () => {
	const { user } = await expertSession({ name: '王五' });
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	const before = c.csrf;
	const res = await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' });
	expectLoginReply(res, before, { phone: user.phone, name: '王五', roles: ['expert'], portal: 'expert' });
	expectJson(await c.get('/api/account/me'), 200);
});

test('login/sms: portal defaults to expert', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	const before = c.csrf;
	const res = await c.post('/api/login/sms', { phone: user.phone, code });
	expectLoginReply(res, before, { portal: 'expert', roles: ['expert'] });
});

test('login/sms: works with an initial password still to change, and says so', async () => {
	const user = await registerExpert();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	const before = c.csrf;
	const res = await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' });
	expectLoginReply(res, before, { must_change_password: true });
});

test('login/sms: a wrong code → 401 login_failed', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	const res = await c.post('/api/login/sms', { phone: user.phone, code: otherCode(code), portal: 'expert' });
	expectError(res, 401, 'login_failed', null);
	assert.equal(setCookie(res, 'ep_session'), undefined);
});

test('login/sms: 5 wrong codes, then the right one → 401', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	for (let i = 0; i < 5; i++) expectError(await c.post('/api/login/sms', { phone: user.phone, code: otherCode(code), portal: 'expert' }), 401, 'login_failed');
	expectError(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }), 401, 'login_failed');
});

test('login/sms: a used code → 401', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	expectJson(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }), 200);
	const d = await newClient();
	expectError(await d.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }), 401, 'login_failed');
});

test('login/sms: an expired code → 401', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	expireCodes(user.phone);
	expectError(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }), 401, 'login_failed');
});

test('login/sms: a registration code does not log in', async () => {
	const c = await newClient();
	const phone = randomPhone();
	const password = randomPassword();
	const code1 = await registerCode(c, phone);
	allowResend(phone); // a second send now, without waiting a minute
	const code2 = await registerCode(c, phone);
	assert.equal((await c.post('/api/register', { phone, code: code2, password })).status, 201);
	const d = await newClient();
	expectError(await d.post('/api/login/sms', { phone, code: code1, portal: 'expert' }), 401, 'login_failed');
	expectError(await d.post('/api/login/sms', { phone, code: code2, portal: 'expert' }), 401, 'login_failed');
});

test('login/sms: an unregistered phone → 401 login_failed', async () => {
	const c = await newClient();
	expectError(await c.post('/api/login/sms', { phone: randomPhone(), code: '123456', portal: 'expert' }), 401, 'login_failed', null);
});

test('login/sms: an expert in the admin portal → 401 login_failed, no session', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	expectError(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'admin' }), 401, 'login_failed');
	expectError(await c.get('/api/account/me'), 401, 'unauthorized');
});

test('login/sms: missing or malformed fields → 422', async () => {
	const c = await newClient();
	const phone = randomPhone();
	expectError(await c.post('/api/login/sms', { code: '123456', portal: 'expert' }), 422, 'invalid', ['phone']);
	expectError(await c.post('/api/login/sms', { phone, portal: 'expert' }), 422, 'invalid', ['code']);
	expectError(await c.post('/api/login/sms', { phone: '+861234', code: '123456', portal: 'expert' }), 422, 'invalid', ['phone']);
	expectError(await c.post('/api/login/sms', { phone, code: '12ab56', portal: 'expert' }), 422, 'invalid', ['code']);
	expectError(await c.post('/api/login/sms', { phone, code: '123456', portal: 'nope' }), 422, 'invalid', ['portal']);
});

test('login/sms: without X-CSRF-Token → 403 csrf, and the code still works after', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const code = await loginCode(c, user.phone);
	expectError(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }, { csrf: false }), 403, 'csrf');
	expectError(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }, { csrf: 'bad' }), 403, 'csrf');
	expectJson(await c.post('/api/login/sms', { phone: user.phone, code, portal: 'expert' }), 200);
});

test('login routes: wrong method → 405 with Allow, unknown route → 404', async () => {
	const c = await newClient();
	for (const p of ['/api/login/password', '/api/login/code', '/api/login/sms']) {
		const r = await c.get(p);
		expectError(r, 405, 'method_not_allowed');
		assert.match(r.headers.get('allow') || '', /\bPOST\b/, p);
	}
	expectError(await c.get('/api/login/nosuchroute'), 404, 'not_found');
	expectError(await c.get('/api/login'), 404, 'not_found');
});
