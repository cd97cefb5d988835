// Who may call what, over every route of the administration release (review, pool, admin,
// expert, verify) as one table: each route is called anonymously, from the expert portal, and as
// a reviewer-only, a manager-only and a super-admin-only staff account. The role the route is for
// gets its real answer (state-changing calls use a stale version or a wrong state wherever that
// keeps the fixtures intact), every other caller 401 or 403 and nothing changes. The expert's
// routes are also called as another expert (someone else's objects are 404), and every POST
// without the CSRF header gets 403 csrf.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { newClient, randomUsername, randomPassword, loginPassword } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { creditCode, expertSubmitted, proofFile } from '../lib/apply.mjs';
import { staffSession, approvedExpert, anyId, applicationOf, verifyApiPath, superAdmin } from '../lib/staff.mjs';

const STALE = 999999;
const fx = {};

before(async () => {
	resetIpLimits();
	const [reviewer, manager, sup, dummy] = await Promise.all([
		staffSession(['reviewer'], { department: '审核一处', name: '只审核' }),
		staffSession(['manager'], { name: '只管库' }),
		staffSession(['super'], { name: '只管账号' }),
		staffSession(['reviewer'], { name: '被改账号' }),
	]);
	fx.staff = { reviewer, manager, super: sup };
	fx.dummy = dummy;
	fx.anon = await newClient();
	// experts: E1 with a pending change request, E2 another one, B whose certificate is revoked
	// and reissued, and a submitted application for the review routes
	[fx.e1, fx.e2, fx.b] = [await approvedExpert({ reviewer }), await approvedExpert({ reviewer }), await approvedExpert({ reviewer })];
	const ch = await fx.e1.client.post('/api/expert/changes', {
		kind: 'employer', data: { employment: '在职', employer: '某某新单位', employer_code: creditCode(), position: '总工程师' }, note: '调动',
		files: [await proofFile(fx.e1.client)],
	});
	fx.change = expectJson(ch, 201).change;
	const s = await expertSubmitted({ id: anyId() });
	fx.app = await applicationOf(s.client);
	fx.verify = verifyApiPath(fx.e1.certificate.verify_url);
});

const reason = { reason: '测试原因' };

/**
 * The table. who: the role the route is for (reviewer, manager, super, expert, public); ok: the
 * status that role gets here; other: for expert routes, what another expert gets.
 */
const matrix = [
	// review
	{ who: 'reviewer', method: 'GET', path: () => '/api/review/queue', ok: 200 },
	{ who: 'reviewer', method: 'GET', path: () => `/api/review/${fx.app.id}`, ok: 200 },
	{ who: 'reviewer', method: 'GET', path: () => `/api/review/${fx.app.id}/versions/1`, ok: 200 },
	{ who: 'reviewer', method: 'POST', path: () => `/api/review/${fx.app.id}/open`, body: () => ({ version: STALE }), ok: 409 },
	{ who: 'reviewer', method: 'POST', path: () => `/api/review/${fx.app.id}/approve`, body: () => ({ version: STALE }), ok: 409 },
	{ who: 'reviewer', method: 'POST', path: () => `/api/review/${fx.app.id}/reject`, body: () => ({ version: STALE, ...reason }), ok: 409 },
	// pool
	{ who: 'manager', method: 'GET', path: () => '/api/pool/experts', ok: 200 },
	{ who: 'manager', method: 'GET', path: () => '/api/pool/experts.csv', ok: 200 },
	{ who: 'manager', method: 'GET', path: () => `/api/pool/experts/${fx.e1.expertId}`, ok: 200 },
	{ who: 'manager', method: 'POST', path: () => `/api/pool/experts/${fx.e1.expertId}/suspend`, body: () => ({ version: STALE, ...reason }), ok: 409 },
	{ who: 'manager', method: 'POST', path: () => `/api/pool/experts/${fx.e1.expertId}/restore`, body: () => ({ version: 1, ...reason }), ok: 409 },
	{ who: 'manager', method: 'POST', path: () => `/api/pool/experts/${fx.e1.expertId}/remove`, body: () => ({ version: STALE, ...reason }), ok: 409 },
	{ who: 'manager', method: 'POST', path: () => `/api/certificate/experts/${fx.b.expertId}/revoke`, body: () => reason, ok: 200 },
	{ who: 'manager', method: 'POST', path: () => `/api/certificate/experts/${fx.b.expertId}/reissue`, body: () => reason, ok: 200 },
	{ who: 'manager', method: 'GET', path: () => `/api/certificate/experts/${fx.e1.expertId}/pdf`, ok: 200 },
	{ who: 'manager', method: 'GET', path: () => `/api/certificate/experts/${fx.e1.expertId}/png`, ok: 200 },
	{ who: 'manager', method: 'GET', path: () => '/api/pool/changes', ok: 200 },
	{ who: 'manager', method: 'GET', path: () => `/api/pool/changes/${fx.change.id}`, ok: 200 },
	{ who: 'manager', method: 'POST', path: () => `/api/pool/changes/${fx.change.id}/approve`, body: () => ({ version: STALE }), ok: 409 },
	{ who: 'manager', method: 'POST', path: () => `/api/pool/changes/${fx.change.id}/reject`, body: () => ({ version: STALE, ...reason }), ok: 409 },
	// admin
	{ who: 'super', method: 'GET', path: () => '/api/admin/users', ok: 200 },
	{ who: 'super', method: 'POST', path: () => '/api/admin/users', body: () => ({ username: randomUsername('mx'), name: '矩阵新建', roles: ['reviewer'], password: randomPassword() }), ok: 201 },
	{ who: 'super', method: 'POST', path: () => `/api/admin/users/${fx.dummy.id}`, body: () => ({ version: STALE, name: '被改账号', roles: ['reviewer'], status: 'active' }), ok: 409 },
	{ who: 'super', method: 'POST', path: () => `/api/admin/users/${fx.dummy.id}/password`, body: () => ({ password: randomPassword() }), ok: 200 },
	{ who: 'super', method: 'GET', path: () => '/api/admin/audit', ok: 200 },
	// expert (the caller's own record; "other" is what another expert gets)
	{ who: 'expert', method: 'GET', path: () => '/api/expert', ok: 200, other: 200 },
	{ who: 'expert', method: 'POST', path: () => '/api/expert/profile', body: () => ({ version: STALE, email: 'a@example.com' }), ok: 409 },
	{ who: 'expert', method: 'GET', path: () => '/api/certificate/pdf', ok: 200 },
	{ who: 'expert', method: 'GET', path: () => '/api/certificate/png', ok: 200 },
	{ who: 'expert', method: 'GET', path: () => '/api/expert/info.pdf', ok: 200 },
	{ who: 'expert', method: 'GET', path: () => '/api/expert/changes', ok: 200, other: 200 },
	{ who: 'expert', method: 'POST', path: () => '/api/expert/changes', body: () => ({ kind: 'region', data: { region: '本级', remote: false } }), ok: 201 },
	{ who: 'expert', method: 'POST', path: () => `/api/expert/changes/${fx.change.id}/cancel`, body: () => ({ version: STALE }), ok: 409, other: 404, otherBody: () => ({ version: fx.change.version }) },
	// verify: public
	{ who: 'public', method: 'GET', path: () => fx.verify, label: '/api/verify/<cert_no>?t=<tag>', ok: 200 },
];

const STAFF = ['reviewer', 'manager', 'super'];

function call(client, row, { csrf, body } = {}) {
	if (row.method === 'GET') return client.get(row.path());
	const opts = csrf === false ? { csrf: false } : {};
	return client.post(row.path(), (body ?? row.body)(), opts);
}

const show = (who, row, res) => `${who}: ${row.method} ${row.path()} → ${res.status} ${res.text.slice(0, 300)}`;

for (const row of matrix) {
	const label = row.label ?? row.path.toString().replace(/^\(\) => /, '').replace(/[`'"]/g, '').replace(/\$\{[^}]*\.(\w+)\}/g, '<$1>');
	test(`authz: ${row.method} ${label} — for ${row.who}`, async () => {
		// anonymous
		let res = await call(fx.anon, row);
		if (row.who === 'public') assert.equal(res.status, row.ok, show('anonymous', row, res));
		else expectError(res, 401, 'unauthorized');
		// the expert portal
		if (row.who === 'expert') {
			res = await call(fx.e1.client, row);
			assert.equal(res.status, row.ok, show('the expert', row, res));
			if (row.other !== undefined) {
				res = await call(fx.e2.client, row, { body: row.otherBody });
				assert.equal(res.status, row.other, show('another expert', row, res));
			}
		} else {
			res = await call(fx.e2.client, row);
			if (row.who === 'public') assert.equal(res.status, row.ok, show('an expert', row, res));
			else expectError(res, 403, 'forbidden');
		}
		// staff with one role each
		for (const role of STAFF) {
			res = await call(fx.staff[role].client, row);
			if (row.who === 'public' || row.who === role) assert.equal(res.status, row.ok, show(role, row, res));
			else expectError(res, 403, 'forbidden');
		}
		// CSRF before anything else: the allowed caller without the header
		if (row.method === 'POST') {
			const allowed = row.who === 'expert' ? fx.e1.client : fx.staff[row.who].client;
			expectError(await call(allowed, row, { csrf: false }), 403, 'csrf');
		}
	});
}

test('authz: the refused calls changed nothing — the change request is still pending, E1 active, B has one new certificate', async () => {
	const mgr = fx.staff.manager.client;
	const c = expectJson(await mgr.get(`/api/pool/changes/${fx.change.id}`), 200).change;
	assert.equal(c.status, 'pending');
	assert.equal(c.version, fx.change.version);
	const e1 = expectJson(await mgr.get(`/api/pool/experts/${fx.e1.expertId}`), 200).expert;
	assert.equal(e1.status, 'active');
	assert.equal(e1.version, fx.e1.expert.version);
	const b = expectJson(await mgr.get(`/api/pool/experts/${fx.b.expertId}`), 200).expert;
	assert.deepEqual(b.certificates.map((x) => x.status), ['valid', 'revoked'], JSON.stringify(b.certificates));
	assert.equal(b.certificates[1].cert_no, fx.b.certificate.cert_no);
	const app = expectJson(await fx.staff.reviewer.client.get(`/api/review/${fx.app.id}`), 200).application;
	assert.equal(app.status, 'submitted');
	assert.equal(app.version, fx.app.version);
	// E1's own view: the employer change pending, and the region change the matrix made
	const mine = expectJson(await fx.e1.client.get('/api/expert/changes'), 200).changes;
	assert.deepEqual(mine.map((x) => `${x.kind}:${x.status}`).sort(), ['employer:pending', 'region:pending']);
	// E2 sees none of them
	assert.deepEqual(expectJson(await fx.e2.client.get('/api/expert/changes'), 200).changes, []);
});

test('authz: files — the owner and staff fetch an expert\'s upload; another expert gets 404, anonymous 401', async () => {
	const photo = fx.e1.data.photo;
	const path = `/api/files/${photo}`;
	expectError(await fx.anon.get(path), 401, 'unauthorized');
	assert.equal((await fx.e1.client.get(path)).status, 200);
	expectError(await fx.e2.client.get(path), 404, 'not_found');
	for (const role of STAFF) assert.equal((await fx.staff[role].client.get(path)).status, 200, role);
});

test('authz: one account with the roles reviewer and manager passes both, and still not admin', async () => {
	const both = await staffSession(['reviewer', 'manager'], { department: '综合处' });
	expectJson(await both.client.get('/api/review/queue'), 200);
	expectJson(await both.client.get('/api/pool/experts'), 200);
	expectError(await both.client.get('/api/admin/users'), 403, 'forbidden');
	const me = expectJson(await both.client.get('/api/account/me'), 200).user;
	assert.deepEqual([...me.roles].sort(), ['manager', 'reviewer']);
});

test('authz: a staff account that has not changed its initial password → 403 password_change_required', async () => {
	const admin = await superAdmin();
	const username = randomUsername('pc');
	const password = randomPassword();
	expectJson(await admin.post('/api/admin/users', { username, name: '新来的', roles: ['reviewer', 'manager', 'super'], password }), 201);
	const c = await newClient();
	expectJson(await loginPassword(c, username, password, 'admin'), 200);
	for (const path of ['/api/review/queue', '/api/pool/experts', '/api/admin/users']) {
		expectError(await c.get(path), 403, 'password_change_required');
	}
});

test('authz: a staff-only account cannot log in to the expert portal (401 login_failed)', async () => {
	const s = await staffSession(['reviewer', 'manager', 'super']);
	const c = await newClient();
	expectError(await loginPassword(c, s.username, s.password, 'expert'), 401, 'login_failed');
	expectError(await c.get('/api/expert'), 401, 'unauthorized');
});
