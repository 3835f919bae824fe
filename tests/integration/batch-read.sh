#!/usr/bin/env bash
# The read side of batches through nginx: status, the list, results
# and the employees' totals, every refusal, and no organisation seeing
# another's batch.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "read-$$" 100000 100000)
other_key=$(new_org "read-other-$$" 100000 100000)
iso='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
uuid_re='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

# Rows: 1 underpaid Saturday, 2 and 3 paid in full, 4 an unknown award
# (an error row), 5 a casual under the minimum engagement with no
# employee, 6 an underpaid weekday.
hdr=award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
cat > "$tmp/rows.csv" <<CSV
$hdr
MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00
MA000004,RE2,ft,2026-03-23,09:00,17:00,30,E2,300
MA000004,RE2,ft,23/03/2026,09:00,17:00,30,E3,203.70
MA000999,RE2,ft,2026-03-23,09:00,17:00,30,E2,
MA000004,RE2,cas,2026-03-24,10:00,12:00,0,,
MA000004,RE2,ft,2026-03-25,09:00,17:00,30,E4,100
CSV

upload_csv "$tmp/rows.csv"
is "$status" 202 "upload accepted"
id=$(jget .batch_id)
is "$(wait_batch "$id")" complete "the batch completes"

# Status.
req GET "/api/v1/batches/$id"
is "$status" 200 "status: 200"
is "$(jget .batch_id)" "$id" "status: batch_id"
is "$(jget .status)" complete "status: complete"
is "$(jget '[.total_rows, .processed_rows, .error_rows] | @csv')" 6,6,1 \
    "status: total, processed and error rows"
like "$(jget .created_at)" "$iso" "created_at is ISO 8601 UTC"
like "$(jget .started_at)" "$iso" "started_at is ISO 8601 UTC"
like "$(jget .completed_at)" "$iso" "completed_at is set once complete"
is "$(jget '.error_message == null and .filename == null')" true \
    "no error message; a raw body has no filename"
is "$(jget 'keys_unsorted | join(",")')" \
    batch_id,status,total_rows,processed_rows,error_rows,created_at,started_at,completed_at,error_message,filename \
    "status: the contract's fields in its order"
want=$(sql "SET time_zone = '+00:00'; SELECT DATE_FORMAT(created_at,
    '%Y-%m-%dT%H:%i:%sZ') FROM batches WHERE id = '$id'")
is "$(jget .created_at)" "$want" "created_at is the stored time in UTC"

# A file's name, from a form.
req POST /api/v1/batches/upload -F "file=@$tmp/rows.csv;filename=week 12.csv"
id2=$(jget .batch_id)
wait_batch "$id2" >/dev/null
req GET "/api/v1/batches/$id2"
is "$(jget .filename)" "week 12.csv" "filename from the form"

# The list: newest first, this organisation's only.
req GET /api/v1/batches
is "$status" 200 "list: 200"
is "$(jget '[.total, .limit, .offset] | @csv')" 2,20,0 \
    "list: total, default limit and offset"
is "$(jget '[.batches[].batch_id] | join(" ")')" "$id2 $id" \
    "list: newest first"
is "$(jget '.batches[0] | keys_unsorted | length')" 10 \
    "list items are status objects"
req GET "/api/v1/batches?limit=1&offset=1"
is "$(jget '[.batches[].batch_id, .total, .limit, .offset] | join(" ")')" \
    "$id 2 1 1" "list: limit and offset"
req GET "/api/v1/batches?status=complete&limit=200"
is "$(jget '[.total, (.batches | length)] | @csv')" 2,2 "status filter"
req GET "/api/v1/batches?status=failed"
is "$(jget '[.total, (.batches | length)] | @csv')" 0,0 \
    "status filter that matches nothing"
req GET "/api/v1/batches?status="
is "$(jget .total)" 2 "an empty status is no filter"
req_as "$other_key" GET /api/v1/batches
is "$(jget '[.total, (.batches | length)] | @csv')" 0,0 \
    "another organisation's list does not show them"

bad() {	# bad PATH DETAIL-REGEX DESCRIPTION
	req GET "$1"
	is "$status" 400 "$3: 400"
	is "$(jget .error)" bad_request "$3: bad_request"
	like "$(jget .detail)" "$2" "$3: says why"
}
bad "/api/v1/batches?limit=201" 'limit must be .* 1 to 200' "list limit 201"
bad "/api/v1/batches?limit=0" 'limit' "list limit 0"
bad "/api/v1/batches?limit=ten" 'limit' "list limit not a number"
bad "/api/v1/batches?limit=20x" 'limit' "list limit with a tail"
bad "/api/v1/batches?offset=-1" 'offset' "list offset -1"
bad "/api/v1/batches?offset=99999999999999999999" 'offset' \
    "list offset beyond any"
bad "/api/v1/batches?status=done" \
    'status must be one of queued, processing, complete, failed, cancelled' \
    "list unknown status"
bad "/api/v1/batches?limit=$(printf '1%.0s' $(seq 1 100))" 'limit' \
    "list limit far too long"

# Results.
req GET "/api/v1/batches/$id/results"
is "$status" 200 "results: 200"
like "$(header Content-Type)" '^application/json' "results: JSON"
is "$(jget 'keys_unsorted | join(",")')" \
    batch_id,status,summary,rows,limit,offset,total \
    "results: the contract's fields in its order"
is "$(jget '[.batch_id == "'"$id"'", .status, .limit, .offset, .total]
    | @csv')" 'true,"complete",50,0,6' "results: head"
is "$(jget '.summary | [.total_rows, .status_counts.ok,
    .status_counts.warning, .status_counts.violation,
    .status_counts.error] | @csv')" 6,2,1,2,1 "summary: status counts"
is "$(jget '.summary.severity_counts | [.high, .warning, .info] | @csv')" \
    "$(sql "SELECT CONCAT_WS(',', high_risks, warning_risks, info_risks)
    FROM batches WHERE id = '$id'")" "summary: severity counts"
# The casual row's minimum is read from its own result, not worked
# again here.
casual=$(jget '.rows[4].pay_output.gross_pay')
is "$(jget '.summary.total_minimum_pay')" \
    "$(jq -n "254.63 + 203.70 * 3 + $casual | . * 100 | round / 100")" \
    "summary: total minimum pay"
is "$(jget '.summary.total_actual_pay')" 803.7 "summary: total actual pay"
is "$(jget '.summary.total_underpayment')" 158.33 \
    "summary: total underpayment (54.63 + 103.70)"
like "$body" '"total_actual_pay":803\.70,' "money prints with two decimals"
is "$(jget '[.rows[].row_index] | join(",")')" 1,2,3,4,5,6 "rows in order"
is "$(jget '[.rows[].row_status] | join(",")')" \
    violation,ok,ok,error,warning,violation "row statuses"
is "$(jget '.rows[2].work_date')" 2026-03-23 "a DD/MM/YYYY date as ISO"
is "$(jget '.rows[4].employee_ref')" null "no employee_ref is null"
is "$(jget '.rows[3] | [.pay_output, .pay_comparison] | @json')" \
    '[null,null]' "an error row has no pay output"
like "$(jget '.rows[3].error')" 'MA000999' "an error row says why"
stored=$(sql "SELECT detail FROM batch_results WHERE batch_id = '$id'
    AND row_index = 1")
[[ $body == *"[$stored,"* ]]
ok $? "row 1 is the stored JSON, byte for byte"

# Row 1 field by field, by hand and against calculate-pay.
r1() { jget ".rows[0]$1"; }
is "$(r1 '| [.row_index, .employee_ref, .award_code, .classification_code,
    .employment_type, .work_date, .row_status, .risk_count,
    .max_severity] | @csv')" \
    '1,"E1","MA000004","RE2","full_time","2026-03-21","violation",1,"high"' \
    "row 1: identity, status and risk count"
is "$(r1 '.pay_output.day_classification')" saturday "row 1: Saturday"
is "$(r1 '.pay_output.line_items | length')" 1 "row 1: one line"
is "$(r1 '.pay_output.line_items[0] | [.code, .hours, .percent, .rate,
    .amount] | @csv')" '"SATURDAY",7.5,125,33.95,254.63' \
    "row 1: 7.5 hours at 125% of 27.16 = 33.95, 254.63"
is "$(r1 '.pay_output.gross_pay')" 254.63 "row 1: gross 254.63"
is "$(r1 '.pay_comparison | [.actual_pay, .minimum_pay, .difference,
    .underpaid, .shortfall] | @csv')" 200,254.63,-54.63,true,54.63 \
    "row 1: paid 200.00, short 54.63"
is "$(r1 '| [.risks[].risk_code] | join(";")')" UNDERPAYMENT \
    "row 1: the underpayment risk"
row1=$(r1 '')
req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
    -d '{"award_code": "MA000004", "classification_code": "RE2",
    "employment_type": "full_time", "work_date": "2026-03-21",
    "start_time": "09:00", "end_time": "17:00",
    "unpaid_break_minutes": 30, "actual_pay": 200.00}'
if [ "$status" = 501 ]; then
	ok 0 "# SKIP calculate-pay is not served in this build"
	ok 0 "# SKIP calculate-pay is not served in this build"
else
	is "$(jq -n --argjson a "$body" --argjson b "$row1" \
	    '($a | del(.pay_comparison)) == $b.pay_output')" true \
	    "row 1's pay_output is calculate-pay's answer, field by field"
	is "$(jq -n --argjson a "$body" --argjson b "$row1" \
	    '$a.pay_comparison == $b.pay_comparison')" true \
	    "row 1's pay_comparison is calculate-pay's"
fi

# Paging and the status filter.
req GET "/api/v1/batches/$id/results?limit=2&offset=2"
is "$(jget '[.limit, .offset, .total, (.rows | map(.row_index) |
    join(" "))] | @csv')" '2,2,6,"3 4"' "results: a page"
req GET "/api/v1/batches/$id/results?offset=6"
is "$(jget '[.total, (.rows | length)] | @csv')" 6,0 \
    "results: past the end is empty"
req GET "/api/v1/batches/$id/results?status=violation"
is "$(jget '[.total, (.rows | map(.row_index) | join(" "))] | @csv')" \
    '2,"1 6"' "results: violations only"
req GET "/api/v1/batches/$id/results?status=violation&offset=1&limit=1"
is "$(jget '[.total, (.rows | map(.row_index) | join(" "))] | @csv')" \
    '2,"6"' "results: a page of violations"
req GET "/api/v1/batches/$id/results?status=error"
is "$(jget '[.total, .rows[0].row_index] | @csv')" 1,4 "results: errors"
req GET "/api/v1/batches/$id/results?status=ok&limit=200"
is "$(jget '[.total, (.rows | map(.row_index) | join(" "))] | @csv')" \
    '2,"2 3"' "results: limit 200 is allowed"
bad "/api/v1/batches/$id/results?limit=201" 'limit must be .* 1 to 200' \
    "results limit 201"
bad "/api/v1/batches/$id/results?limit=0" 'limit' "results limit 0"
bad "/api/v1/batches/$id/results?offset=x" 'offset' "results offset x"
bad "/api/v1/batches/$id/results?status=fine" \
    'status must be one of ok, warning, violation, error' \
    "results unknown status"

# Employees: the back-pay schedule.
req GET "/api/v1/batches/$id/employees"
is "$status" 200 "employees: 200"
is "$(jget '[.batch_id == "'"$id"'", .total, .limit, .offset] | @csv')" \
    true,5,50,0 "employees: head; the rows without one count as one"
is "$(jget '[.employees[0:2][] | [.employee_ref, .total_shortfall]
    | @csv] | join(" ")')" '"E4",103.7 "E1",54.63' \
    "employees: the largest shortfall first"
is "$(jget '.employees[] | select(.employee_ref == "E2") | [.shifts,
    .error_shifts, .hours, .total_minimum_pay, .total_actual_pay,
    .total_shortfall] | @csv')" 2,1,7.5,203.7,300,0 \
    "employees: E2 has an error shift; paid over the minimum"
is "$(jget '.employees[] | select(.employee_ref == null) | [.shifts,
    .total_actual_pay, .total_shortfall] | @csv')" 1,0,0 \
    "employees: the rows without an employee_ref, grouped under null"
like "$body" '"total_shortfall":103\.70' "employees: money in cents"
req GET "/api/v1/batches/$id/employees?limit=1&offset=1"
is "$(jget '[.total, (.employees | map(.employee_ref) | join(" "))]
    | @csv')" '5,"E1"' "employees: a page"
bad "/api/v1/batches/$id/employees?limit=201" 'limit' \
    "employees limit 201"

# Not found: a malformed id, a missing one, another organisation's.
missing=$(cat /proc/sys/kernel/random/uuid)
endpoints() {	# endpoints ID: METHOD PATH lines
	echo "GET /api/v1/batches/$1"
	echo "GET /api/v1/batches/$1/results"
	echo "GET /api/v1/batches/$1/employees"
	echo "GET /api/v1/batches/$1/export"
	echo "POST /api/v1/batches/$1/export"
	echo "POST /api/v1/batches/$1/cancel"
	echo "DELETE /api/v1/batches/$1"
}
not_found() {	# not_found KEY ID LABEL
	local m p
	while read -r m p; do
		req_as "$1" "$m" "$p"
		is "$status" 404 "$3: $m ${p#/api/v1/batches/*/} 404"
		is "$(jget '.error + " " + .detail')" \
		    "not_found Batch $2 not found" \
		    "$3: $m ${p#/api/v1/batches/*/} says not found"
	done < <(endpoints "$2")
}
not_found "$AWARD_API_KEY" "$missing" "missing batch"
not_found "$AWARD_API_KEY" "not-a-uuid" "malformed id"
not_found "$AWARD_API_KEY" "${id^^}" "upper-case id"
not_found "$other_key" "$id" "another organisation's batch"
req GET "/api/v1/batches/$id"
is "$(jget .status)" complete \
    "the other organisation's cancel and delete changed nothing"
is "$(sql "SELECT COUNT(*) FROM batch_results WHERE batch_id = '$id'")" 6 \
    "its results are all still there"
done_testing
