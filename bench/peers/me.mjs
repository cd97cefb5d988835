// bench/peers/me.mjs — a Node.js peer of GET /api/account/me for bench/run: what the endpoint
// would be written as in Node (node:http, a 2-process cluster, a mysql2 pool of prepared
// statements), with the same SQL and byte-identical JSON. Behind the same nginx as the C
// programs (upstream keepalive). Never part of expertpool itself.
//   PEER_PORT, DB_SOCKET (empty: TCP to 127.0.0.1:DB_PORT), DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, ADMIN_IDLE_MINUTES, EXPERT_IDLE_MINUTES
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import http from 'node:http';
import mysql from 'mysql2';

const WORKERS = 2;
const env = process.env;

if (cluster.isPrimary) {
	for (let i = 0; i < WORKERS; i++) cluster.fork();
	cluster.on('exit', () => process.exit(1));
	process.on('SIGTERM', () => {
		cluster.removeAllListeners('exit');
		for (const w of Object.values(cluster.workers)) w.kill();
		process.exit(0);
	});
} else {
	// lib/db/sql.c's SQL_SESSION_LOAD and SQL_SESSION_TOUCH, and the connection's settings
	const LOAD = 'SELECT s.id, s.user_id, s.portal, TIMESTAMPDIFF(SECOND, NOW(), s.idle_until), ' +
		'u.phone, u.username, u.name, u.roles, u.must_change_password ' +
		'FROM sessions s JOIN users u ON u.id = s.user_id ' +
		"WHERE s.token_hash = ? AND s.idle_until > NOW() AND s.expires_at > NOW() AND u.status = 'active'";
	const TOUCH = 'UPDATE sessions SET idle_until = LEAST(expires_at, NOW() + INTERVAL ? MINUTE) WHERE id = ?';
	const pool = mysql.createPool({
		...(env.DB_SOCKET ? { socketPath: env.DB_SOCKET } : { host: '127.0.0.1', port: Number(env.DB_PORT) }),
		user: env.DB_USER, password: env.DB_PASSWORD, database: env.DB_NAME,
		charset: 'utf8mb4_unicode_ci', timezone: 'Z', connectionLimit: 16, rowsAsArray: true,
	}).promise();
	pool.pool.on('connection', (c) => {
		c.query("SET time_zone = '+00:00'");
		c.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
	});
	const ROLE_NAMES = [[1, 'expert'], [2, 'reviewer'], [4, 'manager'], [8, 'super']];
	const ADMIN_ROLES = 14, EXPERT_ROLE = 1;
	const HEADERS = {
		'Content-Type': 'application/json; charset=utf-8',
		'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin',
		'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
	};
	const TOKEN = /^[A-Za-z0-9_-]{43}$/;
	const cookie = (header, name) => {
		for (const part of (header || '').split(';')) {
			const i = part.indexOf('=');
			if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
		}
		return null;
	};
	const send = (res, status, body) => {
		res.writeHead(status, HEADERS);
		res.end(body);
	};
	const unauthorized = '{"error":{"code":"unauthorized","message":"请先登录"}}';

	http.createServer(async (req, res) => {
		try {
			const token = cookie(req.headers.cookie, 'ep_session');
			if (token === null || !TOKEN.test(token)) return send(res, 401, unauthorized);
			const hash = crypto.createHash('sha256').update(token).digest();
			const [rows] = await pool.execute(LOAD, [hash]);
			if (rows.length === 0) return send(res, 401, unauthorized);
			const [id, userId, portal, idleLeft, phone, username, name, roles, must] = rows[0];
			const admin = portal === 'admin';
			const idle = Number(admin ? env.ADMIN_IDLE_MINUTES : env.EXPERT_IDLE_MINUTES);
			if (idleLeft < idle * 60 - 60) await pool.execute(TOUCH, [idle, id]);
			const mine = roles & (admin ? ADMIN_ROLES : EXPERT_ROLE);
			send(res, 200, JSON.stringify({ user: {
				id: Number(userId), phone, username, name,
				roles: ROLE_NAMES.filter(([bit]) => mine & bit).map(([, n]) => n),
				portal, must_change_password: must !== 0,
			} }));
		} catch {
			send(res, 503, '{"error":{"code":"db_unavailable","message":"系统维护中，请稍后再试"}}');
		}
	}).listen(Number(env.PEER_PORT), '127.0.0.1');
}
