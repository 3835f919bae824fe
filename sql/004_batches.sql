-- Batches of shifts uploaded for review, their rows, the chunks the
-- processors claim, and one result per row.

CREATE TABLE batches (
  id CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE,
  org_id BIGINT UNSIGNED NOT NULL,
  status ENUM('queued', 'processing', 'complete', 'failed', 'cancelled')
    NOT NULL DEFAULT 'queued',
  filename VARCHAR(255) NULL,
  idempotency_key VARCHAR(255) NULL,
  total_rows INT UNSIGNED NOT NULL,
  processed_rows INT UNSIGNED NOT NULL DEFAULT 0,
  error_rows INT UNSIGNED NOT NULL DEFAULT 0,
  -- The summary, kept with each chunk's results.
  ok_rows INT UNSIGNED NOT NULL DEFAULT 0,
  warning_rows INT UNSIGNED NOT NULL DEFAULT 0,
  violation_rows INT UNSIGNED NOT NULL DEFAULT 0,
  high_risks INT UNSIGNED NOT NULL DEFAULT 0,
  warning_risks INT UNSIGNED NOT NULL DEFAULT 0,
  info_risks INT UNSIGNED NOT NULL DEFAULT 0,
  minimum_cents BIGINT NOT NULL DEFAULT 0,
  actual_cents BIGINT NOT NULL DEFAULT 0,
  underpayment_cents BIGINT NOT NULL DEFAULT 0,
  chunks_total INT UNSIGNED NOT NULL,
  chunks_done INT UNSIGNED NOT NULL DEFAULT 0,
  error_message VARCHAR(1000) NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at TIMESTAMP(3) NULL DEFAULT NULL,
  completed_at TIMESTAMP(3) NULL DEFAULT NULL,
  UNIQUE KEY batches_idempotency (org_id, idempotency_key),
  KEY batches_org_seq (org_id, seq),
  KEY batches_org_status_seq (org_id, status, seq),
  CONSTRAINT batches_org_fk FOREIGN KEY (org_id)
    REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A row as uploaded: its fields (encoded, see batch/rowcodec.h), the
-- hours that the employee's earlier shifts in the file carry into it,
-- and why it cannot be calculated, if it cannot.
CREATE TABLE batch_rows (
  batch_id CHAR(36) CHARACTER SET ascii NOT NULL,
  row_index INT UNSIGNED NOT NULL,
  fields TEXT NOT NULL,
  carry_today BIGINT NOT NULL DEFAULT 0,
  carry_week BIGINT NOT NULL DEFAULT 0,
  error VARCHAR(1000) NULL,
  PRIMARY KEY (batch_id, row_index),
  CONSTRAINT batch_rows_batch_fk FOREIGN KEY (batch_id)
    REFERENCES batches (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The unit of work.  A processor claims a chunk with SELECT ... FOR
-- UPDATE SKIP LOCKED, under a lease; the chunk's results, its state
-- and the batch's counters commit in one transaction.  Chunks are taken
-- lowest chunk_no first, so every batch moves and none waits for a
-- large one to finish.
CREATE TABLE batch_chunks (
  batch_id CHAR(36) CHARACTER SET ascii NOT NULL,
  chunk_no INT UNSIGNED NOT NULL,
  batch_seq BIGINT UNSIGNED NOT NULL,
  first_row INT UNSIGNED NOT NULL,
  last_row INT UNSIGNED NOT NULL,
  state ENUM('queued', 'claimed', 'done', 'cancelled')
    NOT NULL DEFAULT 'queued',
  owner VARCHAR(64) CHARACTER SET ascii NULL,
  lease_until BIGINT NOT NULL DEFAULT 0,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (batch_id, chunk_no),
  KEY batch_chunks_next (state, chunk_no, batch_seq),
  KEY batch_chunks_lease (state, lease_until),
  CONSTRAINT batch_chunks_batch_fk FOREIGN KEY (batch_id)
    REFERENCES batches (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE batch_results (
  batch_id CHAR(36) CHARACTER SET ascii NOT NULL,
  row_index INT UNSIGNED NOT NULL,
  row_status ENUM('ok', 'warning', 'violation', 'error') NOT NULL,
  employee_ref VARCHAR(255) NULL,
  risk_count INT UNSIGNED NOT NULL,
  max_severity ENUM('high', 'warning', 'info') NULL,
  risk_codes VARCHAR(1000) NOT NULL DEFAULT '',
  hours_units BIGINT NULL,
  minimum_cents BIGINT NULL,
  actual_cents BIGINT NULL,
  -- The row as the results endpoint shows it, JSON.
  detail MEDIUMTEXT NOT NULL,
  PRIMARY KEY (batch_id, row_index),
  KEY batch_results_status (batch_id, row_status, row_index),
  CONSTRAINT batch_results_batch_fk FOREIGN KEY (batch_id)
    REFERENCES batches (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
