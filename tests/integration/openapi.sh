#!/usr/bin/env bash
# The API description, docs/openapi.json, against the code and against
# real answers through nginx.  Every route of app/api/router.c must be
# described and every described operation routed; every operation is
# called with good and bad requests, and each answer's status, headers
# and body must be as described (tests/lib/openapi-check); at the end
# every status the description gives must have been seen, but 500 and
# 503, which need a broken server, database or rule data and are not
# made on the shared stack (tests/integration/db-down.sh makes a 503 on
# a stack of its own).
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
command -v python3 >/dev/null || bail "python3 is needed (tests/install-deps)"

spec=$top_srcdir/docs/openapi.json
checker=$top_srcdir/tests/lib/openapi-check
seen=$tmp/seen
: > "$seen"

# The description itself, and the router's table.
out=$(python3 "$checker" lint "$spec" 2>&1)
ok $? "the description is well formed"
[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
out=$(python3 "$checker" routes "$spec" "$top_srcdir/app/api/router.c" 2>&1)
ok $? "every route is described, every operation routed, limits agree"
[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'

AWARD_API_KEY=$(new_org "openapi-$$" 100000 100000)
other_key=$(new_org "openapi-other-$$" 100000 100000)
suspended_key=$(new_org "openapi-suspended-$$")
ctl org suspend "openapi-suspended-$$"
limited_key=$(new_org "openapi-limited-$$" 1 1)
nobatch=00000000-0000-4000-8000-000000000000

# api KEY METHOD PATH [curl args...]: a request, kept for check
api() {
	last_method=$2
	last_path=$3
	req_type=
	req_file=
	req_as "$@"
	# curl -I puts the head where the body goes; HEAD has no body.
	[ "$last_method" != HEAD ] || : > "$tmp/body"
}

# api_json KEY METHOD PATH JSON [curl args...]: a JSON body
api_json() {
	local key=$1 m=$2 p=$3
	printf '%s' "$4" > "$tmp/request"
	shift 4
	api "$key" "$m" "$p" -H 'Content-Type: application/json' \
	    --data-binary "@$tmp/request" "$@"
	req_type=application/json
	req_file=$tmp/request
}

# check STATUS DESCRIPTION: the last answer has STATUS and is as
# described
check() {
	local out
	is "$status" "$1" "$2: $1"
	out=$(python3 "$checker" response "$spec" "$seen" "$last_method" \
	    "$last_path" "$status" "$headers_file" "$tmp/body" \
	    ${req_file:+"$req_type" "$req_file"} 2>&1)
	ok $? "$2: as described"
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
	return 0
}

# gate METHOD PATH [curl args...]: 401 without a key, 403 for a
# suspended organisation's, 429 over the limit
gate() {
	local m=$1 p=$2 n
	shift 2
	api "" "$m" "$p" "$@"
	check 401 "$m $p without a key"
	api "$suspended_key" "$m" "$p" "$@"
	check 403 "$m $p with a suspended organisation's key"
	# One request a minute: the second is over, unless the minute
	# turned between them.
	for n in 1 2 3; do
		api "$limited_key" "$m" "$p" "$@"
		[ "$status" = 429 ] && break
	done
	check 429 "$m $p over the limit"
}

# The JSON-body refusals of an operation: 400, 413, 415, 422.
json_refusals() {	# json_refusals PATH
	api_json "$AWARD_API_KEY" POST "$1" '{"award_code": '
	check 400 "$1 with JSON cut short"
	api_json "$AWARD_API_KEY" POST "$1" '[1, 2]'
	check 400 "$1 with an array for a body"
	api "$AWARD_API_KEY" POST "$1" -H 'Content-Type: application/json' \
	    --data-binary "@$tmp/huge.json"
	check 413 "$1 with a body over 1 MiB"
	api "$AWARD_API_KEY" POST "$1" -H 'Content-Type: text/plain' \
	    --data-binary 'award_code=MA000004'
	check 415 "$1 with a text/plain body"
	api_json "$AWARD_API_KEY" POST "$1" '{"age": "twenty"}'
	check 422 "$1 with missing and invalid fields"
	is "$(jget '.fields | length > 1')" true "$1: 422 names each field"
	gate POST "$1" -H 'Content-Type: application/json' --data-binary '{}'
}
{ printf '{"notes": "'; head -c 1100000 /dev/zero | tr '\0' x; printf '"}'; } \
    > "$tmp/huge.json"

shift_sat='{"award_code": "MA000004", "classification_code": "RE2",
    "employment_type": "full_time", "work_date": "2026-03-21",
    "start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30}'
shift_full='{"award_code": "ma000009", "classification_code": "HI1",
    "employment_type": "cas", "worker_type": "non_shiftworker",
    "work_date": "2026-04-03", "total_hours_worked": 2.5,
    "start_time": "22:00", "end_time": "00:30",
    "hours_already_worked_today": 0, "hours_already_worked_this_week": 36,
    "is_public_holiday": false, "state": "NSW", "age": 19,
    "pay_period_start": "2026-03-30", "is_first_aid_officer": true,
    "requires_laundry_allowance": false,
    "is_meal_allowance_triggered": null,
    "additional_allowances": {"KM": 12.5}, "actual_pay": 50.00}'

# Health, and the router's own answers.
api "" GET /health
check 200 "GET /health"
api "" GET /api/v1/health -H 'X-Request-Id: openapi-check.1'
check 200 "GET /api/v1/health"
is "$(header X-Request-Id)" openapi-check.1 "a plain X-Request-Id is kept"
api "" HEAD /api/v1/health -I
check 200 "HEAD /api/v1/health"
api "" POST /health
check 405 "POST /health"
api "" GET /api/v1/no-such-thing
check 404 "an unknown path"
api "$AWARD_API_KEY" PUT "/api/v1/batches/$nobatch"
check 405 "PUT on a batch"
is "$(header Allow)" "GET, DELETE" "405 names the methods in Allow"

# Calculate pay.
p=/api/v1/calculate-pay
api_json "$AWARD_API_KEY" POST $p "$shift_sat"
check 200 "calculate-pay of a Saturday shift"
api_json "$AWARD_API_KEY" POST $p "$shift_full"
check 200 "calculate-pay with every field"
is "$(jget '.pay_comparison | type')" object "actual_pay adds pay_comparison"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000999",
    "classification_code": "RE2", "employment_type": "ft",
    "work_date": "2026-03-21", "total_hours_worked": 8}'
check 400 "calculate-pay of an unknown award"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000004",
    "classification_code": "XYZ", "employment_type": "ft",
    "work_date": "2026-03-21", "total_hours_worked": 8}'
check 400 "calculate-pay of an unknown classification"
json_refusals $p

p=/api/v1/calculate-pay-audited
api_json "$AWARD_API_KEY" POST $p "$shift_sat"
check 200 "calculate-pay-audited"
audit=$(jget .audit_id)
api_json "$AWARD_API_KEY" POST $p "$shift_full"
check 200 "calculate-pay-audited with every field"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000004",
    "classification_code": "XYZ", "employment_type": "ft",
    "work_date": "2026-03-21", "total_hours_worked": 8}'
check 400 "calculate-pay-audited of an unknown classification"
json_refusals $p

api "$AWARD_API_KEY" GET "/api/v1/audits/$audit"
check 200 "an audit"
api "$other_key" GET "/api/v1/audits/$audit"
check 404 "another organisation's audit"
api "$AWARD_API_KEY" GET /api/v1/audits/not-an-id
check 404 "an audit id of the wrong shape"
gate GET "/api/v1/audits/$audit"

# Risks.
p=/api/v1/detect-risks
api_json "$AWARD_API_KEY" POST $p "$shift_sat"
check 200 "detect-risks"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000999",
    "classification_code": "X", "employment_type": "casual",
    "work_date": "2026-03-21", "start_time": "09:00", "end_time": "18:00"}'
check 200 "detect-risks of an unknown award"
is "$(jget '.risks[0].risk_code')" AWARD_NOT_ENGINE_ENABLED \
    "an unknown award is a risk"
json_refusals $p

p=/api/v1/detect-risks-from-calculation
api_json "$AWARD_API_KEY" POST $p "$shift_full"
check 200 "detect-risks-from-calculation"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000004",
    "classification_code": "RE2", "employment_type": "ft",
    "work_date": "2026-03-21", "start_time": "09:00", "end_time": "17:00",
    "actual_pay": 100}'
check 200 "detect-risks-from-calculation of an underpaid shift"
is "$(jget '[.risks[].risk_code] | index("UNDERPAYMENT") != null')" true \
    "UNDERPAYMENT is found"
api_json "$AWARD_API_KEY" POST $p '{"award_code": "MA000999",
    "classification_code": "X", "employment_type": "casual",
    "work_date": "2026-03-21", "start_time": "09:00", "end_time": "18:00"}'
check 200 "detect-risks-from-calculation of an unknown award"
is "$(jget .pay_result)" null "no pay_result for a shift not calculated"
json_refusals $p

# Awards.
p=/api/v1/compare-awards
api_json "$AWARD_API_KEY" POST $p '{"award_a": "MA000004",
    "award_b": "MA000009"}'
check 200 "compare-awards"
api_json "$AWARD_API_KEY" POST $p '{"award_a": "MA000002",
    "award_b": "ma000003", "classification_a": "L3",
    "classification_b": "FF2", "employment_type": "casual",
    "worker_type": "shiftworker", "date": "2025-08-01"}'
check 200 "compare-awards with every field"
api_json "$AWARD_API_KEY" POST $p '{"award_a": "MA000004",
    "award_b": "MA000999"}'
check 400 "compare-awards with an unknown award"
api_json "$AWARD_API_KEY" POST $p '{"award_a": "MA000004",
    "award_b": "MA000009", "classification_b": "RE2"}'
check 400 "compare-awards with an unknown classification"
json_refusals $p

api "$AWARD_API_KEY" GET /api/v1/awards
check 200 "the award list"
is "$(jget length)" 156 "every modern award"
api "$AWARD_API_KEY" HEAD /api/v1/awards -I
check 200 "HEAD of the award list"
gate GET /api/v1/awards

for sub in "" /classifications; do
	p=/api/v1/awards/MA000004$sub
	api "$AWARD_API_KEY" GET $p
	check 200 "GET $p"
	api "$AWARD_API_KEY" GET "/api/v1/awards/ma000004$sub?date=2025-01-15"
	check 200 "GET $p for an earlier rate year"
	api "$AWARD_API_KEY" GET "/api/v1/awards/MA000001$sub"
	check 200 "GET $p of an award without rules"
	api "$AWARD_API_KEY" GET "/api/v1/awards/MA000999$sub"
	check 404 "GET $p of no modern award"
	api "$AWARD_API_KEY" GET "$p?date=2026-02-30"
	check 422 "GET $p for a date that does not exist"
	api "$AWARD_API_KEY" GET "$p?date=tomorrow"
	check 422 "GET $p for a date that is not one"
	gate GET $p
done
p=/api/v1/awards/MA000004/versions
api "$AWARD_API_KEY" GET $p
check 200 "GET $p"
api "$AWARD_API_KEY" GET /api/v1/awards/MA000001/versions
check 200 "versions of an award without rules"
api "$AWARD_API_KEY" GET /api/v1/awards/MA000999/versions
check 404 "versions of no modern award"
gate GET $p

# Uploads, by both paths.
hdr=award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
cat > "$tmp/rows.csv" <<CSV
$hdr
MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00
MA000004,RE2,ft,2026-03-23,09:00,17:00,30,E2,300
MA000004,RE2,ft,23/03/2026,09:00,17:00,0,E3,
MA000999,RE2,ft,2026-03-23,09:00,17:00,30,E2,
MA000004,RE2,ft,2026-02-30,09:00,17:00,30,E4,
MA000004,RE2,cas,2026-03-24,10:00,12:00,0,,
CSV
awk -v h="$hdr" 'BEGIN {
	print h
	for (i = 1; i <= 50001; i++)
		printf "MA000004,RE2,ft,2026-03-%02d,09:00,17:00,30,E%d,%d.00\n",
		    1 + i % 28, i % 500, 150 + i % 200
}' > "$tmp/50001.csv"
head -n 50001 "$tmp/50001.csv" > "$tmp/50000.csv"
printf '[{"award_code": "MA000004", "classification": "RE2",
    "emp_type": "ft", "date": "2026-03-21", "start_time": "09:00",
    "end_time": "17:00", "break_minutes": 30, "employee_ref": "E1",
    "actual_pay": 250.5, "is_public_holiday": false},
    {"award_code": "MA000009", "classification_code": "HI1",
    "employment_type": "casual", "work_date": "2026-03-22",
    "total_hours_worked": 4, "employee_ref": null}]' > "$tmp/rows.json"

for p in /api/v1/batches/upload /api/v1/batches; do
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/csv' \
	    --data-binary "@$tmp/rows.csv"
	check 202 "POST $p with a CSV body"
	api "$AWARD_API_KEY" POST $p -F "file=@$tmp/rows.csv;filename=week.csv"
	check 202 "POST $p with a form"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: application/json' \
	    --data-binary "@$tmp/rows.json"
	check 202 "POST $p with a JSON body"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/plain' \
	    -H "Idempotency-Key: openapi-$$$p" --data-binary "@$tmp/rows.csv"
	check 202 "POST $p with text/plain and an Idempotency-Key"
	first=$(jget .batch_id)
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/csv' \
	    -H "Idempotency-Key: openapi-$$$p" --data-binary "@$tmp/rows.csv"
	check 202 "POST $p retried with the same Idempotency-Key"
	is "$(jget .batch_id)" "$first" "the retry gets the first batch"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/csv' \
	    --data-binary $'award_code,date\nMA000004,2026-03-21\n'
	check 400 "POST $p of a file without the required columns"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: application/json' \
	    --data-binary '{"award_code": "MA000004"}'
	check 400 "POST $p of JSON that is not an array"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/csv' \
	    -H 'Idempotency-Key: has a space' --data-binary "@$tmp/rows.csv"
	check 400 "POST $p with a bad Idempotency-Key"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: text/csv' \
	    --data-binary "@$tmp/50001.csv"
	check 413 "POST $p of 50,001 rows"
	api "$AWARD_API_KEY" POST $p -H 'Content-Type: application/xml' \
	    --data-binary '<shifts/>'
	check 415 "POST $p of another media type"
	gate POST $p -H 'Content-Type: application/xml' --data-binary '<x/>'
done

# A body over the web server's own limit never reaches the API; nginx
# answers in the same form (Apache with a page of its own).
if [ "${AWARD_WEB:-nginx}" = nginx ]; then
	head -c 10600000 /dev/zero | tr '\0' x > "$tmp/over.csv"
	api "$AWARD_API_KEY" POST /api/v1/batches/upload \
	    -H 'Content-Type: text/csv' --data-binary "@$tmp/over.csv"
	check 413 "an upload over nginx's limit"
	rm -f "$tmp/over.csv"
fi

# The read side, of the first CSV batch.
api "$AWARD_API_KEY" POST /api/v1/batches/upload \
    -H 'Content-Type: text/csv' --data-binary "@$tmp/rows.csv"
id=$(jget .batch_id)
is "$(wait_batch "$id" 300)" complete "the batch completes"

api "$AWARD_API_KEY" GET /api/v1/batches
check 200 "the batch list"
api "$AWARD_API_KEY" GET "/api/v1/batches?limit=2&offset=1&status=complete"
check 200 "the batch list with limit, offset and status"
api "$AWARD_API_KEY" GET "/api/v1/batches?limit=0"
check 400 "the batch list with limit 0"
api "$AWARD_API_KEY" GET "/api/v1/batches?status=done"
check 400 "the batch list with an unknown status"
gate GET /api/v1/batches

p=/api/v1/batches/$id
api "$AWARD_API_KEY" GET "$p"
check 200 "a batch's status"
api "$other_key" GET "$p"
check 404 "another organisation's batch"
api "$AWARD_API_KEY" GET /api/v1/batches/not-a-batch
check 404 "a batch id of the wrong shape"
gate GET "$p"

api "$AWARD_API_KEY" GET "$p/results"
check 200 "results"
is "$(jget '[.rows[].row_status] | join(",")')" \
    violation,ok,warning,error,error,warning "every kind of row is seen"
api "$AWARD_API_KEY" GET "$p/results?status=error&limit=1&offset=1"
check 200 "results with status, limit and offset"
api "$AWARD_API_KEY" GET "$p/results?limit=201"
check 400 "results with limit 201"
api "$AWARD_API_KEY" GET "$p/results?status=bad"
check 400 "results with an unknown row status"
api "$other_key" GET "$p/results"
check 404 "results of another organisation's batch"
gate GET "$p/results"

api "$AWARD_API_KEY" GET "$p/employees"
check 200 "employees"
api "$AWARD_API_KEY" GET "$p/employees?limit=2&offset=1"
check 200 "employees with limit and offset"
api "$AWARD_API_KEY" GET "$p/employees?offset=-1"
check 400 "employees with offset -1"
api "$other_key" GET "$p/employees"
check 404 "employees of another organisation's batch"
gate GET "$p/employees"

for m in GET POST; do
	api "$AWARD_API_KEY" $m "$p/export"
	check 200 "$m export"
	api "$other_key" $m "$p/export"
	check 404 "$m export of another organisation's batch"
	gate $m "$p/export"
done

# Cancel and delete.
api "$AWARD_API_KEY" POST "$p/cancel"
check 409 "cancel of a complete batch"
api "$other_key" POST "$p/cancel"
check 404 "cancel of another organisation's batch"
api "$AWARD_API_KEY" POST /api/v1/batches/upload \
    -H 'Content-Type: text/csv' --data-binary "@$tmp/50000.csv"
big=$(jget .batch_id)
api "$AWARD_API_KEY" GET "/api/v1/batches/$big"
check 200 "a batch's status before it is finished"
api "$AWARD_API_KEY" POST "/api/v1/batches/$big/cancel"
check 200 "cancel of a batch queued or at work"
is "$(jget .status)" cancelled "it is cancelled"
gate POST "/api/v1/batches/$nobatch/cancel"

api "$other_key" DELETE "/api/v1/batches/$big"
check 404 "delete of another organisation's batch"
api "$AWARD_API_KEY" DELETE "/api/v1/batches/$big"
check 204 "delete"
api "$AWARD_API_KEY" DELETE "/api/v1/batches/$big"
check 404 "delete of a deleted batch"
gate DELETE "/api/v1/batches/$nobatch"

# Every described status has been seen, but 500 and 503.
out=$(python3 "$checker" coverage "$spec" "$seen" 2>&1)
ok $? "every described status was seen (but 500 and 503)"
[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
done_testing
