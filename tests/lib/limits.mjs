// The rate limits the API tests exercise. docs/API.md fixes the per-phone and per-account ones;
// the per-IP ones are the backend's choice, read from lib/http/ratelimit.h so the tests follow them.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const header = fileURLToPath(new URL('../../lib/http/ratelimit.h', import.meta.url));
let text = '';
try {
	text = fs.readFileSync(header, 'utf8');
} catch {
	text = '';
}
if (!text) throw new Error(`cannot read the limits from ${header}`);

function define(name, fallback) {
	const m = new RegExp(`#define\\s+${name}\\s+\\(?\\s*(\\d+)`).exec(text);
	return m ? Number(m[1]) : fallback;
}

export const SMS_PER_IP_HOUR = define('LIMIT_SMS_PER_IP_HOUR', 200);
export const CAPTCHA_PER_IP_MINUTE = define('LIMIT_CAPTCHA_PER_IP_MINUTE', 120);
export const LOGIN_FAILS_IP = define('LIMIT_LOGIN_FAILS_IP', 50);
export const LOGIN_FAILS_ACCOUNT_IP = define('LIMIT_LOGIN_FAILS_ACCOUNT_IP', 5);
export const LOGIN_FAILS_ACCOUNT_IP_ATTACKED = define('LIMIT_LOGIN_FAILS_ACCOUNT_IP_ATTACKED', 2);
export const LOGIN_ATTACK = define('LIMIT_LOGIN_ATTACK', 10);
export const REGISTER_FAILS_PHONE = define('LIMIT_REGISTER_FAILS_PHONE', 10);
export const REGISTER_FAILS_IP = define('LIMIT_REGISTER_FAILS_IP', 30);
