// The database stops in the middle of the run: the API answers 503 db_unavailable, and works again
// once the database is back, without restarting the programs. Runs last (zz-).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { solvedCaptcha } from '../lib/captcha.mjs';
import { expectError, expectJson, expectSecurityHeaders } from '../lib/expect.mjs';
import { Client } from '../lib/http.mjs';
import { newClient, expertSession, loginPassword, randomPhone } from '../lib/flows.mjs';
import { shell, resetIpLimits } from '../lib/db.mjs';
import { need } from '../lib/env.mjs';

let stopped = false;

function stopDb() {
	stopped = true;
	shell(need('EP_DB_STOP'));
}

function startDb() {
	shell(need('EP_DB_START'), 120000);
	stopped = false;
}

// Whatever happens, the database is running again for whatever comes next.
after(() => {
	if (stopped) startDb();
});

test('database stopped → 503 db_unavailable; started again → the same calls work', async () => {
	resetIpLimits();
	const { user, client } = await expertSession();
	expectJson(await client.get('/api/account/me'), 200);
	const c = await newClient();
	const caps = [await solvedCaptcha(c), await solvedCaptcha(c), await solvedCaptcha(c)];

	stopDb();
	try {
		// Several requests, so that every worker process meets the outage.
		for (let i = 0; i < 4; i++) {
			const me = await client.get('/api/account/me');
			expectError(me, 503, 'db_unavailable');
			expectSecurityHeaders(me, 'GET /api/account/me while the database is down');
		}
		for (const cap of caps) {
			const login = await c.post('/api/login/password', { account: user.phone, password: user.password, ...cap });
			expectError(login, 503, 'db_unavailable');
		}
	} finally {
		startDb();
	}

	// Right away, every worker of every program must work again, including those that were idle
	// during the outage and still hold their old connection.
	for (let i = 0; i < 6; i++) {
		const me = await client.get('/api/account/me');
		expectJson(me, 200);
		assert.equal(me.body.user.phone, user.phone);
	}
	for (let i = 0; i < 3; i++) {
		const d = new Client();
		const cap = await d.get('/api/captcha/new');
		assert.equal(cap.status, 200, `GET /api/captcha/new after the restart: ${cap.status} ${cap.text}`);
		const login = await loginPassword(d, user.phone, user.password);
		assert.equal(login.status, 200, `login after the restart: ${login.status} ${login.text}`);
		expectJson(await d.get('/api/account/me'), 200);
	}
	for (let i = 0; i < 2; i++) {
		const d = await newClient();
		const res = await d.post('/api/register/code', { phone: randomPhone(), ...(await solvedCaptcha(d)) });
		assert.equal(res.status, 200, `POST /api/register/code after the restart: ${res.status} ${res.text}`);
	}
});

test('an outage during a write leaves no half-done state: the write can be repeated after', async () => {
	// Workers still holding a connection from before the previous test's restart are that test's
	// subject; give them time to notice (they check an idle connection before using it).
	await new Promise((r) => setTimeout(r, 3500));
	const { user, client } = await expertSession();
	const next = 'Nw' + Date.now().toString(36) + '9z';
	stopDb();
	try {
		const res = await client.post('/api/account/password', { old_password: user.password, new_password: next });
		expectError(res, 503, 'db_unavailable');
	} finally {
		startDb();
	}
	// (Reconnecting at once is the previous test's subject; here give idle workers time to notice.)
	await new Promise((r) => setTimeout(r, 3500));
	// The password was not changed: the old one still works, then the change goes through.
	expectJson(await client.get('/api/account/me'), 200);
	expectJson(await client.post('/api/account/password', { old_password: user.password, new_password: next }), 200);
	const d = await newClient();
	expectJson(await loginPassword(d, user.phone, next), 200);
});
