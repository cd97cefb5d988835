// Raw HTTP/1.1 over a TCP socket, for what fetch will not do: lie about Content-Length, send
// headers without a body, look at the status line as the server wrote it.
import net from 'node:net';
import { BASE_URL } from './env.mjs';

/**
 * Sends `head` (the request line and headers, without the blank line) and then `body` if given,
 * and collects the reply until the server closes or `timeout` ms pass.
 * Returns { statusLine, status, reason, headers (lowercased names), body, ms, timedOut }.
 */
export function rawRequest(head, { body, timeout = 5000, base = BASE_URL } = {}) {
	const u = new URL(base);
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const chunks = [];
		let done = false;
		const sock = net.connect({ host: u.hostname, port: Number(u.port || 80) });
		const finish = (timedOut) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			sock.destroy();
			const raw = Buffer.concat(chunks).toString('latin1');
			const end = raw.indexOf('\r\n\r\n');
			const headText = end < 0 ? raw : raw.slice(0, end);
			const lines = headText.split('\r\n');
			const statusLine = lines.shift() || '';
			const m = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(statusLine);
			const headers = {};
			for (const l of lines) {
				const i = l.indexOf(':');
				if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
			}
			resolve({
				statusLine,
				status: m ? Number(m[1]) : 0,
				reason: m ? m[2] || '' : '',
				headers,
				body: end < 0 ? '' : Buffer.from(raw.slice(end + 4), 'latin1').toString('utf8'),
				ms: Date.now() - started,
				timedOut,
			});
		};
		const timer = setTimeout(() => finish(true), timeout);
		sock.on('connect', () => {
			sock.write(head.replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '') + '\r\n\r\n');
			if (body !== undefined) sock.write(body);
		});
		sock.on('data', (d) => {
			chunks.push(d);
			// Stop as soon as a complete reply with a Content-Length has arrived.
			const raw = Buffer.concat(chunks).toString('latin1');
			const end = raw.indexOf('\r\n\r\n');
			if (end >= 0) {
				const cl = /\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, end));
				if (cl && Buffer.byteLength(raw.slice(end + 4), 'latin1') >= Number(cl[1])) finish(false);
			}
		});
		sock.on('end', () => finish(false));
		sock.on('close', () => finish(false));
		sock.on('error', (e) => {
			if (chunks.length) finish(false);
			else if (!done) {
				done = true;
				clearTimeout(timer);
				reject(e);
			}
		});
	});
}

/** The Host header value for BASE_URL. */
export function hostHeader(base = BASE_URL) {
	return new URL(base).host;
}
