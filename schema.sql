-- expertpool database schema (MariaDB 10.6+ / MySQL 8, InnoDB, utf8mb4).
-- Loaded by an administrator account; the application's own account needs no DDL rights
-- (conf/grants.sql). All times are UTC.

SET NAMES utf8mb4;

CREATE TABLE schema_version (
  version INT UNSIGNED NOT NULL PRIMARY KEY,
  applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO schema_version (version) VALUES (11);

-- Every person who logs in: experts and administrators. roles is a bit set:
-- 1 expert, 2 reviewer (审核员), 4 manager (管理员), 8 super-admin (超级管理员).
CREATE TABLE users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone VARCHAR(20) NULL,
  username VARCHAR(32) NULL,
  name VARCHAR(64) NULL,
  password_hash VARCHAR(160) NOT NULL,
  roles INT UNSIGNED NOT NULL DEFAULT 1,
  department VARCHAR(100) NULL,
  must_change_password TINYINT(1) NOT NULL DEFAULT 0,
  -- closed: the expert closed the account (personal data erased but for what the records need)
  status ENUM('active','disabled','closed') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  password_changed_at DATETIME NULL,
  last_login_at DATETIME NULL,
  closed_at DATETIME NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY users_phone (phone),
  UNIQUE KEY users_username (username),
  KEY users_roles (roles)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Logged-in sessions. Only the SHA-256 of the cookie token is kept; the CSRF token is an
-- HMAC of the cookie token, so it needs no storage.
CREATE TABLE sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  portal ENUM('expert','admin') NOT NULL,
  created_at DATETIME NOT NULL,
  idle_until DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  ip VARCHAR(45) NOT NULL DEFAULT '',
  user_agent VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY sessions_token (token_hash),
  KEY sessions_user (user_id),
  KEY sessions_expires (expires_at),
  CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Image captchas: single use (deleted on the first attempt), answer kept as an HMAC.
CREATE TABLE captchas (
  id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  answer_hash BINARY(32) NOT NULL,
  expires_at DATETIME NOT NULL,
  KEY captchas_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- SMS verification codes, kept as an HMAC; 5 wrong tries at most.
CREATE TABLE sms_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone VARCHAR(20) NOT NULL,
  purpose ENUM('register','login','reset') NOT NULL,
  code_hash BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  tries TINYINT UNSIGNED NOT NULL DEFAULT 0,
  used_at DATETIME NULL,
  KEY sms_codes_lookup (phone, purpose, id),
  KEY sms_codes_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every SMS goes through this outbox; sms-dispatch delivers and retries. Nothing is dropped.
CREATE TABLE sms_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone VARCHAR(20) NOT NULL,
  body VARCHAR(600) NOT NULL,
  status ENUM('pending','sent') NOT NULL DEFAULT 'pending',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  next_attempt_at DATETIME NOT NULL,
  sent_at DATETIME NULL,
  last_error VARCHAR(255) NULL,
  KEY sms_outbox_due (status, next_attempt_at),
  KEY sms_outbox_phone (phone, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Fixed-window counters for rate limits (bucket = what and whose, e.g. 'sms-day:+86139…').
CREATE TABLE rate_limits (
  bucket VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  window_start DATETIME NOT NULL,
  hits INT UNSIGNED NOT NULL,
  PRIMARY KEY (bucket, window_start),
  KEY rate_limits_window (window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed-login lockouts, by account identifier (also for identifiers that match no account,
-- so a lockout reveals nothing) and by IP.
CREATE TABLE lockouts (
  lock_key VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  failures INT UNSIGNED NOT NULL,
  first_failure_at DATETIME NOT NULL,
  locked_until DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only audit log: the application account may only INSERT and SELECT here.
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_id BIGINT UNSIGNED NULL,
  actor_role VARCHAR(20) NOT NULL,
  ip VARCHAR(45) NOT NULL DEFAULT '',
  action VARCHAR(60) NOT NULL,
  object_type VARCHAR(40) NOT NULL,
  object_id BIGINT UNSIGNED NULL,
  summary TEXT NOT NULL,
  KEY audit_at (at),
  KEY audit_actor (actor_id, at),
  KEY audit_object (object_type, object_id, at),
  KEY audit_action (action, at),
  KEY audit_actor_action (actor_id, action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The domain/specialty tree (领域 → 专业组 → 擅长专业/擅长方向), editable data: first loaded
-- from share/taxonomy.tsv by `expertpool-admin load-taxonomy`, then edited by the managers in
-- the admin pages. Applications choose leaves by id: the same words recur in different places,
-- so an item is its place, never its text. A retired node (active = 0, or under one) stays
-- attached to whoever chose it but can no longer be chosen. `sort` orders siblings; `version`
-- is the optimistic lock of the editor. parent_key is parent_id with 0 for the domains, so that
-- sibling names are unique among the domains too (NULLs never collide in a unique key).
CREATE TABLE taxonomy (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id INT UNSIGNED NULL,
  parent_key INT UNSIGNED AS (IFNULL(parent_id, 0)) PERSISTENT,
  kind ENUM('domain','group','specialty','direction') NOT NULL,
  name VARCHAR(60) NOT NULL,
  sort INT UNSIGNED NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY taxonomy_place (parent_key, kind, name),
  KEY taxonomy_sort (parent_id, sort),
  CONSTRAINT taxonomy_parent_fk FOREIGN KEY (parent_id) REFERENCES taxonomy (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The unit registry (单位库): organisations — employers, project owners (招标人/采购人), agencies
-- and bidders — each once, so that conflicts of interest are decided by identity, never by the
-- spelling of a name. A unit has its name and any number of aliases, each held in unit_names
-- under its key (lib/core/text.h, org_name_key: widths, spaces, brackets and the 有限责任公司
-- suffix folded), so one key names one unit; and at most one 统一社会信用代码 (GB 32100,
-- check character verified). A duplicate is merged into the unit it repeats: it keeps its row
-- with merged_into set (references to it resolve through it), its names become the other's
-- aliases. Nothing is deleted.
CREATE TABLE units (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  credit_code CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NULL,
  merged_into BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY units_credit_code (credit_code),
  KEY units_live (merged_into, id),
  CONSTRAINT units_merged_fk FOREIGN KEY (merged_into) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A unit's names: its own (alias 0, one per unit) and its aliases; each key once in the registry.
CREATE TABLE unit_names (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  name_key VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
  alias TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY unit_names_key (name_key),
  KEY unit_names_unit (unit_id, alias),
  CONSTRAINT unit_names_unit_fk FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Uploaded files, in the database (any web node can serve them), never changed once stored.
CREATE TABLE files (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('photo','scan','pdf') NOT NULL,
  content_type VARCHAR(40) NOT NULL,
  name VARCHAR(255) NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 BINARY(32) NOT NULL,
  data LONGBLOB NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY files_owner (owner_id, created_at),
  CONSTRAINT files_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Uploads in progress (cgi-bin/files.c, lib/files/upload.c): a file sent in chunks, each kept
-- until the last arrives and the whole is checked and stored in files; swept after a day idle.
CREATE TABLE upload_sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('photo','scan','pdf') NOT NULL,
  name VARCHAR(255) NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 BINARY(32) NOT NULL,
  chunk_size INT UNSIGNED NOT NULL,
  chunks INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY upload_sessions_owner (owner_id, kind, size),
  KEY upload_sessions_age (updated_at),
  CONSTRAINT upload_sessions_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE upload_chunks (
  session_id BIGINT UNSIGNED NOT NULL,
  idx INT UNSIGNED NOT NULL,
  sha256 BINARY(32) NOT NULL,
  data MEDIUMBLOB NOT NULL,
  PRIMARY KEY (session_id, idx),
  CONSTRAINT upload_chunks_session_fk FOREIGN KEY (session_id) REFERENCES upload_sessions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The search dictionary of the admin lists (lib/search/search.c): every distinct name and
-- employer of an expert or an application, once, in its normalized form (lib/core/text.c: ASCII
-- in lower case, full-width as half-width, white space as one space), with its grams — each
-- character and each pair of adjacent characters. A row points at its texts (name_sid,
-- employer_sid), set by the statement that writes the name or employer; a search intersects its
-- grams into texts (checking the whole text with LIKE when the grams alone do not decide), then
-- reads the rows pointing at them through narrow indexes. Plain InnoDB tables, no trigger and no
-- FULLTEXT: Galera replicates them like any other. `expertpool-admin reindex-search` rebuilds it.
CREATE TABLE search_texts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  text VARBINARY(400) NOT NULL,
  UNIQUE KEY search_texts_text (text)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE search_grams (
  gram VARBINARY(8) NOT NULL,
  text_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (gram, text_id),
  KEY search_grams_text (text_id),
  CONSTRAINT search_grams_text_fk FOREIGN KEY (text_id) REFERENCES search_texts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One application per expert account. `data` is the editable form (JSON, without the ID
-- number, which is kept encrypted with a keyed hash for look-ups). `version` is the optimistic
-- lock every write checks. An ID number may stand in one non-draft application only: the hash
-- is of the normalized number alone (upper case, no spaces or hyphens), whatever the type it was
-- entered under. An expert's application stays 'approved', so its number stays taken.
CREATE TABLE applications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL DEFAULT 'draft',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  step VARCHAR(20) NOT NULL DEFAULT 'basic',
  data MEDIUMTEXT NOT NULL,
  id_type VARCHAR(20) NULL,
  id_number_enc VARBINARY(128) NULL,
  id_hash BINARY(32) NULL,
  active_id_hash BINARY(32) AS (IF(status = 'draft', NULL, id_hash)) PERSISTENT,
  submitted_no INT UNSIGNED NOT NULL DEFAULT 0,
  submitted_at DATETIME NULL,
  review_level TINYINT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- list columns, copied from the form on each save so lists and filters need no JSON, and
  -- their texts in the search dictionary
  name VARCHAR(64) NULL,
  employer VARCHAR(100) NULL,
  name_sid BIGINT UNSIGNED NULL,
  employer_sid BIGINT UNSIGNED NULL,
  UNIQUE KEY applications_user (user_id),
  UNIQUE KEY applications_person (active_id_hash),
  KEY applications_status (status, submitted_at, name, employer),
  KEY applications_state (status),
  KEY applications_submitted (submitted_at),
  KEY applications_name_sid (name_sid, status, submitted_at),
  KEY applications_employer_sid (employer_sid, status, submitted_at),
  CONSTRAINT applications_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT applications_name_sid_fk FOREIGN KEY (name_sid) REFERENCES search_texts (id),
  CONSTRAINT applications_employer_sid_fk FOREIGN KEY (employer_sid) REFERENCES search_texts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every submitted version, immutable: what a reviewer decides on is exactly what was sent.
CREATE TABLE application_versions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT UNSIGNED NOT NULL,
  no INT UNSIGNED NOT NULL,
  data MEDIUMTEXT NOT NULL,
  id_type VARCHAR(20) NOT NULL,
  id_number_enc VARBINARY(128) NOT NULL,
  submitted_at DATETIME NOT NULL,
  UNIQUE KEY application_versions_no (application_id, no),
  CONSTRAINT application_versions_fk FOREIGN KEY (application_id) REFERENCES applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every transition, with who, when and why (the reviewing department and reason of a rejection).
CREATE TABLE application_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_id BIGINT UNSIGNED NULL,
  actor_role VARCHAR(20) NOT NULL,
  from_status VARCHAR(20) NOT NULL,
  to_status VARCHAR(20) NOT NULL,
  version_no INT UNSIGNED NOT NULL,
  department VARCHAR(100) NULL,
  reason VARCHAR(1000) NULL,
  KEY application_events_app (application_id, id),
  CONSTRAINT application_events_fk FOREIGN KEY (application_id) REFERENCES applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The taxonomy nodes (leaves and every ancestor) of each application's latest submission, for the
-- review queue's domain/specialty filter, with a copy of the queue's filter columns (kept by
-- lib/apply/application.c, SQL_APP_TAX_FACTS, in the transaction that changes them): a filter
-- on a node counts its rows here alone, never reading 100,000 applications one by one.
CREATE TABLE application_taxonomy (
  node_id INT UNSIGNED NOT NULL,
  application_id BIGINT UNSIGNED NOT NULL,
  status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL DEFAULT 'draft',
  submitted_at DATETIME NULL,
  name_sid BIGINT UNSIGNED NULL,
  employer_sid BIGINT UNSIGNED NULL,
  PRIMARY KEY (node_id, application_id),
  KEY application_taxonomy_status (node_id, status, submitted_at),
  KEY application_taxonomy_app (application_id),
  CONSTRAINT application_taxonomy_fk FOREIGN KEY (application_id) REFERENCES applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sequences for expert and certificate numbers ("expert_no:2026"): one row per sequence,
-- advanced with LAST_INSERT_ID() under the row lock, so two approvals never share a number.
CREATE TABLE counters (
  name VARCHAR(40) NOT NULL PRIMARY KEY,
  value BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The pool: one row per approved expert. `profile` is the current profile (JSON, without the
-- ID number); the searchable facts are copied into columns. Status: 在库 / 暂停 / 出库.
CREATE TABLE experts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  application_id BIGINT UNSIGNED NOT NULL,
  expert_no VARCHAR(32) NOT NULL,
  status ENUM('active','suspended','removed') NOT NULL DEFAULT 'active',
  status_reason VARCHAR(500) NULL,
  profile MEDIUMTEXT NOT NULL,
  name VARCHAR(64) NOT NULL,
  gender VARCHAR(4) NULL,
  birth_date DATE NULL,
  id_type VARCHAR(20) NOT NULL,
  id_number_enc VARBINARY(128) NOT NULL,
  employer VARCHAR(100) NULL,
  region VARCHAR(40) NULL,
  title_level VARCHAR(10) NULL,
  remote TINYINT(1) NOT NULL DEFAULT 0,
  email VARCHAR(100) NULL,
  address VARCHAR(200) NULL,
  joined_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  -- the name's and the employer's texts in the search dictionary
  name_sid BIGINT UNSIGNED NULL,
  employer_sid BIGINT UNSIGNED NULL,
  UNIQUE KEY experts_user (user_id),
  UNIQUE KEY experts_no (expert_no),
  KEY experts_status (status, joined_at),
  KEY experts_joined (joined_at),
  -- each filter column first in one index that holds the others: any mix of them is counted
  -- within one index, reading no row
  KEY experts_region (region, status, title_level, remote, birth_date),
  KEY experts_title (title_level, status, remote, birth_date, region),
  KEY experts_birth (birth_date, status, title_level, remote, region),
  KEY experts_remote (remote, status, title_level, birth_date, region),
  KEY experts_name (name),
  KEY experts_name_sid (name_sid, status, joined_at),
  KEY experts_employer_sid (employer_sid, status, joined_at, name),
  CONSTRAINT experts_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT experts_app_fk FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT experts_name_sid_fk FOREIGN KEY (name_sid) REFERENCES search_texts (id),
  CONSTRAINT experts_employer_sid_fk FOREIGN KEY (employer_sid) REFERENCES search_texts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The taxonomy nodes (leaves and ancestors) of each expert's current specialties, with a copy of
-- the pool's filter columns (kept by lib/pool/expert.c, SQL_EXPERT_TAX_FACTS), as for applications.
CREATE TABLE expert_taxonomy (
  node_id INT UNSIGNED NOT NULL,
  expert_id BIGINT UNSIGNED NOT NULL,
  status ENUM('active','suspended','removed') NOT NULL DEFAULT 'active',
  region VARCHAR(40) NULL,
  title_level VARCHAR(10) NULL,
  remote TINYINT(1) NOT NULL DEFAULT 0,
  birth_date DATE NULL,
  name_sid BIGINT UNSIGNED NULL,
  employer_sid BIGINT UNSIGNED NULL,
  PRIMARY KEY (node_id, expert_id),
  KEY expert_taxonomy_expert (expert_id),
  CONSTRAINT expert_taxonomy_fk FOREIGN KEY (expert_id) REFERENCES experts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What happened to an expert's record: suspensions, restorations, removal, approved changes,
-- with the before/after summary. Never updated or deleted.
CREATE TABLE expert_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  expert_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor_id BIGINT UNSIGNED NULL,
  action VARCHAR(40) NOT NULL,
  reason VARCHAR(1000) NULL,
  summary TEXT NOT NULL,
  KEY expert_events_expert (expert_id, id),
  CONSTRAINT expert_events_fk FOREIGN KEY (expert_id) REFERENCES experts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Certificates (聘书). An expert's current certificate is the newest; a reissue revokes the old.
-- 'expired' is set by `expertpool-admin certificates`; suspension is the expert's status.
CREATE TABLE certificates (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  expert_id BIGINT UNSIGNED NOT NULL,
  cert_no VARCHAR(32) NOT NULL,
  status ENUM('valid','revoked','expired') NOT NULL DEFAULT 'valid',
  issued_on DATE NOT NULL,
  valid_until DATE NOT NULL,
  revoked_at DATETIME NULL,
  revoke_reason VARCHAR(500) NULL,
  expiry_notified_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY certificates_no (cert_no),
  KEY certificates_expert (expert_id, id),
  KEY certificates_due (status, valid_until),
  CONSTRAINT certificates_expert_fk FOREIGN KEY (expert_id) REFERENCES experts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Change requests (异动申请): the expert proposes, a manager approves or rejects with a reason.
-- One pending request per expert and kind.
CREATE TABLE change_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  expert_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('employer','specialties','avoidance','titles','region') NOT NULL,
  proposed MEDIUMTEXT NOT NULL,
  current MEDIUMTEXT NOT NULL,
  note VARCHAR(500) NULL,
  status ENUM('pending','approved','rejected','cancelled') NOT NULL DEFAULT 'pending',
  pending_key VARCHAR(40) AS (IF(status = 'pending', CONCAT(expert_id, ':', kind), NULL)) PERSISTENT,
  reason VARCHAR(1000) NULL,
  decided_by BIGINT UNSIGNED NULL,
  decided_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY change_requests_pending (pending_key),
  KEY change_requests_status (status, created_at),
  KEY change_requests_expert (expert_id, id),
  CONSTRAINT change_requests_expert_fk FOREIGN KEY (expert_id) REFERENCES experts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A change request's attachments (a new employer's proof letter, a new title's certificate):
-- files the expert uploaded, in the order given, kept with the request for good.
CREATE TABLE change_request_files (
  change_id BIGINT UNSIGNED NOT NULL,
  position TINYINT UNSIGNED NOT NULL,
  file_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (change_id, position),
  UNIQUE KEY change_request_files_once (change_id, file_id),
  KEY change_request_files_file (file_id),
  CONSTRAINT change_request_files_change_fk FOREIGN KEY (change_id) REFERENCES change_requests (id),
  CONSTRAINT change_request_files_file_fk FOREIGN KEY (file_id) REFERENCES files (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The admin lists' totals kept as counters — the pool by status × region × title level
-- × remote and by birth date × status, the applications by status, the audit log by actor ×
-- action and by action — so that a list filtered by those columns alone sums a few counter rows
-- instead of counting up to 310,000 index entries. Triggers keep them in the same transaction as
-- the row they count, whatever statement writes it. Each counter but the birth dates' is spread
-- over 4 slots (a random one per change, summed at read), so that concurrent writers rarely wait
-- on one row. Under Galera (row-based replication) the triggers run on the writing node and the
-- counter rows replicate with the row. `expertpool-admin recount` checks and rebuilds them from the
-- rows. NULL columns are counted under '' (and actor 0): no filter asks for those values.
CREATE TABLE expert_counts (
  status ENUM('active','suspended','removed') NOT NULL,
  region VARCHAR(40) NOT NULL,
  title_level VARCHAR(10) NOT NULL,
  remote TINYINT(1) NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (status, region, title_level, remote, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the pool by birth date × status, for the age filters (no slots: few experts share a day)
CREATE TABLE expert_birth_counts (
  birth_date DATE NOT NULL,
  status ENUM('active','suspended','removed') NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (birth_date, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE application_counts (
  status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (status, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_counts (
  actor_id BIGINT UNSIGNED NOT NULL,
  action VARCHAR(60) NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (actor_id, action, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_action_counts (
  action VARCHAR(60) NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (action, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //
CREATE TRIGGER experts_count_insert AFTER INSERT ON experts FOR EACH ROW
BEGIN
  INSERT INTO expert_counts (status, region, title_level, remote, slot, n)
  VALUES (NEW.status, IFNULL(NEW.region, ''), IFNULL(NEW.title_level, ''), NEW.remote, FLOOR(RAND() * 4), 1)
  ON DUPLICATE KEY UPDATE n = n + 1;
  IF NEW.birth_date IS NOT NULL THEN
    INSERT INTO expert_birth_counts (birth_date, status, n) VALUES (NEW.birth_date, NEW.status, 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//
CREATE TRIGGER experts_count_delete AFTER DELETE ON experts FOR EACH ROW
BEGIN
  INSERT INTO expert_counts (status, region, title_level, remote, slot, n)
  VALUES (OLD.status, IFNULL(OLD.region, ''), IFNULL(OLD.title_level, ''), OLD.remote, FLOOR(RAND() * 4), -1)
  ON DUPLICATE KEY UPDATE n = n - 1;
  IF OLD.birth_date IS NOT NULL THEN
    INSERT INTO expert_birth_counts (birth_date, status, n) VALUES (OLD.birth_date, OLD.status, -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
  END IF;
END//
-- (the old key's -1 and the new key's +1, only when a counted column changed)
CREATE TRIGGER experts_count_update AFTER UPDATE ON experts FOR EACH ROW
BEGIN
  IF NOT (OLD.status <=> NEW.status AND OLD.region <=> NEW.region
          AND OLD.title_level <=> NEW.title_level AND OLD.remote <=> NEW.remote) THEN
    INSERT INTO expert_counts (status, region, title_level, remote, slot, n)
    VALUES (OLD.status, IFNULL(OLD.region, ''), IFNULL(OLD.title_level, ''), OLD.remote, FLOOR(RAND() * 4), -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
    INSERT INTO expert_counts (status, region, title_level, remote, slot, n)
    VALUES (NEW.status, IFNULL(NEW.region, ''), IFNULL(NEW.title_level, ''), NEW.remote, FLOOR(RAND() * 4), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
  IF NOT (OLD.status <=> NEW.status AND OLD.birth_date <=> NEW.birth_date) THEN
    IF OLD.birth_date IS NOT NULL THEN
      INSERT INTO expert_birth_counts (birth_date, status, n) VALUES (OLD.birth_date, OLD.status, -1)
      ON DUPLICATE KEY UPDATE n = n - 1;
    END IF;
    IF NEW.birth_date IS NOT NULL THEN
      INSERT INTO expert_birth_counts (birth_date, status, n) VALUES (NEW.birth_date, NEW.status, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END//
DELIMITER ;

CREATE TRIGGER applications_count_insert AFTER INSERT ON applications FOR EACH ROW
  INSERT INTO application_counts (status, slot, n) VALUES (NEW.status, FLOOR(RAND() * 4), 1)
  ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER applications_count_delete AFTER DELETE ON applications FOR EACH ROW
  INSERT INTO application_counts (status, slot, n) VALUES (OLD.status, FLOOR(RAND() * 4), -1)
  ON DUPLICATE KEY UPDATE n = n - 1;
CREATE TRIGGER applications_count_update AFTER UPDATE ON applications FOR EACH ROW
  INSERT INTO application_counts (status, slot, n)
  SELECT c.s, FLOOR(RAND() * 4), c.d FROM (SELECT OLD.status AS s, -1 AS d UNION ALL SELECT NEW.status, 1) c
  WHERE OLD.status <> NEW.status
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);

-- (the audit log is append-only for the programs; the delete trigger keeps the counts true if
-- an operator ever prunes it)
DELIMITER //
CREATE TRIGGER audit_count_insert AFTER INSERT ON audit_log FOR EACH ROW
BEGIN
  INSERT INTO audit_counts (actor_id, action, slot, n)
  VALUES (IFNULL(NEW.actor_id, 0), NEW.action, FLOOR(RAND() * 4), 1) ON DUPLICATE KEY UPDATE n = n + 1;
  INSERT INTO audit_action_counts (action, slot, n)
  VALUES (NEW.action, FLOOR(RAND() * 4), 1) ON DUPLICATE KEY UPDATE n = n + 1;
END//
CREATE TRIGGER audit_count_delete AFTER DELETE ON audit_log FOR EACH ROW
BEGIN
  INSERT INTO audit_counts (actor_id, action, slot, n)
  VALUES (IFNULL(OLD.actor_id, 0), OLD.action, FLOOR(RAND() * 4), -1) ON DUPLICATE KEY UPDATE n = n - 1;
  INSERT INTO audit_action_counts (action, slot, n)
  VALUES (OLD.action, FLOOR(RAND() * 4), -1) ON DUPLICATE KEY UPDATE n = n - 1;
END//
DELIMITER ;

-- The search dictionary's counters (migration 010): the experts and the applications by search
-- text × role × status, kept by triggers like the counters above; a search's total sums them.
CREATE TABLE expert_text_counts (
  text_id BIGINT UNSIGNED NOT NULL,
  role ENUM('name','employer') NOT NULL,
  status ENUM('active','suspended','removed') NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (text_id, role, status, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE application_text_counts (
  text_id BIGINT UNSIGNED NOT NULL,
  role ENUM('name','employer') NOT NULL,
  status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL,
  slot TINYINT UNSIGNED NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (text_id, role, status, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- (an update counts a role only when its text or the status changed: the old key's -1, the new one's +1)
DELIMITER //
CREATE TRIGGER experts_text_count_insert AFTER INSERT ON experts FOR EACH ROW
BEGIN
  IF NEW.name_sid IS NOT NULL THEN
    INSERT INTO expert_text_counts (text_id, role, status, slot, n)
    VALUES (NEW.name_sid, 'name', NEW.status, FLOOR(RAND() * 4), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
  IF NEW.employer_sid IS NOT NULL THEN
    INSERT INTO expert_text_counts (text_id, role, status, slot, n)
    VALUES (NEW.employer_sid, 'employer', NEW.status, FLOOR(RAND() * 4), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//
CREATE TRIGGER experts_text_count_delete AFTER DELETE ON experts FOR EACH ROW
BEGIN
  IF OLD.name_sid IS NOT NULL THEN
    INSERT INTO expert_text_counts (text_id, role, status, slot, n)
    VALUES (OLD.name_sid, 'name', OLD.status, FLOOR(RAND() * 4), -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
  END IF;
  IF OLD.employer_sid IS NOT NULL THEN
    INSERT INTO expert_text_counts (text_id, role, status, slot, n)
    VALUES (OLD.employer_sid, 'employer', OLD.status, FLOOR(RAND() * 4), -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
  END IF;
END//
CREATE TRIGGER experts_text_count_update AFTER UPDATE ON experts FOR EACH ROW
BEGIN
  IF NOT (OLD.name_sid <=> NEW.name_sid AND OLD.status <=> NEW.status) THEN
    IF OLD.name_sid IS NOT NULL THEN
      INSERT INTO expert_text_counts (text_id, role, status, slot, n)
      VALUES (OLD.name_sid, 'name', OLD.status, FLOOR(RAND() * 4), -1)
      ON DUPLICATE KEY UPDATE n = n - 1;
    END IF;
    IF NEW.name_sid IS NOT NULL THEN
      INSERT INTO expert_text_counts (text_id, role, status, slot, n)
      VALUES (NEW.name_sid, 'name', NEW.status, FLOOR(RAND() * 4), 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
  IF NOT (OLD.employer_sid <=> NEW.employer_sid AND OLD.status <=> NEW.status) THEN
    IF OLD.employer_sid IS NOT NULL THEN
      INSERT INTO expert_text_counts (text_id, role, status, slot, n)
      VALUES (OLD.employer_sid, 'employer', OLD.status, FLOOR(RAND() * 4), -1)
      ON DUPLICATE KEY UPDATE n = n - 1;
    END IF;
    IF NEW.employer_sid IS NOT NULL THEN
      INSERT INTO expert_text_counts (text_id, role, status, slot, n)
      VALUES (NEW.employer_sid, 'employer', NEW.status, FLOOR(RAND() * 4), 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END//
CREATE TRIGGER applications_text_count_insert AFTER INSERT ON applications FOR EACH ROW
BEGIN
  IF NEW.name_sid IS NOT NULL THEN
    INSERT INTO application_text_counts (text_id, role, status, slot, n)
    VALUES (NEW.name_sid, 'name', NEW.status, FLOOR(RAND() * 4), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
  IF NEW.employer_sid IS NOT NULL THEN
    INSERT INTO application_text_counts (text_id, role, status, slot, n)
    VALUES (NEW.employer_sid, 'employer', NEW.status, FLOOR(RAND() * 4), 1)
    ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//
CREATE TRIGGER applications_text_count_delete AFTER DELETE ON applications FOR EACH ROW
BEGIN
  IF OLD.name_sid IS NOT NULL THEN
    INSERT INTO application_text_counts (text_id, role, status, slot, n)
    VALUES (OLD.name_sid, 'name', OLD.status, FLOOR(RAND() * 4), -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
  END IF;
  IF OLD.employer_sid IS NOT NULL THEN
    INSERT INTO application_text_counts (text_id, role, status, slot, n)
    VALUES (OLD.employer_sid, 'employer', OLD.status, FLOOR(RAND() * 4), -1)
    ON DUPLICATE KEY UPDATE n = n - 1;
  END IF;
END//
CREATE TRIGGER applications_text_count_update AFTER UPDATE ON applications FOR EACH ROW
BEGIN
  IF NOT (OLD.name_sid <=> NEW.name_sid AND OLD.status <=> NEW.status) THEN
    IF OLD.name_sid IS NOT NULL THEN
      INSERT INTO application_text_counts (text_id, role, status, slot, n)
      VALUES (OLD.name_sid, 'name', OLD.status, FLOOR(RAND() * 4), -1)
      ON DUPLICATE KEY UPDATE n = n - 1;
    END IF;
    IF NEW.name_sid IS NOT NULL THEN
      INSERT INTO application_text_counts (text_id, role, status, slot, n)
      VALUES (NEW.name_sid, 'name', NEW.status, FLOOR(RAND() * 4), 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
  IF NOT (OLD.employer_sid <=> NEW.employer_sid AND OLD.status <=> NEW.status) THEN
    IF OLD.employer_sid IS NOT NULL THEN
      INSERT INTO application_text_counts (text_id, role, status, slot, n)
      VALUES (OLD.employer_sid, 'employer', OLD.status, FLOOR(RAND() * 4), -1)
      ON DUPLICATE KEY UPDATE n = n - 1;
    END IF;
    IF NEW.employer_sid IS NOT NULL THEN
      INSERT INTO application_text_counts (text_id, role, status, slot, n)
      VALUES (NEW.employer_sid, 'employer', NEW.status, FLOOR(RAND() * 4), 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;
END//
DELIMITER ;
