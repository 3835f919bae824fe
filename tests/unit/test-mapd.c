/*
 * The MAPD import: the Commission's Retail exports (tests/engine/mapd)
 * loaded into the award's rule file give the rates the shipped file
 * has, for every level and both rate years, and the engine pays a
 * sample of shifts the same with either file; a rule file missing a
 * year gets it back; a penalty, overtime or junior percent that the
 * export contradicts is reported.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "common/buf.h"
#include "common/datetime.h"
#include "engine/mapd.h"
#include "engine/pay.h"
#include "engine/pay_json.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

#define MAPD_DIR	"tests/engine/mapd"
#define RULES_FILE	"sql/rules/MA000004.rules"
#define HOLIDAYS_FILE	"sql/rules/holidays.rules"
#define RULES_NAME	"MA000004.rules"
#define AWARD		"MA000004"
#define LEVELS		8
#define ERR_LEN		512
#define PATH_LEN	1024

static const char *const years[] = { "2024-07-01", "2025-07-01" };

/* The shifts paid with both files: every kind of line the award has. */
struct sample {
	const char	*cls, *emp, *worker, *date, *start, *end;
	int		 brk, age, ph;
	const char	*extra;		/* a claimed allowance, or NULL */
};

static const struct sample samples[] = {
	{ "RE2", "ft", "non_shiftworker", "2026-03-21", "09:00", "17:00",
	    30, PAY_NONE, 0, NULL },
	{ "RE1", "casual", "non_shiftworker", "2024-11-13", "16:00", "21:00",
	    0, PAY_NONE, 0, NULL },
	{ "RE3", "pt", "non_shiftworker", "2025-11-16", "10:00", "12:00",
	    0, PAY_NONE, 0, NULL },
	{ "RE4", "ft", "non_shiftworker", "2025-12-25", "08:00", "16:00",
	    30, PAY_NONE, 1, NULL },
	{ "RE5", "ft", "shiftworker", "2024-09-04", "22:00", "06:00",
	    30, PAY_NONE, 0, NULL },
	{ "RE6", "casual", "shiftworker", "2025-08-09", "06:00", "14:00",
	    30, PAY_NONE, 0, NULL },
	{ "RE7", "ft", "non_shiftworker", "2024-10-02", "07:00", "20:00",
	    60, PAY_NONE, 0, "MEAL" },
	{ "RE8", "pt", "non_shiftworker", "2025-10-01", "09:00", "17:00",
	    30, PAY_NONE, 0, "VEHICLE" },
	{ "RE1", "casual", "non_shiftworker", "2025-07-05", "09:00", "13:00",
	    0, 17, 0, NULL },
	{ "RE2", "ft", "non_shiftworker", "2024-07-01", "09:00", "17:00",
	    30, 19, 0, "LAUNDRY_FT" },
	{ "RE4", "ft", "non_shiftworker", "2025-06-30", "09:00", "19:00",
	    30, PAY_NONE, 0, "FIRST_AID" },
	{ "RE4", "casual", "non_shiftworker", "2025-07-01", "09:00", "17:00",
	    30, PAY_NONE, 0, "COLD_WORK" },
};

static char *
read_rel(const char *rel, size_t *len)
{
	char	*t = load_text(rel, len);

	if (t == NULL)
		printf("# cannot read %s\n", rel);
	return t;
}

/* The four Retail exports. */
static struct mapd *
exports_load(void)
{
	static const char *const files[] = {
		"MA000004_payrates_2024_2025.csv",
		"MA000004_penalties_2024_2025.csv",
		"MA000004_wage_allowances_2024_2025.csv",
		"MA000004_expense_allowances_2024_2025.csv", NULL
	};
	struct mapd	*m = mapd_new();
	char		 rel[PATH_LEN], err[ERR_LEN];
	char		*text;
	size_t		 i, len;
	int		 k;

	for (i = 0; m != NULL && files[i] != NULL; i++) {
		k = mapd_kind_of(files[i], AWARD, NULL);
		ok(k >= 0, "%s is a MAPD export", files[i]);
		snprintf(rel, sizeof(rel), "%s/%s", MAPD_DIR, files[i]);
		if (k < 0 || (text = read_rel(rel, &len)) == NULL)
			continue;
		if (!ok(mapd_add(m, (enum mapd_kind)k, files[i], text, len,
		    err, sizeof(err)) == 0, "%s read", files[i]))
			printf("# %s\n", err);
		free(text);
	}
	return m;
}

/* A ruleset of one rule file's text and the holiday calendar. */
static struct ruleset *
rules_of(const char *text, size_t len)
{
	struct ruleset	*rs = ruleset_new();
	char		 err[ERR_LEN];
	char		*hol;
	size_t		 hlen;

	if (rs == NULL || ruleset_add(rs, RULES_NAME, text, len, err,
	    sizeof(err)) == -1) {
		printf("# %s\n", rs == NULL ? "out of memory" : err);
		ruleset_free(rs);
		return NULL;
	}
	if ((hol = read_rel(HOLIDAYS_FILE, &hlen)) != NULL) {
		if (ruleset_add(rs, "holidays.rules", hol, hlen, err,
		    sizeof(err)) == -1)
			printf("# %s\n", err);
		free(hol);
	}
	return rs;
}

/* The text without the lines that hold every one of the words. */
static char *
text_without(const char *text, const char *w1, const char *w2)
{
	struct buf	 b;
	const char	*p, *nl;
	size_t		 n;

	buf_init(&b, 0);
	for (p = text; *p != '\0'; p += n) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) + 1 : strlen(p);
		if (memmem(p, n, w1, strlen(w1)) != NULL &&
		    memmem(p, n, w2, strlen(w2)) != NULL)
			continue;
		buf_append(&b, p, n);
	}
	return buf_release(&b);
}

/* The text with the first "from" replaced by "to". */
static char *
text_replace(const char *text, const char *from, const char *to)
{
	struct buf	 b;
	const char	*at = strstr(text, from);

	buf_init(&b, 0);
	if (at == NULL) {
		buf_puts(&b, text);
		return buf_release(&b);
	}
	buf_append(&b, text, (size_t)(at - text));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	return buf_release(&b);
}

static int
update(const struct mapd *m, const char *text, struct buf *out,
    struct buf *log, struct mapd_report *rep)
{
	char	 err[ERR_LEN];

	buf_init(out, 0);
	buf_init(log, 0);
	if (mapd_update(m, RULES_NAME, text, strlen(text), out, log, rep, err,
	    sizeof(err)) == -1) {
		printf("# %s\n", err);
		return -1;
	}
	return 0;
}

/* Every level's weekly rate in both years, the same in both sets. */
static void
rates_compare(const struct ruleset *want, const struct ruleset *got,
    const char *what)
{
	const struct award	*wa = ruleset_award(want, AWARD);
	const struct award	*ga = ruleset_award(got, AWARD);
	const struct award_rate	*wr, *gr;
	char			 code[RULE_CODE_LEN];
	size_t			 y;
	int			 lvl, day, same = 0, n = 0;

	if (!ok(wa != NULL && ga != NULL, "%s: both have the award", what))
		return;
	for (lvl = 1; lvl <= LEVELS; lvl++)
		for (y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
			snprintf(code, sizeof(code), "RE%d", lvl);
			date_parse_iso(years[y], &day);
			n++;
			if (award_rate_at(wa, award_class_find(wa, code), day,
			    &wr) == 0 && award_rate_at(ga,
			    award_class_find(ga, code), day, &gr) == 0 &&
			    wr->from == day && gr->from == day &&
			    wr->weekly_cents == gr->weekly_cents)
				same++;
			else
				printf("# %s from %s differs\n", code,
				    years[y]);
		}
	is_int(same, n, "%s: RE1..RE8, both years: the weekly rates of "
	    "the shipped file", what);
}

static int
sample_request(const struct sample *s, struct pay_request *req)
{
	pay_request_init(req);
	snprintf(req->award_code, sizeof(req->award_code), AWARD);
	snprintf(req->class_code, sizeof(req->class_code), "%s", s->cls);
	req->break_min = s->brk;
	req->age = s->age;
	req->is_public_holiday = s->ph;
	if (s->extra != NULL) {
		snprintf(req->extra[0].code, sizeof(req->extra[0].code), "%s",
		    s->extra);
		req->extra[0].quantity = PAY_QTY_SCALE;
		req->nextra = 1;
	}
	if (emp_type_parse(s->emp, &req->emp) == -1 ||
	    worker_type_parse(s->worker, &req->worker) == -1 ||
	    date_parse_iso(s->date, &req->work_date) == -1 ||
	    time_parse(s->start, &req->start_min) == -1 ||
	    time_parse(s->end, &req->end_min) == -1)
		return -1;
	return 0;
}

/* The pay result as the API prints it, or an error's text. */
static char *
pay_text(const struct ruleset *rs, const struct pay_request *req)
{
	struct pay_result	 res;
	json_object		*o;
	char			 err[ERR_LEN];
	char			*t;

	if (pay_calculate(rs, req, &res, err, sizeof(err)) != PAY_OK)
		return strdup(err);
	o = pay_json_result(&res, NULL);
	t = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return t;
}

static void
shifts_compare(const struct ruleset *want, const struct ruleset *got,
    const char *what)
{
	struct pay_request	 req;
	char			*a, *b;
	size_t			 i, n = sizeof(samples) / sizeof(samples[0]);
	int			 same = 0;

	for (i = 0; i < n; i++) {
		if (sample_request(&samples[i], &req) == -1)
			continue;
		a = pay_text(want, &req);
		b = pay_text(got, &req);
		if (a != NULL && b != NULL && strcmp(a, b) == 0 &&
		    strstr(a, "\"gross_pay\"") != NULL)
			same++;
		else
			printf("# sample %zu:\n#  want %s\n#  got  %s\n", i,
			    a, b);
		free(a);
		free(b);
	}
	is_int(same, n, "%s: %zu sample shifts paid the same to the cent",
	    what, n);
}

/* The shipped file again: nothing changes, nothing contradicts it. */
static void
test_shipped(const struct mapd *m, const char *shipped,
    const struct ruleset *want)
{
	struct mapd_report	 rep;
	struct buf		 out, log;
	struct ruleset		*got;

	if (!ok(update(m, shipped, &out, &log, &rep) == 0,
	    "the shipped file updates"))
		return;
	ok(out.data != NULL && strcmp(out.data, shipped) == 0,
	    "the export gives the shipped file back, byte for byte");
	is_int(rep.rates_same, LEVELS * 2, "16 rates confirmed");
	is_int(rep.rates_changed + rep.rates_added, 0, "no rate changed");
	is_int(rep.amounts_same, 7, "7 expense amounts confirmed");
	is_int(rep.amounts_changed + rep.amounts_added, 0,
	    "no amount changed");
	is_int(rep.mismatches, 0, "no percent contradicted");
	ok(rep.checked > 600, "the adult penalty, overtime and allowance "
	    "percentages checked (%zu)", rep.checked);
	ok(log.data != NULL && strstr(log.data, "not modelled: penalty") !=
	    NULL && strstr(log.data, "(BPE)") != NULL,
	    "the baking production rates are named as not modelled");
	ok(log.data != NULL && strstr(log.data, "not modelled: junior rate "
	    "\"Retail Employee Level 1: 20 years of age and employed by the "
	    "employer for more than 6 months\"\n") != NULL,
	    "so is a 20-year-old's rate after 6 months' service");
	if ((got = rules_of(out.data, out.len)) != NULL) {
		rates_compare(want, got, "shipped");
		shifts_compare(want, got, "shipped");
	}
	ruleset_free(got);
	buf_free(&out);
	buf_free(&log);
}

/* A file without the 2025 rate year, and one 2024 rate wrong. */
static void
test_new_year(const struct mapd *m, const char *shipped,
    const struct ruleset *want)
{
	struct mapd_report	 rep;
	struct buf		 out, log;
	struct ruleset		*got;
	char			*t1, *t2, *old;

	t1 = text_without(shipped, "rate ", "from=2025-07-01");
	t2 = text_without(t1, "amount ", "from=2025-07-01");
	old = text_replace(t2, "from=2024-07-01 weekly=974.80",
	    "from=2024-07-01 weekly=970.00");
	free(t1);
	free(t2);
	if (!ok(update(m, old, &out, &log, &rep) == 0,
	    "a file of the year before updates")) {
		free(old);
		return;
	}
	is_int(rep.rates_added, LEVELS, "8 rates added");
	is_int(rep.rates_changed, 1, "1 rate corrected");
	is_int(rep.amounts_added, 2, "2 meal allowance amounts added");
	ok(log.data != NULL && strstr(log.data, "changed: rate RE1 from "
	    "2024-07-01: 970.00 to 974.80\n") != NULL, "the correction is "
	    "logged");
	ok(strstr(out.data, "version=2025-07-01.2") != NULL,
	    "the version: the next one of the rate year");
	ok(strstr(out.data, "rate class=RE8 from=2024-07-01 weekly=1191.50 "
	    "clause=17.1\nrate class=RE8 from=2025-07-01 weekly=1233.20 "
	    "clause=17.1\n") != NULL, "a new rate goes after its class's");
	if ((got = rules_of(out.data, out.len)) != NULL) {
		rates_compare(want, got, "imported");
		shifts_compare(want, got, "imported");
	}
	ruleset_free(got);
	buf_free(&out);
	buf_free(&log);
	free(old);
}

/* Hand-written percentages the export contradicts. */
static void
test_mismatch(const struct mapd *m, const char *shipped)
{
	struct mapd_report	 rep;
	struct buf		 out, log;
	char			*t1, *t2;

	t1 = text_replace(shipped, "days=sun percent=175 clause=22.1",
	    "days=sun percent=170 clause=22.1");
	t2 = text_replace(t1, "days=sun percent=200 clause=21.3",
	    "days=sun percent=210 clause=21.3");
	free(t1);
	if (!ok(update(m, t2, &out, &log, &rep) == 0,
	    "a file with wrong percentages updates")) {
		free(t2);
		return;
	}
	is_int(rep.mismatches, 3, "3 mismatches: casual Sunday, and "
	    "full-time and part-time Sunday overtime");
	ok(log.data != NULL && strstr(log.data, "mismatch: Sunday ordinary "
	    "hours (casual) (line ") != NULL && strstr(log.data, "is 170% "
	    "for casual non_shiftworker; the MAPD export says 175%") != NULL,
	    "the casual Sunday penalty is named with both percentages");
	ok(log.data != NULL && strstr(log.data, "mismatch: Overtime Sunday "
	    "(line ") != NULL, "the overtime tier is named");
	ok(out.data != NULL && strstr(out.data, "percent=170") != NULL,
	    "the hand-written line is left as it is");
	buf_free(&out);
	buf_free(&log);
	free(t2);
}

/* A junior percent the export's junior rates contradict. */
static void
test_junior_mismatch(const struct mapd *m, const char *shipped)
{
	struct mapd_report	 rep;
	struct buf		 out, log;
	char			*t;

	t = text_replace(shipped, "max_age=16 classes=RE1,RE2,RE3 percent=50",
	    "max_age=16 classes=RE1,RE2,RE3 percent=55");
	if (!ok(update(m, t, &out, &log, &rep) == 0,
	    "a file with a wrong junior percent updates")) {
		free(t);
		return;
	}
	is_int(rep.mismatches, 6, "6 mismatches: 16-year-olds at three "
	    "levels in two years");
	ok(log.data != NULL && strstr(log.data, "mismatch: RE1 at 16 from "
	    "2025-07-01 is 554.90 a week by the rules (junior line ") !=
	    NULL && strstr(log.data, "the MAPD export says 504.45 (16 years "
	    "of age)\n") != NULL, "the junior rate is named with both "
	    "figures");
	buf_free(&out);
	buf_free(&log);
	free(t);
}

static void
test_refusals(void)
{
	struct mapd	*m = mapd_new();
	char		 err[ERR_LEN];
	static const char no_rate[] =
	    "totalCount,data__classification,data__operative_from\n"
	    ",Retail Employee Level 1,2025-07-01\n";
	static const char bad_date[] =
	    "classification,parent_classification_name,"
	    "employee_rate_type_code,base_rate_type,classification_level,"
	    "operative_from,base_rate\n"
	    "Retail Employee Level 1,null,AD,Weekly,1,2025-13-01,1008.9\n";

	is_int(mapd_kind_of("MA000004_payrates_2024_2025.csv", AWARD, NULL),
	    MAPD_PAYRATES, "a pay rates export by its name");
	is_int(mapd_kind_of("ma000004_penalties.csv", AWARD, NULL),
	    MAPD_PENALTIES, "the award code in any case, no years");
	is_int(mapd_kind_of("MA000009_payrates_2025.csv", AWARD, NULL), -1,
	    "another award's export is not taken");
	is_int(mapd_kind_of("MA000004_rates_2025.csv", NULL, NULL), -1,
	    "an unknown kind is not an export");
	is_int(mapd_kind_of("MA000004_payrates_2025.txt", NULL, NULL), -1,
	    "only .csv files");
	ok(mapd_add(m, MAPD_PAYRATES, "x.csv", no_rate, strlen(no_rate), err,
	    sizeof(err)) == -1 && strstr(err, "no parent_classification_name "
	    "column") != NULL, "a missing column is named: %s", err);
	ok(mapd_add(m, MAPD_PAYRATES, "y.csv", bad_date, strlen(bad_date),
	    err, sizeof(err)) == -1 && strcmp(err, "y.csv:2: "
	    "operative_from: not a date") == 0, "a bad date is named with "
	    "its line: %s", err);
	is_int(mapd_rows(m, MAPD_PAYRATES), 0, "a refused file adds no rows");
	mapd_free(m);
}

int
main(void)
{
	struct mapd	*m;
	struct ruleset	*want;
	char		*shipped;
	size_t		 len;

	test_refusals();
	if ((shipped = read_rel(RULES_FILE, &len)) == NULL ||
	    (m = exports_load()) == NULL ||
	    (want = load_rules()) == NULL) {
		ok(0, "the shipped rules and the exports load");
		return tap_done();
	}
	is_int(mapd_rows(m, MAPD_PAYRATES), 100, "100 pay rate rows");
	is_int(mapd_rows(m, MAPD_PENALTIES), 2204, "2204 penalty rows");
	is_int(mapd_rows(m, MAPD_WAGE_ALLOWANCES), 10, "10 wage allowances");
	is_int(mapd_rows(m, MAPD_EXPENSE_ALLOWANCES), 10,
	    "10 expense allowances");
	test_shipped(m, shipped, want);
	test_new_year(m, shipped, want);
	test_mismatch(m, shipped);
	test_junior_mismatch(m, shipped);
	ruleset_free(want);
	mapd_free(m);
	free(shipped);
	return tap_done();
}
