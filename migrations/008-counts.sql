-- Schema 8: the admin lists' totals kept as counters — the pool by status × region × title level
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

-- the counts of the rows already there
INSERT INTO expert_counts (status, region, title_level, remote, slot, n)
  SELECT status, IFNULL(region, ''), IFNULL(title_level, ''), remote, 0, COUNT(*) FROM experts
  GROUP BY status, IFNULL(region, ''), IFNULL(title_level, ''), remote;
INSERT INTO expert_birth_counts (birth_date, status, n)
  SELECT birth_date, status, COUNT(*) FROM experts WHERE birth_date IS NOT NULL GROUP BY birth_date, status;
INSERT INTO application_counts (status, slot, n) SELECT status, 0, COUNT(*) FROM applications GROUP BY status;
INSERT INTO audit_counts (actor_id, action, slot, n)
  SELECT IFNULL(actor_id, 0), action, 0, COUNT(*) FROM audit_log GROUP BY IFNULL(actor_id, 0), action;
INSERT INTO audit_action_counts (action, slot, n) SELECT action, 0, COUNT(*) FROM audit_log GROUP BY action;

INSERT INTO schema_version (version) VALUES (8);
