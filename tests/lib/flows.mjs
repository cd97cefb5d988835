// The steps many tests share: fresh phone numbers and usernames, registering an expert, logging
// in, and the run's super-admin (whose first-login password change is done once and cached).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from './http.mjs';
import { solvedCaptcha } from './captcha.mjs';
import { smsOffset, waitCode, waitPassword } from './sms.mjs';
import { need } from './env.mjs';
import { allowResend } from './db.mjs';

export function randomDigits(n) {
	let s = '';
	while (s.length < n) s += crypto.randomInt(0, 10);
	return s;
}

/** A mainland mobile number nobody has used: +86 139 and 8 random digits. */
export function randomPhone() {
	return '+86139' + randomDigits(8);
}

/** A valid username nobody has used: a letter, then letters and digits (at most 32). */
export function randomUsername(prefix = 't') {
	return prefix + crypto.randomBytes(8).toString('hex');
}

/** A password that satisfies the rules and is new each time. */
export function randomPassword() {
	return 'Pw' + crypto.randomBytes(6).toString('base64url').replace(/[-_]/g, 'x') + '7q';
}

/** Passwords that pass the length and letter-and-digit rules but are among the most common ones
 *  (share/common-passwords.txt), in mixed case: the server compares without regard to case. */
export const COMMON_PASSWORDS = ['woaini1314', 'Password1', 'QWERTY123', 'abc123456', '1qaz2wsx', 'Admin888', 'iloveyou1', 'a5201314', 'zhang123456', 'Passw0rd'];

/** A client holding an ep_csrf cookie and no session; `from`: its source address (another
 *  loopback address is another client IP to the server). */
export async function newClient({ from } = {}) {
	const c = new Client({ localAddress: from });
	await c.ensureCsrf();
	return c;
}

/** POST /api/register/code for `phone` and waits for the SMS; returns the code. */
export async function registerCode(client, phone) {
	const off = smsOffset();
	const res = await client.post('/api/register/code', { phone, ...(await solvedCaptcha(client)) });
	assert.equal(res.status, 200, `POST /api/register/code ${phone}: ${res.status} ${res.text}`);
	return waitCode(phone, off);
}

/** POST /api/login/code for `phone` and waits for the SMS; returns the code. */
export async function loginCode(client, phone) {
	const off = smsOffset();
	const res = await client.post('/api/login/code', { phone, ...(await solvedCaptcha(client)) });
	assert.equal(res.status, 200, `POST /api/login/code ${phone}: ${res.status} ${res.text}`);
	return waitCode(phone, off);
}

/**
 * Registers a new expert through the API. Options: phone, username, password, name (each optional;
 * without a password the initial one is read from the SMS). Returns { phone, username, name,
 * password, initial } — `initial` is true when the password came by SMS.
 */
export async function registerExpert(opts = {}) {
	const client = opts.client || (await newClient());
	const phone = opts.phone || randomPhone();
	const code = await registerCode(client, phone);
	const body = { phone, code };
	for (const k of ['username', 'password', 'name']) if (opts[k] !== undefined) body[k] = opts[k];
	const off = smsOffset();
	const res = await client.post('/api/register', body);
	assert.equal(res.status, 201, `POST /api/register: ${res.status} ${res.text}`);
	let password = opts.password;
	if (password === undefined) password = await waitPassword(phone, off);
	// Whatever the minute between two codes covers (the phone, or the phone and the purpose),
	// let it pass, so that a test may ask for a login code right away.
	allowResend(phone);
	return { phone, username: opts.username ?? null, name: opts.name ?? null, password, initial: opts.password === undefined };
}

/** POST /api/login/password with a fresh solved captcha; returns the reply. */
export async function loginPassword(client, account, password, portal) {
	const body = { account, password, ...(await solvedCaptcha(client)) };
	if (portal !== undefined) body.portal = portal;
	return client.post('/api/login/password', body);
}

/** A new client logged in as `user` (from registerExpert) in the expert portal. */
export async function loggedIn(user, portal = 'expert') {
	const c = await newClient();
	const res = await loginPassword(c, user.phone, user.password, portal);
	assert.equal(res.status, 200, `login ${user.phone}: ${res.status} ${res.text}`);
	return c;
}

/** A fresh expert with a password of its own (no change pending) and a client logged in as it. */
export async function expertSession(opts = {}) {
	const user = await registerExpert({ password: randomPassword(), ...opts });
	const client = await loggedIn(user);
	return { user, client };
}

// ---- the run's super-admin --------------------------------------------------------------------

// One small file per admin account and initial password (so per run: runs side by side, each
// with its own database and admin, do not disturb each other).
function adminCacheFile() {
	const key = crypto.createHash('sha256').update(need('ADMIN_ACCOUNT') + '\0' + need('ADMIN_PASSWORD')).digest('hex').slice(0, 16);
	return path.join(os.tmpdir(), `expertpool-admin-${key}.json`);
}

/** The admin's current password: the one this run changed it to, else ADMIN_PASSWORD. */
export function adminPassword() {
	try {
		return JSON.parse(fs.readFileSync(adminCacheFile(), 'utf8')).password || need('ADMIN_PASSWORD');
	} catch {
		return need('ADMIN_PASSWORD');
	}
}

/** Remembers the admin's new password for the other suites of the run (api, apache, e2e). */
export function saveAdminPassword(password) {
	const file = adminCacheFile();
	fs.writeFileSync(`${file}.tmp`, JSON.stringify({ password }), { mode: 0o600 });
	fs.renameSync(`${file}.tmp`, file);
}

/**
 * A client logged in as the super-admin in the admin portal, with the forced first-login password
 * change done (once per run: the new password is cached in a temp file).
 */
export async function adminSession() {
	const account = need('ADMIN_ACCOUNT');
	const c = await newClient();
	let password = adminPassword();
	let res = await loginPassword(c, account, password, 'admin');
	if (res.status === 401 && password !== need('ADMIN_PASSWORD')) {
		// A stale cache from an earlier database: the account was created again.
		password = need('ADMIN_PASSWORD');
		res = await loginPassword(c, account, password, 'admin');
	}
	assert.equal(res.status, 200, `admin login: ${res.status} ${res.text}`);
	if (res.body.user.must_change_password) {
		const next = randomPassword();
		const ch = await c.post('/api/account/password', { old_password: password, new_password: next });
		assert.equal(ch.status, 200, `admin password change: ${ch.status} ${ch.text}`);
		saveAdminPassword(next);
		password = next;
	}
	return { client: c, account, password };
}
