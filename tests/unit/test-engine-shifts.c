/*
 * Hand-worked shifts for each of the five awards with rule data: a
 * Friday night into Saturday, a ten-hour Sunday with overtime, a short
 * shift under the minimum engagement, an under-18 casual, a public
 * holiday found from the state calendar, the two sides of the
 * 1 July 2025 rate change (and the pay period rule), and weekly
 * overtime from hours already worked.  Every figure is worked by hand
 * in the comment above it: hourly = weekly / 38 half-up to the cent,
 * rate = hourly x percent half-up, amount = rate x hours half-up.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

struct shift_case {
	const char	*name;
	const char	*award, *cls, *emp;
	const char	*date, *start, *end;
	int		 brk;
	int		 today_h, week_h;	/* whole hours already worked */
	const char	*state;			/* NULL: none */
	int		 age;			/* PAY_NONE: adult */
	const char	*pps;			/* pay period start, or NULL */
	long long	 gross;			/* cents */
	long long	 ot_centihours;		/* overtime hours x 100 */
	enum pay_day	 day;
	const char	*rates_from;
};

#define ADULT	PAY_NONE

static const struct shift_case cases[] = {
	/*
	 * Retail RE2, 2024 rates: 997.10 / 38 = 26.239 -> 26.24.
	 * Fri 20:00-21:00 evening 125%: 32.80 x 1 = 32.80.
	 * 21:00-24:00 outside the 7-21 span: overtime, first 3 hours
	 * 150%: 39.36 x 3 = 118.08.  Sat 00:00-02:00 outside the Saturday
	 * span: overtime after 3 hours 200%: 52.48 x 2 = 104.96.
	 * Gross 32.80 + 118.08 + 104.96 = 255.84.
	 */
	{ "Retail Friday night into Saturday", "MA000004", "RE2", "ft",
	  "2025-03-21", "20:00", "02:00", 0, 0, 0, NULL, ADULT, NULL,
	  25584, 500, PAY_DAY_WEEKDAY, "2024-07-01" },
	/*
	 * Retail Sunday 08:00-18:30, 30 min break (13:00-13:30): 10 h.
	 * 08:00-09:00 before the 9-18 Sunday span: overtime Sunday 200%
	 * 52.48 x 1 = 52.48.  09:00-18:00 less the break, 8.5 h Sunday
	 * 150%: 39.36 x 8.5 = 334.56.  18:00-18:30 after the span: 200%,
	 * 52.48 x 0.5 = 26.24.  Gross 52.48 + 334.56 + 26.24 = 413.28.
	 */
	{ "Retail ten-hour Sunday", "MA000004", "RE2", "ft",
	  "2025-03-23", "08:00", "18:30", 30, 0, 0, NULL, ADULT, NULL,
	  41328, 150, PAY_DAY_SUNDAY, "2024-07-01" },
	/*
	 * Retail casual 2 h, 3 h minimum: 125% = 32.80; 32.80 x 2 = 65.60
	 * plus a 1 h top-up 32.80.  Gross 98.40.
	 */
	{ "Retail casual under minimum engagement", "MA000004", "RE2",
	  "casual", "2025-03-19", "10:00", "12:00", 0, 0, 0, NULL, ADULT,
	  NULL, 9840, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/*
	 * Retail casual aged 17: 997.10 x 60% = 598.26; / 38 = 15.743 ->
	 * 15.74; x 125% = 19.675 -> 19.68; x 4 h = 78.72.
	 */
	{ "Retail casual aged 17", "MA000004", "RE2", "casual",
	  "2025-03-19", "10:00", "14:00", 0, 0, 0, NULL, 17, NULL,
	  7872, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/*
	 * Victorian Labour Day 2025-03-10 from the calendar, 7.5 h at
	 * 225%: 26.24 x 2.25 = 59.04; x 7.5 = 442.80.
	 */
	{ "Retail Labour Day in VIC", "MA000004", "RE2", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "VIC", ADULT, NULL,
	  44280, 0, PAY_DAY_PUBLIC_HOLIDAY, "2024-07-01" },
	/* The same day in NSW is no holiday: 26.24 x 7.5 = 196.80. */
	{ "Retail same day in NSW", "MA000004", "RE2", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "NSW", ADULT, NULL,
	  19680, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* 2025-06-30, old rates: 26.24 x 7.5 = 196.80. */
	{ "Retail 30 June 2025", "MA000004", "RE2", "ft",
	  "2025-06-30", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  19680, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* 2025-07-01, new rates: 1032.00 / 38 = 27.158 -> 27.16; x 7.5
	 * = 203.70. */
	{ "Retail 1 July 2025", "MA000004", "RE2", "ft",
	  "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  20370, 0, PAY_DAY_WEEKDAY, "2025-07-01" },
	/* Pay periods from Wed 2025-06-25: the first full period on or
	 * after 1 July starts 2025-07-02, so 1 July keeps 196.80. */
	{ "Retail 1 July 2025 inside a June pay period", "MA000004", "RE2",
	  "ft", "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT,
	  "2025-06-25", 19680, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/*
	 * 35 h already this week: 3 h ordinary 26.24 x 3 = 78.72; then
	 * 4.5 h overtime: first 3 h 150% 39.36 x 3 = 118.08, then 200%
	 * 52.48 x 1.5 = 78.72.  Gross 275.52.
	 */
	{ "Retail weekly overtime", "MA000004", "RE2", "ft",
	  "2025-03-19", "09:00", "17:00", 30, 0, 35, NULL, ADULT, NULL,
	  27552, 450, PAY_DAY_WEEKDAY, "2024-07-01" },

	/*
	 * Hospitality HI2, 2024: 949.20 / 38 = 24.979 -> 24.98.
	 * Fri 20:00-24:00 ordinary 24.98 x 4 = 99.92, plus 7 pm-midnight
	 * $2.72 x 4 = 10.88; Sat 00:00-02:00 125% = 31.225 -> 31.23, x 2
	 * = 62.46 (no weekday late loading on Saturday).  Gross 173.26.
	 */
	{ "Hospitality Friday night into Saturday", "MA000009", "HI2", "ft",
	  "2025-03-21", "20:00", "02:00", 0, 0, 0, NULL, ADULT, NULL,
	  17326, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/*
	 * Sunday 10 h with 30 h already this week: 8 h Sunday 150%
	 * 37.47 x 8 = 299.76; 2 h overtime Sunday 200% 49.96 x 2 = 99.92.
	 * Gross 399.68.
	 */
	{ "Hospitality ten-hour Sunday", "MA000009", "HI2", "ft",
	  "2025-03-23", "08:00", "18:30", 30, 0, 30, NULL, ADULT, NULL,
	  39968, 200, PAY_DAY_SUNDAY, "2024-07-01" },
	/* Part-time 2 h, 3 h minimum: 24.98 x 2 = 49.96 + 24.98 = 74.94. */
	{ "Hospitality part-time under minimum engagement", "MA000009",
	  "HI2", "pt", "2025-03-19", "10:00", "12:00", 0, 0, 0, NULL, ADULT,
	  NULL, 7494, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Casual aged 17: 949.20 x 60% = 569.52; / 38 = 14.987 -> 14.99;
	 * x 125% = 18.7375 -> 18.74; x 4 = 74.96. */
	{ "Hospitality casual aged 17", "MA000009", "HI2", "casual",
	  "2025-03-19", "10:00", "14:00", 0, 0, 0, NULL, 17, NULL,
	  7496, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* VIC Labour Day: 225% 24.98 x 2.25 = 56.205 -> 56.21; x 7.5 =
	 * 421.575 -> 421.58. */
	{ "Hospitality Labour Day in VIC", "MA000009", "HI2", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "VIC", ADULT, NULL,
	  42158, 0, PAY_DAY_PUBLIC_HOLIDAY, "2024-07-01" },
	/* 24.98 x 7.5 = 187.35. */
	{ "Hospitality 30 June 2025", "MA000009", "HI2", "ft",
	  "2025-06-30", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  18735, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* 982.40 / 38 = 25.853 -> 25.85; x 7.5 = 193.875 -> 193.88. */
	{ "Hospitality 1 July 2025", "MA000009", "HI2", "ft",
	  "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  19388, 0, PAY_DAY_WEEKDAY, "2025-07-01" },
	/* 35 h this week: 24.98 x 3 = 74.94; OT first 2 h 150% 37.47 x 2
	 * = 74.94; after 200% 49.96 x 2.5 = 124.90.  Gross 274.78. */
	{ "Hospitality weekly overtime", "MA000009", "HI2", "ft",
	  "2025-03-19", "09:00", "17:00", 30, 0, 35, NULL, ADULT, NULL,
	  27478, 450, PAY_DAY_WEEKDAY, "2024-07-01" },

	/*
	 * Restaurant RI3, 2024: 980.40 / 38 = 25.8 -> 25.80.
	 * Fri 20:00-24:00 ordinary 25.80 x 4 = 103.20, plus 10 pm-midnight
	 * $2.72 x 2 = 5.44; Sat 00:00-02:00 125% 32.25 x 2 = 64.50.
	 * Gross 173.14.
	 */
	{ "Restaurant Friday night into Saturday", "MA000119", "RI3", "ft",
	  "2025-03-21", "20:00", "02:00", 0, 0, 0, NULL, ADULT, NULL,
	  17314, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Sunday 10 h, 30 h this week: 150% 38.70 x 8 = 309.60; OT 200%
	 * 51.60 x 2 = 103.20.  Gross 412.80. */
	{ "Restaurant ten-hour Sunday", "MA000119", "RI3", "ft",
	  "2025-03-23", "08:00", "18:30", 30, 0, 30, NULL, ADULT, NULL,
	  41280, 200, PAY_DAY_SUNDAY, "2024-07-01" },
	/* Casual 1.5 h, 2 h minimum: 125% = 32.25; 32.25 x 1.5 = 48.375
	 * -> 48.38; top-up 32.25 x 0.5 = 16.125 -> 16.13.  Gross 64.51. */
	{ "Restaurant casual under minimum engagement", "MA000119", "RI3",
	  "casual", "2025-03-19", "10:00", "11:30", 0, 0, 0, NULL, ADULT,
	  NULL, 6451, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Casual aged 17: 980.40 x 60% = 588.24; / 38 = 15.48; x 125% =
	 * 19.35; x 4 = 77.40. */
	{ "Restaurant casual aged 17", "MA000119", "RI3", "casual",
	  "2025-03-19", "10:00", "14:00", 0, 0, 0, NULL, 17, NULL,
	  7740, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* VIC Labour Day 225%: 25.80 x 2.25 = 58.05; x 7.5 = 435.375 ->
	 * 435.38. */
	{ "Restaurant Labour Day in VIC", "MA000119", "RI3", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "VIC", ADULT, NULL,
	  43538, 0, PAY_DAY_PUBLIC_HOLIDAY, "2024-07-01" },
	/* 25.80 x 7.5 = 193.50. */
	{ "Restaurant 30 June 2025", "MA000119", "RI3", "ft",
	  "2025-06-30", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  19350, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* 1014.70 / 38 = 26.702 -> 26.70; x 7.5 = 200.25. */
	{ "Restaurant 1 July 2025", "MA000119", "RI3", "ft",
	  "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  20025, 0, PAY_DAY_WEEKDAY, "2025-07-01" },
	/* 35 h this week: 25.80 x 3 = 77.40; 150% 38.70 x 2 = 77.40;
	 * 200% 51.60 x 2.5 = 129.00.  Gross 283.80. */
	{ "Restaurant weekly overtime", "MA000119", "RI3", "ft",
	  "2025-03-19", "09:00", "17:00", 30, 0, 35, NULL, ADULT, NULL,
	  28380, 450, PAY_DAY_WEEKDAY, "2024-07-01" },

	/*
	 * Clerks L2Y1, 2024: 1032.30 / 38 = 27.166 -> 27.17.  Fri
	 * 20:00-02:00 is wholly outside the 7-19 / Saturday 7-12.30 span:
	 * overtime first 2 h 150% 40.755 -> 40.76 x 2 = 81.52; then 200%
	 * 54.34 x 4 = 217.36.  Gross 298.88.
	 */
	{ "Clerks Friday night into Saturday", "MA000002", "L2Y1", "ft",
	  "2025-03-21", "20:00", "02:00", 0, 0, 0, NULL, ADULT, NULL,
	  29888, 600, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Sunday 10 h, 30 h this week: 200% 54.34 x 8 = 434.72; OT
	 * Sunday 200% 54.34 x 2 = 108.68.  Gross 543.40. */
	{ "Clerks ten-hour Sunday", "MA000002", "L2Y1", "ft",
	  "2025-03-23", "08:00", "18:30", 30, 0, 30, NULL, ADULT, NULL,
	  54340, 200, PAY_DAY_SUNDAY, "2024-07-01" },
	/* Casual 2 h, 3 h minimum: 125% 33.9625 -> 33.96; x 3 = 101.88. */
	{ "Clerks casual under minimum engagement", "MA000002", "L2Y1",
	  "casual", "2025-03-19", "10:00", "12:00", 0, 0, 0, NULL, ADULT,
	  NULL, 10188, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Casual 17: 1032.30 x 60% = 619.38; / 38 = 16.2995 -> 16.30;
	 * x 125% = 20.375 -> 20.38; x 4 = 81.52. */
	{ "Clerks casual aged 17", "MA000002", "L2Y1", "casual",
	  "2025-03-19", "10:00", "14:00", 0, 0, 0, NULL, 17, NULL,
	  8152, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* VIC Labour Day 250%: 27.17 x 2.5 = 67.925 -> 67.93; x 7.5 =
	 * 509.475 -> 509.48. */
	{ "Clerks Labour Day in VIC", "MA000002", "L2Y1", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "VIC", ADULT, NULL,
	  50948, 0, PAY_DAY_PUBLIC_HOLIDAY, "2024-07-01" },
	/* 27.17 x 7.5 = 203.775 -> 203.78. */
	{ "Clerks 30 June 2025", "MA000002", "L2Y1", "ft",
	  "2025-06-30", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  20378, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* 1068.40 / 38 = 28.116 -> 28.12; x 7.5 = 210.90. */
	{ "Clerks 1 July 2025", "MA000002", "L2Y1", "ft",
	  "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  21090, 0, PAY_DAY_WEEKDAY, "2025-07-01" },
	/* 35 h this week: 27.17 x 3 = 81.51; 150% 40.76 x 2 = 81.52;
	 * 200% 54.34 x 2.5 = 135.85.  Gross 298.88. */
	{ "Clerks weekly overtime", "MA000002", "L2Y1", "ft",
	  "2025-03-19", "09:00", "17:00", 30, 0, 35, NULL, ADULT, NULL,
	  29888, 450, PAY_DAY_WEEKDAY, "2024-07-01" },

	/*
	 * Fast Food FF2, 2024: 1032.30 / 38 -> 27.17.  Fri 20:00-22:00
	 * ordinary 27.17 x 2 = 54.34; 22:00-24:00 110% 29.887 -> 29.89 x 2
	 * = 59.78; Sat 00:00-02:00 125% 33.9625 -> 33.96 x 2 = 67.92.
	 * Gross 182.04.
	 */
	{ "Fast Food Friday night into Saturday", "MA000003", "FF2", "ft",
	  "2025-03-21", "20:00", "02:00", 0, 0, 0, NULL, ADULT, NULL,
	  18204, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Sunday 10 h, 30 h this week, Level 2 Sunday 150%: 40.755 ->
	 * 40.76 x 8 = 326.08; OT 200% 54.34 x 2 = 108.68.  Gross 434.76. */
	{ "Fast Food ten-hour Sunday", "MA000003", "FF2", "ft",
	  "2025-03-23", "08:00", "18:30", 30, 0, 30, NULL, ADULT, NULL,
	  43476, 200, PAY_DAY_SUNDAY, "2024-07-01" },
	/* Casual 2 h, 3 h minimum: 33.96 x 3 = 101.88. */
	{ "Fast Food casual under minimum engagement", "MA000003", "FF2",
	  "casual", "2025-03-19", "10:00", "12:00", 0, 0, 0, NULL, ADULT,
	  NULL, 10188, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* Casual 17: as Clerks L2Y1 (same weekly rate): 81.52. */
	{ "Fast Food casual aged 17", "MA000003", "FF2", "casual",
	  "2025-03-19", "10:00", "14:00", 0, 0, 0, NULL, 17, NULL,
	  8152, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	/* VIC Labour Day 225%: 27.17 x 2.25 = 61.1325 -> 61.13; x 7.5 =
	 * 458.475 -> 458.48. */
	{ "Fast Food Labour Day in VIC", "MA000003", "FF2", "ft",
	  "2025-03-10", "09:00", "17:00", 30, 0, 0, "VIC", ADULT, NULL,
	  45848, 0, PAY_DAY_PUBLIC_HOLIDAY, "2024-07-01" },
	{ "Fast Food 30 June 2025", "MA000003", "FF2", "ft",
	  "2025-06-30", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  20378, 0, PAY_DAY_WEEKDAY, "2024-07-01" },
	{ "Fast Food 1 July 2025", "MA000003", "FF2", "ft",
	  "2025-07-01", "09:00", "17:00", 30, 0, 0, NULL, ADULT, NULL,
	  21090, 0, PAY_DAY_WEEKDAY, "2025-07-01" },
	/* As Clerks: 81.51 + 81.52 + 135.85 = 298.88. */
	{ "Fast Food weekly overtime", "MA000003", "FF2", "ft",
	  "2025-03-19", "09:00", "17:00", 30, 0, 35, NULL, ADULT, NULL,
	  29888, 450, PAY_DAY_WEEKDAY, "2024-07-01" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, 0, NULL,
	  0, 0, PAY_DAY_WEEKDAY, NULL }
};

static int
case_request(const struct shift_case *sc, struct pay_request *req)
{
	pay_request_init(req);
	snprintf(req->award_code, sizeof(req->award_code), "%s", sc->award);
	snprintf(req->class_code, sizeof(req->class_code), "%s", sc->cls);
	req->break_min = sc->brk;
	req->today_units = sc->today_h * HOUR_UNITS;
	req->week_units = sc->week_h * HOUR_UNITS;
	req->age = sc->age;
	if (emp_type_parse(sc->emp, &req->emp) == -1 ||
	    date_parse_iso(sc->date, &req->work_date) == -1 ||
	    time_parse(sc->start, &req->start_min) == -1 ||
	    time_parse(sc->end, &req->end_min) == -1)
		return -1;
	if (sc->state != NULL && au_state_parse(sc->state, &req->state) == -1)
		return -1;
	if (sc->pps != NULL &&
	    date_parse_iso(sc->pps, &req->pay_period_start) == -1)
		return -1;
	return 0;
}

static void
case_run(const struct ruleset *rs, const struct shift_case *sc)
{
	struct pay_request	 req;
	struct pay_result	 res;
	char			 err[256], from[DATE_STRLEN];

	if (case_request(sc, &req) == -1) {
		ok(0, "%s: request readable", sc->name);
		return;
	}
	if (pay_calculate(rs, &req, &res, err, sizeof(err)) != PAY_OK) {
		ok(0, "%s: %s", sc->name, err);
		return;
	}
	is_int(res.gross_cents, sc->gross, "%s: gross", sc->name);
	is_int(res.overtime_units * 100 / HOUR_UNITS, sc->ot_centihours,
	    "%s: overtime hours", sc->name);
	is_str(pay_day_name(res.day), pay_day_name(sc->day),
	    "%s: day classification", sc->name);
	date_format(res.rates_from, from);
	is_str(from, sc->rates_from, "%s: rates effective from", sc->name);
}

/* A few lines of the Friday night shifts, by category and clause. */
static void
lines_check(const struct ruleset *rs)
{
	struct pay_request	 req;
	struct pay_result	 res;
	char			 err[256];

	if (case_request(&cases[10], &req) == -1 ||
	    pay_calculate(rs, &req, &res, err, sizeof(err)) != PAY_OK) {
		ok(0, "Hospitality Friday night calculates");
		return;
	}
	is_int(res.nlines, 3, "Hospitality Friday night has 3 lines");
	is_str(res.lines[1].code, "LATE_EVENING", "late evening loading");
	is_int(res.lines[1].rate_cents, 272, "loading is $2.72 an hour");
	is_str(res.lines[2].start, "00:00", "Saturday part starts 00:00");
	is_str(res.lines[2].code, "SATURDAY", "Saturday part at Saturday");
	is_int(res.sum_cents[PAY_CAT_PENALTY], 1088 + 6246,
	    "penalty sum 10.88 + 62.46");
	is_int(res.sum_cents[PAY_CAT_ORDINARY], 9992, "ordinary sum 99.92");
}

int
main(void)
{
	struct ruleset	*rs;
	size_t		 i;

	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	for (i = 0; cases[i].name != NULL; i++)
		case_run(rs, &cases[i]);
	lines_check(rs);
	ruleset_free(rs);
	return tap_done();
}
