/*
 * The read side of the batch API, and cancel and delete: status, the
 * list, results, the employees' totals and the CSV export.  Every
 * handler answers 404 for another organisation's batch exactly as for
 * a missing one, and for an id that is not a batch id at all.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "api/request.h"
#include "batch/upload.h"
#include "common/buf.h"
#include "common/csvout.h"
#include "common/datetime.h"
#include "common/log.h"
#include "common/util.h"
#include "db/batchquery.h"
#include "db/db.h"
#include "db/rowcodec.h"
#include "engine/pay.h"
#include "engine/pay_json.h"

#define LIST_LIMIT_DEFAULT	20
#define RESULTS_LIMIT_DEFAULT	50
#define EMPLOYEES_LIMIT_DEFAULT	50
#define PAGE_LIMIT_MAX		200
#define PAGE_OFFSET_MAX		1000000000LL
#define QUERY_VALUE_MAX		64
#define ISO_TIME_LEN		21	/* "2026-03-16T09:12:44Z" */
#define SECONDS_PER_DAY		86400
#define SECONDS_PER_HOUR	3600
#define SECONDS_PER_MINUTE	60
#define NUMBER_TEXT_LEN		32
/* The largest cents or hour units a stored amount may hold. */
#define AMOUNT_MAX		(1LL << 62)
/* A results page's buffer is kept between requests up to this size. */
#define RESULTS_BUF_KEEP	(4 * 1024 * 1024)
/* Export lines are gathered and written in pieces of about this size. */
#define EXPORT_FLUSH		(64 * 1024)

static const char *const batch_statuses[] = {
	"queued", "processing", "complete", "failed", "cancelled", NULL
};
static const char *const row_statuses[] = {
	"ok", "warning", "violation", "error", NULL
};

static const char export_header[] =
    "row_index,employee_ref,award_code,classification_code,"
    "employment_type,work_date,start_time,end_time,hours_worked,"
    "row_status,risk_count,max_severity,risk_codes,minimum_pay,"
    "actual_pay,difference\r\n";

static void
reply_not_found(struct api_request *r)
{
	api_reply_error(r, HTTP_NOT_FOUND, NULL, "Batch %s not found",
	    r->param[0]);
}

/* The {id} of the path when it can be a batch id; else answers 404. */
static const char *
batch_id(struct api_request *r)
{
	if (!uuid_valid(r->param[0])) {
		reply_not_found(r);
		return NULL;
	}
	return r->param[0];
}

/* Reads the caller's batch: 0 with *b filled, or -1 after answering. */
static int
batch_load(struct api_request *r, const char *id, struct batch_status *b)
{
	int	 rc;

	if ((rc = batch_get(r->db, r->key.org_id, id, b)) < 0) {
		api_reply_db_error(r, rc);
		return -1;
	}
	if (rc == 0) {
		reply_not_found(r);
		return -1;
	}
	return 0;
}

/* Unix seconds as "2026-03-16T09:12:44Z"; null for BATCH_NULL. */
static json_object *
time_json(long long t)
{
	char		 out[ISO_TIME_LEN];
	int		 y, m, d;
	long long	 sod;

	if (t == BATCH_NULL || t < 0)
		return NULL;
	sod = t % SECONDS_PER_DAY;
	date_to_civil((int)(t / SECONDS_PER_DAY), &y, &m, &d);
	snprintf(out, sizeof(out), "%04d-%02d-%02dT%02lld:%02lld:%02lldZ",
	    y, m, d, sod / SECONDS_PER_HOUR,
	    sod % SECONDS_PER_HOUR / SECONDS_PER_MINUTE,
	    sod % SECONDS_PER_MINUTE);
	return json_object_new_string(out);
}

/* The status object that GET, the list and cancel answer with. */
static json_object *
status_json(const struct batch_status *b)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "batch_id", json_object_new_string(b->id));
	json_object_object_add(o, "status",
	    json_object_new_string(b->status));
	json_object_object_add(o, "total_rows",
	    json_object_new_int64(b->total_rows));
	json_object_object_add(o, "processed_rows",
	    json_object_new_int64(b->processed_rows));
	json_object_object_add(o, "error_rows",
	    json_object_new_int64(b->error_rows));
	json_object_object_add(o, "created_at", time_json(b->created_at));
	json_object_object_add(o, "started_at", time_json(b->started_at));
	json_object_object_add(o, "completed_at",
	    time_json(b->completed_at));
	json_object_object_add(o, "error_message", b->has_error_message ?
	    json_object_new_string(b->error_message) : NULL);
	json_object_object_add(o, "filename", b->has_filename ?
	    json_object_new_string(b->filename) : NULL);
	return o;
}

/*
 * A query parameter: 1 with its value, 0 when absent or empty (the
 * default applies), or -1 after answering 400 for one too long.
 */
static int
query_value(struct api_request *r, const char *key, char *out,
    size_t outlen)
{
	char	*probe;
	size_t	 n = strlen(r->query) + 1;
	int	 present;

	if (api_query_get(r, key, out, outlen) == 0)
		return out[0] != '\0';
	/* Absent, or too long for out: only a larger buffer can tell. */
	if ((probe = malloc(n)) == NULL)
		abort();
	present = api_query_get(r, key, probe, n) == 0;
	free(probe);
	if (!present)
		return 0;
	api_reply_error(r, HTTP_BAD_REQUEST, NULL,
	    "The query parameter %s is too long", key);
	return -1;
}

/* A whole number query parameter in [min, max]; -1 after answering. */
static int
query_number(struct api_request *r, const char *key, long long min,
    long long max, long long *v)
{
	char	 s[QUERY_VALUE_MAX];
	int	 rc;

	if ((rc = query_value(r, key, s, sizeof(s))) <= 0)
		return rc;
	if (parse_long(s, min, max, v) == -1) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL,
		    "%s must be a whole number from %lld to %lld", key, min,
		    max);
		return -1;
	}
	return 0;
}

/* limit and offset of a page; -1 after answering 400. */
static int
page_parse(struct api_request *r, long long def, long long *limit,
    long long *offset)
{
	*limit = def;
	*offset = 0;
	if (query_number(r, "limit", 1, PAGE_LIMIT_MAX, limit) == -1 ||
	    query_number(r, "offset", 0, PAGE_OFFSET_MAX, offset) == -1)
		return -1;
	return 0;
}

/* Answers 400: key must be one of names. */
static void
names_reply(struct api_request *r, const char *key,
    const char *const *names)
{
	struct buf	 list;
	size_t		 i;

	buf_init(&list, 0);
	for (i = 0; names[i] != NULL; i++)
		buf_printf(&list, "%s%s", i > 0 ? ", " : "", names[i]);
	api_reply_error(r, HTTP_BAD_REQUEST, NULL, "%s must be one of %s",
	    key, list.data != NULL ? list.data : "");
	buf_free(&list);
}

/*
 * The status filter: 0 with *out NULL (none) or one of names, or -1
 * after answering 400.
 */
static int
status_filter(struct api_request *r, const char *const *names,
    const char **out)
{
	char	 s[QUERY_VALUE_MAX];
	size_t	 i;
	int	 rc;

	*out = NULL;
	if ((rc = query_value(r, "status", s, sizeof(s))) <= 0)
		return rc;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = names[i];
			return 0;
		}
	names_reply(r, "status", names);
	return -1;
}

/*
 * GET /api/v1/batches/{id}: 200 with the batch's status object; 404
 * for a batch that is not the caller's; 503 with the database down.
 */
void
h_batch_get(struct api_request *r)
{
	struct batch_status	 b;
	const char		*id;

	if ((id = batch_id(r)) == NULL || batch_load(r, id, &b) == -1)
		return;
	api_reply_json(r, HTTP_OK, status_json(&b));
}

static int
list_add(const struct batch_status *b, void *arg)
{
	json_object_array_add(arg, status_json(b));
	return 0;
}

/*
 * GET /api/v1/batches?limit=20&offset=0&status=: 200 with the caller's
 * batches, newest first, and their total; 400 for a limit outside 1 to
 * 200, a bad offset or an unknown status; 503 with the database down.
 */
void
h_batch_list(struct api_request *r)
{
	json_object	*o, *list;
	const char	*status;
	long long	 limit, offset, total;
	int		 rc;

	if (page_parse(r, LIST_LIMIT_DEFAULT, &limit, &offset) == -1 ||
	    status_filter(r, batch_statuses, &status) == -1)
		return;
	if ((rc = batch_count(r->db, r->key.org_id, status, &total)) !=
	    DB_OK) {
		api_reply_db_error(r, rc);
		return;
	}
	list = json_object_new_array();
	if ((rc = batch_list(r->db, r->key.org_id, status, limit, offset,
	    list_add, list)) != DB_OK) {
		json_object_put(list);
		api_reply_db_error(r, rc);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "batches", list);
	json_object_object_add(o, "total", json_object_new_int64(total));
	json_object_object_add(o, "limit", json_object_new_int64(limit));
	json_object_object_add(o, "offset", json_object_new_int64(offset));
	api_reply_json(r, HTTP_OK, o);
}

static json_object *
summary_json(const struct batch_status *b)
{
	json_object	*o, *st, *sev;

	st = json_object_new_object();
	json_object_object_add(st, "ok", json_object_new_int64(b->ok_rows));
	json_object_object_add(st, "warning",
	    json_object_new_int64(b->warning_rows));
	json_object_object_add(st, "violation",
	    json_object_new_int64(b->violation_rows));
	json_object_object_add(st, "error",
	    json_object_new_int64(b->error_rows));
	sev = json_object_new_object();
	json_object_object_add(sev, "high",
	    json_object_new_int64(b->high_risks));
	json_object_object_add(sev, "warning",
	    json_object_new_int64(b->warning_risks));
	json_object_object_add(sev, "info",
	    json_object_new_int64(b->info_risks));
	o = json_object_new_object();
	json_object_object_add(o, "total_rows",
	    json_object_new_int64(b->total_rows));
	json_object_object_add(o, "status_counts", st);
	json_object_object_add(o, "severity_counts", sev);
	json_object_object_add(o, "total_minimum_pay",
	    pay_json_money(b->minimum_cents));
	json_object_object_add(o, "total_actual_pay",
	    pay_json_money(b->actual_cents));
	json_object_object_add(o, "total_underpayment",
	    pay_json_money(b->underpayment_cents));
	return o;
}

/* How many results a status filter matches, from the batch's counts. */
static long long
results_total(const struct batch_status *b, const char *row_status)
{
	if (row_status == NULL)
		return b->processed_rows;
	if (strcmp(row_status, "ok") == 0)
		return b->ok_rows;
	if (strcmp(row_status, "warning") == 0)
		return b->warning_rows;
	if (strcmp(row_status, "violation") == 0)
		return b->violation_rows;
	return b->error_rows;
}

/* The head of a results answer: its object without the closing '}'. */
static void
results_head(struct buf *out, const struct batch_status *b)
{
	json_object	*o;
	const char	*text;
	size_t		 len;

	o = json_object_new_object();
	json_object_object_add(o, "batch_id", json_object_new_string(b->id));
	json_object_object_add(o, "status",
	    json_object_new_string(b->status));
	json_object_object_add(o, "summary", summary_json(b));
	text = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	buf_append(out, text, len - 1);
	json_object_put(o);
}

struct rows_arg {
	struct buf	*out;
	long long	 n;
};

/* Splices a row's stored JSON into the answer as it is. */
static int
results_row(const struct db_row *row, void *arg)
{
	struct rows_arg	*a = arg;

	if (row->cell[0] == NULL)
		return -1;
	if ((a->n++ > 0 && buf_putc(a->out, ',') == -1) ||
	    buf_append(a->out, row->cell[0], row->len[0]) == -1)
		return -1;
	return 0;
}

/*
 * Reads the batch and a page of its rows in one transaction, so that
 * the summary and the rows agree while the batch is processed.
 */
static int
results_read(struct api_request *r, const char *id, const char *row_status,
    long long limit, long long offset, struct buf *out)
{
	struct batch_status	 b;
	struct rows_arg		 a;
	int			 rc;

	if ((rc = db_begin(r->db)) != DB_OK) {
		api_reply_db_error(r, rc);
		return -1;
	}
	if (batch_load(r, id, &b) == -1) {
		db_rollback(r->db);
		return -1;
	}
	results_head(out, &b);
	buf_puts(out, ",\"rows\":[");
	a.out = out;
	a.n = 0;
	rc = batch_results_page(r->db, &b, row_status, limit, offset,
	    results_row, &a);
	db_rollback(r->db);	/* nothing was written */
	if (rc != DB_OK) {
		api_reply_db_error(r, rc);
		return -1;
	}
	buf_printf(out, "],\"limit\":%lld,\"offset\":%lld,\"total\":%lld}",
	    limit, offset, results_total(&b, row_status));
	return 0;
}

/*
 * GET /api/v1/batches/{id}/results?limit=50&offset=0&status=: 200 with
 * the summary and a page of rows in row order (the rows processed so
 * far while the batch is processed); 400 for a limit outside 1 to 200,
 * a bad offset or an unknown row status; 404 for a batch that is not
 * the caller's; 503 with the database down.  The rows' stored JSON is
 * spliced in as it is, never parsed again.
 *
 * A page of 300 to 500 KB costs about 0.7 ms of CPU in MariaDB, 0.7 ms
 * in nginx and 0.26 ms in this worker: on two cores with eight workers
 * and nothing else running, about 1,300 pages a second (make bench).
 */
void
h_batch_results(struct api_request *r)
{
	static struct buf	 out;
	const char		*id, *row_status;
	long long		 limit, offset;

	if ((id = batch_id(r)) == NULL ||
	    page_parse(r, RESULTS_LIMIT_DEFAULT, &limit, &offset) == -1 ||
	    status_filter(r, row_statuses, &row_status) == -1)
		return;
	buf_reset(&out);
	if (results_read(r, id, row_status, limit, offset, &out) == 0) {
		api_stream_start(r, HTTP_OK, "application/json");
		api_write(r, out.data, out.len);
	}
	/* A worker keeps a page's buffer for the next, unless huge. */
	if (out.cap > RESULTS_BUF_KEEP)
		buf_free(&out);
}

static int
cell_number(const char *s, long long *v)
{
	*v = 0;
	return s == NULL ? -1 : parse_long(s, -AMOUNT_MAX, AMOUNT_MAX, v);
}

static int
employee_add(const struct db_row *row, void *arg)
{
	json_object	*o;
	long long	 v[EMP_COL__MAX];
	size_t		 i;

	if (row->ncols != EMP_COL__MAX)
		return -1;
	for (i = EMP_COL_SHIFTS; i < EMP_COL__MAX; i++)
		if (cell_number(row->cell[i], &v[i]) == -1)
			return -1;
	o = json_object_new_object();
	json_object_object_add(o, "employee_ref",
	    row->cell[EMP_COL_REF] != NULL ?
	    json_object_new_string(row->cell[EMP_COL_REF]) : NULL);
	json_object_object_add(o, "shifts",
	    json_object_new_int64(v[EMP_COL_SHIFTS]));
	json_object_object_add(o, "error_shifts",
	    json_object_new_int64(v[EMP_COL_ERROR_SHIFTS]));
	json_object_object_add(o, "hours", pay_json_hours(v[EMP_COL_HOURS]));
	json_object_object_add(o, "total_minimum_pay",
	    pay_json_money(v[EMP_COL_MINIMUM]));
	json_object_object_add(o, "total_actual_pay",
	    pay_json_money(v[EMP_COL_ACTUAL]));
	json_object_object_add(o, "total_shortfall",
	    pay_json_money(v[EMP_COL_SHORTFALL]));
	json_object_array_add(arg, o);
	return 0;
}

/*
 * GET /api/v1/batches/{id}/employees?limit=50&offset=0: 200 with, per
 * employee_ref, the shifts, hours, minimum pay, actual pay and
 * shortfall (the back-pay schedule), the largest shortfall first, and
 * how many employees there are; rows without an employee_ref are
 * grouped under a null employee_ref.  400 for a bad limit or offset;
 * 404 for a batch that is not the caller's; 503 with the database
 * down.
 */
void
h_batch_employees(struct api_request *r)
{
	struct batch_status	 b;
	json_object		*o, *list;
	const char		*id;
	long long		 limit, offset, total;
	int			 rc;

	if ((id = batch_id(r)) == NULL ||
	    page_parse(r, EMPLOYEES_LIMIT_DEFAULT, &limit, &offset) == -1 ||
	    batch_load(r, id, &b) == -1)
		return;
	if ((rc = batch_employee_count(r->db, id, &total)) != DB_OK) {
		api_reply_db_error(r, rc);
		return;
	}
	list = json_object_new_array();
	if ((rc = batch_employees(r->db, id, limit, offset, employee_add,
	    list)) != DB_OK) {
		json_object_put(list);
		api_reply_db_error(r, rc);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "batch_id", json_object_new_string(b.id));
	json_object_object_add(o, "status", json_object_new_string(b.status));
	json_object_object_add(o, "employees", list);
	json_object_object_add(o, "limit", json_object_new_int64(limit));
	json_object_object_add(o, "offset", json_object_new_int64(offset));
	json_object_object_add(o, "total", json_object_new_int64(total));
	api_reply_json(r, HTTP_OK, o);
}

/* A time as uploaded, as "HH:MM" when it is one. */
static const char *
time_cell(const char *s, char out[TIME_STRLEN])
{
	int	 min;

	if (s == NULL || time_parse(s, &min) == -1)
		return s;
	time_format(min, out);
	return out;
}

/* Hour units as text; NULL (an empty cell) when unknown. */
static const char *
hours_cell(const char *s, char *out, size_t len)
{
	long long	 v;

	if (cell_number(s, &v) == -1)
		return NULL;
	pay_hours_format(v, out, len);
	return out;
}

/* Cents as text; NULL (an empty cell) when unknown. */
static const char *
money_cell(const char *s, char *out, size_t len)
{
	long long	 v;

	if (cell_number(s, &v) == -1)
		return NULL;
	pay_cents_format(v, out, len);
	return out;
}

static int
text_cell(struct buf *b, const char *s)
{
	return csvout_cell(b, s, CSVOUT_TEXT, CSVOUT_NEXT);
}

static int
number_cell(struct buf *b, const char *s)
{
	return csvout_cell(b, s, CSVOUT_NUMBER, CSVOUT_NEXT);
}

struct export_arg {
	struct api_request	*r;
	struct buf		 line;
	long long		 rows;
	int			 failed;	/* the client went away */
};

static int
export_flush(struct export_arg *a)
{
	if (a->line.len > 0 && api_write(a->r, a->line.data,
	    a->line.len) == -1) {
		a->failed = 1;
		return -1;
	}
	buf_reset(&a->line);
	return 0;
}

/* Appends one result as a CSV record: 0, or -1 when memory runs out. */
static int
export_record(struct buf *b, const struct db_row *row)
{
	const char	*f[UPLOAD_COL__MAX];
	char		 start[TIME_STRLEN], end[TIME_STRLEN];
	char		 hours[NUMBER_TEXT_LEN], min[NUMBER_TEXT_LEN];
	char		 act[NUMBER_TEXT_LEN], diff[NUMBER_TEXT_LEN];
	const char	*dp = NULL;
	long long	 mc, ac;
	int		 rc = 0;

	if (row->cell[EXP_COL_FIELDS] == NULL || rowcodec_decode(
	    row->cell[EXP_COL_FIELDS], f, UPLOAD_COL__MAX) == -1)
		memset(f, 0, sizeof(f));
	if (cell_number(row->cell[EXP_COL_MINIMUM], &mc) == 0 &&
	    cell_number(row->cell[EXP_COL_ACTUAL], &ac) == 0) {
		pay_cents_format(ac - mc, diff, sizeof(diff));
		dp = diff;
	}
	rc |= number_cell(b, row->cell[EXP_COL_ROW_INDEX]);
	rc |= text_cell(b, row->cell[EXP_COL_EMPLOYEE_REF]);
	rc |= text_cell(b, row->cell[EXP_COL_AWARD_CODE]);
	rc |= text_cell(b, row->cell[EXP_COL_CLASSIFICATION]);
	rc |= text_cell(b, row->cell[EXP_COL_EMPLOYMENT_TYPE]);
	rc |= text_cell(b, row->cell[EXP_COL_WORK_DATE]);
	rc |= text_cell(b, time_cell(f[UPLOAD_COL_START_TIME], start));
	rc |= text_cell(b, time_cell(f[UPLOAD_COL_END_TIME], end));
	rc |= number_cell(b, hours_cell(row->cell[EXP_COL_HOURS], hours,
	    sizeof(hours)));
	rc |= text_cell(b, row->cell[EXP_COL_ROW_STATUS]);
	rc |= number_cell(b, row->cell[EXP_COL_RISK_COUNT]);
	rc |= text_cell(b, row->cell[EXP_COL_MAX_SEVERITY]);
	rc |= text_cell(b, row->cell[EXP_COL_RISK_CODES]);
	rc |= number_cell(b, money_cell(row->cell[EXP_COL_MINIMUM], min,
	    sizeof(min)));
	rc |= number_cell(b, money_cell(row->cell[EXP_COL_ACTUAL], act,
	    sizeof(act)));
	rc |= csvout_cell(b, dp, CSVOUT_NUMBER, CSVOUT_LAST);
	return rc == 0 ? 0 : -1;
}

static int
export_row(const struct db_row *row, void *arg)
{
	struct export_arg	*a = arg;

	if (row->ncols != EXP_COL__MAX || export_record(&a->line, row) == -1)
		return -1;
	a->rows++;
	if (a->line.len >= EXPORT_FLUSH)
		return export_flush(a);
	return 0;
}

/*
 * GET or POST /api/v1/batches/{id}/export: 200 text/csv, as an
 * attachment, with a header line and one line per result in row order
 * (the rows processed so far while the batch is processed), streamed
 * from the database in constant memory.  404 for a batch that is not
 * the caller's; 503 with the database down.
 *
 * XXX: once the first line is sent the status is fixed, so a database
 * failure half way ends the file early; the log says so, but the
 * client cannot tell it from a whole file.
 */
void
h_batch_export(struct api_request *r)
{
	struct batch_status	 b;
	struct export_arg	 a;
	const char		*id;
	int			 rc;

	if ((id = batch_id(r)) == NULL || batch_load(r, id, &b) == -1)
		return;
	api_header(r, "Content-Disposition",
	    "attachment; filename=\"batch-%s.csv\"", b.id);
	api_stream_start(r, HTTP_OK, "text/csv; charset=utf-8");
	memset(&a, 0, sizeof(a));
	a.r = r;
	buf_init(&a.line, 0);
	buf_puts(&a.line, export_header);
	rc = batch_export(r->db, id, export_row, &a);
	if (rc == DB_OK)
		export_flush(&a);
	if (a.failed)
		log_warn("api", r->request_id, "batch %s export: the client "
		    "went away after %lld rows", id, a.rows);
	else if (rc != DB_OK)
		log_error("api", r->request_id, "batch %s export stopped "
		    "after %lld rows: %s", id, a.rows, db_error(r->db));
	buf_free(&a.line);
}

/*
 * POST /api/v1/batches/{id}/cancel: 200 with the status object of the
 * now cancelled batch (the rows already processed keep their
 * results); 409 when it is already complete, failed or cancelled; 404
 * for a batch that is not the caller's; 503 with the database down.
 */
void
h_batch_cancel(struct api_request *r)
{
	struct batch_status	 b;
	const char		*id;
	int			 rc;

	if ((id = batch_id(r)) == NULL)
		return;
	if ((rc = batch_cancel(r->db, r->key.org_id, id)) < 0) {
		api_reply_db_error(r, rc);
		return;
	}
	if (rc == BATCH_MISSING) {
		reply_not_found(r);
		return;
	}
	if (batch_load(r, id, &b) == -1)
		return;
	if (rc == BATCH_FINISHED) {
		api_reply_error(r, HTTP_CONFLICT, NULL,
		    "Batch %s is %s and can no longer be cancelled", id,
		    b.status);
		return;
	}
	log_info("api", r->request_id, "batch %s cancelled after %lld of "
	    "%lld rows", id, b.processed_rows, b.total_rows);
	api_reply_json(r, HTTP_OK, status_json(&b));
}

/*
 * DELETE /api/v1/batches/{id}: 204; the batch, its rows, chunks and
 * results are gone, and a processor working on it drops its chunk.
 * 404 for a batch that is not the caller's; 503 with the database
 * down.
 */
void
h_batch_delete(struct api_request *r)
{
	const char	*id;
	int		 rc;

	if ((id = batch_id(r)) == NULL)
		return;
	if ((rc = batch_delete(r->db, r->key.org_id, id)) < 0) {
		api_reply_db_error(r, rc);
		return;
	}
	if (rc == BATCH_MISSING) {
		reply_not_found(r);
		return;
	}
	log_info("api", r->request_id, "batch %s deleted", id);
	api_reply_empty(r, HTTP_NO_CONTENT);
}
