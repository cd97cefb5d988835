// API tests of the account program: GET /api/account/me, POST /api/account/password,
// POST /api/account/logout.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client, setCookie } from '../lib/http.mjs';
import { expectError, expectJson, expectUser, expectSecurityHeaders } from '../lib/expect.mjs';
import { newClient, randomPassword, randomUsername, registerExpert, loginPassword, loggedIn, expertSession, COMMON_PASSWORDS } from '../lib/flows.mjs';
import { mainlandId, saveDraftOk } from '../lib/apply.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import fs from 'node:fs';
import { need } from '../lib/env.mjs';

beforeEach(() => resetIpLimits());

// ---- GET /api/account/me ----------------------------------------------------------------------

test('me: without a session → 401 unauthorized', async () => {
	const c = new Client();
	const res = await c.get('/api/account/me');
	expectError(res, 401, 'unauthorized', null);
	expectSecurityHeaders(res);
});

test('me: with a made-up or malformed session cookie → 401 unauthorized', async () => {
	for (const v of ['A'.repeat(43), 'x', "' OR '1'='1", '%00%00', 'a'.repeat(5000)]) {
		const c = new Client();
		c.jar.set('ep_session', v);
		expectError(await c.get('/api/account/me'), 401, 'unauthorized');
	}
});

test('me: with a session → {user} equal to the login reply', async () => {
	const { user } = await expertSession({ name: '赵六' });
	const c = await newClient();
	const login = expectJson(await loginPassword(c, user.phone, user.password), 200);
	const res = await c.get('/api/account/me');
	const body = expectJson(res, 200);
	assert.deepEqual(Object.keys(body), ['user']);
	expectUser(body.user, { phone: user.phone, name: '赵六', roles: ['expert'], portal: 'expert', must_change_password: false });
	assert.deepEqual(body.user, login.user);
	expectSecurityHeaders(res);
});

test('me: POST → 405 with Allow: GET', async () => {
	const { client } = await expertSession();
	const res = await client.post('/api/account/me', {});
	expectError(res, 405, 'method_not_allowed');
	assert.match(res.headers.get('allow') || '', /\bGET\b/);
});

// ---- forced password change -------------------------------------------------------------------

test('initial password: me says must_change_password, and after the change it is false', async () => {
	const user = await registerExpert();
	const c = await loggedIn(user);
	expectUser(expectJson(await c.get('/api/account/me'), 200).user, { must_change_password: true });
	const next = randomPassword();
	const res = await c.post('/api/account/password', { old_password: user.password, new_password: next });
	const body = expectJson(res, 200);
	assert.deepEqual(Object.keys(body).sort(), ['csrf', 'user']);
	expectUser(body.user, { must_change_password: false, phone: user.phone });
	expectUser(expectJson(await c.get('/api/account/me'), 200).user, { must_change_password: false });
	// A new login with the new password has no change pending either.
	const d = await newClient();
	expectUser(expectJson(await loginPassword(d, user.phone, next), 200).user, { must_change_password: false });
	expectError(await loginPassword(d, user.phone, user.password), 401, 'login_failed');
});

// ---- POST /api/account/password ---------------------------------------------------------------

test('password: 200, new cookies, the old session and every other session of the user end', async () => {
	const { user, client } = await expertSession();
	const other = await loggedIn(user); // the same user in another browser
	const stranger = await expertSession(); // someone else, untouched
	const oldCookies = client.clone();
	const oldSession = client.session;
	const oldCsrf = client.csrf;
	const next = randomPassword();
	const res = await client.post('/api/account/password', { old_password: user.password, new_password: next });
	const body = expectJson(res, 200);
	expectUser(body.user, { must_change_password: false });
	const sess = setCookie(res, 'ep_session');
	const csrf = setCookie(res, 'ep_csrf');
	assert.ok(sess && sess.value && sess.value !== oldSession, 'a new ep_session');
	assert.ok(csrf && csrf.value && csrf.value !== oldCsrf, 'a new ep_csrf');
	assert.equal(csrf.value, body.csrf);
	assert.equal(sess.attrs.httponly, true);
	// The new session works, and POSTs with the new token.
	expectJson(await client.get('/api/account/me'), 200);
	// The old cookie is dead, and so is the user's other session.
	expectError(await oldCookies.get('/api/account/me'), 401, 'unauthorized');
	expectError(await other.get('/api/account/me'), 401, 'unauthorized');
	// Another user's session is not touched.
	expectJson(await stranger.client.get('/api/account/me'), 200);
	// Passwords: the old one fails, the new one works.
	const d = await newClient();
	expectError(await loginPassword(d, user.phone, user.password), 401, 'login_failed');
	expectJson(await loginPassword(d, user.phone, next), 200);
	// The new session can change the password again (its csrf is bound to it).
	expectJson(await client.post('/api/account/password', { old_password: next, new_password: randomPassword() }), 200);
});

test('password: a wrong old password → 422 old_password, nothing changes', async () => {
	const { user, client } = await expertSession();
	const res = await client.post('/api/account/password', { old_password: user.password + 'x', new_password: randomPassword() });
	const err = expectError(res, 422, 'invalid', ['old_password']);
	assert.equal(err.fields.old_password, '原密码不正确');
	expectJson(await client.get('/api/account/me'), 200);
	const d = await newClient();
	expectJson(await loginPassword(d, user.phone, user.password), 200);
});

const weak = [
	['7 characters', 'Abcde12'],
	['65 characters', 'A1' + 'b'.repeat(63)],
	['no digit', 'Abcdefghij'],
	['no letter', '1234567890'],
];
for (const [what, pw] of weak) {
	test(`password: weak new password (${what}) → 422 new_password`, async () => {
		const { user, client } = await expertSession();
		expectError(await client.post('/api/account/password', { old_password: user.password, new_password: pw }), 422, 'invalid', ['new_password']);
		expectJson(await client.get('/api/account/me'), 200);
	});
}

test('password: the phone number as the new password → 422 new_password', async () => {
	const { user, client } = await expertSession();
	expectError(await client.post('/api/account/password', { old_password: user.password, new_password: user.phone }), 422, 'invalid', ['new_password']);
	expectError(await client.post('/api/account/password', { old_password: user.password, new_password: user.phone.slice(3) }), 422, 'invalid', ['new_password']);
});

test('password: a new password containing the phone number, the username or a common password → 422 new_password', async () => {
	const username = randomUsername('pw');
	const { user, client } = await expertSession({ username });
	for (const [pw, why] of [
		[user.phone.slice(3) + 'a', /手机号/],
		['Zz' + user.phone.slice(-8), /手机号/],
		[username.toUpperCase() + '1', /用户名/],
		...COMMON_PASSWORDS.map((p) => [p, /常见|简单/]),
	]) {
		const err = expectError(await client.post('/api/account/password', { old_password: user.password, new_password: pw }), 422, 'invalid', ['new_password']);
		assert.match(err.fields.new_password, why, pw);
	}
	// nothing changed: the old password still works
	expectJson(await loginPassword(await newClient(), user.phone, user.password), 200);
});

test('password: a new password containing the ID number of the expert\'s application → 422 new_password', async () => {
	const { user, client } = await expertSession();
	const id = mainlandId();
	await saveDraftOk(client, 0, { id_type: '居民身份证', id_number: id.number });
	for (const pw of ['id' + id.number, 'Ab' + id.number.slice(-8).toLowerCase() + 'c']) {
		const err = expectError(await client.post('/api/account/password', { old_password: user.password, new_password: pw }), 422, 'invalid', ['new_password']);
		assert.match(err.fields.new_password, /证件号码/, pw);
	}
	// another person's number is no reason to refuse
	const other = mainlandId();
	expectJson(await client.post('/api/account/password', { old_password: user.password, new_password: 'id' + other.number }), 200);
});

test('forced change of the initial password: the same rules (phone, common passwords) → 422 new_password', async () => {
	const user = await registerExpert();
	const c = await loggedIn(user);
	for (const pw of [user.phone.slice(3) + 'a', 'Password1', 'woaini1314']) {
		expectError(await c.post('/api/account/password', { old_password: user.password, new_password: pw }), 422, 'invalid', ['new_password']);
	}
	expectUser(expectJson(await c.get('/api/account/me'), 200).user, { must_change_password: true });
	expectJson(await c.post('/api/account/password', { old_password: user.password, new_password: randomPassword() }), 200);
});

test('password: the same as the old one → 422 new_password', async () => {
	const { user, client } = await expertSession();
	expectError(await client.post('/api/account/password', { old_password: user.password, new_password: user.password }), 422, 'invalid', ['new_password']);
});

test('password: missing fields → 422 naming each', async () => {
	const { user, client } = await expertSession();
	expectError(await client.post('/api/account/password', { new_password: randomPassword() }), 422, 'invalid', ['old_password']);
	expectError(await client.post('/api/account/password', { old_password: user.password }), 422, 'invalid', ['new_password']);
	expectError(await client.post('/api/account/password', {}), 422, 'invalid', ['old_password', 'new_password']);
});

test('password: without a session → 401 unauthorized', async () => {
	const c = await newClient();
	expectError(await c.post('/api/account/password', { old_password: 'Abcdefg1', new_password: randomPassword() }), 401, 'unauthorized');
});

test('password: without X-CSRF-Token, with a wrong one, or with the pre-login one → 403 csrf', async () => {
	const { user } = await expertSession();
	const c = await newClient();
	const preLogin = c.csrf;
	expectJson(await loginPassword(c, user.phone, user.password), 200);
	const body = { old_password: user.password, new_password: randomPassword() };
	expectError(await c.post('/api/account/password', body, { csrf: false }), 403, 'csrf');
	expectError(await c.post('/api/account/password', body, { csrf: 'wrong' }), 403, 'csrf');
	// The token of the anonymous cookie is not the one bound to the session, even sent with it.
	const stale = c.clone();
	stale.jar.set('ep_csrf', preLogin);
	expectError(await stale.post('/api/account/password', body), 403, 'csrf');
	// Another logged-in user's token does not fit this session.
	const { client: other } = await expertSession();
	expectError(await c.post('/api/account/password', body, { csrf: other.csrf }), 403, 'csrf');
	// Nothing changed.
	const d = await newClient();
	expectJson(await loginPassword(d, user.phone, user.password), 200);
});

test('password: GET → 405 with Allow: POST', async () => {
	const { client } = await expertSession();
	const res = await client.get('/api/account/password');
	expectError(res, 405, 'method_not_allowed');
	assert.match(res.headers.get('allow') || '', /\bPOST\b/);
});

// ---- POST /api/account/logout -----------------------------------------------------------------

test('logout: {ok:true}, the cookie is cleared and the old cookie no longer works', async () => {
	const { user, client } = await expertSession();
	const other = await loggedIn(user);
	const old = client.clone();
	const res = await client.post('/api/account/logout', {});
	assert.deepEqual(expectJson(res, 200), { ok: true });
	expectSecurityHeaders(res);
	const cleared = setCookie(res, 'ep_session');
	assert.ok(cleared, 'Set-Cookie ep_session clears it');
	assert.ok(cleared.value === '' || Number(cleared.attrs['max-age']) <= 0 || Date.parse(cleared.attrs.expires) < Date.now(), `cleared: ${JSON.stringify(cleared)}`);
	assert.equal(client.session, undefined);
	expectError(await client.get('/api/account/me'), 401, 'unauthorized');
	expectError(await old.get('/api/account/me'), 401, 'unauthorized');
	expectError(await old.post('/api/account/logout', {}), 401, 'unauthorized');
	// Logout ends this session only.
	expectJson(await other.get('/api/account/me'), 200);
});

test('logout: allowed while the initial password is still to be changed', async () => {
	const user = await registerExpert();
	const c = await loggedIn(user);
	expectUser(expectJson(await c.get('/api/account/me'), 200).user, { must_change_password: true });
	assert.deepEqual(expectJson(await c.post('/api/account/logout', {}), 200), { ok: true });
	expectError(await c.get('/api/account/me'), 401, 'unauthorized');
});

test('logout: without a session → 401', async () => {
	const c = await newClient();
	expectError(await c.post('/api/account/logout', {}), 401, 'unauthorized');
});

test('logout: without X-CSRF-Token or with a wrong one → 403 csrf, still logged in', async () => {
	const { client } = await expertSession();
	expectError(await client.post('/api/account/logout', {}, { csrf: false }), 403, 'csrf');
	expectError(await client.post('/api/account/logout', {}, { csrf: 'x' }), 403, 'csrf');
	expectJson(await client.get('/api/account/me'), 200);
});

test('logout: GET → 405 (a link cannot log anyone out)', async () => {
	const { client } = await expertSession();
	const res = await client.get('/api/account/logout');
	expectError(res, 405, 'method_not_allowed');
	assert.match(res.headers.get('allow') || '', /\bPOST\b/);
	expectJson(await client.get('/api/account/me'), 200);
});

test('account: unknown route → 404', async () => {
	const { client } = await expertSession();
	expectError(await client.get('/api/account/nosuchroute'), 404, 'not_found');
	expectError(await client.post('/api/account/nosuchroute', {}), 404, 'not_found');
});

// ---- stored literally -------------------------------------------------------------------------

const literalNames = [
	"'; DROP TABLE users; --",
	'" OR 1=1 --',
	'a\\b\\\\c\\\'d',
	'%_%_ 100%',
	'<script>x</script>',
	'${x} {{y}} `z`',
	'张三 O\'Brien',
	'𠮷野家 👨‍👩‍👧',
];
for (const name of literalNames) {
	test(`name ${JSON.stringify(name)} is stored and returned literally`, async () => {
		const { client } = await expertSession({ name });
		expectUser(expectJson(await client.get('/api/account/me'), 200).user, { name });
	});
}

test('site: the deployment\'s names from the configuration, public, read-only', async () => {
	const c = await newClient();
	const res = await c.get('/api/account/site');
	const body = expectJson(res, 200);
	const conf = fs.readFileSync(need('EXPERTPOOL_CONF'), 'utf8');
	const value = (key) => new RegExp(`^${key}\\s*=\\s*(.*)$`, 'm').exec(conf)[1].trim();
	assert.equal(body.name, value('name'));
	assert.equal(body.authority, value('authority'));
	expectError(await c.post('/api/account/site', {}), 405, 'method_not_allowed');
});
