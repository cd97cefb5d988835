// The review program (审核): the queue with its filters, sorting and paging; the case with the
// full snapshot, files, versions, events and earlier rejections; 受理 (open), 通过 (approve) and
// 不通过 (reject) with their effects on the expert (withdrawal closed, the department and reason
// shown, SMS, the pool entry and certificate); stale versions; and two review levels (the same
// programs run as plain CGI with `[review] levels = 2`).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectError, expectJson } from '../lib/expect.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { smsOffset, smsLines, waitSms } from '../lib/sms.mjs';
import { cgi, configWith } from '../lib/cgi.mjs';
import { newClient } from '../lib/flows.mjs';
import {
	applyOptions, chinaDate, currentVersion, expertSubmitted, getApplication, mainlandId, saveDraftOk, submit,
} from '../lib/apply.mjs';
import { anyId, applicationOf, inBatches, reviewCase, staffSession, threeLeaves } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let r1, r2, leaves, site;
const two = configWith({ review: { levels: 2 } });

before(async () => {
	resetIpLimits();
	[r1, r2] = await Promise.all([
		staffSession(['reviewer'], { department: '建设工程处', name: '审核员一' }),
		staffSession(['reviewer'], { name: '审核员二' }),
	]);
	const anon = await newClient();
	site = expectJson(await anon.get('/api/account/site'), 200);
	const { client } = await expertSubmitted({ id: anyId() });
	leaves = threeLeaves(await applyOptions(client));
});

const token = () => crypto.randomBytes(4).toString('hex');

/** A submitted application; returns { ...expertSubmitted, app: { id, version, status } }. */
async function submitted({ name, employer, leafIds, id } = {}) {
	const s = await expertSubmitted({
		id: id ?? anyId(), name, leaves: leafIds,
		edit: (d) => {
			if (employer !== undefined) d.employer = employer;
		},
	});
	return { ...s, app: await applicationOf(s.client) };
}

/** The queue as `client` (default r1) with the query `q` (an object); expects 200. */
async function queue(query, client = r1.client) {
	const qs = new URLSearchParams(query).toString();
	return expectJson(await client.get(`/api/review/queue${qs ? '?' + qs : ''}`), 200);
}

const ids = (list) => list.items.map((i) => i.id);

/** POST /api/review/<id>/<verb> as `client`. */
function decide(client, id, verb, body) {
	return client.post(`/api/review/${id}/${verb}`, body);
}

// ---- the queue ---------------------------------------------------------------------------------

test('queue: status filters, taxonomy node, dates, name/employer search with LIKE characters taken literally, sorting', async () => {
	const tok = token();
	// made one after the other in this order, so that submission order ≠ name order
	const c = await submitted({ name: `测试${tok}c`, employer: `某院${tok}C组`, leafIds: [leaves.a.leaf, leaves.b.leaf] });
	const a = await submitted({ name: `测试${tok}a`, employer: `某院${tok}%_甲`, leafIds: [leaves.a.leaf], id: mainlandId({ age: 41, gender: '女' }) });
	const e = await submitted({ name: `测试${tok}e`, employer: `某院${tok}E组`, leafIds: [leaves.a.leaf] });
	const b = await submitted({ name: `测试${tok}b`, employer: `某院${tok}_乙`, leafIds: [leaves.b.leaf] });
	const d = await submitted({ name: `测试${tok}d`, employer: `某院${tok}D组`, leafIds: [leaves.b.leaf] });
	// b reviewing, c rejected, d approved, e passed (first of two levels, through the CGI)
	expectJson(await decide(r1.client, b.app.id, 'open', { version: b.app.version }), 200);
	expectJson(await decide(r1.client, c.app.id, 'reject', { version: c.app.version, reason: '材料不全' }), 200);
	expectJson(await decide(r1.client, d.app.id, 'approve', { version: d.app.version }), 200);
	const passed = cgi('review', two, 'POST', `/${e.app.id}/approve`, { client: r1.client, data: { version: e.app.version } });
	assert.equal(passed.status, 200, passed.text + passed.stderr);
	assert.equal(passed.body.status, 'passed');

	const q = `${tok}`;
	// the default is todo: submitted, reviewing and passed
	let list = await queue({ q });
	assert.deepEqual(new Set(ids(list)), new Set([a.app.id, b.app.id, e.app.id]));
	assert.equal(list.total, 3);
	assert.deepEqual(new Set(ids(await queue({ q, status: 'todo' }))), new Set([a.app.id, b.app.id, e.app.id]));
	for (const [status, want] of [['submitted', a], ['reviewing', b], ['passed', e], ['rejected', c], ['approved', d]]) {
		list = await queue({ q, status });
		assert.deepEqual(ids(list), [want.app.id], `status=${status}`);
		assert.equal(list.items[0].status, status);
	}
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all' }))), new Set([a, b, c, d, e].map((x) => x.app.id)));
	for (const bad of ['draft', 'bogus', 'ALL']) {
		expectError(await r1.client.get(`/api/review/queue?status=${bad}`), 422, 'invalid', ['status']);
	}

	// the item as the list shows it
	const item = (await queue({ q, status: 'submitted' })).items[0];
	assert.equal(item.name, `测试${tok}a`);
	assert.equal(item.gender, '女');
	assert.equal(item.age, 41);
	assert.equal(item.employer, `某院${tok}%_甲`);
	assert.match(item.submitted_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	assert.equal(item.status_label, '待审核');
	assert.equal(item.review_level, 1);
	assert.equal(item.version, a.app.version);
	assert.equal(item.submitted_version, 1);
	assert.equal(item.id_number, undefined, 'the queue shows no ID number');

	// taxonomy node: the domain, the group and the leaf chosen; a leaf nobody here chose
	const withA = new Set([a, c, e].map((x) => x.app.id));
	const withB = new Set([b, c, d].map((x) => x.app.id));
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all', node: leaves.a.domain }))), withA);
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all', node: leaves.a.group }))), withA);
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all', node: leaves.a.leaf }))), withA);
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all', node: leaves.b.leaf }))), withB);
	assert.deepEqual(new Set(ids(await queue({ q, status: 'all', node: leaves.b.domain }))), withB);
	if (leaves.c.leaf !== leaves.a.leaf) assert.deepEqual(ids(await queue({ q, status: 'all', node: leaves.c.leaf })), []);
	for (const bad of ['0', '-1', 'abc', '1.5']) {
		expectError(await r1.client.get(`/api/review/queue?node=${bad}`), 422, 'invalid', ['node']);
	}

	// submission dates (China time, inclusive)
	const today = chinaDate(0);
	assert.equal((await queue({ q, status: 'all', from: today })).total, 5);
	assert.equal((await queue({ q, status: 'all', to: today })).total, 5);
	assert.equal((await queue({ q, status: 'all', from: today, to: today })).total, 5);
	assert.equal((await queue({ q, status: 'all', from: chinaDate(1) })).total, 0);
	assert.equal((await queue({ q, status: 'all', to: chinaDate(-1) })).total, 0);
	assert.equal((await queue({ q, status: 'all', from: chinaDate(-30), to: chinaDate(-1) })).total, 0);
	for (const [field, bad] of [['from', '2026-02-30'], ['to', '2026/01/01'], ['from', '2026-1-1'], ['to', 'yesterday'], ['from', '2026-13-01'], ['to', '2025-02-29'], ['from', '2026-+1-01'], ['to', ' 2026-01-1'], ['from', '2026-01-01x']]) {
		expectError(await r1.client.get(`/api/review/queue?${field}=${encodeURIComponent(bad)}`), 422, 'invalid', [field]);
	}

	// q: part of the name or of the employer; % and _ are plain characters
	assert.deepEqual(ids(await queue({ q: `测试${tok}c`, status: 'all' })), [c.app.id]);
	assert.deepEqual(ids(await queue({ q: `${tok}D组`, status: 'all' })), [d.app.id]);
	assert.deepEqual(ids(await queue({ q: `${tok}%`, status: 'all' })), [a.app.id], '% is literal');
	assert.deepEqual(ids(await queue({ q: `${tok}_`, status: 'all' })), [b.app.id], '_ is literal');
	assert.deepEqual(ids(await queue({ q: `${tok}%_甲`, status: 'all' })), [a.app.id]);
	assert.deepEqual(ids(await queue({ q: `${tok}\\`, status: 'all' })), [], 'a backslash is literal too');
	assert.equal((await queue({ q: `${tok}没有这个`, status: 'all' })).total, 0);
	expectError(await r1.client.get(`/api/review/queue?q=${'长'.repeat(51)}`), 422, 'invalid', ['q']);

	// sorting
	const order = (x) => x.map((s) => s.app.id);
	assert.deepEqual(ids(await queue({ q, status: 'all', sort: 'name' })), order([a, b, c, d, e]));
	assert.deepEqual(ids(await queue({ q, status: 'all', sort: 'submitted_at' })), order([c, a, e, b, d]));
	assert.deepEqual(ids(await queue({ q, status: 'all', sort: '-submitted_at' })), order([d, b, e, a, c]));
	assert.deepEqual(ids(await queue({ q, status: 'all' })), order([d, b, e, a, c]), 'the default is newest first');
	expectError(await r1.client.get('/api/review/queue?sort=age'), 422, 'invalid', ['sort']);
});

test('queue: pages of 10, 20 or 50; size 15 → 422; a page beyond the end is empty with the right total', async () => {
	const tok = token();
	const made = await inBatches(11, 11, (i) => submitted({ name: `分页${tok}${String(i).padStart(2, '0')}`, employer: `分页单位${tok}` }));
	const all = made.map((s) => s.app.id);
	const q = tok;
	let list = await queue({ q, sort: 'name' });
	assert.equal(list.total, 11);
	assert.equal(list.page, 1);
	assert.equal(list.size, 10, 'the default size is 10');
	assert.deepEqual(ids(list), all.slice(0, 10));
	list = await queue({ q, sort: 'name', page: 2 });
	assert.deepEqual(ids(list), all.slice(10));
	assert.equal(list.page, 2);
	list = await queue({ q, sort: 'name', page: 3 });
	assert.deepEqual(list.items, []);
	assert.equal(list.total, 11);
	assert.equal(list.page, 3);
	list = await queue({ q, sort: 'name', size: 20 });
	assert.deepEqual(ids(list), all);
	assert.equal(list.size, 20);
	list = await queue({ q, sort: 'name', size: 50, page: 2 });
	assert.deepEqual(list.items, []);
	assert.equal(list.total, 11);
	for (const bad of ['15', '0', '100', 'ten', '-10']) {
		expectError(await r1.client.get(`/api/review/queue?size=${bad}`), 422, 'invalid', ['size']);
	}
	for (const bad of ['0', '-1', 'x']) {
		expectError(await r1.client.get(`/api/review/queue?page=${bad}`), 422, 'invalid', ['page']);
	}
});

// ---- the case ------------------------------------------------------------------------------------

// the photo is stored as a JPEG whatever was uploaded (files: normalized at upload)
const FILE_TYPES = { photo: 'image/jpeg', id_front: 'image/png', id_back: 'image/jpeg', 'titles.0.scan': 'application/pdf' };

test('case: the full snapshot with the ID number, its files viewable inline with their types, versions and events', async () => {
	const id = anyId();
	const s = await submitted({ id });
	const a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.id, s.app.id);
	assert.equal(a.status, 'submitted');
	assert.equal(a.status_label, '待审核');
	assert.equal(a.version, s.app.version);
	assert.equal(a.levels, 1);
	assert.equal(a.review_level, 1);
	assert.equal(a.submitted_version, 1);
	assert.match(a.submitted_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	assert.equal(a.data.id_number, id.number, 'the reviewer sees the full ID number');
	assert.equal(a.data.name, s.data.name);
	assert.equal(a.data.employer_code, s.data.employer_code);
	assert.deepEqual(a.data.specialties, s.data.specialties);
	assert.equal(a.can_open, true);
	assert.equal(a.can_decide, true);
	assert.deepEqual(a.versions.map((v) => v.no), [1]);
	assert.deepEqual(a.events.map((e) => `${e.from}→${e.to}`), ['draft→submitted']);
	assert.equal(a.events[0].actor_role, 'expert');
	assert.deepEqual(a.rejections, []);
	// files
	const byField = Object.fromEntries(a.files.map((f) => [f.field, f]));
	assert.deepEqual(Object.keys(byField).sort(), Object.keys(FILE_TYPES).sort(), JSON.stringify(a.files));
	assert.equal(byField.photo.id, s.data.photo);
	assert.equal(byField['titles.0.scan'].id, s.data.titles[0].scan);
	for (const [field, type] of Object.entries(FILE_TYPES)) {
		const f = byField[field];
		assert.equal(f.url, `/api/files/${f.id}?inline=1`);
		const res = await r1.client.get(f.url, { binary: true });
		assert.equal(res.status, 200, `${field}: ${res.status}`);
		assert.equal(res.headers.get('content-type').split(';')[0].trim(), type, field);
		assert.match(res.headers.get('content-disposition') || '', /^inline\b/, field);
		// the same bytes the expert uploaded
		const own = await s.client.get(`/api/files/${f.id}`, { binary: true });
		assert.ok(own.bytes.equals(res.bytes), field);
	}
	// a version route and a missing one
	const v1 = expectJson(await r1.client.get(`/api/review/${s.app.id}/versions/1`), 200).version;
	assert.equal(v1.no, 1);
	assert.equal(v1.data.id_number, id.number);
	expectError(await r1.client.get(`/api/review/${s.app.id}/versions/2`), 404, 'not_found');
	expectError(await r1.client.get(`/api/review/${s.app.id}/versions/0`), 404, 'not_found');
	// no such application, or one never submitted
	expectError(await r1.client.get('/api/review/999999999'), 404, 'not_found');
	expectError(await r1.client.get('/api/review/abc'), 404, 'not_found');
});

test('case: a draft that was never submitted is not a case (404), neither for reading nor deciding', async () => {
	const { expertWithDraft } = await import('../lib/apply.mjs');
	const dft = await expertWithDraft({ id: anyId() });
	const app = await applicationOf(dft.client);
	expectError(await r1.client.get(`/api/review/${app.id}`), 404, 'not_found');
	expectError(await decide(r1.client, app.id, 'approve', { version: app.version }), 404, 'not_found');
	assert.equal((await getApplication(dft.client)).status, 'draft');
});

// ---- open -----------------------------------------------------------------------------------------

test('open: submitted → reviewing; from then on the expert cannot withdraw (409); opening twice → 409', async () => {
	const s = await submitted();
	const before = await getApplication(s.client);
	assert.equal(before.can_withdraw, true);
	const res = expectJson(await decide(r1.client, s.app.id, 'open', { version: s.app.version }), 200);
	assert.deepEqual(res, { status: 'reviewing', version: s.app.version + 1 });
	expectError(await s.client.post('/api/withdraw/', { version: before.version, confirm: true }), 409, 'conflict');
	const after = await getApplication(s.client);
	assert.equal(after.status, 'reviewing');
	assert.equal(after.can_withdraw, false);
	expectError(await s.client.post('/api/withdraw/', { version: after.version, confirm: true }), 409, 'conflict');
	expectError(await decide(r1.client, s.app.id, 'open', { version: res.version }), 409, 'conflict');
	const a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.status, 'reviewing');
	assert.equal(a.can_open, false);
	assert.equal(a.can_decide, true);
	assert.deepEqual(a.events.map((e) => `${e.from}→${e.to}`), ['draft→submitted', 'submitted→reviewing']);
	assert.equal(a.events[1].actor_role, 'reviewer');
	assert.equal(a.events[1].actor_name, '审核员一');
});

// ---- reject ---------------------------------------------------------------------------------------

test('reject: without a reason, an empty one or one over 500 characters → 422 reason, nothing changes', async () => {
	const s = await submitted();
	expectError(await decide(r1.client, s.app.id, 'reject', { version: s.app.version }), 422, 'invalid', ['reason']);
	expectError(await decide(r1.client, s.app.id, 'reject', { version: s.app.version, reason: '' }), 422, 'invalid', ['reason']);
	expectError(await decide(r1.client, s.app.id, 'reject', { version: s.app.version, reason: '字'.repeat(501) }), 422, 'invalid', ['reason']);
	const a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.status, 'submitted');
	assert.equal(a.version, s.app.version);
	assert.equal(a.events.length, 1);
});

test('reject: the expert sees the reviewer\'s department and the reason and gets an SMS; after a resubmission the case lists the earlier rejection', async () => {
	const s = await submitted();
	const reason = '职称证书扫描件不清晰，请重新上传清晰的扫描件后再提交';
	const off = smsOffset();
	const res = expectJson(await decide(r1.client, s.app.id, 'reject', { version: s.app.version, reason }), 200);
	assert.equal(res.status, 'rejected');
	assert.equal(res.version, s.app.version + 2, 'opened on the way, then rejected');
	const mine = await getApplication(s.client);
	assert.equal(mine.status, 'rejected');
	assert.equal(mine.rejection.department, '建设工程处');
	assert.equal(mine.rejection.reason, reason);
	const sms = await waitSms(s.user.phone, off, { match: /未通过/ });
	assert.match(sms.text, /建设工程处/);
	assert.ok(sms.text.includes(reason.slice(0, 20)), sms.text);
	// long reasons are shortened in the message, never in the record
	assert.ok(sms.text.includes(reason) || sms.text.includes('…'), sms.text);
	// reopen, fix, resubmit: version 2
	expectJson(await s.client.post('/api/apply/reopen', { version: mine.version }), 200);
	const v = await saveDraftOk(s.client, await currentVersion(s.client), { ...s.data, position: '副总工程师' });
	expectJson(await submit(s.client, v), 200);
	const a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.status, 'submitted');
	assert.equal(a.submitted_version, 2);
	assert.equal(a.data.position, '副总工程师');
	assert.deepEqual(a.versions.map((x) => x.no), [1, 2]);
	assert.deepEqual(a.events.map((e) => `${e.from}→${e.to}`),
		['draft→submitted', 'submitted→reviewing', 'reviewing→rejected', 'rejected→draft', 'draft→submitted']);
	assert.equal(a.rejections.length, 1);
	assert.equal(a.rejections[0].reason, reason);
	assert.equal(a.rejections[0].department, '建设工程处');
	assert.equal(a.rejections[0].version_no, 1);
	assert.match(a.rejections[0].at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	const old = expectJson(await r1.client.get(`/api/review/${s.app.id}/versions/1`), 200).version;
	assert.equal(old.data.position, s.data.position);
});

test('reject: line breaks and other control characters in the reason cannot forge lines in the SMS log', async () => {
	const s = await submitted();
	const tok = token();
	// a second message, as the log's format would show it, after a line break (and the other ways
	// to break a line: CR, U+2028, NEL); within the 40 characters the SMS quotes
	const reason = `材${tok}\n1\t+86139\t【专家库】伪造${tok}\r\u2028\u0085完`;
	const off = smsOffset();
	expectJson(await decide(r1.client, s.app.id, 'reject', { version: s.app.version, reason }), 200);
	await waitSms(s.user.phone, off, { match: /未通过/ });
	const lines = smsLines(off).filter((l) => l.includes(tok));
	assert.equal(lines.length, 1, `exactly one line: ${JSON.stringify(lines)}`);
	const [time, to, ...rest] = lines[0].split('\t');
	assert.match(time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	assert.equal(to, s.user.phone);
	assert.equal(rest.length, 1, `no tab inside the text: ${lines[0]}`);
	assert.ok(rest[0].includes(`【专家库】伪造${tok}`), rest[0]);
	assert.doesNotMatch(rest[0], /[\r\u2028\u0085]/);
	// the reason itself is kept as written
	assert.equal((await getApplication(s.client)).rejection.reason, reason);
});

test('reject by a reviewer without a department: the authority\'s name is shown', async () => {
	const s = await submitted();
	expectJson(await decide(r2.client, s.app.id, 'reject', { version: s.app.version, reason: '不符合条件' }), 200);
	const mine = await getApplication(s.client);
	assert.equal(mine.rejection.department, site.authority || site.name);
	assert.equal(mine.rejection.reason, '不符合条件');
});

// ---- approve --------------------------------------------------------------------------------------

test('approve: expert number and certificate in the reply, the expert is in the pool, SMS sent; no further decision', async () => {
	const s = await submitted();
	const off = smsOffset();
	const res = expectJson(await decide(r1.client, s.app.id, 'approve', { version: s.app.version }), 200);
	assert.equal(res.status, 'approved');
	assert.equal(res.version, s.app.version + 2);
	assert.match(res.expert.expert_no, /^ZJ\d{4}\d{5}$/);
	assert.ok(Number.isInteger(res.expert.id));
	assert.match(res.certificate.cert_no, /^ZS\d{4}\d{6}$/);
	assert.equal(res.certificate.status, 'valid');
	assert.equal(res.certificate.issued_on, chinaDate(0));
	// valid for two years (up to the day before the anniversary)
	const [y, m, d] = res.certificate.issued_on.split('-').map(Number);
	const end = new Date(Date.UTC(y + 2, m - 1, d - 1)).toISOString().slice(0, 10);
	assert.equal(res.certificate.valid_until, end);
	const mine = expectJson(await s.client.get('/api/expert'), 200).expert;
	assert.equal(mine.id, res.expert.id);
	assert.equal(mine.expert_no, res.expert.expert_no);
	assert.equal(mine.status, 'active');
	assert.equal(mine.name, s.data.name);
	assert.equal(mine.certificate.cert_no, res.certificate.cert_no);
	assert.equal(mine.certificate_state, 'issued');
	assert.equal((await getApplication(s.client)).status, 'approved');
	const sms = await waitSms(s.user.phone, off, { match: /审核通过/ });
	assert.ok(sms.text.includes(res.expert.expert_no), sms.text);
	// decided: nothing more
	for (const verb of ['open', 'approve', 'reject']) {
		expectError(await decide(r1.client, s.app.id, verb, { version: res.version, reason: '再来' }), 409, 'conflict');
	}
	const a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.can_open, false);
	assert.equal(a.can_decide, false);
	assert.deepEqual(a.events.map((e) => `${e.from}→${e.to}`), ['draft→submitted', 'submitted→reviewing', 'reviewing→approved']);
});

test('stale versions → 409 and nothing changes', async () => {
	const s = await submitted();
	for (const verb of ['open', 'approve', 'reject']) {
		for (const version of [s.app.version - 1, s.app.version + 1]) {
			expectError(await decide(r1.client, s.app.id, verb, { version, reason: '过期版本' }), 409, 'conflict');
		}
	}
	let a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.status, 'submitted');
	assert.equal(a.version, s.app.version);
	assert.equal(a.events.length, 1);
	// opened: the version it was opened at is stale now
	const opened = expectJson(await decide(r1.client, s.app.id, 'open', { version: s.app.version }), 200);
	expectError(await decide(r1.client, s.app.id, 'approve', { version: s.app.version }), 409, 'conflict');
	a = await reviewCase(r1.client, s.app.id);
	assert.equal(a.status, 'reviewing');
	assert.equal(a.version, opened.version);
	assert.equal(expectJson(await s.client.get('/api/expert'), 200).expert, null, 'no expert record');
	// withdrawn meanwhile: the reviewer's decision on the old version is refused
	const w = await submitted();
	expectJson(await w.client.post('/api/withdraw/', { version: w.app.version, confirm: true }), 200);
	expectError(await decide(r1.client, w.app.id, 'approve', { version: w.app.version }), 409, 'conflict');
	assert.equal((await getApplication(w.client)).status, 'draft');
});

// ---- two levels -------------------------------------------------------------------------------------

test('two levels: the first approval → passed; the same reviewer\'s final approval → 409; another reviewer\'s → approved', async () => {
	const s = await submitted();
	const off = smsOffset();
	let res = cgi('review', two, 'POST', `/${s.app.id}/approve`, { client: r1.client, data: { version: s.app.version } });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.equal(res.body.status, 'passed');
	assert.equal(res.body.expert, undefined);
	const afterFirst = res.body.version;
	let a = cgi('review', two, 'GET', `/${s.app.id}`, { client: r1.client }).body.application;
	assert.equal(a.status, 'passed');
	assert.equal(a.status_label, '初审通过');
	assert.equal(a.levels, 2);
	assert.equal(a.review_level, 2);
	assert.equal(a.version, afterFirst);
	assert.equal(expectJson(await s.client.get('/api/expert'), 200).expert, null, 'not in the pool yet');
	// the same reviewer cannot make the final decision
	res = cgi('review', two, 'POST', `/${s.app.id}/approve`, { client: r1.client, data: { version: afterFirst } });
	assert.equal(res.status, 409, res.text);
	assert.equal(res.body.error.code, 'conflict');
	a = cgi('review', two, 'GET', `/${s.app.id}`, { client: r1.client }).body.application;
	assert.equal(a.status, 'passed', 'the refused final approval changed nothing');
	assert.equal(a.version, afterFirst);
	// another reviewer can
	res = cgi('review', two, 'POST', `/${s.app.id}/approve`, { client: r2.client, data: { version: afterFirst } });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.equal(res.body.status, 'approved');
	assert.match(res.body.expert.expert_no, /^ZJ/);
	a = cgi('review', two, 'GET', `/${s.app.id}`, { client: r2.client }).body.application;
	assert.deepEqual(a.events.map((e) => `${e.from}→${e.to}`),
		['draft→submitted', 'submitted→reviewing', 'reviewing→passed', 'passed→reviewing', 'reviewing→approved']);
	assert.deepEqual(a.events.slice(1).map((e) => e.actor_name), ['审核员一', '审核员一', '审核员二', '审核员二']);
	const mine = expectJson(await s.client.get('/api/expert'), 200).expert;
	assert.equal(mine.expert_no, res.body.expert.expert_no);
	await waitSms(s.user.phone, off, { match: /审核通过/ });
});

test('two levels: the final decision may be a rejection, by another reviewer only (the first one → 409)', async () => {
	const s = await submitted();
	let res = cgi('review', two, 'POST', `/${s.app.id}/approve`, { client: r1.client, data: { version: s.app.version } });
	assert.equal(res.body.status, 'passed', res.text);
	const v = res.body.version;
	res = cgi('review', two, 'POST', `/${s.app.id}/reject`, { client: r1.client, data: { version: v, reason: '自己终审' } });
	assert.equal(res.status, 409, res.text);
	assert.equal(cgi('review', two, 'GET', `/${s.app.id}`, { client: r1.client }).body.application.status, 'passed');
	res = cgi('review', two, 'POST', `/${s.app.id}/reject`, { client: r2.client, data: { version: v, reason: '终审不通过' } });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.equal(res.body.status, 'rejected');
	const mine = await getApplication(s.client);
	assert.equal(mine.status, 'rejected');
	assert.equal(mine.rejection.reason, '终审不通过');
});
