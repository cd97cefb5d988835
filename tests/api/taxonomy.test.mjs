// The taxonomy editor (/api/taxonomy, managers and the super-admin): the tree with versions; add,
// rename, move, reorder, retire and restore at every level with the kind rules, sibling names and
// optimistic locks (409 for the loser of a race); every change audited; who may not call it. A
// retired node stays attached and shown (the expert's record, the pool, the certificate and the
// PDFs, the verification page) but can no longer be chosen: not offered, refused in a draft at
// submission and in a change request with a message naming it. Each test works under a domain
// of its own, and every such domain is retired at the end, so the other tests' tree is untouched.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { expertSession, newClient } from '../lib/flows.mjs';
import { resetIpLimits, taxonomyDeadlock } from '../lib/db.mjs';
import { applyOptions, expertWithDraft, getApplication, pdfText, submit } from '../lib/apply.mjs';
import { adminTool, anyId, approvedExpert, staffSession, superAdmin, verifyApiPath } from '../lib/staff.mjs';
import { addNode, allNodes, editTree, nodeIn, ownBranch, uniqueName } from '../lib/taxonomy.mjs';

beforeEach(() => resetIpLimits());

let mgr, mgr2, sup, reviewer, expert, anon;
const branches = []; // every domain made here, retired in after()

before(async () => {
	resetIpLimits();
	[mgr, mgr2, sup, reviewer] = await Promise.all([
		staffSession(['manager'], { name: '领域专业管理员' }),
		staffSession(['manager'], { name: '领域专业管理员乙' }),
		staffSession(['super'], { name: '只管账号' }),
		staffSession(['reviewer'], { department: '审核一处', name: '只审核' }),
	]);
	expert = await expertSession();
	anon = await newClient();
});

after(async () => {
	for (const d of branches) {
		const now = nodeIn(await editTree(mgr.client), d.id);
		if (now && now.active) await mgr.client.post(`/api/taxonomy/nodes/${d.id}/retire`, { version: now.version });
	}
});

/** A branch of this file's own (see ownBranch), remembered for the clean-up. */
async function branch(opts) {
	const b = await ownBranch(mgr.client, opts);
	branches.push(b.domain);
	return b;
}

/** An extra domain of this file's own. */
async function domain(name = uniqueName('测试领域')) {
	const d = await addNode(mgr.client, 0, 'domain', name);
	branches.push(d);
	return d;
}

const squeeze = (s) => s.replace(/\s+/g, '');
const latest = async (id) => nodeIn(await editTree(mgr.client), id);
const post = (client, path, body) => client.post(`/api/taxonomy${path}`, body);

/** The audit records of `action` on node `id` (newest first), as the super-admin reads them. */
async function audits(action, id) {
	const admin = await superAdmin();
	const q = new URLSearchParams({ action, object_type: 'taxonomy', object_id: String(id), size: 50 });
	return expectJson(await admin.get(`/api/admin/audit?${q}`), 200).items;
}

/** Every leaf of the options a form offers (GET /api/apply/options → taxonomy). */
const offered = (options) => new Set(allNodes(options.taxonomy).filter((n) => n.list === 'specialties' || n.list === 'directions').map((n) => n.id));

// ---- reading ------------------------------------------------------------------------------------

test('GET /api/taxonomy: the loaded tree with kinds, versions and flags, in the options\' order; managers and the super-admin', async () => {
	const tree = await editTree(mgr.client);
	const nodes = allNodes(tree);
	assert.ok(tree.length >= 9, 'the nine domains of share/taxonomy.tsv at least');
	const kinds = { domains: 'domain', groups: 'group', specialties: 'specialty', directions: 'direction' };
	for (const n of nodes) {
		assert.equal(n.kind, kinds[n.list], `${n.name}: kind ${n.kind} in ${n.list}`);
		assert.ok(Number.isInteger(n.version) && n.version >= 1, `${n.name}: version`);
		assert.equal(typeof n.active, 'boolean');
		assert.equal(typeof n.retired, 'boolean');
		if (n.list === 'specialties' || n.list === 'directions') assert.match(n.path, / \/ .* \/ /);
	}
	// the active part is what the form offers, in the same order
	const options = await applyOptions(expert.client);
	const choosable = nodes.filter((n) => !n.retired).map((n) => n.id);
	assert.deepEqual(allNodes(options.taxonomy).map((n) => n.id), choosable);
	assert.ok(Array.isArray(options.retired), 'options name the retired leaves too');
	// the super-admin without the manager role may edit too
	assert.deepEqual(allNodes(await editTree(sup.client)).map((n) => n.id), nodes.map((n) => n.id));
});

test('who may not: anonymous 401, an expert and a reviewer 403 on every route, nothing changes; no CSRF token → 403', async () => {
	const b = await branch();
	const leaf = b.leaves[0];
	const calls = [
		['GET', '/api/taxonomy'],
		['POST', '/api/taxonomy/nodes', { parent_id: b.group.id, kind: 'specialty', name: uniqueName('不许') }],
		['POST', `/api/taxonomy/nodes/${leaf.id}/rename`, { version: leaf.version, name: uniqueName('不许') }],
		['POST', `/api/taxonomy/nodes/${leaf.id}/move`, { version: leaf.version, parent_id: b.domain.id }],
		['POST', `/api/taxonomy/nodes/${leaf.id}/retire`, { version: leaf.version }],
		['POST', `/api/taxonomy/nodes/${leaf.id}/restore`, { version: leaf.version }],
		['POST', '/api/taxonomy/order', { order: [{ id: leaf.id, version: leaf.version }] }],
	];
	const before = JSON.stringify(await editTree(mgr.client));
	await anon.ensureCsrf();
	for (const [method, path, body] of calls) {
		expectError(await anon.request(method, path, { data: body }), 401, 'unauthorized');
		expectError(await expert.client.request(method, path, { data: body }), 403, 'forbidden');
		expectError(await reviewer.client.request(method, path, { data: body }), 403, 'forbidden');
		if (method === 'POST') expectError(await mgr.client.request(method, path, { data: body, csrf: false }), 403, 'csrf');
	}
	assert.equal(JSON.stringify(await editTree(mgr.client)), before, 'the tree is as it was');
});

// ---- adding -------------------------------------------------------------------------------------

test('add at every level: last among its siblings, offered to experts with its path, audited', async () => {
	const d = await domain();
	assert.deepEqual({ kind: d.kind, parent_id: d.parent_id, active: d.active, retired: d.retired, version: d.version },
		{ kind: 'domain', parent_id: 0, active: true, retired: false, version: 1 });
	const g = await addNode(mgr.client, d.id, 'group', '  结构与岩土\u3000');  // trimmed
	assert.equal(g.name, '结构与岩土');
	const s1 = await addNode(mgr.client, g.id, 'specialty', uniqueName('桩基'));
	const s2 = await addNode(sup.client, g.id, 'specialty', uniqueName('基坑'));
	const dir = await addNode(mgr.client, g.id, 'direction', uniqueName('检测'));
	// a specialty and a direction may share a name in one group
	const twin = await addNode(mgr.client, g.id, 'direction', s1.name);
	assert.equal(s2.path, `${d.name} / 结构与岩土 / ${s2.name}`);
	const tree = await editTree(mgr.client);
	assert.equal(tree[tree.length - 1].id, d.id, 'a new domain comes last');
	const group = tree.find((x) => x.id === d.id).groups[0];
	assert.equal(group.id, g.id);
	assert.deepEqual(group.specialties.map((x) => x.id), [s1.id, s2.id]);
	assert.deepEqual(group.directions.map((x) => x.id), [dir.id, twin.id]);
	const leaves = offered(await applyOptions(expert.client));
	for (const x of [s1, s2, dir, twin]) assert.ok(leaves.has(x.id), `${x.name} is offered`);
	const [a] = await audits('taxonomy.add', s2.id);
	assert.equal(a.actor_id, sup.id);
	assert.equal(a.summary.kind, 'specialty');
	assert.deepEqual(a.summary.after, { parent_id: g.id, name: s2.name, path: s2.path, active: true });
	assert.equal(a.summary.before, undefined);
});

test('add: bad names, kinds and parents → 422 on the field (or 409 under a retired parent); nothing added', async () => {
	const b = await branch({ specialties: ['甲'] });
	const leaf = b.leaves[0];
	const retired = await addNode(mgr.client, b.domain.id, 'group', uniqueName('停用类别'));
	expectJson(await post(mgr.client, `/nodes/${retired.id}/retire`, { version: retired.version }), 200);
	const before = JSON.stringify(await editTree(mgr.client));
	const sixty = '专'.repeat(60);
	const cases = [
		[{ parent_id: b.group.id, kind: 'leaf', name: 'x' }, 'kind'],
		[{ parent_id: b.group.id, kind: 'specialty' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: '   ' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: '\u3000\u00a0' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: `${sixty}专` }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: 'a\tb' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: 'a\u0085b' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: '\u202eevil' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: 'a\u200bb' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: '领域 / 专业' }, 'name'],
		[{ parent_id: b.group.id, kind: 'specialty', name: leaf.name }, 'name'],                 // taken
		[{ parent_id: b.group.id, kind: 'specialty', name: ` ${leaf.name.toUpperCase()} ` }, 'name'], // the same to the collation
		[{ parent_id: 0, kind: 'domain', name: b.domain.name }, 'name'],                         // domains are siblings too
		[{ parent_id: b.domain.id, kind: 'domain', name: uniqueName() }, 'parent_id'],           // a domain has no parent
		[{ kind: 'group', name: uniqueName() }, 'parent_id'],                                    // a group needs one
		[{ parent_id: b.group.id, kind: 'group', name: uniqueName() }, 'parent_id'],             // … a domain
		[{ parent_id: leaf.id, kind: 'group', name: uniqueName() }, 'parent_id'],
		[{ parent_id: b.domain.id, kind: 'specialty', name: uniqueName() }, 'parent_id'],        // a leaf under a group only
		[{ parent_id: leaf.id, kind: 'direction', name: uniqueName() }, 'parent_id'],
		[{ parent_id: 99999999, kind: 'direction', name: uniqueName() }, 'parent_id'],
		[{ parent_id: 'abc', kind: 'direction', name: uniqueName() }, 'parent_id'],
		[{ parent_id: -1, kind: 'direction', name: uniqueName() }, 'parent_id'],
		[{ parent_id: 1.5, kind: 'direction', name: uniqueName() }, 'parent_id'],
	];
	for (const [body, field] of cases) {
		const res = await post(mgr.client, '/nodes', body);
		expectError(res, 422, 'invalid', [field]);
	}
	expectError(await post(mgr.client, '/nodes', { parent_id: b.group.id, kind: 'specialty', name: 'x'.repeat(101) }), 422, 'invalid', ['name']);
	let res = await post(mgr.client, '/nodes', { parent_id: b.group.id, kind: 'specialty', name: leaf.name });
	assert.match(res.body.error.fields.name, new RegExp(`已有名为「${leaf.name}」的擅长专业`));
	res = await post(mgr.client, '/nodes', { parent_id: b.domain.id, kind: 'group', name: retired.name });
	assert.match(res.body.error.fields.name, /已停用，可将其启用/);
	expectError(await post(mgr.client, '/nodes', { parent_id: retired.id, kind: 'specialty', name: uniqueName() }), 409, 'conflict');
	assert.equal(JSON.stringify(await editTree(mgr.client)), before, 'nothing was added');
	// the limit is on the trimmed name: 60 characters with spaces around are fine
	expectJson(await post(mgr.client, '/nodes', { parent_id: b.group.id, kind: 'specialty', name: ` ${sixty} ` }), 201);
});

// ---- renaming -----------------------------------------------------------------------------------

test('rename: the new name everywhere, version + 1, audited with before/after; stale 409, same or taken 422, unknown 404', async () => {
	const b = await branch({ specialties: ['甲', '乙'] });
	const [x, y] = b.leaves;
	const name = uniqueName('改名');
	const res = expectJson(await post(mgr.client, `/nodes/${x.id}/rename`, { version: x.version, name }), 200);
	assert.equal(res.node.name, name);
	assert.equal(res.node.version, x.version + 1);
	assert.equal(res.node.path, `${b.domain.name} / ${b.group.name} / ${name}`);
	const leafOffered = allNodes((await applyOptions(expert.client)).taxonomy).find((n) => n.id === x.id);
	assert.equal(leafOffered.path, res.node.path);
	const [a] = await audits('taxonomy.rename', x.id);
	assert.equal(a.actor_id, mgr.id);
	assert.equal(a.summary.before.name, x.name);
	assert.equal(a.summary.after.name, name);
	// the version seen before is stale now
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { version: x.version, name: uniqueName() }), 409, 'conflict');
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { version: res.node.version, name }), 422, 'invalid', ['name']);
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { version: res.node.version, name: y.name }), 422, 'invalid', ['name']);
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { version: res.node.version, name: '' }), 422, 'invalid', ['name']);
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { name: uniqueName() }), 422, 'invalid', ['version']);
	expectError(await post(mgr.client, `/nodes/${x.id}/rename`, { version: 'x', name: uniqueName() }), 422, 'invalid', ['version']);
	expectError(await post(mgr.client, '/nodes/99999999/rename', { version: 1, name: uniqueName() }), 404, 'not_found');
	for (const bad of ['0', 'abc', '-1', '01', `${x.id}x`]) {
		expectError(await post(mgr.client, `/nodes/${bad}/rename`, { version: 1, name: uniqueName() }), 404, 'not_found');
	}
	assert.equal((await latest(x.id)).name, name);
	// a domain and a group are renamed the same way
	const d = expectJson(await post(mgr.client, `/nodes/${b.domain.id}/rename`, { version: b.domain.version, name: uniqueName('测试领域') }), 200).node;
	assert.equal((await latest(y.id)).path.split(' / ')[0], d.name);
});

// ---- moving -------------------------------------------------------------------------------------

test('move: a group to another domain, a leaf to another group; kind rules, cycles, retired targets and names refused', async () => {
	const a = await branch({ specialties: ['甲'], directions: ['乙'] });
	const b = await branch({ specialties: ['丙'] });
	const [leaf, dir] = a.leaves;
	// a leaf into another group: last there, with its new path
	let res = expectJson(await post(mgr.client, `/nodes/${leaf.id}/move`, { version: leaf.version, parent_id: b.group.id }), 200);
	assert.equal(res.node.parent_id, b.group.id);
	assert.equal(res.node.path, `${b.domain.name} / ${b.group.name} / ${leaf.name}`);
	let group = (await editTree(mgr.client)).find((d) => d.id === b.domain.id).groups[0];
	assert.deepEqual(group.specialties.map((x) => x.id), [b.leaves[0].id, leaf.id]);
	let [au] = await audits('taxonomy.move', leaf.id);
	assert.equal(au.summary.before.parent_id, a.group.id);
	assert.equal(au.summary.after.parent_id, b.group.id);
	assert.equal(au.summary.before.path, leaf.path);
	// a group with its leaves into another domain
	res = expectJson(await post(mgr.client, `/nodes/${a.group.id}/move`, { version: a.group.version, parent_id: b.domain.id }), 200);
	assert.equal(res.node.path, `${b.domain.name} / ${a.group.name}`);
	assert.equal((await latest(dir.id)).path, `${b.domain.name} / ${a.group.name} / ${dir.name}`);
	const g = res.node;
	const now = await latest(dir.id);
	// refusals: nothing moves
	const before = JSON.stringify(await editTree(mgr.client));
	const refused = [
		[b.domain, a.domain.id, 'a domain does not move'],
		[now, now.parent, 'the same parent'],
		[now, b.domain.id, 'a leaf under a domain'],
		[now, b.leaves[0].id, 'a leaf under a leaf'],
		[g, a.group.id, 'a group under itself'],
		[g, b.group.id, 'a group under a group'],
		[g, dir.id, 'a group under its own leaf'],
		[now, 99999999, 'an unknown target'],
	];
	for (const [n, parent, what] of refused) {
		const r = await post(mgr.client, `/nodes/${n.id}/move`, { version: n.version, parent_id: parent });
		assert.equal(r.status, 422, `${what}: ${r.status} ${r.text}`);
		expectError(r, 422, 'invalid', ['parent_id']);
	}
	expectError(await post(mgr.client, `/nodes/${now.id}/move`, { version: now.version }), 422, 'invalid', ['parent_id']);
	// a sibling of that name in the target
	await addNode(mgr.client, b.group.id, 'direction', dir.name);
	expectError(await post(mgr.client, `/nodes/${now.id}/move`, { version: now.version, parent_id: b.group.id }), 422, 'invalid', ['parent_id']);
	// into a retired group: 409
	const off = await addNode(mgr.client, b.domain.id, 'group', uniqueName('停用'));
	expectJson(await post(mgr.client, `/nodes/${off.id}/retire`, { version: off.version }), 200);
	expectError(await post(mgr.client, `/nodes/${now.id}/move`, { version: now.version, parent_id: off.id }), 409, 'conflict');
	expectError(await post(mgr.client, `/nodes/${now.id}/move`, { version: now.version + 5, parent_id: a.group.id }), 409, 'conflict');
	expectError(await post(mgr.client, '/nodes/99999999/move', { version: 1, parent_id: a.group.id }), 404, 'not_found');
	const fields = (n) => ({ id: n.id, parent: n.parent, name: n.name, version: n.version, active: n.active });
	const after = await editTree(mgr.client);
	for (const id of [now.id, g.id, b.domain.id]) assert.deepEqual(fields(nodeIn(after, id)), fields(nodeIn(JSON.parse(before), id)));
	[au] = await audits('taxonomy.move', a.group.id);
	assert.equal(au.summary.kind, 'group');
});

test('move: the pool\'s and the review queue\'s 领域专业 filters follow the moved node', async () => {
	const a = await branch({ specialties: ['甲'] });
	const b = await branch({ specialties: ['乙'] });
	const x = await approvedExpert({ leaves: [a.leaves[0].id] });
	const pool = async (node) => expectJson(await mgr.client.get(`/api/pool/experts?node=${node}&size=50`), 200).items.map((i) => i.id);
	const rev = await staffSession(['reviewer'], { name: '筛选审核员' });
	const queue = async (node) => expectJson(await rev.client.get(`/api/review/queue?status=all&node=${node}&size=50`), 200).items.map((i) => i.id);
	assert.deepEqual(await pool(a.domain.id), [x.expertId]);
	assert.deepEqual(await queue(a.domain.id), [x.appId]);
	// the group moves to domain b: the expert is under b now, and no longer under a
	const g = await latest(a.group.id);
	expectJson(await post(mgr.client, `/nodes/${g.id}/move`, { version: g.version, parent_id: b.domain.id }), 200);
	assert.deepEqual(await pool(b.domain.id), [x.expertId]);
	assert.deepEqual(await pool(a.domain.id), []);
	assert.deepEqual(await pool(a.group.id), [x.expertId]);
	assert.deepEqual(await queue(b.domain.id), [x.appId]);
	assert.deepEqual(await queue(a.domain.id), []);
	// the leaf moves to b's group: under b's group now, no longer under the old group
	const leaf = await latest(a.leaves[0].id);
	expectJson(await post(mgr.client, `/nodes/${leaf.id}/move`, { version: leaf.version, parent_id: b.group.id }), 200);
	assert.deepEqual(await pool(b.group.id), [x.expertId]);
	assert.deepEqual(await pool(a.group.id), []);
	assert.deepEqual(await queue(b.group.id), [x.appId]);
	assert.deepEqual(await queue(a.group.id), []);
	assert.deepEqual(await pool(leaf.id), [x.expertId]);
	// the expert's record shows the leaf at its new place
	const e = expectJson(await x.client.get('/api/expert'), 200).expert;
	assert.deepEqual(e.specialties.map((s) => s.path), [`${b.domain.name} / ${b.group.name} / ${leaf.name}`]);
});

// ---- reordering ---------------------------------------------------------------------------------

test('order: every sibling in its new order at the versions seen; the options follow; audited', async () => {
	const b = await branch({ specialties: ['甲', '乙', '丙'], directions: ['丁'] });
	const [s1, s2, s3] = b.leaves;
	const order = [s3, s1, s2].map((n) => ({ id: n.id, version: n.version }));
	const res = expectJson(await post(mgr.client, '/order', { order }), 200);
	assert.deepEqual(res.nodes, order.map((o) => ({ id: o.id, version: o.version + 1 })));
	const group = (await applyOptions(expert.client)).taxonomy.find((d) => d.id === b.domain.id).groups[0];
	assert.deepEqual(group.specialties.map((x) => x.id), [s3.id, s1.id, s2.id]);
	assert.deepEqual(group.directions.map((x) => x.id), [b.leaves[3].id]);
	const [{ summary }] = await audits('taxonomy.reorder', b.group.id);
	assert.deepEqual(summary.before, [s1.id, s2.id, s3.id]);
	assert.deepEqual(summary.after, [s3.id, s1.id, s2.id]);
	assert.equal(summary.kind, 'specialty');
	// the domains: this file's new one first, then back to the end
	const tree = await editTree(mgr.client);
	const domains = tree.map((d) => ({ id: d.id, version: d.version }));
	const mine = domains.findIndex((d) => d.id === b.domain.id);
	const first = [domains[mine], ...domains.filter((_, i) => i !== mine)];
	const moved = expectJson(await post(sup.client, '/order', { order: first }), 200).nodes;
	assert.equal((await editTree(mgr.client))[0].id, b.domain.id);
	const back = [...moved.slice(1), moved[0]];
	expectJson(await post(mgr.client, '/order', { order: back }), 200);
	assert.deepEqual((await editTree(mgr.client)).map((d) => d.id), tree.map((d) => d.id));
});

test('order: not exactly the siblings, or stale versions → 409; malformed → 422; nothing moves', async () => {
	const b = await branch({ specialties: ['甲', '乙', '丙'], directions: ['丁'] });
	const other = await branch({ specialties: ['戊'] });
	const [s1, s2, s3, d1] = b.leaves.map((n) => ({ id: n.id, version: n.version }));
	const before = JSON.stringify(await editTree(mgr.client));
	const stale = [
		[s2, s1],                                   // one missing
		[s2, s1, s3, d1],                           // another kind
		[s2, s1, s3, { id: other.leaves[0].id, version: other.leaves[0].version }], // another parent
		[s2, s1, { ...s3, version: s3.version + 1 }], // a version not seen
	];
	for (const order of stale) expectError(await post(mgr.client, '/order', { order }), 409, 'conflict');
	const malformed = [
		{}, { order: [] }, { order: 'x' }, { order: [s1.id, s2.id, s3.id] }, { order: [s1, s2, s2] },
		{ order: [{ id: 0, version: 1 }] }, { order: [{ id: s1.id }] }, { order: [{ id: s1.id, version: -1 }] },
		{ order: [{ id: s1.id, version: 1.5 }] }, { order: [{ id: `${s1.id}`, version: 1 }] },
		{ order: [{ id: s1.id, version: 1, x: 1 }] }, { order: [{ id: 99999999, version: 1 }] },
		{ order: Array.from({ length: 501 }, (_, i) => i + 1) },                  // more than 500
	];
	for (const body of malformed) expectError(await post(mgr.client, '/order', body), 422, 'invalid', ['order']);
	// 500 entries fit the route's item limit; 501 do not (the loop refuses the body: 400)
	expectError(await post(mgr.client, '/order', { order: Array.from({ length: 500 }, (_, i) => ({ id: 99999000 + i, version: 1 })) }), 422, 'invalid', ['order']);
	expectError(await post(mgr.client, '/order', { order: Array.from({ length: 501 }, (_, i) => ({ id: 99999000 + i, version: 1 })) }), 400, 'bad_request');
	assert.equal(JSON.stringify(await editTree(mgr.client)), before, 'the order is as it was');
});

// ---- races --------------------------------------------------------------------------------------

/** Two managers at once: the statuses of the pair, sorted. */
async function both(a, b) {
	const pair = await Promise.all([a(), b()]);
	return { pair, statuses: pair.map((r) => r.status).sort() };
}

test('races: two managers rename, reorder, retire the same node or add one name at once — one wins, the other 409 (or 422 for the name)', async () => {
	const b = await branch({ specialties: ['甲', '乙'] });
	for (let round = 0; round < 10; round++) {
		const [x, y] = [await latest(b.leaves[0].id), await latest(b.leaves[1].id)];
		// rename vs rename
		let r = await both(
			() => post(mgr.client, `/nodes/${x.id}/rename`, { version: x.version, name: uniqueName('甲') }),
			() => post(mgr2.client, `/nodes/${x.id}/rename`, { version: x.version, name: uniqueName('甲') }));
		assert.deepEqual(r.statuses, [200, 409], r.pair.map((p) => p.text).join(' | '));
		expectError(r.pair.find((p) => p.status === 409), 409, 'conflict');
		// reorder vs reorder (the same siblings, at the same versions)
		const x2 = await latest(x.id);
		r = await both(
			() => post(mgr.client, '/order', { order: [{ id: y.id, version: y.version }, { id: x2.id, version: x2.version }] }),
			() => post(mgr2.client, '/order', { order: [{ id: x2.id, version: x2.version }, { id: y.id, version: y.version }] }));
		assert.deepEqual(r.statuses, [200, 409], r.pair.map((p) => p.text).join(' | '));
		// the same new name under one parent
		const name = uniqueName('同名');
		r = await both(
			() => post(mgr.client, '/nodes', { parent_id: b.group.id, kind: 'direction', name }),
			() => post(mgr2.client, '/nodes', { parent_id: b.group.id, kind: 'direction', name }));
		assert.deepEqual(r.statuses, [201, 422], r.pair.map((p) => p.text).join(' | '));
		expectError(r.pair.find((p) => p.status === 422), 422, 'invalid', ['name']);
		// retire vs move of one node
		const leaf = r.pair.find((p) => p.status === 201).body.node;
		r = await both(
			() => post(mgr.client, `/nodes/${leaf.id}/retire`, { version: leaf.version }),
			() => post(mgr2.client, `/nodes/${leaf.id}/rename`, { version: leaf.version, name: uniqueName('改') }));
		assert.deepEqual(r.statuses, [200, 409], r.pair.map((p) => p.text).join(' | '));
	}
	const names = allNodes(await editTree(mgr.client)).filter((n) => n.parent === b.group.id && n.list === 'directions').map((n) => n.name);
	assert.equal(new Set(names).size, names.length, 'no name twice under one parent');
	assert.equal(names.length, 10);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or a failure naming `what` when it has not settled within `ms`. */
function within(promise, ms, what) {
	let timer;
	const late = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

test('a reorder that loses a deadlock gets 409 系统繁忙, and the program goes on answering the same statement', async () => {
	// the first sibling is made first and sorts first: the request locks it before the others
	const d = await domain();
	const g = await addNode(mgr.client, d.id, 'group', uniqueName('死锁'));
	const leaves = [];
	for (const n of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) leaves.push(await addNode(mgr.client, g.id, 'specialty', uniqueName(n)));
	const [a, ...rest] = leaves;
	const places = (nodes) => nodes.map((n) => ({ id: n.id, version: n.version }));
	const holder = taxonomyDeadlock(rest.map((n) => n.id), a.id, 3);
	await sleep(1000); // the other transaction has changed the rest
	const res = await within(post(mgr.client, '/order', { order: places([...rest, a]) }), 30000, 'the deadlocked order');
	await holder;
	assert.equal(res.status, 409, res.text);
	assert.equal(expectError(res, 409, 'conflict').message, '系统繁忙，请重试');
	// every worker runs that statement again (a few at once, so that each gets one): all answer
	const now = (await editTree(mgr.client)).find((x) => x.id === d.id).groups[0].specialties;
	const tries = await within(Promise.all(Array.from({ length: 4 }, () => post(mgr.client, '/order', { order: places([...now].reverse()) }))), 20000, 'the orders after it');
	assert.deepEqual(tries.map((r) => r.status).sort(), [200, 409, 409, 409], tries.map((r) => r.text).join(' | '));
});

// ---- retiring -----------------------------------------------------------------------------------

test('retire and restore: not offered while retired (nor its subtree), named in options.retired; 409 when already so; audited', async () => {
	const b = await branch({ specialties: ['甲', '乙'] });
	const [x, y] = b.leaves;
	let res = expectJson(await post(mgr.client, `/nodes/${x.id}/retire`, { version: x.version }), 200);
	assert.deepEqual([res.node.active, res.node.retired, res.node.version], [false, true, x.version + 1]);
	let options = await applyOptions(expert.client);
	assert.ok(!offered(options).has(x.id), 'a retired leaf is not offered');
	assert.ok(offered(options).has(y.id));
	const named = allNodes(options.retired).find((n) => n.id === x.id);
	assert.equal(named.path, x.path, 'the retired leaf is named, with its path');
	assert.equal(named.retired, true);
	expectError(await post(mgr.client, `/nodes/${x.id}/retire`, { version: res.node.version }), 409, 'conflict');
	expectError(await post(mgr.client, `/nodes/${y.id}/restore`, { version: y.version }), 409, 'conflict');
	const [a] = await audits('taxonomy.retire', x.id);
	assert.deepEqual([a.summary.before.active, a.summary.after.active, a.summary.after.path], [true, false, x.path]);
	// the domain: its whole subtree goes, and comes back as it was
	const d = await latest(b.domain.id);
	res = expectJson(await post(sup.client, `/nodes/${d.id}/retire`, { version: d.version }), 200);
	options = await applyOptions(expert.client);
	assert.ok(!options.taxonomy.some((n) => n.id === d.id));
	assert.ok(!offered(options).has(y.id));
	assert.deepEqual(allNodes(options.retired).filter((n) => n.parent === b.group.id).map((n) => n.id).sort(), [x.id, y.id].sort());
	const edit = await editTree(mgr.client);
	assert.deepEqual([nodeIn(edit, y.id).active, nodeIn(edit, y.id).retired], [true, true], 'a leaf under a retired domain is retired, its own flag kept');
	expectJson(await post(mgr.client, `/nodes/${d.id}/restore`, { version: res.node.version }), 200);
	options = await applyOptions(expert.client);
	assert.ok(offered(options).has(y.id) && !offered(options).has(x.id), 'the subtree as it was: y back, x still retired');
	const xs = await latest(x.id);
	expectJson(await post(mgr.client, `/nodes/${x.id}/restore`, { version: xs.version }), 200);
	assert.ok(offered(await applyOptions(expert.client)).has(x.id));
	const [r] = await audits('taxonomy.restore', x.id);
	assert.equal(r.summary.after.active, true);
	expectError(await post(mgr.client, '/nodes/99999999/retire', { version: 1 }), 404, 'not_found');
});

test('a retired leaf stays on the expert\'s record — the expert\'s and the pool\'s views, certificate, PDFs, verification, CSV — and a change request cannot choose it', async () => {
	const b = await branch({ specialties: ['甲', '乙'] });
	const [x, y] = b.leaves;
	const e = await approvedExpert({ leaves: [x.id] });
	const leafNow = await latest(x.id);
	expectJson(await post(mgr.client, `/nodes/${x.id}/retire`, { version: leafNow.version }), 200);
	const mine = expectJson(await e.client.get('/api/expert'), 200).expert;
	assert.deepEqual(mine.specialties, [{ id: x.id, path: x.path, retired: true }]);
	const pooled = expectJson(await mgr.client.get(`/api/pool/experts/${e.expertId}`), 200).expert;
	assert.deepEqual(pooled.specialties, [{ id: x.id, path: x.path, retired: true }]);
	// the pool's filter still finds the expert by the retired leaf
	assert.deepEqual(expectJson(await mgr.client.get(`/api/pool/experts?node=${x.id}`), 200).items.map((i) => i.id), [e.expertId]);
	const docs = [
		['/api/certificate/pdf', e.client],
		['/api/expert/info.pdf', e.client],
		[`/api/certificate/experts/${e.expertId}/pdf`, mgr.client],
	];
	for (const [path, client] of docs) {
		const res = await client.get(path, { binary: true });
		assert.equal(res.status, 200, `${path}: ${res.status}`);
		assert.ok(squeeze(pdfText(res.bytes)).includes(x.name), `${path} names the retired leaf ${x.name}`);
	}
	const verify = expectJson(await anon.get(verifyApiPath(e.certificate.verify_url)), 200).certificate;
	assert.deepEqual(verify.specialties, [x.path]);
	const csv = await mgr.client.get(`/api/pool/experts.csv?q=${encodeURIComponent(e.expertNo)}`);
	assert.equal(csv.status, 200);
	assert.ok(csv.text.includes(e.expertNo) && csv.text.includes(x.name), `the CSV names the retired leaf: ${csv.text}`);
	// a change request that keeps it, or chooses it, is refused with its name
	for (const specialties of [[x.id], [x.id, y.id]]) {
		const res = await e.client.post('/api/expert/changes', { kind: 'specialties', data: { specialties }, note: '调整' });
		const err = expectError(res, 422, 'invalid', ['specialties']);
		assert.ok(err.fields.specialties.includes(`「${x.path}」已停用`), err.fields.specialties);
	}
	expectJson(await e.client.post('/api/expert/changes', { kind: 'specialties', data: { specialties: [y.id] }, note: '调整' }), 201);
});

test('a draft holding a leaf retired since: named in its missing list and refused at submission; without it, it goes through', async () => {
	const b = await branch({ specialties: ['甲', '乙'] });
	const [x, y] = b.leaves;
	const s = await expertWithDraft({ id: anyId(), leaves: [x.id, y.id] });
	const leafNow = await latest(x.id);
	expectJson(await post(mgr.client, `/nodes/${x.id}/retire`, { version: leafNow.version }), 200);
	const want = `「${x.path}」已停用，不能再选择，请取消后重新选择`;
	let a = await getApplication(s.client);
	assert.equal(a.missing.domains.specialties, want);
	const err = expectError(await submit(s.client, a.version), 422, 'invalid', ['specialties']);
	assert.equal(err.fields.specialties, want);
	assert.equal((await getApplication(s.client)).status, 'draft');
	// the application form PDF of the draft still names it
	const pdf = await s.client.get('/api/apply/pdf/form', { binary: true });
	assert.equal(pdf.status, 200);
	assert.ok(squeeze(pdfText(pdf.bytes)).includes(x.name));
	// a group retired: its leaves are refused too, all named
	const g = await latest(b.group.id);
	expectJson(await post(mgr.client, `/nodes/${g.id}/retire`, { version: g.version }), 200);
	a = await getApplication(s.client);
	assert.ok(a.missing.domains.specialties.includes(`「${x.path}」「${y.path}」已停用`), a.missing.domains.specialties);
	const g2 = await latest(b.group.id);
	expectJson(await post(mgr.client, `/nodes/${g.id}/restore`, { version: g2.version }), 200);
	// without the retired leaf the draft is complete again
	const v = expectJson(await s.client.post('/api/apply/draft', { version: a.version, step: 'domains', data: { ...s.data, specialties: [y.id] } }), 200).version;
	expectJson(await submit(s.client, v), 200);
});

// ---- the loader ---------------------------------------------------------------------------------

test('load-taxonomy once the tree is edited: nothing added, so a renamed shipped node does not come back', async () => {
	// the last direction of the last shipped domain, renamed for the time of the test
	const shipped = (await editTree(mgr.client)).filter((d) => !branches.some((b) => b.id === d.id));
	const leaf = allNodes(shipped).filter((n) => n.list === 'directions' && !n.retired).pop();
	const renamed = expectJson(await post(mgr.client, `/nodes/${leaf.id}/rename`, { version: leaf.version, name: uniqueName('改名') }), 200).node;
	try {
		const res = adminTool('load-taxonomy', new URL('../../share/taxonomy.tsv', import.meta.url).pathname);
		assert.equal(res.status, 0, res.stderr);
		assert.match(res.stdout, /edited in the admin pages/);
		const now = allNodes(await editTree(mgr.client));
		assert.ok(!now.some((n) => n.parent === leaf.parent && n.name === leaf.name), `${leaf.name} did not come back`);
	} finally {
		expectJson(await post(mgr.client, `/nodes/${leaf.id}/rename`, { version: renamed.version, name: leaf.name }), 200);
	}
});
