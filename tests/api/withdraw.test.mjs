// The withdraw program (撤回, moved from POST /api/apply/withdraw): GET /api/withdraw/ is the
// first step — whether the submission can be taken back and what follows —, POST with
// "confirm": true the second; the phone is told by SMS; only a submission nobody opened yet.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import { expertSubmitted, expertWithDraft, getApplication, reviewer } from '../lib/apply.mjs';
import { smsOffset, waitSms, expectNoSms } from '../lib/sms.mjs';
import { resetIpLimits } from '../lib/db.mjs';

beforeEach(() => resetIpLimits());

test('two steps: GET says it can be done and what follows; POST without confirm withdraws nothing; with it the draft is back and the phone told', async () => {
	const s = await expertSubmitted();
	const step = expectJson(await s.client.get('/api/withdraw/'), 200);
	assert.equal(step.can_withdraw, true);
	assert.equal(step.status, 'submitted');
	assert.equal(step.submitted_version, 1);
	assert.match(step.message, /草稿/);
	const off = smsOffset();
	for (const body of [{ version: step.version }, { version: step.version, confirm: false }, { version: step.version, confirm: 'yes' }])
		expectError(await s.client.post('/api/withdraw/', body), 422, 'invalid', ['confirm']);
	expectError(await s.client.post('/api/withdraw/', { confirm: true }), 422, 'invalid', ['version']);
	assert.equal((await getApplication(s.client)).status, 'submitted', 'nothing withdrawn yet');
	await expectNoSms(s.user.phone, off, 300);
	const done = expectJson(await s.client.post('/api/withdraw/', { version: step.version, confirm: true }), 200);
	assert.equal(done.status, 'draft');
	assert.equal((await getApplication(s.client)).status, 'draft');
	await waitSms(s.user.phone, off, { match: /已撤回入库申请/ });
	const after = expectJson(await s.client.get('/api/withdraw/'), 200);
	assert.equal(after.can_withdraw, false);
	assert.match(after.reason, /尚未提交/);
	expectError(await s.client.post('/api/withdraw/', { version: done.version, confirm: true }), 409, 'conflict');
});

test('once a reviewer opened it: GET says why not, POST is 409 and sends nothing', async () => {
	const s = await expertSubmitted();
	reviewer(s.user.phone, 'open');
	const step = expectJson(await s.client.get('/api/withdraw/'), 200);
	assert.equal(step.can_withdraw, false);
	assert.match(step.reason, /审核已开始/);
	const off = smsOffset();
	expectError(await s.client.post('/api/withdraw/', { version: step.version, confirm: true }), 409, 'conflict');
	await expectNoSms(s.user.phone, off, 500);
});

test('a stale version is 409; a draft or no application at all is refused plainly', async () => {
	const s = await expertSubmitted();
	const step = expectJson(await s.client.get('/api/withdraw/'), 200);
	expectError(await s.client.post('/api/withdraw/', { version: step.version - 1, confirm: true }), 409, 'conflict');
	const d = await expertWithDraft();
	assert.equal(expectJson(await d.client.get('/api/withdraw/'), 200).can_withdraw, false);
	const { client } = await expertSession();
	expectError(await client.get('/api/withdraw/'), 404, 'not_found');
	expectError(await client.post('/api/withdraw/', { version: 1, confirm: true }), 404, 'not_found');
});

test('the old address POST /api/apply/withdraw is gone (moved to /api/withdraw/)', async () => {
	const s = await expertSubmitted();
	const res = await s.client.post('/api/apply/withdraw', { version: s.version, confirm: true });
	assert.ok(res.status === 404 || res.status === 405, `${res.status} ${res.text}`);
	assert.equal((await getApplication(s.client)).status, 'submitted');
});
