/*
 * What an organisation asks of its own batches: their status, a page of
 * results, the employees' totals, the export stream; and the two
 * changes it may make, cancel and delete.  Every call that takes an
 * org_id finds nothing for another organisation's batch, exactly as
 * for a batch that does not exist.
 */
#ifndef AWARD_BATCHQUERY_H
#define AWARD_BATCHQUERY_H

#include <stddef.h>

#include "db/batchstore.h"

struct db;
struct db_row;

#define BATCH_STATUS_LEN	16
#define BATCH_MESSAGE_SIZE	4001	/* VARCHAR(1000) of utf8mb4 */
#define BATCH_FILENAME_SIZE	1021	/* VARCHAR(255) of utf8mb4 */

/* A batch as its status, list and results answers show it. */
struct batch_status {
	char		 id[BATCH_ID_LEN];
	char		 status[BATCH_STATUS_LEN];
	long long	 total_rows;
	long long	 processed_rows;
	long long	 error_rows;
	long long	 ok_rows;
	long long	 warning_rows;
	long long	 violation_rows;
	long long	 high_risks;
	long long	 warning_risks;
	long long	 info_risks;
	long long	 minimum_cents;
	long long	 actual_cents;
	long long	 underpayment_cents;
	/* Unix time in seconds; BATCH_NULL when not yet set. */
	long long	 created_at;
	long long	 started_at;
	long long	 completed_at;
	int		 has_error_message;
	char		 error_message[BATCH_MESSAGE_SIZE];
	int		 has_filename;
	char		 filename[BATCH_FILENAME_SIZE];
};

/* Called for each batch of a list; return 0 to go on, -1 to stop. */
typedef int (*batch_status_cb)(const struct batch_status *, void *arg);

/* Finds org_id's batch id: 1 found, 0 not, or a db_status. */
int	batch_get(struct db *, unsigned long long org_id, const char *id,
	    struct batch_status *);

/*
 * org_id's batches, newest first, only those in status when it is not
 * NULL; and how many there are in all.  Return a db_status.
 */
int	batch_list(struct db *, unsigned long long org_id,
	    const char *status, long long limit, long long offset,
	    batch_status_cb, void *arg);
int	batch_count(struct db *, unsigned long long org_id,
	    const char *status, long long *n);

/*
 * One page of a batch's results, in row order: cb gets each row's
 * stored JSON as its only cell.  row_status, when not NULL, picks rows
 * of that status ("ok", "warning", "violation", "error").  b is the
 * batch as read in the same transaction.  Returns a db_status.
 */
int	batch_results_page(struct db *, const struct batch_status *b,
	    const char *row_status, long long limit, long long offset,
	    int (*cb)(const struct db_row *, void *), void *arg);

/* The cells of a row of batch_employees, in this order. */
enum batch_employee_col {
	EMP_COL_REF,		/* NULL: the rows without an employee */
	EMP_COL_SHIFTS,
	EMP_COL_ERROR_SHIFTS,
	EMP_COL_HOURS,		/* hour units */
	EMP_COL_MINIMUM,	/* cents */
	EMP_COL_ACTUAL,
	EMP_COL_SHORTFALL,
	EMP_COL__MAX
};

/*
 * Per employee_ref, the totals of the batch's results, the largest
 * shortfall first; and how many employees there are.
 */
int	batch_employees(struct db *, const char *batch_id, long long limit,
	    long long offset, int (*cb)(const struct db_row *, void *),
	    void *arg);
int	batch_employee_count(struct db *, const char *batch_id,
	    long long *n);

/* The cells of a row of batch_export, in this order. */
enum batch_export_col {
	EXP_COL_ROW_INDEX,
	EXP_COL_EMPLOYEE_REF,
	EXP_COL_AWARD_CODE,
	EXP_COL_CLASSIFICATION,
	EXP_COL_EMPLOYMENT_TYPE,
	EXP_COL_WORK_DATE,
	EXP_COL_FIELDS,		/* the uploaded row, see db/rowcodec.h */
	EXP_COL_HOURS,		/* hour units, or NULL */
	EXP_COL_ROW_STATUS,
	EXP_COL_RISK_COUNT,
	EXP_COL_MAX_SEVERITY,
	EXP_COL_RISK_CODES,
	EXP_COL_MINIMUM,	/* cents, or NULL */
	EXP_COL_ACTUAL,		/* cents, or NULL */
	EXP_COL__MAX
};

/*
 * Streams every result of the batch so far, in row order, with its
 * uploaded row, one row at a time (constant memory).
 */
int	batch_export(struct db *, const char *batch_id,
	    int (*cb)(const struct db_row *, void *), void *arg);

enum batch_change {
	BATCH_MISSING = 0,	/* no such batch for this organisation */
	BATCH_CHANGED = 1,
	BATCH_FINISHED = 2,	/* complete, failed or cancelled already */
};

/*
 * Cancels a queued or processing batch: its status, and its chunks not
 * yet done, in one transaction, so that no chunk commits after it.
 * Returns a batch_change or a db_status.
 */
int	batch_cancel(struct db *, unsigned long long org_id, const char *id);

/*
 * Deletes a batch with its rows, chunks and results.  A processor
 * working on it loses its chunk when it commits.  Returns a
 * batch_change (never BATCH_FINISHED) or a db_status.
 */
int	batch_delete(struct db *, unsigned long long org_id, const char *id);

#endif
