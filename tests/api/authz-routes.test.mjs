// The authorization matrix made from the route tables themselves: every program prints its
// table (EXPERTPOOL_ROUTES=1), and every route is called by each caller its roles leave out —
// anonymous, an expert, and staff accounts holding one role each — who must get 401 or 403 before
// anything is read or changed; every POST without the CSRF header gets 403 csrf. A new route is
// in the matrix the moment it is in a table. (authz.test.mjs checks the real answers of the
// callers who may.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN_DIR } from '../lib/env.mjs';
import { expectError } from '../lib/expect.mjs';
import { newClient, expertSession } from '../lib/flows.mjs';
import { staffSession } from '../lib/staff.mjs';
import { resetIpLimits } from '../lib/db.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const ROLE = { expert: 1, reviewer: 2, manager: 4, super: 8 };

/** The programs the servers mount (conf/programs) and their route tables. */
function routeTables() {
	const names = fs.readFileSync(path.join(repo, 'conf/programs'), 'utf8').split('\n')
		.map((l) => l.trim().split(/\s+/)[0]).filter((n) => n && !n.startsWith('#'));
	return names.map((name) => {
		const r = spawnSync(path.join(BIN_DIR, name), { env: { EXPERTPOOL_ROUTES: '1' }, encoding: 'utf8', timeout: 10000 });
		assert.equal(r.status, 0, `${name} --routes: ${r.stderr}`);
		const routes = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
		assert.ok(routes.length > 0, `${name} prints no routes`);
		return { name, routes };
	});
}

/** A concrete URL for a route pattern: ids 1, other segments x. */
const urlOf = (program, p) => `/api/${program}${p.replace(/#/g, '1').replace(/\*/g, 'x')}`;

const tables = routeTables();
const callers = {};

before(async () => {
	resetIpLimits();
	const [expert, reviewer, manager, sup] = await Promise.all([
		expertSession(),
		staffSession(['reviewer'], { department: '审核一处', name: '矩阵审核' }),
		staffSession(['manager'], { name: '矩阵管库' }),
		staffSession(['super'], { name: '矩阵管理员' }),
	]);
	const anon = await newClient();
	await anon.ensureCsrf();
	Object.assign(callers, {
		anonymous: { client: anon, roles: 0 },
		expert: { client: expert.client, roles: ROLE.expert },
		reviewer: { client: reviewer.client, roles: ROLE.reviewer },
		manager: { client: manager.client, roles: ROLE.manager },
		super: { client: sup.client, roles: ROLE.super },
	});
});

test('every program prints a route table, and every route path is well formed', () => {
	for (const { name, routes } of tables)
		for (const r of routes) {
			assert.match(r.path, /^\/([A-Za-z0-9._-]+|\*|#)?(\/([A-Za-z0-9._-]+|\*|#))*\/?$/, `${name} ${r.path}`);
			assert.ok(r.public || r.any_user || r.roles !== 0, `${name} ${r.method} ${r.path}: no caller at all`);
		}
});

for (const { name, routes } of tables)
	for (const route of routes) {
		if (route.public) continue;
		const url = urlOf(name, route.path);
		test(`${route.method} ${url}: refused to every caller its roles leave out, before the body`, async () => {
			const send = (c, opts = {}) => route.method === 'GET'
				? c.get(url, opts) : c.request(route.method, url, { ...(route.body_limit > 0 ? { data: {} } : {}), ...opts });
			for (const [who, { client, roles }] of Object.entries(callers)) {
				if (route.method !== 'GET') {
					// the CSRF check comes first, for everybody
					expectError(await send(client, { csrf: false }), 403, 'csrf');
				}
				if (roles === 0) {
					expectError(await send(client), 401, 'unauthorized');
				} else if (!route.any_user && (route.roles & roles) === 0) {
					const res = await send(client);
					expectError(res, 403, 'forbidden');
				}
			}
		});
	}
