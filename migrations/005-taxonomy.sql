-- Schema 4 → 5: the taxonomy is edited in the admin pages. Each node gets the optimistic lock
-- of the editor (version), and sibling names become unique among the domains too: the unique
-- key takes parent_id with 0 for the domains (parent_key), since NULLs never collide in a
-- unique key. Fails on a tree that has two domains of one name (load-taxonomy never made one).
SET NAMES utf8mb4;

ALTER TABLE taxonomy
  ADD parent_key INT UNSIGNED AS (IFNULL(parent_id, 0)) PERSISTENT AFTER parent_id,
  ADD version INT UNSIGNED NOT NULL DEFAULT 1 AFTER active,
  DROP KEY taxonomy_place,
  ADD UNIQUE KEY taxonomy_place (parent_key, kind, name);

INSERT INTO schema_version (version) VALUES (5);
