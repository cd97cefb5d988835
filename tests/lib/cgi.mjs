// Runs a program (of the build under test) as plain CGI, the way shared hosting without FastCGI
// would, with a configuration of the test's choosing (e.g. the provincial style of the same
// database): one request from a test (cgi), or a whole site for the browser (cgiSite).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BASE_URL, BIN_DIR, need } from './env.mjs';


/** A copy of the run's configuration with `changes` ({section: {key: value}}) applied. */
export function configWith(changes) {
	const lines = fs.readFileSync(need('EXPERTPOOL_CONF'), 'utf8').split('\n');
	let section = '';
	const seen = new Set();
	const out = [];
	const flush = () => {
		for (const [k, v] of Object.entries(changes[section] || {}))
			if (!seen.has(`${section}.${k}`)) out.push(`${k} = ${v}`);
	};
	for (const line of lines) {
		const s = /^\s*\[(\w+)\]/.exec(line);
		if (s) {
			flush();
			section = s[1];
			out.push(line);
			continue;
		}
		const kv = /^\s*(\w+)\s*=/.exec(line);
		if (kv && changes[section] && kv[1] in changes[section]) {
			out.push(`${kv[1]} = ${changes[section][kv[1]]}`);
			seen.add(`${section}.${kv[1]}`);
			continue;
		}
		out.push(line);
	}
	flush();
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ep-conf-')), 'expertpool.ini');
	fs.writeFileSync(file, out.join('\n'));
	return file;
}

/** One CGI request to <program> of BIN_DIR: {status, headers, text, body}. `client` lends its
 *  cookies and CSRF token; `contentLength` declares a body length other than the one sent
 *  (e.g. a body the server must not wait for). */
export function cgi(program, conf, method, pathInfo, { client, data, contentLength } = {}) {
	const body = data === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(data));
	const env = {
		EXPERTPOOL_CONF: conf, REQUEST_METHOD: method, PATH_INFO: pathInfo, QUERY_STRING: '',
		REMOTE_ADDR: '127.0.0.1', CONTENT_LENGTH: String(contentLength ?? body.length),
		CONTENT_TYPE: data === undefined ? '' : 'application/json',
		HTTP_COOKIE: client ? client.jar.header() : '', HTTP_X_CSRF_TOKEN: client?.csrf || '',
	};
	const r = spawnSync(path.join(BIN_DIR, program), { env, input: body, timeout: 10000 });
	const raw = r.stdout;
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.subarray(0, split).toString('utf8').split('\r\n');
	const status = Number(/^Status: (\d+)/.exec(head[0])?.[1] || 0);
	const headers = Object.fromEntries(head.slice(1).map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]));
	const text = raw.subarray(split + 4).toString('utf8');
	let parsed = null;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = null;
	}
	return { status, headers, text, body: parsed, stderr: r.stderr.toString('utf8') };
}

/** The programs the web server mounts (conf/programs). */
function mounted() {
	return fs.readFileSync(fileURLToPath(new URL('../../conf/programs', import.meta.url)), 'utf8').split('\n')
		.map((l) => l.trim().split(/\s+/)[0]).filter((n) => n && !n.startsWith('#'));
}

/** Splits a CGI program's output into the status, the headers ([name, value] pairs, Set-Cookie
 *  repeated) and the body. */
function cgiReply(raw) {
	const split = raw.indexOf('\r\n\r\n');
	if (split < 0) return { status: 502, headers: [['Content-Type', 'text/plain']], body: Buffer.from('no CGI header') };
	const lines = raw.subarray(0, split).toString('utf8').split('\r\n');
	let status = 200;
	const headers = [];
	for (const line of lines) {
		const colon = line.indexOf(':');
		const name = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).trim();
		if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
		else headers.push([name, value]);
	}
	return { status, headers, body: raw.subarray(split + 4) };
}

/**
 * A web site for the browser tests with the configuration file `conf`: every /api/<program>/…
 * runs cgi-bin/<program> as plain CGI with that configuration (as shared hosting runs them), and
 * everything else — the built pages — comes from the run's own server (BASE_URL), so the pages,
 * their headers and their history fallback are nginx's. One database for both: what a page does
 * here, the API tests' clients see there. Resolves to { url, close() }.
 */
export async function cgiSite(conf) {
	const programs = new Set(mounted());
	const upstream = new URL(BASE_URL);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://site');
		const m = /^\/api\/([a-z][a-z0-9-]*)(\/.*)?$/.exec(url.pathname);
		if (!m) {
			// the pages: passed through to the run's server
			const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
				headers: { ...req.headers, host: upstream.host } }, (u) => {
				res.writeHead(u.statusCode, u.rawHeaders);
				u.pipe(res);
			});
			up.on('error', () => res.writeHead(502).end());
			req.pipe(up);
			return;
		}
		if (!programs.has(m[1])) {
			res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"not_found","message":"请求的内容不存在"}}');
			return;
		}
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const env = {
				EXPERTPOOL_CONF: conf, GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: req.method,
				PATH_INFO: m[2] || '/', QUERY_STRING: url.search.slice(1), SCRIPT_NAME: `/api/${m[1]}`,
				REMOTE_ADDR: req.socket.remoteAddress.replace(/^::ffff:/, ''), SERVER_PROTOCOL: 'HTTP/1.1',
				CONTENT_LENGTH: String(body.length), CONTENT_TYPE: req.headers['content-type'] || '',
				HTTP_COOKIE: req.headers.cookie || '', HTTP_X_CSRF_TOKEN: req.headers['x-csrf-token'] || '',
				HTTP_USER_AGENT: req.headers['user-agent'] || '', HTTP_HOST: req.headers.host || '',
			};
			const child = spawn(path.join(BIN_DIR, m[1]), [], { env });
			const out = [];
			const err = [];
			child.stdout.on('data', (c) => out.push(c));
			child.stderr.on('data', (c) => err.push(c));
			child.on('error', () => res.writeHead(502).end());
			child.on('close', () => {
				if (err.length) process.stderr.write(`# cgi ${m[1]}: ${Buffer.concat(err).toString('utf8')}`);
				const r = cgiReply(Buffer.concat(out));
				res.writeHead(r.status, r.headers.flat());
				res.end(r.body);
			});
			child.stdin.on('error', () => {});
			child.stdin.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		close: () => new Promise((resolve) => {
			server.closeAllConnections();
			server.close(resolve);
		}),
	};
}
