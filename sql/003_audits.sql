-- Audited calculations: the whole answer of each, kept so that the
-- organisation that asked for it can fetch it again by its id.  Times
-- are UTC.

CREATE TABLE audits (
  id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  org_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  rule_version_id BIGINT UNSIGNED NULL,
  response MEDIUMTEXT NOT NULL,
  KEY audits_org_created (org_id, created_at),
  CONSTRAINT audits_org_fk FOREIGN KEY (org_id)
    REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
