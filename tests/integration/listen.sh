#!/usr/bin/env bash
# The ways award-api takes its socket, spoken to in FastCGI directly
# (cgi-fcgi): a TCP address it opens itself, and a socket it inherits
# as standard input from spawn-fcgi, as systemd socket activation
# hands it over.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
api=$top_builddir/award-api

fcgi_health() {	# fcgi_health ADDRESS: the raw FastCGI answer to /health
	env -i REQUEST_METHOD=GET REQUEST_URI=/api/v1/health \
	    SCRIPT_NAME=/api/v1/health QUERY_STRING= \
	    timeout 5 cgi-fcgi -bind -connect "$1" 2>/dev/null
}

answer_ok() {	# answer_ok ADDRESS WHAT
	local out n=50
	while ! out=$(fcgi_health "$1") || [ -z "$out" ]; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || break
		sleep 0.1
	done
	like "$out" '^Status: 200' "$2: 200"
	like "$out" '"database":"ok"' "$2: the database answers"
	like "$out" 'X-Request-Id: [0-9a-f]{32}' "$2: a request id"
}

port=$(free_port)
setsid "$api" --config "$AWARD_CONF" --workers 2 --listen "127.0.0.1:$port" \
    >>"$tmp/tcp.log" 2>&1 < /dev/null &
tcp_pid=$!
answer_ok "127.0.0.1:$port" "--listen on a TCP address"

port2=$(free_port)
# An empty --listen overrides the configuration's: take fd 0.
setsid spawn-fcgi -n -a 127.0.0.1 -p "$port2" -- \
    "$api" --config "$AWARD_CONF" --workers 2 --listen "" \
    >>"$tmp/inherit.log" 2>&1 < /dev/null &
inherit_pid=$!
answer_ok "127.0.0.1:$port2" "the socket inherited as standard input"

kill -TERM "$tcp_pid" "$inherit_pid"
for i in $(seq 1 50); do
	alive "$tcp_pid" || alive "$inherit_pid" || break
	sleep 0.1
done
alive "$tcp_pid" || alive "$inherit_pid"
ok $((! $?)) "both stop on SIGTERM"
! grep -q "ended (signal" "$tmp/tcp.log" "$tmp/inherit.log"
ok $? "no worker died"
done_testing
