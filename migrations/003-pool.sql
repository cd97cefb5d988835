-- Schema v3: review levels, the pool of experts, certificates, change requests.

-- Which review level an application is at (1, or 2 when the configuration asks for two).
-- The queue's index also covers the name/employer search, so counting needs no row reads.
-- 'passed' is 初审通过: approved at level 1, waiting for the final review.
ALTER TABLE applications
  MODIFY status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL DEFAULT 'draft',
  ADD review_level TINYINT UNSIGNED NOT NULL DEFAULT 1 AFTER submitted_at,
  DROP KEY applications_status,
  ADD KEY applications_status (status, submitted_at, name, employer);

-- The taxonomy nodes (leaves and every ancestor) of each application's latest submission, for the
-- review queue's domain/specialty filter.
CREATE TABLE application_taxonomy (
  node_id INT UNSIGNED NOT NULL,
  application_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (node_id, application_id),
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
  UNIQUE KEY experts_user (user_id),
  UNIQUE KEY experts_no (expert_no),
  KEY experts_status (status, joined_at),
  KEY experts_joined (joined_at),
  KEY experts_region (region, status),
  KEY experts_title (title_level, status),
  KEY experts_birth (birth_date),
  KEY experts_name (name),
  CONSTRAINT experts_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT experts_app_fk FOREIGN KEY (application_id) REFERENCES applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The taxonomy nodes (leaves and ancestors) of each expert's current specialties.
CREATE TABLE expert_taxonomy (
  node_id INT UNSIGNED NOT NULL,
  expert_id BIGINT UNSIGNED NOT NULL,
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

INSERT INTO schema_version (version) VALUES (3);
