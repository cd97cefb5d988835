// The admin lists' totals come from counters kept by triggers (migration 008) when the filters
// are on counted columns only: the pool by status, region, title level and remote, or by status
// and age; the review queue by status; the audit log by actor and action. Through every write
// path — draft, submit, withdraw, reject, approve, suspend, restore, remove, change requests that
// move region, remote and title, closing an account (a pool member's and a draft's), parallel
// moves — each total the API gives equals the rows' own COUNT(*), and `expertpool-admin recount`
// finds no counter off; a counter tampered with is found and rebuilt. Pages in a list's second
// half (read from its other end) are the same pages as SQL's.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectJson } from '../lib/expect.mjs';
import { resetIpLimits, sql, lit } from '../lib/db.mjs';
import { currentVersion, expertWithDraft, expertSubmitted, applyOptions, uploadFile, pdf, submit, reviewer } from '../lib/apply.mjs';
import { adminTool, anyId, approvedExpert, inBatches, poolMove, staffSession, superAdmin, threeLeaves } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let mgr, mgrId, sup, leaves;

before(async () => {
	resetIpLimits();
	const m = await staffSession(['manager'], { name: '计数管理员' });
	mgr = m.client;
	mgrId = m.id;
	sup = await superAdmin();
	const { client } = await expertSubmitted({ id: anyId() });
	leaves = threeLeaves(await applyOptions(client));
});

const one = (q) => Number(sql(q)[0][0]);
async function total(client, path, query) {
	const res = await client.get(`${path}?${new URLSearchParams(query)}`);
	assert.equal(res.status, 200, `${path} ${JSON.stringify(query)}: ${res.text}`);
	return expectJson(res, 200).total;
}

// aged min to max (whole years, today in China)
const TODAY = "DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)";
const born = (min, max) => `birth_date <= ${TODAY} - INTERVAL ${min} YEAR` +
	(max === undefined ? '' : ` AND birth_date > ${TODAY} - INTERVAL ${max + 1} YEAR`);

// [the list's query, the rows' own count]; actors and actions of the audit log as they stand
function cases() {
	const actor = one('SELECT actor_id FROM audit_log WHERE actor_id > 0 GROUP BY actor_id ORDER BY COUNT(*) DESC LIMIT 1');
	return [
		['/api/pool/experts', {}, 'SELECT COUNT(*) FROM experts'],
		...['active', 'suspended', 'removed'].map((s) => ['/api/pool/experts', { status: s }, `SELECT COUNT(*) FROM experts WHERE status = '${s}'`]),
		['/api/pool/experts', { region: '本级' }, "SELECT COUNT(*) FROM experts WHERE region = '本级'"],
		...['正高级', '副高级'].map((t) => ['/api/pool/experts', { title: t }, `SELECT COUNT(*) FROM experts WHERE title_level = ${lit(t)}`]),
		['/api/pool/experts', { remote: 0 }, 'SELECT COUNT(*) FROM experts WHERE remote = 0'],
		['/api/pool/experts', { status: 'active', title: '正高级', remote: 1, region: '本级' },
			"SELECT COUNT(*) FROM experts WHERE status = 'active' AND title_level = '正高级' AND remote = 1 AND region = '本级'"],
		['/api/pool/experts', { age_min: 40, age_max: 50 }, `SELECT COUNT(*) FROM experts WHERE ${born(40, 50)}`],
		['/api/pool/experts', { status: 'active', age_min: 45 }, `SELECT COUNT(*) FROM experts WHERE status = 'active' AND ${born(45)}`],
		['/api/pool/experts', { status: 'removed', age_max: 44 }, `SELECT COUNT(*) FROM experts WHERE status = 'removed' AND ${born(0, 44)}`],
		['/api/review/queue', {}, "SELECT COUNT(*) FROM applications WHERE status IN ('submitted', 'reviewing', 'passed')"],
		['/api/review/queue', { status: 'all' }, "SELECT COUNT(*) FROM applications WHERE status <> 'draft'"],
		...['submitted', 'rejected', 'approved'].map((s) => ['/api/review/queue', { status: s }, `SELECT COUNT(*) FROM applications WHERE status = '${s}'`]),
		['/api/admin/audit', {}, 'SELECT COUNT(*) FROM audit_log'],
		['/api/admin/audit', { actor }, `SELECT COUNT(*) FROM audit_log WHERE actor_id = ${actor}`],
		['/api/admin/audit', { actor: mgrId }, `SELECT COUNT(*) FROM audit_log WHERE actor_id = ${mgrId}`],
		...['application.approve', 'expert.suspend', 'account.close'].map((a) =>
			['/api/admin/audit', { action: a }, `SELECT COUNT(*) FROM audit_log WHERE action = '${a}'`]),
		['/api/admin/audit', { actor: mgrId, action: 'expert.suspend' },
			`SELECT COUNT(*) FROM audit_log WHERE actor_id = ${mgrId} AND action = 'expert.suspend'`],
	];
}

/** Every case's total through the API equals its rows' count; recount finds nothing off. */
async function exact(when) {
	for (const [path, query, count] of cases()) {
		const client = path.startsWith('/api/admin') ? sup : path.startsWith('/api/review') ? (await reviewerClient()) : mgr;
		assert.equal(await total(client, path, query), one(count), `${when}: ${path} ${JSON.stringify(query)}`);
	}
	const r = adminTool('recount');
	assert.equal(r.status, 0, `${when}: ${r.stdout}${r.stderr}`);
	assert.match(r.stdout, /^recount: 0 counts differed/);
}

let reviewing;
async function reviewerClient() {
	reviewing ??= (await staffSession(['reviewer'], { name: '计数审核员' })).client;
	return reviewing;
}

async function title(x, level) {
	const scan = (await uploadFile(x.client, 'scan', pdf('title'), { name: '职称.pdf' })).id;
	return { name: '高级工程师', level, specialty: '结构工程', authority: '某省人力资源和社会保障厅', date: '2021-06-01', scan };
}

async function approveChange(x, kind, data) {
	const c = expectJson(await x.client.post('/api/expert/changes', { kind, data }), 201).change;
	expectJson(await mgr.post(`/api/pool/changes/${c.id}/approve`, { version: c.version }), 200);
}

test('the totals stay exact through drafts, submission, withdrawal, rejection and approval', async () => {
	await exact('at the start');
	const d = await expertWithDraft();
	await exact('after a draft');
	expectJson(await submit(d.client, d.version), 200);
	await exact('after a submission');
	expectJson(await d.client.post('/api/withdraw/', { version: await currentVersion(d.client), confirm: true }), 200);
	await exact('after a withdrawal');
	const s = await expertSubmitted({ id: anyId() });
	reviewer(s.user.phone, 'reject', { department: '建设工程处', reason: '材料不全' });
	await exact('after a rejection');
	await approvedExpert({ leaves: [leaves.a.leaf] });
	await exact('after an approval');
});

test('the totals stay exact through suspend, restore, remove and change requests of region, remote and title', async () => {
	const x = await approvedExpert({ leaves: [leaves.a.leaf] });
	await poolMove(mgr, x.expertId, 'suspend');
	await exact('after a suspension');
	await poolMove(mgr, x.expertId, 'restore');
	await exact('after a restoration');
	const before = one(`SELECT CONCAT(IFNULL(region, ''), '|', remote, '|', IFNULL(title_level, '')) FROM experts WHERE id = ${x.expertId}`);
	await approveChange(x, 'region', { region: '本级', remote: false });
	await approveChange(x, 'titles', { titles: [await title(x, '正高级')] });
	const after = sql(`SELECT region, remote, title_level FROM experts WHERE id = ${x.expertId}`)[0];
	assert.deepEqual(after, ['本级', '0', '正高级'], `the change requests moved the counted columns (before: ${before})`);
	await exact('after change requests');
	await poolMove(mgr, x.expertId, 'remove');
	await exact('after a removal');
});

test('the totals stay exact when accounts close (a pool member, a draft) and under parallel moves', async () => {
	const x = await approvedExpert();
	expectJson(await x.client.post('/api/personal/close', { password: x.user.password, confirm: '注销账号' }), 200);
	await exact('after a pool member closed the account');
	const d = await expertWithDraft();
	expectJson(await d.client.post('/api/personal/close', { password: d.user.password, confirm: '注销账号' }), 200);
	assert.equal(one(`SELECT COUNT(*) FROM applications a JOIN users u ON u.id = a.user_id WHERE u.status = 'closed' AND a.status = 'draft'`), 0, 'the draft is erased');
	await exact('after a draft\'s owner closed the account');
	const many = [];
	for (let i = 0; i < 6; i++) many.push(await approvedExpert());
	await Promise.all(many.map((e) => poolMove(mgr, e.expertId, 'suspend')));
	await Promise.all(many.map((e, i) => poolMove(mgr, e.expertId, i % 2 ? 'restore' : 'remove')));
	await exact('after parallel moves');
});

test('recount: a counter made wrong is found, rebuilt, and the list is right again', async () => {
	const want = one("SELECT COUNT(*) FROM experts WHERE status = 'active'");
	sql("UPDATE expert_counts SET n = n + 7 WHERE status = 'active' ORDER BY n DESC LIMIT 1");
	sql("INSERT INTO audit_action_counts (action, slot, n) VALUES ('no.such.action', 0, 3)");
	sql("UPDATE expert_birth_counts SET n = n - 1 ORDER BY n DESC LIMIT 1");
	assert.equal(await total(mgr, '/api/pool/experts', { status: 'active' }), want + 7, 'the list reads the counters');
	const r = adminTool('recount');
	assert.equal(r.status, 3, r.stdout + r.stderr);
	assert.match(r.stdout, /^recount: 3 counts differed from their rows; all rebuilt/);
	assert.equal(await total(mgr, '/api/pool/experts', { status: 'active' }), want);
	assert.equal(await total(sup, '/api/admin/audit', { action: 'no.such.action' }), 0);
	await exact('after the rebuild');
});

test('a page in the second half of a list is read from the other end and is the same page', async () => {
	const missing = 25 - one('SELECT COUNT(*) FROM experts');
	if (missing > 0) await inBatches(missing, 4, () => approvedExpert());
	const audit = one('SELECT COUNT(*) FROM audit_log');
	const experts = one('SELECT COUNT(*) FROM experts');
	const ids = (rows) => rows.map((r) => Number(r[0]));
	const cases = [
		// [client, path, query, the same page in SQL]; pages near the end, the last one partial
		...[Math.ceil(audit / 10), Math.ceil(audit / 10) - 1, Math.ceil(audit / 20) + 1].map((page) => [sup, '/api/admin/audit',
			{ page }, `SELECT id FROM audit_log ORDER BY id DESC LIMIT 10 OFFSET ${(page - 1) * 10}`]),
		...[['name', 'name ASC, id ASC'], ['-joined_at', 'joined_at DESC, id DESC'], ['expert_no', 'expert_no ASC']].map(([sort, by]) =>
			[mgr, '/api/pool/experts', { sort, page: Math.ceil(experts / 10) },
				`SELECT id FROM experts ORDER BY ${by} LIMIT 10 OFFSET ${(Math.ceil(experts / 10) - 1) * 10}`]),
		[mgr, '/api/pool/experts', { status: 'active', sort: 'name', size: 20, page: Math.ceil(one("SELECT COUNT(*) FROM experts WHERE status = 'active'") / 20) },
			`SELECT id FROM experts WHERE status = 'active' ORDER BY name, id LIMIT 20 OFFSET ${(Math.ceil(one("SELECT COUNT(*) FROM experts WHERE status = 'active'") / 20) - 1) * 20}`],
	];
	assert.ok(experts > 20 && audit > 40, `enough rows for pages in the second half (${experts} experts, ${audit} entries)`);
	for (const [client, path, query, want] of cases) {
		const res = await client.get(`${path}?${new URLSearchParams(query)}`);
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.body.items.map((i) => i.id), ids(sql(want)), `${path} ${JSON.stringify(query)}`);
	}
	// past the end: empty
	const past = await sup.get(`/api/admin/audit?page=${Math.ceil(audit / 10) + 5}`);
	assert.deepEqual(expectJson(past, 200).items, []);
});
