// A tiny cookie jar and an HTTP client for the API: keeps cookies, sends the CSRF header on POST.
import http from 'node:http';
import https from 'node:https';
import { BASE_URL } from './env.mjs';

/** One host's cookies. Domain and path are ignored: the tests talk to one origin under Path=/. */
export class CookieJar {
	constructor() {
		this.cookies = new Map(); // name -> { value, attrs: { lowercased name: value|true } }
	}

	/** Parses one Set-Cookie header value; returns { name, value, attrs }. */
	static parse(header) {
		const parts = header.split(';');
		const first = parts.shift();
		const eq = first.indexOf('=');
		const name = (eq < 0 ? first : first.slice(0, eq)).trim();
		const value = eq < 0 ? '' : first.slice(eq + 1).trim();
		const attrs = {};
		for (const p of parts) {
			const i = p.indexOf('=');
			const k = (i < 0 ? p : p.slice(0, i)).trim().toLowerCase();
			if (!k) continue;
			attrs[k] = i < 0 ? true : p.slice(i + 1).trim();
		}
		return { name, value, attrs };
	}

	/** True when a parsed cookie tells the client to drop it. */
	static expired(c) {
		if (c.attrs['max-age'] !== undefined && Number(c.attrs['max-age']) <= 0) return true;
		if (typeof c.attrs.expires === 'string') {
			const t = Date.parse(c.attrs.expires);
			if (!Number.isNaN(t) && t <= Date.now()) return true;
		}
		return false;
	}

	/** Stores every Set-Cookie of a fetch Response. */
	store(res) {
		for (const h of res.headers.getSetCookie()) {
			const c = CookieJar.parse(h);
			if (!c.name) continue;
			if (CookieJar.expired(c) || c.value === '') this.cookies.delete(c.name);
			else this.cookies.set(c.name, { value: c.value, attrs: c.attrs });
		}
	}

	get(name) {
		return this.cookies.get(name)?.value;
	}

	set(name, value) {
		this.cookies.set(name, { value, attrs: {} });
	}

	delete(name) {
		this.cookies.delete(name);
	}

	/** The Cookie request header, or undefined when the jar is empty. */
	header() {
		if (this.cookies.size === 0) return undefined;
		return [...this.cookies].map(([k, c]) => `${k}=${c.value}`).join('; ');
	}

	clone() {
		const j = new CookieJar();
		for (const [k, c] of this.cookies) j.cookies.set(k, { value: c.value, attrs: { ...c.attrs } });
		return j;
	}
}

/**
 * fetch() from a given local address: `localAddress` another loopback address (127.0.0.2, …), so
 * that the server sees another client IP in REMOTE_ADDR. Only what Client.request uses.
 */
function fetchFrom(localAddress, url, { method, headers, body }) {
	const u = new URL(url);
	const sent = { ...headers };
	if (body !== undefined) sent['Content-Length'] = Buffer.byteLength(body);
	return new Promise((resolve, reject) => {
		const req = (u.protocol === 'https:' ? https : http).request(u, { method, headers: sent, localAddress }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const h = new Headers();
				for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
				const empty = [101, 204, 205, 304].includes(res.statusCode);
				resolve(new Response(empty ? null : Buffer.concat(chunks), { status: res.statusCode, statusText: res.statusMessage, headers: h }));
			});
		});
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/**
 * A client with its own cookie jar.
 *   await c.get('/api/account/me')
 *   await c.post('/api/login/password', {account, password, ...})           JSON body
 *   await c.post(path, {a: '1'}, {form: true})                              urlencoded body
 *   await c.post(path, undefined, {body: Buffer|string, type: 'application/json'})   raw body
 *   options.csrf: undefined = send the ep_csrf cookie's value on POST, false = send none,
 *                 a string = send that value.
 *   options.binary: true = also keep the reply's raw bytes (a downloaded file) as `bytes`.
 * new Client({ localAddress: '127.0.0.2' }) sends from that address: another client IP.
 * Replies: { status, statusText, headers, text, body (parsed JSON or null), setCookies[, bytes] }.
 */
export class Client {
	constructor({ base = BASE_URL, jar = new CookieJar(), localAddress } = {}) {
		this.base = base;
		this.jar = jar;
		this.localAddress = localAddress;
	}

	get csrf() {
		return this.jar.get('ep_csrf');
	}

	get session() {
		return this.jar.get('ep_session');
	}

	/** A second client with a copy of this one's cookies (an "old cookie" kept by an attacker). */
	clone() {
		return new Client({ base: this.base, jar: this.jar.clone(), localAddress: this.localAddress });
	}

	async request(method, path, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		let body;
		if (opts.body !== undefined) {
			body = opts.body;
			if (opts.type !== undefined) headers['Content-Type'] = opts.type;
		} else if (opts.data !== undefined) {
			if (opts.form) {
				body = new URLSearchParams(opts.data).toString();
				headers['Content-Type'] = 'application/x-www-form-urlencoded';
			} else {
				body = JSON.stringify(opts.data);
				headers['Content-Type'] = 'application/json';
			}
		}
		if (opts.cookies !== false) {
			const ck = this.jar.header();
			if (ck) headers.Cookie = ck;
		}
		if (method !== 'GET' && method !== 'HEAD') {
			if (typeof opts.csrf === 'string') headers['X-CSRF-Token'] = opts.csrf;
			else if (opts.csrf !== false && this.csrf) headers['X-CSRF-Token'] = this.csrf;
		}
		const res = this.localAddress
			? await fetchFrom(this.localAddress, this.base + path, { method, headers, body })
			: await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
		if (opts.cookies !== false && opts.keepCookies !== false) this.jar.store(res);
		let bytes;
		let text;
		if (opts.binary) {
			bytes = Buffer.from(await res.arrayBuffer());
			text = bytes.toString('utf8');
		} else {
			text = await res.text();
		}
		let parsed = null;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = null;
		}
		return {
			status: res.status,
			statusText: res.statusText,
			headers: res.headers,
			text,
			body: parsed,
			setCookies: res.headers.getSetCookie().map(CookieJar.parse),
			...(bytes !== undefined ? { bytes } : {}),
		};
	}

	get(path, opts = {}) {
		return this.request('GET', path, opts);
	}

	post(path, data, opts = {}) {
		return this.request('POST', path, { ...opts, data });
	}

	/** Makes sure the jar holds an ep_csrf cookie (any reply to a request without one sets it). */
	async ensureCsrf() {
		if (!this.csrf) await this.get('/api/captcha/new');
		if (!this.csrf) throw new Error('the server set no ep_csrf cookie on GET /api/captcha/new');
		return this.csrf;
	}
}

/** The Set-Cookie entry named `name` of a reply, or undefined. */
export function setCookie(res, name) {
	return res.setCookies.find((c) => c.name === name);
}
