// The pool (专家库) as a manager sees it: the list with every filter, masked ID numbers, sorting
// and paging; the CSV export (BOM, header, one row per expert, masked numbers, e-mail and
// specialties, formulas defused); an expert's record; suspend / restore / remove with a required
// reason, wrong states and stale versions refused, each kept in the expert's events and in the
// audit log, and told to the expert by SMS.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectError, expectJson } from '../lib/expect.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectNoSms, smsOffset, smsSince, waitSms } from '../lib/sms.mjs';
import { configWith } from '../lib/cgi.mjs';
import { applyOptions, expertSubmitted, mainlandId } from '../lib/apply.mjs';
import { approvedExpert, anyId, poolMove, staffSession, superAdmin, threeLeaves } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

const regions = configWith({ apply: { regions: '本级,高新区' } });
let mgr, mgrId, leaves;

before(async () => {
	resetIpLimits();
	const m = await staffSession(['manager'], { name: '库管员' });
	mgr = m.client;
	mgrId = m.id;
	const { client } = await expertSubmitted({ id: anyId() });
	leaves = threeLeaves(await applyOptions(client));
});

const token = () => crypto.randomBytes(4).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function list(query) {
	const qs = new URLSearchParams(query).toString();
	return expectJson(await mgr.get(`/api/pool/experts?${qs}`), 200);
}

const ids = (l) => l.items.map((i) => i.id);
const set = (xs) => new Set(xs.map((x) => x.expertId));

/** The masked form of an 18-character ID number: 3 + 11 stars + 4. */
const masked = (n) => n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4);

/** RFC 4180 fields of a CSV text (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text) {
	const rows = [];
	let row = [], field = '', quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

// Four experts sharing a token in the name and employer:
//   p1  a  active     本级   正高级  35  remote   leaf a
//   p2  b  active     高新区 副高级  50  local    leaf b
//   p3  c  suspended  本级   中级    58  remote   leaves a, b   employer "=HYPERLINK(…)", e-mail "=cmd…"
//   p4  d  removed    本级   初级    42  local    leaf c (in the domain of a, another leaf)
let tok, p;

async function pool() {
	if (p) return p;
	tok = token();
	const make = (o) => approvedExpert({
		name: `池${tok}${o.n}`, id: mainlandId({ age: o.age, gender: o.gender ?? '男' }), level: o.level, leaves: o.leaves, conf: o.conf,
		edit: (d) => {
			d.employer = o.employer ?? `单位${tok}${o.n}组`;
			if (o.email) d.email = o.email;
			d.remote = o.remote;
			if (o.region) d.region = o.region;
		},
	});
	// made in the order d, b, a, c: joined order ≠ name order
	const p4 = await make({ n: 'd', age: 42, level: '初级', leaves: [leaves.c.leaf], remote: false });
	const p2 = await make({ n: 'b', age: 50, level: '副高级', leaves: [leaves.b.leaf], remote: false, region: '高新区', conf: regions, gender: '女' });
	const p1 = await make({ n: 'a', age: 35, level: '正高级', leaves: [leaves.a.leaf], remote: true });
	const p3 = await make({ n: 'c', age: 58, level: '中级', leaves: [leaves.a.leaf, leaves.b.leaf], remote: true, employer: `=HYPERLINK("http://evil.example/?x=1","点我")${tok}`, email: `=cmd${tok}@evil.example` });
	await poolMove(mgr, p3.expertId, 'suspend', '暂停一段时间');
	await poolMove(mgr, p4.expertId, 'remove', '本人申请出库');
	p = { p1, p2, p3, p4, all: [p1, p2, p3, p4] };
	return p;
}

test('list: status, node, region, employer, title, age, remote and q filters; bad values → 422 with the field', async () => {
	const { p1, p2, p3, p4, all } = await pool();
	const q = tok;
	const check = async (query, want, what) => {
		const l = await list({ q: `池${q}`, ...query });
		assert.deepEqual(new Set(ids(l)), set(want), `${what ?? JSON.stringify(query)}: ${JSON.stringify(l.items.map((i) => i.name))}`);
		assert.equal(l.total, want.length);
	};
	// q: part of the name (all four), every status by default
	await check({}, all);
	await check({ status: 'active' }, [p1, p2]);
	await check({ status: 'suspended' }, [p3]);
	await check({ status: 'removed' }, [p4]);
	await check({ node: leaves.a.domain }, [p1, p3, p4], 'domain a holds leaves a and c');
	await check({ node: leaves.a.group }, leaves.c.group === leaves.a.group ? [p1, p3, p4] : [p1, p3]);
	await check({ node: leaves.a.leaf }, [p1, p3]);
	await check({ node: leaves.b.leaf }, [p2, p3]);
	await check({ node: leaves.b.domain }, [p2, p3]);
	await check({ node: leaves.c.leaf }, leaves.c.leaf === leaves.a.leaf ? [p1, p3, p4] : [p4]);
	await check({ region: '高新区' }, [p2]);
	await check({ region: '本级' }, [p1, p3, p4]);
	await check({ region: '本' }, [], 'region is matched whole');
	await check({ title: '正高级' }, [p1]);
	await check({ title: '副高级' }, [p2]);
	await check({ title: '中级' }, [p3]);
	await check({ title: '初级' }, [p4]);
	await check({ age_min: 50 }, [p2, p3]);
	await check({ age_max: 42 }, [p1, p4]);
	await check({ age_min: 42, age_max: 50 }, [p2, p4]);
	await check({ age_min: 35, age_max: 35 }, [p1]);
	await check({ age_min: 59 }, []);
	await check({ remote: 1 }, [p1, p3]);
	await check({ remote: 0 }, [p2, p4]);
	await check({ status: 'active', remote: 0, region: '高新区', title: '副高级' }, [p2], 'combined');
	// employer: a part of it; % and _ are plain characters
	const l = await list({ employer: `${tok}b组` });
	assert.deepEqual(ids(l), [p2.expertId]);
	assert.deepEqual(new Set(ids(await list({ employer: tok }))), set(all));
	assert.deepEqual(ids(await list({ employer: `单位${tok}_` })), [], '_ is literal');
	assert.deepEqual(ids(await list({ employer: `单位${tok}%组` })), [], '% is literal');
	assert.deepEqual(ids(await list({ employer: '=HYPERLINK("http://evil' })).filter((id) => id === p3.expertId), [p3.expertId]);
	// q: the whole expert number too (not a part of it)
	assert.deepEqual(ids(await list({ q: p3.expertNo })), [p3.expertId]);
	assert.deepEqual(ids(await list({ q: `池${tok}b` })), [p2.expertId]);
	assert.equal((await list({ q: `池${tok}x` })).total, 0);
	// bad values
	for (const [k, v] of [['status', 'active,removed'], ['status', 'draft'], ['title', '高级'], ['age_min', 'x'], ['age_max', '200'],
		['age_min', '-1'], ['remote', '2'], ['remote', 'yes'], ['node', '0'], ['sort', 'age'], ['size', '15'], ['page', '0'], ['q', '长'.repeat(51)]]) {
		expectError(await mgr.get(`/api/pool/experts?${k}=${encodeURIComponent(v)}`), 422, 'invalid', [k]);
	}
});

test('list: the items — masked ID number, list columns, certificate status; sorting and paging', async () => {
	const { p1, p2, p3, p4 } = await pool();
	const l = await list({ q: `池${tok}`, sort: 'name' });
	assert.deepEqual(ids(l), [p1, p2, p3, p4].map((x) => x.expertId), 'by name');
	const [i1, i2, i3, i4] = l.items;
	assert.equal(i1.expert_no, p1.expertNo);
	assert.equal(i1.name, `池${tok}a`);
	assert.equal(i1.gender, '男');
	assert.equal(i2.gender, '女');
	assert.equal(i1.age, 35);
	assert.equal(i2.age, 50);
	assert.equal(i1.id_type, '居民身份证');
	assert.equal(i1.id_number, masked(p1.data.id_number));
	assert.match(i1.id_number, /^\d{3}\*{11}\d{3}[\dX]$/);
	for (const i of l.items) assert.equal(JSON.stringify(i).includes(p1.data.id_number.slice(3, 14)), false, 'never the middle digits');
	assert.equal(i1.employer, `单位${tok}a组`);
	assert.equal(i2.region, '高新区');
	assert.equal(i1.region, '本级');
	assert.equal(i1.title_level, '正高级');
	assert.equal(i1.remote, true);
	assert.equal(i2.remote, false);
	assert.equal(i1.status, 'active');
	assert.equal(i1.status_label, '在库');
	assert.equal(i3.status_label, '暂停');
	assert.equal(i4.status_label, '出库');
	assert.equal(i1.cert_status, 'valid');
	assert.match(i1.joined_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	assert.equal(i3.version, 2, 'suspended once');
	// sorting
	const joined = [p4, p2, p1, p3].map((x) => x.expertId);
	assert.deepEqual(ids(await list({ q: `池${tok}`, sort: 'joined_at' })), joined);
	assert.deepEqual(ids(await list({ q: `池${tok}`, sort: '-joined_at' })), [...joined].reverse());
	assert.deepEqual(ids(await list({ q: `池${tok}` })), [...joined].reverse(), 'newest first by default');
	const byNo = [p1, p2, p3, p4].sort((a, b) => (a.expertNo < b.expertNo ? -1 : 1)).map((x) => x.expertId);
	assert.deepEqual(ids(await list({ q: `池${tok}`, sort: 'expert_no' })), byNo);
	// paging
	let page = await list({ q: `池${tok}`, size: 10, page: 2 });
	assert.deepEqual(page.items, []);
	assert.equal(page.total, 4);
	assert.equal(page.page, 2);
	page = await list({ q: `池${tok}`, size: 50 });
	assert.equal(page.size, 50);
	assert.equal(page.items.length, 4);
	// the whole pool pages without overlap
	const all = await list({ size: 50 });
	if (all.total > 10) {
		const one = await list({ size: 10, page: 1 });
		const two = await list({ size: 10, page: 2 });
		assert.deepEqual([...ids(one), ...ids(two)], ids(all).slice(0, 20));
	}
});

test('an expert\'s record: masked ID number, phone, contact, specialties with paths, certificates, events', async () => {
	const { p3 } = await pool();
	const e = expectJson(await mgr.get(`/api/pool/experts/${p3.expertId}`), 200).expert;
	assert.equal(e.expert_no, p3.expertNo);
	assert.equal(e.id_number, masked(p3.data.id_number));
	assert.equal(e.phone, p3.user.phone);
	assert.equal(e.email, p3.data.email);
	assert.equal(e.address, p3.data.residence);
	assert.equal(e.birth_date, p3.data.birth_date);
	assert.equal(e.status, 'suspended');
	assert.equal(e.status_reason, '暂停一段时间');
	assert.deepEqual(e.specialties.map((x) => x.id), [leaves.a.leaf, leaves.b.leaf]);
	assert.deepEqual(e.specialties.map((x) => x.path), [leaves.a.path, leaves.b.path]);
	assert.equal(e.profile.name, p3.data.name);
	assert.equal(e.profile.id_number, undefined, 'the profile holds no ID number');
	assert.deepEqual(e.certificates.map((c) => [c.cert_no, c.status]), [[p3.certificate.cert_no, 'suspended']]);
	assert.deepEqual(e.events.map((v) => v.action), ['admit', 'suspend']);
	assert.equal(e.events[1].reason, '暂停一段时间');
	assert.equal(e.events[1].actor_name, '库管员');
	assert.deepEqual(e.changes, []);
	expectError(await mgr.get('/api/pool/experts/999999999'), 404, 'not_found');
	expectError(await mgr.get('/api/pool/experts/x1'), 404, 'not_found');
});

// ---- the export -------------------------------------------------------------------------------------

const CSV_HEAD = ['专家编号', '姓名', '性别', '年龄', '证件类型', '证件号码', '手机号', '电子邮箱', '工作单位', '评标地区', '最高职称', '擅长专业和方向', '是否接受远程评标', '状态', '证书编号', '证书有效期至', '入库时间'];

/** The cell of `row` under the header `name`. */
const cell = (row, name) => {
	assert.ok(CSV_HEAD.includes(name), `no column ${name}`);
	return row[CSV_HEAD.indexOf(name)];
};

/** A leaf's own name (the last part of its path). */
const leafName = (l) => l.path.split(' / ').pop();

test('CSV export: UTF-8 with a BOM, the header, one row per filtered expert, masked ID numbers, e-mail and specialties, formulas defused', async () => {
	const { p1, p2, p3, p4 } = await pool();
	const res = await mgr.get(`/api/pool/experts.csv?q=${encodeURIComponent(`池${tok}`)}`, { binary: true });
	assert.equal(res.status, 200, res.text);
	assert.match(res.headers.get('content-type'), /^text\/csv; ?charset=utf-8$/i);
	assert.match(res.headers.get('content-disposition') || '', /^attachment\b/);
	assert.ok((res.headers.get('content-disposition') || '').includes(encodeURIComponent('专家名单.csv')));
	assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
	const text = res.bytes.subarray(3).toString('utf8');
	assert.ok(text.endsWith('\r\n'));
	const rows = parseCsv(text);
	assert.deepEqual(rows[0], CSV_HEAD);
	assert.equal(rows.length, 5, 'the header and four experts');
	const byNo = new Map(rows.slice(1).map((r) => [r[0], r]));
	for (const x of [p1, p2, p3, p4]) {
		const r = byNo.get(x.expertNo);
		assert.ok(r, `a row for ${x.expertNo}`);
		assert.equal(r.length, CSV_HEAD.length);
		assert.equal(cell(r, '姓名'), x.data.name);
		assert.equal(cell(r, '证件类型'), '居民身份证');
		assert.equal(cell(r, '证件号码'), masked(x.data.id_number));
		assert.equal(cell(r, '手机号'), x.user.phone.replace(/^\+86/, ''), 'the national number, no leading +');
		assert.equal(cell(r, '证书编号'), x.certificate.cert_no);
		assert.equal(cell(r, '证书有效期至'), x.certificate.valid_until);
		assert.match(cell(r, '入库时间'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		assert.equal(text.includes(x.data.id_number), false, 'no full ID number anywhere');
	}
	const r1 = byNo.get(p1.expertNo), r2 = byNo.get(p2.expertNo), r3 = byNo.get(p3.expertNo), r4 = byNo.get(p4.expertNo);
	const some = (r, names) => names.map((n) => cell(r, n));
	assert.deepEqual(some(r1, ['性别', '年龄', '工作单位', '评标地区', '最高职称', '是否接受远程评标', '状态']), ['男', '35', `单位${tok}a组`, '本级', '正高级', '接受', '在库']);
	assert.deepEqual(some(r2, ['性别', '年龄', '评标地区', '最高职称', '是否接受远程评标', '状态']), ['女', '50', '高新区', '副高级', '不接受', '在库']);
	assert.equal(cell(r3, '状态'), '暂停');
	assert.equal(cell(r4, '状态'), '出库');
	// 邮箱 and 擅长专业 (the leaves' names in the profile's order, joined by 、)
	assert.equal(cell(r1, '电子邮箱'), p1.data.email);
	assert.equal(cell(r1, '擅长专业和方向'), leafName(leaves.a));
	assert.equal(cell(r2, '擅长专业和方向'), leafName(leaves.b));
	assert.equal(cell(r3, '擅长专业和方向'), `${leafName(leaves.a)}、${leafName(leaves.b)}`);
	assert.equal(cell(r4, '擅长专业和方向'), leafName(leaves.c));
	// the formula-looking employer and e-mail are text: an apostrophe in front, the rest kept
	assert.equal(cell(r3, '工作单位'), `'=HYPERLINK("http://evil.example/?x=1","点我")${tok}`);
	assert.equal(cell(r3, '电子邮箱'), `'=cmd${tok}@evil.example`);
	for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@]/, `a cell that starts a formula: ${c}`);
	// filters apply as in the list
	const active = parseCsv((await mgr.get(`/api/pool/experts.csv?status=active&q=${encodeURIComponent(`池${tok}`)}`)).text.replace(/^\uFEFF/, ''));
	assert.deepEqual(active.slice(1).map((r) => r[0]).sort(), [p1.expertNo, p2.expertNo].sort());
	const none = await mgr.get(`/api/pool/experts.csv?q=${encodeURIComponent(`池${tok}none`)}`, { binary: true });
	assert.equal(none.bytes.subarray(3).toString('utf8'), CSV_HEAD.join(',') + '\r\n', 'only the header');
	// a bad filter is a JSON error, not a file
	expectError(await mgr.get('/api/pool/experts.csv?title=x'), 422, 'invalid', ['title']);
});

test('CSV export: full-width formula signs (＝ ＋ － ＠) are defused too', async () => {
	const t = token();
	const x = await approvedExpert({
		name: `＠池${t}`,
		edit: (d) => { d.employer = `＝HYPERLINK("http://evil.example/","点我")${t}`; },
	});
	const res = await mgr.get(`/api/pool/experts.csv?q=${encodeURIComponent(`池${t}`)}`, { binary: true });
	assert.equal(res.status, 200, res.text);
	const rows = parseCsv(res.bytes.subarray(3).toString('utf8'));
	assert.equal(rows.length, 2, 'the header and the expert');
	const r = rows[1], col = (name) => r[rows[0].indexOf(name)];
	assert.equal(col('专家编号'), x.expertNo);
	assert.equal(col('姓名'), `'＠池${t}`);
	assert.equal(col('工作单位'), `'＝HYPERLINK("http://evil.example/","点我")${t}`);
	for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@＝＋－＠\t\r]/, `a cell that starts a formula: ${cell}`);
});

// ---- suspend, restore, remove -------------------------------------------------------------------------

test('suspend / restore / remove: reason required (422), wrong state and stale version → 409, nothing changed', async () => {
	const x = await approvedExpert();
	const url = `/api/pool/experts/${x.expertId}`;
	for (const verb of ['suspend', 'remove']) {
		expectError(await mgr.post(`${url}/${verb}`, { version: 1 }), 422, 'invalid', ['reason']);
		expectError(await mgr.post(`${url}/${verb}`, { version: 1, reason: '' }), 422, 'invalid', ['reason']);
		expectError(await mgr.post(`${url}/${verb}`, { version: 1, reason: '长'.repeat(501) }), 422, 'invalid', ['reason']);
		expectError(await mgr.post(`${url}/${verb}`, { reason: '没有版本' }), 422, 'invalid', ['version']);
		expectError(await mgr.post(`${url}/${verb}`, { version: 2, reason: '过期' }), 409, 'conflict');
	}
	expectError(await mgr.post(`${url}/restore`, { version: 1, reason: '在库的不能恢复' }), 409, 'conflict');
	let e = expectJson(await mgr.get(url), 200).expert;
	assert.equal(e.status, 'active');
	assert.equal(e.version, 1);
	assert.deepEqual(e.events.map((v) => v.action), ['admit']);
	// suspend
	let res = expectJson(await mgr.post(`${url}/suspend`, { version: 1, reason: '涉嫌违规，暂停' }), 200);
	assert.deepEqual(res, { status: 'suspended', status_label: '暂停', version: 2 });
	expectError(await mgr.post(`${url}/suspend`, { version: 2, reason: '再暂停' }), 409, 'conflict');
	expectError(await mgr.post(`${url}/restore`, { version: 1, reason: '旧版本' }), 409, 'conflict');
	assert.equal(expectJson(await x.client.get('/api/expert'), 200).expert.status, 'suspended');
	// restore
	res = expectJson(await mgr.post(`${url}/restore`, { version: 2, reason: '核查无误' }), 200);
	assert.deepEqual(res, { status: 'active', status_label: '在库', version: 3 });
	expectError(await mgr.post(`${url}/restore`, { version: 3, reason: '再恢复' }), 409, 'conflict');
	// remove, final
	res = expectJson(await mgr.post(`${url}/remove`, { version: 3, reason: '年龄超限出库' }), 200);
	assert.deepEqual(res, { status: 'removed', status_label: '出库', version: 4 });
	for (const verb of ['suspend', 'restore', 'remove']) {
		expectError(await mgr.post(`${url}/${verb}`, { version: 4, reason: '已出库' }), 409, 'conflict');
	}
	e = expectJson(await mgr.get(url), 200).expert;
	assert.equal(e.status, 'removed');
	assert.equal(e.status_reason, '年龄超限出库');
	assert.equal(e.version, 4);
	assert.deepEqual(e.events.map((v) => [v.action, v.reason]),
		[['admit', ''], ['suspend', '涉嫌违规，暂停'], ['restore', '核查无误'], ['remove', '年龄超限出库']]);
	assert.deepEqual(e.events.slice(1).map((v) => v.actor_name), ['库管员', '库管员', '库管员']);
	assert.deepEqual(e.events[3].summary, { from: 'active', to: 'removed' });
	// the audit log, newest first
	const admin = await superAdmin();
	const audit = expectJson(await admin.get(`/api/admin/audit?object_type=expert&object_id=${x.expertId}`), 200);
	assert.deepEqual(audit.items.map((i) => i.action), ['expert.remove', 'expert.restore', 'expert.suspend']);
	assert.equal(audit.total, 3);
	for (const i of audit.items) {
		assert.equal(i.actor_id, mgrId);
		assert.equal(i.actor_name, '库管员');
		assert.equal(i.object_type, 'expert');
		assert.equal(i.object_id, x.expertId);
		assert.equal(i.summary.expert_no, x.expertNo);
	}
	assert.deepEqual(audit.items[0].summary, { expert_no: x.expertNo, from: 'active', to: 'removed', reason: '年龄超限出库' });
	assert.deepEqual(audit.items[2].summary, { expert_no: x.expertNo, from: 'active', to: 'suspended', reason: '涉嫌违规，暂停' });
	// a removed expert sees it and can request no change
	const mine = expectJson(await x.client.get('/api/expert'), 200).expert;
	assert.equal(mine.status, 'removed');
	assert.equal(mine.status_label, '出库');
	expectError(await x.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: true } }), 403, 'expert_removed');
	// unknown expert
	expectError(await mgr.post('/api/pool/experts/999999999/suspend', { version: 1, reason: '无此人' }), 404, 'not_found');
});

test('suspend racing suspend: exactly one wins, one event and one audit record', async () => {
	const x = await approvedExpert();
	const url = `/api/pool/experts/${x.expertId}/suspend`;
	const pair = await Promise.all([mgr.post(url, { version: 1, reason: '甲' }), mgr.post(url, { version: 1, reason: '乙' })]);
	assert.deepEqual(pair.map((r) => r.status).sort(), [200, 409], pair.map((r) => r.text).join(' | '));
	const e = expectJson(await mgr.get(`/api/pool/experts/${x.expertId}`), 200).expert;
	assert.deepEqual(e.events.map((v) => v.action), ['admit', 'suspend']);
	assert.equal(e.version, 2);
	const audit = expectJson(await (await superAdmin()).get(`/api/admin/audit?object_type=expert&object_id=${x.expertId}`), 200);
	assert.equal(audit.total, 1);
});

test('suspend / restore / remove tell the expert by SMS: exactly one message each, with the reason; a refused one sends none', async () => {
	const x = await approvedExpert({ name: '短信通知' });
	const url = `/api/pool/experts/${x.expertId}`;
	const phone = x.user.phone;
	await waitSms(phone, 0, { match: /审核通过/ });       // the approval's own message is out first
	const steps = [
		['suspend', 1, `涉嫌违规${token()}`, /专家资格已暂停/],
		['restore', 2, `核查无误${token()}`, /专家资格已恢复/],
		['remove', 3, `年龄超限${token()}`, /已出库/],
	];
	for (const [verb, version, reason, words] of steps) {
		const off = smsOffset();
		expectJson(await mgr.post(`${url}/${verb}`, { version, reason }), 200);
		const m = await waitSms(phone, off, { match: (t) => t.includes(reason) });
		assert.match(m.text, words);
		assert.ok(m.text.includes(x.expertNo), m.text);
		assert.ok(m.text.includes('短信通知'), m.text);
		await sleep(1200);          // a few dispatcher periods: a second message would be there
		assert.equal(smsSince(phone, off).length, 1, `one message for ${verb}: ${JSON.stringify(smsSince(phone, off))}`);
	}
	// refused (already removed, or a stale version): no message
	const off = smsOffset();
	expectError(await mgr.post(`${url}/restore`, { version: 4, reason: '不应发送' }), 409, 'conflict');
	expectError(await mgr.post(`${url}/remove`, { version: 1, reason: '不应发送' }), 409, 'conflict');
	await expectNoSms(phone, off);
	// a long reason is cut to fit
	const y = await approvedExpert();
	const long = '长'.repeat(45) + token();
	const off2 = smsOffset();
	expectJson(await mgr.post(`/api/pool/experts/${y.expertId}/suspend`, { version: 1, reason: long }), 200);
	const m = await waitSms(y.user.phone, off2, { match: /暂停/ });
	assert.ok(m.text.includes('长'.repeat(40) + '…'), m.text);
});
