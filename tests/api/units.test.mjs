// The unit registry (/api/units, managers and the super-admin): add with a name and a
// 统一社会信用代码 (GB 32100 check character), one key per unit whatever the spelling (widths,
// spaces, brackets, 有限责任公司), aliases, rename and recode, merge a duplicate (kept, pointing at
// the other, its names the other's aliases; two different codes refused), the list with its
// search by any name or by code, the match of a free-text name; optimistic locks; every change
// audited; bad input changes nothing; who may not call it.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession, newClient } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { creditCode, badCheck, uniq } from '../lib/units.mjs';
import { staffSession, superAdmin } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

let mgr, sup, reviewer, expert, anon;

before(async () => {
	resetIpLimits();
	[mgr, sup, reviewer] = await Promise.all([
		staffSession(['manager'], { name: '单位库管理员' }),
		staffSession(['super'], { name: '单位库超管' }),
		staffSession(['reviewer'], { name: '只审核' }),
	]);
	expert = await expertSession();
	anon = await newClient();
});


const post = (client, path, body) => client.post(`/api/units${path}`, body);
const get = (client, path) => client.get(`/api/units${path}`);
async function add(name, credit_code = '') {
	return expectJson(await post(mgr.client, '', { name, credit_code }), 201).unit;
}
const unitOf = async (id) => expectJson(await get(mgr.client, `/${id}`), 200).unit;
async function audits(action, id) {
	const admin = await superAdmin();
	const q = new URLSearchParams({ action, object_type: 'unit', object_id: String(id), size: 50 });
	return expectJson(await admin.get(`/api/admin/audit?${q}`), 200).items;
}
async function listed(q, extra = {}) {
	return expectJson(await get(mgr.client, `?${new URLSearchParams({ q, ...extra })}`), 200);
}

test('POST /api/units: a unit with its name and code, its own name listed, audited', async () => {
	const name = uniq('浙江省建筑设计研究院');
	const code = creditCode();
	const u = await add(`  ${name} `, code.toLowerCase());
	assert.equal(u.name, name, 'trimmed');
	assert.equal(u.credit_code, code, 'upper case');
	assert.equal(u.merged_into, null);
	assert.equal(u.aliases, 0);
	assert.equal(u.version, 1);
	assert.deepEqual(u.names.map((n) => [n.name, n.alias]), [[name, false]]);
	assert.deepEqual(u.merged, []);
	const [entry] = await audits('unit.add', u.id);
	assert.equal(entry.summary.after.name, name);
	assert.equal(entry.summary.after.credit_code, code);
	// without a code
	const bare = await add(uniq('某某工程咨询有限公司'));
	assert.equal(bare.credit_code, null);
});

test('one key per unit: the same name in other widths, spaces, brackets or suffix is refused, naming the holder', async () => {
	const base = uniq('中建三局');
	const u = await add(`${base}（北京）有限责任公司`);
	for (const variant of [`${base}(北京)有限公司`, `${base} 北京 有限公司`, `${base}【北京】有限责任公司`]) {
		const err = expectError(await post(mgr.client, '', { name: variant }), 422, 'invalid', ['name']);
		assert.match(err.fields.name, new RegExp(`${base}`), 'names the unit that holds it');
	}
	// another legal form is another name
	await add(`${base}北京股份有限公司`);
	// an alias's key is taken as well
	expectJson(await post(mgr.client, `/${u.id}/aliases`, { version: 1, name: `${base}京分公司` }), 200);
	expectError(await post(mgr.client, '', { name: `${base}京分公司 ` }), 422, 'invalid', ['name']);
});

test('the credit code: checked by its check character, once in the registry', async () => {
	const code = creditCode();
	for (const bad of [badCheck(code), code.slice(0, 17), `${code}0`, code.replace(/^9/, 'I'), '91330100-0000000X1']) {
		const before = await listed(bad);
		expectError(await post(mgr.client, '', { name: uniq('代码有误'), credit_code: bad }), 422, 'invalid', ['credit_code']);
		assert.equal((await listed(bad)).total, before.total, 'nothing added');
	}
	const u = await add(uniq('代码单位'), code);
	const err = expectError(await post(mgr.client, '', { name: uniq('另一单位'), credit_code: code }), 422, 'invalid', ['credit_code']);
	assert.match(err.fields.credit_code, new RegExp(u.name));
});

test('bad names: empty, spaces only, over 100 characters, control and invisible characters, nothing to key', async () => {
	for (const name of ['', '   ', '\u3000', '测'.repeat(101), '某\n单位', '某\u200b单位', '（）', '· ,']) {
		expectError(await post(mgr.client, '', { name }), 422, 'invalid', ['name']);
	}
	expectError(await post(mgr.client, '', {}), 422, 'invalid', ['name']);
	assert.ok((await add('测'.repeat(90) + uniq(''))).id > 0, '100 characters will do');
});

test('POST /api/units/<id>/update: rename and recode at the version seen; the key follows; 409 for a stale version', async () => {
	const name = uniq('旧名称设计院');
	const u = await add(name);
	const code = creditCode();
	const renamed = uniq('新名称设计院');
	const v2 = expectJson(await post(mgr.client, `/${u.id}/update`, { version: 1, name: renamed, credit_code: code }), 200).unit;
	assert.equal(v2.name, renamed);
	assert.equal(v2.credit_code, code);
	assert.equal(v2.version, 2);
	assert.deepEqual(v2.names.map((n) => n.name), [renamed]);
	// the old name is free again, the new one taken
	assert.equal(expectJson(await get(mgr.client, `/match?name=${encodeURIComponent(name)}`), 200).unit, null);
	assert.equal(expectJson(await get(mgr.client, `/match?name=${encodeURIComponent(renamed)}`), 200).unit.id, u.id);
	expectError(await post(mgr.client, `/${u.id}/update`, { version: 1, name: uniq('再改'), credit_code: '' }), 409, 'conflict');
	expectError(await post(mgr.client, `/${u.id}/update`, { version: 2, name: renamed, credit_code: code }), 422, 'invalid', ['name']);
	// removing the code
	const v3 = expectJson(await post(mgr.client, `/${u.id}/update`, { version: 2, name: renamed, credit_code: '' }), 200).unit;
	assert.equal(v3.credit_code, null);
	const [entry] = await audits('unit.update', u.id);
	assert.equal(entry.summary.before.credit_code, code);
	assert.equal(entry.summary.after.credit_code, '');
	expectError(await post(mgr.client, '/999999999/update', { version: 1, name: uniq('无'), credit_code: '' }), 404, 'not_found');
});

test('aliases: added and removed at the version seen, at most 20, found by match and search, audited', async () => {
	const u = await add(uniq('杭州市规划设计研究院'));
	const alias = uniq('杭州规划院');
	let now = expectJson(await post(mgr.client, `/${u.id}/aliases`, { version: 1, name: alias }), 200).unit;
	assert.equal(now.aliases, 1);
	assert.equal(now.version, 2);
	assert.equal(expectJson(await get(mgr.client, `/match?name=${encodeURIComponent(`${alias}（ ）`)}`), 200).unit.id, u.id);
	assert.ok((await listed(alias.slice(2))).items.some((i) => i.id === u.id), 'searched by an alias');
	expectError(await post(mgr.client, `/${u.id}/aliases`, { version: 2, name: u.name }), 422, 'invalid', ['name']);
	const aliasRow = now.names.find((n) => n.alias);
	now = expectJson(await post(mgr.client, `/${u.id}/aliases/${aliasRow.id}/remove`, { version: 2 }), 200).unit;
	assert.equal(now.aliases, 0);
	expectError(await post(mgr.client, `/${u.id}/aliases/${aliasRow.id}/remove`, { version: 3 }), 404, 'not_found');
	// the unit's own name is no alias to remove
	expectError(await post(mgr.client, `/${u.id}/aliases/${now.names[0].id}/remove`, { version: 3 }), 404, 'not_found');
	let v = 3;
	for (let i = 0; i < 20; i++) {
		now = expectJson(await post(mgr.client, `/${u.id}/aliases`, { version: v++, name: uniq(`别名${i}`) }), 200).unit;
	}
	expectError(await post(mgr.client, `/${u.id}/aliases`, { version: v, name: uniq('第二十一个') }), 422, 'invalid', ['name']);
	assert.equal((await audits('unit.alias_add', u.id)).length, 21);
	assert.equal((await audits('unit.alias_remove', u.id))[0].summary.alias_removed, alias);
});

test('merge: the duplicate kept and pointing at the other, its names and code moved, references resolve; different codes refused', async () => {
	const code = creditCode();
	const keep = await add(uniq('宁波市交通设计院'));
	const dup = await add(uniq('宁波交通设计院'), code);
	expectJson(await post(mgr.client, `/${dup.id}/aliases`, { version: 1, name: uniq('甬交设') }), 200);
	expectError(await post(mgr.client, `/${dup.id}/merge`, { version: 1, into: String(keep.id), into_version: '1' }), 409, 'conflict');
	expectError(await post(mgr.client, `/${dup.id}/merge`, { version: 2, into: String(dup.id), into_version: '2' }), 422, 'invalid', ['into']);
	expectError(await post(mgr.client, `/${dup.id}/merge`, { version: 2, into: '999999999', into_version: '1' }), 422, 'invalid', ['into']);
	expectError(await post(mgr.client, `/${dup.id}/merge`, { version: 2, into: String(keep.id), into_version: '5' }), 409, 'conflict');
	const merged = expectJson(await post(mgr.client, `/${dup.id}/merge`, { version: 2, into: String(keep.id), into_version: '1' }), 200).unit;
	assert.equal(merged.id, keep.id);
	assert.equal(merged.credit_code, code, 'the code moved to the unit kept');
	const dupNames = (await unitOf(keep.id)).names.filter((n) => n.alias).map((n) => n.name);
	assert.equal(dupNames.length, 2, 'the duplicate\'s name and its alias, now aliases');
	assert.ok(dupNames.includes(dup.name));
	assert.deepEqual(merged.merged, [{ id: dup.id, name: dup.name }]);
	const gone = await unitOf(dup.id);
	assert.equal(gone.merged_into, keep.id);
	assert.equal(gone.credit_code, null);
	assert.deepEqual(gone.names, []);
	// every spelling and the code now name the unit kept
	for (const q of [dup.name, code]) {
		assert.equal(expectJson(await get(mgr.client, `/match?name=${encodeURIComponent(q)}`), 200).unit.id, keep.id);
	}
	// a merged unit takes no more changes, and nothing merges into it
	expectError(await post(mgr.client, `/${dup.id}/update`, { version: gone.version, name: uniq('x'), credit_code: '' }), 409, 'conflict');
	const third = await add(uniq('第三家'));
	expectError(await post(mgr.client, `/${third.id}/merge`, { version: 1, into: String(dup.id), into_version: String(gone.version) }), 422, 'invalid', ['into']);
	// the list: live by default, merged on request
	assert.ok(!(await listed(dup.name)).items.some((i) => i.id === dup.id));
	assert.ok((await listed('', { merged: 'merged', size: '50' })).items.some((i) => i.id === dup.id));
	const [entry] = await audits('unit.merge', keep.id);
	assert.equal(entry.summary.merged, dup.id);
	// two codes: two organisations
	const a = await add(uniq('甲公司'), creditCode());
	const b = await add(uniq('乙公司'), creditCode());
	expectError(await post(mgr.client, `/${a.id}/merge`, { version: 1, into: String(b.id), into_version: '1' }), 422, 'invalid', ['into']);
	assert.equal((await unitOf(a.id)).merged_into, null, 'nothing changed');
});

test('two merges of one pair at once: one wins, the other is refused, nothing half-done', async () => {
	const a = await add(uniq('并发甲'));
	const b = await add(uniq('并发乙'));
	const [r1, r2] = await Promise.all([
		post(mgr.client, `/${a.id}/merge`, { version: 1, into: String(b.id), into_version: '1' }),
		post(sup.client, `/${b.id}/merge`, { version: 1, into: String(a.id), into_version: '1' }),
	]);
	const codes = [r1.status, r2.status].sort();
	assert.ok(codes[0] === 200 && [409, 422].includes(codes[1]), `statuses ${codes}`);
	const [na, nb] = [await unitOf(a.id), await unitOf(b.id)];
	assert.equal([na.merged_into, nb.merged_into].filter(Boolean).length, 1, 'exactly one merged');
	const kept = na.merged_into ? nb : na;
	assert.equal(kept.names.length, 2);
});

test('GET /api/units: paged, newest first, searched by any part of a name in any spelling or by the code', async () => {
	const tag = uniq('检索');
	const code = creditCode();
	const u1 = await add(`${tag}（温州）建设有限公司`, code);
	const u2 = await add(`${tag}丽水建设有限责任公司`);
	const all = await listed(tag);
	assert.equal(all.total, 2);
	assert.deepEqual(all.items.map((i) => i.id), [u2.id, u1.id]);
	assert.equal((await listed(`${tag}(温州)`)).total, 1, 'brackets folded');
	assert.equal((await listed(`${tag.toUpperCase()}`)).total, 2);
	assert.deepEqual((await listed(code.toLowerCase())).items.map((i) => i.id), [u1.id]);
	assert.equal((await listed('%_%')).total >= 0, true);
	assert.equal((await listed(`${tag}%`)).total, 0, 'a % is a character, not a wildcard');
	const page = expectJson(await get(mgr.client, `?${new URLSearchParams({ q: tag, size: '10', page: '2' })}`), 200);
	assert.deepEqual(page.items, []);
	expectError(await get(mgr.client, '?size=7'), 422, 'invalid', ['size']);
	expectError(await get(mgr.client, '?merged=some'), 422, 'invalid', ['merged']);
	expectError(await get(mgr.client, `?q=${'测'.repeat(101)}`), 422, 'invalid', ['q']);
	expectError(await get(mgr.client, '/match'), 422, 'invalid', ['name']);
	expectError(await get(mgr.client, '/999999999'), 404, 'not_found');
});

test('who may not: anonymous 401, an expert and a reviewer 403, nothing read or changed (the CSRF and role matrix of every route: authz-routes)', async () => {
	const u = await add(uniq('权限单位'));
	for (const [client, status] of [[anon, 401], [expert.client, 403], [reviewer.client, 403]]) {
		expectError(await get(client, ''), status, status === 401 ? 'unauthorized' : 'forbidden');
		expectError(await get(client, `/${u.id}`), status, status === 401 ? 'unauthorized' : 'forbidden');
		expectError(await post(client, '', { name: uniq('不该有') }), status, status === 401 ? 'unauthorized' : 'forbidden');
		expectError(await post(client, `/${u.id}/update`, { version: 1, name: uniq('不该改'), credit_code: '' }), status, status === 401 ? 'unauthorized' : 'forbidden');
	}
	assert.equal((await unitOf(u.id)).version, 1);
	// the super-admin may
	expectJson(await post(sup.client, `/${u.id}/update`, { version: 1, name: uniq('超管改名'), credit_code: '' }), 200);
});
