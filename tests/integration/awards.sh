#!/usr/bin/env bash
# The award endpoints through nginx: the list of every modern award,
# one award's classifications and rates by date, its rule data
# versions, a new version taken up without a restart, and two awards
# compared.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "awards-$$" 100000 100000 | tail -1)

words() {	# words A B C: "A,B,C"
	printf '%s' "$*" | tr ' ' ','
}

req GET /api/v1/awards
is "$status" 200 "awards: 200"
is "$(jget length)" 156 "all 156 modern awards"
is "$(jget '[.[].award_code] | . == sort')" true "sorted by code"
is "$(jget '.[0] | keys_unsorted | join(",")')" \
    "$(words award_code award_title has_normalized_rules \
    classification_count norm_version_id)" \
    "an item's fields"
is "$(jget '[.[] | select(.has_normalized_rules)] | length >= 5')" true \
    "the awards with rules are marked"
is "$(jget '.[] | select(.award_code == "MA000004") |
    [.award_title, .classification_count] | join(",")')" \
    "General Retail Industry Award 2020,8" "Retail: title and 8 levels"
is "$(jget '.[] | select(.award_code == "MA000001") |
    [.has_normalized_rules, .classification_count, .norm_version_id] |
    map(tostring) | join(",")')" "false,0,null" \
    "an award without rules: no classifications, no version"
is "$(jget '.[] | select(.award_code == "MA000002") | .award_title')" \
    "Clerks—Private Sector Award 2020" "UTF-8 titles"

req GET "/api/v1/awards/MA000004?date=2026-03-21"
is "$status" 200 "one award: 200"
is "$(jget '[.award_code, .ordinary_hours_per_week,
    .casual_loading_percent, .daily_max_hours, .ot_split_hours] |
    join(",")')" "MA000004,38,25,9,3" "Retail: hours, loading, split"
is "$(jget '.employment_types | join(",")')" "full_time,part_time,casual" \
    "employment types"
is "$(jget '.classifications | length')" 8 "eight classifications"
re2='"code":"RE2","label":"Retail Employee Level 2","level":2,'
like "$body" "$re2"'"weekly_rate":1032\.00,"hourly_rate":27\.16' \
    "RE2 in the 2025 rate year: 1032.00 a week, 27.16 an hour"
like "$(jget .norm_version_id)" '^[0-9]+$' "norm_version_id"
req GET "/api/v1/awards/ma000004?date=2025-03-21"
like "$body" "$re2"'"weekly_rate":997\.10,"hourly_rate":26\.24' \
    "?date= in the 2024 rate year: 997.10 and 26.24; any case"
req GET "/api/v1/awards/MA000004?date=2025-02-29"
is "$status" 422 "?date=2025-02-29: 422"
is "$(jget '.fields[0].field')" date "the date is named"
req GET /api/v1/awards/MA000999
is "$status" 404 "an award code that is no award: 404"
is "$(jget .error)" not_found "404: not_found"
req GET /api/v1/awards/MA000001
is "$status" 200 "an award without rules: 200"
is "$(jget .has_normalized_rules)" false "  with has_normalized_rules false"

req GET "/api/v1/awards/MA000009/classifications?date=2026-03-21"
is "$status" 200 "classifications: 200"
is "$(jget 'type')" array "an array"
is "$(jget '.[0] | keys_unsorted[:5] | join(",")')" \
    "code,label,level,weekly_rate,hourly_rate" "a classification's fields"
req GET /api/v1/awards/MA000999/classifications
is "$status" 404 "classifications of no award: 404"

req GET /api/v1/awards/MA000004/versions
is "$status" 200 "versions: 200"
n0=$(jget '.versions | length')
ok "$(jget 'if (.versions | length) >= 1 then 0 else 1 end')" \
    "at least one version"
like "$(jget '.versions[0].content_sha256')" '^[0-9a-f]{64}$' \
    "a content hash"
like "$(jget '.versions[0].loaded_at')" \
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' \
    "when it was loaded"
is "$(jget '.rate_years | map(.rate_year) | join(",")')" 2024,2025 \
    "the rate years"
req GET /api/v1/awards/MA000999/versions
is "$status" 404 "versions of no award: 404"

# A new rule data version is taken up by every worker without a
# restart; the old one is loaded back afterwards.
rules=$tmp/rules
cp -r "$top_srcdir/sql/rules" "$rules"
sed -i 's/^\(award code=MA000004 .*version=\)[^ ]*/\1test-reload/' \
    "$rules/MA000004.rules"
ctl rules load "$rules" >/dev/null
ok $? "awardctl rules load of a changed file"
sleep 1.5
reloaded=0
for _ in 1 2 3 4 5 6 7 8; do	# enough requests to reach every worker
	req GET /api/v1/awards/MA000004/versions
	[ "$(jget .rules_version)" = test-reload ] &&
	    reloaded=$((reloaded + 1))
done
is "$reloaded" 8 "every answer uses the new version"
is "$(jget '.versions | length')" $((n0 + 1)) "one more version listed"
is "$(jget '[.versions[] | select(.in_use)] | length')" 1 \
    "one version in use"
ctl rules load "$top_srcdir/sql/rules" >/dev/null
sleep 1.5

# Two awards compared.
compare() {
	req POST /api/v1/compare-awards -H 'Content-Type: application/json' \
	    --data-binary "$1"
}
compare '{"award_a": "MA000004", "award_b": "MA000009",
    "classification_a": "RE2", "classification_b": "HI2",
    "employment_type": "full_time", "worker_type": "non_shiftworker",
    "date": "2026-03-21"}'
is "$status" 200 "compare-awards: 200"
is "$(jget 'keys_unsorted | map(select(. == "award_a_code" or
    . == "award_b_code" or . == "award_a_name" or . == "award_b_name" or
    . == "rule_comparisons" or . == "key_differences" or
    . == "key_similarities" or . == "summary" or
    . == "deterministic_comparison")) | length')" 9 "the contract's fields"
is "$(jget '[.rule_comparisons[].topic] | join(",")')" \
    "$(words base_pay ordinary_hours casual_loading saturday_penalty \
    sunday_penalty public_holiday_penalty overtime_split)" \
    "the seven topics"
is "$(jget '.rule_comparisons[0] | keys_unsorted | join(",")')" \
    "$(words topic topic_label award_a_value award_b_value award_a_raw \
    award_b_raw difference difference_direction)" \
    "a comparison's fields"
like "$body" '"topic":"base_pay","topic_label":"Base pay",'\
'"award_a_value":27\.16,"award_b_value":25\.85,' \
    "base pay 27.16 against 25.85"
is "$(jget '.rule_comparisons[0] | [.difference, .difference_direction] |
    map(tostring) | join(",")')" "1.31,a_higher" "RE2 is paid 1.31 more"
is "$(jget '.rule_comparisons[] | select(.topic == "saturday_penalty") |
    .difference_direction')" equal "Saturday: 125% in both"
is "$(jget '.rule_comparisons[] | select(.topic == "overtime_split") |
    [.award_a_value, .award_b_value] | map(tostring) | join(",")')" "3,2" \
    "overtime split: 3 hours against 2"
is "$(jget .deterministic_comparison)" true "deterministic"
like "$(jget .summary)" "MA000004 and MA000009 differ on" "a summary"
compare '{"award_a": "MA000004", "award_b": "MA000999"}'
is "$status" 400 "compare, unknown award: 400"
is "$(jget .detail)" \
    "Award MA000999 is not available for deterministic calculations" \
    "compare, unknown award: the contract's message"
compare '{"award_a": "MA000004", "award_b": "MA000009",
    "classification_b": "XYZ"}'
is "$(jget .detail)" "Classification XYZ not found for award MA000009" \
    "compare, unknown classification"
compare '{"award_b": 9}'
is "$status" 422 "compare, missing and wrong fields: 422"
is "$(jget '[.fields[].field] | join(",")')" award_a,award_b \
    "compare: both fields named"
done_testing
