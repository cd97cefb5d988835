/* The statements, with ? placeholders only. Times are UTC (db.c sets the session zone). */
#include "sql.h"

const char *const sql_text[SQL__MAX] = {
	[SQL_USER_BY_PHONE] =
	"SELECT id, password_hash, roles, status FROM users WHERE phone = ?",
	[SQL_USER_BY_USERNAME] =
	"SELECT id, password_hash, roles, status FROM users WHERE username = ?",
	[SQL_USER_BY_ID] =
	"SELECT id, phone, username, name, roles, must_change_password, password_hash, status "
	"FROM users WHERE id = ?",
	[SQL_USER_INSERT] =
	"INSERT INTO users (phone, username, name, password_hash, roles, must_change_password, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, NOW())",
	[SQL_USER_SET_PASSWORD] =
	"UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = NOW(), "
	"version = version + 1 WHERE id = ?",
	[SQL_USER_LOGGED_IN] =
	"UPDATE users SET last_login_at = NOW() WHERE id = ?",

	[SQL_SESSION_LOAD] =
	"SELECT s.id, s.user_id, s.portal, TIMESTAMPDIFF(SECOND, NOW(), s.idle_until), "
	"u.phone, u.username, u.name, u.roles, u.must_change_password "
	"FROM sessions s JOIN users u ON u.id = s.user_id "
	"WHERE s.token_hash = ? AND s.idle_until > NOW() AND s.expires_at > NOW() AND u.status = 'active'",
	[SQL_SESSION_TOUCH] =
	"UPDATE sessions SET idle_until = LEAST(expires_at, NOW() + INTERVAL ? MINUTE) WHERE id = ?",
	[SQL_SESSION_INSERT] =
	"INSERT INTO sessions (token_hash, user_id, portal, created_at, idle_until, expires_at, "
	"ip, user_agent) VALUES (?, ?, ?, NOW(), NOW() + INTERVAL ? MINUTE, NOW() + INTERVAL ? HOUR, ?, ?)",
	[SQL_SESSION_DELETE] =
	"DELETE FROM sessions WHERE id = ?",
	[SQL_SESSION_DELETE_USER] =
	"DELETE FROM sessions WHERE user_id = ?",
	[SQL_SESSION_PURGE] =
	"DELETE FROM sessions WHERE expires_at < NOW() OR idle_until < NOW() LIMIT 1000",

	[SQL_CAPTCHA_INSERT] =
	"INSERT INTO captchas (id, answer_hash, expires_at) VALUES (?, ?, NOW() + INTERVAL 5 MINUTE)",
	[SQL_CAPTCHA_TAKE] =
	"DELETE FROM captchas WHERE id = ? AND answer_hash = ? AND expires_at > NOW()",
	[SQL_CAPTCHA_DISCARD] =
	"DELETE FROM captchas WHERE id = ?",
	[SQL_CAPTCHA_PURGE] =
	"DELETE FROM captchas WHERE expires_at < NOW() LIMIT 1000",

	[SQL_CODE_RETIRE] =
	"UPDATE sms_codes SET used_at = NOW() WHERE phone = ? AND purpose = ? AND used_at IS NULL",
	[SQL_CODE_INSERT] =
	"INSERT INTO sms_codes (phone, purpose, code_hash, created_at, expires_at) "
	"VALUES (?, ?, ?, NOW(), NOW() + INTERVAL 5 MINUTE)",
	[SQL_CODE_CURRENT] =
	"SELECT id, code_hash, tries FROM sms_codes WHERE phone = ? AND purpose = ? AND used_at IS NULL "
	"AND expires_at > NOW() ORDER BY id DESC LIMIT 1 FOR UPDATE",
	[SQL_CODE_FAIL] =
	"UPDATE sms_codes SET tries = tries + 1 WHERE id = ?",
	[SQL_CODE_USE] =
	"UPDATE sms_codes SET used_at = NOW() WHERE id = ? AND used_at IS NULL",
	[SQL_CODE_PURGE] =
	"DELETE FROM sms_codes WHERE expires_at < NOW() - INTERVAL 1 DAY LIMIT 1000",
	[SQL_OUTBOX_INSERT] =
	"INSERT INTO sms_outbox (phone, body, created_at, next_attempt_at) VALUES (?, ?, NOW(), NOW())",
	[SQL_OUTBOX_DUE] =
	"SELECT id, phone, body, attempts FROM sms_outbox WHERE status = 'pending' "
	"AND next_attempt_at <= NOW() ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED",
	[SQL_OUTBOX_SENT] =
	"UPDATE sms_outbox SET status = 'sent', sent_at = NOW(), attempts = attempts + 1, "
	"last_error = NULL WHERE id = ?",
	[SQL_OUTBOX_RETRY] =
	"UPDATE sms_outbox SET attempts = attempts + 1, last_error = ?, "
	"next_attempt_at = NOW() + INTERVAL ? SECOND WHERE id = ?",

	[SQL_RATE_HIT] =
	"INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, FROM_UNIXTIME(?), 1) "
	"ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)",
	[SQL_RATE_PEEK] =
	"SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = FROM_UNIXTIME(?)",
	[SQL_RATE_PURGE] =
	"DELETE FROM rate_limits WHERE window_start < NOW() - INTERVAL 2 DAY LIMIT 1000",
	[SQL_LOCK_CHECK] =
	"SELECT TIMESTAMPDIFF(SECOND, NOW(), locked_until) FROM lockouts "
	"WHERE lock_key = ? AND locked_until > NOW()",
	/* params: key, max, lock s, window s, window s, max, lock s */
	[SQL_LOCK_FAIL] =
	"INSERT INTO lockouts (lock_key, failures, first_failure_at, locked_until) "
	"VALUES (?, 1, NOW(), IF(1 >= ?, NOW() + INTERVAL ? SECOND, NULL)) ON DUPLICATE KEY UPDATE "
	"failures = IF(first_failure_at < NOW() - INTERVAL ? SECOND, 1, failures + 1), "
	"first_failure_at = IF(first_failure_at < NOW() - INTERVAL ? SECOND, NOW(), first_failure_at), "
	"locked_until = IF(failures >= ?, NOW() + INTERVAL ? SECOND, locked_until)",
	[SQL_LOCK_CLEAR] =
	"DELETE FROM lockouts WHERE lock_key = ?",
	/* a cooldown is a lockout row set by the action itself: 0 rows changed means still cooling
	 * down. params: key, seconds, seconds */
	[SQL_COOLDOWN_TAKE] =
	"INSERT INTO lockouts (lock_key, failures, first_failure_at, locked_until) "
	"VALUES (?, 1, NOW(), NOW() + INTERVAL ? SECOND) ON DUPLICATE KEY UPDATE "
	"first_failure_at = IF(locked_until > NOW(), first_failure_at, NOW()), "
	"locked_until = IF(locked_until > NOW(), locked_until, NOW() + INTERVAL ? SECOND)",
	[SQL_LOCK_PURGE] =
	"DELETE FROM lockouts WHERE first_failure_at < NOW() - INTERVAL 1 DAY "
	"AND (locked_until IS NULL OR locked_until < NOW()) LIMIT 1000",

	[SQL_FILE_INSERT] =
	"INSERT INTO files (owner_id, kind, content_type, name, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[SQL_FILE_LOAD] =
	"SELECT id, owner_id, kind, content_type, name, data FROM files WHERE id = ?",
	[SQL_FILE_OWNER] =
	"SELECT owner_id, kind FROM files WHERE id = ?",

	[SQL_TAX_FIND_ROOT] =
	"SELECT id FROM taxonomy WHERE parent_id IS NULL AND kind = 'domain' AND name = ?",
	[SQL_TAX_FIND] =
	"SELECT id FROM taxonomy WHERE parent_id = ? AND kind = ? AND name = ?",
	[SQL_TAX_INSERT] =
	"INSERT INTO taxonomy (parent_id, kind, name, sort) VALUES (NULLIF(?, 0), ?, ?, ?)",
	[SQL_TAX_ALL] =
	"SELECT id, IFNULL(parent_id, 0), kind, name FROM taxonomy WHERE active = 1 ORDER BY sort, id",
	[SQL_TAX_LEAVES_COUNT] =
	"SELECT COUNT(*) FROM JSON_TABLE(?, '$[*]' COLUMNS (leaf BIGINT PATH '$')) j "
	"JOIN taxonomy t ON t.id = j.leaf AND t.active = 1 AND t.kind IN ('specialty', 'direction')",
	[SQL_TAX_MAX_SORT] =
	"SELECT IFNULL(MAX(sort), 0) FROM taxonomy",

	[SQL_APP_BY_USER] =
	"SELECT id, status, version, step, data, IFNULL(id_type, ''), id_number_enc, submitted_no, "
	"IFNULL(DATE_FORMAT(CONVERT_TZ(submitted_at, '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s'), '') FROM applications WHERE user_id = ?",
	[SQL_APP_STATUS] =
	"SELECT status FROM applications WHERE user_id = ?",
	[SQL_APP_INSERT] =
	"INSERT INTO applications (user_id, step, data, id_type, id_number_enc, id_hash, name, employer) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	/* params: step, data, id_type, id_enc, id_hash, name, employer, user id, version */
	[SQL_APP_SAVE] =
	"UPDATE applications SET step = ?, data = ?, id_type = ?, id_number_enc = ?, id_hash = ?, "
	"name = ?, employer = ?, version = version + 1, updated_at = NOW() "
	"WHERE user_id = ? AND version = ? AND status = 'draft'",
	/* params: to, id, version, from */
	[SQL_APP_MOVE] =
	"UPDATE applications SET status = ?, version = version + 1, updated_at = NOW() "
	"WHERE id = ? AND version = ? AND status = ?",
	[SQL_APP_SUBMITTED] =
	"UPDATE applications SET submitted_no = submitted_no + 1, submitted_at = NOW() WHERE id = ?",
	[SQL_APP_VERSION_INSERT] =
	"INSERT INTO application_versions (application_id, no, data, id_type, id_number_enc, submitted_at) "
	"SELECT id, submitted_no, ?, id_type, id_number_enc, submitted_at FROM applications WHERE id = ?",
	[SQL_APP_VERSION_GET] =
	"SELECT v.no, DATE_FORMAT(CONVERT_TZ(v.submitted_at, '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s'), v.data, v.id_type, v.id_number_enc "
	"FROM application_versions v WHERE v.application_id = ? AND v.no = ?",
	[SQL_APP_EVENT_INSERT] =
	"INSERT INTO application_events (application_id, actor_id, actor_role, from_status, to_status, "
	"version_no, department, reason) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?)",
	[SQL_APP_EVENTS] =
	"SELECT DATE_FORMAT(CONVERT_TZ(at, '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s'), from_status, to_status, actor_role, version_no, "
	"department, reason FROM application_events WHERE application_id = ? ORDER BY id",
	[SQL_APP_LAST_REJECTION] =
	"SELECT DATE_FORMAT(CONVERT_TZ(at, '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s'), IFNULL(department, ''), IFNULL(reason, '') "
	"FROM application_events WHERE application_id = ? AND to_status = 'rejected' ORDER BY id DESC LIMIT 1",
	[SQL_APP_BY_PHONE] =
	"SELECT a.id, a.version, a.status FROM applications a JOIN users u ON u.id = a.user_id WHERE u.phone = ?",

	[SQL_APP_SUBMITTED_NO] =
	"SELECT submitted_no FROM applications WHERE id = ?",

	[SQL_AUDIT_INSERT] =
	"INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, summary) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
};
