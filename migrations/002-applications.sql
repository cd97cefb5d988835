-- Schema 1 → 2: the application workflow (taxonomy, files, applications, their versions and
-- events). Run as an administrator; then apply conf/grants.sql again for the new tables.
SET NAMES utf8mb4;

-- The domain/specialty tree (领域 → 专业组 → 擅长专业/擅长方向), editable data; loaded from
-- share/taxonomy.tsv by `expertpool-admin load-taxonomy`. Applications choose leaves by id:
-- the same words recur in different places, so an item is its place, never its text.
CREATE TABLE taxonomy (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id INT UNSIGNED NULL,
  kind ENUM('domain','group','specialty','direction') NOT NULL,
  name VARCHAR(60) NOT NULL,
  sort INT UNSIGNED NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY taxonomy_place (parent_id, kind, name),
  KEY taxonomy_sort (parent_id, sort),
  CONSTRAINT taxonomy_parent_fk FOREIGN KEY (parent_id) REFERENCES taxonomy (id)
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

-- One application per expert account. `data` is the editable form (JSON, without the ID
-- number, which is kept encrypted with a keyed hash for look-ups). `version` is the optimistic
-- lock every write checks. An ID number may stand in one non-draft application only.
CREATE TABLE applications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  status ENUM('draft','submitted','reviewing','rejected','approved') NOT NULL DEFAULT 'draft',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  step VARCHAR(20) NOT NULL DEFAULT 'basic',
  data MEDIUMTEXT NOT NULL,
  id_type VARCHAR(20) NULL,
  id_number_enc VARBINARY(128) NULL,
  id_hash BINARY(32) NULL,
  active_id_hash BINARY(32) AS (IF(status = 'draft', NULL, id_hash)) PERSISTENT,
  submitted_no INT UNSIGNED NOT NULL DEFAULT 0,
  submitted_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- list columns, copied from the form on each save so lists and filters need no JSON
  name VARCHAR(64) NULL,
  employer VARCHAR(100) NULL,
  UNIQUE KEY applications_user (user_id),
  UNIQUE KEY applications_person (active_id_hash),
  KEY applications_status (status, submitted_at),
  CONSTRAINT applications_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
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

INSERT INTO schema_version (version) VALUES (2);
