#!/usr/bin/env bash
# Per-key limits, shared by every worker through the database.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"

key=$(new_org "limits-$$" 2 5)

for i in 1 2 3 4 5; do
	req_as "$key" GET /api/v1/batches
	is "$(header X-RateLimit-Limit)" 5 "request $i: limit header"
	is "$(header X-RateLimit-Remaining)" $((5 - i)) \
	    "request $i: remaining counts down across workers"
done
reset=$(header X-RateLimit-Reset)
now=$(date +%s)
[ "$reset" -gt "$now" ] && [ "$reset" -le $((now + 60)) ]
ok $? "reset is a unix time within the minute"

req_as "$key" GET /api/v1/batches
is "$status" 429 "the sixth request in the minute is refused"
is "$(jget .error)" rate_limited "429 error code"
retry=$(header Retry-After)
[ -n "$retry" ] && [ "$retry" -ge 0 ] && [ "$retry" -le 60 ]
ok $? "429 carries Retry-After ($retry)"
is "$(header X-RateLimit-Remaining)" 0 "remaining stays at 0"

# The calculation category has its own count.
req_as "$key" POST /api/v1/calculate-pay -d '{}'
is "$(header X-RateLimit-Limit)" 2 "calculation limit is separate"
is "$(header X-RateLimit-Remaining)" 1 "calculation count starts afresh"

# Another key is not affected.
req GET /api/v1/batches
[ "$status" != 429 ]
ok $? "another organisation's key is not limited"

# Health is never limited.
req_as "$key" GET /api/v1/health
is "$status" 200 "health is not limited"
done_testing
