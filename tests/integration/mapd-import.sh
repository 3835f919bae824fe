#!/usr/bin/env bash
# awardctl import-mapd on a private stack: the shipped exports change
# nothing; a new rate year's export is stored as a new version that
# the API takes up without a restart; rules that the export
# contradicts are not stored unless forced.
. "$top_srcdir/tests/lib/http.sh"
dir=$tmp/stack
"$top_srcdir/tests/stack" up "$dir" >/dev/null ||
    bail "private stack did not start"
trap '"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
stack_env "$dir"
AWARD_API_KEY=$(new_org "mapd-$$" 100000 100000 | tail -1)
mapd="$top_srcdir/tests/engine/mapd"
# Longer than the workers wait between looks at the store.
settle=1.5

versions() { sql "SELECT COUNT(*) FROM rule_versions"; }

calc() {	# calc DATE: RE2 full-time 09:00-17:00, a 30-minute break
	req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
	    --data-binary '{"award_code": "MA000004",
	    "classification_code": "RE2", "employment_type": "full_time",
	    "work_date": "'"$1"'", "start_time": "09:00",
	    "end_time": "17:00", "unpaid_break_minutes": 30}'
}

v0=$(versions)
out=$(ctl import-mapd "$mapd")
ok $? "the shipped exports: exit 0"
like "$out" 'rates 16 confirmed, 0 changed, 0 added' "nothing to change"
like "$out" '^rule data version [0-9]+ unchanged$' "no new version"
is "$(versions)" "$v0" "the versions as they were"

# A new rate year: the 2026 adult rates as the Commission would export
# them (the figures are made up).
mkdir "$tmp/mapd"
cp "$mapd"/*.csv "$tmp/mapd/"
{
	head -1 "$mapd/MA000004_payrates_2024_2025.csv"
	lvl=1
	for w in 1044.2 1068.1 1084.7 1105.8 1151.2 1168 1226.6 1276.4; do
		printf ',%d,BR%d,Weekly,%s,null,null,null,null,' $lvl $lvl "$w"
		printf 'Retail Employee Level %d,%d,AD,2026-07-01,null,5,' \
		    $lvl $lvl
		printf '2026,2026-06-03T01:19:11+00:00\n'
		lvl=$((lvl + 1))
	done
} > "$tmp/mapd/MA000004_payrates_2026_2027.csv"
out=$(ctl import-mapd "$tmp/mapd" --award MA000004)
ok $? "a new rate year: exit 0"
like "$out" 'added: rate RE2 from 2026-07-01: 1068\.10' "the new rates added"
like "$out" 'changed: version 2025-07-01\.1 to 2026-07-01\.1' \
    "the version is the new year's"
like "$out" 'rule data version [0-9]+ loaded' "stored as a new version"
is "$(versions)" $((v0 + 1)) "one more version"

sleep "$settle"
calc 2026-07-11
is "$status" 200 "a Saturday in the new year: 200"
like "$body" '"rates_effective_from":"2026-07-01"' "  at the new year's rates"
like "$body" '"base_weekly_rate":1068\.10,' "  RE2 weekly 1068.10"
like "$body" '"gross_pay":263\.55,' "  28.11 an hour, 35.14 on Saturday: 263.55"
calc 2026-03-21
like "$body" '"gross_pay":254\.63,' "the year before keeps its figures"

# Rules that the export contradicts.
cp -r "$top_srcdir/sql/rules" "$tmp/rules"
sed -i 's/days=sun percent=150 clause=22.1/days=sun percent=155 clause=22.1/' \
    "$tmp/rules/MA000004.rules"
out=$(ctl import-mapd "$mapd" --rules "$tmp/rules" 2>&1)
is $? 3 "a contradicted percent: exit 3"
like "$out" 'mismatch: Sunday ordinary hours .* is 155% for full_time' \
    "  the mismatch named"
like "$out" 'nothing stored' "  nothing stored"
is "$(versions)" $((v0 + 1)) "  no new version"
out=$(ctl import-mapd "$mapd" --rules "$tmp/rules" --force)
ok $? "--force: exit 0"
is "$(versions)" $((v0 + 2)) "  stored"
done_testing
