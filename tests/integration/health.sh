#!/usr/bin/env bash
# Health through nginx: no key needed, both paths, request ids.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"

req_as "" GET /api/v1/health
is "$status" 200 "health answers 200 without a key"
is "$(jget .status)" ok "status ok"
is "$(jget .database)" ok "database ok"
is "$(jget .version)" 1.2.0 "version"
like "$(header Content-Type)" '^application/json' "JSON content type"
like "$(header X-Request-Id)" '^[0-9a-f]{32}$' "a request id is made"
first=$(header X-Request-Id)
is "$(header X-RateLimit-Limit)" "" "health is not rate limited"

req_as "" GET /health
is "$status" 200 "/health answers too"
is "$(jget .database)" ok "/health reports the database"
[ "$(header X-Request-Id)" != "$first" ]
ok $? "each request gets its own id"

req_as "" GET /api/v1/health -H "X-Request-Id: client-id-42"
is "$(header X-Request-Id)" client-id-42 "a plain client request id is kept"

req_as "" GET /api/v1/health -H "X-Request-Id: bad id<script>"
like "$(header X-Request-Id)" '^[0-9a-f]{32}$' \
    "an unsafe client request id is replaced"

req_as "" POST /api/v1/health
is "$status" 405 "POST to health is 405"
is "$(header Allow)" GET "Allow names GET"
is "$(jget .error)" method_not_allowed "405 error code"
done_testing
