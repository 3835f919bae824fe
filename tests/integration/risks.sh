#!/usr/bin/env bash
# Risk detection through nginx, before and after a calculation.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "risks-$$" 100000 100000 | tail -1)

post() {	# post PATH JSON-BODY
	req POST "$1" -H 'Content-Type: application/json' --data-binary "$2"
}

envelope="risks,overall_risk_level,requires_manual_review"
envelope="$envelope,total_risks_detected,risk_counts_by_severity"
envelope="$envelope,risk_text,detection_mode,deterministic"

post /api/v1/detect-risks '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "full_time",
    "work_date": "2026-03-18", "start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30}'
is "$status" 200 "detect-risks: 200"
is "$(jget 'keys_unsorted | join(",")')" "$envelope" \
    "the envelope's fields in the contract's order"
is "$(jget .detection_mode)" pre_calc "pre_calc"
is "$(jget .deterministic)" true "deterministic"
is "$(jget .total_risks_detected)" 0 "a plain weekday shift: no risks"
is "$(jget .overall_risk_level)" low "overall low"
is "$(jget .requires_manual_review)" false "no review needed"
is "$(jget '.risk_counts_by_severity | [.high, .warning, .info] |
    join(",")')" "0,0,0" "counts by severity"

# Unknown award and classification are risks here, not 400.
post /api/v1/detect-risks '{"award_code": "MA000999",
    "classification_code": "RE2", "employment_type": "ft",
    "work_date": "2026-03-18", "total_hours_worked": 8}'
is "$status" 200 "unknown award: 200"
is "$(jget '.risks[0].risk_code')" AWARD_NOT_ENGINE_ENABLED \
    "unknown award: AWARD_NOT_ENGINE_ENABLED"
is "$(jget '.risks[0].severity')" high "high severity"
is "$(jget '.risks[0] | keys_unsorted | join(",")')" \
    "risk_code,risk_label,category,severity,confidence,description,"\
"review_action,impact_area" \
    "a risk item's fields"
is "$(jget .overall_risk_level)" high "overall high"
is "$(jget .requires_manual_review)" true "review needed"
post /api/v1/detect-risks '{"award_code": "MA000009",
    "classification_code": "XYZ", "employment_type": "ft",
    "work_date": "2026-03-18", "total_hours_worked": 8}'
like "$(jget '[.risks[].risk_code] | join(",")')" CLASSIFICATION_NOT_FOUND \
    "unknown classification: CLASSIFICATION_NOT_FOUND"

# A long shift with no break; minimum engagement.
post /api/v1/detect-risks '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "ft",
    "work_date": "2026-03-18", "start_time": "08:00", "end_time": "20:00"}'
codes=$(jget '[.risks[].risk_code] | join(",")')
like "$codes" NO_BREAK_DEDUCTED "12 hours without a break: NO_BREAK_DEDUCTED"
like "$codes" SHIFT_EXCEEDS_DAILY_MAX "and SHIFT_EXCEEDS_DAILY_MAX"
is "$(jget .risk_counts_by_severity.warning)" \
    "$(jget '[.risks[] | select(.severity == "warning")] | length')" \
    "warning count matches the list"
post /api/v1/detect-risks '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "casual",
    "work_date": "2026-03-18", "start_time": "10:00", "end_time": "12:00"}'
like "$(jget '[.risks[].risk_code] | join(",")')" MINIMUM_ENGAGEMENT_NOT_MET \
    "a 2-hour casual shift: MINIMUM_ENGAGEMENT_NOT_MET"

# Invalid input is still 422.
post /api/v1/detect-risks '{"award_code": "MA000004"}'
is "$status" 422 "detect-risks, missing fields: 422"

# After the calculation: underpayment and the pay result.
post /api/v1/detect-risks-from-calculation '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "full_time",
    "work_date": "2026-03-21", "start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30, "actual_pay": 200}'
is "$status" 200 "detect-risks-from-calculation: 200"
is "$(jget .detection_mode)" post_calc "post_calc"
like "$(jget '[.risks[].risk_code] | join(",")')" UNDERPAYMENT \
    "paid 200 against 254.63: UNDERPAYMENT"
like "$body" '"gross_pay":254\.63' "the pay result comes with it"
like "$body" '"shortfall":54\.63' "and the comparison"
is "$(jget .overall_risk_level)" high "underpayment: overall high"
post /api/v1/detect-risks-from-calculation '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "full_time",
    "work_date": "2026-03-21", "start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30, "actual_pay": 254.63}'
is "$(jget .total_risks_detected)" 0 "paid exactly the minimum: no risks"
is "$(jget .pay_result.pay_comparison.underpaid)" false "not underpaid"
post /api/v1/detect-risks-from-calculation '{"award_code": "MA000999",
    "classification_code": "RE2", "employment_type": "ft",
    "work_date": "2026-03-18", "total_hours_worked": 8}'
is "$status" 200 "post_calc, unknown award: 200"
is "$(jget .pay_result)" null "post_calc, unknown award: no pay result"
is "$(jget '.risks[0].risk_code')" AWARD_NOT_ENGINE_ENABLED \
    "post_calc, unknown award: the risk says why"
done_testing
