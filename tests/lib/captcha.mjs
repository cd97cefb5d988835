// Solves image captchas for the tests: the server appends "<id> <answer>" to CAPTCHA_LOG for
// every captcha it issues (a testing-only setting).
import fs from 'node:fs';
import { need } from './env.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The answer to captcha `id`, read from the log (waits up to `timeout` ms for the line). */
export async function captchaAnswer(id, timeout = 3000) {
	const until = Date.now() + timeout;
	for (;;) {
		let text = '';
		try {
			text = fs.readFileSync(need('CAPTCHA_LOG'), 'utf8');
		} catch (e) {
			if (e.code !== 'ENOENT') throw e;
		}
		for (const line of text.split('\n')) {
			const sp = line.indexOf(' ');
			if (sp > 0 && line.slice(0, sp) === id) return line.slice(sp + 1).trim();
		}
		if (Date.now() > until) throw new Error(`captcha ${id} is not in CAPTCHA_LOG`);
		await sleep(50);
	}
}

/** GET /api/captcha/new with `client`; returns the parsed reply (id, image, expires_in). */
export async function newCaptcha(client) {
	const res = await client.get('/api/captcha/new');
	if (res.status !== 200 || !res.body?.id) {
		throw new Error(`GET /api/captcha/new: ${res.status} ${res.text.slice(0, 300)}`);
	}
	return res.body;
}

/** A fresh captcha and its answer, as the body fields { captcha_id, captcha }. */
export async function solvedCaptcha(client) {
	const c = await newCaptcha(client);
	return { captcha_id: c.id, captcha: await captchaAnswer(c.id) };
}

/** A wrong answer to a captcha whose answer is `answer`: same length, every character different
 *  (also when compared without regard to case). */
export function wrongAnswer(answer) {
	return [...answer].map((ch) => (ch.toUpperCase() === 'X' ? 'Y' : 'X')).join('');
}
