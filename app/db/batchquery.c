#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "db/batchquery.h"
#include "db/db.h"

/* Tries of a cancel or delete that lost a deadlock to a processor. */
#define CHANGE_TRIES		3
#define COUNT_MAX		(1LL << 40)
#define MONEY_MAX		(1LL << 62)
#define TIME_MAX_SECONDS	(1LL << 40)
#define TIME_TEXT_MAX		32
/* More chunks than a batch can have: 50,000 rows of one row each. */
#define CHUNKS_MAX		100000

/* The columns of a status, in the order status_parse reads them. */
#define STATUS_COLS \
    "id, status, total_rows, processed_rows, error_rows, ok_rows," \
    " warning_rows, violation_rows, high_risks, warning_risks," \
    " info_risks, minimum_cents, actual_cents, underpayment_cents," \
    " UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(started_at)," \
    " UNIX_TIMESTAMP(completed_at), error_message, filename"

/* Where status_parse puts the counters, in the order of their columns. */
static const size_t status_counters[] = {
	offsetof(struct batch_status, total_rows),
	offsetof(struct batch_status, processed_rows),
	offsetof(struct batch_status, error_rows),
	offsetof(struct batch_status, ok_rows),
	offsetof(struct batch_status, warning_rows),
	offsetof(struct batch_status, violation_rows),
	offsetof(struct batch_status, high_risks),
	offsetof(struct batch_status, warning_risks),
	offsetof(struct batch_status, info_risks),
	offsetof(struct batch_status, minimum_cents),
	offsetof(struct batch_status, actual_cents),
	offsetof(struct batch_status, underpayment_cents),
};
#define ST_NCOUNTERS	(sizeof(status_counters) / sizeof(status_counters[0]))

enum status_col {
	ST_ID,
	ST_STATUS,
	ST_COUNTERS,	/* the first of the counters */
	ST_CREATED = ST_COUNTERS + ST_NCOUNTERS,
	ST_STARTED,
	ST_COMPLETED,
	ST_ERROR,
	ST_FILENAME,
	ST__MAX
};

static const char sql_get[] =
    "SELECT " STATUS_COLS " FROM batches WHERE id = ? AND org_id = ?";
static const char sql_list[] =
    "SELECT " STATUS_COLS " FROM batches WHERE org_id = ?"
    " ORDER BY seq DESC LIMIT ? OFFSET ?";
static const char sql_list_status[] =
    "SELECT " STATUS_COLS " FROM batches WHERE org_id = ? AND status = ?"
    " ORDER BY seq DESC LIMIT ? OFFSET ?";
static const char sql_count[] =
    "SELECT COUNT(*) FROM batches WHERE org_id = ?";
static const char sql_count_status[] =
    "SELECT COUNT(*) FROM batches WHERE org_id = ? AND status = ?";

/* The chunks whose results are in, as row ranges in row order. */
static const char sql_done_chunks[] =
    "SELECT first_row, last_row FROM batch_chunks"
    " WHERE batch_id = ? AND state = 'done' ORDER BY chunk_no";
/* Rows from a row index on: the primary key, however deep the page. */
static const char sql_results_from[] =
    "SELECT detail FROM batch_results"
    " WHERE batch_id = ? AND row_index >= ? ORDER BY row_index LIMIT ?";
/*
 * Rows of one status: the offset is skipped in the (batch_id,
 * row_status, row_index) index alone, and only the page's rows are
 * read whole.  Left to itself the optimiser scans the primary key,
 * reading every skipped row, hence the hints.
 */
static const char sql_results_status[] =
    "SELECT STRAIGHT_JOIN r.detail FROM"
    " (SELECT row_index FROM batch_results"
    "  FORCE INDEX (batch_results_status)"
    "  WHERE batch_id = ? AND row_status = ?"
    "  ORDER BY row_index LIMIT ? OFFSET ?) k"
    " JOIN batch_results r ON r.batch_id = ? AND r.row_index = k.row_index"
    " ORDER BY r.row_index";

/*
 * Rows without an employee_ref are grouped together under a NULL
 * employee_ref: their shortfall is still owed, so it is shown rather
 * than left out.  The shortfall counts only rows whose actual pay is
 * known.
 */
static const char sql_employees[] =
    "SELECT employee_ref, COUNT(*), SUM(row_status = 'error'),"
    " COALESCE(SUM(hours_units), 0), COALESCE(SUM(minimum_cents), 0),"
    " COALESCE(SUM(actual_cents), 0),"
    " COALESCE(SUM(GREATEST(minimum_cents - actual_cents, 0)), 0) AS s"
    " FROM batch_results WHERE batch_id = ?"
    " GROUP BY employee_ref ORDER BY s DESC, employee_ref LIMIT ? OFFSET ?";
static const char sql_employee_count[] =
    "SELECT COUNT(DISTINCT employee_ref) + MAX(employee_ref IS NULL)"
    " FROM batch_results WHERE batch_id = ?";

/* The text columns come from the row's JSON, as the results show them. */
static const char sql_export[] =
    "SELECT r.row_index, r.employee_ref,"
    " JSON_VALUE(r.detail, '$.award_code'),"
    " JSON_VALUE(r.detail, '$.classification_code'),"
    " JSON_VALUE(r.detail, '$.employment_type'),"
    " JSON_VALUE(r.detail, '$.work_date'),"
    " w.fields, r.hours_units, r.row_status, r.risk_count,"
    " r.max_severity, r.risk_codes, r.minimum_cents, r.actual_cents"
    " FROM batch_results r JOIN batch_rows w"
    " ON w.batch_id = r.batch_id AND w.row_index = r.row_index"
    " WHERE r.batch_id = ? ORDER BY r.row_index";

static const char sql_lock[] =
    "SELECT status FROM batches WHERE id = ? AND org_id = ? FOR UPDATE";
static const char sql_cancel[] =
    "UPDATE batches SET status = 'cancelled',"
    " completed_at = CURRENT_TIMESTAMP(3) WHERE id = ?";
static const char sql_cancel_chunks[] =
    "UPDATE batch_chunks SET state = 'cancelled', owner = NULL"
    " WHERE batch_id = ? AND state IN ('queued', 'claimed')";
static const char sql_delete[] =
    "DELETE FROM batches WHERE id = ? AND org_id = ?";

/* A count that may be NULL (an empty sum). */
static int
count_parse(const char *s, long long max, long long *out)
{
	*out = 0;
	return s == NULL ? 0 : parse_long(s, -max, max, out);
}

/*
 * UNIX_TIMESTAMP() of a TIMESTAMP(3), "1773652364.123": the whole
 * seconds (the second begun, not rounded), or BATCH_NULL.
 */
static int
time_parse_unix(const char *s, long long *out)
{
	char	 whole[TIME_TEXT_MAX];
	size_t	 n;

	*out = BATCH_NULL;
	if (s == NULL)
		return 0;
	n = strcspn(s, ".");
	if (n == 0 || n >= sizeof(whole) ||
	    (s[n] == '.' && strspn(s + n + 1, "0123456789") !=
	    strlen(s + n + 1)))
		return -1;
	memcpy(whole, s, n);
	whole[n] = '\0';
	return parse_long(whole, 0, TIME_MAX_SECONDS, out);
}

static int
status_parse(const struct db_row *row, struct batch_status *b)
{
	long long	*counter;
	size_t		 i;

	if (row->ncols != ST__MAX || row->cell[ST_ID] == NULL ||
	    row->cell[ST_STATUS] == NULL)
		return -1;
	memset(b, 0, sizeof(*b));
	snprintf(b->id, sizeof(b->id), "%s", row->cell[ST_ID]);
	snprintf(b->status, sizeof(b->status), "%s", row->cell[ST_STATUS]);
	for (i = 0; i < ST_NCOUNTERS; i++) {
		counter = (long long *)((char *)b + status_counters[i]);
		if (count_parse(row->cell[ST_COUNTERS + i], MONEY_MAX,
		    counter) == -1)
			return -1;
	}
	if (time_parse_unix(row->cell[ST_CREATED], &b->created_at) == -1 ||
	    time_parse_unix(row->cell[ST_STARTED], &b->started_at) == -1 ||
	    time_parse_unix(row->cell[ST_COMPLETED], &b->completed_at) == -1)
		return -1;
	if ((b->has_error_message = row->cell[ST_ERROR] != NULL))
		snprintf(b->error_message, sizeof(b->error_message), "%s",
		    row->cell[ST_ERROR]);
	if ((b->has_filename = row->cell[ST_FILENAME] != NULL))
		snprintf(b->filename, sizeof(b->filename), "%s",
		    row->cell[ST_FILENAME]);
	return 0;
}

struct get_arg {
	struct batch_status	*b;
	int			 found;
};

static int
get_row(const struct db_row *row, void *arg)
{
	struct get_arg	*a = arg;

	if (status_parse(row, a->b) == -1)
		return -1;
	a->found = 1;
	return 0;
}

int
batch_get(struct db *db, unsigned long long org_id, const char *id,
    struct batch_status *b)
{
	struct db_param	 p[2];
	struct get_arg	 a;
	int		 rc;

	a.b = b;
	a.found = 0;
	p[0] = DB_STR(id);
	p[1] = DB_INT(org_id);
	if ((rc = db_query_each(db, sql_get, p, 2, get_row, &a)) != DB_OK)
		return rc;
	return a.found;
}

struct list_arg {
	batch_status_cb		 cb;
	void			*arg;
	struct batch_status	 b;
};

static int
list_row(const struct db_row *row, void *arg)
{
	struct list_arg	*a = arg;

	if (status_parse(row, &a->b) == -1)
		return -1;
	return a->cb(&a->b, a->arg);
}

int
batch_list(struct db *db, unsigned long long org_id, const char *status,
    long long limit, long long offset, batch_status_cb cb, void *arg)
{
	struct db_param	 p[4];
	struct list_arg	 a;
	size_t		 n = 0;

	a.cb = cb;
	a.arg = arg;
	p[n++] = DB_INT(org_id);
	if (status != NULL)
		p[n++] = DB_STR(status);
	p[n++] = DB_INT(limit);
	p[n++] = DB_INT(offset);
	return db_query_each(db, status != NULL ? sql_list_status : sql_list,
	    p, n, list_row, &a);
}

/* Runs a query of one number. */
static int
query_number(struct db *db, const char *sql, const struct db_param *p,
    size_t np, long long *n)
{
	struct db_result	 res;
	int			 rc;

	*n = 0;
	if ((rc = db_query(db, sql, p, np, 1, &res)) == DB_OK &&
	    (res.nrows != 1 || count_parse(db_result_get(&res, 0, 0),
	    COUNT_MAX, n) == -1))
		rc = DB_ERROR;
	db_result_free(&res);
	return rc;
}

int
batch_count(struct db *db, unsigned long long org_id, const char *status,
    long long *n)
{
	struct db_param	 p[2];

	p[0] = DB_INT(org_id);
	if (status == NULL)
		return query_number(db, sql_count, p, 1, n);
	p[1] = DB_STR(status);
	return query_number(db, sql_count_status, p, 2, n);
}

/*
 * The row index of the offset-th processed row (from 0).  Rows are
 * processed a chunk at a time, and chunks may finish out of order, so
 * while a batch is unfinished the done chunks' ranges are walked;
 * once every row is in, the answer is plain.  *from is past the last
 * row when the offset is beyond them all.
 */
static int
results_start(struct db *db, const struct batch_status *b,
    long long offset, long long *from)
{
	struct db_param		 p[1];
	struct db_result	 res;
	long long		 first, last;
	size_t			 i;
	int			 rc;

	*from = offset + 1;
	if (b->processed_rows == b->total_rows)
		return DB_OK;
	if (offset >= b->processed_rows) {
		*from = b->total_rows + 1;
		return DB_OK;
	}
	p[0] = DB_STR(b->id);
	if ((rc = db_query(db, sql_done_chunks, p, 1, CHUNKS_MAX, &res)) !=
	    DB_OK) {
		db_result_free(&res);
		return rc;
	}
	for (i = 0; i < res.nrows; i++) {
		if (parse_long(db_result_get(&res, i, 0), 1, COUNT_MAX,
		    &first) == -1 || parse_long(db_result_get(&res, i, 1),
		    first, COUNT_MAX, &last) == -1) {
			rc = DB_ERROR;
			break;
		}
		if (offset <= last - first) {
			*from = first + offset;
			break;
		}
		offset -= last - first + 1;
		*from = last + 1;
	}
	db_result_free(&res);
	return rc;
}

int
batch_results_page(struct db *db, const struct batch_status *b,
    const char *row_status, long long limit, long long offset,
    int (*cb)(const struct db_row *, void *), void *arg)
{
	struct db_param	 p[5];
	long long	 from;
	int		 rc;

	p[0] = DB_STR(b->id);
	if (row_status != NULL) {
		p[1] = DB_STR(row_status);
		p[2] = DB_INT(limit);
		p[3] = DB_INT(offset);
		p[4] = DB_STR(b->id);
		return db_query_each(db, sql_results_status, p, 5, cb, arg);
	}
	if ((rc = results_start(db, b, offset, &from)) != DB_OK)
		return rc;
	p[1] = DB_INT(from);
	p[2] = DB_INT(limit);
	return db_query_each(db, sql_results_from, p, 3, cb, arg);
}

int
batch_employees(struct db *db, const char *batch_id, long long limit,
    long long offset, int (*cb)(const struct db_row *, void *), void *arg)
{
	struct db_param	 p[3];

	p[0] = DB_STR(batch_id);
	p[1] = DB_INT(limit);
	p[2] = DB_INT(offset);
	return db_query_each(db, sql_employees, p, 3, cb, arg);
}

int
batch_employee_count(struct db *db, const char *batch_id, long long *n)
{
	struct db_param	 p[1];

	p[0] = DB_STR(batch_id);
	return query_number(db, sql_employee_count, p, 1, n);
}

int
batch_export(struct db *db, const char *batch_id,
    int (*cb)(const struct db_row *, void *), void *arg)
{
	struct db_param	 p[1];

	p[0] = DB_STR(batch_id);
	return db_query_each(db, sql_export, p, 1, cb, arg);
}

/* Locks the batch: 1 with *status filled, 0 when missing, or <0. */
static int
batch_lock(struct db *db, unsigned long long org_id, const char *id,
    char status[BATCH_STATUS_LEN])
{
	struct db_param		 p[2];
	struct db_result	 res;
	int			 rc;

	p[0] = DB_STR(id);
	p[1] = DB_INT(org_id);
	if ((rc = db_query(db, sql_lock, p, 2, 1, &res)) == DB_OK) {
		rc = res.nrows == 1;
		if (rc == 1)
			snprintf(status, BATCH_STATUS_LEN, "%s",
			    db_result_get(&res, 0, 0));
	}
	db_result_free(&res);
	return rc;
}

static int
cancel_once(struct db *db, unsigned long long org_id, const char *id)
{
	struct db_param	 p[1];
	char		 status[BATCH_STATUS_LEN];
	long long	 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return (int)rc;
	if ((rc = batch_lock(db, org_id, id, status)) <= 0)
		goto out;
	if (strcmp(status, "queued") != 0 &&
	    strcmp(status, "processing") != 0) {
		rc = BATCH_FINISHED;
		goto out;
	}
	p[0] = DB_STR(id);
	if ((rc = db_exec(db, sql_cancel, p, 1)) < 0 ||
	    (rc = db_exec(db, sql_cancel_chunks, p, 1)) < 0)
		goto out;
	if ((rc = db_commit(db)) != DB_OK)
		goto out;
	return BATCH_CHANGED;
out:
	db_rollback(db);
	return (int)rc;
}

int
batch_cancel(struct db *db, unsigned long long org_id, const char *id)
{
	int	 rc = DB_RETRY, i;

	for (i = 0; i < CHANGE_TRIES && rc == DB_RETRY; i++)
		rc = cancel_once(db, org_id, id);
	return rc;
}

int
batch_delete(struct db *db, unsigned long long org_id, const char *id)
{
	struct db_param	 p[2];
	long long	 rc = DB_RETRY;
	int		 i;

	p[0] = DB_STR(id);
	p[1] = DB_INT(org_id);
	for (i = 0; i < CHANGE_TRIES && rc == DB_RETRY; i++)
		rc = db_exec(db, sql_delete, p, 2);
	if (rc < 0)
		return (int)rc;
	return rc > 0 ? BATCH_CHANGED : BATCH_MISSING;
}
