#!/usr/bin/env bash
# One organisation's Idempotency-Key means nothing to another: the same
# key from two organisations makes two batches, and neither is shown
# the other's.  (Every batch and audit endpoint answering 404 for
# another organisation's object is checked in batch-read.sh and
# audits.sh.)
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
a=$(new_org "iso-a-$$" 100000 100000)
b=$(new_org "iso-b-$$" 100000 100000)
key=shared-key-$$
printf '%s\n%s\n' award_code,classification,emp_type,date,start_time,end_time \
    MA000004,RE2,ft,2026-03-21,09:00,17:00 > "$tmp/one.csv"

AWARD_API_KEY=$a upload_csv "$tmp/one.csv" -H "Idempotency-Key: $key"
is "$status" 202 "organisation A uploads with a key"
id_a=$(jget .batch_id)
AWARD_API_KEY=$b upload_csv "$tmp/one.csv" -H "Idempotency-Key: $key"
is "$status" 202 "organisation B uploads with the same key"
id_b=$(jget .batch_id)
is "$(jget .message)" "Batch uploaded and queued for processing" \
    "B's upload is a new batch, not A's"
[ -n "$id_b" ] && [ "$id_b" != "$id_a" ]
ok $? "B gets a batch id of its own"
AWARD_API_KEY=$b upload_csv "$tmp/one.csv" -H "Idempotency-Key: $key"
is "$(jget .batch_id)" "$id_b" "B's retry gets B's batch"
req_as "$b" GET "/api/v1/batches/$id_a"
is "$status" 404 "B asking for A's batch: 404"
req_as "$a" GET "/api/v1/batches?limit=200"
is "$(jget "[.batches[].batch_id] | index(\"$id_b\")")" null \
    "A's list does not show B's batch"
done_testing
