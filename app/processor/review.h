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
#include "engine/pay.h"
#include "engine/risk.h"

#define REVIEW_ERR_LEN		256
#define REVIEW_CODES_LEN	512

struct ruleset;

/* What the review of one shift found. */
struct review_outcome {
	struct pay_request	 req;
	struct pay_result	 res;	/* only when !failed */
	struct pay_comparison	 cmp;	/* only when compared */
	struct risk_list	 risks;
	int			 failed;	/* not calculated: see error */
	int			 compared;	/* an actual pay was given */
	enum row_status		 status;
	int			 max_severity;	/* -1 without risks */
	char			 error[REVIEW_ERR_LEN];
	char			 codes[REVIEW_CODES_LEN]; /* ';'-separated */
};

/*
 * Reviews one row's fields (indexed by enum upload_col, NULL when
 * absent) with the hours the batch carries into it, or the error that
 * made it unusable (NULL: none): the request, the risks before and
 * after the calculation, the comparison and the row's status.  Pure;
 * used by the processor and by awardctl check.
 */
void	review_shift(const struct ruleset *, const char *const *fields,
	    long long carry_today, long long carry_week, const char *error,
	    struct review_outcome *);

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
