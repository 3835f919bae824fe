/*
 * The award data endpoints: the list of modern awards, one award's
 * classifications and rates for a date, the versions of its rule
 * data, and the comparison of two awards topic by topic.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "api/calc.h"
#include "api/handlers.h"
#include "api/request.h"
#include "api/rules_cache.h"
#include "api/server.h"
#include "common/datetime.h"
#include "common/util.h"
#include "db/db.h"
#include "engine/input.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/ruleset.h"

#define VERSIONS_MAX		100
#define FILE_NAME_LEN		(RULE_CODE_LEN + 8)
#define TIMESTAMP_LEN		24
#define TEXT_LEN		160
#define DATE_PARAM_LEN		32
#define COMPARE_TOPICS		7
#define WEEKDAY_MONDAY		0
#define WEEKDAY_SATURDAY	5
#define WEEKDAY_SUNDAY		6

/* The LIMIT is VERSIONS_MAX. */
static const char sql_versions[] =
    "SELECT v.id, f.content_sha256, UNIX_TIMESTAMP(v.loaded_at)"
    " FROM rule_files f JOIN rule_versions v ON v.id = f.version_id"
    " WHERE f.name = ? ORDER BY v.id DESC LIMIT 100";

/*
 * The ?date= of the query, or today.  Return 0, or -1 after answering
 * 422.
 */
static int
query_date(struct api_request *r, int *day)
{
	struct input_errors	 errs;
	char			 v[DATE_PARAM_LEN];
	const char		*msg;

	if (api_query_get(r, "date", v, sizeof(v)) == -1 || v[0] == '\0') {
		*day = calc_rate_today();
		return 0;
	}
	if (date_parse_iso(v, day) == 0)
		return 0;
	msg = strlen(v) == DATE_STRLEN - 1 && v[4] == '-' && v[7] == '-' ?
	    "not a real date" : "must be a date YYYY-MM-DD";
	memset(&errs, 0, sizeof(errs));
	input_error_add(&errs, "date", "%s", msg);
	api_reply_error(r, HTTP_UNPROCESSABLE, input_errors_json(&errs),
	    "date %s", msg);
	return -1;
}

/* Hours of a rule as a number, or null for none. */
static json_object *
hours_or_null(long long units)
{
	return units > 0 ? pay_json_hours(units) : NULL;
}

static json_object *
classifications_json(const struct award *a, int day)
{
	const struct award_rate	*rate;
	json_object		*arr, *o;
	size_t			 i;

	arr = json_object_new_array();
	for (i = 0; i < a->nclasses; i++) {
		o = json_object_new_object();
		json_object_object_add(o, "code",
		    json_object_new_string(a->classes[i].code));
		json_object_object_add(o, "label",
		    json_object_new_string(a->classes[i].label));
		json_object_object_add(o, "level",
		    json_object_new_int(a->classes[i].level));
		if (award_rate_at(a, (int)i, day, &rate) == 0) {
			json_object_object_add(o, "weekly_rate",
			    pay_json_money(rate->weekly_cents));
			json_object_object_add(o, "hourly_rate",
			    pay_json_money(round_div(rate->weekly_cents,
			    RATE_WEEK_HOURS)));
			json_object_object_add(o, "rates_effective_from",
			    pay_json_date(rate->from));
		} else {
			json_object_object_add(o, "weekly_rate", NULL);
			json_object_object_add(o, "hourly_rate", NULL);
			json_object_object_add(o, "rates_effective_from",
			    NULL);
		}
		json_object_array_add(arr, o);
	}
	return arr;
}

/* The employment types the award's penalty rules name. */
static json_object *
employment_types_json(const struct award *a)
{
	json_object	*arr = json_object_new_array();
	unsigned	 mask = 0;
	size_t		 i;

	for (i = 0; i < a->npenalties; i++)
		mask |= a->penalties[i].emp_mask;
	if (mask == 0)
		mask = (1u << EMP__MAX) - 1;
	for (i = 0; i < EMP__MAX; i++)
		if ((mask & (1u << i)) != 0)
			json_object_array_add(arr, json_object_new_string(
			    emp_type_name((enum emp_type)i)));
	return arr;
}

/* The first overtime tier of employment e on day bit d, or NULL. */
static const struct award_overtime *
overtime_split(const struct award *a, enum emp_type e, int d)
{
	size_t	 i;

	for (i = 0; i < a->novertime; i++)
		if ((a->overtime[i].emp_mask & (1u << e)) != 0 &&
		    (a->overtime[i].day_mask & (1u << d)) != 0 &&
		    a->overtime[i].tier_units > 0)
			return &a->overtime[i];
	return NULL;
}

/* The award named in a path. */
struct award_ref {
	const struct award	*a;		/* NULL: no rules */
	const char		*title;
	char			 code[RULE_CODE_LEN];
	unsigned long long	 version;	/* of the rule data */
};

/*
 * The award named in the path: with rules, or only in the award list
 * (ref->a NULL).  Return 0, or -1 after answering 404 or 503.
 */
static int
award_find(struct api_request *r, struct award_ref *ref)
{
	const struct ruleset	*rs;
	const char		*s = r->param[0];

	if ((rs = calc_rules(r, &ref->version)) == NULL)
		return -1;
	calc_award_code(s, ref->code);
	ref->a = ruleset_award(rs, ref->code);
	ref->title = ref->a != NULL ? ref->a->title :
	    rules_cache_title(server_worker_rules(r->worker), ref->code);
	if (ref->title == NULL) {
		api_reply_error(r, HTTP_NOT_FOUND, NULL, "Award %s not found",
		    s);
		return -1;
	}
	return 0;
}

static json_object *
award_item(const char *code, const char *title, const struct award *a,
    unsigned long long version)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "award_code", json_object_new_string(code));
	json_object_object_add(o, "award_title",
	    json_object_new_string(title));
	json_object_object_add(o, "has_normalized_rules",
	    json_object_new_boolean(a != NULL));
	json_object_object_add(o, "classification_count",
	    json_object_new_int(a != NULL ? (int)a->nclasses : 0));
	json_object_object_add(o, "norm_version_id", a != NULL ?
	    json_object_new_int64((int64_t)version) : NULL);
	return o;
}

/*
 * GET /api/v1/awards: every modern award (the award list of the rule
 * data, and any award with rules that the list lacks), by code, with
 * whether the product calculates it.  200; 503 when no rule data is
 * loaded.
 */
void
h_awards_list(struct api_request *r)
{
	struct rules_cache	*c = server_worker_rules(r->worker);
	const struct ruleset	*rs;
	const struct award	*a;
	unsigned long long	 version;
	json_object		*arr;
	size_t			 i, j, na;

	if ((rs = calc_rules(r, &version)) == NULL)
		return;
	arr = json_object_new_array();
	na = ruleset_award_count(rs);
	/* Both lists are sorted by code: merge them. */
	for (i = 0, j = 0; i < c->nawards || j < na; ) {
		a = j < na ? ruleset_award_at(rs, j) : NULL;
		if (i < c->nawards && (a == NULL ||
		    strcmp(c->awards[i].code, a->code) < 0)) {
			json_object_array_add(arr, award_item(c->awards[i].code,
			    c->awards[i].title, NULL, version));
			i++;
			continue;
		}
		if (i < c->nawards && strcmp(c->awards[i].code, a->code) == 0)
			i++;
		json_object_array_add(arr, award_item(a->code, a->title, a,
		    version));
		j++;
	}
	api_reply_json(r, HTTP_OK, arr);
}

/*
 * GET /api/v1/awards/{code}[?date=YYYY-MM-DD]: the award, its
 * classifications with the rates in force on the date (today by
 * default), employment types, ordinary hours, casual loading, daily
 * maximum and overtime split.  An award without rules has only its
 * code, title and has_normalized_rules false.  200; 404 for a code
 * that is no modern award; 422 for a bad date; 503 when no rule data
 * is loaded.
 */
void
h_award_get(struct api_request *r)
{
	struct award_ref		 ref;
	const struct award		*a;
	const struct award_overtime	*ot;
	json_object			*o;
	int				 day;

	if (award_find(r, &ref) == -1 || query_date(r, &day) == -1)
		return;
	a = ref.a;
	o = json_object_new_object();
	json_object_object_add(o, "award_code",
	    json_object_new_string(ref.code));
	json_object_object_add(o, "award_title",
	    json_object_new_string(ref.title));
	json_object_object_add(o, "has_normalized_rules",
	    json_object_new_boolean(a != NULL));
	json_object_object_add(o, "norm_version_id", a != NULL ?
	    json_object_new_int64((int64_t)ref.version) : NULL);
	if (a == NULL) {
		json_object_object_add(o, "classifications",
		    json_object_new_array());
		api_reply_json(r, HTTP_OK, o);
		return;
	}
	json_object_object_add(o, "rules_version",
	    json_object_new_string(a->version));
	json_object_object_add(o, "rates_date", pay_json_date(day));
	json_object_object_add(o, "classifications",
	    classifications_json(a, day));
	json_object_object_add(o, "employment_types",
	    employment_types_json(a));
	json_object_object_add(o, "ordinary_hours_per_week",
	    hours_or_null(a->hours[EMP_FULL_TIME].week_units));
	json_object_object_add(o, "casual_loading_percent",
	    pay_json_percent(a->casual_loading));
	json_object_object_add(o, "daily_max_hours",
	    hours_or_null(a->hours[EMP_FULL_TIME].day_units));
	ot = overtime_split(a, EMP_FULL_TIME, WEEKDAY_MONDAY);
	json_object_object_add(o, "ot_split_hours",
	    ot != NULL ? pay_json_hours(ot->tier_units) : NULL);
	api_reply_json(r, HTTP_OK, o);
}

/*
 * GET /api/v1/awards/{code}/classifications[?date=]: the award's
 * classifications with the rates in force on the date (today by
 * default), as an array.  200 (an empty array for an award without
 * rules); 404 for a code that is no modern award; 422 for a bad date;
 * 503 when no rule data is loaded.
 */
void
h_award_classifications(struct api_request *r)
{
	struct award_ref	 ref;
	int			 day;

	if (award_find(r, &ref) == -1 || query_date(r, &day) == -1)
		return;
	api_reply_json(r, HTTP_OK, ref.a != NULL ?
	    classifications_json(ref.a, day) : json_object_new_array());
}

static json_object *
rate_years_json(const struct award *a)
{
	json_object	*arr = json_object_new_array(), *o;
	int		 seen[AWARD_MAX_RATES];
	size_t		 nseen = 0, i, j;

	for (i = 0; a != NULL && i < a->nrates; i++) {
		for (j = 0; j < nseen && seen[j] != a->rates[i].from; j++)
			continue;
		if (j < nseen)
			continue;
		seen[nseen++] = a->rates[i].from;
	}
	for (i = 0; i < nseen; i++) {
		int	 y, m, d;

		date_to_civil(seen[i], &y, &m, &d);
		o = json_object_new_object();
		json_object_object_add(o, "effective_from",
		    pay_json_date(seen[i]));
		json_object_object_add(o, "rate_year", json_object_new_int(
		    m >= 7 ? y : y - 1));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *
version_item(const char *id, const char *sha, const char *unix_time,
    unsigned long long current)
{
	json_object	*o = json_object_new_object();
	long long	 v = 0, t = 0;
	struct tm	 tm;
	time_t		 tt;
	char		 ts[TIMESTAMP_LEN];

	if (id != NULL)
		parse_long(id, 1, LLONG_MAX, &v);
	json_object_object_add(o, "version_id", json_object_new_int64(v));
	json_object_object_add(o, "content_sha256",
	    json_object_new_string(sha != NULL ? sha : ""));
	if (unix_time != NULL && parse_long(unix_time, 0, LLONG_MAX, &t) ==
	    0) {
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_object_add(o, "loaded_at",
		    json_object_new_string(ts));
	} else
		json_object_object_add(o, "loaded_at", NULL);
	json_object_object_add(o, "in_use", json_object_new_boolean(
	    (unsigned long long)v == current));
	return o;
}

/*
 * GET /api/v1/awards/{code}/versions: the rule data versions that hold
 * the award's rule file, newest first, each with the file's content
 * hash and when it was loaded, and the rate years of the version in
 * use.  200; 404 for a code that is no modern award; 503 when no rule
 * data is loaded or the database is down.
 */
void
h_award_versions(struct api_request *r)
{
	struct award_ref	 ref;
	const struct award	*a;
	struct db_result	 res;
	struct db_param		 p[1];
	json_object		*o, *arr;
	char			 file[FILE_NAME_LEN];
	size_t			 i;
	int			 rc;

	if (award_find(r, &ref) == -1)
		return;
	a = ref.a;
	snprintf(file, sizeof(file), "%s.rules", ref.code);
	p[0] = DB_STR(file);
	if ((rc = db_query(r->db, sql_versions, p, DB_NPARAMS(p),
	    VERSIONS_MAX, &res)) != DB_OK) {
		db_result_free(&res);
		api_reply_db_error(r, rc);
		return;
	}
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++)
		json_object_array_add(arr, version_item(
		    db_result_get(&res, i, 0), db_result_get(&res, i, 1),
		    db_result_get(&res, i, 2), ref.version));
	db_result_free(&res);

	o = json_object_new_object();
	json_object_object_add(o, "award_code",
	    json_object_new_string(ref.code));
	json_object_object_add(o, "has_normalized_rules",
	    json_object_new_boolean(a != NULL));
	json_object_object_add(o, "rules_version", a != NULL ?
	    json_object_new_string(a->version) : NULL);
	json_object_object_add(o, "versions", arr);
	json_object_object_add(o, "rate_years", rate_years_json(a));
	api_reply_json(r, HTTP_OK, o);
}
