/*
 * What the calculation and award handlers share: the worker's rule
 * data, reading a shift request, and the answer for an engine error.
 * Each function that can fail answers the request itself.
 */
#ifndef AWARD_API_CALC_H
#define AWARD_API_CALC_H

#include "engine/pay.h"
#include "engine/ruleset.h"

struct api_request;

/*
 * The worker's ruleset (and its version, when version is not NULL),
 * or NULL after answering 503: no rule data is loaded.
 */
const struct ruleset	*calc_rules(struct api_request *,
			    unsigned long long *version);

/*
 * Reads the body as a shift request into req.  Return 0, or -1 after
 * answering 400, 413, 415 or 422 with the fields at fault.
 */
int	calc_read(struct api_request *, struct pay_request *req);

/* The date whose rates are in force now, as a day number. */
int	calc_rate_today(void);

/* An award code as the rule data spells it: upper case, cut to fit. */
void	calc_award_code(const char *in, char out[RULE_CODE_LEN]);

/* Answers an engine error: 400 for what the rule data lacks, 422 for
 * the request, 500 for the rest. */
void	calc_fail(struct api_request *, enum pay_error, const char *err);

#endif
