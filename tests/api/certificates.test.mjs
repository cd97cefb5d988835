// Certificates (聘书): the PDF and the PNG with its QR code, the public verification with its
// live status (valid, suspended, revoked, expired, removed), revocation and reissue by a manager,
// links that cannot be guessed, and the daily `expertpool-admin certificates` run (expiry, and the
// notice SMS 30 days before, sent once).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { resetIpLimits, sql, lit } from '../lib/db.mjs';
import { smsOffset, smsSince, waitSms } from '../lib/sms.mjs';
import { cgi, configWith } from '../lib/cgi.mjs';
import { newClient } from '../lib/flows.mjs';
import { chinaDate, expertSubmitted, pdfText } from '../lib/apply.mjs';
import {
	adminTool, anyId, applicationOf, approvedExpert, poolMove, qrText, sharedReviewer, staffSession, superAdmin, verifyApiPath,
} from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let manager, anon, site;

before(async () => {
	resetIpLimits();
	manager = (await staffSession(['manager'], { name: '证书管理员' })).client;
	anon = await newClient();
	site = expectJson(await anon.get('/api/account/site'), 200);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** GET /api/verify/… for a verify_url, anonymously; returns the reply. */
const verify = (url) => anon.get(verifyApiPath(url));

/** The expert's current certificate as GET /api/expert shows it. */
async function currentCert(client) {
	return expectJson(await client.get('/api/expert'), 200).expert.certificate;
}

/** A 404 that says nothing about the certificate. */
function expectNothing(res) {
	const err = expectError(res, 404, 'not_found', null);
	assert.deepEqual(Object.keys(res.body), ['error']);
	assert.doesNotMatch(JSON.stringify(res.body), /ZS\d|ZJ\d|valid|有效/, 'no details in the reply');
	return err;
}

test('certificate PDF: the name, expert number, certificate number, validity and issuer', async () => {
	const x = await approvedExpert({ name: '李证书' });
	const res = await x.client.get('/api/certificate/pdf', { binary: true });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'application/pdf');
	assert.match(res.headers.get('content-disposition') || '', /^attachment\b/);
	assert.ok(res.headers.get('content-disposition').includes(encodeURIComponent(`专家证书-${x.certificate.cert_no}.pdf`)));
	assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	const text = pdfText(res.bytes);
	assert.ok(text.includes('李证书'), text);
	assert.ok(text.includes(x.expertNo), text);
	assert.ok(text.includes(x.certificate.cert_no), text);
	assert.ok(text.includes(x.certificate.valid_until), text);
	assert.ok(text.includes(site.authority || site.name), text);
});

test('certificate PNG: the QR code decodes to the verification link /verify/<no>?t=<tag> of GET /api/expert', async () => {
	const x = await approvedExpert({ name: '王扫码' });
	const cert = x.expert.certificate;
	assert.equal(cert.cert_no, x.certificate.cert_no);
	assert.match(cert.verify_url, new RegExp(`^https?://[^/]+/verify/${cert.cert_no}\\?t=[0-9a-f]{20}$`));
	const res = await x.client.get('/api/certificate/png', { binary: true });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'image/png');
	assert.equal(res.bytes.subarray(1, 4).toString('latin1'), 'PNG');
	assert.equal(qrText(res.bytes), cert.verify_url);
});

test('verify: valid, with the name masked, the numbers, specialties, dates and issuer — for anyone', async () => {
	const x = await approvedExpert({ name: '赵验证' });
	const c = expectJson(await verify(x.expert.certificate.verify_url), 200).certificate;
	assert.equal(c.cert_no, x.certificate.cert_no);
	assert.equal(c.name, '赵**');
	assert.equal(c.expert_no, x.expertNo);
	assert.deepEqual(c.specialties, x.expert.specialties.map((s) => s.path));
	assert.ok(c.specialties.length >= 1);
	assert.equal(c.issued_on, chinaDate(0));
	assert.equal(c.valid_until, x.certificate.valid_until);
	assert.equal(c.issuer, site.authority || site.name);
	assert.equal(c.status, 'valid');
	assert.equal(c.status_label, '有效');
	assert.equal(JSON.stringify(c).includes(x.data.id_number), false, 'no ID number');
	assert.equal(JSON.stringify(c).includes(x.user.phone), false, 'no phone');
	// the same from an expert's or a manager's session
	assert.equal(expectJson(await x.client.get(verifyApiPath(x.expert.certificate.verify_url)), 200).certificate.status, 'valid');
	assert.equal(expectJson(await manager.get(verifyApiPath(x.expert.certificate.verify_url)), 200).certificate.status, 'valid');
});

test('verify: a forged, missing, short or another number\'s tag → 404 with no details; an unknown number → 404', async () => {
	const x = await approvedExpert();
	const y = await approvedExpert();
	const url = new URL(x.expert.certificate.verify_url);
	const no = x.certificate.cert_no;
	const tag = url.searchParams.get('t');
	const flip = (tag[0] === 'a' ? 'b' : 'a') + tag.slice(1);
	expectNothing(await anon.get(`/api/verify/${no}?t=${flip}`));
	expectNothing(await anon.get(`/api/verify/${no}?t=${'0'.repeat(20)}`));
	expectNothing(await anon.get(`/api/verify/${no}`));
	expectNothing(await anon.get(`/api/verify/${no}?t=`));
	expectNothing(await anon.get(`/api/verify/${no}?t=${tag.slice(0, 19)}`));
	expectNothing(await anon.get(`/api/verify/${no}?t=${tag}0`));
	expectNothing(await anon.get(`/api/verify/${no}?t=${tag.toUpperCase()}`));
	// y's tag on x's number, x's tag on y's number
	const ytag = new URL(y.expert.certificate.verify_url).searchParams.get('t');
	expectNothing(await anon.get(`/api/verify/${no}?t=${ytag}`));
	expectNothing(await anon.get(`/api/verify/${y.certificate.cert_no}?t=${tag}`));
	// numbers that do not exist
	expectNothing(await anon.get(`/api/verify/ZS1999999999?t=${tag}`));
	expectNothing(await anon.get(`/api/verify/${'Z'.repeat(40)}?t=${tag}`));
	// a number with its right tag whose row is gone (renamed here) is unknown too
	const z = await approvedExpert();
	sql(`UPDATE certificates SET cert_no = CONCAT('X', cert_no) WHERE cert_no = ${lit(z.certificate.cert_no)};`);
	expectNothing(await verify(z.expert.certificate.verify_url));
	// and the right link still works
	assert.equal(expectJson(await verify(x.expert.certificate.verify_url), 200).certificate.status, 'valid');
});

test('verify follows the expert: suspended → suspended, restored → valid, removed → removed', async () => {
	const x = await approvedExpert();
	const url = x.expert.certificate.verify_url;
	await poolMove(manager, x.expertId, 'suspend', '暂停测试');
	let c = expectJson(await verify(url), 200).certificate;
	assert.equal(c.status, 'suspended');
	assert.equal(c.status_label, '暂停');
	assert.equal((await currentCert(x.client)).status, 'suspended');
	await poolMove(manager, x.expertId, 'restore', '恢复测试');
	c = expectJson(await verify(url), 200).certificate;
	assert.equal(c.status, 'valid');
	assert.equal((await currentCert(x.client)).status, 'valid');
	await poolMove(manager, x.expertId, 'remove', '出库测试');
	c = expectJson(await verify(url), 200).certificate;
	assert.equal(c.status, 'removed');
	assert.equal(c.status_label, '已出库');
	assert.equal((await currentCert(x.client)).status, 'removed');
});

test('revoke → revoked; reissue → a new number, valid from today, and the old one stays revoked; both audited', async () => {
	const x = await approvedExpert({ name: '钱补发' });
	const oldUrl = x.expert.certificate.verify_url;
	const oldNo = x.certificate.cert_no;
	// revoke needs a reason
	expectError(await manager.post(`/api/certificate/experts/${x.expertId}/revoke`, {}), 422, 'invalid', ['reason']);
	let res = expectJson(await manager.post(`/api/certificate/experts/${x.expertId}/revoke`, { reason: '证书遗失' }), 200);
	assert.equal(res.certificate.cert_no, oldNo);
	assert.equal(res.certificate.status, 'revoked');
	let c = expectJson(await verify(oldUrl), 200).certificate;
	assert.equal(c.status, 'revoked');
	assert.equal(c.status_label, '已撤销');
	const mine = await currentCert(x.client);
	assert.equal(mine.status, 'revoked');
	assert.equal(mine.revoke_reason, '证书遗失');
	// nothing left to revoke
	expectError(await manager.post(`/api/certificate/experts/${x.expertId}/revoke`, { reason: '再撤' }), 409, 'conflict');
	// reissue
	res = expectJson(await manager.post(`/api/certificate/experts/${x.expertId}/reissue`, { reason: '补发' }), 200);
	const fresh = res.certificate;
	assert.notEqual(fresh.cert_no, oldNo);
	assert.match(fresh.cert_no, /^ZS\d{10}$/);
	assert.equal(fresh.status, 'valid');
	assert.equal(fresh.issued_on, chinaDate(0));
	assert.equal((await currentCert(x.client)).cert_no, fresh.cert_no);
	c = expectJson(await verify(fresh.verify_url), 200).certificate;
	assert.equal(c.status, 'valid');
	assert.equal(c.cert_no, fresh.cert_no);
	assert.equal(c.name, '钱**');
	assert.equal(expectJson(await verify(oldUrl), 200).certificate.status, 'revoked');
	// the new PDF carries the new number
	const pdf = await x.client.get('/api/certificate/pdf', { binary: true });
	assert.ok(pdfText(pdf.bytes).includes(fresh.cert_no));
	// reissue of a valid certificate revokes it on the way
	res = expectJson(await manager.post(`/api/certificate/experts/${x.expertId}/reissue`, { reason: '信息更新' }), 200);
	assert.equal(expectJson(await verify(fresh.verify_url), 200).certificate.status, 'revoked');
	assert.equal(expectJson(await verify(res.certificate.verify_url), 200).certificate.status, 'valid');
	const e = expectJson(await manager.get(`/api/pool/experts/${x.expertId}`), 200).expert;
	assert.deepEqual(e.certificates.map((k) => [k.cert_no, k.status]), [[res.certificate.cert_no, 'valid'], [fresh.cert_no, 'revoked'], [oldNo, 'revoked']]);
	assert.deepEqual(e.events.map((v) => v.action).filter((a) => a.startsWith('certificate.')), ['certificate.revoke', 'certificate.reissue', 'certificate.reissue']);
	const admin = await superAdmin();
	const audit = expectJson(await admin.get(`/api/admin/audit?object_type=expert&object_id=${x.expertId}&size=50`), 200);
	assert.deepEqual(audit.items.map((i) => i.action).filter((a) => a.startsWith('certificate.')),
		['certificate.reissue', 'certificate.reissue', 'certificate.revoke'], 'newest first');
	const revoked = audit.items.find((i) => i.action === 'certificate.revoke');
	assert.equal(revoked.summary.revoked, oldNo);
	assert.equal(revoked.summary.reason, '证书遗失');
	assert.equal(revoked.actor_name, '证书管理员');
	assert.equal(audit.items[0].summary.issued, res.certificate.cert_no);
	// only for active experts
	await poolMove(manager, x.expertId, 'suspend');
	expectError(await manager.post(`/api/certificate/experts/${x.expertId}/reissue`, { reason: '暂停中' }), 409, 'conflict');
	expectError(await manager.post(`/api/certificate/experts/${x.expertId}/revoke`, { reason: '暂停中' }), 409, 'conflict');
});

test('two managers at once: reissue + reissue leaves exactly one valid certificate; revoke + revoke → one 200, one 409', async () => {
	for (let round = 0; round < 3; round++) {
		const x = await approvedExpert();
		const base = `/api/certificate/experts/${x.expertId}`;
		const pair = await Promise.all([manager.post(`${base}/reissue`, { reason: '补发甲' }), manager.post(`${base}/reissue`, { reason: '补发乙' })]);
		assert.deepEqual(pair.map((r) => r.status), [200, 200], pair.map((r) => r.text).join(' | '));
		let certs = expectJson(await manager.get(`/api/pool/experts/${x.expertId}`), 200).expert.certificates;
		assert.deepEqual(certs.map((k) => k.status), ['valid', 'revoked', 'revoked'], JSON.stringify(certs));
		assert.equal(expectJson(await verify(x.expert.certificate.verify_url), 200).certificate.status, 'revoked');
		const revoke = await Promise.all([manager.post(`${base}/revoke`, { reason: '撤销甲' }), manager.post(`${base}/revoke`, { reason: '撤销乙' })]);
		assert.deepEqual(revoke.map((r) => r.status).sort(), [200, 409], revoke.map((r) => r.text).join(' | '));
		certs = expectJson(await manager.get(`/api/pool/experts/${x.expertId}`), 200).expert.certificates;
		assert.deepEqual(certs.map((k) => k.status), ['revoked', 'revoked', 'revoked']);
		const again = await Promise.all([manager.post(`${base}/reissue`, { reason: '再发甲' }), manager.post(`${base}/reissue`, { reason: '再发乙' })]);
		assert.deepEqual(again.map((r) => r.status), [200, 200]);
		certs = expectJson(await manager.get(`/api/pool/experts/${x.expertId}`), 200).expert.certificates;
		assert.equal(certs.filter((k) => k.status === 'valid').length, 1, JSON.stringify(certs));
		assert.equal(certs[0].status, 'valid', 'the newest is the valid one');
	}
});

test('a manager downloads an expert\'s certificate as PDF and PNG', async () => {
	const x = await approvedExpert({ name: '孙下载' });
	const pdf = await manager.get(`/api/certificate/experts/${x.expertId}/pdf`, { binary: true });
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers.get('content-type'), 'application/pdf');
	const text = pdfText(pdf.bytes);
	assert.ok(text.includes('孙下载') && text.includes(x.certificate.cert_no) && text.includes(x.expertNo), text);
	const png = await manager.get(`/api/certificate/experts/${x.expertId}/png`, { binary: true });
	assert.equal(png.status, 200);
	assert.equal(png.headers.get('content-type'), 'image/png');
	assert.equal(qrText(png.bytes), x.expert.certificate.verify_url);
	expectError(await manager.get('/api/certificate/experts/999999999/pdf'), 404, 'not_found');
});

test('no certificate: not in the pool → 404; with `[certificate] after_training = yes` the approval issues none (pending) → 404', async () => {
	const s = await expertSubmitted({ id: anyId() });
	expectError(await s.client.get('/api/certificate/pdf'), 404, 'not_found');
	expectError(await s.client.get('/api/certificate/png'), 404, 'not_found');
	assert.equal(expectJson(await s.client.get('/api/expert'), 200).expert, null);
	const conf = configWith({ certificate: { after_training: 'yes' } });
	const app = await applicationOf(s.client);
	const reviewer = await sharedReviewer();
	const res = cgi('review', conf, 'POST', `/${app.id}/approve`, { client: reviewer.client, data: { version: app.version } });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.equal(res.body.status, 'approved');
	assert.equal(res.body.certificate, null);
	const mine = expectJson(await s.client.get('/api/expert'), 200).expert;
	assert.equal(mine.certificate, null);
	assert.equal(mine.certificate_state, 'pending');
	expectError(await s.client.get('/api/certificate/pdf'), 404, 'not_found');
	expectError(await manager.get(`/api/certificate/experts/${mine.id}/png`), 404, 'not_found');
});

// ---- the daily run ------------------------------------------------------------------------------

/** Moves a certificate's end to today + `days` (China dates). */
function setValidUntil(certNo, days) {
	sql(`SET time_zone = '+00:00';
UPDATE certificates SET valid_until = DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00')) + INTERVAL ${Number(days)} DAY WHERE cert_no = ${lit(certNo)};`);
}

const certStatus = (certNo) => sql(`SELECT status, expiry_notified_at IS NOT NULL FROM certificates WHERE cert_no = ${lit(certNo)};`)[0];

function runCertificates() {
	const r = adminTool('certificates');
	assert.equal(r.status, 0, `expertpool-admin certificates: exit ${r.status}\n${r.stdout}${r.stderr}`);
	return r.stdout;
}

test('expiry: past its end a certificate verifies as expired; `expertpool-admin certificates` marks it expired (audited)', async () => {
	const x = await approvedExpert();
	const url = x.expert.certificate.verify_url;
	setValidUntil(x.certificate.cert_no, -1);
	let c = expectJson(await verify(url), 200).certificate;
	assert.equal(c.status, 'expired', 'live: the date alone makes it expired');
	assert.equal(c.status_label, '已过期');
	assert.equal(c.valid_until, chinaDate(-1));
	assert.deepEqual(certStatus(x.certificate.cert_no), ['valid', '0']);
	const out = runCertificates();
	assert.match(out, /certificates: [1-9]\d* expired/);
	assert.deepEqual(certStatus(x.certificate.cert_no), ['expired', '0'], 'marked, and no notice for an expired one');
	c = expectJson(await verify(url), 200).certificate;
	assert.equal(c.status, 'expired');
	assert.equal((await currentCert(x.client)).status, 'expired');
	// the last day is still valid
	const y = await approvedExpert();
	setValidUntil(y.certificate.cert_no, 0);
	runCertificates();
	assert.equal(certStatus(y.certificate.cert_no)[0], 'valid');
	assert.equal(expectJson(await verify(y.expert.certificate.verify_url), 200).certificate.status, 'valid');
	// the run is in the audit log
	const audit = expectJson(await (await superAdmin()).get('/api/admin/audit?action=certificate.expire'), 200);
	assert.ok(audit.total >= 1);
	assert.ok(audit.items[0].summary.expired >= 1, JSON.stringify(audit.items[0]));
});

test('expiry notice: 30 days before, one SMS per certificate, not again on a second run; none for later ones or suspended experts', async () => {
	const due = await approvedExpert({ name: '周到期' });
	const later = await approvedExpert();
	const paused = await approvedExpert();
	setValidUntil(due.certificate.cert_no, 20);
	setValidUntil(later.certificate.cert_no, 40);
	setValidUntil(paused.certificate.cert_no, 10);
	await poolMove(manager, paused.expertId, 'suspend');
	const off = smsOffset();
	runCertificates();
	const sms = await waitSms(due.user.phone, off, { match: /到期/ });
	assert.ok(sms.text.includes(due.certificate.cert_no), sms.text);
	assert.ok(sms.text.includes(chinaDate(20)), sms.text);
	assert.ok(sms.text.includes('周到期'), sms.text);
	assert.deepEqual(certStatus(due.certificate.cert_no), ['valid', '1']);
	// the second run sends nothing more
	runCertificates();
	await sleep(1500);
	const notices = (phone) => smsSince(phone, off).filter((m) => /到期/.test(m.text));
	assert.equal(notices(due.user.phone).length, 1, 'one notice only');
	assert.deepEqual(notices(later.user.phone), [], 'not due yet');
	assert.deepEqual(notices(paused.user.phone), [], 'suspended');
	assert.deepEqual(certStatus(later.certificate.cert_no), ['valid', '0']);
	// in the outbox too: one message
	assert.equal(Number(sql(`SELECT COUNT(*) FROM sms_outbox WHERE phone = ${lit(due.user.phone)} AND body LIKE '%到期%';`)[0][0]), 1);
});
