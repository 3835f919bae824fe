#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/risk.h"
#include "engine/ruleset.h"

#define MONEY_LEN		24
#define HOURS_LEN		24
#define BREAK_DUE_MINUTES	300	/* a shift over 5 hours */
#define ELEVATED_WARNINGS	2

static const struct risk_def defs[RISK__MAX] = {
	/* RISK_AWARD_NOT_ENGINE_ENABLED */
	{ "AWARD_NOT_ENGINE_ENABLED", "Award not enabled for calculation",
	  "coverage", RISK_SEV_HIGH, "high",
	  "Check the award code; calculate this shift by hand or with "
	  "rule data for the award.", "base_pay" },
	/* RISK_CLASSIFICATION_NOT_FOUND */
	{ "CLASSIFICATION_NOT_FOUND", "Classification not found",
	  "classification", RISK_SEV_HIGH, "high",
	  "Map the employee to one of the award's classifications.",
	  "base_pay" },
	/* RISK_NO_BASE_PAY_RATE */
	{ "NO_BASE_PAY_RATE", "No base pay rate", "rates", RISK_SEV_HIGH,
	  "high", "Check the work date against the rate years loaded.",
	  "base_pay" },
	/* RISK_SHIFT_EXCEEDS_DAILY_MAX */
	{ "SHIFT_EXCEEDS_DAILY_MAX", "Shift exceeds daily maximum",
	  "time_structure", RISK_SEV_WARNING, "high",
	  "Confirm the hours and that overtime is paid beyond the daily "
	  "maximum.", "overtime" },
	/* RISK_WEEKLY_HOURS_EXCEEDED */
	{ "WEEKLY_HOURS_EXCEEDED", "Weekly ordinary hours exceeded",
	  "time_structure", RISK_SEV_WARNING, "high",
	  "Confirm the week's hours and that overtime is paid beyond 38.",
	  "overtime" },
	/* RISK_NO_BREAK_DEDUCTED */
	{ "NO_BREAK_DEDUCTED", "No meal break recorded", "time_structure",
	  RISK_SEV_WARNING, "medium",
	  "Check whether an unpaid meal break was taken during the shift.",
	  "working_time" },
	/* RISK_MINIMUM_ENGAGEMENT_NOT_MET */
	{ "MINIMUM_ENGAGEMENT_NOT_MET", "Minimum engagement not met",
	  "time_structure", RISK_SEV_WARNING, "high",
	  "Pay the shift up to the award's minimum engagement.",
	  "base_pay" },
	/* RISK_CLASSIFICATION_AMBIGUOUS */
	{ "CLASSIFICATION_AMBIGUOUS", "Classification may be ambiguous",
	  "classification", RISK_SEV_WARNING, "medium",
	  "Check the duties against the award's classification "
	  "definitions.", "base_pay" },
	/* RISK_PENALTY_EXPECTED_NOT_APPLIED */
	{ "PENALTY_EXPECTED_NOT_APPLIED", "Penalty rate not applied",
	  "penalties", RISK_SEV_HIGH, "medium",
	  "Pay the weekend, public holiday or time-of-day penalty.",
	  "penalties" },
	/* RISK_OVERTIME_EXPECTED_NOT_APPLIED */
	{ "OVERTIME_EXPECTED_NOT_APPLIED", "Overtime not applied",
	  "overtime", RISK_SEV_HIGH, "medium",
	  "Pay the overtime hours at the award's overtime rates.",
	  "overtime" },
	/* RISK_ZERO_PAY_RESULT */
	{ "ZERO_PAY_RESULT", "Zero pay result", "calculation",
	  RISK_SEV_HIGH, "high",
	  "Check the shift's times and hours.", "base_pay" },
	/* RISK_ALLOWANCE_REVIEW_NEEDED */
	{ "ALLOWANCE_REVIEW_NEEDED", "Allowances need review", "allowances",
	  RISK_SEV_INFO, "medium",
	  "Check the allowances claimed against the award.", "allowances" },
	/* RISK_UNDERPAYMENT */
	{ "UNDERPAYMENT", "Underpayment", "pay", RISK_SEV_HIGH, "high",
	  "Pay the shortfall and review the employee's other shifts.",
	  "gross_pay" },
};

static const char *const severity_names[RISK_SEV__MAX] = {
	"high",		/* RISK_SEV_HIGH */
	"warning",	/* RISK_SEV_WARNING */
	"info",		/* RISK_SEV_INFO */
};

static const char *const level_names[RISK_LEVEL__MAX] = {
	"low",		/* RISK_LEVEL_LOW */
	"moderate",	/* RISK_LEVEL_MODERATE */
	"elevated",	/* RISK_LEVEL_ELEVATED */
	"high",		/* RISK_LEVEL_HIGH */
};

static const char *const row_names[ROW__MAX] = {
	"ok",		/* ROW_OK */
	"warning",	/* ROW_WARNING */
	"violation",	/* ROW_VIOLATION */
	"error",	/* ROW_ERROR */
};

const struct risk_def *
risk_def(enum risk_code c)
{
	return c < RISK__MAX ? &defs[c] : NULL;
}

const char *
risk_severity_name(enum risk_severity s)
{
	return s < RISK_SEV__MAX ? severity_names[s] : "";
}

const char *
risk_level_name(enum risk_level l)
{
	return l < RISK_LEVEL__MAX ? level_names[l] : "";
}

const char *
row_status_name(enum row_status s)
{
	return s < ROW__MAX ? row_names[s] : "";
}

void
risk_list_init(struct risk_list *l)
{
	l->n = 0;
}

static void __attribute__((format(printf, 3, 4)))
risk_add(struct risk_list *l, enum risk_code c, const char *fmt, ...)
{
	struct risk_item	*it;
	va_list			 ap;
	size_t			 i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].code == c)
			return;
	if (l->n == RISK__MAX)
		return;
	it = &l->items[l->n++];
	it->code = c;
	it->def = &defs[c];
	va_start(ap, fmt);
	vsnprintf(it->description, sizeof(it->description), fmt, ap);
	va_end(ap);
}


static void
hours_risks(const struct award *a, const struct pay_request *r,
    struct risk_list *l)
{
	const struct award_hours	*h = &a->hours[r->emp];
	const struct award_minimum	*m = &a->minimum[r->emp];
	long long			 u;
	char				 s1[HOURS_LEN], s2[HOURS_LEN];

	if ((u = pay_request_units(r)) < 0)
		return;
	if (h->day_units > 0 && u + r->today_units > h->day_units) {
		pay_hours_format(u + r->today_units, s1, sizeof(s1));
		pay_hours_format(h->day_units, s2, sizeof(s2));
		risk_add(l, RISK_SHIFT_EXCEEDS_DAILY_MAX, "%s hours in the "
		    "day; the award's daily maximum is %s (clause %s).", s1,
		    s2, h->src.clause);
	}
	if (h->week_units > 0 && u + r->week_units > h->week_units) {
		pay_hours_format(u + r->week_units, s1, sizeof(s1));
		pay_hours_format(h->week_units, s2, sizeof(s2));
		risk_add(l, RISK_WEEKLY_HOURS_EXCEEDED, "%s hours in the "
		    "week; ordinary hours are %s a week (clause %s).", s1, s2,
		    h->src.clause);
	}
	if (m->units > 0 && u < m->units) {
		pay_hours_format(u, s1, sizeof(s1));
		pay_hours_format(m->units, s2, sizeof(s2));
		risk_add(l, RISK_MINIMUM_ENGAGEMENT_NOT_MET, "A %s-hour "
		    "shift; the minimum engagement is %s hours (clause %s).",
		    s1, s2, m->src.clause);
	}
}

void
risk_detect_pre(const struct ruleset *rs, const struct pay_request *r,
    struct risk_list *l)
{
	const struct award	*a;
	const struct award_rate	*rate;
	long long		 u;
	int			 cls;
	char			 d[DATE_STRLEN];

	if ((a = ruleset_award(rs, r->award_code)) == NULL) {
		risk_add(l, RISK_AWARD_NOT_ENGINE_ENABLED, "Award %.24s is not "
		    "available for deterministic calculations.",
		    r->award_code);
		return;
	}
	if ((cls = award_class_find(a, r->class_code)) == -1)
		risk_add(l, RISK_CLASSIFICATION_NOT_FOUND, "Classification "
		    "%.24s not found for award %s.", r->class_code, a->code);
	else if (r->work_date != PAY_DATE_NONE &&
	    award_rate_at(a, cls, pay_rate_date(r), &rate) == -1) {
		date_format(pay_rate_date(r), d);
		risk_add(l, RISK_NO_BASE_PAY_RATE, "No rate for %s on %s.",
		    a->classes[cls].code, d);
	}
	if (cls != -1 && a->classes[cls].ambiguous)
		risk_add(l, RISK_CLASSIFICATION_AMBIGUOUS, "Award %s has more "
		    "than one classification at level %d; the duties decide "
		    "which applies.", a->code, a->classes[cls].level);
	if (r->emp < EMP__MAX)
		hours_risks(a, r, l);
	u = pay_request_units(r);
	if (r->total_units == PAY_NONE && r->break_min == 0 &&
	    u > BREAK_DUE_MINUTES * MINUTE_UNITS)
		risk_add(l, RISK_NO_BREAK_DEDUCTED, "A shift over 5 hours "
		    "with no unpaid break recorded.");
}

void
pay_compare(long long actual, const struct pay_result *res,
    struct pay_comparison *cmp)
{
	cmp->actual_cents = actual;
	cmp->minimum_cents = res->gross_cents;
	cmp->difference_cents = actual - res->gross_cents;
	cmp->underpaid = cmp->difference_cents <= -1;
	cmp->shortfall_cents = cmp->underpaid ? -cmp->difference_cents : 0;
}

static void
actual_risks(const struct pay_result *res, const struct pay_comparison *c,
    struct risk_list *l)
{
	char	 a[MONEY_LEN], m[MONEY_LEN], s[MONEY_LEN];

	if (!c->underpaid)
		return;
	pay_cents_format(c->actual_cents, a, sizeof(a));
	pay_cents_format(c->minimum_cents, m, sizeof(m));
	pay_cents_format(c->shortfall_cents, s, sizeof(s));
	risk_add(l, RISK_UNDERPAYMENT, "Paid $%s against a minimum of $%s: "
	    "short by $%s.", a, m, s);
	/* Paid about the plain ordinary rate: the penalties are missing. */
	if (res->has_penalty && c->actual_cents >= res->ordinary_equiv_cents -
	    1 && res->overtime_units == 0)
		risk_add(l, RISK_PENALTY_EXPECTED_NOT_APPLIED, "The pay covers "
		    "the hours at the ordinary rate ($%s) but not the "
		    "penalties.", a);
	/* Paid about everything but the overtime uplift. */
	if (res->overtime_units > 0 && c->actual_cents >= res->gross_cents -
	    res->ot_uplift_cents - 1)
		risk_add(l, RISK_OVERTIME_EXPECTED_NOT_APPLIED, "The pay "
		    "covers the hours but not the overtime rates (short "
		    "$%s).", s);
}

void
risk_detect_post(const struct pay_request *r, const struct pay_result *res,
    struct risk_list *l, struct pay_comparison *cmp)
{
	struct pay_comparison	 c;

	if (res->gross_cents == 0)
		risk_add(l, RISK_ZERO_PAY_RESULT, "The calculation came to "
		    "nothing.");
	if (res->unknown_allowances > 0)
		risk_add(l, RISK_ALLOWANCE_REVIEW_NEEDED, "%d allowance(s) "
		    "claimed that the award's rule data does not hold.",
		    res->unknown_allowances);
	else if (res->sum_cents[PAY_CAT_ALLOWANCE] > 0)
		risk_add(l, RISK_ALLOWANCE_REVIEW_NEEDED, "Allowances were "
		    "paid; weekly amounts are pro rata for the shift.");
	if (r->actual_cents == PAY_NONE)
		return;
	pay_compare(r->actual_cents, res, &c);
	if (cmp != NULL)
		*cmp = c;
	actual_risks(res, &c, l);
}

void
risk_count(const struct risk_list *l, int counts[RISK_SEV__MAX])
{
	size_t	 i;

	memset(counts, 0, RISK_SEV__MAX * sizeof(counts[0]));
	for (i = 0; i < l->n; i++)
		counts[l->items[i].def->severity]++;
}

enum risk_level
risk_overall_level(const struct risk_list *l)
{
	int	 c[RISK_SEV__MAX];

	risk_count(l, c);
	if (c[RISK_SEV_HIGH] > 0)
		return RISK_LEVEL_HIGH;
	if (c[RISK_SEV_WARNING] >= ELEVATED_WARNINGS)
		return RISK_LEVEL_ELEVATED;
	if (c[RISK_SEV_WARNING] > 0)
		return RISK_LEVEL_MODERATE;
	return RISK_LEVEL_LOW;
}

int
risk_requires_review(const struct risk_list *l)
{
	return risk_overall_level(l) >= RISK_LEVEL_MODERATE;
}

int
risk_max_severity(const struct risk_list *l)
{
	int	 c[RISK_SEV__MAX], s;

	risk_count(l, c);
	for (s = 0; s < RISK_SEV__MAX; s++)
		if (c[s] > 0)
			return s;
	return -1;
}

enum row_status
risk_row_status(int calc_failed, const struct risk_list *l,
    const struct pay_comparison *cmp)
{
	int	 c[RISK_SEV__MAX];

	if (calc_failed)
		return ROW_ERROR;
	risk_count(l, c);
	if ((cmp != NULL && cmp->underpaid) || c[RISK_SEV_HIGH] > 0)
		return ROW_VIOLATION;
	if (c[RISK_SEV_WARNING] > 0)
		return ROW_WARNING;
	return ROW_OK;
}
