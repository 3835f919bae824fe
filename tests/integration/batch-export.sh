#!/usr/bin/env bash
# The CSV export through nginx: read back with an RFC 4180 reader and
# compared with the results cell by cell; cells a spreadsheet would run
# as formulas are neutralised, numbers are not.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "export-$$" 100000 100000)
other_key=$(new_org "export-other-$$" 100000 100000)
us=$'\037'

# CSV on stdin to one line per record, fields separated by 0x1f and a
# line end inside a field written as \n (a CR before it is dropped).
csv_read() {
	awk -v US="$us" '
	function field_end() { rec = rec (nf++ ? US : "") fld; fld = "" }
	{
		line = $0
		sub(/\r$/, "", line)
		if (inq)
			fld = fld "\\n"
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c != "\"")
					fld = fld c
				else if (substr(line, i + 1, 1) == "\"") {
					fld = fld c
					i++
				} else
					inq = 0
			} else if (c == "\"")
				inq = 1
			else if (c == ",")
				field_end()
			else
				fld = fld c
		}
		if (!inq) {
			field_end()
			print rec
			rec = ""
			nf = 0
		}
	}'
}

hdr=award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
cat > "$tmp/rows.csv" <<CSV
$hdr
MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00
MA000004,RE2,ft,2026-03-23,09:00,17:00,30,"=HYPERLINK(""http://x.example/"",""click"")",300
MA000004,RE2,full_time,23/03/2026,09:00,17:00,30,+61400000000,203.70
MA000999,RE2,ft,2026-03-23,09:00,17:00,30,-E2,
MA000004,RE2,cas,2026-03-24,10:00,12:00,0,,
MA000004,RE2,ft,2026-03-25,09:00,17:00,30,@SUM(A1:A9),100
MA000004,RE2,ft,2026-03-26,09:00:00,17:00,30,"Smith, Jo",254.63
MA000004,RE2,ft,2026-03-27,22:00,06:00,30,"line
break",
CSV
nrows=8

upload_csv "$tmp/rows.csv"
is "$status" 202 "upload accepted"
id=$(jget .batch_id)
is "$(wait_batch "$id")" complete "the batch completes"
req GET "/api/v1/batches/$id/results?limit=200"
results=$body

for m in GET POST; do
	req "$m" "/api/v1/batches/$id/export"
	is "$status" 200 "$m export: 200"
	like "$(header Content-Type)" '^text/csv' "$m export: text/csv"
	is "$(header Content-Disposition)" \
	    "attachment; filename=\"batch-$id.csv\"" \
	    "$m export: an attachment named for the batch"
done
printf '%s' "$body" > "$tmp/export.csv"
is "$(head -1 "$tmp/export.csv" | tr -d '\r')" \
    row_index,employee_ref,award_code,classification_code,employment_type,work_date,start_time,end_time,hours_worked,row_status,risk_count,max_severity,risk_codes,minimum_pay,actual_pay,difference \
    "the header line"
is "$(grep -c $'\r$' "$tmp/export.csv")" $((nrows + 1)) \
    "every record ends with CRLF"
csv_read < "$tmp/export.csv" > "$tmp/export.tsv"
is "$(wc -l < "$tmp/export.tsv")" $((nrows + 1)) \
    "a header and one record per row"
is "$(awk -F "$us" '{ print NF }' "$tmp/export.tsv" | sort -u)" 16 \
    "every record has 16 cells"

# The export as the results say it should be.  Text that a spreadsheet
# would run gets a leading quote; money has two decimals.
printf '%s' "$results" | jq -r --arg us "$us" '
	def neut: if type == "string" and test("^[=+\\-@\t\r]")
	    then "'"'"'" + . else . end;
	def cents: (. * 100 | round);
	def money: if . == null then "" else cents as $c |
	    ($c | if . < 0 then -. else . end) as $a |
	    (if $c < 0 then "-" else "" end) + ($a / 100 | floor | tostring)
	    + "." + ($a % 100 | tostring | if length < 2 then "0" + .
	    else . end) end;
	def text: if . == null then "" else tostring | neut end;
	.rows[] | [
		(.row_index | tostring),
		(.employee_ref | text),
		(.award_code | text),
		(.classification_code | text),
		(.employment_type | text),
		(.work_date | text),
		"START", "END",
		(.pay_output.hours_worked // "" | tostring),
		(.row_status | text),
		(.risk_count | tostring),
		(.max_severity | text),
		([.risks[].risk_code] | join(";") | text),
		(.pay_output.gross_pay | money),
		(.pay_comparison.actual_pay | money),
		(.pay_comparison.difference | money)
	] | map(gsub("\n"; "\\n")) | join($us)' > "$tmp/want.tsv"
# Start and end times come from the upload, not the results.
csv_read < "$tmp/rows.csv" | tail -n +2 | awk -F "$us" '{ print $5; print $6 }' |
    sed "s/^09:00:00$/09:00/" > "$tmp/times"
awk -F "$us" -v OFS="$us" 'NR == FNR { t[++n] = $0; next }
	{ $7 = t[2 * FNR - 1]; $8 = t[2 * FNR]; print }' \
    "$tmp/times" "$tmp/want.tsv" > "$tmp/want2.tsv"
tail -n +2 "$tmp/export.tsv" > "$tmp/got.tsv"
if diff "$tmp/want2.tsv" "$tmp/got.tsv" > "$tmp/diff"; then
	ok 0 "every cell of the export agrees with the results"
else
	ok 1 "every cell of the export agrees with the results"
	tr "$us" '|' < "$tmp/diff" | sed 's/^/# /'
fi

cell() {	# cell ROW COLUMN: a cell of the export as read back
	awk -F "$us" -v r="$1" -v c="$2" 'NR == r + 1 { print $c }' \
	    "$tmp/export.tsv"
}
is "$(cell 1 16)" -54.63 "a negative difference stays a number"
is "$(cell 1 14)" 254.63 "minimum pay, two decimals"
is "$(cell 1 15)" 200.00 "actual pay, two decimals"
is "$(cell 1 9)" 7.5 "hours worked"
is "$(cell 2 2)" "'=HYPERLINK(\"http://x.example/\",\"click\")" \
    "a formula is neutralised"
grep -q "^2,\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"click\"\")\"," \
    "$tmp/export.csv"
ok $? "... and quoted as RFC 4180 says"
is "$(cell 3 2)" "'+61400000000" "a leading + is neutralised"
is "$(cell 3 5)" full_time "the employment type as the results show it"
is "$(cell 3 6)" 2026-03-23 "the date as the results show it"
is "$(cell 4 2)" "'-E2" "a leading - in text is neutralised"
is "$(cell 4 10)" error "an error row is exported"
is "$(cell 4 14)$(cell 4 15)$(cell 4 16)" "" \
    "an error row has no pay figures"
is "$(cell 5 2)" "" "no employee_ref is an empty cell"
is "$(cell 6 2)" "'@SUM(A1:A9)" "a leading @ is neutralised"
is "$(cell 6 16)" -103.70 "the weekday underpayment"
is "$(cell 7 2)" "Smith, Jo" "a comma is quoted, not split"
is "$(cell 7 7)" 09:00 "a time with seconds as HH:MM"
is "$(cell 8 2)" 'line\nbreak' "a newline stays inside its cell"
is "$(cell 8 7)-$(cell 8 8)" 22:00-06:00 "an overnight shift's times"
is "$(awk -F "$us" 'NR > 1 { for (i = 2; i <= 13; i++)
    if ($i ~ /^[=+@\t\r-]/) n++ } END { print n + 0 }' "$tmp/export.tsv")" \
    0 "no text cell starts a formula"

# Not another organisation's.
req_as "$other_key" GET "/api/v1/batches/$id/export"
is "$status" 404 "another organisation's export: 404"
like "$(header Content-Type)" '^application/json' "... as a JSON error"
done_testing
