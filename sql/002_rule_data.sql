-- Award rule data: each load of the rule files is a version; workers
-- reload when a newer version appears.

CREATE TABLE rule_versions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  content_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  loaded_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;

CREATE TABLE rule_files (
  version_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(64) CHARACTER SET ascii NOT NULL,
  content_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  content MEDIUMTEXT NOT NULL,
  PRIMARY KEY (version_id, name),
  CONSTRAINT rule_files_version_fk FOREIGN KEY (version_id)
    REFERENCES rule_versions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
