// API tests of the apply program, part 3: the life cycle — withdraw, a reviewer opening, approving
// and rejecting (played by `expertpool-admin application`, which shares the state machine with
// the review pages to come), reopen and resubmit, versions and history; text stored literally;
// ID numbers encrypted at rest.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import { resetIpLimits, applicationStorage, applicationRowsContaining } from '../lib/db.mjs';
import {
	saveDraft, saveDraftOk, getApplication, submit, expertWithDraft, expertSubmitted, reviewer, reviewerToolAsync,
	passportNumber, completeForm,
} from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

const EVENT_KEYS = ['actor_role', 'at', 'department', 'from', 'reason', 'to', 'version_no'];

async function history(client) {
	const body = expectJson(await client.get('/api/apply/history'), 200);
	assert.deepEqual(Object.keys(body), ['events']);
	assert.ok(Array.isArray(body.events));
	for (const e of body.events) {
		assert.deepEqual(Object.keys(e).sort(), EVENT_KEYS, JSON.stringify(e));
		assert.match(e.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		assert.equal(typeof e.actor_role, 'string');
	}
	return body.events;
}

const steps = (events) => events.map((e) => `${e.from}→${e.to}`);

// ---- withdraw ------------------------------------------------------------------------------------

test('withdraw a submitted application → draft; the history has both events; it can be edited and submitted again', async () => {
	const s = await expertSubmitted();
	const res = await s.client.post('/api/withdraw/', { version: s.version, confirm: true });
	expectJson(res, 200);
	const a = await getApplication(s.client);
	assert.equal(a.status, 'draft');
	assert.ok(a.version > s.version);
	assert.equal(a.can_withdraw, false);
	assert.equal(a.row.status, 'draft');
	assert.deepEqual(a.data, s.data, 'the form is kept');
	assert.equal(a.submitted_version, 1, 'version 1 stays the last submitted one');
	const ev = await history(s.client);
	assert.deepEqual(steps(ev), ['draft→submitted', 'submitted→draft']);
	assert.equal(ev[0].version_no, 1);
	assert.equal(ev[0].department, null);
	assert.equal(ev[0].reason, null);
	// the version snapshot is still there
	expectJson(await s.client.get('/api/apply/versions/1'), 200);
	// edit and submit again: version 2
	const v = await saveDraftOk(s.client, a.version, { ...s.data, position: '副总工程师' });
	expectJson(await submit(s.client, v), 200);
	const b = await getApplication(s.client);
	assert.equal(b.status, 'submitted');
	assert.equal(b.submitted_version, 2);
	assert.equal(expectJson(await s.client.get('/api/apply/versions/2'), 200).version.data.position, '副总工程师');
	assert.equal(expectJson(await s.client.get('/api/apply/versions/1'), 200).version.data.position, s.data.position);
	assert.deepEqual(steps(await history(s.client)), ['draft→submitted', 'submitted→draft', 'draft→submitted']);
});

test('submit/withdraw cycles are bounded: the 11th submission of a day → 429 rate_limited with retry_after, still a draft', async () => {
	const s = await expertWithDraft();
	let version = s.version;
	for (let i = 0; i < 10; i++) {
		expectJson(await submit(s.client, version), 200);
		version = expectJson(await s.client.post('/api/withdraw/', { version: version + 1, confirm: true }), 200).version;
	}
	const res = await submit(s.client, version);
	const err = expectError(res, 429, 'rate_limited');
	assert.match(err.message, /提交次数/, err.message);
	assert.ok(err.retry_after <= 86400, `retry_after: ${err.retry_after}`);
	const a = await getApplication(s.client);
	assert.equal(a.status, 'draft');
	assert.equal(a.version, version, 'the refused submission changed nothing');
	assert.equal(a.submitted_version, 10);
	// refused again: a refusal does not count, nor does it let one through
	expectError(await submit(s.client, version), 429, 'rate_limited');
	// the draft can still be saved
	await saveDraftOk(s.client, version, { ...s.data, position: '副总工程师' });
});

test('withdraw a draft → 409; with a stale version → 409 and it stays submitted', async () => {
	const d = await expertWithDraft();
	expectError(await d.client.post('/api/withdraw/', { version: d.version, confirm: true }), 409, 'conflict');
	assert.equal((await getApplication(d.client)).status, 'draft');
	const s = await expertSubmitted();
	expectError(await s.client.post('/api/withdraw/', { version: s.version - 1, confirm: true }), 409, 'conflict');
	const a = await getApplication(s.client);
	assert.equal(a.status, 'submitted');
	assert.equal(a.version, s.version);
});

test('withdraw after a reviewer opened it → 409, the status stays reviewing', async () => {
	const s = await expertSubmitted();
	const before = await getApplication(s.client);
	assert.equal(before.can_withdraw, true);
	// the expert's page still shows 撤回 when the reviewer opens the application
	reviewer(s.user.phone, 'open');
	const res = await s.client.post('/api/withdraw/', { version: before.version, confirm: true });
	expectError(res, 409, 'conflict');
	const a = await getApplication(s.client);
	assert.equal(a.status, 'reviewing');
	assert.equal(a.can_withdraw, false);
	assert.equal(a.row.status, 'reviewing');
	// with the version it now has, still no
	expectError(await s.client.post('/api/withdraw/', { version: a.version, confirm: true }), 409, 'conflict');
	assert.equal((await getApplication(s.client)).status, 'reviewing');
	// nor can it be edited, submitted or reopened
	expectError(await saveDraft(s.client, a.version, s.data), 409, 'conflict');
	expectError(await submit(s.client, a.version), 409, 'conflict');
	expectError(await s.client.post('/api/apply/reopen', { version: a.version }), 409, 'conflict');
	assert.deepEqual(steps(await history(s.client)), ['draft→submitted', 'submitted→reviewing']);
});

test('withdraw racing a reviewer: exactly one of them wins', async () => {
	const s = await expertSubmitted();
	const [res, tool] = await Promise.all([
		s.client.post('/api/withdraw/', { version: s.version, confirm: true }),
		reviewerToolAsync(s.user.phone, 'open'),
	]);
	const a = await getApplication(s.client);
	if (res.status === 200) {
		assert.notEqual(tool.status, 0, 'the reviewer cannot open a withdrawn application');
		assert.equal(a.status, 'draft');
	} else {
		expectError(res, 409, 'conflict');
		assert.equal(tool.status, 0, `${tool.stdout}${tool.stderr}`);
		assert.equal(a.status, 'reviewing');
	}
});

// ---- approve -----------------------------------------------------------------------------------

test('approved: no withdraw, reopen, draft or submit', async () => {
	const s = await expertSubmitted();
	reviewer(s.user.phone, 'open');
	reviewer(s.user.phone, 'approve');
	const a = await getApplication(s.client);
	assert.equal(a.status, 'approved');
	assert.equal(a.row.status, 'approved');
	assert.equal(a.rejection, null);
	assert.equal(a.can_withdraw, false);
	for (const path of ['/api/withdraw/', '/api/apply/reopen']) expectError(await s.client.post(path, { version: a.version, confirm: true }), 409, 'conflict');
	expectError(await saveDraft(s.client, a.version, s.data), 409, 'conflict');
	expectError(await submit(s.client, a.version), 409, 'conflict');
	assert.equal((await getApplication(s.client)).status, 'approved');
	assert.deepEqual(steps(await history(s.client)), ['draft→submitted', 'submitted→reviewing', 'reviewing→approved']);
});

// ---- reject, reopen, resubmit ------------------------------------------------------------------

test('rejected: GET shows the department and reason; reopen → draft, edit, resubmit → version 2; version 1 unchanged', async () => {
	const s = await expertSubmitted();
	const v1 = expectJson(await s.client.get('/api/apply/versions/1'), 200).version;
	reviewer(s.user.phone, 'open');
	reviewer(s.user.phone, 'reject', { department: '建设工程处', reason: '材料不全' });
	const a = await getApplication(s.client);
	assert.equal(a.status, 'rejected');
	assert.equal(a.row.status, 'rejected');
	assert.equal(a.can_withdraw, false);
	assert.ok(a.rejection && typeof a.rejection === 'object', `rejection: ${JSON.stringify(a.rejection)}`);
	assert.deepEqual(Object.keys(a.rejection).sort(), ['at', 'department', 'reason']);
	assert.equal(a.rejection.department, '建设工程处');
	assert.equal(a.rejection.reason, '材料不全');
	assert.match(a.rejection.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	const ev = await history(s.client);
	assert.deepEqual(steps(ev), ['draft→submitted', 'submitted→reviewing', 'reviewing→rejected']);
	assert.equal(ev[2].department, '建设工程处');
	assert.equal(ev[2].reason, '材料不全');
	assert.equal(ev[2].version_no, 1);
	assert.equal(ev[2].at, a.rejection.at);

	// a rejected application cannot be edited before it is reopened
	expectError(await saveDraft(s.client, a.version, s.data), 409, 'conflict');
	// reopen with a stale version → 409
	expectError(await s.client.post('/api/apply/reopen', { version: a.version - 1 }), 409, 'conflict');
	expectJson(await s.client.post('/api/apply/reopen', { version: a.version }), 200);
	const b = await getApplication(s.client);
	assert.equal(b.status, 'draft');
	assert.deepEqual(b.data, s.data, 'the form is kept for editing');
	assert.equal(b.rejection, null);

	const edited = { ...s.data, position: '院总工程师', residence: '某市新区' };
	const v = await saveDraftOk(s.client, b.version, edited);
	expectJson(await submit(s.client, v), 200);
	const c = await getApplication(s.client);
	assert.equal(c.status, 'submitted');
	assert.equal(c.submitted_version, 2);
	const v2 = expectJson(await s.client.get('/api/apply/versions/2'), 200).version;
	assert.equal(v2.no, 2);
	assert.equal(v2.data.position, '院总工程师');
	assert.equal(v2.data.residence, '某市新区');
	assert.equal(v2.data.id_number, s.data.id_number);
	assert.deepEqual(expectJson(await s.client.get('/api/apply/versions/1'), 200).version, v1, 'version 1 is an immutable snapshot');
	const ev2 = await history(s.client);
	assert.deepEqual(steps(ev2), ['draft→submitted', 'submitted→reviewing', 'reviewing→rejected', 'rejected→draft', 'draft→submitted']);
	assert.equal(ev2[4].version_no, 2);
	// a second rejection shows its own department and reason
	reviewer(s.user.phone, 'open');
	reviewer(s.user.phone, 'reject', { department: '市政工程处', reason: '职称证书不清晰' });
	const d = await getApplication(s.client);
	assert.equal(d.rejection.department, '市政工程处');
	assert.equal(d.rejection.reason, '职称证书不清晰');
});

test('reopen a draft, a submitted or a reviewing application → 409', async () => {
	const s = await expertSubmitted();
	expectError(await s.client.post('/api/apply/reopen', { version: s.version }), 409, 'conflict');
	assert.equal((await getApplication(s.client)).status, 'submitted');
	reviewer(s.user.phone, 'open');
	const a = await getApplication(s.client);
	expectError(await s.client.post('/api/apply/reopen', { version: a.version }), 409, 'conflict');
	const d = await expertWithDraft();
	expectError(await d.client.post('/api/apply/reopen', { version: d.version }), 409, 'conflict');
});

test('versions: 0, one not yet made, and a non-number → 404', async () => {
	const s = await expertSubmitted();
	for (const no of ['0', '2', '-1', 'abc', '1x', '99999999999999999999']) {
		expectError(await s.client.get(`/api/apply/versions/${no}`), 404, 'not_found');
	}
	expectJson(await s.client.get('/api/apply/versions/1'), 200);
});

// ---- text stored literally ---------------------------------------------------------------------

const literal = {
	name: "O'Brien 张；--",
	position: "'; DROP TABLE applications; --",
	specialty: '" OR 1=1 -- 岩土',
	residence: 'a\\b\\\\c\\\'d %_%_ 100% ${x} {{y}} `z` <script>x</script>',
	health: '𠮷野家 👨‍👩‍👧 良好',
};

test('SQL metacharacters, backslashes and Chinese round-trip in text fields (draft, version, list row)', async () => {
	const { client } = await expertSession();
	const data = await completeForm(client, { name: literal.name });
	Object.assign(data, literal);
	data.education[0].school = "北京'大学\"; SELECT 1; --";
	data.education[0].major = '土木%工程_';
	data.achievements = [{ name: '某大桥\\工程', role: '项目负责人', date: '2015-06-01', award: '鲁班奖', description: '第一行\n第二行：\'引号\' "双引号" \\反斜杠\\\n第三行\t制表' }];
	const v = await saveDraftOk(client, 0, data);
	const a = await getApplication(client);
	assert.deepEqual(a.data, data);
	assert.equal(a.row.name, literal.name);
	assert.equal(a.row.school, data.education[0].school);
	assert.equal(a.row.major, '土木%工程_');
	expectJson(await submit(client, v), 200);
	const snap = expectJson(await client.get('/api/apply/versions/1'), 200).version.data;
	for (const [k, val] of Object.entries(data)) assert.deepEqual(snap[k], val, `version 1 data.${k}`);
});

// ---- ID numbers at rest ------------------------------------------------------------------------

test('the ID number is never stored in plain text (form, versions, events)', async () => {
	const s = await expertWithDraft();
	const number = s.data.id_number;
	let stored = applicationStorage(s.user.phone);
	assert.ok(stored, 'the application is in the database');
	assert.ok(!stored.data.includes(number), 'not in applications.data');
	assert.ok(!stored.data.includes(number.slice(0, 14)), 'not even its first 14 characters');
	assert.ok(stored.enc.length > 0, 'an encrypted number is kept');
	assert.ok(!stored.enc.includes(Buffer.from(number).toString('hex').toUpperCase()), 'not in id_number_enc');
	expectJson(await submit(s.client, s.version), 200);
	stored = applicationStorage(s.user.phone);
	assert.equal(stored.versions.length, 1);
	assert.ok(!stored.versions[0].data.includes(number), 'not in application_versions.data');
	assert.ok(stored.versions[0].enc.length > 0);
	assert.ok(!stored.versions[0].enc.includes(Buffer.from(number).toString('hex').toUpperCase()), 'not in application_versions.id_number_enc');
	assert.equal(applicationRowsContaining(number), 0, 'no row of the application tables holds it');
	assert.equal(applicationRowsContaining(number.toLowerCase()), 0);
	// while the owner still reads it in full
	assert.equal((await getApplication(s.client)).data.id_number, number);
	assert.equal(expectJson(await s.client.get('/api/apply/versions/1'), 200).version.data.id_number, number);
});

test('a passport number is not stored in plain text either', async () => {
	const number = passportNumber();
	const s = await expertWithDraft({
		edit: (d) => {
			d.id_type = '护照';
			d.id_number = number;
			delete d.id_back;
		},
	});
	expectJson(await submit(s.client, s.version), 200);
	assert.equal(applicationRowsContaining(number), 0);
	assert.equal(applicationStorage(s.user.phone).versions.length, 1);
	assert.equal((await getApplication(s.client)).data.id_number, number);
});
