#!/usr/bin/env bash
# The database stopped and started again under a private stack: 503
# JSON while it is down, and recovery without a restart.
. "$top_srcdir/tests/lib/http.sh"
dir=$tmp/stack
AWARD_WORKERS=2 "$top_srcdir/tests/stack" up "$dir" >/dev/null ||
    bail "private stack did not start"
trap '"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
stack_env "$dir"

req_as "" GET /api/v1/health
is "$status" 200 "health with the database up"

"$top_srcdir/tests/stack" db-stop "$dir"
for i in 1 2 3; do
	req_as "" GET /api/v1/health
	is "$status" 503 "health with the database down ($i)"
	is "$(jget .database)" unavailable "database unavailable ($i)"
	like "$(header Retry-After)" '^[0-9]+$' "Retry-After ($i)"
done
req GET /api/v1/batches
is "$status" 503 "an authenticated request is 503, not a crash"
is "$(jget .error)" service_unavailable "503 error code"
like "$(header Retry-After)" '^[0-9]+$' "503 carries Retry-After"
! printf '%s' "$body" | grep -qi 'mysql\|maria\|sql\|/'
ok $? "the 503 leaks nothing of the database"

"$top_srcdir/tests/stack" db-start "$dir"
# Every worker must find its way back; ask more times than workers.
good=0
for i in 1 2 3 4 5 6 7 8; do
	req_as "" GET /api/v1/health
	[ "$status" = 200 ] && good=$((good + 1))
done
is "$good" 8 "health recovers on every worker"
req GET /api/v1/batches
[ "$status" != 503 ] && [ "$status" != 500 ]
ok $? "authenticated requests recover ($status)"
grep -q "ended (signal" "$dir/log/api.log"
ok $((! $?)) "no worker died while the database was away"
done_testing
