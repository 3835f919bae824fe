#!/usr/bin/env bash
# Calculate pay through nginx: the contract's example to the character,
# the engine's hand-worked shifts end to end, every refusal with its
# status and fields, and the body limits.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "calc-$$" 100000 100000 | tail -1)

words() {	# words A B C: "A,B,C"
	printf '%s' "$*" | tr ' ' ','
}

calc() {	# calc JSON-BODY [curl args...]
	local b=$1
	shift
	req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
	    --data-binary "$b" "$@"
}

shift_body() {	# shift_body EXTRA-FIELDS: the contract's example and more
	printf '{"award_code": "MA000004", "classification_code": "RE2",
	    "employment_type": "full_time", "work_date": "2026-03-21"%s}' \
	    "${1:+, $1}"
}

# Money in the body printed with at most two decimals, and no number
# printed with more than four.
money_keys='base_weekly_rate|base_hourly_rate|rate|amount|ordinary_pay'
money_keys="$money_keys|penalty_pay|overtime_pay|allowance_pay"
money_keys="$money_keys|minimum_engagement_pay|gross_pay|actual_pay"
money_keys="$money_keys|minimum_pay|difference|shortfall"
money_plain() {
	! printf '%s' "$body" |
	    grep -Eq "\"($money_keys)\":-?[0-9]+\\.[0-9]{3,}" &&
	! printf '%s' "$body" | grep -Eq ':-?[0-9]+\.[0-9]{5,}'
}

# The contract's example: Retail RE2 full-time, Saturday 09:00-17:00
# with a 30-minute break.
calc "$(shift_body '"start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30')"
is "$status" 200 "the contract's example: 200"
like "$(header Content-Type)" '^application/json' "JSON answer"
like "$body" '"rate":33\.95,"amount":254\.63' \
    "line rate 33.95 and amount 254.63, printed exactly"
like "$body" '"gross_pay":254\.63' "gross 254.63"
like "$body" '"base_weekly_rate":1032\.00,"base_hourly_rate":27\.16' \
    "weekly 1032.00 and hourly 27.16"
like "$body" '"hours_worked":7\.5,"ordinary_hours":7\.5' "hours as numbers"
is "$(jget .day_classification)" saturday "saturday"
is "$(jget .rates_effective_from)" 2025-07-01 "rates from 1 July 2025"
is "$(jget '.line_items[0] | [.category, .code, .start, .end, .percent,
    .clause] | join(" ")')" "penalty SATURDAY 09:00 17:00 125 22.1" \
    "the line item"
is "$(jget 'keys_unsorted | join(",")')" \
    "$(words award_code award_title classification_code \
    classification_label employment_type worker_type work_date \
    day_classification rates_effective_from base_weekly_rate \
    base_hourly_rate hours_worked ordinary_hours overtime_hours \
    paid_hours line_items ordinary_pay penalty_pay overtime_pay \
    allowance_pay minimum_engagement_pay gross_pay warnings)" \
    "the pay result's fields in the contract's order"
is "$(jget '.line_items[0] | keys_unsorted | join(",")')" \
    "$(words category code description start end hours percent rate \
    amount clause)" \
    "the line item's fields in the contract's order"
is "$(jget '.gross_pay | type')" number "money is a JSON number"
money_plain
ok $? "money with at most two decimals"
is "$(jget '.pay_comparison')" null "no comparison without actual_pay"

# The engine's hand-worked shifts (tests/unit/test-engine-shifts.c):
# award class emp date start end break week_hours state age pps
# gross overtime_hours day (wd weekday, ph public_holiday) rate_year
while read -r aw cl emp d st en br wk state age pps gross ot day from; do
	from=$from-07-01
	case $day in
	wd) day=weekday ;;
	ph) day=public_holiday ;;
	esac
	extra="\"start_time\": \"$st\", \"end_time\": \"$en\",
	    \"unpaid_break_minutes\": $br,
	    \"hours_already_worked_this_week\": $wk"
	[ "$state" != - ] && extra="$extra, \"state\": \"$state\""
	[ "$age" != - ] && extra="$extra, \"age\": $age"
	[ "$pps" != - ] && extra="$extra, \"pay_period_start\": \"$pps\""
	calc "{\"award_code\": \"$aw\", \"classification_code\": \"$cl\",
	    \"employment_type\": \"$emp\", \"work_date\": \"$d\", $extra}"
	what="$aw $cl $emp $d $st-$en"
	is "$status" 200 "$what: 200"
	like "$body" "\"gross_pay\":$gross," "$what: gross $gross"
	is "$(jget .overtime_hours)" "$ot" "$what: overtime $ot h"
	is "$(jget .day_classification)" "$day" "$what: $day"
	is "$(jget .rates_effective_from)" "$from" "$what: rates from $from"
	money_plain
	ok $? "$what: money with at most two decimals"
	sum=$(jget '[.line_items[].amount] | add * 100 | round')
	is "$sum" "$(jget '.gross_pay * 100 | round')" \
	    "$what: gross is the sum of the lines"
done <<'EOF'
MA000004 RE2 ft 2025-03-21 20:00 02:00 0 0 - - - 255.84 5 weekday 2024
MA000004 RE2 ft 2025-03-23 08:00 18:30 30 0 - - - 413.28 1.5 sunday 2024
MA000004 RE2 casual 2025-03-19 10:00 12:00 0 0 - - - 98.40 0 weekday 2024
MA000004 RE2 casual 2025-03-19 10:00 14:00 0 0 - 17 - 78.72 0 weekday 2024
MA000004 RE2 ft 2025-03-10 09:00 17:00 30 0 VIC - - 442.80 0 ph 2024
MA000004 RE2 ft 2025-03-10 09:00 17:00 30 0 NSW - - 196.80 0 weekday 2024
MA000004 RE2 ft 2025-07-01 09:00 17:00 30 0 - - - 203.70 0 weekday 2025
MA000004 RE2 ft 2025-07-01 09:00 17:00 30 0 - - 2025-06-25 196.80 0 wd 2024
MA000004 RE2 ft 2025-03-19 09:00 17:00 30 35 - - - 275.52 4.5 weekday 2024
MA000009 HI2 ft 2025-03-21 20:00 02:00 0 0 - - - 173.26 0 weekday 2024
MA000009 HI2 ft 2025-03-23 08:00 18:30 30 30 - - - 399.68 2 sunday 2024
MA000009 HI2 pt 2025-03-19 10:00 12:00 0 0 - - - 74.94 0 weekday 2024
MA000009 HI2 ft 2025-03-10 09:00 17:00 30 0 VIC - - 421.58 0 ph 2024
MA000119 RI3 casual 2025-03-19 10:00 11:30 0 0 - - - 64.51 0 weekday 2024
MA000119 RI3 ft 2025-03-19 09:00 17:00 30 35 - - - 283.80 4.5 weekday 2024
MA000002 L2Y1 ft 2025-03-23 08:00 18:30 30 30 - - - 543.40 2 sunday 2024
MA000002 L2Y1 ft 2025-07-01 09:00 17:00 30 0 - - - 210.90 0 weekday 2025
MA000003 FF2 ft 2025-03-10 09:00 17:00 30 0 VIC - - 458.48 0 ph 2024
MA000003 FF2 casual 2025-03-19 10:00 14:00 0 0 - 17 - 81.52 0 weekday 2024
EOF

# Total hours instead of times; and the short spellings.
calc "$(shift_body '"total_hours_worked": 7.5' | sed 's/full_time/ft/')"
is "$status" 200 "total hours: 200"
like "$body" '"gross_pay":254\.63' "total hours: the same 254.63"

# What was paid: the comparison.
calc "$(shift_body '"start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30, "actual_pay": 200')"
cmp='"pay_comparison":\{"actual_pay":200\.00,"minimum_pay":254\.63,'
cmp=$cmp'"difference":-54\.63,"underpaid":true,"shortfall":54\.63\}'
like "$body" "$cmp" "pay comparison of an underpaid shift"

# Refusals: 422 with the fields at fault.
check_field() {	# check_field EXTRA FIELD MSG-REGEX DESCRIPTION
	calc "$(shift_body "$1")"
	is "$status" 422 "$4: 422"
	is "$(jget .error)" validation_error "$4: validation_error"
	like "$(jget ".fields[] | select(.field == \"$2\") | .msg")" "$3" \
	    "$4: $2 named"
}

calc '{}'
is "$status" 422 "empty object: 422"
is "$(jget '[.fields[].field] | join(",")')" \
    "$(words award_code classification_code employment_type work_date \
    start_time end_time)" \
    "empty object: every required field named"
is "$(jget '.fields[0].msg')" required "empty object: required"
is "$(jget .status_code)" 422 "status_code in the body"
is "$(jget .request_id)" "$(header X-Request-Id)" "request id matches"

check_field '"start_time": "09:00"' end_time '^required' "no end time"
check_field '"total_hours_worked": "8"' total_hours_worked \
    'must be a number' "hours as a string"
check_field '"total_hours_worked": 8, "unpaid_break_minutes": "30"' \
    unpaid_break_minutes 'must be a number' "break as a string"
check_field '"total_hours_worked": 8, "is_public_holiday": "yes"' \
    is_public_holiday 'must be true or false' "boolean as a string"
check_field '"total_hours_worked": 8, "age": 17.5' age \
    'whole number' "fractional age"
check_field '"total_hours_worked": 8, "employment_type": "contractor"' \
    employment_type 'must be one of full_time, part_time, casual' \
    "unknown employment type"
check_field '"total_hours_worked": 8, "worker_type": "nights"' \
    worker_type 'must be one of' "unknown worker type"
check_field '"total_hours_worked": 8, "state": "XX"' state \
    'must be one of NSW' "unknown state"
check_field '"total_hours_worked": 8, "work_date": "2025-02-29"' \
    work_date 'not a real date' "29 February 2025"
check_field '"total_hours_worked": 8, "work_date": "21/03/2026"' \
    work_date 'YYYY-MM-DD' "a date in another form"
check_field '"start_time": "24:60", "end_time": "17:00"' start_time \
    'must be HH:MM' "24:60"
check_field '"total_hours_worked": 30' total_hours_worked 'at most 24' \
    "a 30-hour shift"
check_field '"total_hours_worked": -3' total_hours_worked 'negative' \
    "negative hours"
check_field '"start_time": "09:00", "end_time": "13:00",
    "unpaid_break_minutes": 600' unpaid_break_minutes \
    'break is longer than the shift' "a 600-minute break on a 4-hour shift"
check_field '"total_hours_worked": 8,
    "hours_already_worked_this_week": 200' \
    hours_already_worked_this_week 'between 0 and 168' \
    "more hours this week than a week has"
check_field '"total_hours_worked": 8, "age": 130' age 'between 0 and 120' \
    "age 130"
check_field '"total_hours_worked": 8, "actual_pay": -5' actual_pay \
    'negative' "negative actual pay"
check_field '"total_hours_worked": 8, "additional_allowances": {"X": "y"}' \
    additional_allowances.X 'true or a quantity' "allowance value"

# Unknown award and classification: 400 with the contract's wording.
calc '{"award_code": "MA000999", "classification_code": "RE2",
    "employment_type": "ft", "work_date": "2026-03-21",
    "total_hours_worked": 8}'
is "$status" 400 "unknown award: 400"
is "$(jget .error)" bad_request "unknown award: bad_request"
is "$(jget .detail)" \
    "Award MA000999 is not available for deterministic calculations" \
    "unknown award: the contract's message"
calc '{"award_code": "MA000009", "classification_code": "XYZ",
    "employment_type": "ft", "work_date": "2026-03-21",
    "total_hours_worked": 8}'
is "$status" 400 "unknown classification: 400"
is "$(jget .detail)" "Classification XYZ not found for award MA000009" \
    "unknown classification: the contract's message"

# The body: its size, depth, syntax and media type.
big=$tmp/big.json
{ printf '{"award_code": "MA000004", "pad": "'
  head -c $((1024 * 1024 + 10)) /dev/zero | tr '\0' a
  printf '"}'; } >"$big"
calc "@$big"
is "$status" 413 "a body over 1 MiB: 413"
is "$(jget .error)" payload_too_large "413: payload_too_large"
deep=$(printf '{"a":%.0s' $(seq 1 40))1$(printf '}%.0s' $(seq 1 40))
calc "$deep"
is "$status" 400 "JSON nested too deep: 400"
is "$(jget .error)" bad_request "too deep: bad_request"
calc '{"award_code": '
is "$status" 400 "broken JSON: 400"
calc '[1, 2]'
is "$status" 400 "an array, not an object: 400"
req POST /api/v1/calculate-pay -H 'Content-Type: text/plain' \
    --data-binary "$(shift_body '"total_hours_worked": 8')"
is "$status" 415 "text/plain: 415"
is "$(jget .error)" unsupported_media_type "415: unsupported_media_type"
req POST /api/v1/calculate-pay \
    -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary "$(shift_body '"total_hours_worked": 8')"
is "$status" 200 "application/json with a charset: 200"
req GET /api/v1/calculate-pay
is "$status" 405 "GET calculate-pay: 405"
req_as "" POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
    --data-binary "$(shift_body '"total_hours_worked": 8')"
is "$status" 401 "no key: 401"
done_testing
