/*
 * Properties over many random valid shifts (a seeded generator, so a
 * failure repeats): the lines add up to the gross, each category sum
 * is the sum of its lines, paid hours are at least the hours worked,
 * no amount is negative, and the same input gives the same output.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/pay.h"
#include "engine/ruleset.h"
#include "../engine/load.h"
#include "tap.h"

#define SHIFTS		20000
#define SEED		0x2545f4914f6cdd1dULL
#define MAX_BREAK	61
#define MAX_HOURS_DONE	12
#define MAX_WEEK_DONE	45
#define AGE_SPAN	12
#define AGE_FROM	14
#define DATE_SPAN	900

static uint64_t	 prng = SEED;

static uint32_t
rnd(uint32_t n)
{
	prng ^= prng << 13;
	prng ^= prng >> 7;
	prng ^= prng << 17;
	return (uint32_t)(prng % n);
}

static const char *const awards[] = {
	"MA000002", "MA000003", "MA000004", "MA000009", "MA000119"
};

static void
random_request(const struct ruleset *rs, struct pay_request *r)
{
	const struct award	*a;
	int			 len;
	static const char *const states[] = { "NSW", "VIC", "QLD", "SA",
	    "WA", "TAS", "NT", "ACT" };

	pay_request_init(r);
	a = ruleset_award(rs, awards[rnd(5)]);
	snprintf(r->award_code, sizeof(r->award_code), "%s", a->code);
	snprintf(r->class_code, sizeof(r->class_code), "%s",
	    a->classes[rnd((uint32_t)a->nclasses)].code);
	r->emp = (enum emp_type)rnd(EMP__MAX);
	r->worker = (enum worker_type)rnd(WORKER__MAX);
	r->work_date = date_from_civil(2024, 7, 15) + (int)rnd(DATE_SPAN);
	if (rnd(10) == 0)
		r->total_units = (1 + rnd(12 * 4)) * HOUR_UNITS / 4;
	else {
		r->start_min = (int)rnd(MINUTES_PER_DAY / 15) * 15;
		len = 30 + (int)rnd(14 * 60 / 15) * 15;
		r->end_min = (r->start_min + len) % MINUTES_PER_DAY;
		r->break_min = len > 300 ? (int)rnd(MAX_BREAK) : 0;
	}
	r->today_units = rnd(4) == 0 ? rnd(MAX_HOURS_DONE) * HOUR_UNITS : 0;
	r->week_units = rnd(3) == 0 ? rnd(MAX_WEEK_DONE) * HOUR_UNITS : 0;
	r->is_public_holiday = rnd(15) == 0;
	if (rnd(2) == 0)
		au_state_parse(states[rnd(8)], &r->state);
	if (rnd(5) == 0)
		r->age = AGE_FROM + (int)rnd(AGE_SPAN);
	if (rnd(6) == 0)
		r->pay_period_start = r->work_date - (int)rnd(14);
	r->first_aid = rnd(8) == 0;
	r->laundry = rnd(8) == 0;
	r->meal = rnd(8) == 0;
}

/* Any values at all, in and out of range: errors, never a crash. */
static void
wild_request(const struct ruleset *rs, struct pay_request *r)
{
	random_request(rs, r);
	switch (rnd(8)) {
	case 0:
		r->start_min = (int)rnd(4000) - 1000;
		break;
	case 1:
		r->break_min = (int)rnd(3000) - 100;
		break;
	case 2:
		r->total_units = (long long)rnd(100) * HOUR_UNITS - HOUR_UNITS;
		break;
	case 3:
		r->today_units = (long long)rnd(60) * HOUR_UNITS - HOUR_UNITS;
		break;
	case 4:
		r->age = (int)rnd(300) - 50;
		break;
	case 5:
		r->emp = (enum emp_type)rnd(EMP__MAX + 2);
		break;
	case 6:
		r->work_date = (int)rnd(200000) - 100000;
		break;
	default:
		r->nextra = rnd(PAY_MAX_EXTRA + 3);
		break;
	}
}

static int
result_same(const struct pay_result *x, const struct pay_result *y)
{
	size_t	 i;

	if (x->nlines != y->nlines || x->gross_cents != y->gross_cents ||
	    x->paid_units != y->paid_units || x->nwarnings != y->nwarnings)
		return 0;
	for (i = 0; i < x->nlines; i++)
		if (x->lines[i].amount_cents != y->lines[i].amount_cents ||
		    x->lines[i].units != y->lines[i].units ||
		    x->lines[i].rate_cents != y->lines[i].rate_cents ||
		    strcmp(x->lines[i].start, y->lines[i].start) != 0)
			return 0;
	return 1;
}

int
main(void)
{
	static struct pay_result	 res, again;
	struct ruleset			*rs;
	struct pay_request		 r;
	long long			 sum, cats[PAY_CAT__MAX];
	char				 err[256];
	int				 n, bad_sum = 0, bad_cat = 0;
	int				 bad_paid = 0, bad_neg = 0;
	int				 bad_same = 0, failed = 0;
	int				 bad_hours = 0, c;
	size_t				 i;

	if ((rs = load_rules()) == NULL) {
		ok(0, "rules load");
		return tap_done();
	}
	for (n = 0; n < SHIFTS; n++) {
		random_request(rs, &r);
		if (pay_calculate(rs, &r, &res, err, sizeof(err)) != PAY_OK) {
			if (failed++ == 0)
				printf("# first failure: %s\n", err);
			continue;
		}
		sum = 0;
		memset(cats, 0, sizeof(cats));
		for (i = 0; i < res.nlines; i++) {
			sum += res.lines[i].amount_cents;
			cats[res.lines[i].category] +=
			    res.lines[i].amount_cents;
			if (res.lines[i].amount_cents < 0 ||
			    res.lines[i].rate_cents < 0 ||
			    res.lines[i].units < 0)
				bad_neg++;
		}
		bad_sum += sum != res.gross_cents;
		for (c = 0; c < PAY_CAT__MAX; c++)
			bad_cat += cats[c] != res.sum_cents[c];
		bad_paid += res.paid_units < res.worked_units;
		bad_hours += res.ordinary_units + res.overtime_units !=
		    res.worked_units;
		bad_neg += res.gross_cents < 0;
		if (pay_calculate(rs, &r, &again, err, sizeof(err)) != PAY_OK ||
		    !result_same(&res, &again))
			bad_same++;
	}
	printf("# %d random shifts\n", SHIFTS);
	for (n = 0; n < SHIFTS; n++) {
		wild_request(rs, &r);
		if (pay_calculate(rs, &r, &res, err, sizeof(err)) == PAY_OK &&
		    res.gross_cents < 0)
			bad_neg++;
	}
	is_int(failed, 0, "every random valid shift calculates");
	is_int(bad_sum, 0, "lines sum to the gross");
	is_int(bad_cat, 0, "category sums are the sums of their lines");
	is_int(bad_paid, 0, "paid hours are at least the hours worked");
	is_int(bad_hours, 0, "ordinary and overtime hours make the hours "
	    "worked");
	is_int(bad_neg, 0, "no negative amounts, rates or hours");
	is_int(bad_same, 0, "the same input gives the same output");
	ruleset_free(rs);
	return tap_done();
}
