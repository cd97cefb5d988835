// The taxonomy editor's API (/api/taxonomy) for the tests: the tree as the editor sees it, its
// nodes by id, and adding a node. Tests make their own nodes (under a domain of their own) and
// change only those, so the tree the other tests choose from stays as it was.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectJson } from './expect.mjs';

/** A name no other test of the run uses: `prefix` and a few random letters. */
export function uniqueName(prefix = '测试') {
	return `${prefix}${crypto.randomBytes(4).toString('hex')}`;
}

/** GET /api/taxonomy (expects 200): the editor's tree, every node with kind, version, active, retired. */
export async function editTree(client) {
	return expectJson(await client.get('/api/taxonomy'), 200).taxonomy;
}

/** Every node of a tree (any of taxonomy_tree's shapes) as [{ ...node, parent, list }] in tree order;
 *  `list` is the array holding it ('domains', 'groups', 'specialties', 'directions'). */
export function allNodes(tree) {
	const out = [];
	for (const d of tree || []) {
		out.push({ ...d, parent: 0, list: 'domains' });
		for (const g of d.groups || []) {
			out.push({ ...g, parent: d.id, list: 'groups' });
			for (const list of ['specialties', 'directions'])
				for (const l of g[list] || []) out.push({ ...l, parent: g.id, list });
		}
	}
	return out;
}

/** The node of `tree` with `id`, or undefined. */
export function nodeIn(tree, id) {
	return allNodes(tree).find((n) => n.id === id);
}

/** POST /api/taxonomy/nodes (expects 201); returns the node. */
export async function addNode(client, parentId, kind, name) {
	const body = expectJson(await client.post('/api/taxonomy/nodes', { parent_id: parentId, kind, name }), 201);
	assert.equal(body.node.name, name.trim());
	return body.node;
}

/** A domain of the test's own with one group holding `specialties` and `directions` (names):
 *  { domain, group, leaves: [node…] } in that order. */
export async function ownBranch(client, { specialties = ['甲'], directions = [] } = {}) {
	const domain = await addNode(client, 0, 'domain', uniqueName('测试领域'));
	const group = await addNode(client, domain.id, 'group', uniqueName('测试类别'));
	const leaves = [];
	for (const n of specialties) leaves.push(await addNode(client, group.id, 'specialty', `${n}${uniqueName('')}`));
	for (const n of directions) leaves.push(await addNode(client, group.id, 'direction', `${n}${uniqueName('')}`));
	return { domain, group, leaves };
}
