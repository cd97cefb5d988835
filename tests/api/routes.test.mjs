// The run loop's routing rules that every program shares: numeric id segments ("#" in a route
// table) and the order of the checks (who may call a route is known before its body is read).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectError } from '../lib/expect.mjs';
import { newClient } from '../lib/flows.mjs';
import { staffSession } from '../lib/staff.mjs';
import { cgi } from '../lib/cgi.mjs';
import { need } from '../lib/env.mjs';

test('an id segment takes only a positive decimal number: anything else is 404 before any lookup', async () => {
	const { client } = await staffSession(['manager', 'reviewer']);
	for (const id of ['abc', '0', '01', '-1', '1e3', '12345678901234567890']) {
		expectError(await client.get(`/api/pool/experts/${id}`), 404, 'not_found');
		expectError(await client.get(`/api/review/${id}`), 404, 'not_found');
		expectError(await client.post(`/api/pool/experts/${id}/suspend`, { reason: '测试' }), 404, 'not_found');
	}
	// a well-formed id that names nothing is the handler's 404, with its own message
	const none = await client.get('/api/pool/experts/999999999');
	expectError(none, 404, 'not_found');
	assert.match(none.body.error.message, /专家/);
});

test('a route with a role reads no body before the role check: a caller without a session gets 401, not a wait for the body', async () => {
	const c = await newClient();
	// The program runs as CGI: the body it is told of never comes. Before, it read first and
	// answered 400 (incomplete body); the role check must come first.
	const r = cgi('apply', need('EXPERTPOOL_CONF'), 'POST', '/draft', { client: c, contentLength: 4000 });
	assert.equal(r.status, 401, r.text);
	assert.equal(r.body?.error?.code, 'unauthorized');
});

test('a route without a role still needs its whole body', async () => {
	const c = await newClient();
	const r = cgi('register', need('EXPERTPOOL_CONF'), 'POST', '/code', { client: c, contentLength: 100 });
	assert.equal(r.status, 400, r.text);
	assert.equal(r.body?.error?.code, 'bad_request');
});
