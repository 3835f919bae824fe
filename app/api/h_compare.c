/*
 * POST /api/v1/compare-awards: two awards (or two classifications)
 * side by side on the topics a payroll team asks about first: base
 * pay, ordinary hours, casual loading, weekend and public holiday
 * penalties and where overtime changes rate.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "api/calc.h"
#include "api/handlers.h"
#include "api/request.h"
#include "common/datetime.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/ruleset.h"

#define RAW_LEN			128
#define NUM_LEN			32
#define SUMMARY_LEN		512
#define DAYBIT_MONDAY		0
#define DAYBIT_SATURDAY		5
#define DAYBIT_SUNDAY		6

/* What a topic's value counts. */
enum value_kind {
	VK_MONEY,		/* cents */
	VK_PERCENT,		/* hundredths */
	VK_HOURS		/* HOUR_UNITS */
};

/* One side of the comparison. */
struct side {
	const struct award	*a;
	int			 cls;
	enum emp_type		 emp;
	enum worker_type	 worker;
	int			 day;
};

struct topic_value {
	int		 known;
	long long	 value;
	char		 raw[RAW_LEN];
};

struct topic {
	const char	*name;
	const char	*label;
	enum value_kind	 kind;
	void		(*get)(const struct side *, struct topic_value *);
};

static void
get_base_pay(const struct side *s, struct topic_value *v)
{
	const struct award_rate	*rate;
	char			 h[NUM_LEN], w[NUM_LEN];

	if (award_rate_at(s->a, s->cls, s->day, &rate) == -1) {
		snprintf(v->raw, sizeof(v->raw), "no rate in force");
		return;
	}
	v->known = 1;
	v->value = round_div(rate->weekly_cents, RATE_WEEK_HOURS);
	pay_cents_format(v->value, h, sizeof(h));
	pay_cents_format(rate->weekly_cents, w, sizeof(w));
	snprintf(v->raw, sizeof(v->raw), "$%s an hour ($%s a week, %s)", h,
	    w, s->a->classes[s->cls].code);
}

static void
get_ordinary_hours(const struct side *s, struct topic_value *v)
{
	const struct award_hours	*h = &s->a->hours[s->emp];
	char				 w[NUM_LEN], d[NUM_LEN];

	if (h->week_units == 0) {
		snprintf(v->raw, sizeof(v->raw), "no weekly limit");
		return;
	}
	v->known = 1;
	v->value = h->week_units;
	pay_hours_format(h->week_units, w, sizeof(w));
	if (h->day_units > 0) {
		pay_hours_format(h->day_units, d, sizeof(d));
		snprintf(v->raw, sizeof(v->raw), "%s hours a week, at most %s "
		    "a day", w, d);
	} else
		snprintf(v->raw, sizeof(v->raw), "%s hours a week", w);
}

static void
get_casual_loading(const struct side *s, struct topic_value *v)
{
	char	 p[NUM_LEN];

	if (s->a->casual_loading == 0) {
		snprintf(v->raw, sizeof(v->raw), "not stated");
		return;
	}
	v->known = 1;
	v->value = s->a->casual_loading;
	pay_percent_format(s->a->casual_loading, p, sizeof(p));
	snprintf(v->raw, sizeof(v->raw), "%s%%", p);
}

/*
 * The whole-day penalty of day bit d for the side's employee.
 * XXX: only whole-day rules are compared; evening and early-morning
 * windows, and loadings in dollars, are not topics yet.
 */
static void
get_penalty(const struct side *s, int d, struct topic_value *v)
{
	const struct award_penalty	*p;
	char				 pc[NUM_LEN];
	size_t				 i;

	for (i = 0; i < s->a->npenalties; i++) {
		p = &s->a->penalties[i];
		if ((p->emp_mask & (1u << s->emp)) == 0 ||
		    (p->worker_mask & (1u << s->worker)) == 0 ||
		    (p->day_mask & (1u << d)) == 0 ||
		    p->match != MATCH_NONE || (p->class_mask != 0 &&
		    (p->class_mask & (1ULL << s->cls)) == 0))
			continue;
		v->known = 1;
		v->value = p->percent;
		pay_percent_format(p->percent, pc, sizeof(pc));
		snprintf(v->raw, sizeof(v->raw), "%s%% (%s, cl. %s)", pc,
		    p->desc, p->src.clause);
		return;
	}
	snprintf(v->raw, sizeof(v->raw), "no whole-day penalty");
}

static void
get_saturday(const struct side *s, struct topic_value *v)
{
	get_penalty(s, DAYBIT_SATURDAY, v);
}

static void
get_sunday(const struct side *s, struct topic_value *v)
{
	get_penalty(s, DAYBIT_SUNDAY, v);
}

static void
get_public_holiday(const struct side *s, struct topic_value *v)
{
	get_penalty(s, DAYBIT_PH, v);
}

/* Hours at the first weekday overtime rate before the next applies. */
static void
get_overtime_split(const struct side *s, struct topic_value *v)
{
	const struct award_overtime	*o, *first = NULL, *rest = NULL;
	char				 h[NUM_LEN], p1[NUM_LEN], p2[NUM_LEN];
	size_t				 i;

	for (i = 0; i < s->a->novertime; i++) {
		o = &s->a->overtime[i];
		if ((o->emp_mask & (1u << s->emp)) == 0 ||
		    (o->day_mask & (1u << DAYBIT_MONDAY)) == 0)
			continue;
		if (o->tier_units > 0 && first == NULL)
			first = o;
		else if (o->tier_units == 0 && rest == NULL)
			rest = o;
	}
	if (first == NULL) {
		if (rest != NULL) {
			pay_percent_format(rest->percent, p2, sizeof(p2));
			snprintf(v->raw, sizeof(v->raw), "one rate: %s%%", p2);
		} else
			snprintf(v->raw, sizeof(v->raw), "no weekday overtime");
		return;
	}
	v->known = 1;
	v->value = first->tier_units;
	pay_hours_format(first->tier_units, h, sizeof(h));
	pay_percent_format(first->percent, p1, sizeof(p1));
	if (rest != NULL) {
		pay_percent_format(rest->percent, p2, sizeof(p2));
		snprintf(v->raw, sizeof(v->raw), "%s%% for the first %s hours, "
		    "then %s%%", p1, h, p2);
	} else
		snprintf(v->raw, sizeof(v->raw), "%s%% for the first %s hours",
		    p1, h);
}

static const struct topic topics[] = {
	{ "base_pay", "Base pay", VK_MONEY, get_base_pay },
	{ "ordinary_hours", "Ordinary hours", VK_HOURS, get_ordinary_hours },
	{ "casual_loading", "Casual loading", VK_PERCENT,
	    get_casual_loading },
	{ "saturday_penalty", "Saturday penalty", VK_PERCENT, get_saturday },
	{ "sunday_penalty", "Sunday penalty", VK_PERCENT, get_sunday },
	{ "public_holiday_penalty", "Public holiday penalty", VK_PERCENT,
	    get_public_holiday },
	{ "overtime_split", "Overtime split", VK_HOURS, get_overtime_split },
};

#define NTOPICS	(sizeof(topics) / sizeof(topics[0]))

/* A value of its kind as a JSON number; negative values too. */
static json_object *
value_json(enum value_kind k, long long v)
{
	char		 text[NUM_LEN + 1];
	long long	 m = v < 0 ? -v : v;

	text[0] = '-';
	if (k == VK_MONEY)
		pay_cents_format(m, text + 1, sizeof(text) - 1);
	else if (k == VK_PERCENT)
		pay_percent_format((int)m, text + 1, sizeof(text) - 1);
	else
		pay_hours_format(m, text + 1, sizeof(text) - 1);
	return json_object_new_double_s(k == VK_MONEY ? v / 100.0 :
	    k == VK_PERCENT ? (double)v / PERCENT_SCALE :
	    (double)v / HOUR_UNITS, v < 0 ? text : text + 1);
}

/* One topic compared; counts it in n[0] differ, n[1] same, n[2] neither. */
static json_object *
topic_json(const struct topic *t, const struct side *sa,
    const struct side *sb, json_object *diffs, json_object *sames, int *n)
{
	struct topic_value	 a, b;
	json_object		*o = json_object_new_object();
	const char		*dir;
	char			 line[3 * RAW_LEN + 2 * RULE_CODE_LEN];

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	t->get(sa, &a);
	t->get(sb, &b);
	if (!a.known || !b.known)
		dir = "incomparable";
	else if (a.value > b.value)
		dir = "a_higher";
	else if (a.value < b.value)
		dir = "b_higher";
	else
		dir = "equal";

	json_object_object_add(o, "topic", json_object_new_string(t->name));
	json_object_object_add(o, "topic_label",
	    json_object_new_string(t->label));
	json_object_object_add(o, "award_a_value", a.known ?
	    value_json(t->kind, a.value) : NULL);
	json_object_object_add(o, "award_b_value", b.known ?
	    value_json(t->kind, b.value) : NULL);
	json_object_object_add(o, "award_a_raw", json_object_new_string(a.raw));
	json_object_object_add(o, "award_b_raw", json_object_new_string(b.raw));
	json_object_object_add(o, "difference", a.known && b.known ?
	    value_json(t->kind, a.value - b.value) : NULL);
	json_object_object_add(o, "difference_direction",
	    json_object_new_string(dir));

	if (strcmp(dir, "equal") == 0) {
		if (strcmp(a.raw, b.raw) == 0)
			snprintf(line, sizeof(line), "%s: the same in both "
			    "(%s)", t->label, a.raw);
		else
			snprintf(line, sizeof(line), "%s: equal (%s %s; %s "
			    "%s)", t->label, sa->a->code, a.raw, sb->a->code,
			    b.raw);
		json_object_array_add(sames, json_object_new_string(line));
		n[1]++;
	} else if (strcmp(dir, "incomparable") == 0)
		n[2]++;
	else {
		snprintf(line, sizeof(line), "%s: %s %s; %s %s", t->label,
		    sa->a->code, a.raw, sb->a->code, b.raw);
		json_object_array_add(diffs, json_object_new_string(line));
		n[0]++;
	}
	return o;
}

/* A string field of the body; NULL when absent, "" after an error. */
static const char *
body_string(json_object *body, const char *key, struct input_errors *errs,
    int required)
{
	json_object	*v;

	if (!json_object_object_get_ex(body, key, &v) ||
	    json_object_is_type(v, json_type_null)) {
		if (required)
			input_error_add(errs, key, "required");
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string)) {
		input_error_add(errs, key, "must be a string");
		return "";
	}
	if (json_object_get_string_len(v) == 0 && required)
		input_error_add(errs, key, "required");
	return json_object_get_string(v);
}

/*
 * The side of one award: its award and classification (the award's
 * first when none is named).  Return 0, or -1 after answering 400.
 */
static int
side_find(struct api_request *r, const struct ruleset *rs,
    const char *award, const char *cls, struct side *s)
{
	char	 code[RULE_CODE_LEN];

	calc_award_code(award, code);
	if ((s->a = ruleset_award(rs, code)) == NULL) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL, "Award %s is not "
		    "available for deterministic calculations", award);
		return -1;
	}
	if (cls == NULL || *cls == '\0') {
		s->cls = 0;
		if (s->a->nclasses == 0) {
			api_reply_error(r, HTTP_BAD_REQUEST, NULL, "Award %s "
			    "has no classifications", s->a->code);
			return -1;
		}
	} else if ((s->cls = award_class_find(s->a, cls)) == -1) {
		api_reply_error(r, HTTP_BAD_REQUEST, NULL, "Classification %s "
		    "not found for award %s", cls, s->a->code);
		return -1;
	}
	return 0;
}

/* The body's common fields: employment, worker type and date. */
static void
body_common(json_object *body, struct side *s, struct input_errors *errs)
{
	const char	*v;

	s->emp = EMP_FULL_TIME;
	s->worker = WORKER_NON_SHIFT;
	s->day = calc_rate_today();
	if ((v = body_string(body, "employment_type", errs, 0)) != NULL &&
	    *v != '\0' && emp_type_parse(v, &s->emp) == -1)
		input_error_add(errs, "employment_type", "must be one of "
		    "full_time, part_time, casual");
	if ((v = body_string(body, "worker_type", errs, 0)) != NULL &&
	    *v != '\0' && worker_type_parse(v, &s->worker) == -1)
		input_error_add(errs, "worker_type", "must be one of "
		    "non_shiftworker, shiftworker");
	if ((v = body_string(body, "date", errs, 0)) != NULL && *v != '\0' &&
	    date_parse_iso(v, &s->day) == -1)
		input_error_add(errs, "date", "must be a real date "
		    "YYYY-MM-DD");
}

static json_object *
compare_json(const struct side *sa, const struct side *sb)
{
	json_object	*o, *arr, *diffs, *sames;
	char		 summary[SUMMARY_LEN];
	int		 n[3] = { 0, 0, 0 };
	size_t		 i;

	o = json_object_new_object();
	json_object_object_add(o, "award_a_code",
	    json_object_new_string(sa->a->code));
	json_object_object_add(o, "award_b_code",
	    json_object_new_string(sb->a->code));
	json_object_object_add(o, "award_a_name",
	    json_object_new_string(sa->a->title));
	json_object_object_add(o, "award_b_name",
	    json_object_new_string(sb->a->title));
	json_object_object_add(o, "classification_a",
	    json_object_new_string(sa->a->classes[sa->cls].code));
	json_object_object_add(o, "classification_b",
	    json_object_new_string(sb->a->classes[sb->cls].code));
	json_object_object_add(o, "employment_type",
	    json_object_new_string(emp_type_name(sa->emp)));
	json_object_object_add(o, "worker_type",
	    json_object_new_string(worker_type_name(sa->worker)));
	json_object_object_add(o, "rates_date", pay_json_date(sa->day));

	arr = json_object_new_array();
	diffs = json_object_new_array();
	sames = json_object_new_array();
	for (i = 0; i < NTOPICS; i++)
		json_object_array_add(arr, topic_json(&topics[i], sa, sb,
		    diffs, sames, n));
	json_object_object_add(o, "rule_comparisons", arr);
	json_object_object_add(o, "key_differences", diffs);
	json_object_object_add(o, "key_similarities", sames);
	snprintf(summary, sizeof(summary), "%s and %s differ on %d of %zu "
	    "topics and are the same on %d; %d cannot be compared.",
	    sa->a->code, sb->a->code, n[0], NTOPICS, n[1], n[2]);
	json_object_object_add(o, "summary", json_object_new_string(summary));
	json_object_object_add(o, "deterministic_comparison",
	    json_object_new_boolean(1));
	return o;
}

/*
 * POST /api/v1/compare-awards with award_a, award_b, and optionally
 * classification_a, classification_b (the award's first by default),
 * employment_type (full_time), worker_type (non_shiftworker) and date
 * (today): the two side by side on base pay, ordinary hours, casual
 * loading, Saturday, Sunday and public holiday penalties and the
 * overtime split.  200; 400 for a body that is not a JSON object or
 * for an unknown award or classification; 413; 415; 422 with fields
 * for missing or invalid fields; 503 when no rule data is loaded.
 */
void
h_compare_awards(struct api_request *r)
{
	struct input_errors	 errs;
	struct side		 sa, sb;
	const struct ruleset	*rs;
	json_object		*body;
	const char		*aa, *ab, *ca, *cb;

	if ((body = api_read_json_object(r)) == NULL)
		return;
	memset(&errs, 0, sizeof(errs));
	aa = body_string(body, "award_a", &errs, 1);
	ab = body_string(body, "award_b", &errs, 1);
	ca = body_string(body, "classification_a", &errs, 0);
	cb = body_string(body, "classification_b", &errs, 0);
	body_common(body, &sa, &errs);
	if (errs.n > 0) {
		json_object_put(body);
		api_reply_error(r, HTTP_UNPROCESSABLE, input_errors_json(&errs),
		    "The request has %zu invalid field%s", errs.n,
		    errs.n == 1 ? "" : "s");
		return;
	}
	sb = sa;
	if ((rs = calc_rules(r, NULL)) == NULL ||
	    side_find(r, rs, aa, ca, &sa) == -1 ||
	    side_find(r, rs, ab, cb, &sb) == -1) {
		json_object_put(body);
		return;
	}
	json_object_put(body);
	api_reply_json(r, HTTP_OK, compare_json(&sa, &sb));
}
