/*
 * The review of one stored batch row: the calculation, its risks, the
 * comparison with what was paid, the row's status, and the row as the
 * results endpoint shows it.  The results of one chunk accumulate here
 * until they are committed together.
 */
#ifndef AWARD_REVIEW_H
#define AWARD_REVIEW_H

#include <stddef.h>

#include "common/buf.h"
#include "db/batchstore.h"

struct ruleset;

struct review {
	const struct ruleset	*rules;
	struct row_result	*results;
	size_t			 n, cap;
	struct buf		 text;		/* details, refs, codes */
	size_t			*offs;		/* 3 per result, see below */
	struct chunk_totals	 totals;
};

void	review_init(struct review *, const struct ruleset *);
void	review_reset(struct review *);
void	review_free(struct review *);

/*
 * Reviews one row: fields as stored (decoded in place), the hours the
 * file carries into it, and the error that made it unusable at upload
 * (or NULL).  Return 0, or -1 when memory runs out.
 */
int	review_row(struct review *, unsigned row_index, char *fields,
	    long long carry_today, long long carry_week, const char *error);

/* Points the results at their text once the chunk is complete. */
void	review_seal(struct review *);

#endif
