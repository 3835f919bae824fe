/*
 * The context a batch carries between shifts: rows of the same
 * employee count toward each other's daily and weekly overtime, in
 * date and start order (SPEC.md, "Batches").  The weeks run Monday to
 * Sunday; a shift counts toward the day and week it starts in.
 *
 * A row is held in the few numbers the ordering needs, so that a
 * 50,000-row upload is put in order without its full requests.
 */
#ifndef AWARD_BATCHCTX_H
#define AWARD_BATCHCTX_H

#include <stddef.h>

#include "engine/pay.h"

/* One row of a batch, as the ordering needs it. */
struct batch_shift {
	const char	*employee_ref;	/* NULL or "": no context */
	int		 date;		/* day number */
	int		 start;		/* minutes, or -1 for total hours */
	long long	 units;		/* the shift's own hours */
	long long	 today_units;	/* in: what the row says it follows; */
	long long	 week_units;	/* out: that or the rows before, */
					/* whichever is larger */
};

/* The numbers of a valid request. */
void	batchctx_shift(struct batch_shift *, const char *employee_ref,
	    const struct pay_request *);

/* Puts the carried hours back into the request. */
void	batchctx_request(const struct batch_shift *, struct pay_request *);

/*
 * Order each employee's rows by date, start time and row order, and
 * set each row's hours already worked today and this week from the
 * rows before it (keeping any larger figure the row gave).  Rows with
 * no employee are left as they are.  O(n log n) time, O(n) memory
 * (allocated here and freed).  Return 0, or -1 with a message when
 * memory runs out.
 */
int	batchctx_apply(struct batch_shift *, size_t n, char *err,
	    size_t errlen);

#endif
