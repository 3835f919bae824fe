#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/datetime.h"
#include "engine/batchctx.h"
#include "engine/pay.h"

#define DAYS_PER_WEEK	7

struct sort_item {
	const char	*ref;
	int		 date;
	int		 start;		/* -1 for total-hours rows */
	size_t		 row;
};

static int
item_cmp(const void *a, const void *b)
{
	const struct sort_item	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->ref, y->ref)) != 0)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
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

/* Carry hours along one employee's run of sorted rows. */
static void
run_apply(struct batch_shift *rows, const struct sort_item *it, size_t n)
{
	struct pay_request	*r;
	long long		 today = 0, week = 0, u;
	int			 day = 0, wk = 0;
	size_t			 i;

	for (i = 0; i < n; i++) {
		r = rows[it[i].row].req;
		if (i == 0 || week_of(it[i].date) != wk) {
			week = 0;
			today = 0;
		} else if (it[i].date != day)
			today = 0;
		day = it[i].date;
		wk = week_of(day);
		r->today_units = max_ll(r->today_units, today);
		r->week_units = max_ll(r->week_units, week);
		if ((u = pay_request_units(r)) < 0)
			u = 0;
		today = r->today_units + u;
		week = r->week_units + u;
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
		if (!rows[i].valid || rows[i].req == NULL ||
		    rows[i].employee_ref == NULL ||
		    rows[i].employee_ref[0] == '\0' ||
		    rows[i].req->work_date == PAY_DATE_NONE)
			continue;
		it[m].ref = rows[i].employee_ref;
		it[m].date = rows[i].req->work_date;
		it[m].start = rows[i].req->total_units != PAY_NONE ? -1 :
		    rows[i].req->start_min;
		it[m].row = i;
		m++;
	}
	qsort(it, m, sizeof(*it), item_cmp);
	for (start = 0, i = 1; i <= m; i++)
		if (i == m || strcmp(it[i].ref, it[start].ref) != 0) {
			run_apply(rows, it + start, i - start);
			start = i;
		}
	free(it);
	return 0;
}
