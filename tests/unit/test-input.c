/*
 * The request of one shift: the field setter shared by JSON bodies and
 * CSV rows, the JSON front's type checks, and every refusal the
 * contract asks for, with its field and message.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "common/datetime.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "tap.h"

#define BODY_MAX	2048

static const char base[] =
    "\"award_code\": \"MA000004\", \"classification_code\": \"RE2\", "
    "\"employment_type\": \"full_time\", \"work_date\": \"2026-03-21\"";

static struct pay_request	 req;
static struct input_errors	 errs;

/* Reads {base, extra} (or only extra when extra starts with '!'). */
static int
from_json(const char *extra)
{
	char		 text[BODY_MAX];
	json_object	*o;
	int		 rc;

	if (extra[0] == '!')
		snprintf(text, sizeof(text), "{%s}", extra + 1);
	else
		snprintf(text, sizeof(text), "{%s%s%s}", base,
		    extra[0] != '\0' ? ", " : "", extra);
	if ((o = json_tokener_parse(text)) == NULL) {
		printf("# bad test JSON: %s\n", text);
		return -2;
	}
	rc = input_from_json(o, &req, &errs);
	json_object_put(o);
	return rc;
}

/* The message given for field, or NULL. */
static const char *
msg_of(const char *field)
{
	size_t	 i;

	for (i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, field) == 0)
			return errs.e[i].msg;
	return NULL;
}

/* One JSON body that must be refused with field: msg. */
static void
refused(const char *extra, const char *field, const char *msg)
{
	int	 rc = from_json(extra);

	is_int(rc, -1, "refused: %s", extra);
	is_str(msg_of(field), msg, "  %s: %s", field, msg);
}

static void
test_valid(void)
{
	int	 day;

	is_int(from_json("\"start_time\": \"09:00\", \"end_time\": \"17:00\", "
	    "\"unpaid_break_minutes\": 30"), 0, "the contract's example");
	is_int(errs.n, 0, "no errors");
	is_str(req.award_code, "MA000004", "award code");
	is_str(req.class_code, "RE2", "classification code");
	is_int(req.emp, EMP_FULL_TIME, "full time");
	is_int(req.worker, WORKER_NON_SHIFT, "worker type defaults");
	date_parse_iso("2026-03-21", &day);
	is_int(req.work_date, day, "work date");
	is_int(req.start_min, 9 * 60, "start");
	is_int(req.end_min, 17 * 60, "end");
	is_int(req.break_min, 30, "break");
	is_int(req.total_units, PAY_NONE, "no total hours");
	is_int(req.age, PAY_NONE, "adult by default");
	is_int(req.actual_cents, PAY_NONE, "no actual pay");

	is_int(from_json("\"total_hours_worked\": 7.5, "
	    "\"hours_already_worked_today\": 2, "
	    "\"hours_already_worked_this_week\": 36.25, "
	    "\"is_public_holiday\": true, \"state\": \"nsw\", \"age\": 17, "
	    "\"pay_period_start\": \"2026-03-16\", "
	    "\"is_first_aid_officer\": true, "
	    "\"requires_laundry_allowance\": false, "
	    "\"is_meal_allowance_triggered\": true, "
	    "\"actual_pay\": 254.63, \"worker_type\": \"shiftworker\", "
	    "\"additional_allowances\": {\"cold_work\": 2.5, "
	    "\"LIQUOR_LICENCE\": true, \"VEHICLE\": false}"), 0,
	    "every optional field");
	is_int(req.total_units, 7 * HOUR_UNITS + HOUR_UNITS / 2, "7.5 hours");
	is_int(req.today_units, 2 * HOUR_UNITS, "hours today");
	is_int(req.week_units, 36 * HOUR_UNITS + HOUR_UNITS / 4,
	    "hours this week");
	is_int(req.is_public_holiday, 1, "public holiday");
	is_int(req.state, STATE_NSW, "state, any case");
	is_int(req.age, 17, "age");
	is_int(req.first_aid, 1, "first aid");
	is_int(req.laundry, 0, "laundry");
	is_int(req.meal, 1, "meal");
	is_int(req.actual_cents, 25463, "actual pay in cents");
	is_int(req.worker, WORKER_SHIFT, "shiftworker");
	is_int(req.nextra, 2, "two allowances (false is none)");
	is_str(req.extra[0].code, "COLD_WORK", "allowance code upper case");
	is_int(req.extra[0].quantity, 250, "quantity in hundredths");
	is_str(req.extra[1].code, "LIQUOR_LICENCE", "allowance by true");
	is_int(req.extra[1].quantity, 0, "true is quantity 0");

	is_int(from_json("\"employment_type\": \"cas\", \"start_time\": "
	    "\"22:00\", \"end_time\": \"06:00\""), 0,
	    "short employment type; overnight shift");
	is_int(req.emp, EMP_CASUAL, "cas is casual");
	is_int(from_json("\"employment_type\": \"pt\", \"total_hours_worked\":"
	    " 24"), 0, "a 24-hour total");
	is_int(req.emp, EMP_PART_TIME, "pt is part time");
	is_int(from_json("\"start_time\": \"09:00\", \"end_time\": \"09:00\""),
	    0, "end equal to start is a 24-hour shift");
	is_int(from_json("\"total_hours_worked\": 8, \"state\": null, "
	    "\"age\": null, \"unknown_key\": [1, 2]"), 0,
	    "null is absent; unknown keys are ignored");
	is_int(req.age, PAY_NONE, "null age is adult");
	is_int(from_json("\"total_hours_worked\": 8, "
	    "\"unpaid_break_minutes\": 30.0"), 0, "30.0 is a whole number");
	is_int(req.break_min, 30, "break from 30.0");
	is_int(from_json("\"total_hours_worked\": 7.5e0, \"age\": 1e1"), 0,
	    "numbers with exponents");
	is_int(req.total_units, 7 * HOUR_UNITS + HOUR_UNITS / 2,
	    "7.5e0 hours");
	is_int(req.age, 10, "age 1e1");
	is_int(from_json("\"total_hours_worked\": 1e300"), -1,
	    "a number past any range is refused");
	is_int(from_json("\"award_code\": \"ma000004\", \"total_hours_worked\":"
	    " 8"), 0, "award code in lower case");
	is_str(req.award_code, "MA000004", "award code upper-cased");
}

static void
test_required(void)
{
	is_int(from_json("!"), -1, "an empty object is refused");
	is_str(msg_of("award_code"), "required", "award_code required");
	is_str(msg_of("classification_code"), "required",
	    "classification_code required");
	is_str(msg_of("employment_type"), "required",
	    "employment_type required");
	is_str(msg_of("work_date"), "required", "work_date required");
	is_str(msg_of("start_time"), "required (or total_hours_worked)",
	    "times or hours required");
	refused("\"start_time\": \"09:00\"", "end_time", "required");
	refused("\"total_hours_worked\": 8, \"end_time\": \"17:00\"",
	    "start_time", "required with end_time");
	refused("\"award_code\": \"\", \"total_hours_worked\": 8",
	    "award_code", "required");
}

static void
test_types(void)
{
	refused("\"total_hours_worked\": \"8\"", "total_hours_worked",
	    "must be a number");
	refused("\"total_hours_worked\": 8, \"unpaid_break_minutes\": \"30\"",
	    "unpaid_break_minutes", "must be a number");
	refused("\"total_hours_worked\": 8, \"unpaid_break_minutes\": 7.5",
	    "unpaid_break_minutes", "must be a whole number");
	refused("\"total_hours_worked\": 8, \"is_public_holiday\": \"true\"",
	    "is_public_holiday", "must be true or false");
	refused("\"total_hours_worked\": 8, \"is_public_holiday\": 1",
	    "is_public_holiday", "must be true or false");
	refused("\"total_hours_worked\": 8, \"award_code\": 4",
	    "award_code", "must be a string");
	refused("\"total_hours_worked\": 8, \"age\": \"17\"", "age",
	    "must be a number");
	refused("\"total_hours_worked\": 8, \"age\": 17.5", "age",
	    "must be a whole number");
	refused("\"total_hours_worked\": 8, \"actual_pay\": \"100\"",
	    "actual_pay", "must be a number");
	refused("\"total_hours_worked\": 8, \"additional_allowances\": [1]",
	    "additional_allowances", "must be an object of allowance codes");
	refused("\"total_hours_worked\": 8, \"additional_allowances\": "
	    "{\"VEHICLE\": \"12\"}", "additional_allowances.VEHICLE",
	    "must be true or a quantity");
	refused("\"total_hours_worked\": 8, \"additional_allowances\": "
	    "{\"VEHICLE\": -3}", "additional_allowances.VEHICLE",
	    "must be true or a quantity more than 0");
	refused("\"total_hours_worked\": 8, \"additional_allowances\": "
	    "{\"A\": 1, \"B\": 1, \"C\": 1, \"D\": 1, \"E\": 1, \"F\": 1, "
	    "\"G\": 1, \"H\": 1, \"I\": 1}", "additional_allowances",
	    "at most 8 allowances");
}

static void
test_values(void)
{
	refused("\"employment_type\": \"contractor\", \"total_hours_worked\":"
	    " 8", "employment_type", "must be one of full_time, part_time, "
	    "casual");
	refused("\"worker_type\": \"night\", \"total_hours_worked\": 8",
	    "worker_type", "must be one of non_shiftworker, shiftworker");
	refused("\"state\": \"XYZ\", \"total_hours_worked\": 8", "state",
	    "must be one of NSW, VIC, QLD, SA, WA, TAS, NT, ACT");
	refused("\"work_date\": \"2025-02-29\", \"total_hours_worked\": 8",
	    "work_date", "not a real date");
	refused("\"work_date\": \"2026-13-01\", \"total_hours_worked\": 8",
	    "work_date", "not a real date");
	refused("\"work_date\": \"21/03/2026\", \"total_hours_worked\": 8",
	    "work_date", "must be a date YYYY-MM-DD");
	refused("\"work_date\": \"tomorrow\", \"total_hours_worked\": 8",
	    "work_date", "must be a date YYYY-MM-DD");
	refused("\"pay_period_start\": \"2026-02-30\", "
	    "\"total_hours_worked\": 8", "pay_period_start",
	    "not a real date");
	refused("\"start_time\": \"24:60\", \"end_time\": \"17:00\"",
	    "start_time", "must be HH:MM");
	refused("\"start_time\": \"09:00\", \"end_time\": \"25:00\"",
	    "end_time", "must be HH:MM");
	refused("\"start_time\": \"9am\", \"end_time\": \"17:00\"",
	    "start_time", "must be HH:MM");
	refused("\"total_hours_worked\": 30", "total_hours_worked",
	    "must be more than 0 and at most 24");
	refused("\"total_hours_worked\": 0", "total_hours_worked",
	    "must be more than 0 and at most 24");
	refused("\"total_hours_worked\": -2", "total_hours_worked",
	    "must not be negative");
	refused("\"total_hours_worked\": 8, "
	    "\"hours_already_worked_today\": 25",
	    "hours_already_worked_today", "must be between 0 and 24");
	refused("\"total_hours_worked\": 8, "
	    "\"hours_already_worked_this_week\": 200",
	    "hours_already_worked_this_week", "must be between 0 and 168");
	refused("\"total_hours_worked\": 8, "
	    "\"hours_already_worked_this_week\": -1",
	    "hours_already_worked_this_week", "must not be negative");
	refused("\"start_time\": \"09:00\", \"end_time\": \"13:00\", "
	    "\"unpaid_break_minutes\": 600", "unpaid_break_minutes",
	    "break is longer than the shift");
	refused("\"start_time\": \"09:00\", \"end_time\": \"13:00\", "
	    "\"unpaid_break_minutes\": 240", "unpaid_break_minutes",
	    "break is longer than the shift");
	refused("\"total_hours_worked\": 4, \"unpaid_break_minutes\": 600",
	    "unpaid_break_minutes", "break is longer than the shift");
	refused("\"total_hours_worked\": 8, \"unpaid_break_minutes\": -5",
	    "unpaid_break_minutes", "must be between 0 and 1440");
	refused("\"total_hours_worked\": 8, \"age\": 121", "age",
	    "must be between 0 and 120");
	refused("\"total_hours_worked\": 8, \"age\": -1", "age",
	    "must be between 0 and 120");
	refused("\"total_hours_worked\": 8, \"actual_pay\": -1",
	    "actual_pay", "must not be negative");
	refused("\"total_hours_worked\": 8, \"classification_code\": "
	    "\"RE 2\"", "classification_code",
	    "must be letters, digits, '_' or '-'");
	refused("\"total_hours_worked\": 8, \"award_code\": "
	    "\"MA0000040000000000000000000000\"", "award_code",
	    "must be at most 23 characters");

	is_int(from_json("!\"award_code\": 1, \"classification_code\": 2, "
	    "\"employment_type\": 3, \"work_date\": 4, \"start_time\": 5, "
	    "\"end_time\": 6, \"age\": \"x\", \"state\": 7, "
	    "\"is_public_holiday\": 8"), -1, "many wrong types");
	ok(errs.n >= 9, "every wrong field is named (%zu)", errs.n);
}

/* The setter by name and text, as a CSV row uses it. */
static void
test_csv(void)
{
	struct input	 in;
	int		 day;

	input_begin(&in, INPUT_MODE_CSV, &req, &errs);
	input_set_named(&in, "Award_Code", "MA000004");
	input_set_named(&in, "classification", "RE2");
	input_set_named(&in, "emp_type", "FT");
	input_set_named(&in, "date", "21/03/2026");
	input_set_named(&in, "start_time", "09:00");
	input_set_named(&in, "end_time", "17:00");
	input_set_named(&in, "break_minutes", "30");
	input_set_named(&in, "is_public_holiday", "Yes");
	input_set_named(&in, "actual_pay", "");
	input_set_named(&in, "employee_ref", "E1");
	is_int(input_finish(&in), 0, "a CSV row");
	date_parse_iso("2026-03-21", &day);
	is_int(req.work_date, day, "DD/MM/YYYY date");
	is_int(req.emp, EMP_FULL_TIME, "FT");
	is_int(req.break_min, 30, "break_minutes");
	is_int(req.is_public_holiday, 1, "yes");
	is_int(req.actual_cents, PAY_NONE, "an empty cell is absent");

	input_begin(&in, INPUT_MODE_CSV, &req, &errs);
	input_set_named(&in, "award_code", "MA000004");
	input_set_named(&in, "classification", "RE2");
	input_set_named(&in, "emp_type", "cas");
	input_set_named(&in, "date", "31/02/2026");
	input_set_named(&in, "hours", "x");
	input_set_named(&in, "is_public_holiday", "maybe");
	is_int(input_finish(&in), -1, "a bad CSV row");
	is_str(msg_of("date"), "not a real date", "CSV names in messages");
	is_str(msg_of("hours"), "must be a number", "hours: a number");
	is_str(msg_of("is_public_holiday"),
	    "must be true, false, yes, no, 1 or 0", "CSV booleans");

	is_int(input_field_lookup("HOURS"), INPUT_TOTAL_HOURS, "lookup: hours");
	is_int(input_field_lookup("unpaid_break_minutes"),
	    INPUT_BREAK_MINUTES, "lookup: contract name");
	is_int(input_field_lookup("employee_ref"), -1, "lookup: not a field");
	is_str(input_field_name(INPUT_EMP_TYPE), "employment_type",
	    "contract name of a field");
}

static void
test_errors_json(void)
{
	json_object	*a;

	from_json("!");
	a = input_errors_json(&errs);
	is_int(json_object_array_length(a), errs.n, "one item per error");
	is_str(json_object_to_json_string_ext(
	    json_object_array_get_idx(a, 0), JSON_C_TO_STRING_PLAIN),
	    "{\"field\":\"award_code\",\"msg\":\"required\"}",
	    "an item is {field, msg}");
	json_object_put(a);
}

int
main(void)
{
	test_valid();
	test_required();
	test_types();
	test_values();
	test_csv();
	test_errors_json();
	return tap_done();
}
