#!/usr/bin/env bash
# The processor under faults, on a private stack: killed with SIGKILL
# again and again in the middle of a batch, and several processors
# sharing the work.  Every batch must end complete with exactly one
# result per row and counters that agree with the results.
. "$top_srcdir/tests/lib/http.sh"
dir=$tmp/stack
rows=${FAULT_ROWS:-20000}
kills=${FAULT_KILLS:-5}
AWARD_WORKERS=2 AWARD_STACK_CONF_EXTRA="lease_seconds = 5
chunk_rows = 500" "$top_srcdir/tests/stack" up "$dir" >/dev/null ||
    bail "private stack did not start"
trap '"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1;
    pkill -f "award-processor --config $dir/" 2>/dev/null; rm -rf "$tmp"' EXIT
stack_env "$dir"
ctl org limits demo 100000 100000
proc=$top_builddir/award-processor

start_processor() {
	setsid "$proc" --config "$dir/award.conf" \
	    >>"$dir/log/processor.log" 2>&1 < /dev/null &
	echo $!
}

# Checks one finished batch against its results.
check_batch() {	# check_batch ID TOTAL WHAT
	local id=$1 total=$2
	is "$(sql "SELECT status FROM batches WHERE id = '$id'")" complete \
	    "$3: complete"
	is "$(sql "SELECT COUNT(*), COUNT(DISTINCT row_index), MIN(row_index),
	    MAX(row_index) FROM batch_results WHERE batch_id = '$id'" |
	    tr '\t' ,)" "$total,$total,1,$total" \
	    "$3: exactly one result for each row"
	is "$(sql "SELECT processed_rows, ok_rows + warning_rows +
	    violation_rows + error_rows FROM batches WHERE id = '$id'" |
	    tr '\t' ,)" "$total,$total" "$3: counters agree with the rows"
	is "$(sql "SELECT b.error_rows = SUM(r.row_status = 'error') AND
	    b.minimum_cents = COALESCE(SUM(r.minimum_cents), 0)
	    FROM batches b JOIN batch_results r ON r.batch_id = b.id
	    WHERE b.id = '$id' GROUP BY b.id")" 1 \
	    "$3: counters equal the sums of the results"
	is "$(sql "SELECT COUNT(*) FROM batch_chunks WHERE batch_id = '$id'
	    AND state <> 'done'")" 0 "$3: every chunk done"
}

# kill -9 at random moments during one batch.
"$top_srcdir/tests/lib/gen-shifts" "$rows" 3 > "$tmp/rows.csv"
stop_pid=$(cat "$dir/run/processor.pid")
kill -STOP "$stop_pid"
upload_csv "$tmp/rows.csv"
is "$status" 202 "a $rows-row batch is uploaded"
id=$(jget .batch_id)
kill -KILL "$stop_pid"
done_kills=0
for i in $(seq 1 "$kills"); do
	pid=$(start_processor)
	sleep "0.$((RANDOM % 6 + 2))"
	kill -KILL "$pid" 2>/dev/null && done_kills=$((done_kills + 1))
	wait "$pid" 2>/dev/null
done
diag "processor killed $done_kills times; $(sql "SELECT processed_rows
    FROM batches WHERE id = '$id'") rows were committed by then"
pid=$(start_processor)
wait_batch "$id" 120 >/dev/null
check_batch "$id" "$rows" "after $done_kills kills"

# Three processors sharing five batches.
pid2=$(start_processor)
pid3=$(start_processor)
ids=()
for s in 11 12 13 14 15; do
	"$top_srcdir/tests/lib/gen-shifts" 4000 "$s" > "$tmp/b$s.csv"
	upload_csv "$tmp/b$s.csv"
	ids+=("$(jget .batch_id)")
done
for b in "${ids[@]}"; do
	wait_batch "$b" 120 >/dev/null
done
for b in "${ids[@]}"; do
	check_batch "$b" 4000 "shared batch ${b:0:8}"
done
owners=$(sql "SELECT COUNT(DISTINCT owner) FROM batch_chunks
    WHERE batch_id IN ('${ids[0]}','${ids[1]}','${ids[2]}','${ids[3]}',
    '${ids[4]}')")
[ "$owners" -ge 2 ]
ok $? "the work was shared: $owners processors did chunks"

# SIGTERM: the chunk in hand is finished, then the processor exits.
kill -TERM "$pid" "$pid2" "$pid3"
sleep 1
n=0
for p in "$pid" "$pid2" "$pid3"; do alive "$p" && n=$((n + 1)); done
is "$n" 0 "every processor stopped on SIGTERM"
grep -q "stopped" "$dir/log/processor.log"
ok $? "the stop is logged"
done_testing
