// The certificate program (moved from /api/expert/certificate.* and
// /api/pool/experts/<id>/certificate*): the expert's certificate state, the old addresses gone.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import { approvedExpert, staffSession } from '../lib/staff.mjs';
import { resetIpLimits } from '../lib/db.mjs';

beforeEach(() => resetIpLimits());

test('GET /api/certificate/: issued with the certificate; before approval 404', async () => {
	const e = await approvedExpert();
	const o = expectJson(await e.client.get('/api/certificate/'), 200);
	assert.equal(o.state, 'issued');
	assert.equal(o.expert_no, e.expertNo);
	assert.equal(o.certificate.cert_no, e.certificate.cert_no);
	assert.equal(o.certificate.status, 'valid');
	const { client } = await expertSession();
	expectError(await client.get('/api/certificate/'), 404, 'not_found');
	expectError(await client.get('/api/certificate/pdf'), 404, 'not_found');
});

test('the old certificate addresses are gone (moved to /api/certificate/)', async () => {
	const e = await approvedExpert();
	const manager = (await staffSession(['manager'])).client;
	for (const [who, path] of [[e.client, '/api/expert/certificate.pdf'], [e.client, '/api/expert/certificate.png'],
		[manager, `/api/pool/experts/${e.expertId}/certificate.pdf`]])
		expectError(await who.get(path), 404, 'not_found');
	expectError(await manager.post(`/api/pool/experts/${e.expertId}/certificate/revoke`, { reason: '旧地址' }), 404, 'not_found');
	assert.equal(expectJson(await e.client.get('/api/certificate/'), 200).certificate.status, 'valid', 'nothing revoked');
	// the new ones answer
	assert.equal((await e.client.get('/api/certificate/pdf', { binary: true })).status, 200);
	assert.equal((await manager.get(`/api/certificate/experts/${e.expertId}/png`, { binary: true })).status, 200);
});
