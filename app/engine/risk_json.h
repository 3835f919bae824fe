/*
 * Compliance risks as the contract's JSON (SPEC.md, "Risks"): risk
 * items and the envelope of the detect-risks endpoints.  Every
 * function returns a new object that the caller owns.
 */
#ifndef AWARD_RISK_JSON_H
#define AWARD_RISK_JSON_H

#include <stddef.h>

#include <json-c/json.h>

#include "engine/risk.h"

/* One risk item, and a list of them. */
json_object	*risk_json_item(const struct risk_item *);
json_object	*risk_json_list(const struct risk_list *);

/*
 * The detect-risks envelope: risks, overall_risk_level,
 * requires_manual_review, total_risks_detected,
 * risk_counts_by_severity, risk_text, detection_mode ("pre_calc" or
 * "post_calc"), deterministic.  The caller adds pay_result.
 */
json_object	*risk_json_envelope(const struct risk_list *,
		    const char *detection_mode);

/* The risk_text of a list: one sentence a person can read. */
void		 risk_json_text(const struct risk_list *, char *out,
		    size_t outlen);

#endif
