-- Schema 11: the unit registry (单位库) of issue 10.

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

INSERT INTO schema_version (version) VALUES (11);
