#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "common/util.h"
#include "engine/pay.h"

#define DAYS_PER_WEEK		7
#define SATURDAY		5
#define SUNDAY			6
#define ADULT_AGE		21
#define MAX_CUTS		(2 * AWARD_MAX_CUTS + 8)
#define MAX_PIECES		(MAX_CUTS + 1)
#define DAY_UNITS		(24 * HOUR_UNITS)
#define WEEK_UNITS		(DAYS_PER_WEEK * DAY_UNITS)
#define FOUR_DECIMALS		4
#define UNITS_PER_TEN_THOUSANDTH 3
#define CENTS_PER_DOLLAR	100
#define MINUTES_PER_HOUR	60

/* A stretch of the shift over which every rule is constant. */
struct piece {
	long long	 a, b;		/* units from the work date's start */
	int		 off;		/* 0: work date, 1: the next day */
	int		 weekday;
	int		 ph;
	int		 in_span;
	const struct award_span *span;	/* the span it lies in, if any */
};

/* The working state of one calculation. */
struct calc {
	const struct ruleset	*rs;
	const struct pay_request *req;
	struct pay_result	*res;
	struct pay_audit	*audit;
	const struct award	*a;
	char			*err;
	size_t			 errlen;
	int			 cls;
	int			 lookup_date;
	long long		 hourly;
	int			 has_times;
	long long		 start_u, end_u;	/* shift, in units */
	long long		 brk_a, brk_b;		/* unpaid break */
	int			 ph[2];
	int			 ph_from[2];		/* minute it starts */
	int			 wd0;			/* weekday of day 0 */
	struct piece		 pieces[MAX_PIECES];
	size_t			 npieces;
	long long		 ord_cap;	/* ordinary units left */
	long long		 ot_done;	/* overtime units so far */
	long long		 line_a[PAY_MAX_LINES];	/* units */
	long long		 line_b[PAY_MAX_LINES];
	int			 line_fixed[PAY_MAX_LINES];
	int			 line_whole[PAY_MAX_LINES];
	int			 line_loading[PAY_MAX_LINES];
	int			 overflow;
};

static const char *const category_names[PAY_CAT__MAX] = {
	"ordinary",		/* PAY_CAT_ORDINARY */
	"penalty",		/* PAY_CAT_PENALTY */
	"overtime",		/* PAY_CAT_OVERTIME */
	"minimum_engagement",	/* PAY_CAT_MINIMUM_ENGAGEMENT */
	"allowance",		/* PAY_CAT_ALLOWANCE */
};

static const char *const day_names[PAY_DAY__MAX] = {
	"weekday",		/* PAY_DAY_WEEKDAY */
	"saturday",		/* PAY_DAY_SATURDAY */
	"sunday",		/* PAY_DAY_SUNDAY */
	"public_holiday",	/* PAY_DAY_PUBLIC_HOLIDAY */
};

static const char *const error_names[PAY_ERR__MAX] = {
	"ok",				/* PAY_OK */
	"award_not_available",		/* PAY_ERR_AWARD */
	"classification_not_found",	/* PAY_ERR_CLASS */
	"no_base_pay_rate",		/* PAY_ERR_NO_RATE */
	"invalid_input",		/* PAY_ERR_INPUT */
	"too_many_line_items",		/* PAY_ERR_CAPACITY */
};

static const char *const status_names[] = {
	"applied",	/* TRACE_APPLIED */
	"skipped",	/* TRACE_SKIPPED */
	"superseded",	/* TRACE_SUPERSEDED */
};

const char *
pay_category_name(enum pay_category c)
{
	return c < PAY_CAT__MAX ? category_names[c] : "";
}

const char *
pay_day_name(enum pay_day d)
{
	return d < PAY_DAY__MAX ? day_names[d] : "";
}

const char *
pay_trace_status_name(enum pay_trace_status s)
{
	return s <= TRACE_SUPERSEDED ? status_names[s] : "";
}

const char *
pay_error_name(enum pay_error e)
{
	return e < PAY_ERR__MAX ? error_names[e] : "";
}

void
pay_request_init(struct pay_request *r)
{
	memset(r, 0, sizeof(*r));
	r->emp = EMP_FULL_TIME;
	r->worker = WORKER_NON_SHIFT;
	r->work_date = PAY_DATE_NONE;
	r->start_min = PAY_NONE;
	r->end_min = PAY_NONE;
	r->total_units = PAY_NONE;
	r->state = STATE_NONE;
	r->age = PAY_NONE;
	r->pay_period_start = PAY_DATE_NONE;
	r->actual_cents = PAY_NONE;
}

int
pay_hours_parse(const char *s, long long *units)
{
	long long	 v;

	if (parse_decimal(s, FOUR_DECIMALS, WEEK_UNITS, &v) == -1 || v < 0)
		return -1;
	*units = v * UNITS_PER_TEN_THOUSANDTH;
	return 0;
}

void
pay_hours_format(long long units, char *out, size_t len)
{
	long long	 t;
	int		 frac, digits = FOUR_DECIMALS;

	t = round_div(units < 0 ? 0 : units, UNITS_PER_TEN_THOUSANDTH);
	frac = (int)(t % 10000);
	while (digits > 0 && frac % 10 == 0 && frac != 0) {
		frac /= 10;
		digits--;
	}
	if (frac == 0)
		snprintf(out, len, "%lld", t / 10000);
	else
		snprintf(out, len, "%lld.%0*d", t / 10000, digits, frac);
}

void
pay_cents_format(long long cents, char *out, size_t len)
{
	snprintf(out, len, "%s%lld.%02lld", cents < 0 ? "-" : "",
	    (cents < 0 ? -cents : cents) / CENTS_PER_DOLLAR,
	    (cents < 0 ? -cents : cents) % CENTS_PER_DOLLAR);
}

void
pay_percent_format(int p, char *out, size_t len)
{
	if (p % PERCENT_SCALE == 0)
		snprintf(out, len, "%d", p / PERCENT_SCALE);
	else if (p % (PERCENT_SCALE / 10) == 0)
		snprintf(out, len, "%d.%d", p / PERCENT_SCALE,
		    p % PERCENT_SCALE / 10);
	else
		snprintf(out, len, "%d.%02d", p / PERCENT_SCALE,
		    p % PERCENT_SCALE);
}

long long
pay_request_units(const struct pay_request *r)
{
	int	 len;

	if (r->total_units != PAY_NONE)
		return r->total_units;
	if (r->start_min < 0 || r->end_min < 0)
		return -1;
	len = r->end_min - r->start_min;
	if (len <= 0)
		len += MINUTES_PER_DAY;
	len -= r->break_min;
	return len < 0 ? -1 : len * MINUTE_UNITS;
}

static enum pay_error __attribute__((format(printf, 3, 4)))
calc_fail(struct calc *c, enum pay_error e, const char *fmt, ...)
{
	va_list	 ap;

	if (c->err != NULL && c->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return e;
}

static void __attribute__((format(printf, 2, 3)))
warn_add(struct calc *c, const char *fmt, ...)
{
	struct pay_result	*res = c->res;
	va_list			 ap;

	if (res->nwarnings == PAY_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(res->warnings[res->nwarnings++], PAY_WARNING_LEN, fmt, ap);
	va_end(ap);
}

/*
 * Record a rule looked at.  A rule seen again keeps its strongest
 * status: applied over superseded over skipped.
 */
#define trace_add(c, ...) do {					\
	if ((c)->audit != NULL)						\
		trace_put((c), __VA_ARGS__);				\
} while (0)

static void
trace_put(struct calc *c, const char *table, const struct rule_src *src,
    const char *desc, enum pay_trace_status st, const char *reason,
    int by)
{
	struct pay_audit	*au = c->audit;
	struct pay_trace	*t;
	size_t			 i;

	for (i = 0; i < au->ntrace; i++) {
		t = &au->trace[i];
		if (t->rule_id == src->line && strcmp(t->table, table) == 0) {
			if (st < t->status) {
				t->status = st;
				t->reason = reason;
				t->superseded_by = by;
			}
			return;
		}
	}
	if (au->ntrace == PAY_MAX_TRACE) {
		au->ntrace_dropped++;
		return;
	}
	t = &au->trace[au->ntrace++];
	t->table = table;
	t->rule_id = src->line;
	t->description = desc;
	t->priority = (int)au->ntrace;
	t->status = st;
	t->reason = reason;
	t->superseded_by = by;
	t->clause = src->clause;
}

static enum pay_error
calc_validate(struct calc *c)
{
	const struct pay_request	*r = c->req;
	long long			 len;
	size_t				 i;

	if (r->emp >= EMP__MAX || r->worker >= WORKER__MAX ||
	    r->state >= STATE__MAX)
		return calc_fail(c, PAY_ERR_INPUT, "Invalid employment "
		    "type, worker type or state");
	if (r->work_date == PAY_DATE_NONE)
		return calc_fail(c, PAY_ERR_INPUT, "work_date is required");
	if (r->total_units == PAY_NONE && (r->start_min < 0 ||
	    r->start_min >= MINUTES_PER_DAY || r->end_min < 0 ||
	    r->end_min >= MINUTES_PER_DAY))
		return calc_fail(c, PAY_ERR_INPUT, "Either start_time and "
		    "end_time or total_hours_worked is required");
	if (r->total_units != PAY_NONE && (r->total_units <= 0 ||
	    r->total_units > DAY_UNITS))
		return calc_fail(c, PAY_ERR_INPUT, "total_hours_worked must "
		    "be more than 0 and at most 24");
	if (r->break_min < 0 || r->today_units < 0 || r->today_units >
	    DAY_UNITS || r->week_units < 0 || r->week_units > WEEK_UNITS)
		return calc_fail(c, PAY_ERR_INPUT, "Break and hours already "
		    "worked must be within a day and a week");
	if (r->age != PAY_NONE && (r->age < 0 || r->age > PAY_AGE_MAX))
		return calc_fail(c, PAY_ERR_INPUT, "age must be 0 to %d",
		    PAY_AGE_MAX);
	if (r->nextra > PAY_MAX_EXTRA)
		return calc_fail(c, PAY_ERR_INPUT, "At most %d additional "
		    "allowances", PAY_MAX_EXTRA);
	for (i = 0; i < r->nextra; i++)
		if (r->extra[i].quantity < 0 ||
		    r->extra[i].quantity > PAY_QTY_MAX)
			return calc_fail(c, PAY_ERR_INPUT, "Allowance quantity "
			    "out of range");
	if (r->actual_cents != PAY_NONE && r->actual_cents < 0)
		return calc_fail(c, PAY_ERR_INPUT, "actual_pay must not be "
		    "negative");
	if (r->total_units == PAY_NONE) {
		len = pay_request_units(r);
		if (len <= 0)
			return calc_fail(c, PAY_ERR_INPUT, "The unpaid break "
			    "must be shorter than the shift");
	}
	return PAY_OK;
}

static enum pay_error
calc_award(struct calc *c)
{
	const struct pay_request	*r = c->req;
	struct pay_result		*res = c->res;

	if ((c->a = ruleset_award(c->rs, r->award_code)) == NULL)
		return calc_fail(c, PAY_ERR_AWARD, "Award %s is not available "
		    "for deterministic calculations", r->award_code);
	if ((c->cls = award_class_find(c->a, r->class_code)) == -1)
		return calc_fail(c, PAY_ERR_CLASS, "Classification %s not "
		    "found for award %s", r->class_code, r->award_code);
	res->award_code = c->a->code;
	res->award_title = c->a->title;
	res->class_code = c->a->classes[c->cls].code;
	res->class_label = c->a->classes[c->cls].label;
	res->emp = r->emp;
	res->worker = r->worker;
	res->work_date = r->work_date;
	return PAY_OK;
}

/*
 * The date whose rates apply.  With a pay period start, pay periods
 * are taken to be a week long: the rates in force on the first day of
 * the work date's pay period apply, so a new rate year starts with the
 * first full pay period starting on or after its operative date.
 */
int
pay_rate_date(const struct pay_request *r)
{
	int	 diff, weeks;

	if (r->pay_period_start == PAY_DATE_NONE)
		return r->work_date;
	diff = r->work_date - r->pay_period_start;
	weeks = diff >= 0 ? diff / DAYS_PER_WEEK :
	    -((-diff + DAYS_PER_WEEK - 1) / DAYS_PER_WEEK);
	return r->pay_period_start + weeks * DAYS_PER_WEEK;
}

static enum pay_error
calc_rate(struct calc *c)
{
	const struct pay_request	*r = c->req;
	struct pay_result		*res = c->res;
	const struct award_rate		*rate;
	const struct award_junior	*jr = NULL;
	long long			 weekly;
	int				 pct = 0;
	char				 d[DATE_STRLEN];

	c->lookup_date = pay_rate_date(r);
	if (award_rate_at(c->a, c->cls, c->lookup_date, &rate) == -1) {
		date_format(c->lookup_date, d);
		return calc_fail(c, PAY_ERR_NO_RATE, "No rate for %s in award "
		    "%s on %s", r->class_code, r->award_code, d);
	}
	trace_add(c, "rate", &rate->src, c->a->classes[c->cls].label,
	    TRACE_APPLIED, "rate in force on the date", 0);
	weekly = rate->weekly_cents;
	if (r->age != PAY_NONE && r->age < ADULT_AGE)
		pct = award_junior_percent(c->a, c->cls, r->age, &jr);
	if (pct > 0) {
		weekly = round_div(rate->weekly_cents * pct, PERCENT_WHOLE);
		trace_add(c, "junior", &jr->src, "Junior rate by age",
		    TRACE_APPLIED, "employee is under 21", 0);
		warn_add(c, "Junior rate: %d%% of the adult rate at age %d",
		    pct / PERCENT_SCALE, r->age);
	} else if (r->age != PAY_NONE && r->age < ADULT_AGE)
		warn_add(c, "No junior rate for this classification: adult "
		    "rate paid");
	res->rates_from = rate->from;
	res->base_weekly_cents = weekly;
	c->hourly = round_div(weekly, RATE_WEEK_HOURS);
	res->base_hourly_cents = c->hourly;
	if (c->audit != NULL) {
		c->audit->data_version = c->a->version;
		c->audit->rate_lookup_date = c->lookup_date;
		c->audit->rate_path = pct > 0 ? "junior" : "adult";
		c->audit->adult_weekly_cents = rate->weekly_cents;
		c->audit->junior_percent = pct;
		c->audit->junior_age = pct > 0 ? r->age : PAY_NONE;
		c->audit->weekly_cents = weekly;
		c->audit->hourly_cents = c->hourly;
		c->audit->hourly_exact_num = weekly;
		c->audit->hourly_exact_den = RATE_WEEK_HOURS;
	}
	return PAY_OK;
}

/* Public holiday status of the work date and the next day. */
static void
calc_holidays(struct calc *c)
{
	const struct pay_request	*r = c->req;
	const struct holiday		*h;
	int				 i;

	for (i = 0; i < 2; i++) {
		c->ph[i] = 0;
		c->ph_from[i] = 0;
		if (r->state != STATE_NONE &&
		    (h = ruleset_holiday(c->rs, r->work_date + i, r->state))
		    != NULL) {
			c->ph[i] = 1;
			c->ph_from[i] = h->from;
		}
	}
	if (r->is_public_holiday) {
		c->ph[0] = 1;
		c->ph_from[0] = 0;
	}
	c->wd0 = date_weekday(r->work_date);
}

static void
cut_push(long long *cuts, size_t *n, long long x, long long lo,
    long long hi)
{
	size_t	 i, j;

	if (x <= lo || x >= hi)
		return;
	for (i = 0; i < *n && cuts[i] < x; i++)
		;
	if (i < *n && cuts[i] == x)
		return;
	if (*n == MAX_CUTS)
		return;
	for (j = *n; j > i; j--)
		cuts[j] = cuts[j - 1];
	cuts[i] = x;
	(*n)++;
}

/* The span of ordinary hours a piece lies in; in_span 1 if none apply. */
static void
piece_span(struct calc *c, struct piece *p)
{
	const struct award	*a = c->a;
	const struct award_span	*s;
	unsigned		 day = 1u << p->weekday;
	long long		 base = (long long)p->off * DAY_UNITS;
	size_t			 i;
	int			 any = 0;

	p->in_span = 1;
	p->span = NULL;
	if (!c->has_times)
		return;
	for (i = 0; i < a->nspans; i++) {
		s = &a->spans[i];
		if (!(s->emp_mask & (1u << c->req->emp)) ||
		    !(s->worker_mask & (1u << c->req->worker)) ||
		    !(s->day_mask & day))
			continue;
		any = 1;
		if (p->a - base >= s->from * MINUTE_UNITS &&
		    p->b - base <= s->to * MINUTE_UNITS) {
			p->span = s;
			return;
		}
	}
	if (any)
		p->in_span = 0;
}

/* Cut the shift where any rule changes, and drop the unpaid break. */
static void
calc_pieces(struct calc *c)
{
	const struct pay_request	*r = c->req;
	const struct award		*a = c->a;
	long long			 cuts[MAX_CUTS], prev;
	size_t				 ncuts = 0, i;
	struct piece			*p;
	int				 off;

	c->npieces = 0;
	if (r->total_units != PAY_NONE) {
		c->has_times = 0;
		c->start_u = 0;
		c->end_u = r->total_units;
		c->brk_a = c->brk_b = 0;
	} else {
		c->has_times = 1;
		c->start_u = r->start_min * MINUTE_UNITS;
		c->end_u = r->end_min * MINUTE_UNITS;
		if (c->end_u <= c->start_u)
			c->end_u += DAY_UNITS;
		/*
		 * XXX: the request does not say when the unpaid break
		 * was taken; it is placed in the middle of the shift,
		 * which decides which rate its time would have had.
		 */
		c->brk_a = c->start_u + (c->end_u - c->start_u -
		    r->break_min * MINUTE_UNITS) / 2 / MINUTE_UNITS *
		    MINUTE_UNITS;
		c->brk_b = c->brk_a + r->break_min * MINUTE_UNITS;
		for (off = 0; off < 2; off++) {
			for (i = 0; i < a->ncuts; i++)
				cut_push(cuts, &ncuts, off * DAY_UNITS +
				    a->cuts[i] * MINUTE_UNITS, c->start_u,
				    c->end_u);
			cut_push(cuts, &ncuts, off * DAY_UNITS +
			    c->ph_from[off] * MINUTE_UNITS, c->start_u,
			    c->end_u);
		}
		cut_push(cuts, &ncuts, DAY_UNITS, c->start_u, c->end_u);
		cut_push(cuts, &ncuts, c->brk_a, c->start_u, c->end_u);
		cut_push(cuts, &ncuts, c->brk_b, c->start_u, c->end_u);
	}
	cuts[ncuts] = c->end_u;
	prev = c->start_u;
	for (i = 0; i <= ncuts; prev = cuts[i], i++) {
		if (prev >= c->brk_a && cuts[i] <= c->brk_b &&
		    c->brk_b > c->brk_a)
			continue;
		p = &c->pieces[c->npieces++];
		p->a = prev;
		p->b = cuts[i];
		p->off = prev >= DAY_UNITS ? 1 : 0;
		p->weekday = (c->wd0 + p->off) % DAYS_PER_WEEK;
		p->ph = c->ph[p->off] && (!c->has_times ||
		    p->a - p->off * DAY_UNITS >=
		    c->ph_from[p->off] * MINUTE_UNITS);
		piece_span(c, p);
	}
}

static int
minute_of(const struct calc *c, long long u, int off)
{
	return c->has_times ? (int)((u - (long long)off * DAY_UNITS) /
	    MINUTE_UNITS) : -1;
}

/*
 * Add hours to the line items, merging with the last line of the same
 * rule, percent and day.
 */
static void
line_add(struct calc *c, enum pay_category cat, const char *code,
    const char *desc, const struct rule_src *src, int off, long long a,
    long long b, int percent, long long rate, int loading, int whole)
{
	struct pay_result	*res = c->res;
	struct pay_line		*l;
	size_t			 i;

	for (i = res->nlines; i > 0; i--) {
		l = &res->lines[i - 1];
		if (c->line_loading[i - 1] != loading)
			continue;
		if (l->category == cat && l->rule_line == src->line &&
		    l->percent == percent && l->rate_cents == rate &&
		    l->date == c->req->work_date + off &&
		    c->line_b[i - 1] <= a) {
			l->units += b - a;
			c->line_b[i - 1] = b;
			return;
		}
		break;
	}
	if (res->nlines == PAY_MAX_LINES) {
		c->overflow = 1;
		return;
	}
	i = res->nlines++;
	l = &res->lines[i];
	l->category = cat;
	l->code = code;
	l->description = desc;
	l->clause = src->clause;
	l->rule_line = src->line;
	l->date = c->req->work_date + off;
	l->units = b - a;
	l->percent = percent;
	l->rate_cents = rate;
	l->amount_cents = 0;
	c->line_a[i] = a;
	c->line_b[i] = b;
	c->line_fixed[i] = 0;
	c->line_whole[i] = whole;
	c->line_loading[i] = loading;
}

static long long
rate_of(const struct calc *c, int percent)
{
	return round_div(c->hourly * percent, PERCENT_WHOLE);
}

static int
in_window(int m, int from, int to)
{
	if (from <= to)
		return m >= from && m < to;
	return m >= from || m < to;
}

/* Does a whole-shift rule (by start or end time) match this shift? */
static int
shift_matches(const struct calc *c, const struct award_penalty *r)
{
	int	 s, e;

	s = (int)(c->start_u / MINUTE_UNITS);
	e = (int)(c->end_u / MINUTE_UNITS % MINUTES_PER_DAY);
	if (e == 0)
		e = MINUTES_PER_DAY;
	if (r->match == MATCH_SHIFT_START)
		return in_window(s, r->from, r->to);
	/* An end matches (from, to]. */
	if (r->from < r->to)
		return e > r->from && e <= r->to;
	return e > r->from || e <= r->to;
}

/* The penalty rule that sets the rate of a piece; NULL if none. */
static const struct award_penalty *
penalty_pick(struct calc *c, const struct piece *p, long long a)
{
	const struct award		*a_ = c->a;
	const struct award_penalty	*r, *base = NULL, *best = NULL;
	const uint8_t			*idx;
	size_t				 i, n;
	int				 dk, m, hit;

	dk = p->ph ? DAYBIT_PH : p->weekday;
	idx = a_->pen_index[c->req->emp][c->req->worker][dk];
	n = a_->pen_count[c->req->emp][c->req->worker][dk];
	m = minute_of(c, a, p->off);
	for (i = 0; i < n; i++) {
		r = &a_->penalties[idx[i]];
		if (r->class_mask != 0 &&
		    !(r->class_mask & ((uint64_t)1 << c->cls))) {
			trace_add(c, "penalty", &r->src, r->desc,
			    TRACE_SKIPPED, "other classifications", 0);
			continue;
		}
		if (r->match == MATCH_NONE) {
			if (base == NULL)
				base = r;
			continue;
		}
		hit = c->has_times && (r->match == MATCH_TIME ?
		    m >= r->from && m < r->to : shift_matches(c, r));
		if (!hit) {
			trace_add(c, "penalty", &r->src, r->desc,
			    TRACE_SKIPPED, c->has_times ? "outside its times"
			    : "no start and end times", 0);
			continue;
		}
		if (best == NULL || r->percent > best->percent)
			best = r;
	}
	if (best != NULL && base != NULL)
		trace_add(c, "penalty", &base->src, base->desc,
		    TRACE_SUPERSEDED, "a time or shift penalty applies",
		    best->src.line);
	return best != NULL ? best : base;
}

static void
emit_loadings(struct calc *c, const struct piece *p, long long a,
    long long b)
{
	const struct award		*aw = c->a;
	const struct award_loading	*l;
	const struct award_amount	*amt;
	unsigned			 day;
	size_t				 i;
	int				 m;

	day = p->ph ? DAYMASK_PH : 1u << p->weekday;
	m = minute_of(c, a, p->off);
	for (i = 0; i < aw->nloadings; i++) {
		l = &aw->loadings[i];
		if (!(l->emp_mask & (1u << c->req->emp)) ||
		    !(l->worker_mask & (1u << c->req->worker)) ||
		    !(l->day_mask & day) || !c->has_times ||
		    m < l->from || m >= l->to)
			continue;
		amt = award_amount_at(aw, l->code, c->lookup_date);
		if (amt == NULL)
			continue;
		trace_add(c, "loading", &l->src, l->desc, TRACE_APPLIED,
		    "ordinary hours inside its times", 0);
		line_add(c, PAY_CAT_PENALTY, l->code, l->desc, &l->src,
		    p->off, a, b, 0, amt->cents, 1, l->whole_hours);
	}
}

static enum pay_error
emit_ordinary(struct calc *c, const struct piece *p, long long a,
    long long b)
{
	const struct award_penalty	*r;

	if ((r = penalty_pick(c, p, a)) == NULL)
		return calc_fail(c, PAY_ERR_NO_RATE, "Award %s has no rate "
		    "rule for %s %s work on %s", c->a->code,
		    emp_type_name(c->req->emp),
		    worker_type_name(c->req->worker),
		    p->ph ? "a public holiday" : "this day");
	trace_add(c, "penalty", &r->src, r->desc, TRACE_APPLIED,
	    "rate for the day and time", 0);
	line_add(c, r->is_ordinary ? PAY_CAT_ORDINARY : PAY_CAT_PENALTY,
	    r->code, r->desc, &r->src, p->off, a, b, r->percent,
	    rate_of(c, r->percent), 0, 0);
	if (!r->is_ordinary)
		c->res->has_penalty = 1;
	emit_loadings(c, p, a, b);
	return PAY_OK;
}

static const char	 ot_code[] = "OVERTIME";

static enum pay_error
emit_overtime(struct calc *c, const struct piece *p, long long a,
    long long b)
{
	const struct award		*aw = c->a;
	const struct award_overtime	*o, *last = NULL;
	unsigned			 day;
	long long			 cum = 0, take;
	size_t				 i;

	day = p->ph ? DAYMASK_PH : 1u << p->weekday;
	for (i = 0; i < aw->novertime && a < b; i++) {
		o = &aw->overtime[i];
		if (!(o->emp_mask & (1u << c->req->emp)) ||
		    !(o->day_mask & day))
			continue;
		last = o;
		if (o->tier_units == 0)
			take = b - a;
		else {
			cum += o->tier_units;
			if (c->ot_done >= cum)
				continue;
			take = cum - c->ot_done;
			if (take > b - a)
				take = b - a;
		}
		trace_add(c, "overtime", &o->src, o->desc, TRACE_APPLIED,
		    "hours beyond the ordinary limits", 0);
		line_add(c, PAY_CAT_OVERTIME, ot_code, o->desc, &o->src,
		    p->off, a, a + take, o->percent, rate_of(c, o->percent),
		    0, 0);
		c->ot_done += take;
		a += take;
	}
	if (a < b && last != NULL) {
		line_add(c, PAY_CAT_OVERTIME, ot_code, last->desc, &last->src,
		    p->off, a, b, last->percent, rate_of(c, last->percent),
		    0, 0);
		c->ot_done += b - a;
		a = b;
	}
	if (a < b) {
		warn_add(c, "No overtime rule for this day: paid at the "
		    "day's rate");
		return emit_ordinary(c, p, a, b);
	}
	return PAY_OK;
}

/*
 * Ordinary hours left before the daily or weekly limit, and overtime
 * already worked today (hours already worked beyond the daily limit).
 * XXX: a shift that crosses midnight counts wholly toward the day it
 * starts on, and its overtime tiers run on across midnight.
 */
static void
hours_limits(struct calc *c)
{
	const struct award_hours	*h = &c->a->hours[c->req->emp];
	long long			 day_left, week_left;

	day_left = week_left = LLONG_MAX;
	if (h->day_units > 0)
		day_left = h->day_units - c->req->today_units;
	if (h->week_units > 0)
		week_left = h->week_units - c->req->week_units;
	c->ord_cap = day_left < week_left ? day_left : week_left;
	if (c->ord_cap < 0)
		c->ord_cap = 0;
	c->ot_done = 0;
	if (h->day_units > 0 && c->req->today_units > h->day_units)
		c->ot_done = c->req->today_units - h->day_units;
	if (h->day_units > 0 || h->week_units > 0)
		trace_add(c, "hours", &h->src, "Ordinary hours a day and "
		    "a week", TRACE_APPLIED, "limits ordinary hours", 0);
}

/* Split each piece into ordinary and overtime hours and price them. */
static enum pay_error
calc_hours(struct calc *c)
{
	struct piece	*p;
	long long	 ord;
	size_t		 i;
	enum pay_error	 e;
	int		 span_ot = 0;

	hours_limits(c);
	for (i = 0; i < c->npieces; i++) {
		p = &c->pieces[i];
		c->res->worked_units += p->b - p->a;
		if (!p->in_span) {
			span_ot = 1;
			if ((e = emit_overtime(c, p, p->a, p->b)) != PAY_OK)
				return e;
			continue;
		}
		ord = p->b - p->a < c->ord_cap ? p->b - p->a : c->ord_cap;
		c->ord_cap -= ord;
		if (ord > 0 && (e = emit_ordinary(c, p, p->a, p->a + ord))
		    != PAY_OK)
			return e;
		if (p->a + ord < p->b &&
		    (e = emit_overtime(c, p, p->a + ord, p->b)) != PAY_OK)
			return e;
	}
	for (i = 0; i < c->a->nspans; i++)
		trace_add(c, "span", &c->a->spans[i].src,
		    "Span of ordinary hours", span_ot ? TRACE_APPLIED :
		    TRACE_SKIPPED, span_ot ? "work outside the span is "
		    "overtime" : "all work inside the span", 0);
	if (!c->has_times)
		warn_add(c, "No start and end times: time-of-day penalties "
		    "and the span of hours were not applied");
	return PAY_OK;
}

static const char	 me_code[] = "MINIMUM_ENGAGEMENT";
static const char	 me_desc[] = "Minimum engagement top-up";

static void
calc_minimum(struct calc *c)
{
	const struct award_minimum	*m = &c->a->minimum[c->req->emp];
	struct pay_result		*res = c->res;
	const struct pay_line		*ref = NULL;
	size_t				 i;
	long long			 top;

	if (m->units == 0)
		return;
	if (res->worked_units >= m->units) {
		trace_add(c, "minimum", &m->src, me_desc, TRACE_SKIPPED,
		    "shift meets the minimum engagement", 0);
		return;
	}
	for (i = 0; i < res->nlines; i++)
		if (!c->line_loading[i] && (ref == NULL ||
		    res->lines[i].category != PAY_CAT_OVERTIME))
			ref = &res->lines[i];
	if (ref == NULL)
		return;
	top = m->units - res->worked_units;
	trace_add(c, "minimum", &m->src, me_desc, TRACE_APPLIED,
	    "shift shorter than the minimum engagement", 0);
	line_add(c, PAY_CAT_MINIMUM_ENGAGEMENT, me_code, me_desc, &m->src,
	    ref->date - c->req->work_date, c->end_u, c->end_u + top,
	    ref->percent, ref->rate_cents, 0, 0);
	res->paid_units = res->worked_units + top;
}

/* Unit amount of an allowance on the date, in cents; -1 if none. */
static long long
allowance_unit(struct calc *c, const struct award_allowance *l)
{
	const struct award_rate		*std;
	const struct award_amount	*amt;

	if (l->kind == ALLOW_EXPENSE) {
		amt = award_amount_at(c->a, l->code, c->lookup_date);
		return amt == NULL ? -1 : amt->cents;
	}
	if (award_rate_at(c->a, c->a->standard_cls, c->lookup_date, &std)
	    == -1)
		return -1;
	/* Per-hour amounts come from the hourly rate, the rest weekly. */
	if (l->per != PER_HOUR)
		return round_div(std->weekly_cents * l->percent,
		    PERCENT_WHOLE);
	return round_div(round_div(std->weekly_cents, RATE_WEEK_HOURS) *
	    l->percent, PERCENT_WHOLE);
}

static int
allowance_triggered(const struct pay_request *r,
    const struct award_allowance *l, long long *qty)
{
	size_t	 i;

	*qty = 0;
	for (i = 0; i < r->nextra; i++)
		if (strcmp(r->extra[i].code, l->code) == 0) {
			*qty = r->extra[i].quantity;
			return 1;
		}
	switch (l->trigger) {
	case TRIGGER_FIRST_AID:
		return r->first_aid;
	case TRIGGER_LAUNDRY:
		return r->laundry;
	case TRIGGER_MEAL:
		return r->meal;
	default:
		return 0;
	}
}

/*
 * One allowance line.  XXX: a weekly amount is paid pro rata, the paid
 * hours over 38 and at most the weekly amount, because a per-shift
 * calculation cannot know the rest of the week; a quantity given with
 * the claim counts weeks instead.
 */
static void
allowance_line(struct calc *c, const struct award_allowance *l,
    long long unit, long long qty)
{
	struct pay_result	*res = c->res;
	long long		 amount, units = 0, full;
	size_t			 i;

	switch (l->per) {
	case PER_WEEK:
		full = (long long)RATE_WEEK_HOURS * HOUR_UNITS;
		units = res->paid_units < full ? res->paid_units : full;
		amount = qty > 0 ? round_div(unit * qty, PAY_QTY_SCALE) :
		    round_div(unit * units, full);
		break;
	case PER_HOUR:
		units = qty > 0 ? qty * HOUR_UNITS / PAY_QTY_SCALE :
		    res->paid_units;
		amount = round_div(unit * units, HOUR_UNITS);
		break;
	case PER_KM:
		if (qty <= 0) {
			warn_add(c, "Allowance %s needs a quantity", l->code);
			return;
		}
		amount = round_div(unit * qty, PAY_QTY_SCALE);
		break;
	default:
		amount = qty > 0 ? round_div(unit * qty, PAY_QTY_SCALE) : unit;
		break;
	}
	if (res->nlines == PAY_MAX_LINES) {
		c->overflow = 1;
		return;
	}
	i = res->nlines++;
	res->lines[i].category = PAY_CAT_ALLOWANCE;
	res->lines[i].code = l->code;
	res->lines[i].description = l->desc;
	res->lines[i].clause = l->src.clause;
	res->lines[i].rule_line = l->src.line;
	res->lines[i].date = c->req->work_date;
	res->lines[i].units = l->per == PER_HOUR ? units : 0;
	res->lines[i].percent = 0;
	res->lines[i].rate_cents = unit;
	res->lines[i].amount_cents = amount;
	c->line_fixed[i] = 1;
	c->line_loading[i] = 0;
	c->line_whole[i] = 0;
	c->line_a[i] = c->line_b[i] = -1;
}

/* A flag claimed where the award data has no such allowance. */
static void
flag_check(struct calc *c, int claimed, enum allowance_trigger t,
    const char *what)
{
	size_t	 i;

	if (!claimed)
		return;
	for (i = 0; i < c->a->nallowances; i++)
		if (c->a->allowances[i].trigger == t)
			return;
	c->res->unknown_allowances++;
	warn_add(c, "No %s allowance in the rule data for award %s", what,
	    c->a->code);
}

static void
calc_allowances(struct calc *c)
{
	const struct pay_request	*r = c->req;
	const struct award_allowance	*l;
	long long			 qty, unit;
	size_t				 i, j;

	for (i = 0; i < c->a->nallowances; i++) {
		l = &c->a->allowances[i];
		if (!allowance_triggered(r, l, &qty)) {
			trace_add(c, "allowance", &l->src, l->desc,
			    TRACE_SKIPPED, "not claimed", 0);
			continue;
		}
		if (!(l->emp_mask & (1u << r->emp))) {
			trace_add(c, "allowance", &l->src, l->desc,
			    TRACE_SKIPPED, "other employment types", 0);
			continue;
		}
		if ((unit = allowance_unit(c, l)) == -1) {
			warn_add(c, "Allowance %s has no amount on the date",
			    l->code);
			continue;
		}
		trace_add(c, "allowance", &l->src, l->desc, TRACE_APPLIED,
		    "claimed", 0);
		allowance_line(c, l, unit, qty);
	}
	flag_check(c, r->first_aid, TRIGGER_FIRST_AID, "first aid");
	flag_check(c, r->laundry, TRIGGER_LAUNDRY, "laundry");
	flag_check(c, r->meal, TRIGGER_MEAL, "meal");
	for (j = 0; j < r->nextra; j++) {
		for (i = 0; i < c->a->nallowances; i++)
			if (strcmp(c->a->allowances[i].code,
			    r->extra[j].code) == 0)
				break;
		if (i == c->a->nallowances) {
			c->res->unknown_allowances++;
			warn_add(c, "Allowance %.24s is not known for award %s",
			    r->extra[j].code, c->a->code);
		}
	}
}

static void
time_label(const struct calc *c, long long u, char out[PAY_TIME_LEN])
{
	int	 m;

	if (!c->has_times || u < 0) {
		out[0] = '\0';
		return;
	}
	/* By hand: this runs for every line, and printf is slow. */
	m = (int)(u / MINUTE_UNITS % MINUTES_PER_DAY);
	out[0] = (char)('0' + m / MINUTES_PER_HOUR / 10);
	out[1] = (char)('0' + m / MINUTES_PER_HOUR % 10);
	out[2] = ':';
	out[3] = (char)('0' + m % MINUTES_PER_HOUR / 10);
	out[4] = (char)('0' + m % MINUTES_PER_HOUR % 10);
	out[5] = '\0';
}

/* Price every time line, and add up the categories. */
static void
calc_totals(struct calc *c)
{
	struct pay_result	*res = c->res;
	struct pay_line		*l;
	long long		 ord_rate;
	int			 ord_pct;
	size_t			 i;

	ord_pct = (int)PERCENT_WHOLE + (c->req->emp == EMP_CASUAL ?
	    c->a->casual_loading : 0);
	ord_rate = rate_of(c, ord_pct);
	for (i = 0; i < res->nlines; i++) {
		l = &res->lines[i];
		if (!c->line_fixed[i]) {
			/* XXX: "or part of an hour" is rounded per line. */
			if (c->line_whole[i])
				l->units = (l->units + HOUR_UNITS - 1) /
				    HOUR_UNITS * HOUR_UNITS;
			l->amount_cents = round_div(l->rate_cents * l->units,
			    HOUR_UNITS);
			time_label(c, c->line_a[i], l->start);
			time_label(c, c->line_b[i], l->end);
		} else {
			l->start[0] = '\0';
			l->end[0] = '\0';
		}
		res->sum_cents[l->category] += l->amount_cents;
		res->gross_cents += l->amount_cents;
		if (l->category == PAY_CAT_OVERTIME) {
			res->overtime_units += l->units;
			res->ot_uplift_cents += l->amount_cents -
			    round_div(ord_rate * l->units, HOUR_UNITS);
		} else if ((l->category == PAY_CAT_ORDINARY ||
		    l->category == PAY_CAT_PENALTY) && !c->line_loading[i])
			res->ordinary_units += l->units;
	}
	res->ordinary_equiv_cents = round_div(ord_rate * res->paid_units,
	    HOUR_UNITS);
}

static void
result_reset(struct pay_result *res)
{
	res->nlines = 0;
	res->nwarnings = 0;
	memset(res->sum_cents, 0, sizeof(res->sum_cents));
	res->gross_cents = 0;
	res->worked_units = res->ordinary_units = 0;
	res->overtime_units = res->paid_units = 0;
	res->unknown_allowances = 0;
	res->ordinary_equiv_cents = res->ot_uplift_cents = 0;
	res->has_penalty = 0;
}

static enum pay_day
first_day(const struct calc *c)
{
	if (c->npieces == 0)
		return PAY_DAY_WEEKDAY;
	if (c->pieces[0].ph)
		return PAY_DAY_PUBLIC_HOLIDAY;
	if (c->pieces[0].weekday == SATURDAY)
		return PAY_DAY_SATURDAY;
	if (c->pieces[0].weekday == SUNDAY)
		return PAY_DAY_SUNDAY;
	return PAY_DAY_WEEKDAY;
}

enum pay_error
pay_calculate_audited(const struct ruleset *rs,
    const struct pay_request *req, struct pay_result *res,
    struct pay_audit *audit, char *err, size_t errlen)
{
	struct calc	 c;
	enum pay_error	 e;

	c.rs = rs;
	c.req = req;
	c.res = res;
	c.audit = audit;
	c.err = err;
	c.errlen = errlen;
	c.overflow = 0;
	result_reset(res);
	if (audit != NULL) {
		audit->ntrace = 0;
		audit->ntrace_dropped = 0;
		audit->pay_mode = req->total_units != PAY_NONE ?
		    "total_hours" : "times";
	}
	if (err != NULL && errlen > 0)
		err[0] = '\0';

	if ((e = calc_validate(&c)) != PAY_OK ||
	    (e = calc_award(&c)) != PAY_OK ||
	    (e = calc_rate(&c)) != PAY_OK)
		return e;
	calc_holidays(&c);
	calc_pieces(&c);
	res->day = first_day(&c);
	if ((e = calc_hours(&c)) != PAY_OK)
		return e;
	res->paid_units = res->worked_units;
	calc_minimum(&c);
	calc_allowances(&c);
	if (c.overflow)
		return calc_fail(&c, PAY_ERR_CAPACITY, "The shift needs more "
		    "than %d line items", PAY_MAX_LINES);
	calc_totals(&c);
	return PAY_OK;
}

enum pay_error
pay_calculate(const struct ruleset *rs, const struct pay_request *req,
    struct pay_result *res, char *err, size_t errlen)
{
	return pay_calculate_audited(rs, req, res, NULL, err, errlen);
}
