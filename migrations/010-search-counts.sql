-- Schema 10: the admin lists at 100,000 experts (issue 9 §9, bench/scale). A search's total
-- from the search dictionary's own counters: the experts and the applications by search text ×
-- role (name or employer) × status, kept by triggers in the same transaction as the row (as
-- migration 008's; InnoDB, so that Galera replicates them with it), so that a search matching
-- 40,000 rows sums the counters of its few hundred texts instead of counting the rows. Spread over
-- 4 slots like 008's. And the audit log by actor × action × time, for those filters together.
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

-- the counts of the rows already there
INSERT INTO expert_text_counts (text_id, role, status, slot, n)
  SELECT name_sid, 'name', status, 0, COUNT(*) FROM experts WHERE name_sid IS NOT NULL GROUP BY name_sid, status;
INSERT INTO expert_text_counts (text_id, role, status, slot, n)
  SELECT employer_sid, 'employer', status, 0, COUNT(*) FROM experts WHERE employer_sid IS NOT NULL
  GROUP BY employer_sid, status;
INSERT INTO application_text_counts (text_id, role, status, slot, n)
  SELECT name_sid, 'name', status, 0, COUNT(*) FROM applications WHERE name_sid IS NOT NULL GROUP BY name_sid, status;
INSERT INTO application_text_counts (text_id, role, status, slot, n)
  SELECT employer_sid, 'employer', status, 0, COUNT(*) FROM applications WHERE employer_sid IS NOT NULL
  GROUP BY employer_sid, status;

-- actor, action and a time range together: a range of this index alone
ALTER TABLE audit_log ADD KEY audit_actor_action (actor_id, action, at);

INSERT INTO schema_version (version) VALUES (10);
