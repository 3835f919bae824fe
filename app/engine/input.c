#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/input.h"
#include "engine/pay.h"

#define DAY_HOURS		24
#define WEEK_HOURS		(7 * DAY_HOURS)
#define MONEY_DECIMALS		2
#define QTY_DECIMALS		2
/* The largest actual pay taken for one shift: $10,000,000.00. */
#define ACTUAL_PAY_MAX_CENTS	1000000000LL
/* The largest allowance quantity: 100,000 (km, items ...). */
#define QTY_MAX			(100000LL * PAY_QTY_SCALE)
#define VALUE_MAX		64
#define NUMBER_TEXT_LEN		64
/* Past this a JSON number is not taken for a whole one. */
#define WHOLE_MAX		1e15

/* How a field's text is read. */
enum input_kind {
	KIND_CODE,		/* award or classification code */
	KIND_EMP,
	KIND_WORKER,
	KIND_DATE,
	KIND_TIME,
	KIND_MINUTES,
	KIND_HOURS_SHIFT,	/* more than 0, at most a day */
	KIND_HOURS_DAY,		/* 0 to a day */
	KIND_HOURS_WEEK,	/* 0 to a week */
	KIND_BOOL,
	KIND_STATE,
	KIND_AGE,
	KIND_MONEY
};

/* What JSON type a field must have. */
enum json_kind {
	JK_STRING,
	JK_NUMBER,
	JK_INTEGER,
	JK_BOOL
};

struct field_def {
	const char	*name;		/* the contract's name */
	const char	*alias;		/* the CSV upload's, or NULL */
	enum input_kind	 kind;
	enum json_kind	 jkind;
};

static const struct field_def fields[INPUT__MAX] = {
	/* INPUT_AWARD_CODE */
	{ "award_code", NULL, KIND_CODE, JK_STRING },
	/* INPUT_CLASSIFICATION */
	{ "classification_code", "classification", KIND_CODE, JK_STRING },
	/* INPUT_EMP_TYPE */
	{ "employment_type", "emp_type", KIND_EMP, JK_STRING },
	/* INPUT_WORKER_TYPE */
	{ "worker_type", NULL, KIND_WORKER, JK_STRING },
	/* INPUT_WORK_DATE */
	{ "work_date", "date", KIND_DATE, JK_STRING },
	/* INPUT_START_TIME */
	{ "start_time", NULL, KIND_TIME, JK_STRING },
	/* INPUT_END_TIME */
	{ "end_time", NULL, KIND_TIME, JK_STRING },
	/* INPUT_BREAK_MINUTES */
	{ "unpaid_break_minutes", "break_minutes", KIND_MINUTES, JK_INTEGER },
	/* INPUT_TOTAL_HOURS */
	{ "total_hours_worked", "hours", KIND_HOURS_SHIFT, JK_NUMBER },
	/* INPUT_HOURS_TODAY */
	{ "hours_already_worked_today", NULL, KIND_HOURS_DAY, JK_NUMBER },
	/* INPUT_HOURS_WEEK */
	{ "hours_already_worked_this_week", NULL, KIND_HOURS_WEEK,
	    JK_NUMBER },
	/* INPUT_PUBLIC_HOLIDAY */
	{ "is_public_holiday", NULL, KIND_BOOL, JK_BOOL },
	/* INPUT_STATE */
	{ "state", NULL, KIND_STATE, JK_STRING },
	/* INPUT_AGE */
	{ "age", NULL, KIND_AGE, JK_INTEGER },
	/* INPUT_PAY_PERIOD_START */
	{ "pay_period_start", NULL, KIND_DATE, JK_STRING },
	/* INPUT_FIRST_AID */
	{ "is_first_aid_officer", NULL, KIND_BOOL, JK_BOOL },
	/* INPUT_LAUNDRY */
	{ "requires_laundry_allowance", NULL, KIND_BOOL, JK_BOOL },
	/* INPUT_MEAL */
	{ "is_meal_allowance_triggered", NULL, KIND_BOOL, JK_BOOL },
	/* INPUT_ACTUAL_PAY */
	{ "actual_pay", NULL, KIND_MONEY, JK_NUMBER },
};

static const char *const true_words[] = { "true", "yes", "1", NULL };
static const char *const false_words[] = { "false", "no", "0", NULL };

void
input_error_add(struct input_errors *errs, const char *field,
    const char *fmt, ...)
{
	struct input_error	*e;
	va_list			 ap;

	if (errs->n == INPUT_MAX_ERRORS) {
		errs->dropped++;
		return;
	}
	e = &errs->e[errs->n++];
	snprintf(e->field, sizeof(e->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void
input_begin(struct input *in, enum input_mode mode, struct pay_request *req,
    struct input_errors *errs)
{
	memset(in, 0, sizeof(*in));
	in->req = req;
	in->errs = errs;
	in->mode = mode;
	pay_request_init(req);
	memset(errs, 0, sizeof(*errs));
}

int
input_field_lookup(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return -1;
	for (i = 0; i < INPUT__MAX; i++)
		if (strcasecmp(name, fields[i].name) == 0 ||
		    (fields[i].alias != NULL &&
		    strcasecmp(name, fields[i].alias) == 0))
			return (int)i;
	return -1;
}

const char *
input_field_name(enum input_field f)
{
	return f < INPUT__MAX ? fields[f].name : "";
}

/* The name to report a field by. */
static const char *
field_label(const struct input *in, enum input_field f)
{
	return in->given[f] != NULL ? in->given[f] : fields[f].name;
}

static int __attribute__((format(printf, 3, 4)))
field_fail(struct input *in, enum input_field f, const char *fmt, ...)
{
	char	 msg[INPUT_MSG_LEN];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	in->bad[f] = 1;
	input_error_add(in->errs, field_label(in, f), "%s", msg);
	return -1;
}

/* How value_copy changes letters. */
enum letter_case {
	CASE_KEEP,
	CASE_LOWER,
	CASE_UPPER
};

/* A copy of s without surrounding spaces, in the case asked for. */
static int
value_copy(const char *s, char *out, size_t outlen, enum letter_case lc)
{
	size_t	 n, i;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= outlen)
		return -1;
	for (i = 0; i < n; i++) {
		out[i] = s[i];
		if (lc == CASE_UPPER)
			out[i] = (char)toupper((unsigned char)s[i]);
		else if (lc == CASE_LOWER)
			out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[n] = '\0';
	return 0;
}

/* A code: letters, digits, '_' and '-'. */
static int
code_valid(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return 0;
	return 1;
}

/* "YYYY-MM-DD" (or "DD/MM/YYYY") by shape alone. */
static int
date_shaped(const char *s, int dmy)
{
	static const char	 iso[] = "dddd-dd-dd", slash[] = "dd/dd/dddd";
	const char		*pat;
	size_t			 i, pass;

	for (pass = 0; pass < 2; pass++) {
		pat = pass == 0 ? iso : slash;
		if (pass == 1 && !dmy)
			break;
		if (strlen(s) != strlen(pat))
			continue;
		for (i = 0; pat[i] != '\0'; i++)
			if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) :
			    s[i] != pat[i])
				break;
		if (pat[i] == '\0')
			return 1;
	}
	return 0;
}

static int
set_code(struct input *in, enum input_field f, const char *v)
{
	char	*dst;
	size_t	 len;

	if (f == INPUT_AWARD_CODE) {
		dst = in->req->award_code;
		len = sizeof(in->req->award_code);
	} else {
		dst = in->req->class_code;
		len = sizeof(in->req->class_code);
	}
	/* Award codes are upper case; classification codes keep theirs. */
	if (value_copy(v, dst, len, f == INPUT_AWARD_CODE ? CASE_UPPER :
	    CASE_KEEP) == -1)
		return field_fail(in, f, "must be at most %zu characters",
		    len - 1);
	if (dst[0] == '\0')
		return field_fail(in, f, "required");
	if (!code_valid(dst))
		return field_fail(in, f, "must be letters, digits, '_' or "
		    "'-'");
	return 0;
}

static int
set_date(struct input *in, enum input_field f, const char *v)
{
	int	 dmy = in->mode == INPUT_MODE_CSV, day;

	if (!date_shaped(v, dmy))
		return field_fail(in, f, dmy ? "must be a date YYYY-MM-DD "
		    "or DD/MM/YYYY" : "must be a date YYYY-MM-DD");
	if ((dmy ? date_parse_any(v, &day) : date_parse_iso(v, &day)) == -1)
		return field_fail(in, f, "not a real date");
	if (f == INPUT_WORK_DATE)
		in->req->work_date = day;
	else
		in->req->pay_period_start = day;
	return 0;
}

static int
set_time(struct input *in, enum input_field f, const char *v)
{
	int	 m;

	if (time_parse(v, &m) == -1)
		return field_fail(in, f, "must be HH:MM");
	if (f == INPUT_START_TIME)
		in->req->start_min = m;
	else
		in->req->end_min = m;
	return 0;
}

/* A whole number in [lo, hi]. */
static int
set_whole(struct input *in, enum input_field f, const char *v, long long lo,
    long long hi, long long *out)
{
	long long	 n, scaled;

	if (parse_long(v, LLONG_MIN, LLONG_MAX, &n) == -1) {
		if (parse_decimal(v, MONEY_DECIMALS, LLONG_MAX / 1000,
		    &scaled) == 0)
			return field_fail(in, f, "must be a whole number");
		return field_fail(in, f, "must be a number");
	}
	if (n < lo || n > hi)
		return field_fail(in, f, "must be between %lld and %lld",
		    lo, hi);
	*out = n;
	return 0;
}

static int
set_hours(struct input *in, enum input_field f, const char *v)
{
	long long	 units, scaled, max;

	max = (fields[f].kind == KIND_HOURS_WEEK ? WEEK_HOURS : DAY_HOURS) *
	    HOUR_UNITS;
	if (pay_hours_parse(v, &units) == -1) {
		if (parse_decimal(v, QTY_DECIMALS, LLONG_MAX / 1000,
		    &scaled) == 0 && scaled < 0)
			return field_fail(in, f, "must not be negative");
		if (parse_decimal(v, QTY_DECIMALS, LLONG_MAX / 1000,
		    &scaled) == 0)
			return field_fail(in, f, "must be between 0 and %d",
			    fields[f].kind == KIND_HOURS_WEEK ? WEEK_HOURS :
			    DAY_HOURS);
		return field_fail(in, f, "must be a number");
	}
	if (units > max || (fields[f].kind == KIND_HOURS_SHIFT &&
	    units == 0))
		return field_fail(in, f, fields[f].kind == KIND_HOURS_SHIFT ?
		    "must be more than 0 and at most %d" :
		    "must be between 0 and %d",
		    fields[f].kind == KIND_HOURS_WEEK ? WEEK_HOURS :
		    DAY_HOURS);
	if (f == INPUT_TOTAL_HOURS)
		in->req->total_units = units;
	else if (f == INPUT_HOURS_TODAY)
		in->req->today_units = units;
	else
		in->req->week_units = units;
	return 0;
}

static int
set_bool(struct input *in, enum input_field f, const char *v)
{
	char	 w[VALUE_MAX];
	int	 val = -1;
	size_t	 i;

	if (value_copy(v, w, sizeof(w), CASE_LOWER) == 0)
		for (i = 0; true_words[i] != NULL; i++) {
			if (strcmp(w, true_words[i]) == 0)
				val = 1;
			else if (strcmp(w, false_words[i]) == 0)
				val = 0;
		}
	if (val == -1)
		return field_fail(in, f, in->mode == INPUT_MODE_CSV ?
		    "must be true, false, yes, no, 1 or 0" :
		    "must be true or false");
	if (f == INPUT_PUBLIC_HOLIDAY)
		in->req->is_public_holiday = val;
	else if (f == INPUT_FIRST_AID)
		in->req->first_aid = val;
	else if (f == INPUT_LAUNDRY)
		in->req->laundry = val;
	else
		in->req->meal = val;
	return 0;
}

static int
set_money(struct input *in, enum input_field f, const char *v)
{
	long long	 cents;

	if (parse_decimal(v, MONEY_DECIMALS, ACTUAL_PAY_MAX_CENTS,
	    &cents) == -1)
		return field_fail(in, f, "must be a number of dollars");
	if (cents < 0)
		return field_fail(in, f, "must not be negative");
	in->req->actual_cents = cents;
	return 0;
}

static int
set_enum(struct input *in, enum input_field f, const char *v)
{
	char		 w[VALUE_MAX];
	enum emp_type	 emp;
	enum worker_type worker;
	enum au_state	 state;
	int		 bad;

	bad = value_copy(v, w, sizeof(w), fields[f].kind == KIND_STATE ?
	    CASE_UPPER : CASE_LOWER);
	switch (fields[f].kind) {
	case KIND_EMP:
		if (bad != 0 || emp_type_parse(w, &emp) == -1)
			return field_fail(in, f, "must be one of full_time, "
			    "part_time, casual");
		in->req->emp = emp;
		break;
	case KIND_WORKER:
		if (bad != 0 || worker_type_parse(w, &worker) == -1)
			return field_fail(in, f, "must be one of "
			    "non_shiftworker, shiftworker");
		in->req->worker = worker;
		break;
	default:
		if (bad != 0 || au_state_parse(w, &state) == -1)
			return field_fail(in, f, "must be one of NSW, VIC, "
			    "QLD, SA, WA, TAS, NT, ACT");
		in->req->state = state;
		break;
	}
	return 0;
}

int
input_set(struct input *in, enum input_field f, const char *name,
    const char *value)
{
	long long	 n;

	if (f >= INPUT__MAX)
		return 0;
	in->given[f] = name;
	if (value == NULL || value[0] == '\0')
		return 0;
	in->seen[f] = 1;
	in->bad[f] = 0;
	switch (fields[f].kind) {
	case KIND_CODE:
		return set_code(in, f, value);
	case KIND_EMP:
	case KIND_WORKER:
	case KIND_STATE:
		return set_enum(in, f, value);
	case KIND_DATE:
		return set_date(in, f, value);
	case KIND_TIME:
		return set_time(in, f, value);
	case KIND_MINUTES:
		if (set_whole(in, f, value, 0, MINUTES_PER_DAY, &n) == -1)
			return -1;
		in->req->break_min = (int)n;
		return 0;
	case KIND_HOURS_SHIFT:
	case KIND_HOURS_DAY:
	case KIND_HOURS_WEEK:
		return set_hours(in, f, value);
	case KIND_BOOL:
		return set_bool(in, f, value);
	case KIND_AGE:
		if (set_whole(in, f, value, 0, PAY_AGE_MAX, &n) == -1)
			return -1;
		in->req->age = (int)n;
		return 0;
	case KIND_MONEY:
		return set_money(in, f, value);
	}
	return 0;
}

int
input_set_named(struct input *in, const char *name, const char *value)
{
	int	 f;

	if ((f = input_field_lookup(name)) == -1)
		return 0;
	return input_set(in, (enum input_field)f, name, value);
}

int
input_allowance_add(struct input *in, const char *code,
    const char *quantity)
{
	struct pay_request	*req = in->req;
	struct pay_extra	*x;
	char			 field[INPUT_FIELD_LEN];
	long long		 q = 0;

	snprintf(field, sizeof(field), "additional_allowances.%s", code);
	if (*code == '\0' || strlen(code) >= sizeof(x->code) ||
	    !code_valid(code)) {
		input_error_add(in->errs, "additional_allowances",
		    "allowance codes are letters, digits, '_' or '-', at "
		    "most %zu", sizeof(x->code) - 1);
		return -1;
	}
	if (quantity != NULL && (parse_decimal(quantity, QTY_DECIMALS,
	    QTY_MAX, &q) == -1 || q <= 0)) {
		input_error_add(in->errs, field, "must be true or a quantity "
		    "more than 0");
		return -1;
	}
	if (req->nextra == PAY_MAX_EXTRA) {
		input_error_add(in->errs, "additional_allowances",
		    "at most %d allowances", PAY_MAX_EXTRA);
		return -1;
	}
	x = &req->extra[req->nextra++];
	value_copy(code, x->code, sizeof(x->code), CASE_UPPER);
	x->quantity = q;
	return 0;
}

static void
required(struct input *in, enum input_field f)
{
	if (!in->seen[f])
		field_fail(in, f, "required");
}

/* The shift's length from its times, in minutes. */
static int
times_minutes(const struct pay_request *req)
{
	int	 len = req->end_min - req->start_min;

	return len <= 0 ? len + MINUTES_PER_DAY : len;
}

static void
finish_times(struct input *in)
{
	struct pay_request	*req = in->req;
	int			 has_start = in->seen[INPUT_START_TIME];
	int			 has_end = in->seen[INPUT_END_TIME];

	if (in->seen[INPUT_TOTAL_HOURS]) {
		/* Hours win; times then only place the shift in the day. */
		if (has_start != has_end)
			field_fail(in, has_start ? INPUT_END_TIME :
			    INPUT_START_TIME, "required with %s",
			    field_label(in, has_start ? INPUT_START_TIME :
			    INPUT_END_TIME));
		return;
	}
	if (!has_start && !has_end) {
		field_fail(in, INPUT_START_TIME, "required (or %s)",
		    field_label(in, INPUT_TOTAL_HOURS));
		field_fail(in, INPUT_END_TIME, "required (or %s)",
		    field_label(in, INPUT_TOTAL_HOURS));
		return;
	}
	if (!has_start || !has_end) {
		required(in, INPUT_START_TIME);
		required(in, INPUT_END_TIME);
		return;
	}
	if (in->bad[INPUT_START_TIME] || in->bad[INPUT_END_TIME] ||
	    in->bad[INPUT_BREAK_MINUTES])
		return;
	if (req->break_min >= times_minutes(req))
		field_fail(in, INPUT_BREAK_MINUTES,
		    "break is longer than the shift");
}

int
input_finish(struct input *in)
{
	struct pay_request	*req = in->req;

	required(in, INPUT_AWARD_CODE);
	required(in, INPUT_CLASSIFICATION);
	required(in, INPUT_EMP_TYPE);
	required(in, INPUT_WORK_DATE);
	finish_times(in);
	if (in->seen[INPUT_TOTAL_HOURS] && in->seen[INPUT_BREAK_MINUTES] &&
	    !in->bad[INPUT_TOTAL_HOURS] && !in->bad[INPUT_BREAK_MINUTES] &&
	    req->break_min * MINUTE_UNITS >= req->total_units)
		field_fail(in, INPUT_BREAK_MINUTES,
		    "break is longer than the shift");
	return in->errs->n == 0 && in->errs->dropped == 0 ? 0 : -1;
}

/* A JSON number as decimal text without an exponent. */
static int
json_number_text(json_object *v, int whole, char *out, size_t outlen)
{
	const char	*s;
	long long	 scaled;
	double		 d;

	if (json_object_is_type(v, json_type_int)) {
		snprintf(out, outlen, "%lld",
		    (long long)json_object_get_int64(v));
		return 0;
	}
	/* 30.0 is a whole number too. */
	d = json_object_get_double(v);
	if (whole && isfinite(d) && d == trunc(d) && fabs(d) < WHOLE_MAX) {
		snprintf(out, outlen, "%.0f", d);
		return 0;
	}
	/* The parser keeps a number's own text; use it when it is plain. */
	s = json_object_get_string(v);
	if (s != NULL && strlen(s) < outlen &&
	    parse_decimal(s, QTY_DECIMALS, LLONG_MAX / 1000, &scaled) == 0) {
		snprintf(out, outlen, "%s", s);
		return 0;
	}
	if (!isfinite(d))
		return -1;
	return snprintf(out, outlen, "%.6f", d) < (int)outlen ? 0 : -1;
}

static int
json_field(struct input *in, enum input_field f, json_object *v)
{
	char		 text[NUMBER_TEXT_LEN];
	enum json_type	 t = json_object_get_type(v);

	in->given[f] = NULL;
	if (t == json_type_null)
		return 0;
	switch (fields[f].jkind) {
	case JK_STRING:
		if (t != json_type_string)
			return field_fail(in, f, "must be a string");
		if (json_object_get_string_len(v) == 0) {
			in->seen[f] = 1;
			return field_fail(in, f, "required");
		}
		return input_set(in, f, NULL, json_object_get_string(v));
	case JK_BOOL:
		if (t != json_type_boolean)
			return field_fail(in, f, "must be true or false");
		return input_set(in, f, NULL,
		    json_object_get_boolean(v) ? "true" : "false");
	case JK_INTEGER:
	case JK_NUMBER:
		if (t != json_type_int && t != json_type_double)
			return field_fail(in, f, "must be a number");
		if (json_number_text(v, fields[f].jkind == JK_INTEGER, text,
		    sizeof(text)) == -1)
			return field_fail(in, f, "must be a number");
		return input_set(in, f, NULL, text);
	}
	return 0;
}

static int
json_allowances(struct input *in, json_object *v)
{
	char	 text[NUMBER_TEXT_LEN];
	int	 rc = 0;

	if (json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_object)) {
		input_error_add(in->errs, "additional_allowances",
		    "must be an object of allowance codes");
		return -1;
	}
	json_object_object_foreach(v, code, q) {
		enum json_type	 t = json_object_get_type(q);

		if (t == json_type_boolean && !json_object_get_boolean(q))
			continue;
		if (t == json_type_boolean)
			rc |= input_allowance_add(in, code, NULL);
		else if ((t == json_type_int || t == json_type_double) &&
		    json_number_text(q, 0, text, sizeof(text)) == 0)
			rc |= input_allowance_add(in, code, text);
		else {
			char	 field[INPUT_FIELD_LEN];

			snprintf(field, sizeof(field),
			    "additional_allowances.%s", code);
			input_error_add(in->errs, field,
			    "must be true or a quantity");
			rc = -1;
		}
	}
	return rc;
}

int
input_from_json(json_object *o, struct pay_request *req,
    struct input_errors *errs)
{
	struct input	 in;
	json_object	*v;
	size_t		 i;

	input_begin(&in, INPUT_MODE_JSON, req, errs);
	for (i = 0; i < INPUT__MAX; i++)
		if (json_object_object_get_ex(o, fields[i].name, &v))
			json_field(&in, (enum input_field)i, v);
	if (json_object_object_get_ex(o, "additional_allowances", &v))
		json_allowances(&in, v);
	return input_finish(&in);
}

json_object *
input_errors_json(const struct input_errors *errs)
{
	json_object	*a, *o;
	size_t		 i;

	a = json_object_new_array();
	for (i = 0; i < errs->n; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "field",
		    json_object_new_string(errs->e[i].field));
		json_object_object_add(o, "msg",
		    json_object_new_string(errs->e[i].msg));
		json_object_array_add(a, o);
	}
	return a;
}
