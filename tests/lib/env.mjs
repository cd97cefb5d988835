// The environment `./dev test` hands to the API and browser tests, read in one place.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const SERVER = process.env.SERVER || 'nginx';
export const SMS_LOG = process.env.SMS_LOG || '';
export const CAPTCHA_LOG = process.env.CAPTCHA_LOG || '';
export const DB_CLI = process.env.DB_CLI || '';
export const EP_DB_STOP = process.env.EP_DB_STOP || '';
export const EP_DB_START = process.env.EP_DB_START || '';
export const ADMIN_ACCOUNT = process.env.ADMIN_ACCOUNT || '';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || '';
// The directory of the programs and tools under test: the normal build's, or the sanitizer build's.
export const BIN_DIR = process.env.BIN_DIR || fileURLToPath(new URL('../../build/cgi-bin/', import.meta.url));
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'expertpool-screenshots');

/** The value of an environment variable the tests cannot do without; fails loudly otherwise. */
export function need(name) {
	const v = process.env[name];
	if (!v) throw new Error(`environment variable ${name} is not set (run the tests through ./dev test)`);
	return v;
}
