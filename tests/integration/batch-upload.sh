#!/usr/bin/env bash
# Uploads through nginx: the forms a file may come in, the refusals
# that store nothing, idempotency, and the review of the rows by the
# processor (error rows, the overtime that only the batch shows).
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "upload-$$" 100000 100000)
org_id=$(sql "SELECT id FROM organisations WHERE name = 'upload-$$'")
batches() { sql "SELECT COUNT(*) FROM batches WHERE org_id = $org_id"; }
rows_stored() { sql "SELECT COUNT(*) FROM batch_rows r JOIN batches b
    ON b.id = r.batch_id WHERE b.org_id = $org_id"; }

hdr=award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
cat > "$tmp/small.csv" <<CSV
$hdr
MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00
MA000004,RE2,cas,2026-03-22,09:00,12:00,0,E2,
CSV

# A raw CSV body.
upload_csv "$tmp/small.csv"
is "$status" 202 "raw text/csv upload is accepted"
is "$(jget .status)" queued "the batch is queued"
is "$(jget .total_rows)" 2 "total_rows counts the data rows"
is "$(jget .message)" "Batch uploaded and queued for processing" "message"
id=$(jget .batch_id)
like "$id" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
    "the batch id is a UUID"
is "$(header Location)" "/api/v1/batches/$id" "Location names the status URL"
is "$(wait_batch "$id")" complete "the processor completes the batch"
is "$(sql "SELECT CONCAT_WS(',', processed_rows, error_rows, ok_rows,
    violation_rows, minimum_cents, actual_cents, underpayment_cents)
    FROM batches WHERE id = '$id'")" "2,0,1,1,39722,20000,5463" \
    "counters: one underpaid row (254.63 due, 200.00 paid) and one ok"
is "$(row_detail "$id" 1 .pay_output.line_items[0].amount)" 254.63 \
    "Saturday 7.5 hours of RE2 is 254.63"
is "$(row_detail "$id" 1 .pay_comparison.shortfall)" 54.63 \
    "the shortfall is 54.63"
is "$(row_detail "$id" 1 .row_status)" violation "underpaid row is a violation"
is "$(row_detail "$id" 2 .pay_output.gross_pay)" 142.59 \
    "casual Sunday 3 hours at 175% is 142.59"

# Multipart: the file need not be the first part, the boundary may be
# quoted, and the file may have no filename.
crlf() { sed 's/$/\r/'; }
{
	printf -- '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\n'
	printf 'hello\r\n'
	printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"\r\n'
	printf 'Content-Type: text/csv\r\n\r\n'
	crlf < "$tmp/small.csv"
	printf '\r\n--XyZ--\r\n'
} > "$tmp/form1"
req POST /api/v1/batches/upload \
    -H 'Content-Type: multipart/form-data; boundary="XyZ"' \
    --data-binary "@$tmp/form1"
is "$status" 202 "multipart, quoted boundary, file second, no filename"
is "$(jget .total_rows)" 2 "rows read from the form's file"

req POST /api/v1/batches -F "file=@$tmp/small.csv;filename=week.csv"
is "$status" 202 "curl's own form to POST /api/v1/batches"
id=$(jget .batch_id)
is "$(sql "SELECT filename FROM batches WHERE id = '$id'")" week.csv \
    "the file name is kept"

# BOM, CRLF, header names in any case and order, unknown columns.
{
	printf '\xef\xbb\xbfEMP_TYPE,Award_Code,Notes,Classification,DATE,'
	printf 'Start_Time,End_Time\r\n'
	printf 'ft,MA000004,"a, quoted ""note""",RE2,21/03/2026,09:00,17:00\r\n'
} > "$tmp/bom.csv"
upload_csv "$tmp/bom.csv"
is "$status" 202 "BOM, CRLF, mixed-case headers, DD/MM/YYYY"
id=$(jget .batch_id)
wait_batch "$id" >/dev/null
is "$(row_detail "$id" 1 .pay_output.day_classification)" saturday \
    "21/03/2026 is read day first: a Saturday"

# A JSON body, with the calculate-pay names.
cat > "$tmp/shifts.json" <<'JSON'
[{"award_code": "MA000004", "classification_code": "RE2",
  "employment_type": "full_time", "work_date": "2026-03-21",
  "start_time": "09:00", "end_time": "17:00", "unpaid_break_minutes": 30,
  "employee_ref": "J1", "actual_pay": 254.63},
 {"award_code": "MA000004", "classification": "RE1", "emp_type": "pt",
  "date": "2026-03-18", "hours": 4}]
JSON
req POST /api/v1/batches/upload -H 'Content-Type: application/json' \
    --data-binary "@$tmp/shifts.json"
is "$status" 202 "JSON array upload"
is "$(jget .total_rows)" 2 "JSON rows"
id=$(jget .batch_id)
wait_batch "$id" >/dev/null
is "$(row_detail "$id" 1 .row_status)" ok "paid in full is ok"
is "$(row_detail "$id" 2 .pay_output.hours_worked)" 4 "total hours work"

# A form's JSON file with no type and no name, after a byte order mark
# and blank lines, is still read as JSON.
{
	printf -- '--B\r\nContent-Disposition: form-data; name="file"\r\n\r\n'
	printf '\xef\xbb\xbf\r\n  \n'
	cat "$tmp/shifts.json"
	printf '\r\n--B--\r\n'
} > "$tmp/form2"
req POST /api/v1/batches/upload \
    -H 'Content-Type: multipart/form-data; boundary=B' \
    --data-binary "@$tmp/form2"
is "$status" 202 "JSON recognised past a BOM and white space"
is "$(jget .total_rows)" 2 "its rows are read"

# Bad rows become error rows; the batch still completes.
cat > "$tmp/bad.csv" <<CSV
$hdr
MA000004,RE2,ft,2025-02-29,09:00,17:00,30,B1,
MA000004,RE2,ft,2026-03-20,25:00,17:00,30,B2,
MA000999,RE2,ft,2026-03-20,09:00,17:00,30,B3,
MA000004,XYZ,ft,2026-03-20,09:00,17:00,30,B4,
MA000004,RE2,ft,2026-03-20,09:00,17:00,30,B5,
MA000004,RE2,ft,2026-03-20,09:00,17:00
CSV
upload_csv "$tmp/bad.csv"
is "$status" 202 "a file with bad rows is accepted"
id=$(jget .batch_id)
is "$(wait_batch "$id")" complete "and completes"
is "$(sql "SELECT CONCAT_WS(',', processed_rows, error_rows)
    FROM batches WHERE id = '$id'")" "6,5" "five error rows of six"
like "$(row_detail "$id" 1 .error)" 'date' "2025-02-29: the date is named"
like "$(row_detail "$id" 2 .error)" 'start_time' "25:00: the time is named"
like "$(row_detail "$id" 3 .error)" 'MA000999 is not available' \
    "unknown award"
is "$(row_detail "$id" 3 '.risks[0].risk_code')" AWARD_NOT_ENGINE_ENABLED \
    "unknown award is a risk too"
like "$(row_detail "$id" 4 .error)" 'Classification XYZ not found' \
    "unknown classification"
is "$(row_detail "$id" 5 .row_status)" ok "the good row is ok"
like "$(row_detail "$id" 6 .error)" 'fields' "a ragged row is an error row"
is "$(row_detail "$id" 1 .pay_output)" null "an error row has no pay output"

# Overtime that no single row shows: the same employee's shifts carry
# the day's and the week's hours into the next, in date and start
# order, whatever the order of the file.
cat > "$tmp/ot.csv" <<CSV
$hdr
MA000004,RE2,ft,2026-03-20,09:00,17:00,0,W1,
MA000004,RE2,ft,2026-03-16,09:00,17:00,0,W1,
MA000004,RE2,ft,2026-03-17,09:00,17:00,0,W1,
MA000004,RE2,ft,2026-03-18,09:00,17:00,0,W1,
MA000004,RE2,ft,2026-03-19,09:00,17:00,0,W1,
MA000004,RE2,ft,2026-03-23,08:00,14:00,0,D1,
MA000004,RE2,ft,2026-03-23,15:00,20:00,0,D1,
MA000004,RE2,ft,2026-03-23,15:00,20:00,0,OTHER,
CSV
upload_csv "$tmp/ot.csv"
id=$(jget .batch_id)
wait_batch "$id" >/dev/null
# Mon-Thu are 32 hours; Friday's 8 hours pass 38 after 6: 2 overtime.
is "$(row_detail "$id" 1 .pay_output.overtime_hours)" 2 \
    "weekly overtime found across rows (Friday: 38 reached after 6 h)"
is "$(row_detail "$id" 2 .pay_output.overtime_hours)" 0 \
    "Monday, first in the week, has none"
# 6 hours then 5 more the same day: 11 > 9, so 2 hours overtime.
is "$(row_detail "$id" 7 .pay_output.overtime_hours)" 2 \
    "daily overtime found across rows (6 h then 5 h)"
is "$(row_detail "$id" 8 .pay_output.overtime_hours)" 0 \
    "another employee's hours do not count"

# Refusals: nothing is stored.
before=$(batches)
printf '%s\n' "award_code,emp_type,date,start_time,end_time" \
    "MA000004,ft,2026-03-20,09:00,17:00" > "$tmp/nocol.csv"
upload_csv "$tmp/nocol.csv"
is "$status" 400 "a missing required column is 400"
like "$(jget .detail)" classification "the missing column is named"
printf '%s\n' "award_code,classification,emp_type,date,start_time,end_time,date" \
    "MA000004,RE2,ft,2026-03-20,09:00,17:00,2026-03-21" > "$tmp/dup.csv"
upload_csv "$tmp/dup.csv"
is "$status" 400 "a duplicate column is 400"
: > "$tmp/empty.csv"
upload_csv "$tmp/empty.csv"
is "$status" 400 "an empty file is 400"
head -1 "$tmp/small.csv" > "$tmp/header.csv"
upload_csv "$tmp/header.csv"
is "$status" 400 "a header with no rows is 400"
printf 'award_code,classification\n"MA000004,RE2\n' > "$tmp/quote.csv"
upload_csv "$tmp/quote.csv"
is "$status" 400 "an unterminated quote is 400"
req POST /api/v1/batches/upload -H 'Content-Type: application/xml' \
    --data-binary '<shifts/>'
is "$status" 415 "another media type is 415"
is "$(jget .error)" unsupported_media_type "415 error code"
req POST /api/v1/batches/upload -H 'Content-Type: application/json' \
    --data-binary '{"award_code": "MA000004"}'
is "$status" 400 "JSON that is not an array is 400"
req POST /api/v1/batches/upload -H 'Content-Type: multipart/form-data' \
    --data-binary 'x'
is "$status" 400 "multipart without a boundary is 400"
{
	printf -- '--B\r\nContent-Disposition: form-data; name="file"\r\n\r\n'
	cat "$tmp/small.csv"
} > "$tmp/open.form"
req POST /api/v1/batches/upload \
    -H 'Content-Type: multipart/form-data; boundary=B' \
    --data-binary "@$tmp/open.form"
is "$status" 400 "a boundary never closed is 400"
printf '\r\n\r\n' > "$tmp/blank.csv"
req POST /api/v1/batches/upload -F "file=@$tmp/blank.csv;type=application/octet-stream"
is "$status" 400 "a form file of blank lines is 400"
req POST /api/v1/batches/upload -F "other=@$tmp/small.csv"
is "$status" 400 "a form without a file part is 400"
req POST /api/v1/batches/upload -F "file=@$tmp/small.csv" \
    -F "file=@$tmp/small.csv"
is "$status" 400 "two file parts are 400"
"$top_srcdir/tests/lib/gen-shifts" 50001 > "$tmp/50001.csv"
upload_csv "$tmp/50001.csv"
is "$status" 413 "50,001 rows is 413"
is "$(jget .error)" payload_too_large "413 error code"
{ head -c $((10 * 1024 * 1024 - 200)) "$tmp/50001.csv"; printf '%0300d' 0; } \
    > "$tmp/big.csv"
upload_csv "$tmp/big.csv"
is "$status" 413 "over 10 MB is 413"
is "$(batches)" "$before" "no refused upload stored a batch"

# Idempotency-Key: a retried upload gets the first batch.
upload_csv "$tmp/small.csv" -H "Idempotency-Key: pay-run-$$"
first=$(jget .batch_id)
upload_csv "$tmp/small.csv" -H "Idempotency-Key: pay-run-$$"
is "$status" 202 "the retry is answered 202"
is "$(jget .batch_id)" "$first" "with the first batch"
is "$(sql "SELECT COUNT(*) FROM batches WHERE idempotency_key =
    'pay-run-$$'")" 1 "and no second batch"
upload_csv "$tmp/small.csv" -H "Idempotency-Key: other-$$"
[ "$(jget .batch_id)" != "$first" ]
ok $? "another key makes another batch"

# The largest file allowed: 50,000 rows.
"$top_srcdir/tests/lib/gen-shifts" 50000 7 > "$tmp/50k.csv"
upload_csv "$tmp/50k.csv"
is "$status" 202 "a 50,000-row upload is accepted"
is "$(jget .total_rows)" 50000 "all 50,000 rows counted"
id=$(jget .batch_id)
is "$(wait_batch "$id" 300)" complete "and processed"
is "$(sql "SELECT COUNT(*) FROM batch_results WHERE batch_id = '$id'")" \
    50000 "one result per row"
is "$(sql "SELECT ok_rows + warning_rows + violation_rows + error_rows
    FROM batches WHERE id = '$id'")" 50000 "the status counts add up"
done_testing
