#!/usr/bin/env bash
# Hostile input through nginx: every case in tests/hostile/cases (and
# each big one that tests/hostile/gen makes) must get the status and
# error code it names, never a 5xx.  Afterwards no worker has died, no
# refused upload left a batch or a row behind, and no sanitizer has
# spoken.  Then employee references full of SQL, shell and spreadsheet
# metacharacters come back verbatim in the results and neutralised in
# the export.
#
# A case file: a "# what" line, "METHOD PATH", "Content-Type: TYPE"
# (empty: none sent), "Expect: STATUS CODE" ("-" when the answer is not
# an error), an empty line, then the body byte for byte.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
hostile=$top_srcdir/tests/hostile
AWARD_API_KEY=$(new_org "hostile-$$" 100000 100000)
org_id=$(sql "SELECT id FROM organisations WHERE name = 'hostile-$$'")
parent=$(cat "$stack_dir/run/api.pid")
workers_before=$(pgrep -P "$parent" | sort | tr '\n' ' ')
log_lines=$(wc -l < "$stack_dir/log/api.log")
accepted=()

org_batches() { sql "SELECT COUNT(*) FROM batches WHERE org_id = $org_id"; }
org_rows() { sql "SELECT COUNT(*) FROM batch_rows r JOIN batches b
    ON b.id = r.batch_id WHERE b.org_id = $org_id"; }

# send NAME ENDPOINT CTYPE EXPECT BODYFILE: one case, two assertions.
send() {
	local name=$1 m=${2%% *} p=${2#* } ctype=$3 want=$4 f=$5
	local ws=${want%% *} wc=${want#* } before got
	local h=(-H "Content-Type: $ctype")
	[ -z "$ctype" ] && h=(-H "Content-Type:")
	before=$(org_batches)
	req "$m" "$p" "${h[@]}" -H 'Expect:' --data-binary "@$f"
	case $status in
	5*|000) got="$status (server error)" ;;
	*)	got=$status ;;
	esac
	is "$got" "$ws" "$name: $m $p gets $ws"
	if [ "$wc" = - ]; then
		[ "$status" = 202 ] && accepted+=("$(jget .batch_id)")
		return
	fi
	is "$(jget .error)/$(jget .status_code)" "$wc/$ws" \
	    "$name: error $wc in JSON"
	if [ "$p" = /api/v1/batches/upload ]; then
		is "$(org_batches)" "$before" "$name: no batch stored"
	fi
}

# Case files: the header lines, then the body after the empty line.
for f in "$hostile"/cases/*; do
	name=$(basename "$f")
	{
		read -r _
		read -r ep
		read -r ct
		read -r ex
	} < "$f"
	ct=${ct#Content-Type: }
	ct=${ct#Content-Type:}
	ex=${ex#Expect: }
	off=$(grep -a -b -m1 -x '' "$f" | cut -d: -f1)
	tail -c +"$((off + 2))" "$f" > "$tmp/case"
	send "$name" "$ep" "$ct" "$ex" "$tmp/case"
done

# The big ones.
while IFS=$'\t' read -r name ep ct ex gen; do
	case $name in '#'*|'') continue ;; esac
	# shellcheck disable=SC2086
	"$hostile/gen" $gen > "$tmp/case"
	send "$name" "$ep" "$ct" "$ex" "$tmp/case"
done < "$hostile/generated"

# What the accepted uploads stored, and nothing more.
want_rows=0
for id in "${accepted[@]}"; do
	want_rows=$((want_rows + $(sql "SELECT total_rows FROM batches
	    WHERE id = '$id'")))
done
is "$(org_batches)" "${#accepted[@]}" \
    "only the accepted uploads made batches (${#accepted[@]})"
is "$(org_rows)" "$want_rows" \
    "their rows are all the rows stored ($want_rows)"
n=0
for id in "${accepted[@]}"; do
	st=$(wait_batch "$id" 60)
	[ "$st" = complete ] || { diag "batch $id: $st"; n=$((n + 1)); }
done
is "$n" 0 "every accepted batch completes"

# Employee references that mean something to SQL, a shell or a
# spreadsheet: each with the cell the export must hold for it.
refs=(
	"'; DROP TABLE batches; --"		"'; DROP TABLE batches; --"
	"\" OR 1=1 --"				"\"\"\" OR 1=1 --\""
	"Robert'); DELETE FROM batch_rows;#"	"Robert'); DELETE FROM batch_rows;#"
	'$(touch /tmp/pwned)'			'$(touch /tmp/pwned)'
	'`id`; rm -rf / &'			'`id`; rm -rf / &'
	'a|b>c<d'				'a|b>c<d'
	'=1+2'					"'=1+2"
	'=HYPERLINK("http://x/?"&A1,"y")'
	"\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"y\"\")\""
	'+SUM(A1:A9)'				"'+SUM(A1:A9)"
	'-2+3'					"'-2+3"
	'@cmd'					"'@cmd"
	'=cmd|'"'"'/C calc'"'"'!A0'		"'=cmd|'/C calc'!A0"
	'<script>alert(1)</script>'		'<script>alert(1)</script>'
	'%s%s%n%x'				'%s%s%n%x'
	'../../etc/passwd'			'../../etc/passwd'
	'Zoë ✓ 山田'				'Zoë ✓ 山田'
	'back\slash\n'				'back\slash\n'
)
# A reference with a comma or a quote is quoted in the upload too.
{
	echo "award_code,classification,emp_type,date,start_time,end_time,employee_ref"
	for ((i = 0; i < ${#refs[@]}; i += 2)); do
		r=${refs[i]}
		case $r in
		*[,\"]*) r="\"${r//\"/\"\"}\"" ;;
		esac
		printf 'MA000004,RE2,ft,2026-03-%02d,09:00,17:00,%s\n' \
		    $((i / 2 + 1)) "$r"
	done
} > "$tmp/refs.csv"
upload_csv "$tmp/refs.csv"
is "$status" 202 "references with metacharacters are accepted"
id=$(jget .batch_id)
is "$(wait_batch "$id")" complete "their batch completes"
req GET "/api/v1/batches/$id/results?limit=200"
is "$status" 200 "their results are served"
jq -r '.rows[] | .employee_ref' "$tmp/body" > "$tmp/got-refs" 2>/dev/null
for ((i = 0; i < ${#refs[@]}; i += 2)); do
	is "$(sed -n "$((i / 2 + 1))p" "$tmp/got-refs")" "${refs[i]}" \
	    "results JSON: ${refs[i]} verbatim"
done
req GET "/api/v1/batches/$id/export"
is "$status" 200 "the export is served"
for ((i = 0; i < ${#refs[@]}; i += 2)); do
	n=$((i / 2 + 1))
	line=$(grep -a "^$n," "$tmp/body" | head -1)
	is "${line:0:$((${#n} + 1 + ${#refs[i + 1]} + 1))}" \
	    "$n,${refs[i + 1]}," "export CSV: ${refs[i]} as ${refs[i + 1]}"
done
is "$(sql "SELECT COUNT(*) FROM batch_rows WHERE batch_id = '$id'")" \
    "$((${#refs[@]} / 2))" "the batch and its rows are all there"

# An error row keeps what it was sent, and every text cell of it is
# neutralised in the export, not only employee_ref.
printf '%s\n%s\n' \
    award_code,classification,emp_type,date,start_time,end_time,employee_ref \
    '=1+2,@SUM(A1),+cmd,-2026-01-01,=09:00,@17:00,=x' > "$tmp/formula.csv"
upload_csv "$tmp/formula.csv"
id=$(jget .batch_id)
is "$(wait_batch "$id")" complete "a row of formulas: its batch completes"
req GET "/api/v1/batches/$id/export"
is "$(grep -a '^1,' "$tmp/body" | cut -d, -f1-8)" \
    "1,'=x,'=1+2,'@SUM(A1),'+cmd,'-2026-01-01,'=09:00,'@17:00" \
    "a row of formulas: every text cell neutralised in the export"

# No worker died; no sanitizer spoke.
is "$(pgrep -P "$parent" | sort | tr '\n' ' ')" "$workers_before" \
    "the API's workers are the ones that started"
ended=$(tail -n +"$((log_lines + 1))" "$stack_dir/log/api.log" |
    grep -c 'worker .* ended')
is "$ended" 0 "the API log shows no worker ended"
san=$(grep -l -E 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:' \
    "$stack_dir"/log/*.log 2>/dev/null)
is "$san" "" "no sanitizer report in the stack's logs"
done_testing
