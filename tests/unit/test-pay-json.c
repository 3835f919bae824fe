/*
 * The pay result as JSON: field names and order as the contract shows
 * them, money printed with two decimals from the integers, hours with
 * at most four, the audited form's fields and the risk envelope.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "common/datetime.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/risk.h"
#include "engine/risk_json.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

#define BODY_MAX	1024

static const char *const result_keys[] = {
	"award_code", "award_title", "classification_code",
	"classification_label", "employment_type", "worker_type",
	"work_date", "day_classification", "rates_effective_from",
	"base_weekly_rate", "base_hourly_rate", "hours_worked",
	"ordinary_hours", "overtime_hours", "paid_hours", "line_items",
	"ordinary_pay", "penalty_pay", "overtime_pay", "allowance_pay",
	"minimum_engagement_pay", "gross_pay", "warnings", NULL
};

static const char *const line_keys[] = {
	"category", "code", "description", "start", "end", "hours",
	"percent", "rate", "amount", "clause", NULL
};

static const char *const audit_keys[] = {
	"engine_version", "version", "rate", "rules_considered",
	"rules_applied", "rounding_applied", "day_classification",
	"rate_path", "pay_mode", NULL
};

static const char *const envelope_keys[] = {
	"risks", "overall_risk_level", "requires_manual_review",
	"total_risks_detected", "risk_counts_by_severity", "risk_text",
	"detection_mode", "deterministic", NULL
};

/* The keys of o are exactly want, in that order. */
static int
keys_are(json_object *o, const char *const *want)
{
	size_t	 i = 0;

	json_object_object_foreach(o, k, v) {
		(void)v;
		if (want[i] == NULL || strcmp(k, want[i]) != 0) {
			printf("#   key %zu: got %s, want %s\n", i, k,
			    want[i] != NULL ? want[i] : "(end)");
			return 0;
		}
		i++;
	}
	return want[i] == NULL;
}

/* The printed JSON text of key in o. */
static const char *
text_of(json_object *o, const char *key)
{
	json_object	*v;

	if (!json_object_object_get_ex(o, key, &v))
		return "(absent)";
	return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
}

static int
calc(const struct ruleset *rs, const char *body, struct pay_request *req,
    struct pay_result *res, struct pay_audit *au)
{
	struct input_errors	 errs;
	json_object		*o;
	char			 err[256];
	int			 rc;

	o = json_tokener_parse(body);
	rc = input_from_json(o, req, &errs);
	json_object_put(o);
	if (rc != 0) {
		printf("# input refused: %s %s\n", errs.e[0].field,
		    errs.e[0].msg);
		return -1;
	}
	if (pay_calculate_audited(rs, req, res, au, err, sizeof(err)) !=
	    PAY_OK) {
		printf("# %s\n", err);
		return -1;
	}
	return 0;
}

static void
test_values(void)
{
	struct { long long cents; const char *text; } money[] = {
		{ 25463, "254.63" }, { 0, "0.00" }, { 19500, "195.00" },
		{ 5, "0.05" }, { -1234, "-12.34" }, { 103200, "1032.00" },
	};
	struct { long long units; const char *text; } hours[] = {
		{ 7 * HOUR_UNITS + HOUR_UNITS / 2, "7.5" }, { 0, "0" },
		{ HOUR_UNITS / 3, "0.3333" }, { 38 * HOUR_UNITS, "38" },
	};
	json_object	*v;
	size_t		 i;

	for (i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
		v = pay_json_money(money[i].cents);
		is_str(json_object_to_json_string(v), money[i].text,
		    "money %lld cents", money[i].cents);
		json_object_put(v);
	}
	for (i = 0; i < sizeof(hours) / sizeof(hours[0]); i++) {
		v = pay_json_hours(hours[i].units);
		is_str(json_object_to_json_string(v), hours[i].text,
		    "hours: %lld units", hours[i].units);
		json_object_put(v);
	}
	v = pay_json_percent(11250);
	is_str(json_object_to_json_string(v), "112.5", "percent 112.5");
	json_object_put(v);
	v = pay_json_percent(12500);
	is_str(json_object_to_json_string(v), "125", "percent 125");
	json_object_put(v);
	ok(pay_json_date(PAY_DATE_NONE) == NULL, "no date is null");
}

static void
test_result(const struct ruleset *rs)
{
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_audit	 au;
	struct pay_json_version	 ver = { 7 };
	json_object		*o, *line, *a;

	if (calc(rs, "{\"award_code\": \"MA000004\", \"classification_code\":"
	    " \"RE2\", \"employment_type\": \"full_time\", \"work_date\": "
	    "\"2026-03-21\", \"start_time\": \"09:00\", \"end_time\": "
	    "\"17:00\", \"unpaid_break_minutes\": 30}", &req, &res, &au)
	    == -1) {
		ok(0, "the contract's example calculates");
		return;
	}
	o = pay_json_result(&res, NULL);
	ok(keys_are(o, result_keys), "pay result keys in order");
	is_str(text_of(o, "award_code"), "\"MA000004\"", "award_code");
	is_str(text_of(o, "day_classification"), "\"saturday\"", "saturday");
	is_str(text_of(o, "rates_effective_from"), "\"2025-07-01\"",
	    "rates_effective_from");
	is_str(text_of(o, "base_weekly_rate"), "1032.00", "weekly rate");
	is_str(text_of(o, "base_hourly_rate"), "27.16", "hourly rate");
	is_str(text_of(o, "hours_worked"), "7.5", "hours worked");
	is_str(text_of(o, "overtime_hours"), "0", "overtime hours");
	is_str(text_of(o, "penalty_pay"), "254.63", "penalty pay");
	is_str(text_of(o, "gross_pay"), "254.63", "gross pay");
	is_str(text_of(o, "ordinary_pay"), "0.00", "ordinary pay");
	json_object_object_get_ex(o, "line_items", &a);
	is_int(json_object_array_length(a), 1, "one line");
	line = json_object_array_get_idx(a, 0);
	ok(keys_are(line, line_keys), "line item keys in order");
	is_str(json_object_to_json_string_ext(line, JSON_C_TO_STRING_PLAIN),
	    "{\"category\":\"penalty\",\"code\":\"SATURDAY\","
	    "\"description\":\"Saturday ordinary hours\",\"start\":\"09:00\","
	    "\"end\":\"17:00\",\"hours\":7.5,\"percent\":125,\"rate\":33.95,"
	    "\"amount\":254.63,\"clause\":\"22.1\"}",
	    "the contract's line item, to the character");
	json_object_put(o);

	o = json_object_new_object();
	pay_json_audit_add(o, &res, &au, &ver);
	ok(keys_are(o, audit_keys), "audited form keys in order");
	is_str(text_of(json_object_object_get(o, "version"),
	    "rule_data_version_id"), "7", "rule data version id");
	is_str(text_of(json_object_object_get(o, "version"), "rate_year"),
	    "2025", "rate year");
	is_str(text_of(json_object_object_get(o, "rate"),
	    "hourly_rate_exact"), "\"27.157894...\"", "exact hourly rate");
	is_str(text_of(o, "rate_path"), "\"adult\"", "rate path");
	is_str(text_of(o, "pay_mode"), "\"times\"", "pay mode");
	json_object_object_get_ex(o, "rounding_applied", &a);
	is_int(json_object_array_length(a), 3,
	    "rounding: hourly rate, line rate, line amount");
	is_str(text_of(json_object_array_get_idx(a, 1), "rounded"), "33.95",
	    "line rate rounded");
	is_str(text_of(json_object_array_get_idx(a, 2), "exact"),
	    "\"254.625000\"", "line amount exact");
	json_object_object_get_ex(o, "rules_applied", &a);
	ok(json_object_array_length(a) > 0, "rules applied listed");
	json_object_put(o);
}

static void
test_comparison(const struct ruleset *rs)
{
	struct pay_request	 req;
	struct pay_result	 res;
	struct pay_audit	 au;
	struct pay_comparison	 cmp;
	struct risk_list	 risks;
	json_object		*o;

	if (calc(rs, "{\"award_code\": \"MA000004\", \"classification_code\":"
	    " \"RE2\", \"employment_type\": \"full_time\", \"work_date\": "
	    "\"2026-03-21\", \"start_time\": \"09:00\", \"end_time\": "
	    "\"17:00\", \"unpaid_break_minutes\": 30, \"actual_pay\": 200}",
	    &req, &res, &au) == -1) {
		ok(0, "an underpaid shift calculates");
		return;
	}
	risk_list_init(&risks);
	risk_detect_post(&req, &res, &risks, &cmp);
	o = pay_json_result(&res, &cmp);
	is_str(text_of(o, "pay_comparison"), "{\"actual_pay\":200.00,"
	    "\"minimum_pay\":254.63,\"difference\":-54.63,\"underpaid\":true,"
	    "\"shortfall\":54.63}", "pay comparison");
	json_object_put(o);

	o = risk_json_envelope(&risks, "post_calc");
	ok(keys_are(o, envelope_keys), "risk envelope keys in order");
	is_str(text_of(o, "detection_mode"), "\"post_calc\"", "mode");
	is_str(text_of(o, "deterministic"), "true", "deterministic");
	ok(strstr(text_of(o, "risks"), "\"UNDERPAYMENT\"") != NULL,
	    "underpayment is a risk");
	ok(strstr(text_of(o, "risk_text"), "high") != NULL,
	    "risk text counts severities");
	json_object_put(o);

	risk_list_init(&risks);
	o = risk_json_envelope(&risks, "pre_calc");
	is_str(text_of(o, "total_risks_detected"), "0", "no risks");
	is_str(text_of(o, "overall_risk_level"), "\"low\"", "low");
	is_str(text_of(o, "risk_text"), "\"No compliance risks detected.\"",
	    "risk text without risks");
	json_object_put(o);
}

int
main(void)
{
	struct ruleset	*rs;

	test_values();
	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	test_result(rs);
	test_comparison(rs);
	ruleset_free(rs);
	return tap_done();
}
