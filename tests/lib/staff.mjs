// Staff accounts and experts in the pool for the administration tests: a staff account with the
// roles a test needs (created by the run's super-admin through the API, logged in, initial
// password changed), a reviewer deciding through the review API, and an approved expert.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN_DIR, need } from './env.mjs';
import { expectJson } from './expect.mjs';
import { adminSession, expertSession, loginPassword, newClient, randomPassword, randomUsername } from './flows.mjs';
import { completeForm, expertSubmitted, getApplication, mainlandId } from './apply.mjs';
import { cgi } from './cgi.mjs';
import { resetIpLimits } from './db.mjs';

let superPromise = null;

/** A client logged in as the run's super-admin, shared by the tests of one file. */
export async function superAdmin() {
	if (!superPromise) superPromise = adminSession().then((s) => s.client);
	return superPromise;
}

/**
 * A new staff account with `roles` (e.g. ['reviewer'], ['manager', 'reviewer']), created by the
 * super-admin through POST /api/admin/users, logged in in the admin portal, with the forced
 * password change done. opts: department, name.
 * Returns { client, id, username, password, name, department, user } (user: the account as
 * POST /api/admin/users replied).
 */
export async function staffSession(roles, { department = '', name = '审核测试员' } = {}) {
	const admin = await superAdmin();
	const username = randomUsername('st');
	const initial = randomPassword();
	const body = { username, name, roles, password: initial };
	if (department) body.department = department;
	const created = expectJson(await admin.post('/api/admin/users', body), 201);
	assert.ok(Number.isInteger(created.user?.id), `POST /api/admin/users: ${JSON.stringify(created)}`);
	const client = await newClient();
	const login = await loginPassword(client, username, initial, 'admin');
	assert.equal(login.status, 200, `staff login ${username}: ${login.status} ${login.text}`);
	assert.equal(login.body.user.must_change_password, true, 'a new staff account must change its password');
	const password = randomPassword();
	const ch = await client.post('/api/account/password', { old_password: initial, new_password: password });
	assert.equal(ch.status, 200, `staff password change: ${ch.status} ${ch.text}`);
	return { client, id: created.user.id, username, password, name, department, user: created.user };
}

/** A mainland ID for someone aged 30 to 60 (a wide spread of birth dates: the many experts of a
 *  run do not share a number, which submission refuses). */
export function anyId(opts = {}) {
	return mainlandId({ age: opts.age ?? crypto.randomInt(30, 61), gender: opts.gender ?? '男' });
}

let defaultReviewer = null;

/** A reviewer shared by the tests of one file (department 建设工程处). */
export async function sharedReviewer() {
	if (!defaultReviewer) defaultReviewer = staffSession(['reviewer'], { department: '建设工程处', name: '审核员甲' });
	return defaultReviewer;
}

/** The application id and version of an expert's application (GET /api/apply). */
export async function applicationOf(client) {
	const a = await getApplication(client);
	assert.ok(a, 'the expert has an application');
	return { id: a.id, version: a.version, status: a.status };
}

/** GET /api/review/<id> as `client` (expects 200); returns the application object. */
export async function reviewCase(client, id) {
	return expectJson(await client.get(`/api/review/${id}`), 200).application;
}

/**
 * A fresh expert whose application a reviewer approved through POST /api/review/<id>/approve.
 * opts: as for expertSubmitted (name, leaves, level, edit(data), …; id defaults to anyId()),
 * reviewer (a staffSession; default: sharedReviewer()), conf (a configuration file: apply through
 * the CGI with it, see submittedUnder).
 * Returns { user, client, data, appId, expertId, expertNo, certificate (from the approval reply),
 * expert (GET /api/expert) }.
 */
export async function approvedExpert(opts = {}) {
	const s = opts.conf ? await submittedUnder(opts.conf, opts) : await expertSubmitted({ id: anyId(), ...opts });
	const reviewer = opts.reviewer ?? (await sharedReviewer());
	const app = await applicationOf(s.client);
	const res = await reviewer.client.post(`/api/review/${app.id}/approve`, { version: app.version });
	const body = expectJson(res, 200);
	assert.equal(body.status, 'approved', res.text);
	const expert = expectJson(await s.client.get('/api/expert'), 200).expert;
	assert.ok(expert && expert.id === body.expert.id, `GET /api/expert after approval: ${JSON.stringify(expert)}`);
	return {
		...s, appId: app.id, expertId: body.expert.id, expertNo: body.expert.expert_no,
		certificate: body.certificate, expert,
	};
}

/**
 * A fresh expert whose application was saved and submitted through the apply program run as
 * plain CGI with the configuration file `conf` (e.g. more regions than the run's). opts as for
 * expertSubmitted. Returns { user, client, data, version }.
 */
export async function submittedUnder(conf, opts = {}) {
	const { user, client } = opts.session ?? (await expertSession());
	const data = await completeForm(client, { id: anyId(), ...opts });
	if (opts.edit) opts.edit(data);
	let res = cgi('apply', conf, 'POST', '/draft', { client, data: { version: 0, step: 'basic', data } });
	assert.equal(res.status, 200, `draft (CGI): ${res.status} ${res.text}${res.stderr}`);
	res = cgi('apply', conf, 'POST', '/submit', { client, data: { version: res.body.version, declaration: true } });
	assert.equal(res.status, 200, `submit (CGI): ${res.status} ${res.text}${res.stderr}`);
	return { user, client, data, version: res.body.version };
}

/** The path and query of a verify_url (…/verify/<no>?t=…) as the API route /api/verify/<no>?t=…
 *  (the configured site address may be another server than the one under test). */
export function verifyApiPath(verifyUrl) {
	const u = new URL(verifyUrl);
	assert.match(u.pathname, /^\/verify\/[^/]+$/, `verify_url path: ${verifyUrl}`);
	return u.pathname.replace(/^\/verify\//, '/api/verify/') + u.search;
}

/** `job()`, tried up to `tries` times. For making experts in parallel: concurrent code sends for
 *  different new phones can deadlock in the database and get 409 "系统繁忙，请重试" (the server
 *  asks the client to retry, and so does this). */
export async function retrying(job, tries = 3) {
	for (let i = 1; ; i++) {
		try {
			return await job();
		} catch (e) {
			if (i >= tries) throw e;
		}
	}
}

/** Runs `n` async jobs `batch` at a time (each retried as by `retrying`); returns their results
 *  in order. The per-IP limits are reset before each batch. */
export async function inBatches(n, batch, job) {
	const out = [];
	for (let i = 0; i < n; i += batch) {
		resetIpLimits();
		const part = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => retrying(() => job(i + k))));
		out.push(...part);
	}
	return out;
}

/**
 * The taxonomy as nodes with ids, from GET /api/apply/options: [{ domain, group, leaf, path }]
 * for every selectable leaf (domain, group and leaf are ids).
 */
export function taxonomyNodes(options) {
	const out = [];
	for (const d of options.taxonomy) {
		for (const g of d.groups || []) {
			for (const l of [...(g.specialties || []), ...(g.directions || [])]) {
				out.push({ domain: d.id, group: g.id, leaf: l.id, path: `${d.name} / ${g.name} / ${l.name}` });
			}
		}
	}
	return out;
}

/**
 * Three leaves for filter tests: `a` and `c` in one domain (different leaves), `b` in another
 * domain. Each as { domain, group, leaf, path }.
 */
export function threeLeaves(options) {
	const nodes = taxonomyNodes(options);
	const byDomain = new Map();
	for (const n of nodes) byDomain.set(n.domain, [...(byDomain.get(n.domain) || []), n]);
	const domains = [...byDomain.values()];
	const first = domains.find((list) => list.length >= 2);
	assert.ok(first, 'a domain with two leaves');
	const other = domains.find((list) => list[0].domain !== first[0].domain);
	assert.ok(other, 'a second domain');
	return { a: first[0], c: first[first.length - 1], b: other[0] };
}

const ADMIN_TOOL = path.join(BIN_DIR, 'expertpool-admin');

/** Runs `expertpool-admin <args…>` with the run's EXPERTPOOL_CONF; returns { status, stdout, stderr }. */
export function adminTool(...args) {
	need('EXPERTPOOL_CONF');
	const r = spawnSync(ADMIN_TOOL, args, { env: process.env, encoding: 'utf8', timeout: 60000 });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The text of the QR code in a PNG (zbarimg --raw). */
export function qrText(png) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-qr-'));
	try {
		const file = path.join(dir, 'code.png');
		fs.writeFileSync(file, png);
		const r = spawnSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8', timeout: 30000 });
		if (r.error) throw r.error;
		return r.stdout.trim();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** A manager's action on an expert (suspend, restore, remove) with the version it has now. */
export async function poolMove(manager, expertId, verb, reason = '测试') {
	const e = expectJson(await manager.get(`/api/pool/experts/${expertId}`), 200).expert;
	return expectJson(await manager.post(`/api/pool/experts/${expertId}/${verb}`, { version: e.version, reason }), 200);
}
