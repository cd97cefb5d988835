// Change requests (异动申请) and the personal centre: each kind proposed with the form's rules,
// one pending per kind, approval by a manager writing the profile (and the pool's columns and
// specialty index) in one transaction with history, rejection with a reason, cancellation by
// the owner only; the e-mail and address an expert edits directly; the personal information PDF.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectNoSms, smsOffset, smsSince, waitSms } from '../lib/sms.mjs';
import { cgi, configWith } from '../lib/cgi.mjs';
import { applyOptions, creditCode, expertSubmitted, pdf, pdfText, png, proofFile, uploadFile } from '../lib/apply.mjs';
import { anyId, approvedExpert, staffSession, superAdmin, threeLeaves, verifyApiPath } from '../lib/staff.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => resetIpLimits());

let mgr, leaves;

before(async () => {
	resetIpLimits();
	mgr = (await staffSession(['manager'], { name: '异动审核员' })).client;
	const { client } = await expertSubmitted({ id: anyId() });
	leaves = threeLeaves(await applyOptions(client));
});

/** A fresh expert in the pool with leaf a, 副高级, 本级, remote. */
const expert = (opts = {}) => approvedExpert({ leaves: [leaves.a.leaf], ...opts });

const propose = (x, kind, data, note, files) =>
	x.client.post('/api/expert/changes', { kind, data, ...(note === undefined ? {} : { note }), ...(files === undefined ? {} : { files }) });

async function proposeOk(x, kind, data, note, files) {
	const c = expectJson(await propose(x, kind, data, note, files), 201).change;
	assert.equal(c.kind, kind);
	assert.equal(c.status, 'pending');
	assert.equal(c.version, 1);
	assert.ok(Number.isInteger(c.id));
	return c;
}

const poolExpert = async (x) => expectJson(await mgr.get(`/api/pool/experts/${x.expertId}`), 200).expert;
const mine = async (x) => expectJson(await x.client.get('/api/expert'), 200).expert;
const poolIds = async (query) => expectJson(await mgr.get(`/api/pool/experts?${new URLSearchParams({ size: 50, ...query })}`), 200).items.map((i) => i.id);

/** A title entry with a scan uploaded by `x`. */
async function title(x, level = '正高级') {
	const scan = (await uploadFile(x.client, 'scan', pdf('new title'), { name: '新职称.pdf' })).id;
	return { name: '正高级工程师', level, specialty: '岩土工程', authority: '某省人力资源和社会保障厅', date: '2022-12-01', scan };
}

test('each kind with valid data → 201 pending; a second pending request of a kind → 409; the lists show them', async () => {
	const x = await expert();
	const employer = await proposeOk(x, 'employer', { employment: '在职', employer: '某新单位有限公司', employer_code: creditCode(), position: '总工程师' }, '工作调动', [await proofFile(x.client)]);
	const specialties = await proposeOk(x, 'specialties', { specialties: [leaves.b.leaf, leaves.c.leaf] });
	const avoidance = await proposeOk(x, 'avoidance', { avoidance_none: false, avoidance: [{ unit: '某回避单位', code: creditCode(), reason: '曾任职' }] });
	const titles = await proposeOk(x, 'titles', { titles: [await title(x)] });
	const region = await proposeOk(x, 'region', { region: '本级', remote: false });
	expectError(await propose(x, 'employer', { employment: '退休', position: '顾问' }, undefined, [await proofFile(x.client)]), 409, 'conflict');
	expectError(await propose(x, 'region', { region: '本级', remote: true }), 409, 'conflict');
	// the expert's list
	const list = expectJson(await x.client.get('/api/expert/changes'), 200).changes;
	assert.deepEqual(list.map((c) => c.id), [region, titles, avoidance, specialties, employer].map((c) => c.id), 'newest first');
	const e = list.find((c) => c.id === employer.id);
	assert.equal(e.kind_label, '工作单位');
	assert.equal(e.status_label, '待审核');
	assert.equal(e.note, '工作调动');
	assert.equal(e.decided_at, '');
	assert.match(e.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	// the managers' list, with filters
	const q = x.expertNo;
	let items = expectJson(await mgr.get(`/api/pool/changes?q=${q}`), 200);
	assert.equal(items.total, 5);
	assert.deepEqual(new Set(items.items.map((i) => i.kind)), new Set(['employer', 'specialties', 'avoidance', 'titles', 'region']));
	for (const i of items.items) {
		assert.equal(i.expert_id, x.expertId);
		assert.equal(i.expert_no, x.expertNo);
		assert.equal(i.name, x.data.name);
		assert.equal(i.status, 'pending');
	}
	items = expectJson(await mgr.get(`/api/pool/changes?q=${q}&kind=titles`), 200);
	assert.deepEqual(items.items.map((i) => i.id), [titles.id]);
	assert.equal(items.items[0].kind_label, '专业技术职称');
	assert.equal(expectJson(await mgr.get(`/api/pool/changes?q=${q}&status=approved`), 200).total, 0);
	assert.equal(expectJson(await mgr.get(`/api/pool/changes?q=${q}&status=all`), 200).total, 5);
	for (const [k, v] of [['status', 'done'], ['kind', 'name'], ['size', '15']]) {
		expectError(await mgr.get(`/api/pool/changes?${k}=${v}`), 422, 'invalid', [k]);
	}
	// one request side by side: current and proposed
	const c = expectJson(await mgr.get(`/api/pool/changes/${specialties.id}`), 200).change;
	assert.equal(c.kind, 'specialties');
	assert.equal(c.status, 'pending');
	assert.deepEqual(c.current.specialties, [leaves.a.leaf]);
	assert.deepEqual(c.proposed.specialties, [leaves.b.leaf, leaves.c.leaf]);
	assert.deepEqual(c.current.specialty_paths.map((p) => p.path), [leaves.a.path]);
	assert.deepEqual(c.proposed.specialty_paths.map((p) => p.path), [leaves.b.path, leaves.c.path]);
	const emp = expectJson(await mgr.get(`/api/pool/changes/${employer.id}`), 200).change;
	assert.equal(emp.current.employer, x.data.employer);
	assert.equal(emp.proposed.employer, '某新单位有限公司');
	assert.equal(emp.note, '工作调动');
	expectError(await mgr.get('/api/pool/changes/999999999'), 404, 'not_found');
});

test('the expert\'s list comes a page at a time: total, page, size; newest first; bad page or size → 422', async () => {
	const x = await expert();
	const ids = [];
	for (let i = 0; i < 12; i++) {
		const c = await proposeOk(x, 'region', { region: '本级', remote: i % 2 === 0 });
		ids.unshift(c.id);
		expectJson(await x.client.post(`/api/expert/changes/${c.id}/cancel`, { version: c.version }), 200);
	}
	const first = expectJson(await x.client.get('/api/expert/changes'), 200);
	assert.equal(first.total, 12);
	assert.equal(first.page, 1);
	assert.equal(first.size, 10);
	assert.deepEqual(first.changes.map((c) => c.id), ids.slice(0, 10), 'the default page: the 10 newest');
	const second = expectJson(await x.client.get('/api/expert/changes?page=2&size=10'), 200);
	assert.deepEqual(second.changes.map((c) => c.id), ids.slice(10), 'page 2: the 2 oldest');
	assert.equal(second.total, 12);
	const all = expectJson(await x.client.get('/api/expert/changes?size=20'), 200);
	assert.deepEqual(all.changes.map((c) => c.id), ids);
	assert.deepEqual(expectJson(await x.client.get('/api/expert/changes?page=3'), 200).changes, [], 'past the end: empty');
	expectError(await x.client.get('/api/expert/changes?size=15'), 422, 'invalid', ['size']);
	expectError(await x.client.get('/api/expert/changes?page=0'), 422, 'invalid', ['page']);
	// another expert's requests never show
	const y = await expert();
	const other = expectJson(await y.client.get('/api/expert/changes'), 200);
	assert.equal(other.total, 0);
	assert.deepEqual(other.changes, []);
});

test('two requests of one kind at once: one 201, one 409', async () => {
	const x = await expert();
	const pair = await Promise.all([
		propose(x, 'region', { region: '本级', remote: false }),
		propose(x, 'region', { region: '本级', remote: true }),
	]);
	assert.deepEqual(pair.map((r) => r.status).sort(), [201, 409], pair.map((r) => r.text).join(' | '));
	expectError(pair.find((r) => r.status === 409), 409, 'conflict');
	assert.equal(expectJson(await x.client.get('/api/expert/changes'), 200).changes.length, 1);
});

test('invalid data → 422 by path (check characters, empty lists, missing fields, unknown region, files not one\'s own), nothing stored', async () => {
	const x = await expert();
	const other = await expert();
	// a good code with another check character (its own is its 18th)
	const good = creditCode();
	const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
	const cases = [
		['employer', { employment: '在职', employer: '新单位', employer_code: creditCode().slice(0, 17) + 'I', position: '总工' }, ['employer_code']],
		['employer', { employment: '在职', position: '总工' }, ['employer']],
		['employer', {}, ['employment', 'position']],
		['specialties', { specialties: [] }, ['specialties']],
		['specialties', { specialties: [leaves.a.domain] }, ['specialties']],
		['specialties', { specialties: [999999999] }, ['specialties']],
		['specialties', { specialties: 'x' }, ['specialties']],
		['titles', { titles: [] }, ['titles']],
		['titles', { titles: [{ name: '高级工程师' }] }, ['titles.0.level', 'titles.0.specialty', 'titles.0.authority', 'titles.0.date', 'titles.0.scan']],
		['titles', { titles: [{ ...(await title(x)), level: '特级' }] }, ['titles.0.level']],
		['titles', { titles: [await title(other)] }, ['titles.0.scan']],
		['titles', { titles: [{ ...(await title(x)), scan: x.data.photo }] }, ['titles.0.scan']],
		['titles', { titles: [{ ...(await title(x)), scan: 999999999 }] }, ['titles.0.scan']],
		['titles', { titles: [{ ...(await title(x)), date: '2999-01-01' }] }, ['titles.0.date']],
		['region', { region: '火星', remote: true }, ['region']],
		['region', { region: '本级' }, ['remote']],
		['avoidance', { avoidance_none: false, avoidance: [] }, ['avoidance']],
		['avoidance', { avoidance_none: false, avoidance: [{ unit: '某单位', code: '123', reason: '亲属' }] }, ['avoidance.0.code']],
	];
	cases.push(['employer', { employment: '在职', employer: '新单位', employer_code: wrong, position: '总工' }, ['employer_code']]);
	const proof = await proofFile(x.client);
	for (const [kind, data, fields] of cases) {
		const err = expectError(await propose(x, kind, data, undefined, kind === 'employer' ? [proof] : undefined), 422, 'invalid', fields);
		for (const f of Object.keys(err.fields)) {
			assert.ok(fields.includes(f) || fields.some((p) => f.startsWith(p + '.')), `${kind}: unexpected field ${f} in ${JSON.stringify(err.fields)}`);
		}
	}
	expectError(await propose(x, 'name', { name: '改名' }), 422, 'invalid', ['kind']);
	expectError(await propose(x, 'region', '本级'), 422, 'invalid', ['data']);
	expectError(await x.client.post('/api/expert/changes', { data: { region: '本级', remote: true } }), 422, 'invalid', ['kind']);
	expectError(await propose(x, 'region', { region: '本级', remote: true }, '长'.repeat(501)), 422, 'invalid', ['note']);
	assert.deepEqual(expectJson(await x.client.get('/api/expert/changes'), 200).changes, []);
	// not in the pool yet
	const s = await expertSubmitted({ id: anyId() });
	expectError(await propose(s, 'region', { region: '本级', remote: true }), 404, 'not_found');
	expectError(await s.client.get('/api/expert/changes'), 404, 'not_found');
});

test('approve: the profile, the pool columns and the specialty index change in one go, with history and audit', async () => {
	const x = await expert({ name: '吴异动' });
	const code = creditCode();
	const c1 = await proposeOk(x, 'employer', { employment: '在职', employer: `异动后单位${x.expertNo}`, employer_code: code, position: '院长' }, undefined, [await proofFile(x.client)]);
	const c2 = await proposeOk(x, 'specialties', { specialties: [leaves.b.leaf] });
	const c3 = await proposeOk(x, 'titles', { titles: [await title(x, '正高级')] });
	const c4 = await proposeOk(x, 'region', { region: '本级', remote: false, name: '不许改名' });
	assert.deepEqual(await poolIds({ node: leaves.a.leaf, q: x.expertNo }), [x.expertId], 'before: under leaf a');
	assert.deepEqual(await poolIds({ node: leaves.b.leaf, q: x.expertNo }), []);
	// stale version → 409, nothing changes
	expectError(await mgr.post(`/api/pool/changes/${c1.id}/approve`, { version: 2 }), 409, 'conflict');
	assert.equal((await mine(x)).employer, x.data.employer);
	let versionBefore = (await poolExpert(x)).version;
	for (const c of [c1, c2, c3, c4]) {
		assert.deepEqual(expectJson(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: 1 }), 200), { status: 'approved', version: 2 });
	}
	const me = await mine(x);
	assert.equal(me.employer, `异动后单位${x.expertNo}`);
	assert.equal(me.profile.employer_code, code);
	assert.equal(me.profile.position, '院长');
	assert.deepEqual(me.specialties.map((s) => s.id), [leaves.b.leaf]);
	assert.equal(me.profile.titles[0].level, '正高级');
	assert.equal(me.profile.remote, false);
	assert.equal(me.name, '吴异动', 'fields outside the kind are not taken');
	assert.equal(me.profile.name, '吴异动');
	const e = await poolExpert(x);
	assert.equal(e.version, versionBefore + 4);
	assert.equal(e.employer, `异动后单位${x.expertNo}`);
	assert.equal(e.title_level, '正高级');
	assert.equal(e.remote, false);
	assert.deepEqual(e.specialties.map((s) => s.path), [leaves.b.path]);
	// the pool's filters follow: the new specialty, not the old
	assert.deepEqual(await poolIds({ node: leaves.b.leaf, q: x.expertNo }), [x.expertId]);
	assert.deepEqual(await poolIds({ node: leaves.b.domain, q: x.expertNo }), [x.expertId]);
	assert.deepEqual(await poolIds({ node: leaves.a.leaf, q: x.expertNo }), []);
	assert.deepEqual(await poolIds({ node: leaves.a.domain, q: x.expertNo }), []);
	assert.deepEqual(await poolIds({ employer: `异动后单位${x.expertNo}` }), [x.expertId]);
	assert.deepEqual(await poolIds({ title: '正高级', q: x.expertNo }), [x.expertId]);
	assert.deepEqual(await poolIds({ remote: 0, q: x.expertNo }), [x.expertId]);
	// the certificate's verification shows the new specialty
	const v = expectJson(await x.client.get(verifyApiPath(me.certificate.verify_url)), 200).certificate;
	assert.deepEqual(v.specialties, [leaves.b.path]);
	// history: one event per approval with before and after
	const changes = e.events.filter((ev) => ev.action === 'change');
	assert.equal(changes.length, 4);
	assert.equal(changes[0].actor_name, '异动审核员');
	assert.deepEqual(changes[0].summary.before, { employment: x.data.employment, employer: x.data.employer, employer_code: x.data.employer_code, position: x.data.position, work: x.data.work });
	assert.deepEqual(changes[0].summary.after, { employment: '在职', employer: `异动后单位${x.expertNo}`, employer_code: code, position: '院长', work: me.profile.work });
	assert.equal(changes[0].summary.change_id, c1.id);
	assert.deepEqual(changes[1].summary.before, { specialties: [leaves.a.leaf] });
	assert.deepEqual(changes[1].summary.after, { specialties: [leaves.b.leaf] });
	assert.deepEqual(changes[3].summary.after, { region: '本级', remote: false });
	assert.deepEqual(e.changes.map((c) => c.status), ['approved', 'approved', 'approved', 'approved']);
	// the request records who decided
	const d = expectJson(await mgr.get(`/api/pool/changes/${c1.id}`), 200).change;
	assert.equal(d.status, 'approved');
	assert.equal(d.status_label, '已通过');
	assert.equal(d.decided_by_name, '异动审核员');
	assert.match(d.decided_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	// audited
	const audit = expectJson(await (await superAdmin()).get(`/api/admin/audit?object_type=change_request&object_id=${c1.id}`), 200);
	assert.deepEqual(audit.items.map((i) => i.action), ['change.approve', 'change.create']);
	assert.equal(audit.items[0].summary.after.employer, `异动后单位${x.expertNo}`);
	assert.equal(audit.items[0].summary.before.employer, x.data.employer);
	// decided: approve, reject and cancel → 409
	expectError(await mgr.post(`/api/pool/changes/${c1.id}/approve`, { version: 2 }), 409, 'conflict');
	expectError(await mgr.post(`/api/pool/changes/${c1.id}/reject`, { version: 2, reason: '晚了' }), 409, 'conflict');
	expectError(await x.client.post(`/api/expert/changes/${c1.id}/cancel`, { version: 2 }), 409, 'conflict');
	// a new request of a decided kind is allowed again
	await proposeOk(x, 'employer', { employment: '退休', position: '顾问' }, undefined, [await proofFile(x.client, '退休证明.pdf')]);
});

test('a region from a wider configured list: refused where it is not configured, approved where it is', async () => {
	const conf = configWith({ apply: { regions: '本级,高新区' } });
	const x = await expert();
	expectError(await propose(x, 'region', { region: '高新区', remote: true }), 422, 'invalid', ['region']);
	const res = cgi('expert', conf, 'POST', '/changes', { client: x.client, data: { kind: 'region', data: { region: '高新区', remote: true } } });
	assert.equal(res.status, 201, res.text + res.stderr);
	expectJson(await mgr.post(`/api/pool/changes/${res.body.change.id}/approve`, { version: 1 }), 200);
	assert.equal((await mine(x)).region, '高新区');
	assert.deepEqual(await poolIds({ region: '高新区', q: x.expertNo }), [x.expertId]);
	assert.deepEqual(await poolIds({ region: '本级', q: x.expertNo }), []);
});

test('reject: a reason is required (422); the expert sees it; the profile stays', async () => {
	const x = await expert();
	const c = await proposeOk(x, 'specialties', { specialties: [leaves.b.leaf] });
	expectError(await mgr.post(`/api/pool/changes/${c.id}/reject`, { version: 1 }), 422, 'invalid', ['reason']);
	expectError(await mgr.post(`/api/pool/changes/${c.id}/reject`, { version: 1, reason: '' }), 422, 'invalid', ['reason']);
	expectError(await mgr.post(`/api/pool/changes/${c.id}/reject`, { version: 2, reason: '过期' }), 409, 'conflict');
	assert.deepEqual(expectJson(await mgr.post(`/api/pool/changes/${c.id}/reject`, { version: 1, reason: '缺少相关证明材料' }), 200), { status: 'rejected', version: 2 });
	const list = expectJson(await x.client.get('/api/expert/changes'), 200).changes;
	assert.equal(list[0].status, 'rejected');
	assert.equal(list[0].status_label, '未通过');
	assert.equal(list[0].reason, '缺少相关证明材料');
	assert.match(list[0].decided_at, /^\d{4}-\d\d-\d\d/);
	assert.deepEqual((await mine(x)).specialties.map((s) => s.id), [leaves.a.leaf]);
	assert.deepEqual(await poolIds({ node: leaves.b.leaf, q: x.expertNo }), []);
	const e = await poolExpert(x);
	assert.equal(e.events.filter((ev) => ev.action === 'change').length, 0);
	expectError(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: 2 }), 409, 'conflict');
});

test('cancel: by the owner (then 409 again, and no decision possible); someone else\'s → 404; unknown → 404', async () => {
	const x = await expert();
	const y = await expert();
	const c = await proposeOk(x, 'region', { region: '本级', remote: false });
	expectError(await y.client.post(`/api/expert/changes/${c.id}/cancel`, { version: 1 }), 404, 'not_found');
	expectError(await x.client.post(`/api/expert/changes/${c.id}/cancel`, { version: 2 }), 409, 'conflict');
	expectError(await x.client.post('/api/expert/changes/999999999/cancel', { version: 1 }), 404, 'not_found');
	expectError(await x.client.post('/api/expert/changes/abc/cancel', { version: 1 }), 404, 'not_found');
	assert.equal(expectJson(await mgr.get(`/api/pool/changes/${c.id}`), 200).change.status, 'pending', 'nothing changed so far');
	assert.deepEqual(expectJson(await x.client.post(`/api/expert/changes/${c.id}/cancel`, { version: 1 }), 200), { status: 'cancelled', version: 2 });
	expectError(await x.client.post(`/api/expert/changes/${c.id}/cancel`, { version: 2 }), 409, 'conflict');
	expectError(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: 2 }), 409, 'conflict');
	const d = expectJson(await mgr.get(`/api/pool/changes/${c.id}`), 200).change;
	assert.equal(d.status, 'cancelled');
	assert.equal(d.status_label, '已撤销');
	assert.equal((await mine(x)).profile.remote, true);
	// y's own list never showed it
	assert.deepEqual(expectJson(await y.client.get('/api/expert/changes'), 200).changes, []);
	// after cancelling, the kind can be requested again
	await proposeOk(x, 'region', { region: '本级', remote: false });
});

test('a decided request is told to the expert by SMS: exactly one message per decision, a rejection with its reason', async () => {
	const x = await expert({ name: '异动短信' });
	const phone = x.user.phone;
	await waitSms(phone, 0, { match: /审核通过/ });       // the approval's own message is out first
	const approved = await proposeOk(x, 'region', { region: '本级', remote: false });
	const rejected = await proposeOk(x, 'specialties', { specialties: [leaves.b.leaf] });
	let off = smsOffset();
	expectJson(await mgr.post(`/api/pool/changes/${approved.id}/approve`, { version: 1 }), 200);
	let m = await waitSms(phone, off, { match: /评标地区/ });
	assert.match(m.text, /异动申请已审核通过/);
	assert.ok(m.text.includes('异动短信'), m.text);
	await sleep(1200);
	assert.equal(smsSince(phone, off).length, 1, JSON.stringify(smsSince(phone, off)));
	off = smsOffset();
	const reason = `缺少证明材料${Date.now()}`;
	expectJson(await mgr.post(`/api/pool/changes/${rejected.id}/reject`, { version: 1, reason }), 200);
	m = await waitSms(phone, off, { match: (t) => t.includes(reason) });
	assert.match(m.text, /“擅长专业”异动申请未通过审核/);
	await sleep(1200);
	assert.equal(smsSince(phone, off).length, 1, JSON.stringify(smsSince(phone, off)));
	// a refused decision (already decided) sends nothing
	off = smsOffset();
	expectError(await mgr.post(`/api/pool/changes/${rejected.id}/approve`, { version: 2 }), 409, 'conflict');
	expectError(await mgr.post(`/api/pool/changes/${approved.id}/reject`, { version: 2, reason: '不应发送' }), 409, 'conflict');
	await expectNoSms(phone, off);
});

// ---- attachments ------------------------------------------------------------------------------------

/** This month in China, as the work history writes it. */
const thisMonth = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);

test('attachments: an employer change needs a proof (422 files); not an array, too many, repeated, another\'s, a photo, unknown → 422 by path; nothing stored', async () => {
	const x = await expert();
	const other = await expert();
	const data = { employment: '在职', employer: '某证明单位', position: '主任' };
	const uploads = async (n) => { const ids = []; for (let i = 0; i < n; i++) ids.push(await proofFile(x.client, `证明${i}.pdf`)); return ids; };
	const [a, b, c, d, e, f] = await uploads(6);
	const theirs = await proofFile(other.client);
	const cases = [
		[undefined, ['files']],
		[[], ['files']],
		['12', ['files']],
		[{ 0: a }, ['files']],
		[[a, b, c, d, e, f], ['files']],
		[[a, a], ['files.1']],
		[[a, theirs], ['files.1']],
		[[x.data.photo], ['files.0']],
		[[999999999], ['files.0']],
		[['1'], ['files.0']],
		[[1.5], ['files.0']],
		[[-3, a], ['files.0']],
		[[null], ['files.0']],
	];
	for (const [files, fields] of cases) {
		const err = expectError(await propose(x, 'employer', data, undefined, files), 422, 'invalid', fields);
		assert.deepEqual(Object.keys(err.fields).sort(), [...fields].sort(), JSON.stringify(files));
	}
	assert.match(expectError(await propose(x, 'employer', data), 422, 'invalid', ['files']).fields.files, /证明材料/);
	assert.match(expectError(await propose(x, 'employer', data, undefined, [a, b, c, d, e, f]), 422, 'invalid', ['files']).fields.files, /最多上传 5 个附件/);
	assert.deepEqual(expectJson(await x.client.get('/api/expert/changes'), 200).changes, [], 'nothing stored');
	// a bad field and a bad attachment: both reported at once
	const both = expectError(await propose(x, 'employer', { employment: '在职', position: '主任' }, undefined, [theirs]), 422, 'invalid', ['employer', 'files.0']);
	assert.ok(both.fields.employer && both.fields['files.0']);
	// five of one's own: accepted
	expectJson(await propose(x, 'employer', data, undefined, [a, b, c, d, e]), 201);
});

test('attachments: kept in order with the request; the expert\'s list and the manager\'s case show them; the manager opens them with a sandbox; optional for other kinds', async () => {
	const x = await expert();
	const other = await expert();
	const letter = await uploadFile(x.client, 'pdf', pdf('letter'), { name: '调动证明.pdf' });
	const picture = await uploadFile(x.client, 'scan', png(40, 30), { name: '劳动合同.png' });
	const c = expectJson(await propose(x, 'employer', { employment: '在职', employer: '某附件单位', position: '主任' }, '调动', [picture.id, letter.id]), 201).change;
	assert.deepEqual(c.files.map((f) => [f.id, f.name, f.kind]), [[picture.id, '劳动合同.png', 'scan'], [letter.id, '调动证明.pdf', 'pdf']]);
	// optional for a region change: none, or one
	const r = await proposeOk(x, 'region', { region: '本级', remote: false });
	assert.deepEqual(r.files, []);
	const s = await proposeOk(x, 'specialties', { specialties: [leaves.b.leaf] }, undefined, [await proofFile(x.client, '业绩证明.pdf')]);
	assert.equal(s.files.length, 1);
	// the expert's list: each request with its own files
	const list = expectJson(await x.client.get('/api/expert/changes'), 200).changes;
	assert.deepEqual(list.map((i) => i.files.length), [1, 0, 2]);
	assert.deepEqual(list[2].files.map((f) => f.name), ['劳动合同.png', '调动证明.pdf']);
	assert.equal(list[2].files[1].content_type, 'application/pdf');
	assert.equal(list[2].files[1].size, letter.size);
	// the manager's case, and the file itself with the download headers
	const m = expectJson(await mgr.get(`/api/pool/changes/${c.id}`), 200).change;
	assert.deepEqual(m.files.map((f) => f.id), [picture.id, letter.id]);
	assert.match(m.files_hint, /证明材料/);
	for (const f of m.files) {
		const res = await mgr.get(`/api/files/${f.id}?inline=1`, { binary: true });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type').split(';')[0], f.content_type);
		assert.equal(res.bytes.length, f.size);
		assert.match(res.headers.get('content-security-policy') || '', /(^|;)\s*sandbox\b/);
		assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
	}
	// another expert neither sees nor opens them
	expectError(await other.client.get(`/api/files/${letter.id}`), 404, 'not_found');
	assert.deepEqual(expectJson(await other.client.get('/api/expert/changes'), 200).changes, []);
	// the audit of the request names its files
	const audit = expectJson(await (await superAdmin()).get(`/api/admin/audit?object_type=change_request&object_id=${c.id}`), 200);
	assert.deepEqual(audit.items[0].summary.files, [picture.id, letter.id]);
	// decided (approved, rejected) or cancelled: the files stay with the request
	expectJson(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: 1 }), 200);
	expectJson(await mgr.post(`/api/pool/changes/${s.id}/reject`, { version: 1, reason: '材料不清' }), 200);
	expectJson(await x.client.post(`/api/expert/changes/${r.id}/cancel`, { version: 1 }), 200);
	assert.deepEqual(expectJson(await mgr.get(`/api/pool/changes/${c.id}`), 200).change.files.map((f) => f.id), [picture.id, letter.id]);
	assert.equal(expectJson(await mgr.get(`/api/pool/changes/${s.id}`), 200).change.files.length, 1);
	const after = expectJson(await x.client.get('/api/expert/changes'), 200).changes;
	assert.deepEqual(after.map((i) => [i.status, i.files.length]), [['rejected', 1], ['cancelled', 0], ['approved', 2]]);
	// the same file may back a later request of the same expert
	expectJson(await propose(x, 'employer', { employment: '在职', employer: '再换单位', position: '主任' }, undefined, [letter.id]), 201);
});

test('an approved employer change: the work history follows (the open entry at the old employer closed this month, the new one opened); the pool\'s columns, filters, the record and the PDF all show the new employer', async () => {
	const x = await expert({ name: '钱履历' });
	const month = thisMonth();
	const [old, next] = [x.data.employer, `履历新单位${x.expertNo}`];
	assert.deepEqual(x.data.work.map((w) => [w.employer, w.to]), [['某省建筑设计院', '2008-12'], [old, '']], 'the fixture: one open entry, at the employer');
	const c = await proposeOk(x, 'employer', { employment: '在职', employer: next, position: '副院长' }, '调动', [await proofFile(x.client)]);
	expectJson(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: 1 }), 200);
	const me = await mine(x);
	assert.deepEqual(me.profile.work, [
		x.data.work[0],
		{ ...x.data.work[1], to: month },
		{ employer: next, position: '副院长', from: month, to: '' },
	]);
	const e = await poolExpert(x);
	assert.equal(e.employer, next);
	assert.deepEqual(e.profile.work, me.profile.work);
	assert.deepEqual(await poolIds({ employer: next }), [x.expertId]);
	assert.deepEqual(await poolIds({ employer: old, q: x.expertNo }), []);
	assert.deepEqual(await poolIds({ employer: next, node: leaves.a.leaf }), [x.expertId], 'the node index\'s copy too');
	const text = pdfText((await x.client.get('/api/expert/info.pdf', { binary: true })).bytes);
	assert.ok(text.includes(next) && text.includes('副院长'), text);
	const ev = e.events.filter((v) => v.action === 'change').at(-1);
	assert.deepEqual(ev.summary.before.work, x.data.work);
	assert.deepEqual(ev.summary.after.work, me.profile.work);
	// the profile still passes the form's rules: another request of any kind is accepted
	await proposeOk(x, 'region', { region: '本级', remote: false });
	// the same employer, written another way, with a new position: the history stays
	const same = await proposeOk(x, 'employer', { employment: '在职', employer: ` ${next} `, position: '院长' }, undefined, [await proofFile(x.client)]);
	expectJson(await mgr.post(`/api/pool/changes/${same.id}/approve`, { version: 1 }), 200);
	assert.deepEqual((await mine(x)).profile.work, me.profile.work);
	// retired: the open entry closes, nothing opens
	const retired = await proposeOk(x, 'employer', { employment: '退休', position: '顾问' }, undefined, [await proofFile(x.client, '退休证明.pdf')]);
	expectJson(await mgr.post(`/api/pool/changes/${retired.id}/approve`, { version: 1 }), 200);
	const now = await mine(x);
	assert.equal(now.employer, '');
	assert.deepEqual(now.profile.work.map((w) => w.to), ['2008-12', month, month]);
	assert.deepEqual(await poolIds({ employer: next }), []);
});

// ---- what the expert edits directly ---------------------------------------------------------------

test('profile: e-mail and address change at once (version +1, event, audit); invalid e-mail or too long → 422; stale → 409', async () => {
	const x = await expert();
	const v = (await mine(x)).version;
	expectError(await x.client.post('/api/expert/profile', { version: v, email: 'not-an-email', address: '某地' }), 422, 'invalid', ['email']);
	expectError(await x.client.post('/api/expert/profile', { version: v, email: 'a@b.cn', address: '长'.repeat(101) }), 422, 'invalid', ['address']);
	expectError(await x.client.post('/api/expert/profile', { email: 'a@b.cn' }), 422, 'invalid', ['version']);
	expectError(await x.client.post('/api/expert/profile', { version: v + 1, email: 'new@example.cn', address: '新地址' }), 409, 'conflict');
	assert.equal((await mine(x)).email, x.data.email, 'nothing changed');
	const res = expectJson(await x.client.post('/api/expert/profile', { version: v, email: 'new.mail@example.cn', address: '某市新区某路1号' }), 200);
	assert.deepEqual(res, { version: v + 1 });
	const me = await mine(x);
	assert.equal(me.email, 'new.mail@example.cn');
	assert.equal(me.address, '某市新区某路1号');
	assert.equal(me.profile.email, 'new.mail@example.cn');
	assert.equal(me.profile.residence, '某市新区某路1号');
	assert.equal(me.version, v + 1);
	const e = await poolExpert(x);
	assert.equal(e.email, 'new.mail@example.cn');
	assert.equal(e.address, '某市新区某路1号');
	const ev = e.events.find((x2) => x2.action === 'contact');
	assert.ok(ev, JSON.stringify(e.events));
	assert.equal(ev.summary.email_before, x.data.email);
	assert.equal(ev.summary.email, 'new.mail@example.cn');
	const audit = expectJson(await (await superAdmin()).get(`/api/admin/audit?object_type=expert&object_id=${x.expertId}&action=expert.contact`), 200);
	assert.equal(audit.total, 1);
	assert.equal(audit.items[0].summary.address, '某市新区某路1号');
	// the old version is stale now
	expectError(await x.client.post('/api/expert/profile', { version: v, email: 'again@example.cn' }), 409, 'conflict');
	// the e-mail is optional: an empty one clears it
	expectJson(await x.client.post('/api/expert/profile', { version: v + 1, email: '', address: '某市新区某路1号' }), 200);
	assert.equal((await mine(x)).email, '');
});

test('a region later taken out of the configuration does not block the expert\'s other edits', async () => {
	const conf = configWith({ apply: { regions: '本级,高新区' } });
	const x = await expert({ conf, edit: (d) => { d.region = '高新区'; } });
	assert.equal(x.expert.region, '高新区');
	// the servers under test offer only 本级
	expectJson(await x.client.post('/api/expert/profile', { version: x.expert.version, email: 'still@example.cn', address: '新住址' }), 200);
	assert.equal((await mine(x)).email, 'still@example.cn');
	await proposeOk(x, 'employer', { employment: '在职', employer: '另一单位', position: '主任' }, undefined, [await proofFile(x.client)]);
	expectError(await propose(x, 'region', { region: '高新区', remote: true }), 422, 'invalid', ['region']);
	await proposeOk(x, 'region', { region: '本级', remote: true });
});

test('info.pdf: 专家个人信息表 with the name, expert number and employer', async () => {
	const x = await expert({ name: '郑信息' });
	const res = await x.client.get('/api/expert/info.pdf', { binary: true });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'application/pdf');
	assert.match(res.headers.get('content-disposition') || '', /^attachment\b/);
	const text = pdfText(res.bytes);
	assert.ok(text.includes('专家个人信息表'), text);
	assert.ok(text.includes('郑信息'), text);
	assert.ok(text.includes(x.expertNo), text);
	assert.ok(text.includes(x.data.employer), text);
	// not in the pool → 404
	const s = await expertSubmitted({ id: anyId() });
	expectError(await s.client.get('/api/expert/info.pdf'), 404, 'not_found');
});
