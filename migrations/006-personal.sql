-- Schema 6: an expert may close their account (个人信息保护法 §47). A closed account keeps its
-- row (the records refer to it) without phone, username or a usable password.
ALTER TABLE users
  MODIFY status ENUM('active','disabled','closed') NOT NULL DEFAULT 'active',
  ADD COLUMN closed_at DATETIME NULL AFTER last_login_at;

INSERT INTO schema_version (version) VALUES (6);
