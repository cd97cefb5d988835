// Runs a program (of the build under test) as plain CGI, the way shared hosting without FastCGI would, with
// a configuration of the test's choosing (e.g. the provincial style of the same database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN_DIR, need } from './env.mjs';


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
