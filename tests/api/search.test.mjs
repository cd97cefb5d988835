// The admin lists' name and employer searches through the search dictionary (search_texts,
// search_grams): a part anywhere in a name or an employer, one character, two, many (grams and
// then the whole text), upper and lower case and full-width letters alike, white space runs as
// one; an expert number whole; nothing found → an empty page with total 0; the dictionary
// follows every write in the same statement (an approved employer change, a withdrawal and a
// resubmission with another name); the node indexes' copies of the list columns follow too; and
// `expertpool-admin reindex-search` rebuilds it.
//
// Each test makes its own texts from characters of CJK Extension A (U+3400–U+4DBF), which no
// other test writes, drawn at random: a search of one or two of them finds this file's rows only.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectJson } from '../lib/expect.mjs';
import { lit, resetIpLimits, sql } from '../lib/db.mjs';
import { applyOptions, currentVersion, expertSubmitted, proofFile, saveDraftOk, submit } from '../lib/apply.mjs';
import { adminTool, anyId, applicationOf, approvedExpert, staffSession, threeLeaves } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let staff, leaves;

before(async () => {
	resetIpLimits();
	staff = (await staffSession(['reviewer', 'manager'], { name: '检索员' })).client;
	const { client } = await expertSubmitted({ id: anyId() });
	leaves = threeLeaves(await applyOptions(client));
});

const used = new Set();
/** n characters of CJK Extension A no earlier call returned. */
function rare(n = 1) {
	let s = '';
	while (s.length < n) {
		const c = String.fromCodePoint(0x3400 + crypto.randomInt(0, 0x4dc0 - 0x3400));
		if (!used.has(c)) {
			used.add(c);
			s += c;
		}
	}
	return s;
}

async function get(path, query) {
	return expectJson(await staff.get(`${path}?${new URLSearchParams({ size: 50, ...query })}`), 200);
}
const pool = (query) => get('/api/pool/experts', query);
const queue = (query) => get('/api/review/queue', { status: 'all', ...query });
const changes = (query) => get('/api/pool/changes', { status: 'all', ...query });
const ids = (l) => new Set(l.items.map((i) => i.id));

/** The list's items are exactly `want` (ids), and its total says so. */
function same(list, want, what) {
	assert.deepEqual(ids(list), new Set(want), `${what}: ${JSON.stringify(list.items.map((i) => i.name ?? i.id))}`);
	assert.equal(list.total, want.length, `${what}: total`);
}

const expert = (name, employer) => approvedExpert({
	name, leaves: [leaves.a.leaf], edit: (d) => { d.employer = employer; },
});

test('pool: a part of a name anywhere, one character, two, many; an employer\'s part; q and employer together; nothing found', async () => {
	const [x, y, z] = [rare(), rare(), rare()];
	const u = rare(6);                    // a long run: more grams than a search uses
	const a = await expert(`欧${x}${y}明`, `${u}设计研究院`);
	const b = await expert(`${y}${x}${y}伟`, `${z}市政工程${u}`);
	const c = await expert(`李${x}${u}`, `${z}建工集团`);
	same(await pool({ q: x }), [a.expertId, b.expertId, c.expertId], 'one character, in the middle or at the start');
	same(await pool({ q: `${x}${y}` }), [a.expertId, b.expertId], 'two');
	same(await pool({ q: `${y}${x}` }), [b.expertId], 'two, the other way round');
	same(await pool({ q: `${y}${x}${y}` }), [b.expertId], 'three');
	same(await pool({ q: `${x}${y}${x}` }), [], 'every pair of it in one name, but not the run');
	same(await pool({ q: `欧${x}${y}明` }), [a.expertId], 'the whole name');
	same(await pool({ q: `${x}${u}` }), [c.expertId], 'many characters');
	same(await pool({ employer: u }), [a.expertId, b.expertId], 'the employer\'s part, at the start or the end');
	same(await pool({ employer: `${u}设计` }), [a.expertId]);
	same(await pool({ employer: z }), [b.expertId, c.expertId]);
	same(await pool({ employer: `${z}建工集团` }), [c.expertId], 'the whole employer');
	same(await pool({ q: x, employer: z }), [b.expertId, c.expertId], 'q and employer together');
	same(await pool({ q: x, employer: z, title: '副高级', status: 'active', node: leaves.a.leaf }), [b.expertId, c.expertId], 'with the other filters');
	same(await pool({ q: x, employer: z, status: 'suspended' }), [], 'and a filter none passes');
	same(await pool({ q: u }), [c.expertId], 'a name\'s search does not look at the employer');
	same(await pool({ q: a.expertNo }), [a.expertId], 'an expert number, whole');
	same(await pool({ q: a.expertNo, employer: z }), [], 'an expert number and another filter');
	same(await pool({ q: `${x}${rare()}` }), [], 'nothing found');
	for (const q of ['zzzz', 'ZJ00000000000', rare(3)]) {
		const l = await pool({ q });
		assert.equal(l.total, 0, q);
		assert.deepEqual(l.items, [], q);
	}
	// the total counts every match, beyond the page
	for (const sort of ['name', 'expert_no', 'joined_at', '-joined_at']) {
		const first = await pool({ q: x, size: 10, sort });
		assert.equal(first.total, 3, sort);
		assert.equal(first.items.length, 3, sort);
	}
	// the CSV export takes the same search
	const csv = await staff.get(`/api/pool/experts.csv?${new URLSearchParams({ q: x })}`);
	assert.equal(csv.status, 200);
	assert.equal(csv.text.trim().split('\r\n').length, 4, csv.text);
	const csvNo = await staff.get(`/api/pool/experts.csv?${new URLSearchParams({ q: b.expertNo })}`);
	assert.equal(csvNo.text.trim().split('\r\n').length, 2, csvNo.text);
});

test('case, full-width letters and white space: searched alike, both ways', async () => {
	const x = rare(2);
	const a = await expert(`Ｌｉ ${x} ＭＩＮＧ`, `ＡＢＣ${x}设计院`);
	const b = await expert(`li　${x}　ming`, `abc ${x} Design`);        // ideographic spaces
	same(await pool({ q: `li ${x}` }), [a.expertId, b.expertId], 'half-width lower case finds full-width upper case');
	same(await pool({ q: `ＬＩ  ${x}  ＭＩＮＧ` }), [a.expertId, b.expertId], 'full-width upper case and a run of spaces');
	same(await pool({ q: `${x} Ming` }), [a.expertId, b.expertId]);
	same(await pool({ q: `li${x}` }), [], 'a space is not nothing');
	same(await pool({ employer: `abc${x}` }), [a.expertId]);
	same(await pool({ employer: `ＡＢＣ ${x} ｄｅｓｉｇｎ` }), [b.expertId]);
	same(await queue({ q: `ａｂｃ${x}` }), [a.appId], 'the queue too');
	same(await queue({ q: `ABC ${x}` }), [b.appId]);
	// nothing but white space searches nothing: the whole list
	const all = await pool({ size: 10 });
	const blank = await pool({ q: ' \u3000 ', size: 10 });
	assert.equal(blank.total, all.total);
});

test('review queue: a part of the name or of the employer, in every status filter; nothing found', async () => {
	const [x, y] = [rare(), rare()];
	const other = [leaves.b.leaf];
	const s1 = await expertSubmitted({ id: anyId(), name: `王${x}${y}`, leaves: other, edit: (d) => { d.employer = '某建筑设计院'; } });
	const s2 = await expertSubmitted({ id: anyId(), name: '赵某', leaves: other, edit: (d) => { d.employer = `某${y}${x}咨询公司`; } });
	const s3 = await approvedExpert({ name: `孙${y}`, leaves: [leaves.a.leaf], edit: (d) => { d.employer = `${x}设计院`; } });
	const [a1, a2] = [await applicationOf(s1.client), await applicationOf(s2.client)];
	same(await queue({ q: x }), [a1.id, a2.id, s3.appId], 'the name or the employer');
	same(await queue({ q: x, status: 'todo' }), [a1.id, a2.id], 'todo: the approved one is not');
	same(await queue({ q: x, status: 'approved' }), [s3.appId]);
	same(await queue({ q: `${x}${y}` }), [a1.id], 'a pair in the name');
	same(await queue({ q: `${y}${x}` }), [a2.id], 'a pair in the employer');
	same(await queue({ q: `${y}${x}咨询` }), [a2.id], 'many in the employer');
	same(await queue({ q: x, node: leaves.a.leaf }), [s3.appId], 'with the specialty filter');
	same(await queue({ q: `${x}${y}${x}` }), [], 'nothing found');
	same(await queue({ q: `${x}${y}${x}`, status: 'todo' }), [], 'nothing found (todo)');
	for (const sort of ['name', 'submitted_at', '-submitted_at']) {
		const first = await queue({ q: x, sort, size: 10 });
		assert.equal(first.total, 3, sort);
		assert.equal(first.items.length, 3, sort);
	}
	// the change requests' search looks at the expert's name and number
	const c = expectJson(await s3.client.post('/api/expert/changes', { kind: 'region', data: { region: '本级', remote: false } }), 201).change;
	same(await changes({ q: y }), [c.id], 'changes: a part of the name');
	same(await changes({ q: s3.expertNo }), [c.id], 'changes: the expert number');
	same(await changes({ q: x }), [], 'changes: not the employer');
	same(await changes({ q: y, status: 'approved' }), [], 'changes: with the status filter');
});

test('an approved employer change: the new employer is found at once, the old one no more', async () => {
	const [old, next] = [rare(2), rare(2)];
	const x = await expert(`周${rare()}`, `${old}规划院`);
	same(await pool({ employer: old }), [x.expertId], 'before');
	const c = expectJson(await x.client.post('/api/expert/changes', {
		kind: 'employer', data: { employment: '在职', employer: `${next}勘察院`, position: '院长' }, files: [await proofFile(x.client)],
	}), 201).change;
	same(await pool({ employer: next }), [], 'a pending request changes nothing');
	expectJson(await staff.post(`/api/pool/changes/${c.id}/approve`, { version: c.version }), 200);
	same(await pool({ employer: next }), [x.expertId], 'after: the new employer');
	same(await pool({ employer: `${next}勘察院` }), [x.expertId], 'after: the whole new employer');
	same(await pool({ employer: old }), [], 'after: not the old one');
	// the employer and its text id were written by one statement
	const [[employer, text]] = sql(`SELECT e.employer, CONVERT(t.text USING utf8mb4) FROM experts e
		JOIN search_texts t ON t.id = e.employer_sid WHERE e.id = ${x.expertId}`);
	assert.equal(employer, `${next}勘察院`);
	assert.equal(text, `${next}勘察院`);
});

test('withdraw and resubmit under another name: the queue finds the new name only, and no draft', async () => {
	const [first, second] = [rare(2), rare(2)];
	const s = await expertSubmitted({ id: anyId(), name: `吴${first}` });
	const app = await applicationOf(s.client);
	same(await queue({ q: first }), [app.id], 'submitted');
	expectJson(await s.client.post('/api/withdraw/', { version: s.version, confirm: true }), 200);
	same(await queue({ q: first }), [], 'withdrawn: a draft is not in the queue');
	const v = await saveDraftOk(s.client, await currentVersion(s.client), { ...s.data, name: `吴${second}` });
	same(await queue({ q: second }), [], 'a saved draft is not in the queue either');
	expectJson(await submit(s.client, v), 200);
	same(await queue({ q: second }), [app.id], 'resubmitted: the new name');
	same(await queue({ q: first }), [], 'resubmitted: not the old name');
	same(await queue({ q: second, status: 'submitted' }), [app.id]);
});

test('expertpool-admin reindex-search: rows whose text ids were lost are found again; unused texts go', async () => {
	const x = rare(2);
	const e = await expert(`郑${x}`, `${x}测绘院`);
	same(await pool({ q: x }), [e.expertId], 'before');
	// as after migration 004 (the columns empty), plus a text no row uses
	sql(`UPDATE experts SET name_sid = NULL, employer_sid = NULL WHERE id = ${e.expertId};
UPDATE applications SET name_sid = NULL, employer_sid = NULL WHERE id = ${e.appId};
INSERT INTO search_texts (text) VALUES (${lit(`无人用${x}`)});`);
	same(await pool({ q: x }), [], 'lost');
	same(await pool({ employer: x }), [], 'lost');
	same(await queue({ q: x }), [], 'lost');
	const r = adminTool('reindex-search');
	assert.equal(r.status, 0, r.stdout + r.stderr);
	assert.match(r.stdout, /^reindex-search: \d+ rows, [1-9]\d* pointed at other texts; [1-9]\d* unused texts dropped; \d+ texts with \d+ grams$/m);
	same(await pool({ q: x }), [e.expertId], 'found again by name');
	same(await pool({ employer: x }), [e.expertId], 'and by employer');
	same(await queue({ q: x }), [e.appId], 'in the queue too');
	assert.deepEqual(sql(`SELECT COUNT(*) FROM search_texts WHERE text = ${lit(`无人用${x}`)}`), [['0']]);
	// a second run finds nothing to change
	const again = adminTool('reindex-search');
	assert.equal(again.status, 0, again.stdout + again.stderr);
	assert.match(again.stdout, / 0 pointed at other texts; 0 unused texts dropped;/);
});

test('the node index keeps the list columns: a count by node follows a suspension and an approved change at once', async () => {
	const leaf = leaves.a.leaf;
	const total = async (query) => (await pool({ node: leaf, ...query })).total;
	const employer = `${rare(2)}院`;
	const x = await expert(`冯${rare()}`, employer);
	const before = { suspended: await total({ status: 'suspended' }), active: await total({ status: 'active' }) };
	assert.equal(await total({ employer }), 1, 'the employer within the node');
	const e = expectJson(await staff.get(`/api/pool/experts/${x.expertId}`), 200).expert;
	expectJson(await staff.post(`/api/pool/experts/${x.expertId}/suspend`, { version: e.version, reason: '核查' }), 200);
	assert.equal(await total({ status: 'suspended' }), before.suspended + 1);
	assert.equal(await total({ status: 'active' }), before.active - 1);
	assert.equal(await total({ status: 'suspended', employer }), 1);
	const s = expectJson(await staff.get(`/api/pool/experts/${x.expertId}`), 200).expert;
	expectJson(await staff.post(`/api/pool/experts/${x.expertId}/restore`, { version: s.version, reason: '核查完毕' }), 200);
	assert.equal(await total({ status: 'suspended' }), before.suspended);
	const next = `${rare(2)}所`;
	const c = expectJson(await x.client.post('/api/expert/changes', {
		kind: 'employer', data: { employment: '在职', employer: next, position: '所长' }, files: [await proofFile(x.client)],
	}), 201).change;
	expectJson(await staff.post(`/api/pool/changes/${c.id}/approve`, { version: c.version }), 200);
	assert.equal(await total({ employer: next }), 1, 'the new employer within the node');
	assert.equal(await total({ employer }), 0, 'the old one no more');
	// and so for every row this run wrote: the copies equal the rows
	assert.deepEqual(sql(`SELECT COUNT(*) FROM expert_taxonomy x JOIN experts e ON e.id = x.expert_id
		WHERE NOT (x.status <=> e.status AND x.region <=> e.region AND x.title_level <=> e.title_level
		AND x.remote <=> e.remote AND x.birth_date <=> e.birth_date AND x.name_sid <=> e.name_sid
		AND x.employer_sid <=> e.employer_sid)`), [['0']]);
	assert.deepEqual(sql(`SELECT COUNT(*) FROM application_taxonomy x JOIN applications a ON a.id = x.application_id
		WHERE a.status <> 'draft' AND NOT (x.status <=> a.status AND x.submitted_at <=> a.submitted_at
		AND x.name_sid <=> a.name_sid AND x.employer_sid <=> a.employer_sid)`), [['0']]);
});
