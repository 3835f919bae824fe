/*
 * The pay engine's results as the contract's JSON (SPEC.md, "Calculate
 * pay"): the pay result and its audited form.  Money is a JSON number
 * printed with exactly two decimals ("254.63", "0.00"), hours with at
 * most four, percentages as numbers ("125", "112.5"); the printed text
 * comes from the integers, never from floating point.  Every function
 * returns a new object that the caller owns (json_object_put).
 */
#ifndef AWARD_PAY_JSON_H
#define AWARD_PAY_JSON_H

#include <json-c/json.h>

#include "engine/pay.h"
#include "engine/risk.h"

/* Values. */
json_object	*pay_json_money(long long cents);
json_object	*pay_json_hours(long long units);
json_object	*pay_json_percent(int percent);
/* "YYYY-MM-DD", or null for PAY_DATE_NONE. */
json_object	*pay_json_date(int day);

/*
 * The pay result, fields in the contract's order; with cmp (may be
 * NULL) a "pay_comparison" object follows the warnings.
 */
json_object	*pay_json_result(const struct pay_result *,
		    const struct pay_comparison *cmp);

/* The comparison of what was paid with the minimum. */
json_object	*pay_json_comparison(const struct pay_comparison *);

/* What the audited form says about the rule data it used. */
struct pay_json_version {
	unsigned long long	 rule_data_version;	/* 0: unknown */
};

/*
 * The audited form's own fields, added to o in the contract's order
 * after "pay_result", "audit_id" and "calculated_at", which the caller
 * adds: engine_version, version, rate, rules_considered,
 * rules_applied, rounding_applied, day_classification, rate_path,
 * pay_mode.
 */
void		 pay_json_audit_add(json_object *o, const struct pay_result *,
		    const struct pay_audit *, const struct pay_json_version *);

#endif
