#!/usr/bin/env bash
# Request bodies at the edges, through nginx: nginx's cap and the
# application's agree (a body just under the limit is taken whole, one
# byte over is refused with 413 JSON and stores nothing), and a stalled
# body is ended by nginx's client_body_timeout without holding an API
# worker while others are served.  The same through Apache
# (AWARD_WEB=apache), whose site reads a body whole before handing it
# on and answers its own 413 in the API's JSON form too.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
gen=$top_srcdir/tests/hostile/gen
AWARD_API_KEY=$(new_org "limits-$$" 100000 100000)
org_id=$(sql "SELECT id FROM organisations WHERE name = 'limits-$$'")
org_batches() { sql "SELECT COUNT(*) FROM batches WHERE org_id = $org_id"; }
ten_mb=$((10 * 1024 * 1024))
port=${AWARD_BASE_URL##*:}
web=${AWARD_WEB:-nginx}

# accepted WHAT: the last upload was taken whole; the batch is deleted
# so that the processor does not spend the suite's time on it.
accepted() {
	local id total
	is "$status" 202 "$1: accepted"
	id=$(jget .batch_id)
	total=$(jget .total_rows)
	is "$(sql "SELECT COUNT(*) FROM batch_rows WHERE batch_id = '$id'")" \
	    "$total" "$1: all $total rows stored"
	req DELETE "/api/v1/batches/$id"
}

refused() {	# refused WHAT: 413 JSON, nothing stored
	is "$status/$(jget .error)" 413/payload_too_large "$1: 413 JSON"
	is "$(org_batches)" 0 "$1: nothing stored"
}

"$gen" csv-bytes "$ten_mb" > "$tmp/at"
"$gen" csv-bytes "$((ten_mb + 1))" > "$tmp/over"
upload_csv "$tmp/at"
accepted "raw CSV of exactly 10 MB"
upload_csv "$tmp/over"
refused "raw CSV of 10 MB + 1 byte"

# A form adds its framing; nginx must let a 10 MB file through in one.
req POST /api/v1/batches/upload -F "file=@$tmp/at;type=text/csv"
accepted "a form with a 10 MB file"
req POST /api/v1/batches/upload -F "file=@$tmp/over;type=text/csv"
refused "a form with a file of 10 MB + 1 byte"

# Past the web server's own cap: refused before the API sees it.
head -c "$((10304 * 1024 + 1))" /dev/zero > "$tmp/huge"
upload_csv "$tmp/huge"
is "$status/$(jget .error)" 413/payload_too_large \
    "a body over $web's cap: 413 in the API's JSON form"
like "$(header X-Request-Id)" '^[0-9a-f]{32}$' \
    "a body over $web's cap: X-Request-Id"
is "$(org_batches)" 0 "a body over $web's cap: nothing stored"

# A chunked body declares no length: the web server or the API must
# still stop it at the limit, here a small file after a big other part.
{
	printf -- '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\n'
	head -c "$((10304 * 1024))" /dev/zero | tr '\0' n
	printf -- '\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; '
	printf 'filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n'
	head -3 "$tmp/at"
	printf -- '\r\n--XyZ--\r\n'
} > "$tmp/chunked"
req POST /api/v1/batches/upload -H 'Transfer-Encoding: chunked' \
    -H 'Content-Type: multipart/form-data; boundary=XyZ' \
    --data-binary "@$tmp/chunked"
is "$status" 413 "a chunked body over the limit: 413"
is "$(org_batches)" 0 "a chunked body over the limit: nothing stored"

calc='{"award_code":"MA000004","classification_code":"RE2",'
calc=$calc'"employment_type":"casual","work_date":"2026-03-21",'
calc=$calc'"start_time":"09:00","end_time":"17:00"'
pad() {	# a calculate-pay body of exactly N bytes
	printf '%s,"notes":"%s"}' "$calc" \
	    "$(head -c "$(($1 - ${#calc} - 12))" /dev/zero | tr '\0' p)"
}
pad $((1024 * 1024)) > "$tmp/calc-at"
pad $((1024 * 1024 + 1)) > "$tmp/calc-over"
req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
    --data-binary "@$tmp/calc-at"
is "$status" 200 "calculate-pay body of exactly 1 MB: answered"
req POST /api/v1/calculate-pay -H 'Content-Type: application/json' \
    --data-binary "@$tmp/calc-over"
is "$status/$(jget .error)" 413/payload_too_large \
    "calculate-pay body of 1 MB + 1 byte: 413 JSON"

# Stalled bodies, more of them than there are workers: each promises
# 100,000 bytes, sends 100 and stops.
stalls=6
stall() {
	exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
	printf 'POST /api/v1/batches/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&3
	printf 'Authorization: Bearer %s\r\n' "$AWARD_API_KEY" >&3
	printf 'Content-Type: text/csv\r\nContent-Length: 100000\r\n\r\n' >&3
	head -c 100 /dev/zero | tr '\0' x >&3
	start=$(date +%s)
	timeout 60 cat <&3 > "$tmp/stall.$1"
	echo $(( $(date +%s) - start )) > "$tmp/stall.$1.secs"
}
pids=()
for i in $(seq 1 "$stalls"); do
	stall "$i" &
	pids+=("$!")
done
sleep 1
served=0
start=$(date +%s)
for i in $(seq 1 40); do
	req_as "" GET /api/v1/health --max-time 5
	[ "$status" = 200 ] && served=$((served + 1))
done
# With more stalled bodies than workers, were a worker held by each
# none would be left to answer.
is "$served" 40 "$stalls stalled bodies: other requests are all served"
ok $(( $(date +%s) - start > 10 )) \
    "$stalls stalled bodies: and promptly ($(( $(date +%s) - start )) s)"
for p in "${pids[@]}"; do
	wait "$p"
done
n=0
for i in $(seq 1 "$stalls"); do
	s=$(cat "$tmp/stall.$i.secs" 2>/dev/null || echo 99)
	[ "$s" -lt 50 ] && n=$((n + 1))
done
is "$n" "$stalls" "$web ended every stalled body (its body timeout)"
is "$(org_batches)" 0 "the stalled uploads stored nothing"
done_testing
