#!/usr/bin/env bash
# awardctl calc, check and import-mapd from the rule files (--rules):
# no database, no configuration.
. "$top_srcdir/tests/lib/tap.sh"
ctl="$top_builddir/awardctl"
rules="$top_srcdir/sql/rules"
mapd="$top_srcdir/tests/engine/mapd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Anything that reached for the database would fail on this.
export AWARD_CONF="$tmp/no-such.conf"

# calc: a calculate-pay body on stdin, the API's answer on stdout.
body='{"award_code": "MA000004", "classification_code": "RE2",
    "employment_type": "full_time", "work_date": "2026-03-21",
    "start_time": "09:00", "end_time": "17:00", "unpaid_break_minutes": 30}'
out=$(printf '%s\n' "$body" | "$ctl" calc --rules "$rules")
ok $? "calc: exit 0"
like "$out" '"gross_pay":254\.63,' "calc: RE2 full-time Saturday: 254.63"
like "$out" '^\{"award_code":"MA000004","award_title":"General Retail' \
    "calc: the pay result, fields in the contract's order"
line='"line_items":\[\{"category":"penalty","code":"SATURDAY",'
line+='.*"percent":125,"rate":33\.95,"amount":254\.63'
like "$out" "$line" "calc: one Saturday line at 125%"
is "$(printf '%s\n' "$out" | wc -l)" 1 "calc: one line of JSON"

out=$("$ctl" calc --rules "$rules" --award-code MA000004 \
    --classification RE2 --emp-type ft --work-date 2026-03-21 \
    --start-time 09:00 --end-time 17:00 --break-minutes 30)
ok $? "calc with flags: exit 0"
like "$out" '"gross_pay":254\.63,' "calc with flags: the same 254.63"
out=$("$ctl" calc --rules "$rules" --award_code MA000004 \
    --classification_code RE2 --employment_type casual \
    --work_date 24/03/2026 --total_hours_worked 2 --actual_pay 50 \
    --allowance VEHICLE=10)
like "$out" '"code":"VEHICLE",.*"amount":9\.80' \
    "calc with flags: an allowance with a quantity"
like "$out" '"pay_comparison":\{"actual_pay":50\.00,' \
    "calc with flags: actual pay adds the comparison"

out=$(printf '%s' '{"award_code": "MA000004", "employment_type": "xx",
    "work_date": "2026-02-30", "start_time": "09:00", "end_time": "17:00"}' |
    "$ctl" calc --rules "$rules" 2>"$tmp/err")
is $? 1 "calc, invalid fields: exit 1"
fields='^\{"fields":\[\{"field":"employment_type","msg":"[^"]+"\},'
fields+='\{"field":"work_date","msg":"[^"]+"\},'
fields+='\{"field":"classification_code","msg":"required"\}\]\}$'
like "$out" "$fields" "calc, invalid fields: the {field, msg} list"
like "$(cat "$tmp/err")" '^awardctl: calc: the request has 3 invalid fields$' \
    "calc, invalid fields: counted on stderr"
out=$(printf '%s' "${body/MA000004/MA000999}" |
    "$ctl" calc --rules "$rules" 2>&1)
is $? 1 "calc, unknown award: exit 1"
is "$out" "awardctl: calc: Award MA000999 is not available for \
deterministic calculations" "calc, unknown award: the contract's message"
out=$(printf '{"award_code": 1} x' | "$ctl" calc --rules "$rules" 2>&1)
is $? 1 "calc, not JSON: exit 1"
out=$(printf '%s' "$body" | "$ctl" calc 2>&1)
is $? 1 "calc without --rules reads the database's rule data"
like "$out" "no-such\.conf" "... through the configuration"
"$ctl" calc --rules "$rules" --no-such-field 1 >/dev/null 2>&1
is $? 1 "calc, an unknown flag: exit 1"

# check: the upload format in, the batch export's columns out.  (The
# data lines are as long as they are.)
cat > "$tmp/rows.csv" <<'CSV'
award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00
MA000004,RE2,ft,2026-03-23,09:00,17:00,30,"=HYPERLINK(""http://x.example/"",""click"")",300
MA000004,RE2,full_time,23/03/2026,09:00,17:00,30,+61400000000,203.70
MA000999,RE2,ft,2026-03-23,09:00,17:00,30,-E2,
MA000004,RE2,cas,2026-03-24,10:00,12:00,0,,
MA000004,RE2,ft,2026-03-26,09:00:00,17:00,30,"Smith, Jo",254.63
MA000004,RE2,ft,2026-03-27,22:00,06:00,30,"line
break",
MA000004,RE2,ft,2026-03-25,13:00,18:00,0,E5,
MA000004,RE2,ft,2026-03-25,07:00,12:00,0,E5,
MA000004,RE9,ft,2026-02-30,25:00,17:00,30,@E6,
CSV
"$ctl" check --rules "$rules" "$tmp/rows.csv" > "$tmp/out.csv" \
    2> "$tmp/err"
ok $? "check: exit 0"
is "$(cat "$tmp/err")" "awardctl: check: row 4: Award MA000999 is not \
available for deterministic calculations
awardctl: check: row 10: date: not a real date; start_time: must be \
HH:MM" "check: why rows failed, on stderr"
is "$(grep -c $'\r$' "$tmp/out.csv")" 11 "check: every record ends with CRLF"
cat > "$tmp/want.csv" <<'CSV'
row_index,employee_ref,award_code,classification_code,employment_type,work_date,start_time,end_time,hours_worked,row_status,risk_count,max_severity,risk_codes,minimum_pay,actual_pay,difference
1,E1,MA000004,RE2,full_time,2026-03-21,09:00,17:00,7.5,violation,1,high,UNDERPAYMENT,254.63,200.00,-54.63
2,"'=HYPERLINK(""http://x.example/"",""click"")",MA000004,RE2,full_time,2026-03-23,09:00,17:00,7.5,ok,0,,,203.70,300.00,96.30
3,'+61400000000,MA000004,RE2,full_time,2026-03-23,09:00,17:00,7.5,ok,0,,,203.70,203.70,0.00
4,'-E2,MA000999,RE2,ft,2026-03-23,09:00,17:00,,error,1,high,AWARD_NOT_ENGINE_ENABLED,,,
5,,MA000004,RE2,casual,2026-03-24,10:00,12:00,2,warning,1,warning,MINIMUM_ENGAGEMENT_NOT_MET,101.85,,
6,"Smith, Jo",MA000004,RE2,full_time,2026-03-26,09:00,17:00,7.5,ok,0,,,203.70,254.63,50.93
7,"line
break",MA000004,RE2,full_time,2026-03-27,22:00,06:00,7.5,ok,0,,,366.66,,
8,E5,MA000004,RE2,full_time,2026-03-25,13:00,18:00,5,warning,1,warning,SHIFT_EXCEEDS_DAILY_MAX,149.38,,
9,E5,MA000004,RE2,full_time,2026-03-25,07:00,12:00,5,ok,0,,,135.80,,
10,'@E6,MA000004,RE9,ft,2026-02-30,25:00,17:00,,error,0,,,,,
CSV
tr -d '\r' < "$tmp/out.csv" > "$tmp/got.csv"
if diff "$tmp/want.csv" "$tmp/got.csv" > "$tmp/diff"; then
	ok 0 "check: every cell as the export writes it"
else
	ok 1 "check: every cell as the export writes it"
	sed 's/^/# /' "$tmp/diff"
fi
# The figures, said once more in words.
like "$(sed -n 2p "$tmp/got.csv")" ',254\.63,200\.00,-54\.63$' \
    "check: Saturday 254.63, paid 200.00, a negative difference unquoted"
like "$(sed -n 3p "$tmp/got.csv")" "^2,\"'=HYPERLINK" \
    "check: a formula is neutralised inside its quotes"
like "$(sed -n 5p "$tmp/got.csv")" '^4,.*,error,.*,,,$' \
    "check: an unknown award is an error row without figures"
like "$(sed -n 10p "$tmp/got.csv")" ',149\.38,,$' \
    "check: the second shift of the day is in daily overtime"

printf 'award_code,classification\nMA000004,RE2\n' > "$tmp/bad.csv"
out=$("$ctl" check --rules "$rules" "$tmp/bad.csv" 2>&1)
is $? 1 "check, a required column missing: exit 1"
like "$out" '^awardctl: check: .*bad\.csv: missing required column' \
    "check: the upload's reason"
"$ctl" check --rules "$rules" "$tmp/no-such.csv" >/dev/null 2>&1
is $? 1 "check, no such file: exit 1"
out=$("$ctl" check --rules "$rules" - < "$tmp/rows.csv" | tr -d '\r')
is "$out" "$(cat "$tmp/want.csv")" "check: - reads stdin"

# import-mapd: the Commission's exports into the shipped rule file.
out=$("$ctl" import-mapd "$mapd" --rules "$rules" --out "$tmp/MA000004.rules")
ok $? "import-mapd: exit 0"
cmp -s "$tmp/MA000004.rules" "$rules/MA000004.rules"
ok $? "import-mapd: the exports give the shipped file back"
sum='MA000004: rates 16 confirmed, 0 changed, 0 added; amounts 7 '
sum+='confirmed, 0 changed, 0 added; [0-9]+ percentages checked, 0 mismatches'
like "$out" "$sum" "import-mapd: the summary"

mkdir "$tmp/rules"
cp "$rules"/*.rules "$tmp/rules/"
sed -i -e '/^rate class=RE[1-8] from=2025-07-01/d' \
    -e 's/days=sun percent=150 clause=22.1/days=sun percent=155 clause=22.1/' \
    "$tmp/rules/MA000004.rules"
out=$("$ctl" import-mapd "$mapd" --award MA000004 --rules "$tmp/rules" \
    --out "$tmp/new.rules")
is $? 3 "import-mapd, a contradicted percent: exit 3"
mis='mismatch: Sunday ordinary hours \(line [0-9]+, clause 22\.1\) is 155% '
mis+='for full_time non_shiftworker; the MAPD export says 150%'
like "$out" "$mis" "import-mapd: the mismatch"
like "$out" 'added: rate RE8 from 2025-07-01: 1233\.20' \
    "import-mapd: a missing rate year is added"
is "$(grep -c '^rate class=RE[1-8] from=2025-07-01' "$tmp/new.rules")" 8 \
    "import-mapd: all eight rates of the year written"
out=$("$ctl" import-mapd "$mapd" --rules "$tmp/rules" 2>&1)
is $? 3 "import-mapd, a mismatch: nothing stored without --force"
like "$out" 'nothing stored' "... and says so"
out=$("$ctl" import-mapd "$tmp" --rules "$rules" --out "$tmp/x" 2>&1)
is $? 1 "import-mapd, no exports: exit 1"
like "$out" 'no MAPD exports' "... and says so"
done_testing
