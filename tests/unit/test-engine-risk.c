/*
 * Risks before and after a calculation, the pay comparison and the
 * batch row status.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/risk.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

static int
has(const struct risk_list *l, enum risk_code c)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].code == c)
			return 1;
	return 0;
}

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
pre_checks(const struct ruleset *rs)
{
	struct pay_request	 r;
	struct risk_list	 l;

	request(&r, "MA000999", "X", EMP_FULL_TIME, "2025-03-19", 540, 600,
	    0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_AWARD_NOT_ENGINE_ENABLED), "unknown award is a risk");
	is_str(l.items[0].def->severity == RISK_SEV_HIGH ? "high" : "",
	    "high", "unknown award is high");
	is_str(l.items[0].description, "Award MA000999 is not available for "
	    "deterministic calculations.", "unknown award described");

	request(&r, "MA000009", "XYZ", EMP_FULL_TIME, "2025-03-19", 540,
	    600, 0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_CLASSIFICATION_NOT_FOUND),
	    "unknown classification is a risk");

	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2020-03-19", 540,
	    600, 0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_NO_BASE_PAY_RATE), "a date before any rate");

	/* 06:00-18:00, no break: 12 h over Retail's 9 a day. */
	request(&r, "MA000004", "RE1", EMP_FULL_TIME, "2025-03-19", 360,
	    1080, 0);
	r.week_units = 30 * HOUR_UNITS;
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_SHIFT_EXCEEDS_DAILY_MAX), "12 h over the daily max");
	ok(has(&l, RISK_WEEKLY_HOURS_EXCEEDED), "30 + 12 h over 38");
	ok(has(&l, RISK_NO_BREAK_DEDUCTED), "12 h without a break");
	ok(!has(&l, RISK_MINIMUM_ENGAGEMENT_NOT_MET), "long shift meets "
	    "the minimum");
	is_int(risk_overall_level(&l), RISK_LEVEL_ELEVATED,
	    "three warnings are elevated");

	request(&r, "MA000004", "RE1", EMP_CASUAL, "2025-03-19", 540, 660,
	    0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_MINIMUM_ENGAGEMENT_NOT_MET), "2 h casual under 3 h");
	is_int(l.n, 1, "only that risk");
	is_int(risk_overall_level(&l), RISK_LEVEL_MODERATE, "one warning is "
	    "moderate");
	ok(risk_requires_review(&l), "a warning needs review");

	request(&r, "MA000003", "FF3A", EMP_FULL_TIME, "2025-03-19", 540,
	    780, 0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(has(&l, RISK_CLASSIFICATION_AMBIGUOUS), "two Fast Food level 3s");
	request(&r, "MA000002", "L1Y2", EMP_FULL_TIME, "2025-03-19", 540,
	    780, 0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	ok(!has(&l, RISK_CLASSIFICATION_AMBIGUOUS), "a Clerks pay point by "
	    "years of service is not ambiguous");
	request(&r, "MA000003", "FF1", EMP_FULL_TIME, "2025-03-19", 540,
	    780, 0);
	risk_list_init(&l);
	risk_detect_pre(rs, &r, &l);
	is_int(l.n, 0, "a clean shift has no risks");
	is_int(risk_overall_level(&l), RISK_LEVEL_LOW, "no risks is low");
	is_int(risk_max_severity(&l), -1, "no severity without risks");
}

static void
post_checks(const struct ruleset *rs)
{
	struct pay_request	 r;
	struct pay_result	 res;
	struct pay_comparison	 cmp;
	struct risk_list	 l;
	char			 err[256];

	/* Saturday RE2 2026: 7.5 h x 33.95 = 254.63 (SPEC example). */
	request(&r, "MA000004", "RE2", EMP_FULL_TIME, "2026-03-21", 540,
	    1020, 30);
	r.actual_cents = 25463;
	ok(pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK,
	    "Saturday calculates");
	risk_list_init(&l);
	risk_detect_post(&r, &res, &l, &cmp);
	is_int(l.n, 0, "paid exactly: no risks");
	is_int(cmp.difference_cents, 0, "difference 0");
	ok(!cmp.underpaid, "not underpaid");
	is_int(risk_row_status(0, &l, &cmp), ROW_OK, "row ok");

	r.actual_cents = 25462;
	risk_list_init(&l);
	risk_detect_post(&r, &res, &l, &cmp);
	ok(has(&l, RISK_UNDERPAYMENT), "one cent short is underpaid");
	is_int(cmp.shortfall_cents, 1, "shortfall one cent");
	is_int(risk_row_status(0, &l, &cmp), ROW_VIOLATION, "row violation");

	/* Paid the plain rate, 27.16 x 7.5 = 203.70: penalty missing. */
	r.actual_cents = 20370;
	risk_list_init(&l);
	risk_detect_post(&r, &res, &l, &cmp);
	ok(has(&l, RISK_PENALTY_EXPECTED_NOT_APPLIED),
	    "ordinary pay on a Saturday: penalty not applied");
	is_int(cmp.shortfall_cents, 25463 - 20370, "shortfall 50.93");

	/* Weekly overtime paid at ordinary rates: 7.5 x 27.16 = 203.70 */
	request(&r, "MA000004", "RE2", EMP_FULL_TIME, "2025-11-12", 540,
	    1020, 30);
	r.week_units = 35 * HOUR_UNITS;
	r.actual_cents = 20370;
	ok(pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK,
	    "weekly overtime calculates");
	risk_list_init(&l);
	risk_detect_post(&r, &res, &l, &cmp);
	ok(has(&l, RISK_OVERTIME_EXPECTED_NOT_APPLIED),
	    "overtime paid at ordinary rates");

	request(&r, "MA000009", "HI2", EMP_FULL_TIME, "2025-11-12", 540,
	    1020, 30);
	r.meal = 1;
	ok(pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK,
	    "meal claimed on Hospitality");
	risk_list_init(&l);
	risk_detect_post(&r, &res, &l, NULL);
	ok(has(&l, RISK_ALLOWANCE_REVIEW_NEEDED),
	    "meal allowance without data needs review");
	is_int(risk_row_status(0, &l, NULL), ROW_OK, "info alone is ok");
	is_int(risk_row_status(1, &l, NULL), ROW_ERROR, "failed row: error");
	is_str(risk_def(RISK_UNDERPAYMENT)->code, "UNDERPAYMENT", "code name");
	is_str(risk_def(RISK_MINIMUM_ENGAGEMENT_NOT_MET)->category,
	    "time_structure", "category");
	is_str(risk_def(RISK_MINIMUM_ENGAGEMENT_NOT_MET)->impact_area,
	    "base_pay", "impact area");
}

int
main(void)
{
	struct ruleset	*rs;

	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	pre_checks(rs);
	post_checks(rs);
	ruleset_free(rs);
	return tap_done();
}
