#!/usr/bin/env bash
# Cancel and delete through nginx, on batches large enough to catch the
# processor at work; and result pages of a 50,000-row batch, deep or
# not, complete or with chunks missing.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "cancel-$$" 100000 100000)
other_key=$(new_org "cancel-other-$$" 100000 100000)
big_rows=50000

hdr=award_code,classification,emp_type,date,start_time,end_time,break_minutes,employee_ref,actual_pay
awk -v n="$big_rows" -v h="$hdr" 'BEGIN {
	print h
	for (i = 1; i <= n; i++)
		printf "MA000004,RE2,ft,2026-03-%02d,09:00,17:00,30,E%d,%d.00\n",
		    1 + i % 28, i % 500, 150 + i % 200
}' > "$tmp/big.csv"
printf '%s\n%s\n' "$hdr" \
    "MA000004,RE2,ft,2026-03-21,09:00,17:00,30,E1,200.00" > "$tmp/one.csv"

# Uploads a file; prints the batch id.
upload() {
	upload_csv "$1"
	[ "$status" = 202 ] || bail "upload of $1: $status $body"
	jget .batch_id
}

# Waits until the processor has committed some rows of a batch.
wait_started() {	# wait_started ID
	local n=1200
	while [ "$n" -gt 0 ]; do
		req GET "/api/v1/batches/$1"
		[ "$(jget .processed_rows)" -gt 0 ] && return 0
		n=$((n - 1))
		sleep 0.05
	done
	return 1
}

# Rows of a batch in each table: batches, rows, chunks, results.
stored() {
	sql "SELECT CONCAT_WS(' ',
	    (SELECT COUNT(*) FROM batches WHERE id = '$1'),
	    (SELECT COUNT(*) FROM batch_rows WHERE batch_id = '$1'),
	    (SELECT COUNT(*) FROM batch_chunks WHERE batch_id = '$1'),
	    (SELECT COUNT(*) FROM batch_results WHERE batch_id = '$1'))"
}

# A finished batch cannot be cancelled.
one=$(upload "$tmp/one.csv")
wait_batch "$one" >/dev/null
req POST "/api/v1/batches/$one/cancel"
is "$status" 409 "cancel of a complete batch: 409"
is "$(jget .error)" conflict "... conflict"
like "$(jget .detail)" "is complete" "... says why"
req GET "/api/v1/batches/$one"
is "$(jget .status)" complete "... and it stays complete"

# Cancel while the processor works.
big=$(upload "$tmp/big.csv")
wait_started "$big"
ok $? "the processor has started on $big_rows rows"
req POST "/api/v1/batches/$big/cancel"
is "$status" 200 "cancel during processing: 200"
is "$(jget .status)" cancelled "the batch is cancelled"
like "$(jget .completed_at)" '^[0-9T:-]+Z$' "completed_at is set"
done_at=$(jget .processed_rows)
[ "$done_at" -gt 0 ] && [ "$done_at" -lt "$big_rows" ]
ok $? "cancelled part way: $done_at of $big_rows rows processed"
sleep 2
req GET "/api/v1/batches/$big"
is "$(jget '[.status, .processed_rows] | @csv')" "\"cancelled\",$done_at" \
    "processed_rows stays put after the cancel"
is "$(sql "SELECT COUNT(*) FROM batch_results WHERE batch_id = '$big'")" \
    "$done_at" "results stored equal processed_rows"
is "$(sql "SELECT COUNT(*) FROM batch_chunks WHERE batch_id = '$big'
    AND state IN ('queued', 'claimed')")" 0 "no chunk is left to claim"
is "$(sql "SELECT COALESCE(SUM(last_row - first_row + 1), 0)
    FROM batch_chunks WHERE batch_id = '$big' AND state = 'done'")" \
    "$done_at" "the done chunks hold exactly the processed rows"
req GET "/api/v1/batches/$big/results?limit=200"
is "$(jget '[.status, .total, (.rows | length)] | @csv')" \
    "\"cancelled\",$done_at,200" "results of the processed rows remain"
req GET "/api/v1/batches/$big/results?offset=$((done_at - 1))"
is "$(jget '[.total, (.rows | length)] | @csv')" "$done_at,1" \
    "the last processed row is the last result"
req GET "/api/v1/batches/$big/export"
is "$(printf '%s\n' "$body" | wc -l)" $((done_at + 1)) \
    "the export has the processed rows"
req POST "/api/v1/batches/$big/cancel"
is "$status" 409 "a second cancel: 409"
like "$(jget .detail)" "is cancelled" "... it is already cancelled"
req_as "$other_key" POST "/api/v1/batches/$one/cancel"
is "$status" 404 "another organisation's cancel: 404"

# Cancel before the processor takes it, or just as it does.
q=$(upload "$tmp/big.csv")
req POST "/api/v1/batches/$q/cancel"
is "$status" 200 "cancel just after upload: 200"
sleep 1
req GET "/api/v1/batches/$q"
n=$(jget .processed_rows)
is "$(jget .status)" cancelled "... cancelled"
is "$(sql "SELECT COUNT(*) FROM batch_results WHERE batch_id = '$q'")" \
    "$n" "... with results for the rows processed ($n), no more"

# Results and the export while the processor works: the rows done so
# far, in order.
live=$(upload "$tmp/big.csv")
wait_started "$live"
ok $? "the processor has started on the batch to read"
req GET "/api/v1/batches/$live/results?limit=200"
total=$(jget .total)
[ "$status" = 200 ] && [ "$total" -gt 0 ] &&
    [ "$(jget '.rows | length')" -eq $((total < 200 ? total : 200)) ]
ok $? "a results page while processing: $total rows so far"
jget '.rows[].row_index' | sort -nc
ok $? "... in row order"
req GET "/api/v1/batches/$live/export"
printf '%s\n' "$body" | tail -n +2 | cut -d, -f1 > "$tmp/live"
n=$(wc -l < "$tmp/live")
[ "$status" = 200 ] && [ "$n" -ge "$total" ] && [ "$n" -le "$big_rows" ]
ok $? "an export while processing has the rows done so far ($n)"
sort -nc "$tmp/live" && [ "$(sort -nu "$tmp/live" | wc -l)" -eq "$n" ]
ok $? "... each once, in row order"
req DELETE "/api/v1/batches/$live"

# Delete while the processor works: nothing is left in any table, and
# the processor goes on to the next batch.
del=$(upload "$tmp/big.csv")
wait_started "$del"
ok $? "the processor has started on the batch to delete"
req DELETE "/api/v1/batches/$del"
is "$status" 204 "delete during processing: 204"
is "$body" "" "... with no body"
req GET "/api/v1/batches/$del"
is "$status" 404 "a deleted batch is not found"
sleep 2
is "$(stored "$del")" "0 0 0 0" \
    "batches, rows, chunks, results: none left after the processor's turn"
after=$(upload "$tmp/one.csv")
is "$(wait_batch "$after")" complete "the processor goes on to the next"
req DELETE "/api/v1/batches/$del"
is "$status" 404 "a second delete: 404"

# Delete a finished batch.
is "$(stored "$one")" "1 1 1 1" "a complete batch has a row in each table"
req_as "$other_key" DELETE "/api/v1/batches/$one"
is "$status" 404 "another organisation's delete: 404"
is "$(stored "$one")" "1 1 1 1" "... and it deleted nothing"
req DELETE "/api/v1/batches/$one"
is "$status" 204 "delete of a complete batch: 204"
is "$(stored "$one")" "0 0 0 0" "... and nothing is left of it"

# A complete 50,000-row batch: the deepest page is as quick as the
# first.
full=$(upload "$tmp/big.csv")
is "$(wait_batch "$full" 300)" complete "$big_rows rows complete"
req GET "/api/v1/batches/$full/results?offset=49800&limit=200"
is "$(jget '[.total, (.rows | length), .rows[0].row_index,
    .rows[-1].row_index] | @csv')" "$big_rows,200,49801,50000" \
    "offset 49,800: rows 49,801 to 50,000"
median_time() {	# median_time PATH: of five requests, in microseconds
	local i
	for i in 1 2 3 4 5; do
		curl -s -o /dev/null -w '%{time_total}\n' \
		    -H "Authorization: Bearer $AWARD_API_KEY" \
		    "$AWARD_BASE_URL$1"
	done | sort -n | sed -n 3p | awk '{ printf "%d\n", $1 * 1000000 }'
}
first=$(median_time "/api/v1/batches/$full/results?limit=200")
deep=$(median_time "/api/v1/batches/$full/results?offset=49800&limit=200")
diag "first page ${first}us, page at 49,800 ${deep}us"
[ "$deep" -le $((first * 2 + 50000)) ]
ok $? "the deep page takes no longer than the first (${first}us, ${deep}us)"
for st in ok violation; do
	total=$(sql "SELECT COUNT(*) FROM batch_results
	    WHERE batch_id = '$full' AND row_status = '$st'")
	last=$(sql "SELECT MAX(row_index) FROM batch_results
	    WHERE batch_id = '$full' AND row_status = '$st'")
	req GET "/api/v1/batches/$full/results?status=$st&offset=$((total - 1))"
	is "$(jget '[.total, .rows[0].row_index, .rows[0].row_status] |
	    @csv')" "$total,$last,\"$st\"" \
	    "the last $st row found through the status index"
done

# Chunks finish out of order while a batch is processed: with the
# second chunk's results missing, offsets count the rows there are.
read -r f l < <(sql "SELECT first_row, last_row FROM batch_chunks
    WHERE batch_id = '$full' AND chunk_no = 1")
gap=$((l - f + 1))
# The chunk is left claimed by no processor there is, so that none
# takes it back.
sql "DELETE FROM batch_results WHERE batch_id = '$full'
    AND row_index BETWEEN $f AND $l;
    UPDATE batch_chunks SET state = 'claimed', owner = 'test',
    lease_until = UNIX_TIMESTAMP() + 3600
    WHERE batch_id = '$full' AND chunk_no = 1;
    UPDATE batches SET status = 'processing', chunks_done = chunks_done - 1,
    processed_rows = processed_rows - $gap, completed_at = NULL
    WHERE id = '$full'"
req GET "/api/v1/batches/$full/results?offset=$((f - 2))&limit=3"
is "$(jget '[.status, .total, (.rows | map(.row_index) | join(" "))] |
    @csv')" "\"processing\",$((big_rows - gap)),\"$((f - 1)) $((l + 1)) $((l + 2))\"" \
    "a page across the missing chunk skips it"
req GET "/api/v1/batches/$full/results?offset=$((f - 1))&limit=1"
is "$(jget '.rows[0].row_index')" $((l + 1)) \
    "the first row after the missing chunk is at offset $((f - 1))"
req GET "/api/v1/batches/$full/results?offset=$((big_rows - gap - 1))"
is "$(jget '[(.rows | length), .rows[0].row_index] | @csv')" "1,$big_rows" \
    "the last offset is the last row"
req GET "/api/v1/batches/$full/results?offset=$((big_rows - gap))"
is "$(jget '.rows | length')" 0 "past the last offset: no rows"
req DELETE "/api/v1/batches/$full"
is "$status" 204 "delete of a processing batch with a claimed chunk: 204"
is "$(stored "$full")" "0 0 0 0" "... nothing is left of it"
done_testing
