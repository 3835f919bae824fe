/*
 * The calculation's error codes and messages, allowances, and what
 * the audited form records: the rules considered and the rate chain.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

static void
request(struct pay_request *r, const char *award, const char *cls,
    enum emp_type emp, const char *date, int start, int end, int brk)
{
	pay_request_init(r);
	snprintf(r->award_code, sizeof(r->award_code), "%s", award);
	snprintf(r->class_code, sizeof(r->class_code), "%s", cls);
	r->emp = emp;
	date_parse_iso(date, &r->work_date);
	r->start_min = start;
	r->end_min = end;
	r->break_min = brk;
}

static void
errors(const struct ruleset *rs)
{
	struct pay_request	 r;
	struct pay_result	 res;
	char			 err[256];

	request(&r, "MA000999", "RE1", EMP_FULL_TIME, "2025-11-12", 540,
	    600, 0);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_ERR_AWARD,
	    "unknown award code");
	is_str(err, "Award MA000999 is not available for deterministic "
	    "calculations", "unknown award message");
	request(&r, "MA000009", "XYZ", EMP_FULL_TIME, "2025-11-12", 540,
	    600, 0);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_ERR_CLASS,
	    "unknown classification code");
	is_str(err, "Classification XYZ not found for award MA000009",
	    "unknown classification message");
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2025-11-12", PAY_NONE,
	    600, 0);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_ERR_INPUT,
	    "no start time and no hours");
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2025-11-12", 540,
	    600, 60);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_ERR_INPUT,
	    "a break as long as the shift");
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2020-11-12", 540,
	    600, 0);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)),
	    PAY_ERR_NO_RATE, "a date before any rate");
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2025-11-12", 540,
	    600, 0);
	r.age = -5;
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_ERR_INPUT,
	    "a negative age");
	/* Start equal to end: a 24-hour shift, still valid. */
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2025-11-12", 540,
	    540, 60);
	is_int(pay_calculate(rs, &r, &res, err, sizeof(err)), PAY_OK,
	    "start equal to end is a full day");
	is_int(res.worked_units, 23 * HOUR_UNITS, "23 h after the break");
}

static long long
line_amount(const struct pay_result *res, const char *code)
{
	size_t	 i;

	for (i = 0; i < res->nlines; i++)
		if (strcmp(res->lines[i].code, code) == 0)
			return res->lines[i].amount_cents;
	return -1;
}

static void
allowances(const struct ruleset *rs)
{
	struct pay_request	 r;
	struct pay_result	 res;
	char			 err[256];

	/*
	 * Retail 2025, full-time, 7.5 h: first aid 1068.40 x 1.3% =
	 * 13.889 -> 13.89 a week, pro rata 13.89 x 7.5 / 38 = 2.7414 ->
	 * 2.74; laundry full-time 6.25 x 7.5 / 38 = 1.2336 -> 1.23; meal
	 * 23.59 an occasion; vehicle 12.5 km x 0.98 = 12.25.
	 */
	request(&r, "MA000004", "RE2", EMP_FULL_TIME, "2025-11-12", 540,
	    1020, 30);
	r.first_aid = r.laundry = r.meal = 1;
	snprintf(r.extra[0].code, sizeof(r.extra[0].code), "VEHICLE");
	r.extra[0].quantity = 1250;
	snprintf(r.extra[1].code, sizeof(r.extra[1].code), "NO_SUCH");
	r.nextra = 2;
	ok(pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK,
	    "allowances calculate");
	is_int(line_amount(&res, "FIRST_AID"), 274, "first aid pro rata");
	is_int(line_amount(&res, "LAUNDRY_FT"), 123, "laundry pro rata");
	is_int(line_amount(&res, "MEAL"), 2359, "meal allowance 2025");
	is_int(line_amount(&res, "VEHICLE"), 1225, "12.5 km");
	is_int(res.unknown_allowances, 1, "unknown code counted");
	is_int(res.sum_cents[PAY_CAT_ALLOWANCE], 274 + 123 + 2359 + 1225,
	    "allowance sum");
	/* 27.16 x 7.5 = 203.70 plus allowances. */
	is_int(res.gross_cents, 20370 + 274 + 123 + 2359 + 1225, "gross");

	/* Casual laundry is per shift: 1.25. */
	request(&r, "MA000004", "RE2", EMP_CASUAL, "2025-11-12", 540,
	    1020, 30);
	r.laundry = 1;
	ok(pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK,
	    "casual laundry calculates");
	is_int(line_amount(&res, "LAUNDRY"), 125, "casual laundry a shift");
	is_int(line_amount(&res, "LAUNDRY_FT"), -1, "not the full-time one");
}

static const struct pay_trace *
trace_find(const struct pay_audit *au, const char *table, const char *d)
{
	size_t	 i;

	for (i = 0; i < au->ntrace; i++)
		if (strcmp(au->trace[i].table, table) == 0 &&
		    strstr(au->trace[i].description, d) != NULL)
			return &au->trace[i];
	return NULL;
}

static void
audit(const struct ruleset *rs)
{
	static struct pay_audit	 au;
	struct pay_request	 r;
	struct pay_result	 res;
	const struct pay_trace	*t;
	char			 err[256];

	/* Retail junior 17, Wednesday 17:00-20:00: evening from 18:00. */
	request(&r, "MA000004", "RE3", EMP_PART_TIME, "2025-11-12", 1020,
	    1200, 0);
	r.age = 17;
	ok(pay_calculate_audited(rs, &r, &res, &au, err, sizeof(err)) ==
	    PAY_OK, "audited calculation");
	is_int(au.adult_weekly_cents, 104800, "adult weekly 1048.00");
	is_int(au.junior_percent, 6000, "junior 60%%");
	/* 1048.00 x 60% = 628.80; / 38 = 16.547 -> 16.55. */
	is_int(au.weekly_cents, 62880, "junior weekly 628.80");
	is_int(au.hourly_cents, 1655, "hourly 16.55");
	is_str(au.rate_path, "junior", "rate path");
	is_str(au.pay_mode, "times", "pay mode");
	is_str(au.data_version, "2025-07-01.1", "rule data version");
	t = trace_find(&au, "penalty", "after 6.00 pm");
	ok(t != NULL && t->status == TRACE_APPLIED, "evening applied");
	t = trace_find(&au, "penalty", "Ordinary hours");
	ok(t != NULL && t->status == TRACE_APPLIED,
	    "ordinary applied before 6 pm");
	ok(t != NULL && strcmp(t->clause, "22.1") == 0, "clause recorded");
	t = trace_find(&au, "minimum", "Minimum");
	ok(t != NULL && t->status == TRACE_SKIPPED, "3 h meets the minimum");
	t = trace_find(&au, "junior", "Junior");
	ok(t != NULL && t->status == TRACE_APPLIED, "junior applied");
	/* 16.55 x 1 = 16.55; 125% 20.6875 -> 20.69 x 2 = 41.38. */
	is_int(res.gross_cents, 1655 + 4138, "junior evening gross 57.93");

	/* Fri 19:00 casual shiftworker: the start-time rule supersedes. */
	request(&r, "MA000004", "RE1", EMP_CASUAL, "2025-11-14", 1140, 1380,
	    0);
	r.worker = WORKER_SHIFT;
	ok(pay_calculate_audited(rs, &r, &res, &au, err, sizeof(err)) ==
	    PAY_OK, "shiftworker calculation");
	t = trace_find(&au, "penalty", "casual shiftworker, loading");
	ok(t != NULL && t->status == TRACE_SUPERSEDED && t->superseded_by > 0,
	    "base rate superseded by the evening shift rate");
}

int
main(void)
{
	struct ruleset	*rs;

	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	errors(rs);
	allowances(rs);
	audit(rs);
	ruleset_free(rs);
	return tap_done();
}
