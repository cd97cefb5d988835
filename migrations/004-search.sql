-- Schema v4: the search dictionary of the admin lists (see schema.sql, search_texts).
-- The rows' text ids start empty: after this file, run `expertpool-admin reindex-search` once
-- (migrations/README.md); until it has run, searches by name or employer find only the rows
-- written since.

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

ALTER TABLE applications
  ADD name_sid BIGINT UNSIGNED NULL AFTER employer,
  ADD employer_sid BIGINT UNSIGNED NULL AFTER name_sid,
  ADD KEY applications_name_sid (name_sid, status, submitted_at),
  ADD KEY applications_employer_sid (employer_sid, status, submitted_at),
  ADD CONSTRAINT applications_name_sid_fk FOREIGN KEY (name_sid) REFERENCES search_texts (id),
  ADD CONSTRAINT applications_employer_sid_fk FOREIGN KEY (employer_sid) REFERENCES search_texts (id);

ALTER TABLE experts
  ADD name_sid BIGINT UNSIGNED NULL AFTER version,
  ADD employer_sid BIGINT UNSIGNED NULL AFTER name_sid,
  ADD KEY experts_name_sid (name_sid, status, joined_at),
  ADD KEY experts_employer_sid (employer_sid, status, joined_at, name),
  ADD CONSTRAINT experts_name_sid_fk FOREIGN KEY (name_sid) REFERENCES search_texts (id),
  ADD CONSTRAINT experts_employer_sid_fk FOREIGN KEY (employer_sid) REFERENCES search_texts (id);

-- The lists' indexes: every mix of the pool's filter columns within one index; the queue's count
-- by status alone, and every status in submission order.
ALTER TABLE experts
  DROP KEY experts_region, ADD KEY experts_region (region, status, title_level, remote, birth_date),
  DROP KEY experts_title, ADD KEY experts_title (title_level, status, remote, birth_date, region),
  DROP KEY experts_birth, ADD KEY experts_birth (birth_date, status, title_level, remote, region),
  ADD KEY experts_remote (remote, status, title_level, birth_date, region);
ALTER TABLE applications ADD KEY applications_state (status), ADD KEY applications_submitted (submitted_at);

-- The node indexes keep a copy of the filter columns (the text ids follow at reindex-search).
ALTER TABLE application_taxonomy
  ADD status ENUM('draft','submitted','reviewing','passed','rejected','approved') NOT NULL DEFAULT 'draft',
  ADD submitted_at DATETIME NULL,
  ADD name_sid BIGINT UNSIGNED NULL,
  ADD employer_sid BIGINT UNSIGNED NULL,
  ADD KEY application_taxonomy_status (node_id, status, submitted_at);
UPDATE application_taxonomy x JOIN applications a ON a.id = x.application_id
  SET x.status = a.status, x.submitted_at = a.submitted_at;
ALTER TABLE expert_taxonomy
  ADD status ENUM('active','suspended','removed') NOT NULL DEFAULT 'active',
  ADD region VARCHAR(40) NULL,
  ADD title_level VARCHAR(10) NULL,
  ADD remote TINYINT(1) NOT NULL DEFAULT 0,
  ADD birth_date DATE NULL,
  ADD name_sid BIGINT UNSIGNED NULL,
  ADD employer_sid BIGINT UNSIGNED NULL;
UPDATE expert_taxonomy x JOIN experts e ON e.id = x.expert_id
  SET x.status = e.status, x.region = e.region, x.title_level = e.title_level, x.remote = e.remote,
      x.birth_date = e.birth_date;

INSERT INTO schema_version (version) VALUES (4);
