-- Schema 7: change requests carry attachments (a new employer's proof letter, a new title's
-- certificate): uploaded files of the expert, in the order given, kept with the request for good.
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

INSERT INTO schema_version (version) VALUES (7);
