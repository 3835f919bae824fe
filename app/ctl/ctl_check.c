/*
 * awardctl check: a payroll file in the upload's CSV format reviewed
 * as the processor reviews a batch (the rows of one employee carry
 * their hours into each other, the same risks and row status), and
 * written to stdout as the batch export's CSV.  Why a row could not be
 * calculated goes to stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/row_request.h"
#include "batch/upload.h"
#include "common/buf.h"
#include "common/csvout.h"
#include "common/datetime.h"
#include "ctl/ctl.h"
#include "db/rowcodec.h"
#include "engine/batchctx.h"
#include "engine/pay.h"
#include "engine/risk.h"
#include "engine/ruleset.h"
#include "processor/review.h"

#define CHECK_ERR_LEN		512
#define CHECK_CHUNK		65536
#define CHECK_FLUSH		65536
#define CHECK_ROWS_FIRST	1024
#define CHECK_NUMBER_LEN	32

static const char check_header[] =
    "row_index,employee_ref,award_code,classification_code,"
    "employment_type,work_date,start_time,end_time,hours_worked,"
    "row_status,risk_count,max_severity,risk_codes,minimum_pay,"
    "actual_pay,difference\r\n";

/* One row of the file, as the upload stores it. */
struct check_row {
	size_t		 fields;	/* into text */
	size_t		 error;		/* into text, or NO_ERROR */
	long long	 carry_today;
	long long	 carry_week;
};
#define NO_ERROR	((size_t)-1)

struct check {
	struct check_row	*rows;
	size_t			 n, cap;
	struct buf		 text;		/* fields and errors */
	struct batch_shift	*shifts;	/* rows with an employee */
	size_t			*shift_row;
	size_t			*shift_ref;	/* into text */
	size_t			 nshifts;
	int			 nomem;
};

static int
check_grow(struct check *k)
{
	size_t	 ncap;
	void	*p;

	if (k->n < k->cap)
		return 0;
	ncap = k->cap == 0 ? CHECK_ROWS_FIRST : k->cap * 2;
	if ((p = reallocarray(k->rows, ncap, sizeof(*k->rows))) == NULL)
		return -1;
	k->rows = p;
	if ((p = reallocarray(k->shifts, ncap, sizeof(*k->shifts))) == NULL)
		return -1;
	k->shifts = p;
	if ((p = reallocarray(k->shift_row, ncap,
	    sizeof(*k->shift_row))) == NULL)
		return -1;
	k->shift_row = p;
	if ((p = reallocarray(k->shift_ref, ncap,
	    sizeof(*k->shift_ref))) == NULL)
		return -1;
	k->shift_ref = p;
	k->cap = ncap;
	return 0;
}

/* The upload's checks of one row: the reason it is unusable, or 0. */
static int
check_on_row(const struct upload_row *row, void *arg)
{
	struct check		*k = arg;
	struct check_row	*cr;
	struct pay_request	 req;
	struct buf		 msg;
	const char		*ref;

	if (check_grow(k) == -1) {
		k->nomem = 1;
		return -1;
	}
	cr = &k->rows[k->n];
	cr->fields = k->text.len;
	cr->error = NO_ERROR;
	cr->carry_today = cr->carry_week = 0;
	if (rowcodec_encode(&k->text, (const char *const *)row->field,
	    UPLOAD_COL__MAX) == -1 || buf_putc(&k->text, '\0') == -1)
		k->nomem = 1;
	buf_init(&msg, ROW_ERROR_MAX);
	if (row_request_check(row, &req, &msg) == -1) {
		cr->error = k->text.len;
		if (buf_puts(&k->text, msg.data != NULL ? msg.data :
		    "invalid row") == -1 || buf_putc(&k->text, '\0') == -1)
			k->nomem = 1;
	} else if ((ref = row->field[UPLOAD_COL_EMPLOYEE_REF]) != NULL &&
	    *ref != '\0') {
		batchctx_shift(&k->shifts[k->nshifts], NULL, &req);
		k->shift_row[k->nshifts] = k->n;
		k->shift_ref[k->nshifts] = k->text.len;
		k->nshifts++;
		if (buf_append(&k->text, ref, strlen(ref) + 1) == -1)
			k->nomem = 1;
	}
	buf_free(&msg);
	k->n++;
	return k->nomem ? -1 : 0;
}

/* Reads the whole file through the upload's CSV reader. */
static int
check_read(struct check *k, const char *path)
{
	struct upload_csv	*csv;
	struct buf		 b;
	char			 err[CHECK_ERR_LEN];
	enum upload_err		 e;
	size_t			 off, n;
	int			 rc = 0;

	if (ctl_read_all(path, UPLOAD_MAX_BYTES, &b, err, sizeof(err)) ==
	    -1)
		return ctl_fail("check: %s", err);
	if ((csv = upload_csv_new(NULL, check_on_row, k)) == NULL) {
		buf_free(&b);
		return ctl_fail("check: out of memory");
	}
	for (off = 0, e = UPLOAD_OK; e == UPLOAD_OK && off < b.len;
	    off += n) {
		n = b.len - off < CHECK_CHUNK ? b.len - off : CHECK_CHUNK;
		e = upload_csv_feed(csv, b.data + off, n);
	}
	if (e == UPLOAD_OK)
		e = upload_csv_finish(csv);
	if (e != UPLOAD_OK)
		rc = ctl_fail("check: %s: %s", path, k->nomem ?
		    "out of memory" : upload_csv_message(csv));
	upload_csv_free(csv);
	buf_free(&b);
	return rc;
}

/* The hours each employee's earlier rows carry into the next. */
static int
check_context(struct check *k)
{
	char	 err[CHECK_ERR_LEN];
	size_t	 i;

	for (i = 0; i < k->nshifts; i++)
		k->shifts[i].employee_ref = k->text.data + k->shift_ref[i];
	if (batchctx_apply(k->shifts, k->nshifts, err, sizeof(err)) == -1)
		return ctl_fail("check: %s", err);
	for (i = 0; i < k->nshifts; i++) {
		k->rows[k->shift_row[i]].carry_today = k->shifts[i].today_units;
		k->rows[k->shift_row[i]].carry_week = k->shifts[i].week_units;
	}
	return 0;
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

/* One result line, as the batch export writes it. */
static int
check_line(struct buf *b, size_t index, const char *const *f,
    const struct review_outcome *oc)
{
	char	 idx[CHECK_NUMBER_LEN], date[DATE_STRLEN];
	char	 start[TIME_STRLEN], end[TIME_STRLEN];
	char	 hours[CHECK_NUMBER_LEN], nrisk[CHECK_NUMBER_LEN];
	char	 min[CHECK_NUMBER_LEN], act[CHECK_NUMBER_LEN];
	char	 diff[CHECK_NUMBER_LEN];
	int	 ok = !oc->failed, cmp = ok && oc->compared;

	snprintf(idx, sizeof(idx), "%zu", index);
	snprintf(nrisk, sizeof(nrisk), "%zu", oc->risks.n);
	if (ok) {
		date_format(oc->res.work_date, date);
		pay_hours_format(oc->res.worked_units, hours, sizeof(hours));
		pay_cents_format(oc->res.gross_cents, min, sizeof(min));
	}
	if (cmp) {
		pay_cents_format(oc->cmp.actual_cents, act, sizeof(act));
		pay_cents_format(oc->cmp.actual_cents - oc->res.gross_cents,
		    diff, sizeof(diff));
	}
	if (csvout_cell(b, idx, CSVOUT_NUMBER, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, f[UPLOAD_COL_EMPLOYEE_REF], CSVOUT_TEXT,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? oc->res.award_code :
	    f[UPLOAD_COL_AWARD_CODE], CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? oc->res.class_code :
	    f[UPLOAD_COL_CLASSIFICATION], CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? emp_type_name(oc->res.emp) :
	    f[UPLOAD_COL_EMP_TYPE], CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? date : f[UPLOAD_COL_DATE], CSVOUT_TEXT,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, time_cell(f[UPLOAD_COL_START_TIME], start),
	    CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, time_cell(f[UPLOAD_COL_END_TIME], end),
	    CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? hours : NULL, CSVOUT_NUMBER,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, row_status_name(oc->status), CSVOUT_TEXT,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, nrisk, CSVOUT_NUMBER, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, oc->max_severity < 0 ? NULL :
	    risk_severity_name(oc->max_severity), CSVOUT_TEXT,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, oc->codes, CSVOUT_TEXT, CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, ok ? min : NULL, CSVOUT_NUMBER,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, cmp ? act : NULL, CSVOUT_NUMBER,
	    CSVOUT_NEXT) == -1 ||
	    csvout_cell(b, cmp ? diff : NULL, CSVOUT_NUMBER,
	    CSVOUT_LAST) == -1)
		return -1;
	return 0;
}

static int
check_flush(struct buf *b)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return ctl_fail("check: cannot write the results");
	buf_reset(b);
	return 0;
}

/* Reviews every row in file order and writes its line. */
static int
check_review(struct check *k, const struct ruleset *rs)
{
	const char		*f[UPLOAD_COL__MAX];
	struct review_outcome	*oc;
	struct check_row	*cr;
	struct buf		 out;
	char			*fields;
	size_t			 i;
	int			 rc = 0;

	if ((oc = malloc(sizeof(*oc))) == NULL)
		return ctl_fail("check: out of memory");
	buf_init(&out, 0);
	if (buf_puts(&out, check_header) == -1)
		rc = ctl_fail("check: out of memory");
	for (i = 0; rc == 0 && i < k->n; i++) {
		cr = &k->rows[i];
		if ((fields = strdup(k->text.data + cr->fields)) == NULL ||
		    rowcodec_decode(fields, f, UPLOAD_COL__MAX) == -1) {
			free(fields);
			rc = ctl_fail("check: row %zu: out of memory", i + 1);
			break;
		}
		review_shift(rs, f, cr->carry_today, cr->carry_week,
		    cr->error == NO_ERROR ? NULL : k->text.data + cr->error,
		    oc);
		/* The export has no column for why; say it here. */
		if (oc->failed)
			fprintf(stderr, "awardctl: check: row %zu: %s\n",
			    i + 1, oc->error);
		if (check_line(&out, i + 1, f, oc) == -1)
			rc = ctl_fail("check: out of memory");
		free(fields);
		if (rc == 0 && out.len >= CHECK_FLUSH)
			rc = check_flush(&out);
	}
	if (rc == 0)
		rc = check_flush(&out);
	if (rc == 0 && fflush(stdout) != 0)
		rc = ctl_fail("check: cannot write the results");
	buf_free(&out);
	free(oc);
	return rc;
}

static void
check_free(struct check *k)
{
	free(k->rows);
	free(k->shifts);
	free(k->shift_row);
	free(k->shift_ref);
	buf_free(&k->text);
}

int
ctl_check(struct ctl *c, int argc, char **argv)
{
	struct check	 k;
	struct ruleset	*rs = NULL;
	const char	*rules = NULL;
	int		 rc;

	if (argc == 3 && strcmp(argv[0], "--rules") == 0) {
		rules = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc != 1)
		return ctl_fail("usage: check [--rules DIR] FILE.csv");
	memset(&k, 0, sizeof(k));
	buf_init(&k.text, 0);
	rc = check_read(&k, argv[0]);
	if (rc == 0)
		rc = check_context(&k);
	if (rc == 0 && (rs = ctl_ruleset(c, rules)) == NULL)
		rc = 1;
	if (rc == 0)
		rc = check_review(&k, rs);
	ruleset_free(rs);
	check_free(&k);
	return rc;
}
