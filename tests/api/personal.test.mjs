// An expert's personal data (个人信息保护法 §45, §47): GET /api/personal/export.json and
// export.pdf (everything held about them, nothing about anyone else), GET /api/personal/closing,
// POST /api/personal/close (password and the typed confirmation; refused while an application is
// being reviewed; a pool member leaves the pool; contact data erased; records kept; audited).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession, loginPassword, newClient, registerExpert } from '../lib/flows.mjs';
import { expertSubmitted, expertWithDraft, pdfText, uploadFile, png } from '../lib/apply.mjs';
import { approvedExpert, staffSession, superAdmin, verifyApiPath } from '../lib/staff.mjs';
import { smsOffset, waitSms } from '../lib/sms.mjs';
import { resetIpLimits, sql } from '../lib/db.mjs';

beforeEach(() => resetIpLimits());

/** The single value a query returns. */
const one = (q) => sql(q)[0]?.[0];
const exportOf = async (client) => expectJson(await client.get('/api/personal/export.json'), 200);

test('export.json: an approved expert gets their account, application with every version, pool record, certificates, files, SMS and audit trail', async () => {
	const e = await approvedExpert();
	const res = await e.client.get('/api/personal/export.json');
	assert.equal(res.status, 200, res.text);
	assert.match(res.headers.get('content-type'), /^application\/json/);
	assert.match(res.headers.get('content-disposition'), /attachment/);
	const o = JSON.parse(res.text);
	assert.equal(o.account.phone, e.user.phone);
	assert.equal(o.account.status, 'active');
	assert.ok(o.sessions.length >= 1, 'the current session is listed');
	assert.equal(o.application.status, 'approved');
	assert.equal(o.application.form.name, e.data.name);
	assert.equal(o.application.form.id_number, e.data.id_number, 'their own ID number, unsealed');
	assert.equal(o.application.versions.length, 1);
	assert.equal(o.application.versions[0].data.id_number, e.data.id_number);
	assert.ok(o.application.history.some((h) => h.to === 'approved'));
	assert.equal(o.expert.expert_no, e.expertNo);
	assert.equal(o.expert.certificates.length, 1);
	assert.equal(o.expert.certificates[0].cert_no, e.certificate.cert_no);
	assert.ok(o.files.length >= 1 && o.files.every((f) => f.id && f.kind && f.size > 0));
	assert.ok(o.sms.length >= 1, 'the SMS sent to the phone are listed');
	for (const m of o.sms) assert.doesNotMatch(m.text, /\d{6}/, `a code stays hidden: ${m.text}`);
	assert.ok(o.audit.some((a) => a.action === 'application.submit' && a.by_self));
});

test('export.json holds nothing of another expert', async () => {
	const [a, b] = await Promise.all([expertSubmitted(), expertSubmitted()]);
	const text = (await a.client.get('/api/personal/export.json')).text;
	assert.ok(text.includes(a.data.name));
	assert.ok(!text.includes(b.user.phone), 'no other phone');
	assert.ok(!text.includes(b.data.id_number), 'no other ID number');
});

test('export.pdf: a readable copy with the sections and the person\'s data', async () => {
	const e = await approvedExpert();
	const res = await e.client.get('/api/personal/export.pdf', { binary: true });
	assert.equal(res.status, 200, res.text);
	assert.equal(res.headers.get('content-type'), 'application/pdf');
	const text = pdfText(res.bytes).replace(/\s+/g, '');
	for (const words of ['个人信息副本', '一、账号', '三、入库申请', '四、专家库记录', '五、上传的文件', '七、与您有关的操作记录',
		e.data.name, e.expertNo, e.certificate.cert_no, '注销账号后保留的信息'])
		assert.ok(text.includes(words.replace(/\s+/g, '')), `the PDF shows ${words}`);
});

test('a fresh account with nothing but its registration exports too', async () => {
	const { client, user } = await expertSession();
	const o = await exportOf(client);
	assert.equal(o.account.phone, user.phone);
	assert.equal(o.application, null);
	assert.equal(o.expert, null);
	assert.deepEqual(o.files, []);
	const pdf = await client.get('/api/personal/export.pdf', { binary: true });
	assert.equal(pdf.status, 200);
});

test('closing: the page\'s facts; refused while the application is being reviewed, and nothing changes', async () => {
	const s = await expertSubmitted();
	const info = expectJson(await s.client.get('/api/personal/closing'), 200);
	assert.equal(info.can_close, false);
	assert.match(info.reason, /审核/);
	assert.ok(info.kept.length > 0 && info.erased.length > 0);
	assert.equal(info.confirm, '注销账号');
	expectError(await s.client.post('/api/personal/close', { password: s.user.password, confirm: '注销账号' }), 409, 'conflict');
	const o = await exportOf(s.client);
	assert.equal(o.account.phone, s.user.phone);
	assert.equal(o.application.status, 'submitted');
});

test('closing: a wrong password or confirmation is 422 and changes nothing; five wrong passwords lock it', async () => {
	const { client, user } = await expertSession();
	expectError(await client.post('/api/personal/close', { password: user.password, confirm: '注销' }), 422, 'invalid', ['confirm']);
	expectError(await client.post('/api/personal/close', { password: '', confirm: '注销账号' }), 422, 'invalid', ['password']);
	for (let i = 0; i < 5; i++)
		expectError(await client.post('/api/personal/close', { password: 'Wrong' + user.password, confirm: '注销账号' }), 422, 'invalid', ['password']);
	const locked = await client.post('/api/personal/close', { password: user.password, confirm: '注销账号' });
	expectError(locked, 429, 'rate_limited');
	assert.equal((await exportOf(client)).account.status, 'active');
});

test('closing a pool member: leaves the pool, certificate shows it, contact erased, login gone, records kept, audited, notice sent', async () => {
	const manager = (await staffSession(['manager'])).client;
	const e = await approvedExpert();
	const off = smsOffset();
	const res = await e.client.post('/api/personal/close', { password: e.user.password, confirm: '注销账号' });
	assert.equal(expectJson(res, 200).closed, true);
	assert.match(res.headers.get('set-cookie') || '', /ep_session=;/, 'the session cookie is cleared');
	// the session and the password are gone
	expectError(await e.client.get('/api/account/me'), 401, 'unauthorized');
	expectError(await loginPassword(await newClient(), e.user.phone, e.user.password), 401, 'login_failed');
	// the pool keeps the record, out of the pool; the certificate verifies as removed
	const rec = expectJson(await manager.get(`/api/pool/experts/${e.expertId}`), 200).expert;
	assert.equal(rec.status, 'removed');
	assert.equal(rec.expert_no, e.expertNo);
	assert.ok(!rec.email, 'the email is erased');
	const v = expectJson(await newClient().then((c) => c.get(verifyApiPath(e.certificate.verify_url))), 200);
	assert.equal(v.certificate.status, 'removed');
	// the phone and username are free; the submitted version stays
	assert.equal(one(`SELECT COUNT(*) FROM users WHERE phone = '${e.user.phone}'`), '0');
	assert.equal(one(`SELECT COUNT(*) FROM application_versions WHERE application_id = ${e.appId}`), '1');
	// audited, and the owner of the number is told
	const audit = expectJson(await (await superAdmin()).get('/api/admin/audit?action=account.close'), 200);
	assert.ok(audit.items.some((a) => a.action === 'account.close' && a.summary?.expert_no === e.expertNo), JSON.stringify(audit.items.slice(0, 3)));
	await waitSms(e.user.phone, off, { match: /已按您的申请注销/ });
	// the number can register anew, as a new account
	await registerExpert({ phone: e.user.phone });
});

test('closing an account that never submitted erases its draft and its uploads', async () => {
	const s = await expertWithDraft();
	const photo = await uploadFile(s.client, 'photo', png());
	const userId = one(`SELECT id FROM users WHERE phone = '${s.user.phone}'`);
	assert.ok(Number(one(`SELECT COUNT(*) FROM files WHERE owner_id = ${userId}`)) >= 1);
	expectJson(await s.client.post('/api/personal/close', { password: s.user.password, confirm: '注销账号' }), 200);
	assert.equal(one(`SELECT COUNT(*) FROM applications WHERE user_id = ${userId}`), '0');
	assert.equal(one(`SELECT COUNT(*) FROM files WHERE owner_id = ${userId}`), '0');
	assert.equal(one(`SELECT status FROM users WHERE id = ${userId}`), 'closed');
	const admin = await superAdmin();
	expectError(await admin.get(`/api/files/${photo.id}`), 404, 'not_found');
});

test('staff accounts cannot close themselves here', async () => {
	const { client } = await staffSession(['reviewer']);
	expectError(await client.post('/api/personal/close', { password: 'x', confirm: '注销账号' }), 403, 'forbidden');
});
