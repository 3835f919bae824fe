#!/usr/bin/env bash
# Rule data in the API workers, on a private stack: a version whose
# files do not parse is refused and the one in force stays; with no
# rule data at all calculations answer 503; loading rules brings them
# back without a restart.
. "$top_srcdir/tests/lib/http.sh"
dir=$tmp/stack
AWARD_WORKERS=2 "$top_srcdir/tests/stack" up "$dir" >/dev/null ||
    bail "private stack did not start"
trap '"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
stack_env "$dir"
AWARD_API_KEY=$(new_org "rules-$$" 100000 100000 | tail -1)
# Longer than the workers wait between looks at the store.
settle=1.5

root_sql() {
	mariadb --no-defaults --socket="$AWARD_DB_SOCKET" -uroot -N award \
	    -e "$1"
}

calc() {
	req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
	    --data-binary '{"award_code": "MA000004",
	    "classification_code": "RE2", "employment_type": "full_time",
	    "work_date": "2026-03-21", "start_time": "09:00",
	    "end_time": "17:00", "unpaid_break_minutes": 30}'
}

# Every answer of n requests (enough to reach both workers) has $1.
all_status() {	# all_status STATUS DESCRIPTION
	local i bad=0
	for i in 1 2 3 4 5 6; do
		calc
		[ "$status" = "$1" ] || bad=$((bad + 1))
	done
	is "$bad" 0 "$2"
}

all_status 200 "rule data loaded at start: 200"
like "$body" '"gross_pay":254\.63' "the contract's example: 254.63"
before=$(root_sql "SELECT MAX(id) FROM rule_versions")

# A version with a file that does not parse.
cp -r "$top_srcdir/sql/rules" "$tmp/broken"
echo "penalty code=BROKEN no_such_field=1" >>"$tmp/broken/MA000004.rules"
ctl rules load "$tmp/broken" >/dev/null
ok $? "a broken version is stored"
sleep "$settle"
all_status 200 "the version in force stays: 200"
like "$body" '"gross_pay":254\.63' "  with the same figures"
req GET /api/v1/awards/MA000004/versions
is "$(jget '.versions[] | select(.in_use) | .version_id')" "$before" \
    "the version in use is the old one"
grep -q "rule data version .* not loaded: MA000004.rules" "$dir"/log/*.log
ok $? "the refusal is logged with the file and line"

# No rule data at all.
root_sql "DELETE FROM rule_versions"
"$top_srcdir/tests/stack" api-restart "$dir" >/dev/null
all_status 503 "no rule data: 503"
is "$(jget .error)" service_unavailable "503: service_unavailable"
like "$(jget .detail)" "Award rule data is not available" "503 says why"
like "$(header Retry-After)" '^[0-9]+$' "503 carries Retry-After"
req GET /api/v1/awards
is "$status" 503 "the award list: 503 too"
req GET /api/v1/health
is "$status" 200 "health does not depend on rule data"

# Rules loaded again: taken up without a restart.
ctl rules load "$top_srcdir/sql/rules" >/dev/null
ok $? "rules loaded again"
sleep "$settle"
all_status 200 "calculations are back without a restart"
like "$body" '"gross_pay":254\.63' "  with the same figures"
done_testing
