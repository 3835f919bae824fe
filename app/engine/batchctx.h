/*
 * The context a batch carries between shifts: rows of the same
 * employee count toward each other's daily and weekly overtime, in
 * date and start order (SPEC.md, "Batches").  The weeks run Monday to
 * Sunday; a shift counts toward the day and week it starts in.
 */
#ifndef AWARD_BATCHCTX_H
#define AWARD_BATCHCTX_H

#include <stddef.h>

#include "engine/pay.h"

/* One row of a batch, as the caller holds it. */
struct batch_shift {
	const char		*employee_ref;	/* NULL or "": no context */
	struct pay_request	*req;		/* updated in place */
	int			 valid;		/* 0: row failed to parse */
};

/*
 * Order each employee's valid rows by date, start time and row
 * order, and set each row's hours already worked today and this week
 * from the rows before it (keeping any larger figure the row gave).
 * O(n log n) time, O(n) memory (allocated here and freed).  Return 0,
 * or -1 with a message when memory runs out.
 */
int	batchctx_apply(struct batch_shift *, size_t n, char *err,
	    size_t errlen);

#endif
