// Direct SQL on the test database, for states the API cannot reach quickly (an expired code, ten
// sends today). Every statement the tests use is here, in one place.
import { exec, execSync } from 'node:child_process';
import { need } from './env.mjs';

const rows = (out) => out.split('\n').filter((l) => l.length).map((l) => l.split('\t'));

/** Runs `query` with the mariadb client (DB_CLI -N -B); returns the rows as arrays of strings. */
export function sql(query) {
	return rows(execSync(`${need('DB_CLI')} -N -B`, { input: query, shell: '/bin/bash', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }));
}

/** The same without blocking the tests' event loop (for a statement that waits while requests
 *  are in flight); resolves to the rows, rejects with the client's message. */
export function sqlAsync(query) {
	return new Promise((resolve, reject) => {
		const child = exec(`${need('DB_CLI')} -N -B`, { shell: '/bin/bash', encoding: 'utf8' },
			(err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(rows(stdout))));
		child.stdin.end(query);
	});
}

/** A SQL string literal for `s` (the tests only quote values they made themselves). */
export function lit(s) {
	return "'" + String(s).replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0') + "'";
}

/** Runs a shell command (EP_DB_STOP, EP_DB_START); throws with its output when it fails. */
export function shell(cmd, timeout = 60000) {
	return execSync(cmd, { shell: '/bin/bash', encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
}

// ---- the statements ---------------------------------------------------------------------------
// The programs keep times in UTC (their connections set time_zone = '+00:00'); so do these.
const UTC = "SET time_zone = '+00:00';\n";

/** Clears the per-IP counters (captchas, SMS sends, failed logins) so that a long run, or two runs
 *  in a row from the same address, do not trip limits the tests are not about. */
export function resetIpLimits() {
	sql(`DELETE FROM rate_limits WHERE bucket LIKE '%ip:%';
DELETE FROM lockouts WHERE lock_key LIKE '%ip:%';`);
}

/** Forgets the failed password logins of an account (typed as `account`: phone or username), from
 *  every address: a test that attacks a shared account (the super-admin) leaves it as it was. */
export function clearLoginFailures(account) {
	const keys = ['login-acct:' + String(account).toLowerCase()];
	const ids = sql(`SELECT id FROM users WHERE phone = ${lit(account)} OR username = ${lit(account)};`);
	for (const [id] of ids) keys.push('login-user:' + id);
	sql(keys.map((k) => `DELETE FROM lockouts WHERE lock_key = ${lit(k)} OR lock_key LIKE ${lit(k + '@%')};`).join('\n'));
}

/** Makes a captcha expired. */
export function expireCaptcha(id) {
	sql(`${UTC}UPDATE captchas SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE id = ${lit(id)};`);
}

/** Makes every pending SMS code of `phone` expired. */
export function expireCodes(phone) {
	sql(`${UTC}UPDATE sms_codes SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE phone = ${lit(phone)} AND used_at IS NULL;`);
}

/** Lifts the one-send-a-minute limit of `phone` (every purpose), as if a minute had passed. */
export function allowResend(phone) {
	sql(`DELETE FROM lockouts WHERE lock_key LIKE 'sms-wait:%' AND lock_key LIKE ${lit('%:' + phone)};`);
}

/** Counts `n` code sends to `phone` today (the daily limit is per phone, whatever the purpose). */
export function pretendSendsToday(phone, n) {
	const now = Math.floor(Date.now() / 1000);
	const day = now - (now % 86400);
	sql(`${UTC}INSERT INTO rate_limits (bucket, window_start, hits) VALUES (${lit('sms-day:' + phone)}, FROM_UNIXTIME(${day}), ${n})
ON DUPLICATE KEY UPDATE hits = ${n};`);
}

/** Counts `n` code sends from IP `ip` in the current hour. */
export function pretendIpSends(ip, n) {
	const now = Math.floor(Date.now() / 1000);
	const hour = now - (now % 3600);
	sql(`${UTC}INSERT INTO rate_limits (bucket, window_start, hits) VALUES (${lit('sms-ip:' + ip)}, FROM_UNIXTIME(${hour}), ${n})
ON DUPLICATE KEY UPDATE hits = ${n};`);
}

/** The client address the programs see for these tests (read from the captcha counter). Call
 *  right after resetIpLimits() and one GET /api/captcha/new. */
export function seenIp() {
	const rows = sql(`SELECT SUBSTRING(bucket, ${'captcha-ip:'.length + 1}) FROM rate_limits WHERE bucket LIKE 'captcha-ip:%' ORDER BY window_start DESC, hits DESC LIMIT 1;`);
	if (!rows.length) throw new Error('no captcha-ip counter: cannot tell which address the server sees');
	return rows[0][0];
}

/** Gives the account with phone `from` the phone `to` (someone registered `to` meanwhile). */
export function movePhone(from, to) {
	sql(`UPDATE users SET phone = ${lit(to)} WHERE phone = ${lit(from)};`);
}

/** What the database holds of the application of the expert with phone `phone`: the form
 *  (applications.data), the encrypted ID number (hex), and each submitted version's data and
 *  encrypted number (hex), oldest first. */
export function applicationStorage(phone) {
	const rows = sql(`SELECT a.id, a.data, IFNULL(HEX(a.id_number_enc), '') FROM applications a JOIN users u ON u.id = a.user_id WHERE u.phone = ${lit(phone)};`);
	if (!rows.length) return null;
	const [id, data, enc] = rows[0];
	const versions = sql(`SELECT no, data, IFNULL(HEX(id_number_enc), '') FROM application_versions WHERE application_id = ${Number(id)} ORDER BY no;`).map(([no, vdata, venc]) => ({ no: Number(no), data: vdata, enc: venc }));
	return { id: Number(id), data, enc, versions };
}

/** How many rows of the application tables (forms, versions, events) contain `text` in any of
 *  their columns, the encrypted ones compared byte for byte. */
export function applicationRowsContaining(text) {
	const t = lit(text);
	const b = `CAST(${t} AS BINARY)`;
	const rows = sql(`SELECT
 (SELECT COUNT(*) FROM applications WHERE INSTR(data, ${t}) OR INSTR(IFNULL(name, ''), ${t}) OR INSTR(IFNULL(employer, ''), ${t})
    OR INSTR(IFNULL(id_number_enc, ''), ${b}) OR INSTR(IFNULL(id_hash, ''), ${b})),
 (SELECT COUNT(*) FROM application_versions WHERE INSTR(data, ${t}) OR INSTR(id_number_enc, ${b})),
 (SELECT COUNT(*) FROM application_events WHERE INSTR(IFNULL(reason, ''), ${t}) OR INSTR(IFNULL(department, ''), ${t}));`);
	return rows[0].map(Number).reduce((a, b2) => a + b2, 0);
}

/** How many uploaded files the user with phone `phone` owns. */
export function fileCount(phone) {
	return Number(sql(`SELECT COUNT(*) FROM files f JOIN users u ON u.id = f.owner_id WHERE u.phone = ${lit(phone)};`)[0][0]);
}

/** The keyed hash of an application's ID number (applications.id_hash) as hex, '' for none. */
export function idHash(appId) {
	return sql(`SELECT IFNULL(HEX(id_hash), '') FROM applications WHERE id = ${Number(appId)};`)[0][0];
}

/** Replaces an application's ID-number hash (hex), as a database from before the hash rule changed holds. */
export function setIdHash(appId, hex) {
	if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`not a 32-byte hex hash: ${hex}`);
	sql(`UPDATE applications SET id_hash = UNHEX(${lit(hex)}) WHERE id = ${Number(appId)};`);
}

/** How many change requests the expert has (any status). */
export function changeCount(expertId) {
	return Number(sql(`SELECT COUNT(*) FROM change_requests WHERE expert_id = ${Number(expertId)};`)[0][0]);
}

/** A transaction that changes the taxonomy rows `held` (a heavier transaction than a request that
 *  only locks rows: InnoDB rolls the lighter one back in a deadlock), waits `seconds`, asks for
 *  row `wanted` and rolls back. A request holding `wanted` and waiting for one of `held` loses. */
export function taxonomyDeadlock(held, wanted, seconds = 2) {
	return sqlAsync(`BEGIN; UPDATE taxonomy SET version = version + 1 WHERE id IN (${held.map(Number).join(',')});
DO SLEEP(${Number(seconds)}); SELECT id FROM taxonomy WHERE id = ${Number(wanted)} FOR UPDATE; ROLLBACK;`);
}

/** A manager's suspension as a transaction that holds the expert's row for `seconds` before it
 *  commits: a request that passed its guard meanwhile must see the suspension when it writes. */
export function suspendSlowly(expertId, seconds = 2) {
	return sqlAsync(`BEGIN; UPDATE experts SET status = 'suspended', version = version + 1 WHERE id = ${Number(expertId)};
DO SLEEP(${Number(seconds)}); COMMIT;`);
}
