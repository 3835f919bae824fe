/*
 * The batch context: an employee's shifts are ordered by date and
 * start and carry the day's and the week's hours to the next, so
 * overtime that no single row shows is found.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/batchctx.h"
#include "engine/pay.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

#define BIG_ROWS	50000
#define BIG_EMPLOYEES	500

static void
shift(struct pay_request *r, const char *date, int start, int end)
{
	pay_request_init(r);
	snprintf(r->award_code, sizeof(r->award_code), "MA000004");
	snprintf(r->class_code, sizeof(r->class_code), "RE2");
	date_parse_iso(date, &r->work_date);
	r->start_min = start;
	r->end_min = end;
}

/* Runs the context over requests, as an upload does. */
static int
apply(struct pay_request *req, const char *const *refs, size_t n)
{
	struct batch_shift	*rows;
	char			 err[128];
	size_t			 i;
	int			 rc;

	if ((rows = calloc(n, sizeof(*rows))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		batchctx_shift(&rows[i], refs[i], &req[i]);
	rc = batchctx_apply(rows, n, err, sizeof(err));
	for (i = 0; i < n; i++)
		batchctx_request(&rows[i], &req[i]);
	free(rows);
	return rc;
}

static void
small_batch(const struct ruleset *rs)
{
	static const char *const refs[6] =
	    { "E1", "E1", "E1", "E1", "E1", "E1" };
	struct pay_request	 req[6];
	struct pay_result	 res;
	char			 err[128];

	/* Rows out of order: Thu, Mon, Tue, Wed (two), next Monday. */
	shift(&req[0], "2025-11-13", 540, 1110);	/* Thu 9-18:30 */
	shift(&req[1], "2025-11-10", 540, 1110);	/* Mon */
	shift(&req[2], "2025-11-11", 540, 1110);	/* Tue */
	shift(&req[3], "2025-11-12", 780, 1110);	/* Wed 13-18:30 */
	shift(&req[4], "2025-11-12", 420, 720);		/* Wed 7-12 */
	shift(&req[5], "2025-11-17", 540, 1110);	/* next Mon */
	ok(apply(req, refs, 6) == 0, "context applied");
	is_int(req[1].week_units, 0, "Monday starts the week");
	is_int(req[2].week_units, 9.5 * HOUR_UNITS, "Tuesday after 9.5 h");
	is_int(req[4].week_units, 19 * HOUR_UNITS, "Wed morning after 19 h");
	is_int(req[4].today_units, 0, "Wed morning first that day");
	is_int(req[3].today_units, 5 * HOUR_UNITS, "Wed afternoon after 5 h");
	is_int(req[3].week_units, 24 * HOUR_UNITS, "Wed afternoon after 24 h");
	is_int(req[0].week_units, 29.5 * HOUR_UNITS, "Thursday after 29.5 h");
	is_int(req[5].week_units, 0, "next week starts again");

	/*
	 * Wednesday afternoon: 5 h worked that day, 9 h maximum: 4 h
	 * ordinary, then 1.5 h overtime (no single row shows it).
	 */
	ok(pay_calculate(rs, &req[3], &res, err, sizeof(err)) == PAY_OK,
	    "Wednesday afternoon calculates");
	is_int(res.overtime_units, 1.5 * HOUR_UNITS,
	    "daily overtime found across rows");
	/* Thursday: 29.5 + 9.5 = 39 h: the last hour is weekly overtime. */
	ok(pay_calculate(rs, &req[0], &res, err, sizeof(err)) == PAY_OK,
	    "Thursday calculates");
	is_int(res.overtime_units, 1 * HOUR_UNITS,
	    "weekly overtime found across rows");
}

static void
refs_apart(void)
{
	static const char *const refs[3] = { "A", "B", "" };
	struct pay_request	 req[3];

	shift(&req[0], "2025-11-10", 540, 1110);
	shift(&req[1], "2025-11-10", 1140, 1260);
	shift(&req[2], "2025-11-10", 1140, 1260);
	ok(apply(req, refs, 3) == 0, "applied");
	is_int(req[1].today_units, 0, "another employee carries nothing");
	is_int(req[2].today_units, 0, "no employee ref carries nothing");
}

/* 50,000 rows of 500 employees, in reverse order. */
static void
big_batch(void)
{
	struct pay_request	*req;
	struct batch_shift	*rows;
	char			 err[128], (*refs)[16];
	double			 t0;
	size_t			 i;
	int			 base, bad = 0;

	req = calloc(BIG_ROWS, sizeof(*req));
	rows = calloc(BIG_ROWS, sizeof(*rows));
	refs = calloc(BIG_EMPLOYEES, sizeof(*refs));
	if (req == NULL || rows == NULL || refs == NULL) {
		ok(0, "memory for the big batch");
		return;
	}
	base = date_from_civil(2025, 7, 7);	/* a Monday */
	for (i = 0; i < BIG_EMPLOYEES; i++)
		snprintf(refs[i], sizeof(refs[i]), "EMP%04zu", i);
	for (i = 0; i < BIG_ROWS; i++) {
		shift(&req[i], "2025-07-07", 540, 1020);
		req[i].work_date = base + (int)((BIG_ROWS - 1 - i) /
		    BIG_EMPLOYEES);
		batchctx_shift(&rows[i], refs[i % BIG_EMPLOYEES], &req[i]);
	}
	t0 = clock_ms();
	ok(batchctx_apply(rows, BIG_ROWS, err, sizeof(err)) == 0,
	    "50,000 rows applied");
	printf("# 50,000 rows ordered in %.1f ms\n", clock_ms() - t0);
	for (i = 0; i < BIG_ROWS; i++)
		batchctx_request(&rows[i], &req[i]);
	for (i = 0; i < BIG_ROWS; i++)
		if (req[i].week_units != (long long)date_weekday(
		    req[i].work_date) * 8 * HOUR_UNITS)
			bad++;
	is_int(bad, 0, "every row carries its week's earlier days");
	free(req);
	free(rows);
	free(refs);
}

int
main(void)
{
	struct ruleset	*rs;

	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	small_batch(rs);
	refs_apart();
	big_batch();
	ruleset_free(rs);
	return tap_done();
}
