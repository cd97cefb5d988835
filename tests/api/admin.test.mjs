// The super-admin's pages: staff accounts (create with every field checked, duplicates, list
// filters, roles / department / status changes taking effect at once, the super-admin's own
// account protected, initial passwords reset) and the audit log (filters, order, and the
// database account of the programs unable to change or delete it).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { expectError, expectJson, expectUser } from '../lib/expect.mjs';
import { resetIpLimits, sql } from '../lib/db.mjs';
import { need } from '../lib/env.mjs';
import { expertSession, loginPassword, newClient, randomPassword, randomPhone, randomUsername, COMMON_PASSWORDS } from '../lib/flows.mjs';
import { chinaDate, expertSubmitted } from '../lib/apply.mjs';
import { anyId, approvedExpert, staffSession, superAdmin } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let admin, adminId;

before(async () => {
	resetIpLimits();
	admin = await superAdmin();
	adminId = expectJson(await admin.get('/api/account/me'), 200).user.id;
});

const STAFF_KEYS = ['created_at', 'department', 'id', 'last_login_at', 'name', 'phone', 'roles', 'status', 'username', 'version'];

function create(body) {
	return admin.post('/api/admin/users', body);
}

const valid = () => ({ username: randomUsername('ad'), name: '新审核员', roles: ['reviewer'], department: '建设工程处', password: randomPassword() });

async function users(query) {
	return expectJson(await admin.get(`/api/admin/users?${new URLSearchParams({ size: 50, ...query })}`), 200);
}

async function staffRow(id) {
	const all = [];
	for (let page = 1; ; page++) {
		const l = await users({ page });
		all.push(...l.items);
		if (l.items.length < 50) break;
	}
	return all.find((u) => u.id === id);
}

// ---- create ------------------------------------------------------------------------------------------

test('create: every invalid field → 422 naming it; nothing is created', async () => {
	const before = (await users({})).total;
	const cases = [
		[{ username: undefined }, 'username'],
		[{ username: 'ab' }, 'username'],
		[{ username: '1abc' }, 'username'],
		[{ username: 'ab-cd' }, 'username'],
		[{ username: 'a'.repeat(33) }, 'username'],
		[{ name: undefined }, 'name'],
		[{ name: '李' }, 'name'],
		[{ name: ' 李四' }, 'name'],
		[{ name: '名'.repeat(31) }, 'name'],
		[{ phone: '12345' }, 'phone'],
		[{ phone: '+86123' }, 'phone'],
		[{ department: '处'.repeat(101) }, 'department'],
		[{ password: undefined }, 'password'],
		[{ password: 'Ab1' }, 'password'],
		[{ password: 'onlyletters' }, 'password'],
		[{ password: '1234567890' }, 'password'],
		[{ roles: undefined }, 'roles'],
		[{ roles: [] }, 'roles'],
		[{ roles: ['admin'] }, 'roles'],
		[{ roles: ['expert'] }, 'roles'],
		[{ roles: 'reviewer' }, 'roles'],
		[{ roles: [2] }, 'roles'],
		[{ roles: ['reviewer', 'boss'] }, 'roles'],
	];
	for (const [change, field] of cases) {
		const body = { ...valid(), ...change };
		for (const k of Object.keys(change)) if (change[k] === undefined) delete body[k];
		expectError(await create(body), 422, 'invalid', [field]);
	}
	// the password may not be the phone number
	const phone = randomPhone();
	expectError(await create({ ...valid(), phone, password: phone.slice(3) }), 422, 'invalid', ['password']);
	// nor contain it, nor the username (any case), nor be a common password
	expectError(await create({ ...valid(), phone, password: phone.slice(3) + 'a' }), 422, 'invalid', ['password']);
	const named = valid();
	expectError(await create({ ...named, password: named.username.toUpperCase() + '1' }), 422, 'invalid', ['password']);
	for (const password of COMMON_PASSWORDS) expectError(await create({ ...valid(), password }), 422, 'invalid', ['password']);
	// several at once: every problem in one reply, the declared fields with roles and password
	let err = expectError(await create({ username: '1', name: '', phone: '123', roles: ['reviewer'], password: randomPassword() }), 422, 'invalid', ['username', 'name', 'phone']);
	assert.equal(Object.keys(err.fields).length, 3);
	err = expectError(await create({ ...valid(), roles: [], password: 'x' }), 422, 'invalid', ['roles', 'password']);
	assert.equal(Object.keys(err.fields).length, 2);
	err = expectError(await create({ username: '1', name: valid().name, roles: [], password: 'x' }), 422, 'invalid', ['username', 'roles', 'password']);
	assert.equal(Object.keys(err.fields).length, 3);
	assert.equal((await users({})).total, before);
});

test('create: 201 with the account; it must change the password at first login; duplicates → 409 username_taken / phone_taken', async () => {
	const body = { ...valid(), roles: ['reviewer', 'manager'], phone: randomPhone(), name: '王二审' };
	const res = await create(body);
	const u = expectJson(res, 201).user;
	assert.deepEqual(Object.keys(u).sort(), STAFF_KEYS);
	assert.equal(u.username, body.username);
	assert.equal(u.name, '王二审');
	assert.equal(u.phone, body.phone);
	assert.deepEqual([...u.roles].sort(), ['manager', 'reviewer']);
	assert.equal(u.department, '建设工程处');
	assert.equal(u.status, 'active');
	assert.equal(u.last_login_at, '');
	assert.match(u.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	assert.equal(u.version, 1);
	// first login by username, and by phone
	const c = await newClient();
	const login = expectJson(await loginPassword(c, body.username, body.password, 'admin'), 200);
	expectUser(login.user, { must_change_password: true, portal: 'admin', username: body.username });
	expectError(await c.get('/api/review/queue'), 403, 'password_change_required');
	expectJson(await loginPassword(await newClient(), body.phone, body.password, 'admin'), 200);
	assert.notEqual((await staffRow(u.id)).last_login_at, '');
	// duplicates
	expectError(await create({ ...valid(), username: body.username }), 409, 'username_taken');
	expectError(await create({ ...valid(), username: body.username.toUpperCase() }), 409, 'username_taken');
	expectError(await create({ ...valid(), phone: body.phone }), 409, 'phone_taken');
	const { user: expert } = await expertSession();
	expectError(await create({ ...valid(), phone: expert.phone }), 409, 'phone_taken');
	// audited
	const audit = expectJson(await admin.get(`/api/admin/audit?action=user.create&object_id=${u.id}`), 200);
	assert.equal(audit.total, 1);
	assert.equal(audit.items[0].actor_id, adminId);
	assert.equal(audit.items[0].summary.username, body.username);
	assert.deepEqual([...audit.items[0].summary.roles].sort(), ['manager', 'reviewer']);
	assert.equal(JSON.stringify(audit.items[0].summary).includes(body.password), false, 'no password in the log');
});

// ---- list --------------------------------------------------------------------------------------------------

test('list: filters by role and by q (username, name, phone); experts are not staff; bad filters → 422', async () => {
	const tag = randomUsername('ls').slice(2, 10);
	const rv = expectJson(await create({ ...valid(), username: `rv${tag}`, name: `列表审核${tag}`, roles: ['reviewer'] }), 201).user;
	const mg = expectJson(await create({ ...valid(), username: `mg${tag}`, name: `列表管理${tag}`, roles: ['manager'], phone: randomPhone() }), 201).user;
	const both = expectJson(await create({ ...valid(), username: `bo${tag}`, name: `列表双岗${tag}`, roles: ['reviewer', 'manager'] }), 201).user;
	const ids = (l) => new Set(l.items.map((u) => u.id));
	assert.deepEqual(ids(await users({ q: tag })), new Set([rv.id, mg.id, both.id]));
	assert.deepEqual(ids(await users({ q: tag, role: 'reviewer' })), new Set([rv.id, both.id]));
	assert.deepEqual(ids(await users({ q: tag, role: 'manager' })), new Set([mg.id, both.id]));
	assert.deepEqual(ids(await users({ q: tag, role: 'super' })), new Set());
	assert.deepEqual(ids(await users({ q: `列表管理${tag}` })), new Set([mg.id]), 'by name');
	assert.deepEqual(ids(await users({ q: mg.phone.slice(-8) })), new Set([mg.id]), 'by phone');
	assert.deepEqual(ids(await users({ q: `bo${tag}` })), new Set([both.id]), 'by username');
	assert.ok((await users({ role: 'super' })).items.some((u) => u.id === adminId), 'the super-admin is listed as super');
	const l = await users({ q: tag });
	assert.equal(l.total, 3);
	for (const u of l.items) assert.deepEqual(Object.keys(u).sort(), STAFF_KEYS);
	// an expert is no staff account
	const { user: expert } = await expertSession();
	assert.equal((await users({ q: expert.phone.slice(-8) })).total, 0);
	for (const [k, v] of [['role', 'expert'], ['role', 'boss'], ['size', '15'], ['page', '0'], ['q', '长'.repeat(51)]]) {
		expectError(await admin.get(`/api/admin/users?${k}=${encodeURIComponent(v)}`), 422, 'invalid', [k]);
	}
	// pages
	const p1 = await users({ size: 10, page: 1 });
	assert.equal(p1.size, 10);
	assert.ok(p1.total >= 4);
	const beyond = await users({ size: 10, page: 1000 });
	assert.deepEqual(beyond.items, []);
	assert.equal(beyond.total, p1.total);
});

// ---- update ------------------------------------------------------------------------------------------------

test('update: roles, department and name take effect at once; stale → 409; invalid → 422; not a staff account → 404', async () => {
	const s = await staffSession(['reviewer'], { department: '一处', name: '调岗员' });
	expectJson(await s.client.get('/api/review/queue'), 200);
	expectError(await s.client.get('/api/pool/experts'), 403, 'forbidden');
	const url = `/api/admin/users/${s.id}`;
	const v = (await staffRow(s.id)).version;
	for (const [body, field] of [
		[{ version: v, name: '调岗员', roles: [], status: 'active' }, 'roles'],
		[{ version: v, name: '调岗员', roles: ['king'], status: 'active' }, 'roles'],
		[{ version: v, name: '调', roles: ['manager'], status: 'active' }, 'name'],
		[{ version: v, name: '调岗员', roles: ['manager'], status: 'gone' }, 'status'],
		[{ version: v, name: '调岗员', roles: ['manager'] }, 'status'],
		[{ name: '调岗员', roles: ['manager'], status: 'active' }, 'version'],
		[{ version: v, name: '调岗员', roles: ['manager'], status: 'active', department: '处'.repeat(101) }, 'department'],
	]) {
		expectError(await admin.post(url, body), 422, 'invalid', [field]);
	}
	expectError(await admin.post(url, { version: v + 1, name: '调岗员', roles: ['manager'], status: 'active' }), 409, 'conflict');
	assert.deepEqual((await staffRow(s.id)).roles, ['reviewer'], 'nothing changed');
	const u = expectJson(await admin.post(url, { version: v, name: '调岗员乙', roles: ['manager'], department: '二处', status: 'active' }), 200).user;
	assert.deepEqual(u.roles, ['manager']);
	assert.equal(u.department, '二处');
	assert.equal(u.name, '调岗员乙');
	assert.equal(u.version, v + 1);
	// the session follows the new roles
	expectError(await s.client.get('/api/review/queue'), 403, 'forbidden');
	expectJson(await s.client.get('/api/pool/experts'), 200);
	const me = expectJson(await s.client.get('/api/account/me'), 200).user;
	assert.deepEqual(me.roles, ['manager']);
	assert.equal(me.name, '调岗员乙');
	// audited with before and after
	const audit = expectJson(await admin.get(`/api/admin/audit?action=user.update&object_type=user&object_id=${s.id}`), 200);
	assert.equal(audit.total, 1);
	assert.deepEqual(audit.items[0].summary.before.roles, ['reviewer']);
	assert.deepEqual(audit.items[0].summary.after.roles, ['manager']);
	assert.equal(audit.items[0].summary.after.department, '二处');
	// not staff, or nobody
	const { user: expert } = await expertSession();
	const expertId = Number(sql(`SELECT id FROM users WHERE phone = '${expert.phone}';`)[0][0]);
	expectError(await admin.post(`/api/admin/users/${expertId}`, { version: 1, name: '专家', roles: ['reviewer'], status: 'active' }), 404, 'not_found');
	expectError(await admin.post('/api/admin/users/999999999', { version: 1, name: '无人', roles: ['reviewer'], status: 'active' }), 404, 'not_found');
	assert.equal(sql(`SELECT roles FROM users WHERE id = ${expertId};`)[0][0], '1', 'the expert did not become staff');
});

test('disable: the account\'s sessions stop working (401) and it cannot log in; enabled again it can', async () => {
	const s = await staffSession(['reviewer', 'manager']);
	const other = await newClient();
	expectJson(await loginPassword(other, s.username, s.password, 'admin'), 200);
	let v = (await staffRow(s.id)).version;
	let u = expectJson(await admin.post(`/api/admin/users/${s.id}`, { version: v, name: s.name, roles: ['reviewer', 'manager'], status: 'disabled' }), 200).user;
	assert.equal(u.status, 'disabled');
	expectError(await s.client.get('/api/account/me'), 401, 'unauthorized');
	expectError(await s.client.get('/api/review/queue'), 401, 'unauthorized');
	expectError(await other.get('/api/pool/experts'), 401, 'unauthorized');
	expectError(await loginPassword(await newClient(), s.username, s.password, 'admin'), 401, 'login_failed');
	assert.equal((await users({ q: s.username })).items[0].status, 'disabled');
	v = u.version;
	u = expectJson(await admin.post(`/api/admin/users/${s.id}`, { version: v, name: s.name, roles: ['reviewer', 'manager'], status: 'active' }), 200).user;
	assert.equal(u.status, 'active');
	expectError(await s.client.get('/api/account/me'), 401, 'unauthorized'); // ended sessions stay ended
	const again = await newClient();
	expectJson(await loginPassword(again, s.username, s.password, 'admin'), 200);
	expectJson(await again.get('/api/review/queue'), 200);
});

test('a super-admin cannot take away their own super role or disable themselves (422); another super-admin can', async () => {
	const a = await staffSession(['super', 'reviewer'], { name: '超管甲' });
	const b = await staffSession(['super'], { name: '超管乙' });
	let v = (await staffRow(a.id)).version;
	expectError(await a.client.post(`/api/admin/users/${a.id}`, { version: v, name: '超管甲', roles: ['reviewer'], status: 'active' }), 422, 'invalid', ['roles']);
	expectError(await a.client.post(`/api/admin/users/${a.id}`, { version: v, name: '超管甲', roles: ['super', 'reviewer'], status: 'disabled' }), 422, 'invalid', ['status']);
	const row = await staffRow(a.id);
	assert.deepEqual([...row.roles].sort(), ['reviewer', 'super']);
	assert.equal(row.status, 'active');
	assert.equal(row.version, v);
	// their own other fields are fine
	const u = expectJson(await a.client.post(`/api/admin/users/${a.id}`, { version: v, name: '超管甲', roles: ['super'], department: '办公室', status: 'active' }), 200).user;
	assert.deepEqual(u.roles, ['super']);
	expectJson(await a.client.get('/api/admin/users'), 200);
	// b may take a's super role away: a loses the admin pages at once
	v = u.version;
	expectJson(await b.client.post(`/api/admin/users/${a.id}`, { version: v, name: '超管甲', roles: ['manager'], status: 'active' }), 200);
	expectError(await a.client.get('/api/admin/users'), 403, 'forbidden');
	expectJson(await a.client.get('/api/pool/experts'), 200);
});

test('reset password: a new initial password to change at next login; the account\'s sessions end; weak → 422; not staff → 404', async () => {
	const s = await staffSession(['manager']);
	const url = `/api/admin/users/${s.id}/password`;
	expectError(await admin.post(url, { password: 'short1' }), 422, 'invalid', ['password']);
	expectError(await admin.post(url, { password: s.username + '1' }), 422, 'invalid', ['password']);
	expectError(await admin.post(url, { password: 'Admin888' }), 422, 'invalid', ['password']);
	expectError(await admin.post(url, {}), 422, 'invalid', ['password']);
	expectJson(await s.client.get('/api/account/me'), 200); // still logged in after refused resets
	const fresh = randomPassword();
	assert.deepEqual(expectJson(await admin.post(url, { password: fresh }), 200), { ok: true });
	expectError(await s.client.get('/api/account/me'), 401, 'unauthorized');
	expectError(await loginPassword(await newClient(), s.username, s.password, 'admin'), 401, 'login_failed');
	const c = await newClient();
	const login = expectJson(await loginPassword(c, s.username, fresh, 'admin'), 200);
	assert.equal(login.user.must_change_password, true);
	expectError(await c.get('/api/pool/experts'), 403, 'password_change_required');
	const audit = expectJson(await admin.get(`/api/admin/audit?action=user.reset_password&object_id=${s.id}`), 200);
	assert.equal(audit.total, 1);
	assert.equal(JSON.stringify(audit.items[0]).includes(fresh), false);
	const { user: expert } = await expertSession();
	const expertId = Number(sql(`SELECT id FROM users WHERE phone = '${expert.phone}';`)[0][0]);
	expectError(await admin.post(`/api/admin/users/${expertId}/password`, { password: randomPassword() }), 404, 'not_found');
	expectJson(await loginPassword(await newClient(), expert.phone, expert.password, 'expert'), 200); // unchanged
});

// ---- the audit log -----------------------------------------------------------------------------------------

test('audit: filters by actor, action, object type and id, dates; newest first; bad filters → 422', async () => {
	const s = await staffSession(['reviewer'], { name: '审计对象' });
	const actor = await staffSession(['super'], { name: '审计操作人' });
	const v = (await staffRow(s.id)).version;
	expectJson(await actor.client.post(`/api/admin/users/${s.id}`, { version: v, name: '审计对象', roles: ['reviewer'], department: '三处', status: 'active' }), 200);
	expectJson(await actor.client.post(`/api/admin/users/${s.id}/password`, { password: randomPassword() }), 200);
	const get = async (query) => expectJson(await admin.get(`/api/admin/audit?${new URLSearchParams({ size: 50, ...query })}`), 200);
	// by actor: exactly what the second super-admin did (a login, the forced password change,
	// the update and the reset)
	let l = await get({ actor: actor.id });
	assert.deepEqual(l.items.map((i) => i.action), ['user.reset_password', 'user.update', 'account.password', 'admin.login']);
	for (const i of l.items) {
		assert.deepEqual(Object.keys(i).sort(), ['action', 'actor_id', 'actor_name', 'actor_role', 'at', 'id', 'ip', 'object_id', 'object_name', 'object_no', 'object_type', 'summary']);
		assert.equal(i.actor_id, actor.id);
		assert.equal(i.actor_name, '审计操作人');
		assert.match(i.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		assert.ok(i.ip.length > 0);
	}
	assert.deepEqual(l.items.map((i) => i.id), l.items.map((i) => i.id).sort((a, b) => b - a), 'newest first');
	// by object
	l = await get({ object_type: 'user', object_id: s.id });
	assert.deepEqual(l.items.map((i) => i.action), ['user.reset_password', 'user.update', 'account.password', 'admin.login', 'user.create']);
	l = await get({ object_type: 'user', object_id: s.id, action: 'user.update' });
	assert.equal(l.total, 1);
	assert.equal(l.items[0].object_type, 'user');
	assert.equal(l.items[0].object_id, s.id);
	assert.equal(l.items[0].actor_role, 'super');
	assert.equal((await get({ object_type: 'expert', object_id: s.id })).total, 0);
	assert.equal((await get({ action: 'no.such.action' })).total, 0);
	// dates (China time)
	assert.equal((await get({ actor: actor.id, from: chinaDate(0), to: chinaDate(0) })).total, 4);
	assert.equal((await get({ actor: actor.id, from: chinaDate(1) })).total, 0);
	assert.equal((await get({ actor: actor.id, to: chinaDate(-1) })).total, 0);
	// paging
	const one = await get({ actor: actor.id, size: 10, page: 1 });
	assert.equal(one.size, 10);
	assert.deepEqual((await get({ actor: actor.id, size: 10, page: 2 })).items, []);
	for (const [k, v2] of [['from', '2026-02-30'], ['to', '20260101'], ['from', 'today'], ['actor', 'abc'], ['actor', '0'], ['object_id', '-1'],
		['object_id', 'x'], ['size', '15'], ['page', '0'], ['action', 'a'.repeat(61)]]) {
		expectError(await admin.get(`/api/admin/audit?${k}=${encodeURIComponent(v2)}`), 422, 'invalid', [k]);
	}
});

/** The programs' database account, from the instance's configuration. */
function appDb() {
	const text = fs.readFileSync(need('EXPERTPOOL_CONF'), 'utf8');
	const db = {};
	let section = '';
	for (const line of text.split('\n')) {
		const s = /^\s*\[(\w+)\]/.exec(line);
		if (s) section = s[1];
		const kv = /^\s*(\w+)\s*=\s*(.*?)\s*$/.exec(line);
		if (kv && section === 'database' && !line.trim().startsWith(';')) db[kv[1]] = kv[2];
	}
	return db;
}

/** Runs `statement` as the programs' account; returns { status, stdout, stderr }. */
function asApp(statement) {
	const db = appDb();
	const args = ['--no-defaults', '--default-character-set=utf8mb4', '-N', '-B', `--user=${db.user}`, `--password=${db.password}`];
	if (db.socket) args.push(`--socket=${db.socket}`);
	else args.push(`--host=${db.host}`, `--port=${db.port}`);
	args.push(db.name || 'expertpool', '-e', statement);
	const r = spawnSync('mariadb', args, { encoding: 'utf8', timeout: 30000 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('audit: the programs\' database account may add and read audit records but not change or delete them', async () => {
	const count = Number(sql('SELECT COUNT(*) FROM audit_log;')[0][0]);
	assert.ok(count > 0);
	const read = asApp('SELECT COUNT(*) FROM audit_log');
	assert.equal(read.status, 0, `the account can connect and read: ${read.stderr}`);
	assert.ok(Number(read.stdout.trim()) >= count);
	const first = sql('SELECT id, action FROM audit_log ORDER BY id LIMIT 1;')[0];
	for (const statement of [
		`UPDATE audit_log SET action = 'tampered' WHERE id = ${first[0]}`,
		`DELETE FROM audit_log WHERE id = ${first[0]}`,
		'DELETE FROM audit_log',
		'TRUNCATE TABLE audit_log',
		'DROP TABLE audit_log',
		'ALTER TABLE audit_log ADD COLUMN x INT',
	]) {
		const r = asApp(statement);
		assert.notEqual(r.status, 0, `${statement} must be refused`);
		assert.match(r.stderr, /denied/i, `${statement}: ${r.stderr}`);
	}
	assert.deepEqual(sql(`SELECT id, action FROM audit_log WHERE id = ${first[0]};`)[0], first, 'the record is unchanged');
	assert.ok(Number(sql('SELECT COUNT(*) FROM audit_log;')[0][0]) >= count, 'nothing deleted');
	// and the tables the programs do update are open to it (the account is the right one)
	const ok = asApp("UPDATE rate_limits SET hits = hits WHERE bucket = 'none'");
	assert.equal(ok.status, 0, ok.stderr);
});

test('audit: objects and people named as people know them — the person\'s name and the expert number, never only an id', async () => {
	const reviewer = await staffSession(['reviewer'], { name: '审计审核员' });
	const x = await approvedExpert({ name: '审计林', reviewer });
	const get = async (query) => expectJson(await admin.get(`/api/admin/audit?${new URLSearchParams({ size: 50, ...query })}`), 200).items;
	const approve = (await get({ object_type: 'application', object_id: x.appId, action: 'application.approve' }))[0];
	assert.equal(approve.object_name, '审计林', 'the applicant');
	assert.equal(approve.object_no, x.expertNo, 'the expert number once in the pool');
	assert.equal(approve.actor_name, '审计审核员');
	const submit = (await get({ object_type: 'application', object_id: x.appId, action: 'application.submit' }))[0];
	assert.equal(submit.actor_name, '审计林', 'an expert, who has no account name, by the name in the application');
	const staff = (await get({ object_type: 'user', object_id: reviewer.id, action: 'user.create' }))[0];
	assert.equal(staff.object_name, '审计审核员');
	assert.equal(staff.object_no, '', 'staff have no expert number');
});

/** The counts as the database holds them (the programs' time zone: UTC; the day: China's). */
function dbCounts() {
	const one = (q) => Number(sql(q)[0][0]);
	const today = "DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00'))";
	return {
		review: Object.fromEntries(['submitted', 'reviewing', 'passed'].map((s) => [s, one(`SELECT COUNT(*) FROM applications WHERE status = '${s}'`)])),
		pool: Object.fromEntries(['active', 'suspended', 'removed'].map((s) => [s, one(`SELECT COUNT(*) FROM experts WHERE status = '${s}'`)])),
		due: one(`SELECT COUNT(*) FROM certificates WHERE status = 'valid' AND valid_until >= ${today} AND valid_until < ${today} + INTERVAL 30 DAY`),
		pending: one("SELECT COUNT(*) FROM change_requests WHERE status = 'pending'"),
	};
}

test('summary: each staff role sees its counts (reviewer the queue, manager the pool, certificates due and changes, super-admin all); they match the database and link to the lists; others 401/403', async () => {
	const [reviewer, manager, sup] = await Promise.all([
		staffSession(['reviewer'], { name: '首页审核员' }),
		staffSession(['manager'], { name: '首页管理员' }),
		staffSession(['super'], { name: '首页超管' }),
	]);
	// a certificate ending in 10 days, another in 40 (not counted), an application waiting
	const soon = await approvedExpert({ reviewer });
	const later = await approvedExpert({ reviewer });
	sql(`UPDATE certificates SET valid_until = DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00')) + INTERVAL 10 DAY WHERE expert_id = ${soon.expertId}`);
	sql(`UPDATE certificates SET valid_until = DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00')) + INTERVAL 40 DAY WHERE expert_id = ${later.expertId}`);
	await expertSubmitted({ id: anyId() });

	const db = dbCounts();
	const want = {
		review: { ...db.review, todo: db.review.submitted + db.review.reviewing + db.review.passed },
		pool: { ...db.pool, total: db.pool.active + db.pool.suspended + db.pool.removed },
		certificates: { days: 30, due: db.due },
		changes: { pending: db.pending },
	};
	assert.ok(want.review.submitted >= 1 && want.certificates.due >= 1);
	const of = async (c) => expectJson(await c.get('/api/admin/summary'), 200).summary;
	assert.deepEqual(await of(reviewer.client), { review: want.review }, 'a reviewer: the queue only');
	assert.deepEqual(await of(manager.client), { pool: want.pool, certificates: want.certificates, changes: want.changes }, 'a manager: the pool only');
	assert.deepEqual(await of(sup.client), want, 'the super-admin: everything');

	// the links' lists give the same numbers
	const total = async (path) => expectJson(await manager.client.get(path), 200).total;
	assert.equal(await total('/api/pool/experts?cert_due=30'), want.certificates.due, '专家库 filtered by 证书 30 天内到期');
	const due = expectJson(await manager.client.get('/api/pool/experts?cert_due=30&size=50'), 200).items.map((i) => i.id);
	assert.ok(due.includes(soon.expertId) && !due.includes(later.expertId));
	assert.equal(await total('/api/pool/experts?status=suspended'), want.pool.suspended);
	assert.equal(expectJson(await reviewer.client.get('/api/review/queue'), 200).total, want.review.todo, '入库审核 待处理');
	expectError(await manager.client.get('/api/pool/experts?cert_due=0'), 422, 'invalid', ['cert_due']);
	expectError(await manager.client.get('/api/pool/experts?cert_due=x'), 422, 'invalid', ['cert_due']);

	// who may not
	expectError(await (await newClient()).get('/api/admin/summary'), 401, 'unauthorized');
	const { client: expert } = await expertSession();
	expectError(await expert.get('/api/admin/summary'), 403, 'forbidden');
	expectError(await admin.post('/api/admin/summary', {}), 405, 'method_not_allowed');
});
