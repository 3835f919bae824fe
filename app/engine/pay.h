/*
 * The pay calculation: the award minimum for one shift, as the
 * contract's pay result (SPEC.md, "Calculate pay").  Pure and
 * reentrant: no I/O, no allocation, no shared state.  Money is
 * integer cents, hours are units of 1/30000 hour (HOUR_UNITS),
 * percentages are hundredths (12500 is 125%).
 */
#ifndef AWARD_PAY_H
#define AWARD_PAY_H

#include <limits.h>
#include <stddef.h>

#include "engine/ruleset.h"

#define PAY_ENGINE_VERSION	"1.0.0"

#define PAY_MAX_LINES		32
#define PAY_MAX_WARNINGS	8
#define PAY_WARNING_LEN		128
#define PAY_MAX_EXTRA		8
#define PAY_MAX_TRACE		96
#define PAY_TIME_LEN		6	/* "HH:MM" */
#define PAY_DATE_NONE		INT_MIN
#define PAY_NONE		(-1)
/* Allowance quantities are hundredths: 12.5 km is 1250. */
#define PAY_QTY_SCALE		100
#define PAY_QTY_MAX		(1000000LL * PAY_QTY_SCALE)
/* The oldest a worker may be said to be. */
#define PAY_AGE_MAX		120

enum pay_error {
	PAY_OK,
	PAY_ERR_AWARD,		/* award not available */
	PAY_ERR_CLASS,		/* classification not in the award */
	PAY_ERR_NO_RATE,	/* no rate in force on the date */
	PAY_ERR_INPUT,		/* the request itself is invalid */
	PAY_ERR_CAPACITY,	/* more line items than the result holds */
	PAY_ERR__MAX
};

enum pay_category {
	PAY_CAT_ORDINARY,
	PAY_CAT_PENALTY,
	PAY_CAT_OVERTIME,
	PAY_CAT_MINIMUM_ENGAGEMENT,
	PAY_CAT_ALLOWANCE,
	PAY_CAT__MAX
};

enum pay_day {
	PAY_DAY_WEEKDAY,
	PAY_DAY_SATURDAY,
	PAY_DAY_SUNDAY,
	PAY_DAY_PUBLIC_HOLIDAY,
	PAY_DAY__MAX
};

/* An additional allowance: code and quantity (0: "true"). */
struct pay_extra {
	char		 code[RULE_CODE_LEN];
	long long	 quantity;		/* PAY_QTY_SCALE */
};

struct pay_request {
	char		 award_code[RULE_CODE_LEN];
	char		 class_code[RULE_CODE_LEN];
	enum emp_type	 emp;
	enum worker_type worker;
	int		 work_date;		/* day number */
	int		 start_min;		/* PAY_NONE, or 0..1439 */
	int		 end_min;		/* <= start: the next day */
	long long	 total_units;		/* PAY_NONE; wins over times */
	int		 break_min;
	long long	 today_units;		/* already worked today */
	long long	 week_units;		/* already worked this week */
	int		 is_public_holiday;
	enum au_state	 state;
	int		 age;			/* PAY_NONE: adult */
	int		 pay_period_start;	/* PAY_DATE_NONE */
	int		 first_aid;
	int		 laundry;
	int		 meal;
	struct pay_extra extra[PAY_MAX_EXTRA];
	size_t		 nextra;
	long long	 actual_cents;		/* PAY_NONE: not known */
};

struct pay_line {
	enum pay_category category;
	const char	*code;		/* these three live in the ruleset */
	const char	*description;
	const char	*clause;
	char		 start[PAY_TIME_LEN];	/* "" without times */
	char		 end[PAY_TIME_LEN];
	int		 date;		/* day the hours fall on */
	long long	 units;		/* hours; 0 for a fixed amount */
	int		 percent;	/* 0 when not a percent line */
	long long	 rate_cents;
	long long	 amount_cents;
	int		 rule_line;	/* rule id in its file */
};

struct pay_result {
	const char	*award_code;	/* these live in the ruleset */
	const char	*award_title;
	const char	*class_code;
	const char	*class_label;
	enum emp_type	 emp;
	enum worker_type worker;
	int		 work_date;
	enum pay_day	 day;
	int		 rates_from;	/* operative date of the rate used */
	long long	 base_weekly_cents;
	long long	 base_hourly_cents;
	long long	 worked_units;
	long long	 ordinary_units;
	long long	 overtime_units;
	long long	 paid_units;
	struct pay_line	 lines[PAY_MAX_LINES];
	size_t		 nlines;
	long long	 sum_cents[PAY_CAT__MAX];
	long long	 gross_cents;
	char		 warnings[PAY_MAX_WARNINGS][PAY_WARNING_LEN];
	size_t		 nwarnings;
	int		 unknown_allowances;	/* claimed, not in the data */
	/* For the risk checks: the paid hours at the plain ordinary rate
	 * (casual loading included), and what overtime adds over it. */
	long long	 ordinary_equiv_cents;
	long long	 ot_uplift_cents;
	int		 has_penalty;	/* a day or time penalty applied */
};

enum pay_trace_status {
	TRACE_APPLIED,
	TRACE_SKIPPED,
	TRACE_SUPERSEDED
};

/* One rule the calculation looked at, for the audited form. */
struct pay_trace {
	const char	*table;		/* "penalty", "overtime", ... */
	int		 rule_id;	/* line in the award's file */
	const char	*description;
	int		 priority;
	enum pay_trace_status status;
	const char	*reason;
	int		 superseded_by;	/* rule id, or 0 */
	const char	*clause;
};

/* What the audited form adds: every rule looked at, and the rates. */
struct pay_audit {
	struct pay_trace trace[PAY_MAX_TRACE];
	size_t		 ntrace;
	int		 ntrace_dropped;	/* beyond PAY_MAX_TRACE */
	const char	*data_version;
	int		 rate_lookup_date;	/* after the pay period rule */
	const char	*rate_path;		/* "adult" or "junior" */
	const char	*pay_mode;		/* "times" or "total_hours" */
	long long	 adult_weekly_cents;
	int		 junior_percent;	/* 0 for adults */
	int		 junior_age;
	long long	 weekly_cents;
	long long	 hourly_cents;
	long long	 hourly_exact_num;	/* weekly cents, over ... */
	long long	 hourly_exact_den;	/* ... 38 */
};

/* Defaults: no times, adult, no state, nothing already worked. */
void	pay_request_init(struct pay_request *);

/*
 * Calculate the minimum pay for one shift into res.  Return PAY_OK,
 * or an error code with its message in err (the contract's wording
 * for an unknown award or classification).  res is only meaningful on
 * PAY_OK; its pointers live as long as the ruleset.
 */
enum pay_error	pay_calculate(const struct ruleset *,
		    const struct pay_request *, struct pay_result *,
		    char *err, size_t errlen);

/* The same, also filling audit (which may be NULL). */
enum pay_error	pay_calculate_audited(const struct ruleset *,
		    const struct pay_request *, struct pay_result *,
		    struct pay_audit *, char *err, size_t errlen);

/* Names: "penalty", "saturday", "applied". */
const char	*pay_category_name(enum pay_category);
const char	*pay_day_name(enum pay_day);
const char	*pay_trace_status_name(enum pay_trace_status);
const char	*pay_error_name(enum pay_error);

/*
 * Hours: a unit count from a decimal text of at most four decimals
 * ("7.5"), and back to text ("7.5", at most four decimals, rounded
 * half-up).  Money: cents to "254.63".
 */
int	pay_hours_parse(const char *, long long *units);
void	pay_hours_format(long long units, char *out, size_t len);
void	pay_cents_format(long long cents, char *out, size_t len);
/* Percent hundredths to "125" or "112.5". */
void	pay_percent_format(int percent, char *out, size_t len);

/*
 * The date whose rates apply to a request: the work date, or with a
 * pay period start the first day of the work date's (weekly) period.
 */
int	pay_rate_date(const struct pay_request *);

/* Hours a request asks for, before the calculation; -1 if invalid. */
long long	pay_request_units(const struct pay_request *);

#endif
