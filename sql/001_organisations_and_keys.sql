-- Organisations, their API keys and the per-key request counters that
-- every API process and host shares.

CREATE TABLE organisations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  status ENUM('active', 'suspended') NOT NULL DEFAULT 'active',
  -- Requests per key per minute; the contract's numbers by default.
  rate_limit_calc INT UNSIGNED NOT NULL DEFAULT 60,
  rate_limit_other INT UNSIGNED NOT NULL DEFAULT 120,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY organisations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The secret of a key is never stored: only its SHA-256.
CREATE TABLE api_keys (
  id CHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  org_id BIGINT UNSIGNED NOT NULL,
  secret_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  label VARCHAR(200) NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at TIMESTAMP NULL DEFAULT NULL,
  KEY api_keys_org (org_id),
  CONSTRAINT api_keys_org_fk FOREIGN KEY (org_id)
    REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per key, category and minute window.
CREATE TABLE rate_windows (
  key_id CHAR(32) CHARACTER SET ascii NOT NULL,
  category TINYINT UNSIGNED NOT NULL,
  window_start INT UNSIGNED NOT NULL,
  hits INT UNSIGNED NOT NULL,
  PRIMARY KEY (key_id, category, window_start),
  KEY rate_windows_start (window_start)
) ENGINE=InnoDB;
