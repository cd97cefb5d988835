// Reads the SMS file driver's log: one line per message, "<ISO time>\t<E.164 phone>\t<text>".
import fs from 'node:fs';
import { need } from './env.mjs';

/** The current end of the SMS log: pass it to waitSms to see only later messages. */
export function smsOffset() {
	try {
		return fs.statSync(need('SMS_LOG')).size;
	} catch (e) {
		if (e.code === 'ENOENT') return 0;
		throw e;
	}
}

/** The lines of the SMS log after `offset`, as written (one per message, if all is well). */
export function smsLines(offset) {
	let buf;
	try {
		buf = fs.readFileSync(need('SMS_LOG'));
	} catch (e) {
		if (e.code === 'ENOENT') return [];
		throw e;
	}
	return buf
		.subarray(offset)
		.toString('utf8')
		.split('\n')
		.filter((l) => l.length);
}

/** The messages to `phone` appended after `offset`, oldest first. */
export function smsSince(phone, offset) {
	return smsLines(offset)
		.map((l) => {
			const [time, to, ...rest] = l.split('\t');
			return { time, phone: to, text: rest.join('\t') };
		})
		.filter((m) => m.phone === phone);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits (up to `timeout` ms) for a message to `phone` after `offset` that satisfies `match`
 * (a RegExp or a predicate on the text); returns { time, phone, text, code, password }.
 */
export async function waitSms(phone, offset, { match, timeout = 5000 } = {}) {
	const ok = match instanceof RegExp ? (t) => match.test(t) : match || (() => true);
	const until = Date.now() + timeout;
	for (;;) {
		const m = smsSince(phone, offset).find((x) => ok(x.text));
		if (m) return { ...m, code: codeIn(m.text), password: passwordIn(m.text) };
		if (Date.now() > until) {
			const seen = smsSince(phone, offset).map((x) => x.text);
			throw new Error(`no SMS to ${phone} within ${timeout} ms (messages to it since then: ${JSON.stringify(seen)})`);
		}
		await sleep(100);
	}
}

/** Waits for a verification-code message; returns its 6-digit code. */
export async function waitCode(phone, offset, opts = {}) {
	const m = await waitSms(phone, offset, { match: (t) => codeIn(t) !== undefined && passwordIn(t) === undefined, ...opts });
	return m.code;
}

/** Waits for the initial-password message; returns the password. */
export async function waitPassword(phone, offset, opts = {}) {
	const m = await waitSms(phone, offset, { match: (t) => passwordIn(t) !== undefined, ...opts });
	return m.password;
}

/** Asserts, after waiting `wait` ms (several dispatcher periods), that no message went to `phone`. */
export async function expectNoSms(phone, offset, wait = 1500) {
	await sleep(wait);
	const seen = smsSince(phone, offset);
	if (seen.length) throw new Error(`unexpected SMS to ${phone}: ${JSON.stringify(seen.map((m) => m.text))}`);
}

/** The 6-digit code in a message text, or undefined. */
export function codeIn(text) {
	return /(?<![0-9])([0-9]{6})(?![0-9])/.exec(text)?.[1];
}

/** The initial password in a message text ("…初始密码为 Ab3…，请登录后修改。"), or undefined. */
export function passwordIn(text) {
	return /初始密码[为是:：]?\s*([!-~]+?)\s*(?:[，,。；;]|$)/.exec(text)?.[1];
}
