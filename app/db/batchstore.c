#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "db/batchstore.h"
#include "db/db.h"

/* Rows in one multi-row INSERT of an upload. */
#define UPLOAD_INSERT_ROWS	500
#define ROW_PARAMS		6
#define CHUNK_PARAMS		5
#define RESULT_PARAMS		11
#define RESULT_INSERT_ROWS	1000
#define MESSAGE_MAX		1000

static const char sql_batch_insert[] =
    "INSERT INTO batches (id, org_id, filename, idempotency_key,"
    " total_rows, chunks_total) VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_batch_seq[] =
    "SELECT seq FROM batches WHERE id = ?";
static const char sql_find_idempotent[] =
    "SELECT id FROM batches WHERE org_id = ? AND idempotency_key = ?";
static const char sql_rows_head[] =
    "INSERT INTO batch_rows (batch_id, row_index, fields, carry_today,"
    " carry_week, error) VALUES ";
static const char sql_rows_tuple[] = "(?, ?, ?, ?, ?, ?)";
static const char sql_chunks_head[] =
    "INSERT INTO batch_chunks (batch_id, chunk_no, batch_seq, first_row,"
    " last_row) VALUES ";
static const char sql_chunks_tuple[] = "(?, ?, ?, ?, ?)";
static const char sql_results_head[] =
    "INSERT INTO batch_results (batch_id, row_index, row_status,"
    " employee_ref, risk_count, max_severity, risk_codes, hours_units,"
    " minimum_cents, actual_cents, detail) VALUES ";
static const char sql_results_tuple[] =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_reclaim[] =
    "UPDATE batch_chunks SET state = 'queued', owner = NULL"
    " WHERE state = 'claimed' AND lease_until < UNIX_TIMESTAMP()";
static const char sql_claim_next[] =
    "SELECT batch_id, chunk_no, first_row, last_row, attempts"
    " FROM batch_chunks WHERE state = 'queued'"
    " ORDER BY chunk_no, batch_seq LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char sql_claim_take[] =
    "UPDATE batch_chunks SET state = 'claimed', owner = ?,"
    " lease_until = UNIX_TIMESTAMP() + ?, attempts = attempts + 1"
    " WHERE batch_id = ? AND chunk_no = ?";
static const char sql_batch_start[] =
    "UPDATE batches SET status = 'processing',"
    " started_at = COALESCE(started_at, CURRENT_TIMESTAMP(3))"
    " WHERE id = ? AND status = 'queued'";
static const char sql_chunk_rows[] =
    "SELECT row_index, fields, carry_today, carry_week, error"
    " FROM batch_rows WHERE batch_id = ? AND row_index BETWEEN ? AND ?"
    " ORDER BY row_index";
static const char sql_batch_lock[] =
    "SELECT status FROM batches WHERE id = ? FOR UPDATE";
static const char sql_chunk_lock[] =
    "SELECT state, owner FROM batch_chunks"
    " WHERE batch_id = ? AND chunk_no = ? FOR UPDATE";
/* The owner stays, to say who did the work. */
static const char sql_chunk_done[] =
    "UPDATE batch_chunks SET state = 'done'"
    " WHERE batch_id = ? AND chunk_no = ?";
static const char sql_chunk_drop[] =
    "UPDATE batch_chunks SET state = 'cancelled', owner = NULL"
    " WHERE batch_id = ? AND chunk_no = ?";
/* status and completed_at read chunks_done before it is counted up. */
static const char sql_batch_add[] =
    "UPDATE batches SET"
    " status = IF(chunks_done + 1 = chunks_total, 'complete', status),"
    " completed_at = IF(chunks_done + 1 = chunks_total,"
    "   CURRENT_TIMESTAMP(3), completed_at),"
    " chunks_done = chunks_done + 1,"
    " processed_rows = processed_rows + ?, error_rows = error_rows + ?,"
    " ok_rows = ok_rows + ?, warning_rows = warning_rows + ?,"
    " violation_rows = violation_rows + ?,"
    " high_risks = high_risks + ?, warning_risks = warning_risks + ?,"
    " info_risks = info_risks + ?,"
    " minimum_cents = minimum_cents + ?, actual_cents = actual_cents + ?,"
    " underpayment_cents = underpayment_cents + ?"
    " WHERE id = ?";
static const char sql_batch_state[] =
    "SELECT status = 'complete', total_rows,"
    " COALESCE(TIMESTAMPDIFF(MICROSECOND, started_at, completed_at), 0)"
    " DIV 1000 FROM batches WHERE id = ?";
static const char sql_batch_fail[] =
    "UPDATE batches SET status = 'failed', error_message = ?,"
    " completed_at = CURRENT_TIMESTAMP(3)"
    " WHERE id = ? AND status IN ('queued', 'processing')";
static const char sql_chunks_drop_all[] =
    "UPDATE batch_chunks SET state = 'cancelled', owner = NULL"
    " WHERE batch_id = ? AND state IN ('queued', 'claimed')";

/*
 * The SQL of a k-row INSERT.  The full-size form is built once and
 * kept, so that its prepared statement is cached; a shorter one is the
 * caller's to free (*owned set).
 */
static const char *
multi_sql(char **keep, const char *head, const char *tuple, size_t k,
    size_t full, int *owned)
{
	struct buf	 b;
	size_t		 i;

	if (k == full && *keep != NULL) {
		*owned = 0;
		return *keep;
	}
	buf_init(&b, 0);
	buf_puts(&b, head);
	for (i = 0; i < k; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		buf_puts(&b, tuple);
	}
	if (k == full) {
		*keep = buf_release(&b);
		*owned = 0;
		return *keep;
	}
	*owned = 1;
	return buf_release(&b);
}

static long long
multi_exec(struct db *db, const char *sql, int owned,
    const struct db_param *p, size_t n)
{
	long long	 rc;

	if (!owned)
		return db_exec(db, sql, p, n);
	rc = db_exec_uncached(db, sql, p, n);
	free((char *)sql);
	return rc;
}

static int
insert_rows(struct db *db, const struct batch_upload *u)
{
	static char		*keep;
	struct db_param		*p;
	const struct batch_upload_row *r;
	const char		*sql;
	size_t			 done, k, i, j;
	int			 owned;
	long long		 rc = 0;

	if ((p = calloc(UPLOAD_INSERT_ROWS * ROW_PARAMS, sizeof(*p))) == NULL)
		abort();
	for (done = 0; done < u->nrows && rc >= 0; done += k) {
		k = u->nrows - done;
		if (k > UPLOAD_INSERT_ROWS)
			k = UPLOAD_INSERT_ROWS;
		for (i = 0, j = 0; i < k; i++) {
			r = &u->rows[done + i];
			p[j++] = DB_STR(u->id);
			p[j++] = DB_INT(done + i + 1);
			p[j++] = DB_STRN(u->text + r->fields_off,
			    r->fields_len);
			p[j++] = DB_INT(r->carry_today);
			p[j++] = DB_INT(r->carry_week);
			p[j++] = DB_STR0(r->error);
		}
		sql = multi_sql(&keep, sql_rows_head, sql_rows_tuple, k,
		    UPLOAD_INSERT_ROWS, &owned);
		rc = multi_exec(db, sql, owned, p, j);
	}
	free(p);
	return rc < 0 ? (int)rc : DB_OK;
}

static int
insert_chunks(struct db *db, const struct batch_upload *u,
    long long seq, size_t nchunks)
{
	struct db_param	*p;
	const char	*sql;
	size_t		 i, j = 0, last;
	int		 owned;
	long long	 rc;

	if ((p = calloc(nchunks * CHUNK_PARAMS, sizeof(*p))) == NULL)
		abort();
	for (i = 0; i < nchunks; i++) {
		last = (i + 1) * u->chunk_rows;
		if (last > u->nrows)
			last = u->nrows;
		p[j++] = DB_STR(u->id);
		p[j++] = DB_INT(i);
		p[j++] = DB_INT(seq);
		p[j++] = DB_INT(i * u->chunk_rows + 1);
		p[j++] = DB_INT(last);
	}
	sql = multi_sql(NULL, sql_chunks_head, sql_chunks_tuple, nchunks, 0,
	    &owned);
	rc = multi_exec(db, sql, owned, p, j);
	free(p);
	return rc < 0 ? (int)rc : DB_OK;
}

int
batch_insert(struct db *db, struct batch_upload *u)
{
	struct db_param		 p[6];
	struct db_result	 res;
	long long		 seq = 0, rc;
	size_t			 nchunks;

	if (u->chunk_rows == 0 || u->nrows == 0)
		return DB_ERROR;
	if (uuid_v4(u->id) == -1)
		return DB_ERROR;
	nchunks = (u->nrows + u->chunk_rows - 1) / u->chunk_rows;
	if ((rc = db_begin(db)) != DB_OK)
		return (int)rc;
	p[0] = DB_STR(u->id);
	p[1] = DB_INT(u->org_id);
	p[2] = DB_STR0(u->filename);
	p[3] = DB_STR0(u->idempotency_key);
	p[4] = DB_INT(u->nrows);
	p[5] = DB_INT(nchunks);
	if ((rc = db_exec(db, sql_batch_insert, p, 6)) < 0)
		goto fail;
	p[0] = DB_STR(u->id);
	rc = db_query(db, sql_batch_seq, p, 1, 1, &res);
	if (rc == DB_OK && (res.nrows != 1 || parse_long(db_result_get(&res,
	    0, 0), 1, -1ULL >> 1, &seq) == -1))
		rc = DB_ERROR;
	db_result_free(&res);
	if (rc != DB_OK)
		goto fail;
	if ((rc = insert_rows(db, u)) != DB_OK ||
	    (rc = insert_chunks(db, u, seq, nchunks)) != DB_OK)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return (int)rc;
}

int
batch_find_idempotent(struct db *db, unsigned long long org_id,
    const char *key, char id[BATCH_ID_LEN])
{
	struct db_param		 p[2];
	struct db_result	 res;
	int			 rc;

	p[0] = DB_INT(org_id);
	p[1] = DB_STR(key);
	if ((rc = db_query(db, sql_find_idempotent, p, 2, 1, &res)) ==
	    DB_OK && res.nrows == 1) {
		snprintf(id, BATCH_ID_LEN, "%s", db_result_get(&res, 0, 0));
		rc = 1;
	}
	db_result_free(&res);
	return rc;
}

long long
chunk_reclaim_expired(struct db *db)
{
	return db_exec(db, sql_reclaim, NULL, 0);
}

static int
chunk_parse(const struct db_result *res, struct batch_chunk *c)
{
	long long	 v[4];
	int		 i;

	snprintf(c->batch_id, sizeof(c->batch_id), "%s",
	    db_result_get(res, 0, 0));
	for (i = 0; i < 4; i++)
		if (parse_long(db_result_get(res, 0, (size_t)i + 1), 0,
		    1LL << 31, &v[i]) == -1)
			return DB_ERROR;
	c->chunk_no = (unsigned)v[0];
	c->first_row = (unsigned)v[1];
	c->last_row = (unsigned)v[2];
	c->attempts = (unsigned)v[3] + 1;
	return DB_OK;
}

int
chunk_claim(struct db *db, const char *owner, int lease_seconds,
    struct batch_chunk *c)
{
	struct db_param		 p[4];
	struct db_result	 res;
	long long		 rc;

	if ((rc = db_begin(db)) != DB_OK)
		return (int)rc;
	rc = db_query(db, sql_claim_next, NULL, 0, 1, &res);
	if (rc == DB_OK && res.nrows == 0) {
		db_result_free(&res);
		db_rollback(db);
		return 0;
	}
	if (rc == DB_OK)
		rc = chunk_parse(&res, c);
	db_result_free(&res);
	if (rc != DB_OK)
		goto fail;
	p[0] = DB_STR(owner);
	p[1] = DB_INT(lease_seconds);
	p[2] = DB_STR(c->batch_id);
	p[3] = DB_INT(c->chunk_no);
	if ((rc = db_exec(db, sql_claim_take, p, 4)) < 0)
		goto fail;
	p[0] = DB_STR(c->batch_id);
	if ((rc = db_exec(db, sql_batch_start, p, 1)) < 0)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return (int)rc;
}

struct rows_arg {
	chunk_row_cb	 cb;
	void		*arg;
};

static int
chunk_row(const struct db_row *row, void *arg)
{
	struct rows_arg	*a = arg;
	long long	 idx, today, week;

	if (row->cell[1] == NULL ||
	    parse_long(row->cell[0], 1, 1LL << 31, &idx) == -1 ||
	    parse_long(row->cell[2], -(1LL << 50), 1LL << 50, &today) == -1 ||
	    parse_long(row->cell[3], -(1LL << 50), 1LL << 50, &week) == -1)
		return -1;
	return a->cb((unsigned)idx, row->cell[1], today, week, row->cell[4],
	    a->arg);
}

int
chunk_rows(struct db *db, const struct batch_chunk *c, chunk_row_cb cb,
    void *arg)
{
	struct db_param	 p[3];
	struct rows_arg	 a;

	a.cb = cb;
	a.arg = arg;
	p[0] = DB_STR(c->batch_id);
	p[1] = DB_INT(c->first_row);
	p[2] = DB_INT(c->last_row);
	return db_query_each(db, sql_chunk_rows, p, 3, chunk_row, &a);
}

static struct db_param
num_or_null(long long v)
{
	return v == BATCH_NULL ? DB_NULL : DB_INT(v);
}

static int
insert_results(struct db *db, const char *batch_id,
    const struct row_result *r, size_t n)
{
	static char	*keep;
	struct db_param	*p;
	const char	*sql;
	size_t		 i, j = 0;
	int		 owned;
	long long	 rc;

	if (n == 0)
		return DB_OK;
	if ((p = calloc(n * RESULT_PARAMS, sizeof(*p))) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		p[j++] = DB_STR(batch_id);
		p[j++] = DB_INT(r[i].row_index);
		p[j++] = DB_STR(r[i].status);
		p[j++] = DB_STR0(r[i].employee_ref);
		p[j++] = DB_INT(r[i].risk_count);
		p[j++] = DB_STR0(r[i].max_severity);
		p[j++] = DB_STR(r[i].risk_codes != NULL ?
		    r[i].risk_codes : "");
		p[j++] = num_or_null(r[i].hours_units);
		p[j++] = num_or_null(r[i].minimum_cents);
		p[j++] = num_or_null(r[i].actual_cents);
		p[j++] = DB_STRN(r[i].detail, r[i].detail_len);
	}
	sql = multi_sql(&keep, sql_results_head, sql_results_tuple, n,
	    RESULT_INSERT_ROWS, &owned);
	rc = multi_exec(db, sql, owned, p, j);
	free(p);
	return rc < 0 ? (int)rc : DB_OK;
}

/*
 * Locks the batch and the chunk.  Returns 1 when the claim still holds
 * and the batch still wants results, 0 when not (the chunk is dropped
 * if the batch was cancelled), or a db_status.
 */
static int
chunk_still_ours(struct db *db, const char *owner,
    const struct batch_chunk *c)
{
	struct db_param		 p[2];
	struct db_result	 res;
	const char		*status, *state, *who;
	int			 rc, wanted;

	p[0] = DB_STR(c->batch_id);
	if ((rc = db_query(db, sql_batch_lock, p, 1, 1, &res)) != DB_OK) {
		db_result_free(&res);
		return rc;
	}
	status = res.nrows == 1 ? db_result_get(&res, 0, 0) : NULL;
	wanted = status != NULL && (strcmp(status, "processing") == 0 ||
	    strcmp(status, "queued") == 0);
	db_result_free(&res);
	if (status == NULL)
		return 0;	/* deleted */

	p[1] = DB_INT(c->chunk_no);
	if ((rc = db_query(db, sql_chunk_lock, p, 2, 1, &res)) != DB_OK) {
		db_result_free(&res);
		return rc;
	}
	state = res.nrows == 1 ? db_result_get(&res, 0, 0) : NULL;
	who = res.nrows == 1 ? db_result_get(&res, 0, 1) : NULL;
	rc = state != NULL && strcmp(state, "claimed") == 0 && who != NULL &&
	    strcmp(who, owner) == 0;
	db_result_free(&res);
	if (rc && !wanted) {
		if ((rc = (int)db_exec(db, sql_chunk_drop, p, 2)) < 0)
			return rc;
		return 0;
	}
	return rc;
}

static int
batch_state(struct db *db, const char *id, struct chunk_batch_state *st)
{
	struct db_param		 p[1];
	struct db_result	 res;
	int			 rc;

	memset(st, 0, sizeof(*st));
	p[0] = DB_STR(id);
	if ((rc = db_query(db, sql_batch_state, p, 1, 1, &res)) == DB_OK &&
	    res.nrows == 1) {
		st->complete = strcmp(db_result_get(&res, 0, 0), "1") == 0;
		parse_long(db_result_get(&res, 0, 1), 0, 1LL << 40,
		    &st->total_rows);
		parse_long(db_result_get(&res, 0, 2), 0, 1LL << 50,
		    &st->elapsed_ms);
	}
	db_result_free(&res);
	return rc;
}

int
chunk_commit(struct db *db, const char *owner, const struct batch_chunk *c,
    const struct row_result *r, size_t n, const struct chunk_totals *t,
    struct chunk_batch_state *st)
{
	struct db_param	 p[12];
	long long	 rc;
	int		 ours;

	if ((rc = db_begin(db)) != DB_OK)
		return (int)rc;
	if ((ours = chunk_still_ours(db, owner, c)) < 0) {
		rc = ours;
		goto fail;
	}
	if (ours == 0) {
		if ((rc = db_commit(db)) != DB_OK)
			goto fail;
		return CHUNK_LOST;
	}
	if ((rc = insert_results(db, c->batch_id, r, n)) != DB_OK)
		goto fail;
	p[0] = DB_STR(c->batch_id);
	p[1] = DB_INT(c->chunk_no);
	if ((rc = db_exec(db, sql_chunk_done, p, 2)) < 0)
		goto fail;
	p[0] = DB_INT(n);
	p[1] = DB_INT(t->error_rows);
	p[2] = DB_INT(t->ok_rows);
	p[3] = DB_INT(t->warning_rows);
	p[4] = DB_INT(t->violation_rows);
	p[5] = DB_INT(t->high_risks);
	p[6] = DB_INT(t->warning_risks);
	p[7] = DB_INT(t->info_risks);
	p[8] = DB_INT(t->minimum_cents);
	p[9] = DB_INT(t->actual_cents);
	p[10] = DB_INT(t->underpayment_cents);
	p[11] = DB_STR(c->batch_id);
	if ((rc = db_exec(db, sql_batch_add, p, 12)) < 0)
		goto fail;
	if ((rc = batch_state(db, c->batch_id, st)) != DB_OK)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return CHUNK_COMMITTED;
fail:
	db_rollback(db);
	return (int)rc;
}

int
batch_fail(struct db *db, const char *batch_id, const char *message)
{
	struct db_param	 p[2];
	long long	 rc;
	char		 msg[MESSAGE_MAX + 1];

	snprintf(msg, sizeof(msg), "%s", message);
	if ((rc = db_begin(db)) != DB_OK)
		return (int)rc;
	p[0] = DB_STR(msg);
	p[1] = DB_STR(batch_id);
	if ((rc = db_exec(db, sql_batch_fail, p, 2)) < 0)
		goto fail;
	if ((rc = db_exec(db, sql_chunks_drop_all, p + 1, 1)) < 0)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return (int)rc;
}
