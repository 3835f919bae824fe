#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/batchctx.h"
#include "engine/pay.h"

struct sort_item {
	const struct batch_shift *s;
	size_t		 row;
};

static int
item_cmp(const void *a, const void *b)
{
	const struct sort_item	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->s->employee_ref, y->s->employee_ref)) != 0)
		return c;
	if (x->s->date != y->s->date)
		return x->s->date < y->s->date ? -1 : 1;
	if (x->s->start != y->s->start)
		return x->s->start < y->s->start ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int
week_of(int day)
{
	return day - date_weekday(day);
}

static long long
max_ll(long long a, long long b)
{
	return a > b ? a : b;
}

void
batchctx_shift(struct batch_shift *s, const char *employee_ref,
    const struct pay_request *r)
{
	s->employee_ref = employee_ref;
	s->date = r->work_date;
	s->start = r->total_units != PAY_NONE ? -1 : r->start_min;
	s->units = max_ll(pay_request_units(r), 0);
	s->today_units = r->today_units;
	s->week_units = r->week_units;
}

void
batchctx_request(const struct batch_shift *s, struct pay_request *r)
{
	r->today_units = s->today_units;
	r->week_units = s->week_units;
}

/* Carry hours along one employee's run of sorted rows. */
static void
run_apply(struct batch_shift *rows, const struct sort_item *it, size_t n)
{
	struct batch_shift	*s;
	long long		 today = 0, week = 0;
	int			 day = 0, wk = 0;
	size_t			 i;

	for (i = 0; i < n; i++) {
		s = &rows[it[i].row];
		if (i == 0 || week_of(s->date) != wk) {
			week = 0;
			today = 0;
		} else if (s->date != day)
			today = 0;
		day = s->date;
		wk = week_of(day);
		s->today_units = max_ll(s->today_units, today);
		s->week_units = max_ll(s->week_units, week);
		today = s->today_units + s->units;
		week = s->week_units + s->units;
	}
}

int
batchctx_apply(struct batch_shift *rows, size_t n, char *err,
    size_t errlen)
{
	struct sort_item	*it;
	size_t			 i, m = 0, start;

	if (n == 0)
		return 0;
	if ((it = calloc(n, sizeof(*it))) == NULL) {
		snprintf(err, errlen, "Out of memory ordering %zu rows", n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (rows[i].employee_ref == NULL ||
		    rows[i].employee_ref[0] == '\0' ||
		    rows[i].date == PAY_DATE_NONE)
			continue;
		it[m].s = &rows[i];
		it[m].row = i;
		m++;
	}
	qsort(it, m, sizeof(*it), item_cmp);
	for (start = 0, i = 1; i <= m; i++)
		if (i == m || strcmp(it[i].s->employee_ref,
		    it[start].s->employee_ref) != 0) {
			run_apply(rows, it + start, i - start);
			start = i;
		}
	free(it);
	return 0;
}
