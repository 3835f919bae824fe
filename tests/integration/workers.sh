#!/usr/bin/env bash
# The pre-forking parent: a killed worker is replaced, and SIGTERM
# lets the workers finish before the parent exits.
. "$top_srcdir/tests/lib/http.sh"
dir=$tmp/stack
AWARD_WORKERS=3 "$top_srcdir/tests/stack" up "$dir" >/dev/null ||
    bail "private stack did not start"
trap '"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
stack_env "$dir"

parent=$(cat "$dir/run/api.pid")
kids() { pgrep -P "$parent" | sort; }
is "$(kids | wc -l)" 3 "three workers run"

victim=$(kids | head -1)
kill -9 "$victim"
sleep 1
is "$(kids | wc -l)" 3 "a killed worker is replaced"
kids | grep -qx "$victim"
ok $((! $?)) "the killed worker is gone"

fails=0
for i in $(seq 1 30); do
	req_as "" GET /api/v1/health
	[ "$status" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "requests succeed after the replacement"

kill -TERM "$parent"
for i in $(seq 1 50); do
	kill -0 "$parent" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$parent" 2>/dev/null
ok $((! $?)) "the parent exits on SIGTERM"
is "$(pgrep -P "$parent" | wc -l)" 0 "no worker is left behind"
grep -q "stopped" "$dir/log/api.log"
ok $? "the shutdown is logged"
done_testing
