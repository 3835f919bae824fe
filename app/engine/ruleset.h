/*
 * Award rule data: the parsed, in-memory form of the rule files in
 * sql/rules/ (their format is described in sql/rules/FORMAT.md).  A
 * ruleset holds any number of awards and one public holiday calendar.
 * It is built once, then only read: any number of threads may share
 * one ruleset for calculations.  No I/O: the caller hands in the text.
 */
#ifndef AWARD_RULESET_H
#define AWARD_RULESET_H

#include <stddef.h>
#include <stdint.h>

#define RULE_CODE_LEN		24	/* award, class, rule codes */
#define RULE_TITLE_LEN		112
#define RULE_DESC_LEN		112
#define RULE_CLAUSE_LEN		24
#define RULE_VERSION_LEN	32

#define AWARD_MAX_CLASSES	32
#define AWARD_MAX_RATES		256
#define AWARD_MAX_PENALTIES	64
#define AWARD_MAX_LOADINGS	8
#define AWARD_MAX_OVERTIME	32
#define AWARD_MAX_SPANS		8
#define AWARD_MAX_JUNIORS	8
#define AWARD_MAX_ALLOWANCES	32
#define AWARD_MAX_AMOUNTS	128
#define AWARD_MAX_CUTS		32

/* Hours are counted in units of 1/30000 hour: minutes and 1/10000. */
#define HOUR_UNITS		30000LL
#define MINUTE_UNITS		500LL
/* Percentages are held in hundredths: 125% is 12500. */
#define PERCENT_SCALE		100
#define PERCENT_WHOLE		10000LL
/* The Commission's hourly rate is the weekly rate over 38 hours. */
#define RATE_WEEK_HOURS		38

enum emp_type {
	EMP_FULL_TIME,
	EMP_PART_TIME,
	EMP_CASUAL,
	EMP__MAX
};

enum worker_type {
	WORKER_NON_SHIFT,
	WORKER_SHIFT,
	WORKER__MAX
};

enum au_state {
	STATE_NONE,
	STATE_NSW,
	STATE_VIC,
	STATE_QLD,
	STATE_SA,
	STATE_WA,
	STATE_TAS,
	STATE_NT,
	STATE_ACT,
	STATE__MAX
};

/* Day bits of a rule: bit 0 Monday ... bit 6 Sunday, then holidays. */
#define DAYBIT_PH		7
#define DAYMASK_PH		(1u << DAYBIT_PH)
#define DAYKIND__MAX		8

/* How a time window of a penalty rule is matched. */
enum window_match {
	MATCH_NONE,		/* the whole day */
	MATCH_TIME,		/* hours worked inside the window */
	MATCH_SHIFT_START,	/* whole shift, when it starts inside */
	MATCH_SHIFT_END		/* whole shift, when it ends inside */
};

enum allowance_kind {
	ALLOW_WAGE,		/* percent of the standard rate */
	ALLOW_EXPENSE		/* dated dollar amounts */
};

enum allowance_per {
	PER_WEEK,		/* pro rata by paid hours over 38 */
	PER_SHIFT,
	PER_DAY,
	PER_HOUR,
	PER_OCCASION,
	PER_KM
};

enum allowance_trigger {
	TRIGGER_NONE,		/* only by code in additional allowances */
	TRIGGER_FIRST_AID,
	TRIGGER_LAUNDRY,
	TRIGGER_MEAL
};

/* What every rule line carries. */
struct rule_src {
	int	 line;			/* line in its file: the rule id */
	char	 clause[RULE_CLAUSE_LEN];
};

struct award_class {
	char		 code[RULE_CODE_LEN];
	char		 label[RULE_TITLE_LEN];
	int		 level;
	int		 ambiguous;	/* duties pick it or a peer */
	struct rule_src	 src;
};

struct award_rate {
	int		 cls;		/* index into classes */
	int		 from;		/* day number */
	long long	 weekly_cents;
	struct rule_src	 src;
};

struct award_penalty {
	char		 code[RULE_CODE_LEN];
	char		 desc[RULE_DESC_LEN];
	unsigned	 emp_mask;	/* 1 << enum emp_type */
	unsigned	 worker_mask;	/* 1 << enum worker_type */
	unsigned	 day_mask;	/* DAYBIT_* */
	uint64_t	 class_mask;	/* 0: every class */
	enum window_match match;
	int		 from, to;	/* minutes of the day; to may be 1440 */
	int		 percent;	/* hundredths */
	int		 is_ordinary;	/* category ordinary, not penalty */
	struct rule_src	 src;
};

/* A dollar amount per hour on top of the rate, like a late-night one. */
struct award_loading {
	char		 code[RULE_CODE_LEN];
	char		 desc[RULE_DESC_LEN];
	unsigned	 emp_mask, worker_mask, day_mask;
	int		 from, to;
	int		 whole_hours;	/* "per hour or part of an hour" */
	struct rule_src	 src;
};

struct award_overtime {
	char		 desc[RULE_DESC_LEN];
	unsigned	 emp_mask, day_mask;
	long long	 tier_units;	/* 0: the rest */
	int		 percent;
	struct rule_src	 src;
};

struct award_span {
	unsigned	 emp_mask, worker_mask, day_mask;
	int		 from, to;
	struct rule_src	 src;
};

struct award_hours {
	long long	 week_units;	/* 0: no weekly limit */
	long long	 day_units;	/* 0: no daily limit */
	struct rule_src	 src;
};

struct award_minimum {
	long long	 units;		/* 0: none */
	struct rule_src	 src;
};

struct award_junior {
	int		 max_age;	/* this age and under */
	uint64_t	 class_mask;	/* 0: every class */
	int		 percent;
	struct rule_src	 src;
};

struct award_allowance {
	char		 code[RULE_CODE_LEN];
	char		 desc[RULE_DESC_LEN];
	enum allowance_kind kind;
	enum allowance_per per;
	enum allowance_trigger trigger;
	unsigned	 emp_mask;
	int		 percent;	/* wage allowances, hundredths */
	struct rule_src	 src;
};

/* A dated dollar amount of an allowance or loading, by its code. */
struct award_amount {
	char		 code[RULE_CODE_LEN];
	int		 from;
	long long	 cents;
	struct rule_src	 src;
};

struct award {
	char		 code[RULE_CODE_LEN];
	char		 title[RULE_TITLE_LEN];
	char		 version[RULE_VERSION_LEN];
	char		 file[RULE_CODE_LEN];
	int		 casual_loading;	/* hundredths, informational */
	struct rule_src	 casual_src;
	int		 standard_cls;		/* -1: none */
	struct rule_src	 standard_src;

	struct award_class	 classes[AWARD_MAX_CLASSES];
	size_t			 nclasses;
	struct award_rate	 rates[AWARD_MAX_RATES]; /* class, date */
	size_t			 nrates;
	struct award_penalty	 penalties[AWARD_MAX_PENALTIES];
	size_t			 npenalties;
	struct award_loading	 loadings[AWARD_MAX_LOADINGS];
	size_t			 nloadings;
	struct award_overtime	 overtime[AWARD_MAX_OVERTIME];
	size_t			 novertime;
	struct award_span	 spans[AWARD_MAX_SPANS];
	size_t			 nspans;
	struct award_hours	 hours[EMP__MAX];
	struct award_minimum	 minimum[EMP__MAX];
	struct award_junior	 juniors[AWARD_MAX_JUNIORS];	/* by age */
	size_t			 njuniors;
	struct award_allowance	 allowances[AWARD_MAX_ALLOWANCES];
	size_t			 nallowances;
	struct award_amount	 amounts[AWARD_MAX_AMOUNTS];	/* code, date */
	size_t			 namounts;

	/* Built at load: minutes of the day where some rule changes. */
	int		 cuts[AWARD_MAX_CUTS];
	size_t		 ncuts;
	/* Built at load: penalty rules by employment, worker and day. */
	uint8_t		 pen_index[EMP__MAX][WORKER__MAX][DAYKIND__MAX]
			    [AWARD_MAX_PENALTIES];
	uint8_t		 pen_count[EMP__MAX][WORKER__MAX][DAYKIND__MAX];
};

struct holiday {
	int		 day;
	unsigned	 state_mask;	/* 1 << enum au_state */
	int		 from;		/* minute it starts; 0 the whole day */
	char		 name[RULE_DESC_LEN];
	int		 line;
};

struct ruleset;

/* An empty ruleset; NULL when memory runs out.  Free with ruleset_free. */
struct ruleset	*ruleset_new(void);
void		 ruleset_free(struct ruleset *);

/*
 * Parse one rule file's text (not NUL-terminated; len bytes) named
 * name (used in messages, e.g. "MA000004.rules").  An award must lie
 * wholly in one text; adding an award already present replaces it.
 * Holiday lines add to the calendar (add the calendar once).
 * Return 0, or -1 with a message "name:line: reason" in err.  On
 * error the ruleset is unchanged.
 */
int	 ruleset_add(struct ruleset *, const char *name, const char *text,
	    size_t len, char *err, size_t errlen);

/* Lookups.  Returned pointers live as long as the ruleset. */
const struct award	*ruleset_award(const struct ruleset *,
			    const char *code);
size_t			 ruleset_award_count(const struct ruleset *);
const struct award	*ruleset_award_at(const struct ruleset *, size_t);
size_t			 ruleset_holiday_count(const struct ruleset *);
const struct holiday	*ruleset_holiday_at(const struct ruleset *,
			    size_t);

/*
 * The holiday on day in state, or NULL.  With STATE_NONE only days
 * kept in every state are found.
 */
const struct holiday	*ruleset_holiday(const struct ruleset *, int day,
			    enum au_state);

/* Index of a classification by code, or -1. */
int	 award_class_find(const struct award *, const char *code);

/*
 * The weekly rate of class cls in force on day: 0 with the rate
 * entry, -1 when none is in force yet.
 */
int	 award_rate_at(const struct award *, int cls, int day,
	    const struct award_rate **);

/* The dated amount of code in force on day, or NULL. */
const struct award_amount *award_amount_at(const struct award *,
	    const char *code, int day);

/*
 * For comparing awards: the day's base percent (hundredths) of a
 * classification for an employment and worker type, day kind 0-6 the
 * weekday (0 Monday) and DAYBIT_PH a public holiday; 0 when none.
 */
int	 award_day_percent(const struct award *, int cls, enum emp_type,
	    enum worker_type, int daykind);

/* Hours of the first overtime tier on a weekday, or 0 without tiers. */
long long award_ot_split(const struct award *, enum emp_type);

/*
 * Junior percent (hundredths) for a classification and age, or 0 when
 * adult rates apply.
 */
int	 award_junior_percent(const struct award *, int cls, int age,
	    const struct award_junior **);

/* Names for enums: "full_time", "non_shiftworker", "NSW".  */
const char	*emp_type_name(enum emp_type);
const char	*worker_type_name(enum worker_type);
const char	*au_state_name(enum au_state);
/* Accept the API's spellings in any case; return 0 or -1. */
int		 emp_type_parse(const char *, enum emp_type *);
int		 worker_type_parse(const char *, enum worker_type *);
int		 au_state_parse(const char *, enum au_state *);

/* Half-up integer rounding of n / d for n >= 0, d > 0. */
long long	 round_div(long long n, long long d);

#endif
