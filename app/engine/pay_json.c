#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/risk.h"

#define NUM_TEXT_LEN		32
#define EXACT_TEXT_LEN		48
#define CENTS_PER_DOLLAR	100
/* "Exact" figures of the audit are shown to the millionth of a dollar. */
#define EXACT_SCALE		10000LL		/* cents to millionths */
#define EXACT_DIGITS		6
#define MILLION			1000000LL
#define RATE_YEAR_MONTH		7		/* rate years start 1 July */

json_object *
pay_json_money(long long cents)
{
	char	 text[NUM_TEXT_LEN];

	pay_cents_format(cents, text, sizeof(text));
	return json_object_new_double_s((double)cents / CENTS_PER_DOLLAR,
	    text);
}

json_object *
pay_json_hours(long long units)
{
	char	 text[NUM_TEXT_LEN];

	pay_hours_format(units, text, sizeof(text));
	return json_object_new_double_s((double)units / HOUR_UNITS, text);
}

json_object *
pay_json_percent(int percent)
{
	char	 text[NUM_TEXT_LEN];

	pay_percent_format(percent, text, sizeof(text));
	return json_object_new_double_s((double)percent / PERCENT_SCALE,
	    text);
}

json_object *
pay_json_date(int day)
{
	char	 d[DATE_STRLEN];

	if (day == PAY_DATE_NONE)
		return NULL;
	date_format(day, d);
	return json_object_new_string(d);
}

/* A string, or null for NULL or "". */
static json_object *
str_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? json_object_new_string(s) : NULL;
}

static void
add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static json_object *
line_json(const struct pay_line *l)
{
	json_object	*o = json_object_new_object();

	add(o, "category", json_object_new_string(
	    pay_category_name(l->category)));
	add(o, "code", str_or_null(l->code));
	add(o, "description", str_or_null(l->description));
	add(o, "start", str_or_null(l->start));
	add(o, "end", str_or_null(l->end));
	add(o, "hours", pay_json_hours(l->units));
	add(o, "percent", l->percent != 0 ? pay_json_percent(l->percent) :
	    NULL);
	add(o, "rate", pay_json_money(l->rate_cents));
	add(o, "amount", pay_json_money(l->amount_cents));
	add(o, "clause", str_or_null(l->clause));
	return o;
}

json_object *
pay_json_comparison(const struct pay_comparison *cmp)
{
	json_object	*o = json_object_new_object();

	add(o, "actual_pay", pay_json_money(cmp->actual_cents));
	add(o, "minimum_pay", pay_json_money(cmp->minimum_cents));
	add(o, "difference", pay_json_money(cmp->difference_cents));
	add(o, "underpaid", json_object_new_boolean(cmp->underpaid));
	add(o, "shortfall", pay_json_money(cmp->shortfall_cents));
	return o;
}

json_object *
pay_json_result(const struct pay_result *res,
    const struct pay_comparison *cmp)
{
	json_object	*o, *a;
	size_t		 i;

	o = json_object_new_object();
	add(o, "award_code", json_object_new_string(res->award_code));
	add(o, "award_title", json_object_new_string(res->award_title));
	add(o, "classification_code", json_object_new_string(res->class_code));
	add(o, "classification_label",
	    json_object_new_string(res->class_label));
	add(o, "employment_type", json_object_new_string(
	    emp_type_name(res->emp)));
	add(o, "worker_type", json_object_new_string(
	    worker_type_name(res->worker)));
	add(o, "work_date", pay_json_date(res->work_date));
	add(o, "day_classification", json_object_new_string(
	    pay_day_name(res->day)));
	add(o, "rates_effective_from", pay_json_date(res->rates_from));
	add(o, "base_weekly_rate", pay_json_money(res->base_weekly_cents));
	add(o, "base_hourly_rate", pay_json_money(res->base_hourly_cents));
	add(o, "hours_worked", pay_json_hours(res->worked_units));
	add(o, "ordinary_hours", pay_json_hours(res->ordinary_units));
	add(o, "overtime_hours", pay_json_hours(res->overtime_units));
	add(o, "paid_hours", pay_json_hours(res->paid_units));

	a = json_object_new_array();
	for (i = 0; i < res->nlines; i++)
		json_object_array_add(a, line_json(&res->lines[i]));
	add(o, "line_items", a);

	add(o, "ordinary_pay", pay_json_money(
	    res->sum_cents[PAY_CAT_ORDINARY]));
	add(o, "penalty_pay", pay_json_money(res->sum_cents[PAY_CAT_PENALTY]));
	add(o, "overtime_pay", pay_json_money(
	    res->sum_cents[PAY_CAT_OVERTIME]));
	add(o, "allowance_pay", pay_json_money(
	    res->sum_cents[PAY_CAT_ALLOWANCE]));
	add(o, "minimum_engagement_pay", pay_json_money(
	    res->sum_cents[PAY_CAT_MINIMUM_ENGAGEMENT]));
	add(o, "gross_pay", pay_json_money(res->gross_cents));

	a = json_object_new_array();
	for (i = 0; i < res->nwarnings; i++)
		json_object_array_add(a,
		    json_object_new_string(res->warnings[i]));
	add(o, "warnings", a);
	if (cmp != NULL)
		add(o, "pay_comparison", pay_json_comparison(cmp));
	return o;
}

/*
 * num / den cents as dollars to the millionth ("27.157894"), and "..."
 * when that is not the whole of it.
 */
static void
exact_text(long long num, long long den, char *out, size_t outlen)
{
	long long	 q, r;

	q = num * EXACT_SCALE / den;
	r = num * EXACT_SCALE % den;
	snprintf(out, outlen, "%lld.%0*lld%s", q / MILLION, EXACT_DIGITS,
	    q % MILLION, r != 0 ? "..." : "");
}

static json_object *
rounding_step(const char *step, const char *how, long long num,
    long long den, long long rounded)
{
	json_object	*o = json_object_new_object();
	char		 text[EXACT_TEXT_LEN];

	exact_text(num, den, text, sizeof(text));
	add(o, "step", json_object_new_string(step));
	add(o, "calculation", json_object_new_string(how));
	add(o, "exact", json_object_new_string(text));
	add(o, "rounded", pay_json_money(rounded));
	add(o, "method", json_object_new_string("half_up_to_the_cent"));
	return o;
}

static json_object *
rounding_json(const struct pay_result *res, const struct pay_audit *au)
{
	const struct pay_line	*l;
	json_object		*a;
	char			 step[EXACT_TEXT_LEN + RULE_CODE_LEN];
	char			 how[EXACT_TEXT_LEN * 2];
	char			 m[NUM_TEXT_LEN], h[NUM_TEXT_LEN];
	size_t			 i;

	a = json_object_new_array();
	if (au->junior_percent > 0) {
		pay_cents_format(au->adult_weekly_cents, m, sizeof(m));
		pay_percent_format(au->junior_percent, h, sizeof(h));
		snprintf(how, sizeof(how), "%s x %s%%", m, h);
		json_object_array_add(a, rounding_step("junior_weekly_rate",
		    how, au->adult_weekly_cents * au->junior_percent,
		    PERCENT_WHOLE, au->weekly_cents));
	}
	pay_cents_format(au->weekly_cents, m, sizeof(m));
	snprintf(how, sizeof(how), "%s / %d", m, RATE_WEEK_HOURS);
	json_object_array_add(a, rounding_step("hourly_rate", how,
	    au->hourly_exact_num, au->hourly_exact_den, au->hourly_cents));

	for (i = 0; i < res->nlines; i++) {
		l = &res->lines[i];
		if (l->percent != 0) {
			pay_cents_format(res->base_hourly_cents, m, sizeof(m));
			pay_percent_format(l->percent, h, sizeof(h));
			snprintf(step, sizeof(step), "%s rate",
			    l->code != NULL ? l->code : "line");
			snprintf(how, sizeof(how), "%s x %s%%", m, h);
			json_object_array_add(a, rounding_step(step, how,
			    res->base_hourly_cents * l->percent,
			    PERCENT_WHOLE, l->rate_cents));
		}
		if (l->units == 0)
			continue;
		pay_cents_format(l->rate_cents, m, sizeof(m));
		pay_hours_format(l->units, h, sizeof(h));
		snprintf(step, sizeof(step), "%s amount",
		    l->code != NULL ? l->code : "line");
		snprintf(how, sizeof(how), "%s x %s h", m, h);
		json_object_array_add(a, rounding_step(step, how,
		    l->rate_cents * l->units, HOUR_UNITS, l->amount_cents));
	}
	return a;
}

static json_object *
rate_json(const struct pay_result *res, const struct pay_audit *au)
{
	json_object	*o = json_object_new_object();
	char		 text[EXACT_TEXT_LEN];

	add(o, "rate_lookup_date", pay_json_date(au->rate_lookup_date));
	add(o, "rates_effective_from", pay_json_date(res->rates_from));
	add(o, "adult_weekly_rate", pay_json_money(au->adult_weekly_cents));
	add(o, "junior_age", au->junior_percent > 0 ?
	    json_object_new_int(au->junior_age) : NULL);
	add(o, "junior_percent", au->junior_percent > 0 ?
	    pay_json_percent(au->junior_percent) : NULL);
	add(o, "weekly_rate", pay_json_money(au->weekly_cents));
	add(o, "hours_per_week", json_object_new_int(RATE_WEEK_HOURS));
	exact_text(au->hourly_exact_num, au->hourly_exact_den, text,
	    sizeof(text));
	add(o, "hourly_rate_exact", json_object_new_string(text));
	add(o, "hourly_rate", pay_json_money(au->hourly_cents));
	return o;
}

static json_object *
trace_json(const struct pay_trace *t)
{
	json_object	*o = json_object_new_object(), *c;

	add(o, "rule_table", json_object_new_string(t->table));
	add(o, "rule_id", json_object_new_int(t->rule_id));
	add(o, "rule_description", str_or_null(t->description));
	add(o, "priority", json_object_new_int(t->priority));
	add(o, "status", json_object_new_string(
	    pay_trace_status_name(t->status)));
	add(o, "reason", str_or_null(t->reason));
	add(o, "superseded_by", t->superseded_by != 0 ?
	    json_object_new_int(t->superseded_by) : NULL);
	c = json_object_new_array();
	if (t->clause != NULL && *t->clause != '\0')
		json_object_array_add(c, json_object_new_string(t->clause));
	add(o, "source_clauses", c);
	return o;
}

/* The year starting 1 July in which day falls. */
static int
rate_year(int day)
{
	int	 y, m, d;

	date_to_civil(day, &y, &m, &d);
	return m >= RATE_YEAR_MONTH ? y : y - 1;
}

static json_object *
version_json(const struct pay_result *res, const struct pay_audit *au,
    const struct pay_json_version *v)
{
	json_object	*o = json_object_new_object();

	add(o, "rule_data_version_id", v != NULL &&
	    v->rule_data_version != 0 ?
	    json_object_new_int64((int64_t)v->rule_data_version) : NULL);
	add(o, "award_rules_version", str_or_null(au->data_version));
	add(o, "rate_year", json_object_new_int(rate_year(res->rates_from)));
	add(o, "rates_effective_from", pay_json_date(res->rates_from));
	return o;
}

void
pay_json_audit_add(json_object *o, const struct pay_result *res,
    const struct pay_audit *au, const struct pay_json_version *v)
{
	json_object	*all, *applied;
	size_t		 i;

	add(o, "engine_version", json_object_new_string(PAY_ENGINE_VERSION));
	add(o, "version", version_json(res, au, v));
	add(o, "rate", rate_json(res, au));
	all = json_object_new_array();
	applied = json_object_new_array();
	for (i = 0; i < au->ntrace; i++) {
		json_object_array_add(all, trace_json(&au->trace[i]));
		if (au->trace[i].status == TRACE_APPLIED)
			json_object_array_add(applied,
			    trace_json(&au->trace[i]));
	}
	add(o, "rules_considered", all);
	add(o, "rules_applied", applied);
	add(o, "rounding_applied", rounding_json(res, au));
	add(o, "day_classification", json_object_new_string(
	    pay_day_name(res->day)));
	add(o, "rate_path", str_or_null(au->rate_path));
	add(o, "pay_mode", str_or_null(au->pay_mode));
}
