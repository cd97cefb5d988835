// Assertions on API replies, worded so a failure shows the whole reply.
import assert from 'node:assert/strict';

const show = (res) => `${res.status} ${res.statusText} ${res.text.slice(0, 600)}`;

/** The reply is `status` with a JSON body; returns the body. */
export function expectJson(res, status) {
	assert.equal(res.status, status, `expected ${status}, got ${show(res)}`);
	assert.match(res.headers.get('content-type') || '', /^application\/json\b/i, `content-type of ${show(res)}`);
	assert.ok(res.body !== null && typeof res.body === 'object', `body is not JSON: ${show(res)}`);
	return res.body;
}

/**
 * The reply is the API's error `code` with HTTP `status`. `fields`: names that must have a message in
 * error.fields (an array), or null to require that error.fields is absent.
 */
export function expectError(res, status, code, fields) {
	const body = expectJson(res, status);
	assert.ok(body.error && typeof body.error === 'object', `no "error" object: ${show(res)}`);
	assert.equal(body.error.code, code, `error code: ${show(res)}`);
	assert.equal(typeof body.error.message, 'string', `error.message: ${show(res)}`);
	assert.ok(body.error.message.length > 0, `empty error.message: ${show(res)}`);
	if (Array.isArray(fields)) {
		assert.ok(body.error.fields && typeof body.error.fields === 'object', `no error.fields: ${show(res)}`);
		for (const f of fields) {
			assert.equal(typeof body.error.fields[f], 'string', `error.fields.${f} missing: ${show(res)}`);
			assert.ok(body.error.fields[f].length > 0, `error.fields.${f} empty: ${show(res)}`);
		}
	} else if (fields === null) {
		assert.equal(body.error.fields, undefined, `error.fields present: ${show(res)}`);
	}
	if (status === 429) {
		const ra = body.error.retry_after;
		assert.ok(Number.isInteger(ra) && ra > 0, `error.retry_after must be a positive integer: ${show(res)}`);
		assert.equal(res.headers.get('retry-after'), String(ra), `Retry-After header vs retry_after: ${show(res)}`);
	}
	return body.error;
}

/** 422 `invalid` naming at least one of `names` in error.fields (for a field the doc may file
 *  under either of two names, like captcha_id/captcha); returns the error. */
export function expectInvalidOneOf(res, names) {
	const err = expectError(res, 422, 'invalid');
	assert.ok(err.fields && names.some((n) => typeof err.fields[n] === 'string'), `error.fields should name one of ${names.join(', ')}: ${show(res)}`);
	return err;
}

/** The user object of login and `me` replies, with exact keys. */
export function expectUser(u, want = {}) {
	assert.ok(u && typeof u === 'object', `user object: ${JSON.stringify(u)}`);
	assert.deepEqual(Object.keys(u).sort(), ['id', 'must_change_password', 'name', 'phone', 'portal', 'roles', 'username'], `user keys: ${JSON.stringify(u)}`);
	assert.ok(Number.isInteger(u.id) && u.id > 0, `user.id: ${JSON.stringify(u)}`);
	assert.match(u.phone, /^\+[1-9][0-9]{4,14}$/, `user.phone is E.164: ${JSON.stringify(u)}`);
	assert.ok(u.username === null || typeof u.username === 'string', `user.username: ${JSON.stringify(u)}`);
	assert.ok(u.name === null || typeof u.name === 'string', `user.name: ${JSON.stringify(u)}`);
	assert.ok(Array.isArray(u.roles), `user.roles: ${JSON.stringify(u)}`);
	assert.ok(u.portal === 'expert' || u.portal === 'admin', `user.portal: ${JSON.stringify(u)}`);
	assert.equal(typeof u.must_change_password, 'boolean', `user.must_change_password: ${JSON.stringify(u)}`);
	for (const [k, v] of Object.entries(want)) assert.deepEqual(u[k], v, `user.${k}: ${JSON.stringify(u)}`);
	return u;
}

/** The security headers every API reply carries. */
export function expectSecurityHeaders(res, what = '') {
	const h = res.headers;
	const get = (n) => (typeof h.get === 'function' ? h.get(n) : h[n]);
	assert.equal((get('x-content-type-options') || '').toLowerCase(), 'nosniff', `X-Content-Type-Options ${what}`);
	assert.equal((get('x-frame-options') || '').toUpperCase(), 'DENY', `X-Frame-Options ${what}`);
	assert.match(get('cache-control') || '', /\bno-store\b/i, `Cache-Control ${what}`);
}
