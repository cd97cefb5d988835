// Helpers of the unit registry's tests (api and e2e).
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A random valid 统一社会信用代码 (GB 32100): 91 (an enterprise), a region, 9 random characters, its check. */
export function creditCode() {
	let body = '91330100';
	for (let i = 0; i < 9; i++) body += ALPHABET[crypto.randomInt(ALPHABET.length)];
	const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
	return body + ALPHABET[(31 - (sum % 31)) % 31];
}

/** The same code with a wrong check character. */
export const badCheck = (code) => code.slice(0, 17) + ALPHABET[(ALPHABET.indexOf(code[17]) + 1) % 31];

/** A name made unique by a random suffix. */
export const uniq = (prefix) => `${prefix}${crypto.randomBytes(3).toString('hex')}`;
