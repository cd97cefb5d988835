// What an expert may do by their standing in the pool: a suspended (暂停) or removed (出库) expert
// still reads and downloads their own data (record, change requests, information form,
// application, its versions, history and form PDF) and may cancel a pending request of theirs,
// but edits nothing of the pool, requests no change, gets no certificate and neither edits nor
// resubmits the application: 403 expert_suspended / expert_removed with a Chinese message, nothing
// changed. Restored, all of it works again.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { changeCount, resetIpLimits, suspendSlowly } from '../lib/db.mjs';
import { getApplication, proofFile } from '../lib/apply.mjs';
import { approvedExpert, poolMove, staffSession } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let mgr;

before(async () => {
	resetIpLimits();
	mgr = (await staffSession(['manager'], { name: '状态管理员' })).client;
});

const mine = async (x) => expectJson(await x.client.get('/api/expert'), 200).expert;

/** Every action the standing restricts, as a request of the expert `x`. */
async function restricted(x) {
	const me = await mine(x);
	const app = await getApplication(x.client);
	return [
		['POST /api/expert/profile', () => x.client.post('/api/expert/profile', { version: me.version, email: 'changed@example.com', address: '新的常住地' })],
		['POST /api/expert/changes', () => x.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: false } })],
		['GET /api/certificate/pdf', () => x.client.get('/api/certificate/pdf')],
		['GET /api/certificate/png', () => x.client.get('/api/certificate/png')],
		['POST /api/apply/draft', () => x.client.post('/api/apply/draft', { version: app.version, step: 'basic', data: x.data })],
		['POST /api/apply/submit', () => x.client.post('/api/apply/submit', { version: app.version, declaration: true })],
		['POST /api/withdraw/', () => x.client.post('/api/withdraw/', { version: app.version, confirm: true })],
		['POST /api/apply/reopen', () => x.client.post('/api/apply/reopen', { version: app.version })],
	];
}

/** What the expert may always do: read and download their own data. */
async function readsWork(x) {
	assert.equal((await mine(x)).expert_no, x.expertNo);
	expectJson(await x.client.get('/api/expert/changes'), 200);
	const info = await x.client.get('/api/expert/info.pdf', { binary: true });
	assert.equal(info.status, 200, info.text.slice(0, 200));
	assert.equal(info.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.equal((await getApplication(x.client)).status, 'approved');
	expectJson(await x.client.get('/api/apply/versions/1'), 200);
	expectJson(await x.client.get('/api/apply/history'), 200);
	const form = await x.client.get('/api/apply/pdf/form', { binary: true });
	assert.equal(form.status, 200, form.text.slice(0, 200));
	expectJson(await x.client.get('/api/apply/options'), 200);
}

async function refusedAll(x, code, words) {
	const me = await mine(x);
	const app = await getApplication(x.client);
	const changes = changeCount(x.expertId);
	for (const [what, call] of await restricted(x)) {
		const err = expectError(await call(), 403, code);
		assert.match(err.message, words, `${what}: ${err.message}`);
	}
	// nothing changed
	const after = await mine(x);
	assert.equal(after.version, me.version);
	assert.equal(after.email, me.email);
	assert.equal(after.address, me.address);
	assert.equal(changeCount(x.expertId), changes, 'no change request stored');
	const a = await getApplication(x.client);
	assert.equal(a.status, 'approved');
	assert.equal(a.version, app.version);
}

test('suspended: reads and downloads of one\'s own data work; edits, change requests, certificates and the application → 403 expert_suspended', async () => {
	const x = await approvedExpert();
	const pending = expectJson(await x.client.post('/api/expert/changes', { kind: 'employer', data: { employment: '退休', position: '顾问' }, files: [await proofFile(x.client, '退休证明.pdf')] }), 201).change;
	await poolMove(mgr, x.expertId, 'suspend', '暂停核查');
	assert.equal((await mine(x)).status, 'suspended');
	await readsWork(x);
	await refusedAll(x, 'expert_suspended', /暂停/);
	const cert = expectError(await x.client.get('/api/certificate/pdf'), 403, 'expert_suspended');
	assert.match(cert.message, /证书/);
	// cancelling one's own pending request is still possible
	assert.deepEqual(expectJson(await x.client.post(`/api/expert/changes/${pending.id}/cancel`, { version: 1 }), 200), { status: 'cancelled', version: 2 });
	// restored: all of it works again
	await poolMove(mgr, x.expertId, 'restore', '核查无误');
	const me = await mine(x);
	assert.equal(expectJson(await x.client.post('/api/expert/profile', { version: me.version, email: 'back@example.com', address: me.address }), 200).version, me.version + 1);
	expectJson(await x.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: false } }), 201);
	const pdf = await x.client.get('/api/certificate/pdf', { binary: true });
	assert.equal(pdf.status, 200, pdf.text.slice(0, 200));
	assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.equal((await x.client.get('/api/certificate/png')).status, 200);
	// an active expert's application is approved: changing it is refused by its state (409), as before
	const app = await getApplication(x.client);
	expectError(await x.client.post('/api/apply/submit', { version: app.version, declaration: true }), 409, 'conflict');
});

test('removed: reads and downloads of one\'s own data work; everything else → 403 expert_removed', async () => {
	const x = await approvedExpert();
	await poolMove(mgr, x.expertId, 'remove', '本人申请出库');
	assert.equal((await mine(x)).status, 'removed');
	await readsWork(x);
	await refusedAll(x, 'expert_removed', /出库/);
	const cert = expectError(await x.client.get('/api/certificate/png'), 403, 'expert_removed');
	assert.match(cert.message, /证书已失效/);
});

test('a suspended expert who is also removed later is refused as removed; an active one is not refused at all', async () => {
	const x = await approvedExpert();
	for (const [what, call] of await restricted(x)) {
		const res = await call();
		assert.notEqual(res.status, 403, `${what} of an active expert: ${res.status} ${res.text.slice(0, 200)}`);
	}
	await poolMove(mgr, x.expertId, 'suspend', '暂停');
	await poolMove(mgr, x.expertId, 'remove', '出库');
	expectError(await x.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: true } }), 403, 'expert_removed');
});

test('a change request racing a suspension: the guard passed, the suspension committed before the write → 403, no request', async () => {
	const x = await approvedExpert();
	const before = changeCount(x.expertId);
	const holder = suspendSlowly(x.expertId, 2);
	await new Promise((ok) => setTimeout(ok, 500)); // the suspension holds the row now
	const res = await x.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: false } });
	await holder;
	expectError(res, 403, 'expert_suspended');
	assert.equal(changeCount(x.expertId), before, 'no change request written');
});
