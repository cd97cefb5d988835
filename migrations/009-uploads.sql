-- Schema 9: chunked, resumable uploads (issue 9 §10). A shared host's mod_fcgid refuses request
-- bodies over 128 KiB, so the page sends a file as 64 KiB chunks; they wait here, where every
-- web node sees them, until the last one arrives and the file is assembled into `files`.
-- (Numbered 9: 7 (change_request_files) and 8 (the lists' counters) were written at the same
-- time; a database at 6 gets all three, in order.)
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

INSERT INTO schema_version (version) VALUES (9);
