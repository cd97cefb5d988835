/* The statements, with ? placeholders only. Times are UTC (db.c sets the session zone). */
#include "core/roles.h"
#include "db/sql.h"

/* A UTC DATETIME column as China time text; a DATE as text; today's date in China. */
#define CHINA(col) "DATE_FORMAT(CONVERT_TZ(" col ", '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s')"
#define DAY(col) "DATE_FORMAT(" col ", '%Y-%m-%d')"
#define TODAY "DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00'))"
/* The leaf ids of a JSON array (at `path` in the JSON `doc`) as the rows j.leaf, and each one's
 * taxonomy nodes n: the leaf, its group and its domain. */
#define TAX_LEAVES(doc, path) "JSON_TABLE(" doc ", '" path "' COLUMNS (leaf BIGINT PATH '$')) j "
#define TAX_UP \
	"JOIN taxonomy l ON l.id = j.leaf JOIN taxonomy g ON g.id = l.parent_id " \
	"JOIN taxonomy n ON n.id IN (l.id, g.id, g.parent_id)"
/* The taxonomy nodes of a JSON array of leaf ids. Params: `owner` (in the select list) first,
 * then the array. */
#define TAX_NODES(owner) "SELECT DISTINCT n.id, " owner " FROM " TAX_LEAVES("?", "$[*]") TAX_UP
/* The list columns the node indexes keep a copy of (expert_taxonomy, application_taxonomy), as
 * written with each index row and made anew by SQL_EXPERT_TAX_FACTS / SQL_APP_TAX_FACTS. */
#define EXPERT_FACTS "status, region, title_level, remote, birth_date, name_sid, employer_sid"
#define EXPERT_FACTS_OF(e) e ".status, " e ".region, " e ".title_level, " e ".remote, " e ".birth_date, " \
	e ".name_sid, " e ".employer_sid"
#define APP_FACTS "status, submitted_at, name_sid, employer_sid"
#define APP_FACTS_OF(a) a ".status, " a ".submitted_at, " a ".name_sid, " a ".employer_sid"

/* A list's page is read in two steps (listing.c, query_page): the keys of the page's rows — id
 * AS i and the sort key AS k, from narrow indexes only — then the columns of just those rows. */
#define REVIEW_COLUMNS \
	"SELECT a.id, IFNULL(a.name, ''), IFNULL(JSON_VALUE(a.data, '$.gender'), ''), " \
	"IFNULL(TIMESTAMPDIFF(YEAR, JSON_VALUE(a.data, '$.birth_date'), " TODAY "), -1), " \
	"IFNULL(a.employer, ''), IFNULL(" CHINA("a.submitted_at") ", ''), a.status, a.review_level, " \
	"a.version, a.submitted_no "
#define POOL_COLUMNS \
	"SELECT e.id, e.expert_no, e.name, IFNULL(e.gender, ''), " \
	"IFNULL(TIMESTAMPDIFF(YEAR, e.birth_date, " TODAY "), -1), e.id_type, e.id_number_enc, " \
	"IFNULL(e.employer, ''), IFNULL(e.region, ''), IFNULL(e.title_level, ''), e.remote, e.status, " \
	CHINA("e.joined_at") ", e.version, " \
	"IFNULL((SELECT c.status FROM certificates c WHERE c.expert_id = e.id ORDER BY c.id DESC LIMIT 1), '') "
/* The change requests with their expert: LEFT JOIN, so that the server drops the join when no
 * condition needs the expert (a change request always has one). */
#define CHANGE_FROM "FROM change_requests c LEFT JOIN experts e ON e.id = c.expert_id"

/* Staff accounts (an admin role). Params: role bit ×2 (0: any), q, its pattern ×3. Every staff
 * role bit is above the expert's, so the range on roles reads the staff's index entries only. */
#define STAFF_WHERE \
	"FROM users u WHERE u.roles >= " ROLE_SQL_ADMIN_MIN " AND (u.roles & " ROLE_SQL_ADMIN ") <> 0 " \
	"AND (? = 0 OR (u.roles & ?) <> 0) " \
	"AND (? = '' OR u.username LIKE ? OR u.name LIKE ? OR u.phone LIKE ?) "

/* Texts no row names or employs (the search dictionary's garbage). */
#define SEARCH_UNUSED(t) \
	"NOT EXISTS (SELECT 1 FROM experts x WHERE x.name_sid = " t ") " \
	"AND NOT EXISTS (SELECT 1 FROM experts x WHERE x.employer_sid = " t ") " \
	"AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.name_sid = " t ") " \
	"AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.employer_sid = " t ")"
/* Pairs [gram, text id] (or triples [id, version, name sid, employer sid]) as a JSON array. */
#define GRAM_PAIRS "JSON_TABLE(?, '$[*]' COLUMNS (gram VARCHAR(2) CHARACTER SET utf8mb4 PATH '$[0]', " \
	"id BIGINT PATH '$[1]')) j"
#define SID_ROWS "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$[0]', v BIGINT PATH '$[1]', " \
	"n BIGINT PATH '$[2]', w BIGINT PATH '$[3]')) j"
#define STAFF_COLUMNS \
	"SELECT u.id, IFNULL(u.username, ''), IFNULL(u.name, ''), IFNULL(u.phone, ''), u.roles, " \
	"IFNULL(u.department, ''), u.status, IFNULL(" CHINA("u.last_login_at") ", ''), " \
	CHINA("u.created_at") ", u.version "

#define EXPERT_COLUMNS \
	"SELECT e.id, e.user_id, e.expert_no, e.status, IFNULL(e.status_reason, ''), e.profile, e.name, " \
	"IFNULL(e.gender, ''), IFNULL(" DAY("e.birth_date") ", ''), e.id_type, e.id_number_enc, " \
	"IFNULL(e.employer, ''), IFNULL(e.region, ''), IFNULL(e.title_level, ''), e.remote, " \
	"IFNULL(e.email, ''), IFNULL(e.address, ''), " CHINA("e.joined_at") ", e.version, " \
	"IFNULL(u.phone, '') FROM experts e JOIN users u ON u.id = e.user_id "
#define CERT_COLUMNS \
	"SELECT c.id, c.cert_no, c.status, " DAY("c.issued_on") ", " DAY("c.valid_until") ", " \
	"c.valid_until < " TODAY ", IFNULL(" CHINA("c.revoked_at") ", ''), IFNULL(c.revoke_reason, '') " \
	"FROM certificates c "
/* An expert's change requests, newest first. Param: the expert. */
#define CHANGE_OF_EXPERT \
	"SELECT c.id, c.kind, c.status, " CHINA("c.created_at") ", IFNULL(" CHINA("c.decided_at") ", ''), " \
	"IFNULL(c.reason, ''), c.version, IFNULL(c.note, '') FROM change_requests c " \
	"WHERE c.expert_id = ? ORDER BY c.id DESC"
#define WHO(u) "IFNULL(" u ".name, IFNULL(" u ".username, ''))"
/* A person as the audit log names them: the account's name or username, else (an expert, who
 * registers with a phone only) the name in the pool or on the application. */
#define PERSON(u) "COALESCE(NULLIF(" u ".name, ''), NULLIF(" u ".username, ''), (SELECT e.name FROM experts e WHERE e.user_id = " u ".id), " \
	"(SELECT a.name FROM applications a WHERE a.user_id = " u ".id), '')"

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
	[SQL_LOCK_FAILURES] =
	"SELECT failures FROM lockouts WHERE lock_key = ? AND first_failure_at >= NOW() - INTERVAL ? SECOND",
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
	/* every node, parents before children (kind is an ENUM: domain < group < the leaves) */
	[SQL_TAX_ALL] =
	"SELECT id, IFNULL(parent_id, 0), kind, name, active, version FROM taxonomy ORDER BY kind, sort, id",
	/* per id of the array, in its order: the leaf's path ('' when it is no leaf) and whether it
	 * may be chosen (it and its ancestors active) */
	[SQL_TAX_LEAVES_CHECK] =
	"SELECT IFNULL(CONCAT(d.name, ' / ', g.name, ' / ', l.name), ''), "
	"IFNULL(l.active AND g.active AND d.active, 0) "
	"FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, leaf BIGINT PATH '$')) j "
	"LEFT JOIN taxonomy l ON l.id = j.leaf AND l.kind IN ('specialty', 'direction') "
	"LEFT JOIN taxonomy g ON g.id = l.parent_id LEFT JOIN taxonomy d ON d.id = g.parent_id ORDER BY j.n",
	[SQL_TAX_MAX_SORT] =
	"SELECT IFNULL(MAX(sort), 0) FROM taxonomy",
	/* whether the editor has changed the tree (then the loader leaves it alone) */
	[SQL_TAX_EDITED] =
	"SELECT COUNT(*) > 0 FROM audit_log WHERE action LIKE 'taxonomy.%'",
	[SQL_TAX_LOCK] =
	"SELECT id, IFNULL(parent_id, 0), kind, name, active, version FROM taxonomy WHERE id = ? FOR UPDATE",
	/* a node with its path and whether it is retired (it or an ancestor) */
	[SQL_TAX_NODE] =
	"SELECT n.id, IFNULL(n.parent_id, 0), n.kind, n.name, n.active, n.version, "
	"CONCAT_WS(' / ', a2.name, a1.name, n.name), "
	"NOT (n.active AND IFNULL(a1.active, 1) AND IFNULL(a2.active, 1)) "
	"FROM taxonomy n LEFT JOIN taxonomy a1 ON a1.id = n.parent_id LEFT JOIN taxonomy a2 ON a2.id = a1.parent_id "
	"WHERE n.id = ?",
	/* another node of that name among the siblings of a kind. params: parent (0: the domains),
	 * kind, name, the node itself (0: none) */
	[SQL_TAX_SIBLING] =
	"SELECT id, active FROM taxonomy WHERE parent_key = ? AND kind = ? AND name = ? AND id <> ? LIMIT 1",
	[SQL_TAX_NEXT_SORT] =
	"SELECT IFNULL(MAX(sort), 0) + 1 FROM taxonomy WHERE parent_key = ? AND kind = ?",
	/* params: name, id, version */
	[SQL_TAX_RENAME] =
	"UPDATE taxonomy SET name = ?, version = version + 1 WHERE id = ? AND version = ?",
	/* params: parent, sort, id, version */
	[SQL_TAX_MOVE] =
	"UPDATE taxonomy SET parent_id = ?, sort = ?, version = version + 1 WHERE id = ? AND version = ?",
	/* params: active, id, version */
	[SQL_TAX_SET_ACTIVE] =
	"UPDATE taxonomy SET active = ?, version = version + 1 WHERE id = ? AND version = ?",
	/* params: parent (0: the domains), kind */
	[SQL_TAX_SIBLINGS] =
	"SELECT id, version FROM taxonomy WHERE parent_key = ? AND kind = ? ORDER BY sort, id FOR UPDATE",
	/* params: sort, id, version */
	[SQL_TAX_SET_SORT] =
	"UPDATE taxonomy SET sort = ?, version = version + 1 WHERE id = ? AND version = ?",
	/* After a move, the filter rows of the experts and applications that hold the moved node:
	 * all but that node's own rows go, then each one's rows are made again from its
	 * specialties (the profile; the latest submission). params: the node */
	[SQL_TAX_EXPERTS_UNINDEX] =
	"DELETE t FROM expert_taxonomy t JOIN expert_taxonomy m ON m.expert_id = t.expert_id "
	"WHERE m.node_id = ? AND t.node_id <> m.node_id",
	[SQL_TAX_EXPERTS_REINDEX] =
	"INSERT IGNORE INTO expert_taxonomy (node_id, expert_id, " EXPERT_FACTS ") "
	"SELECT DISTINCT n.id, e.id, " EXPERT_FACTS_OF("e") " FROM expert_taxonomy m JOIN experts e ON e.id = m.expert_id "
	"JOIN " TAX_LEAVES("e.profile", "$.specialties[*]") TAX_UP " WHERE m.node_id = ?",
	[SQL_TAX_APPS_UNINDEX] =
	"DELETE t FROM application_taxonomy t JOIN application_taxonomy m ON m.application_id = t.application_id "
	"WHERE m.node_id = ? AND t.node_id <> m.node_id",
	[SQL_TAX_APPS_REINDEX] =
	"INSERT IGNORE INTO application_taxonomy (node_id, application_id, " APP_FACTS ") "
	"SELECT DISTINCT n.id, a.id, " APP_FACTS_OF("a") " FROM application_taxonomy m JOIN applications a ON a.id = m.application_id "
	"JOIN application_versions v ON v.application_id = a.id AND v.no = a.submitted_no "
	"JOIN " TAX_LEAVES("v.data", "$.specialties[*]") TAX_UP " WHERE m.node_id = ?",

	[SQL_APP_BY_USER] =
	"SELECT id, status, version, step, data, IFNULL(id_type, ''), id_number_enc, submitted_no, "
	"IFNULL(DATE_FORMAT(CONVERT_TZ(submitted_at, '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s'), '') FROM applications WHERE user_id = ?",
	[SQL_APP_STATUS] =
	"SELECT status FROM applications WHERE user_id = ?",
	[SQL_APP_ID_NUMBER] =
	"SELECT id_number_enc FROM applications WHERE user_id = ? AND id_number_enc IS NOT NULL",
	[SQL_APP_INSERT] =
	"INSERT INTO applications (user_id, step, data, id_type, id_number_enc, id_hash, name, employer, "
	"name_sid, employer_sid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))",
	/* params: step, data, id_type, id_enc, id_hash, name, employer, their search text ids, user
	 * id, version */
	[SQL_APP_SAVE] =
	"UPDATE applications SET step = ?, data = ?, id_type = ?, id_number_enc = ?, id_hash = ?, "
	"name = ?, employer = ?, name_sid = NULLIF(?, 0), employer_sid = NULLIF(?, 0), "
	"version = version + 1, updated_at = NOW() "
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
	/* expertpool-admin rehash-ids: each stored number's hash recomputed, unless the number
	 * changed meanwhile */
	[SQL_APP_ID_NUMBERS] =
	"SELECT id, id_number_enc, id_hash FROM applications WHERE id_number_enc IS NOT NULL ORDER BY id",
	[SQL_APP_SET_ID_HASH] =
	"UPDATE applications SET id_hash = ? WHERE id = ? AND id_number_enc = ?",
	[SQL_APP_BY_ID_HASH] =
	"SELECT id FROM applications WHERE active_id_hash = ?",

	[SQL_REVIEW_CASE] =
	"SELECT a.id, a.user_id, a.status, a.version, a.review_level, a.submitted_no, "
	CHINA("a.submitted_at") " FROM applications a WHERE a.id = ? AND a.submitted_no > 0",
	[SQL_APP_VERSIONS] =
	"SELECT no, " CHINA("submitted_at") " FROM application_versions WHERE application_id = ? ORDER BY no",
	[SQL_APP_EVENTS_FULL] =
	"SELECT " CHINA("e.at") ", e.from_status, e.to_status, e.actor_role, " WHO("u") ", e.version_no, "
	"e.department, e.reason FROM application_events e LEFT JOIN users u ON u.id = e.actor_id "
	"WHERE e.application_id = ? ORDER BY e.id",
	[SQL_APP_SET_LEVEL] =
	"UPDATE applications SET review_level = ? WHERE id = ?",
	[SQL_APP_LEVEL1_APPROVER] =
	"SELECT IFNULL(actor_id, 0) FROM application_events WHERE application_id = ? AND version_no = ? "
	"AND to_status = 'passed' ORDER BY id DESC LIMIT 1",
	[SQL_APP_LATEST_VERSION] =
	"SELECT data, id_type, id_number_enc FROM application_versions WHERE application_id = ? "
	"ORDER BY no DESC LIMIT 1",
	[SQL_APP_TAX_CLEAR] =
	"DELETE FROM application_taxonomy WHERE application_id = ?",
	[SQL_APP_TAX_SET] =
	"INSERT INTO application_taxonomy (node_id, application_id) " TAX_NODES("?"),
	/* the node index's copy of the list columns, after every change of them (params: the
	 * first and the last id) */
	[SQL_APP_TAX_FACTS] =
	"UPDATE application_taxonomy x JOIN applications a ON a.id = x.application_id "
	"SET x.status = a.status, x.submitted_at = a.submitted_at, x.name_sid = a.name_sid, "
	"x.employer_sid = a.employer_sid WHERE x.application_id BETWEEN ? AND ?",
	[SQL_USER_DEPARTMENT] =
	"SELECT IFNULL(department, '') FROM users WHERE id = ?",
	[SQL_USER_PHONE] =
	"SELECT IFNULL(phone, '') FROM users WHERE id = ?",
	/* the home page's counts (GET /api/admin/summary): the queue by status (key applications_status) */
	[SQL_REVIEW_STATUS_COUNTS] =
	"SELECT a.status, COUNT(*) FROM applications a WHERE a.status IN ('submitted', 'reviewing', 'passed') "
	"GROUP BY a.status",

	/* LAST_INSERT_ID(expr) hands the new value back as the statement's insert id */
	[SQL_COUNTER_NEXT] =
	"INSERT INTO counters (name, value) VALUES (?, LAST_INSERT_ID(1)) "
	"ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)",
	[SQL_EXPERT_INSERT] =
	"INSERT INTO experts (user_id, application_id, expert_no, profile, name, gender, birth_date, "
	"id_type, id_number_enc, employer, region, title_level, remote, email, address, name_sid, "
	"employer_sid) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))",
	[SQL_EXPERT_TAX_CLEAR] =
	"DELETE FROM expert_taxonomy WHERE expert_id = ?",
	[SQL_EXPERT_TAX_SET] =
	"INSERT INTO expert_taxonomy (node_id, expert_id) " TAX_NODES("?"),
	[SQL_EXPERT_TAX_FACTS] =
	"UPDATE expert_taxonomy x JOIN experts e ON e.id = x.expert_id "
	"SET x.status = e.status, x.region = e.region, x.title_level = e.title_level, x.remote = e.remote, "
	"x.birth_date = e.birth_date, x.name_sid = e.name_sid, x.employer_sid = e.employer_sid "
	"WHERE x.expert_id BETWEEN ? AND ?",
	[SQL_EXPERT_BY_ID] = EXPERT_COLUMNS "WHERE e.id = ?",
	[SQL_EXPERT_BY_USER] = EXPERT_COLUMNS "WHERE e.user_id = ?",
	/* params: to, reason, id, version, from */
	[SQL_EXPERT_MOVE] =
	"UPDATE experts SET status = ?, status_reason = ?, version = version + 1, updated_at = NOW() "
	"WHERE id = ? AND version = ? AND status = ?",
	[SQL_EXPERT_EVENT_INSERT] =
	"INSERT INTO expert_events (expert_id, actor_id, action, reason, summary) VALUES (?, NULLIF(?, 0), ?, ?, ?)",
	[SQL_EXPERT_EVENTS] =
	"SELECT " CHINA("v.at") ", v.action, " WHO("u") ", IFNULL(v.reason, ''), v.summary "
	"FROM expert_events v LEFT JOIN users u ON u.id = v.actor_id WHERE v.expert_id = ? ORDER BY v.id",
	[SQL_EXPERT_SET_CONTACT] =
	"UPDATE experts SET email = NULLIF(?, ''), address = NULLIF(?, ''), profile = ?, "
	"version = version + 1, updated_at = NOW() WHERE id = ? AND version = ?",
	[SQL_EXPERT_SET_PROFILE] =
	"UPDATE experts SET profile = ?, employer = ?, employer_sid = NULLIF(?, 0), region = ?, "
	"title_level = ?, remote = ?, version = version + 1, updated_at = NOW() WHERE id = ? AND version = ?",
	/* certificate changes of one expert one at a time (the status, read under the lock) */
	[SQL_EXPERT_LOCK] =
	"SELECT status FROM experts WHERE id = ? FOR UPDATE",
	[SQL_EXPERT_STATUS_BY_USER] =
	"SELECT status FROM experts WHERE user_id = ?",
	/* the pool by status (key experts_status) */
	[SQL_EXPERT_STATUS_COUNTS] = "SELECT e.status, COUNT(*) FROM experts e GROUP BY e.status",

	[SQL_CERT_INSERT] =
	"INSERT INTO certificates (expert_id, cert_no, issued_on, valid_until) "
	"VALUES (?, ?, " TODAY ", " TODAY " + INTERVAL ? YEAR - INTERVAL 1 DAY)",
	[SQL_CERT_CURRENT] = CERT_COLUMNS "WHERE c.expert_id = ? ORDER BY c.id DESC LIMIT 1",
	[SQL_CERT_LIST] = CERT_COLUMNS "WHERE c.expert_id = ? ORDER BY c.id DESC",
	[SQL_CERT_REVOKE] =
	"UPDATE certificates SET status = 'revoked', revoked_at = NOW(), revoke_reason = ? "
	"WHERE id = ? AND status <> 'revoked'",
	[SQL_CERT_VERIFY] =
	"SELECT c.id, c.cert_no, c.status, " DAY("c.issued_on") ", " DAY("c.valid_until") ", "
	"c.valid_until < " TODAY ", e.id, e.status, e.name, e.expert_no, e.profile "
	"FROM certificates c JOIN experts e ON e.id = c.expert_id WHERE c.cert_no = ?",
	[SQL_CERT_EXPIRE] =
	"UPDATE certificates SET status = 'expired' WHERE status = 'valid' AND valid_until < " TODAY,
	[SQL_CERT_DUE_NOTICE] =
	"SELECT c.id, c.cert_no, " DAY("c.valid_until") ", IFNULL(u.phone, ''), e.name "
	"FROM certificates c JOIN experts e ON e.id = c.expert_id JOIN users u ON u.id = e.user_id "
	"WHERE c.status = 'valid' AND c.expiry_notified_at IS NULL AND e.status = 'active' "
	"AND c.valid_until <= " TODAY " + INTERVAL ? DAY",
	[SQL_CERT_NOTIFIED] =
	"UPDATE certificates SET expiry_notified_at = NOW() WHERE id = ? AND expiry_notified_at IS NULL",
	/* valid certificates ending from today to today + (days - 1) (key certificates_due). Param: days */
	[SQL_CERT_DUE_COUNT] =
	"SELECT COUNT(*) FROM certificates c WHERE c.status = 'valid' AND c.valid_until >= " TODAY " "
	"AND c.valid_until < " TODAY " + INTERVAL ? DAY",

	[SQL_CHANGE_INSERT] =
	"INSERT INTO change_requests (expert_id, kind, proposed, current, note) VALUES (?, ?, ?, ?, NULLIF(?, ''))",
	[SQL_CHANGE_BY_ID] =
	"SELECT c.id, c.expert_id, c.kind, c.proposed, c.current, IFNULL(c.note, ''), c.status, "
	"IFNULL(c.reason, ''), " CHINA("c.created_at") ", IFNULL(" CHINA("c.decided_at") ", ''), "
	WHO("u") ", c.version, e.expert_no, e.name "
	"FROM change_requests c JOIN experts e ON e.id = c.expert_id "
	"LEFT JOIN users u ON u.id = c.decided_by WHERE c.id = ?",
	[SQL_CHANGE_OF_EXPERT] =
	CHANGE_OF_EXPERT,
	/* params: status, reason, decided by, id, version */
	[SQL_CHANGE_DECIDE] =
	"UPDATE change_requests SET status = ?, reason = ?, decided_by = ?, decided_at = NOW(), "
	"version = version + 1 WHERE id = ? AND version = ? AND status = 'pending'",
	[SQL_CHANGE_CANCEL] =
	"UPDATE change_requests SET status = 'cancelled', decided_at = NOW(), version = version + 1 "
	"WHERE id = ? AND expert_id = ? AND version = ? AND status = 'pending'",
	/* the expert's own list, a page at a time (key change_requests_expert) */
	[SQL_CHANGE_OF_EXPERT_COUNT] = "SELECT COUNT(*) FROM change_requests c WHERE c.expert_id = ?",
	[SQL_CHANGE_OF_EXPERT_PAGE] =
	CHANGE_OF_EXPERT " LIMIT ? OFFSET ?",
	/* key change_requests_status */
	[SQL_CHANGE_PENDING_COUNT] = "SELECT COUNT(*) FROM change_requests c WHERE c.status = 'pending'",

	[SQL_STAFF_COUNT] = "SELECT COUNT(*) " STAFF_WHERE,
	[SQL_STAFF_PAGE] = STAFF_COLUMNS STAFF_WHERE "ORDER BY u.id LIMIT ? OFFSET ?",
	[SQL_STAFF_GET] = STAFF_COLUMNS "FROM users u WHERE u.id = ? AND (u.roles & " ROLE_SQL_ADMIN ") <> 0",
	[SQL_STAFF_INSERT] =
	"INSERT INTO users (phone, username, name, password_hash, roles, department, "
	"must_change_password, created_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), 1, NOW())",
	/* params: name, admin roles, department, status, id, version; the expert bit is kept */
	[SQL_STAFF_UPDATE] =
	"UPDATE users SET name = ?, roles = (roles & " ROLE_SQL_EXPERT ") | ?, department = NULLIF(?, ''), status = ?, "
	"version = version + 1 WHERE id = ? AND version = ? AND (roles & " ROLE_SQL_ADMIN ") <> 0",

	[SQL_AUDIT_INSERT] =
	"INSERT INTO audit_log (actor_id, actor_role, ip, action, object_type, object_id, summary) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",

	/* personal data (lib/account/personal.c) */
	[SQL_PERSONAL_ACCOUNT] =
	"SELECT phone, username, name, roles, status, " CHINA("created_at") ", " CHINA("last_login_at") ", "
	CHINA("password_changed_at") " FROM users WHERE id = ?",
	[SQL_PERSONAL_SESSIONS] =
	"SELECT portal, " CHINA("created_at") ", " CHINA("idle_until") ", " CHINA("expires_at") ", ip, user_agent "
	"FROM sessions WHERE user_id = ? AND expires_at > NOW() ORDER BY id",
	[SQL_PERSONAL_APPLICATION] =
	"SELECT id, status, submitted_no, " CHINA("created_at") ", " CHINA("updated_at") ", "
	CHINA("submitted_at") " FROM applications WHERE user_id = ?",
	[SQL_PERSONAL_FILES] =
	"SELECT id, kind, name, content_type, size, " CHINA("created_at") " FROM files WHERE owner_id = ? ORDER BY id",
	[SQL_PERSONAL_SMS] =
	"SELECT " CHINA("created_at") ", body, status, " CHINA("sent_at") " FROM sms_outbox "
	"WHERE phone = ? ORDER BY created_at, id",
	/* params: the user ×2 (actor, account), the application, the expert */
	[SQL_PERSONAL_AUDIT] =
	"SELECT " CHINA("at") ", actor_role, action, object_type, IF(actor_id = ?, 1, 0) FROM ("
	"SELECT id, at, actor_id, actor_role, action, object_type FROM audit_log WHERE actor_id = ? "
	"UNION SELECT id, at, actor_id, actor_role, action, object_type FROM audit_log "
	"WHERE object_type = 'user' AND object_id = ? "
	"UNION SELECT id, at, actor_id, actor_role, action, object_type FROM audit_log "
	"WHERE object_type = 'application' AND object_id = ? "
	"UNION SELECT id, at, actor_id, actor_role, action, object_type FROM audit_log "
	"WHERE object_type = 'expert' AND object_id = ?) l ORDER BY l.id",
	[SQL_PERSONAL_CLOSE_CHECK] = "SELECT phone, roles, status FROM users WHERE id = ? FOR UPDATE",
	/* An expert's own account, still open: no contact, no way in; the name stays for the records. */
	[SQL_PERSONAL_CLOSE_USER] =
	"UPDATE users SET phone = NULL, username = NULL, password_hash = '!', status = 'closed', "
	"closed_at = NOW(), must_change_password = 0, version = version + 1 "
	"WHERE id = ? AND status = 'active' AND (roles & " ROLE_SQL_ADMIN ") = 0",
	[SQL_PERSONAL_CODES_DELETE] = "DELETE FROM sms_codes WHERE phone = ?",
	/* what went out before; a message still waiting (the notice of the closing) goes out */
	[SQL_PERSONAL_OUTBOX_DELETE] = "DELETE FROM sms_outbox WHERE phone = ? AND status = 'sent'",
	[SQL_PERSONAL_DRAFT_TAX_DELETE] =
	"DELETE t FROM application_taxonomy t JOIN applications a ON a.id = t.application_id "
	"WHERE a.user_id = ? AND a.submitted_no = 0",
	/* a draft never submitted has no events, no versions: only its specialty index */
	[SQL_PERSONAL_DRAFT_DELETE] = "DELETE FROM applications WHERE user_id = ? AND submitted_no = 0",
	/* only when nothing was ever submitted: a submitted dossier keeps its documents */
	[SQL_PERSONAL_FILES_DELETE] = "DELETE FROM files WHERE owner_id = ?",
	[SQL_PERSONAL_EXPERT_ERASE] =
	"UPDATE experts SET email = NULL, address = NULL, "
	"profile = JSON_REMOVE(profile, '$.email', '$.residence'), version = version + 1 WHERE id = ?",
	/* the texts are normalized (lib/core/text.c) and compared as bytes */
	[SQL_SEARCH_TEXT_ID] =
	"SELECT id FROM search_texts WHERE text = ?",
	[SQL_SEARCH_TEXT_ADD] =
	"INSERT INTO search_texts (text) VALUES (?)",
	[SQL_SEARCH_GRAMS_ADD] =
	"INSERT INTO search_grams (gram, text_id) SELECT j.gram, j.id FROM " GRAM_PAIRS,
	/* the rebuild (expertpool-admin reindex-search): rows by id, a batch at a time; a row's search
	 * text ids are set only if its version is still the one read, else its writer set them */
	[SQL_SEARCH_EXPERTS] =
	"SELECT id, version, name, IFNULL(employer, ''), IFNULL(name_sid, 0), IFNULL(employer_sid, 0) "
	"FROM experts WHERE id > ? ORDER BY id LIMIT ?",
	[SQL_SEARCH_APPS] =
	"SELECT id, version, IFNULL(name, ''), IFNULL(employer, ''), IFNULL(name_sid, 0), "
	"IFNULL(employer_sid, 0) FROM applications WHERE id > ? ORDER BY id LIMIT ?",
	[SQL_SEARCH_SET_EXPERTS] =
	"UPDATE experts e JOIN " SID_ROWS " ON e.id = j.id AND e.version = j.v "
	"SET e.name_sid = NULLIF(j.n, 0), e.employer_sid = NULLIF(j.w, 0)",
	[SQL_SEARCH_SET_APPS] =
	"UPDATE applications a JOIN " SID_ROWS " ON a.id = j.id AND a.version = j.v "
	"SET a.name_sid = NULLIF(j.n, 0), a.employer_sid = NULLIF(j.w, 0)",
	[SQL_SEARCH_TEXTS] =
	"SELECT id, text FROM search_texts WHERE id > ? ORDER BY id LIMIT ?",
	/* params: the text ids, a JSON array */
	[SQL_SEARCH_GRAMS_CLEAR] =
	"DELETE g FROM search_grams g JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j ON g.text_id = j.id",
	[SQL_SEARCH_UNUSED] =
	"SELECT t.id FROM search_texts t WHERE t.id > ? AND " SEARCH_UNUSED("t.id") " ORDER BY t.id LIMIT 500",
	/* its grams go with it (ON DELETE CASCADE); a text named again meanwhile stays */
	[SQL_SEARCH_TEXT_DROP] =
	"DELETE FROM search_texts WHERE id = ? AND " SEARCH_UNUSED("search_texts.id"),
	/* uploads: chunked, resumable uploads (lib/files/upload.c) */
	[SQL_UPLOAD_LOCK_OWNER] =
	"SELECT id FROM users WHERE id = ? FOR UPDATE",
	[SQL_UPLOAD_SWEEP_OWN] =
	"DELETE FROM upload_sessions WHERE owner_id = ? AND updated_at < NOW() - INTERVAL ? SECOND",
	[SQL_UPLOAD_FIND] =
	"SELECT id FROM upload_sessions WHERE owner_id = ? AND kind = ? AND size = ? AND sha256 = ? "
	"ORDER BY id DESC LIMIT 1",
	[SQL_UPLOAD_OPEN_COUNT] =
	"SELECT COUNT(*) FROM upload_sessions WHERE owner_id = ?",
	[SQL_UPLOAD_INSERT] =
	"INSERT INTO upload_sessions (owner_id, kind, name, size, sha256, chunk_size, chunks) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
	[SQL_UPLOAD_GET] =
	"SELECT kind, name, size, sha256, chunk_size, chunks FROM upload_sessions WHERE id = ? AND owner_id = ?",
	[SQL_UPLOAD_LOCK] =
	"SELECT kind, name, size, sha256, chunk_size, chunks FROM upload_sessions WHERE id = ? AND owner_id = ? "
	"FOR UPDATE",
	[SQL_UPLOAD_RECEIVED] =
	"SELECT idx FROM upload_chunks WHERE session_id = ? ORDER BY idx",
	[SQL_UPLOAD_CHUNK_PUT] =
	"INSERT INTO upload_chunks (session_id, idx, sha256, data) VALUES (?, ?, ?, ?) "
	"ON DUPLICATE KEY UPDATE sha256 = VALUES(sha256), data = VALUES(data)",
	[SQL_UPLOAD_TOUCH] =
	"UPDATE upload_sessions SET updated_at = NOW() WHERE id = ?",
	[SQL_UPLOAD_CHUNKS] =
	"SELECT idx, data FROM upload_chunks WHERE session_id = ? ORDER BY idx",
	[SQL_UPLOAD_DELETE] =
	"DELETE FROM upload_sessions WHERE id = ? AND owner_id = ?",
	[SQL_UPLOAD_PURGE] =
	"DELETE FROM upload_sessions WHERE updated_at < NOW() - INTERVAL 1 DAY LIMIT 1000",
	/* the closing of an account (lib/account/personal.c) */
	[SQL_UPLOAD_OWNER_DELETE] =
	"DELETE FROM upload_sessions WHERE owner_id = ?",
};

/* The pieces the admin lists assemble their statements from (lib/http/listing.c): a head, the
 * conditions of the filters in use joined by AND, an order. Each condition's ? in order. A
 * search's condition names {match}: the texts holding the search's grams, as listing.c puts them
 * together from PART_MATCH… (params: the grams after the first, the LIKE pattern if any, the
 * first gram); a page's rows part names {keys}: the page's keys (listing.h, query_page). */
const char *const sql_part[PART__MAX] = {
	[PART_MATCH] = "SELECT g0.text_id FROM search_grams g0",
	[PART_MATCH_GRAM1] = "JOIN search_grams g1 ON g1.gram = ? AND g1.text_id = g0.text_id",
	[PART_MATCH_GRAM2] = "JOIN search_grams g2 ON g2.gram = ? AND g2.text_id = g0.text_id",
	[PART_MATCH_GRAM3] = "JOIN search_grams g3 ON g3.gram = ? AND g3.text_id = g0.text_id",
	[PART_MATCH_LIKE] = "JOIN search_texts t ON t.id = g0.text_id AND t.text LIKE ?",
	[PART_MATCH_WHERE] = "WHERE g0.gram = ?",
	[PART_KEYS_ASC] = "ORDER BY k, i",
	[PART_KEYS_DESC] = "ORDER BY k DESC, i DESC",
	/* a unique sort key needs no tie-break (with one, its unique index would not give the order) */
	[PART_KEY_ASC] = "ORDER BY k",
	[PART_KEY_DESC] = "ORDER BY k DESC",

	[PART_REVIEW_COUNT] = "SELECT COUNT(*) FROM applications a",
	[PART_REVIEW_IDS] = "SELECT a.id FROM applications a",
	/* with a node (and no search), the rows are counted in the node's index, which keeps their
	 * list columns under the same names (SQL_APP_TAX_FACTS): the other conditions read as they are */
	[PART_REVIEW_NODE_COUNT] = "SELECT COUNT(*) FROM application_taxonomy a",
	[PART_REVIEW_IN_NODE] = "a.node_id = ?",
	[PART_REVIEW_ROWS] = REVIEW_COLUMNS "FROM ({keys}) p JOIN applications a ON a.id = p.i",
	[PART_REVIEW_BY_SUBMITTED] = "SELECT a.id AS i, a.submitted_at AS k FROM applications a",
	[PART_REVIEW_BY_NAME] = "SELECT a.id AS i, a.name AS k FROM applications a",
	[PART_REVIEW_STATUS] = "a.status IN (?, ?, ?, ?, ?)",
	[PART_REVIEW_NODE] = "a.id IN (SELECT application_id FROM application_taxonomy WHERE node_id = ?)",
	[PART_REVIEW_FROM] = "a.submitted_at >= CONVERT_TZ(?, '+08:00', '+00:00')",
	[PART_REVIEW_TO] = "a.submitted_at < CONVERT_TZ(?, '+08:00', '+00:00') + INTERVAL 1 DAY",
	[PART_REVIEW_NAME_MATCH] = "a.name_sid IN ({match})",
	[PART_REVIEW_EMPLOYER_MATCH] = "a.employer_sid IN ({match})",

	[PART_POOL_COUNT] = "SELECT COUNT(*) FROM experts e",
	[PART_POOL_IDS] = "SELECT e.id FROM experts e",
	/* with a node, as for the review queue (SQL_EXPERT_TAX_FACTS) */
	[PART_POOL_NODE_COUNT] = "SELECT COUNT(*) FROM expert_taxonomy e",
	[PART_POOL_IN_NODE] = "e.node_id = ?",
	[PART_POOL_ROWS] = POOL_COLUMNS "FROM ({keys}) p JOIN experts e ON e.id = p.i",
	[PART_POOL_EXPORT] =
	"SELECT e.expert_no, e.name, IFNULL(e.gender, ''), "
	"IFNULL(TIMESTAMPDIFF(YEAR, e.birth_date, " TODAY "), -1), e.id_type, e.id_number_enc, "
	"IFNULL((SELECT u.phone FROM users u WHERE u.id = e.user_id), ''), IFNULL(e.email, ''), "
	"IFNULL(e.employer, ''), IFNULL(e.region, ''), IFNULL(e.title_level, ''), "
	"IFNULL(JSON_EXTRACT(e.profile, '$.specialties'), '[]'), e.remote, e.status, "
	"IFNULL((SELECT CONCAT(c.cert_no, ' ', " DAY("c.valid_until") ") FROM certificates c "
	"WHERE c.expert_id = e.id AND c.status <> 'revoked' ORDER BY c.id DESC LIMIT 1), ''), "
	CHINA("e.joined_at") " FROM experts e",
	[PART_POOL_BY_JOINED] = "SELECT e.id AS i, e.joined_at AS k FROM experts e",
	[PART_POOL_BY_NAME] = "SELECT e.id AS i, e.name AS k FROM experts e",
	[PART_POOL_BY_NO] = "SELECT e.id AS i, e.expert_no AS k FROM experts e",
	[PART_POOL_STATUS] = "e.status = ?",
	[PART_POOL_NODE] = "e.id IN (SELECT expert_id FROM expert_taxonomy WHERE node_id = ?)",
	[PART_POOL_REGION] = "e.region = ?",
	[PART_POOL_EMPLOYER_MATCH] = "e.employer_sid IN ({match})",
	[PART_POOL_TITLE] = "e.title_level = ?",
	[PART_POOL_AGE_MIN] = "e.birth_date <= " TODAY " - INTERVAL ? YEAR",
	[PART_POOL_AGE_MAX] = "e.birth_date > " TODAY " - INTERVAL ? YEAR",
	[PART_POOL_REMOTE] = "e.remote = ?",
	[PART_POOL_NAME_MATCH] = "e.name_sid IN ({match})",
	[PART_POOL_NO] = "e.expert_no = ?",
	/* the export's condition when a search has alternatives: the ids of their UNION */
	[PART_POOL_IN_IDS] = "e.id IN (SELECT m.id FROM ({ids}) m)",
	[PART_POOL_BY_ID] = "ORDER BY e.id",
	/* a valid certificate ending within the days given, as SQL_CERT_DUE_COUNT counts them */
	[PART_POOL_CERT_DUE] =
	"e.id IN (SELECT c.expert_id FROM certificates c WHERE c.status = 'valid' AND c.valid_until >= " TODAY " "
	"AND c.valid_until < " TODAY " + INTERVAL ? DAY)",

	[PART_CHANGE_COUNT] = "SELECT COUNT(*) " CHANGE_FROM,
	[PART_CHANGE_IDS] = "SELECT c.id " CHANGE_FROM,
	[PART_CHANGE_ROWS] =
	"SELECT c.id, c.expert_id, e.expert_no, e.name, c.kind, c.status, " CHINA("c.created_at") ", c.version "
	"FROM ({keys}) p JOIN change_requests c ON c.id = p.i JOIN experts e ON e.id = c.expert_id",
	[PART_CHANGE_BY_ID] = "SELECT c.id AS i, c.id AS k " CHANGE_FROM,
	[PART_CHANGE_STATUS] = "c.status IN (?, ?, ?, ?)",
	[PART_CHANGE_KIND] = "c.kind = ?",
	[PART_CHANGE_NAME_MATCH] = "e.name_sid IN ({match})",
	[PART_CHANGE_NO] = "e.expert_no = ?",

	[PART_AUDIT_COUNT] = "SELECT COUNT(*) FROM audit_log l",
	[PART_AUDIT_ROWS] =
	"SELECT l.id, " CHINA("l.at") ", IFNULL(l.actor_id, 0), "
	"IFNULL((SELECT " PERSON("u") " FROM users u WHERE u.id = l.actor_id), ''), l.actor_role, l.ip, "
	"l.action, l.object_type, IFNULL(l.object_id, 0), l.summary, "
	/* what people know the object by (never the database's id): the person's name, and the
	 * expert number once the person is in the pool — each through a key, for the 10–50 rows */
	"IFNULL(CASE l.object_type "
	"WHEN 'expert' THEN (SELECT e.name FROM experts e WHERE e.id = l.object_id) "
	"WHEN 'change_request' THEN (SELECT e.name FROM change_requests c JOIN experts e ON e.id = c.expert_id WHERE c.id = l.object_id) "
	"WHEN 'application' THEN (SELECT a.name FROM applications a WHERE a.id = l.object_id) "
	"WHEN 'user' THEN (SELECT " PERSON("u") " FROM users u WHERE u.id = l.object_id) END, ''), "
	"IFNULL(CASE l.object_type "
	"WHEN 'expert' THEN (SELECT e.expert_no FROM experts e WHERE e.id = l.object_id) "
	"WHEN 'change_request' THEN (SELECT e.expert_no FROM change_requests c JOIN experts e ON e.id = c.expert_id WHERE c.id = l.object_id) "
	"WHEN 'application' THEN (SELECT e.expert_no FROM applications a JOIN experts e ON e.user_id = a.user_id WHERE a.id = l.object_id) "
	"WHEN 'user' THEN (SELECT e.expert_no FROM experts e WHERE e.user_id = l.object_id) END, '') "
	"FROM ({keys}) p JOIN audit_log l ON l.id = p.i",
	[PART_AUDIT_BY_ID] = "SELECT l.id AS i, l.id AS k FROM audit_log l",
	[PART_AUDIT_ACTOR] = "l.actor_id = ?",
	[PART_AUDIT_ACTION] = "l.action = ?",
	[PART_AUDIT_TYPE] = "l.object_type = ?",
	[PART_AUDIT_OBJECT] = "l.object_id = ?",
	[PART_AUDIT_FROM] = "l.at >= CONVERT_TZ(?, '+08:00', '+00:00')",
	[PART_AUDIT_TO] = "l.at < CONVERT_TZ(?, '+08:00', '+00:00') + INTERVAL 1 DAY",
};
