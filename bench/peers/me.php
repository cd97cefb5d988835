<?php
// bench/peers/me.php — a PHP-FPM peer of GET /api/account/me for bench/run: what the endpoint
// would be written as in PHP (a persistent mysqli connection, prepared statements, opcache),
// with the same SQL and byte-identical JSON. Never part of expertpool itself.
// The database and idle settings come from the pool's env[] (bench/run writes them).

const HEADERS = [
	'Content-Type: application/json; charset=utf-8', 'X-Content-Type-Options: nosniff',
	'X-Frame-Options: DENY', 'Referrer-Policy: same-origin', 'Cache-Control: no-store',
	"Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
];
// lib/db/sql.c's SQL_SESSION_LOAD and SQL_SESSION_TOUCH
const LOAD = 'SELECT s.id, s.user_id, s.portal, TIMESTAMPDIFF(SECOND, NOW(), s.idle_until), '
	. 'u.phone, u.username, u.name, u.roles, u.must_change_password '
	. 'FROM sessions s JOIN users u ON u.id = s.user_id '
	. "WHERE s.token_hash = ? AND s.idle_until > NOW() AND s.expires_at > NOW() AND u.status = 'active'";
const TOUCH = 'UPDATE sessions SET idle_until = LEAST(expires_at, NOW() + INTERVAL ? MINUTE) WHERE id = ?';
const ROLE_NAMES = [1 => 'expert', 2 => 'reviewer', 4 => 'manager', 8 => 'super'];

function reply(int $status, string $body): void
{
	http_response_code($status);
	foreach (HEADERS as $h)
		header($h);
	echo $body;
}

$token = $_COOKIE['ep_session'] ?? '';
if (!preg_match('/^[A-Za-z0-9_-]{43}$/D', $token)) {
	reply(401, '{"error":{"code":"unauthorized","message":"请先登录"}}');
	return;
}
mysqli_report(MYSQLI_REPORT_OFF);
$socket = getenv('DB_SOCKET');         // empty: TCP to 127.0.0.1:DB_PORT
$db = new mysqli($socket ? 'p:localhost' : 'p:127.0.0.1', getenv('DB_USER'), getenv('DB_PASSWORD'),
	getenv('DB_NAME'), $socket ? 0 : (int)getenv('DB_PORT'), $socket ?: null);
if ($db->connect_errno) {
	reply(503, '{"error":{"code":"db_unavailable","message":"系统维护中，请稍后再试"}}');
	return;
}
if ($db->character_set_name() !== 'utf8mb4') {
	$db->set_charset('utf8mb4');
	$db->query("SET time_zone = '+00:00'");
	$db->query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
}
$hash = hash('sha256', $token, true);
$st = $db->prepare(LOAD);
$st->bind_param('s', $hash);
$st->execute();
$st->bind_result($id, $user_id, $portal, $idle_left, $phone, $username, $name, $roles, $must);
$found = $st->fetch();
$st->close();
if (!$found) {
	reply(401, '{"error":{"code":"unauthorized","message":"请先登录"}}');
	return;
}
$admin = $portal === 'admin';
$idle = (int)getenv($admin ? 'ADMIN_IDLE_MINUTES' : 'EXPERT_IDLE_MINUTES');
if ($idle_left < $idle * 60 - 60) {
	$t = $db->prepare(TOUCH);
	$t->bind_param('ii', $idle, $id);
	$t->execute();
	$t->close();
}
$mine = $roles & ($admin ? 14 : 1);
$names = [];
foreach (ROLE_NAMES as $bit => $n)
	if ($mine & $bit)
		$names[] = $n;
reply(200, json_encode(['user' => [
	'id' => $user_id, 'phone' => $phone, 'username' => $username, 'name' => $name, 'roles' => $names,
	'portal' => $portal, 'must_change_password' => $must != 0,
]], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES));
