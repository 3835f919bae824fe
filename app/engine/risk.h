/*
 * Compliance risks of one shift (SPEC.md, "Risks"): those seen from
 * the request alone, before a calculation, and those seen in its
 * result, with the comparison of what was paid against the minimum.
 * Pure: no I/O, no allocation.
 */
#ifndef AWARD_RISK_H
#define AWARD_RISK_H

#include <stddef.h>

#include "engine/pay.h"
#include "engine/ruleset.h"

#define RISK_DESC_LEN	192

enum risk_code {
	RISK_AWARD_NOT_ENGINE_ENABLED,
	RISK_CLASSIFICATION_NOT_FOUND,
	RISK_NO_BASE_PAY_RATE,
	RISK_SHIFT_EXCEEDS_DAILY_MAX,
	RISK_WEEKLY_HOURS_EXCEEDED,
	RISK_NO_BREAK_DEDUCTED,
	RISK_MINIMUM_ENGAGEMENT_NOT_MET,
	RISK_CLASSIFICATION_AMBIGUOUS,
	RISK_PENALTY_EXPECTED_NOT_APPLIED,
	RISK_OVERTIME_EXPECTED_NOT_APPLIED,
	RISK_ZERO_PAY_RESULT,
	RISK_ALLOWANCE_REVIEW_NEEDED,
	RISK_UNDERPAYMENT,
	RISK__MAX
};

enum risk_severity {
	RISK_SEV_HIGH,
	RISK_SEV_WARNING,
	RISK_SEV_INFO,
	RISK_SEV__MAX
};

enum risk_level {
	RISK_LEVEL_LOW,
	RISK_LEVEL_MODERATE,
	RISK_LEVEL_ELEVATED,
	RISK_LEVEL_HIGH,
	RISK_LEVEL__MAX
};

enum row_status {
	ROW_OK,
	ROW_WARNING,
	ROW_VIOLATION,
	ROW_ERROR,
	ROW__MAX
};

/* The fixed facts of a risk code. */
struct risk_def {
	const char		*code;		/* "UNDERPAYMENT" */
	const char		*label;
	const char		*category;
	enum risk_severity	 severity;
	const char		*confidence;
	const char		*review_action;
	const char		*impact_area;
};

struct risk_item {
	enum risk_code		 code;
	const struct risk_def	*def;
	char			 description[RISK_DESC_LEN];
};

/* Each code appears at most once. */
struct risk_list {
	struct risk_item	 items[RISK__MAX];
	size_t			 n;
};

struct pay_comparison {
	long long	 actual_cents;
	long long	 minimum_cents;
	long long	 difference_cents;	/* actual - minimum */
	int		 underpaid;		/* short by a cent or more */
	long long	 shortfall_cents;	/* 0 unless underpaid */
};

void	risk_list_init(struct risk_list *);

/*
 * Risks seen from the request: an unknown award or classification,
 * no rate, long shifts and weeks, no break, minimum engagement, an
 * ambiguous classification.  Adds to list.
 */
void	risk_detect_pre(const struct ruleset *, const struct pay_request *,
	    struct risk_list *);

/*
 * Risks seen in a calculated result; with an actual pay in the
 * request also the comparison (cmp may be NULL) and UNDERPAYMENT.
 * Adds to list.
 */
void	risk_detect_post(const struct pay_request *,
	    const struct pay_result *, struct risk_list *,
	    struct pay_comparison *);

/* Compare what was paid with the minimum. */
void	pay_compare(long long actual_cents, const struct pay_result *,
	    struct pay_comparison *);

const struct risk_def	*risk_def(enum risk_code);
const char		*risk_severity_name(enum risk_severity);
const char		*risk_level_name(enum risk_level);
const char		*row_status_name(enum row_status);

/* Counts by severity into counts[RISK_SEV__MAX]. */
void			 risk_count(const struct risk_list *,
			    int counts[RISK_SEV__MAX]);
enum risk_level		 risk_overall_level(const struct risk_list *);
int			 risk_requires_review(const struct risk_list *);
/* The highest severity present, or -1 without risks. */
int			 risk_max_severity(const struct risk_list *);

/*
 * A batch row's status: error when it could not be calculated,
 * violation when underpaid or any high risk, warning when any warning
 * risk, else ok.  cmp may be NULL.
 */
enum row_status		 risk_row_status(int calc_failed,
			    const struct risk_list *,
			    const struct pay_comparison *);

#endif
