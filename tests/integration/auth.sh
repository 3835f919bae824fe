#!/usr/bin/env bash
# Authentication and the error statuses of the contract, through nginx.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"

check_error() {	# check_error STATUS CODE DESCRIPTION
	is "$status" "$1" "$3: status $1"
	is "$(jget .error)" "$2" "$3: error $2"
	is "$(jget .status_code)" "$1" "$3: status_code in the body"
	is "$(jget .request_id)" "$(header X-Request-Id)" \
	    "$3: request_id matches the header"
}

req_as "" GET /api/v1/batches
check_error 401 unauthorized "no key"
is "$(header WWW-Authenticate)" Bearer "401 names the Bearer scheme"

req_as "" GET /api/v1/batches -H "Authorization: Basic dXNlcjpwdw=="
check_error 401 unauthorized "another scheme"

req_as "ak_nothex:sk_x" GET /api/v1/batches
check_error 401 unauthorized "malformed key"

wrong=${AWARD_API_KEY%?}
[ "${AWARD_API_KEY: -1}" = 0 ] && wrong=${wrong}1 || wrong=${wrong}0
req_as "$wrong" GET /api/v1/batches
check_error 401 unauthorized "wrong secret"

req_as "ak_$(printf '%032d' 0):sk_$(printf '%064d' 0)" GET /api/v1/batches
check_error 401 unauthorized "unknown key id"

req GET /api/v1/no-such-endpoint
check_error 404 not_found "unknown path"

req PUT /api/v1/batches/abc
check_error 405 method_not_allowed "wrong method"
is "$(header Allow)" "GET, DELETE" "Allow lists the path's methods"

req PATCH /api/v1/calculate-pay
is "$(header Allow)" POST "Allow for a POST-only path"

req GET /api/v1/batches/upload
check_error 405 method_not_allowed "GET of the upload path"
is "$(header Allow)" POST "the upload path is not taken for a batch id"

# A revoked key stops working at once.
key=$(new_org "auth-revoke-$$")
req_as "$key" GET /api/v1/health
req_as "$key" GET /api/v1/batches
[ "$status" != 401 ] && [ "$status" != 403 ]
ok $? "a new key is accepted"
id=${key#ak_}
id=${id%%:*}
ctl key revoke "$id"
ok $? "awardctl key revoke"
req_as "$key" GET /api/v1/batches
check_error 403 forbidden "revoked key"
ctl key revoke "$id" 2>/dev/null
[ $? -ne 0 ]
ok $? "revoking twice is refused"

# A suspended organisation's keys stop working, and start again.
org="auth-suspend-$$"
key=$(new_org "$org")
req_as "$key" GET /api/v1/batches
[ "$status" != 403 ]
ok $? "the organisation's key works before suspension"
ctl org suspend "$org"
req_as "$key" GET /api/v1/batches
check_error 403 forbidden "suspended organisation"
ctl org activate "$org"
req_as "$key" GET /api/v1/batches
[ "$status" != 403 ] && [ "$status" != 401 ]
ok $? "the key works again once the organisation is active"

# The database stores only a hash of each secret.
secret=${key##*:sk_}
n=$(mariadb --no-defaults --socket="$AWARD_DB_SOCKET" -uroot -N award \
    -e "SELECT COUNT(*) FROM api_keys WHERE secret_sha256 = '$secret'
        OR label LIKE '%$secret%'")
is "$n" 0 "no secret is stored in clear"
hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
n=$(mariadb --no-defaults --socket="$AWARD_DB_SOCKET" -uroot -N award \
    -e "SELECT COUNT(*) FROM api_keys WHERE secret_sha256 = '$hash'")
is "$n" 1 "the secret's SHA-256 is stored"
! grep -q "$secret" "$AWARD_STACK_DIR"/log/*.log
ok $? "no secret in the logs"
done_testing
