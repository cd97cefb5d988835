// Every download — uploaded files, the application's PDFs, the 个人信息表, certificates (PDF and
// PNG, the expert's and the manager's), the CSV export — carries Content-Security-Policy: sandbox
// next to nosniff: a file opened in the browser never runs as the site (docs/API.md, conventions).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { resetIpLimits } from '../lib/db.mjs';
import { pdf, uploadFile } from '../lib/apply.mjs';
import { approvedExpert, staffSession } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let x, mgr, scan;
before(async () => {
	resetIpLimits();
	x = await approvedExpert();
	mgr = (await staffSession(['manager'], { name: '库管员' })).client;
	scan = await uploadFile(x.client, 'pdf', pdf('signed'), { name: '承诺书.pdf' });
});

/** A download: 200, the type, a Content-Disposition, nosniff, and a sandbox. */
function expectDownload(res, what, type) {
	assert.equal(res.status, 200, `${what}: ${res.status} ${res.text.slice(0, 300)}`);
	assert.match(res.headers.get('content-type') || '', type, `${what}: content-type`);
	assert.match(res.headers.get('content-disposition') || '', /^(attachment|inline)\b/i, `${what}: content-disposition`);
	assert.equal((res.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff', `${what}: nosniff`);
	const csp = res.headers.get('content-security-policy') || '';
	assert.ok(csp.split(';').some((d) => d.trim().split(/\s+/)[0].toLowerCase() === 'sandbox'), `${what}: CSP sandbox, got "${csp}"`);
	assert.doesNotMatch(csp, /allow-scripts|allow-same-origin/i, `${what}: a sandbox without exceptions`);
	assert.equal((res.headers.get('x-frame-options') || '').toUpperCase(), 'DENY', `${what}: X-Frame-Options`);
}

test('every download route: Content-Security-Policy: sandbox, nosniff, X-Frame-Options, a Content-Disposition', async () => {
	const PDF = /^application\/pdf\b/i, PNG = /^image\/png\b/i;
	const expert = [
		[`/api/files/${x.data.photo}`, /^image\/jpeg\b/i],
		[`/api/files/${x.data.photo}?inline=1`, /^image\/jpeg\b/i],
		[`/api/files/${scan.id}?inline=1`, PDF],
		['/api/apply/pdf/form', PDF],
		['/api/apply/pdf/commitment', PDF],
		['/api/expert/info.pdf', PDF],
		['/api/certificate/pdf', PDF],
		['/api/certificate/png', PNG],
	];
	for (const [path, type] of expert) expectDownload(await x.client.get(path, { binary: true }), path, type);
	const manager = [
		[`/api/files/${scan.id}?inline=1`, PDF],
		['/api/pool/experts.csv', /^text\/csv\b/i],
		[`/api/certificate/experts/${x.expertId}/pdf`, PDF],
		[`/api/certificate/experts/${x.expertId}/png`, PNG],
	];
	for (const [path, type] of manager) expectDownload(await mgr.get(path, { binary: true }), path, type);
});

test('JSON replies keep their own policy (no sandbox needed: they are never a page)', async () => {
	const res = await x.client.get('/api/expert');
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-security-policy') || '', /default-src 'none'/);
});
