#!/usr/bin/env bash
# The audited calculation through nginx: its fields, the audit kept for
# the organisation that made it, and 404 for every other asker.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "audits-$$" 100000 100000 | tail -1)
other=$(new_org "audits-other-$$" 100000 100000 | tail -1)
uuid='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
utc='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'

words() {	# words A B C: "A,B,C"
	printf '%s' "$*" | tr ' ' ','
}

audit_count() {	# audit_count [WHERE]: audits stored
	mariadb --no-defaults --socket="$AWARD_DB_SOCKET" -uroot -N award \
	    -e "SELECT COUNT(*) FROM audits ${1:+WHERE $1}"
}

body='{"award_code": "MA000004", "classification_code": "RE2",
    "employment_type": "full_time", "work_date": "2026-03-21",
    "start_time": "09:00", "end_time": "17:00", "unpaid_break_minutes": 30,
    "age": 17}'
req POST /api/v1/calculate-pay-audited -H 'Content-Type: application/json' \
    --data-binary "$body"
is "$status" 200 "audited: 200"
first=$body
id=$(jget .audit_id)
like "$id" "$uuid" "audit_id is a UUID"
is "$(jget 'keys_unsorted | join(",")')" \
    "$(words pay_result audit_id calculated_at engine_version version \
    rate rules_considered rules_applied rounding_applied \
    day_classification rate_path pay_mode)" \
    "the audited form's fields in the contract's order"
like "$(jget .calculated_at)" "$utc" \
    "calculated_at is an ISO 8601 UTC timestamp"
like "$(jget .engine_version)" '^[0-9]+\.[0-9]+\.[0-9]+$' "engine version"
like "$(jget .version.rule_data_version_id)" '^[0-9]+$' \
    "the rule data version id"
is "$(jget .version.rate_year)" 2025 "the rate year"
is "$(jget .day_classification)" saturday "day classification"
is "$(jget .rate_path)" junior "rate path: junior at 17"
is "$(jget .pay_mode)" times "pay mode: times"
is "$(jget .rate.junior_age)" 17 "the rate: junior age"
is "$(jget .rate.adult_weekly_rate)" 1032 "the rate: adult weekly rate"
is "$(jget .rate.hourly_rate)" "$(jget .pay_result.base_hourly_rate)" \
    "the rate: hourly rate as in the pay result"
is "$(jget '.rules_applied | map(.status) | unique | join(",")')" applied \
    "rules_applied holds only applied rules"
is "$(jget '.rules_considered[0] | keys_unsorted | join(",")')" \
    "$(words rule_table rule_id rule_description priority status reason \
    superseded_by source_clauses)" \
    "a rule item's fields"
ok "$(jget '[.rules_considered[] | select(.status == "skipped")] |
    length > 0 | if . then 0 else 1 end')" "skipped rules are listed too"
ok "$(jget '[.rounding_applied[] | select(.step == "hourly_rate")] |
    length == 1 | if . then 0 else 1 end')" "the hourly rounding is shown"
money='"(rate|amount|gross_pay|rounded|hourly_rate|weekly_rate)"'
! printf '%s' "$body" | grep -Eq "$money:-?[0-9]+\\.[0-9]{3,}"
ok $? "money with at most two decimals"

req GET "/api/v1/audits/$id"
is "$status" 200 "the audit, fetched by its organisation: 200"
is "$body" "$first" "the same answer, byte for byte"

req_as "$other" GET "/api/v1/audits/$id"
is "$status" 404 "another organisation's audit: 404"
is "$(jget .error)" not_found "404: not_found"
other_detail=$(jget .detail)
req GET "/api/v1/audits/00000000-0000-4000-8000-000000000000"
is "$status" 404 "an audit that does not exist: 404"
is "$(jget .detail)" "Audit 00000000-0000-4000-8000-000000000000 not found" \
    "404 says which audit"
is "$other_detail" "Audit $id not found" \
    "another organisation's audit: the same words as a missing one"
req GET "/api/v1/audits/not-a-uuid"
is "$status" 404 "a malformed id: 404"
req GET "/api/v1/audits/$(printf '%s' "$id" | tr a-f A-F)"
is "$status" 404 "an upper-case id is not the id"

# A refused calculation keeps nothing.
n=$(audit_count)
req POST /api/v1/calculate-pay-audited -H 'Content-Type: application/json' \
    --data-binary '{"award_code": "MA000999", "classification_code": "X",
    "employment_type": "ft", "work_date": "2026-03-21",
    "total_hours_worked": 4}'
is "$status" 400 "audited, unknown award: 400"
is "$(audit_count)" "$n" "nothing stored for a 400"
req POST /api/v1/calculate-pay-audited -H 'Content-Type: application/json' \
    --data-binary '{}'
is "$status" 422 "audited, empty object: 422"

# Total hours: the pay mode says so.
req POST /api/v1/calculate-pay-audited -H 'Content-Type: application/json' \
    --data-binary '{"award_code": "MA000004", "classification_code": "RE2",
    "employment_type": "casual", "work_date": "2026-03-18",
    "total_hours_worked": 4}'
is "$(jget .pay_mode)" total_hours "pay mode: total_hours"
is "$(jget .rate_path)" adult "rate path: adult"
is "$(audit_count "id = '$(jget .audit_id)'")" 1 "the audit is stored"
done_testing
