#!/usr/bin/env bash
# The shipped configuration files agree with each other and with the
# programs: every configuration key is documented in the example, the
# web servers' body limits equal the application's, and the web servers
# and systemd name the same socket.
. "$top_srcdir/tests/lib/tap.sh"
conf=$top_srcdir/conf

# The keys conf.c accepts: KEY_xxx("name", ...) and { "name", CT_...
keys=$(sed -n 's/^[[:space:]]*\(KEY_[A-Z]*(\|{ \)"\([a-z_]*\)".*/\2/p' \
    "$top_srcdir/app/common/conf.c")
[ -n "$keys" ]
ok $? "configuration keys found in app/common/conf.c"
for k in $keys; do
	grep -Eq "^#?$k =" "$conf/award.conf.example"
	ok $? "award.conf.example documents $k"
done

app=$(sed -n 's/^#define DEFAULT_MAX_BODY[[:space:]]*\(.*\)/\1/p' \
    "$top_srcdir/app/common/conf.c")
app=$((app))
example=$(sed -n 's/^#max_body_bytes = //p' "$conf/award.conf.example")
is "$example" "$app" "the example's max_body_bytes is the default"
nginx_k=$(sed -n 's/^client_max_body_size \([0-9]*\)k;/\1/p' \
    "$conf/nginx/award-api-fastcgi.conf")
is "$((nginx_k * 1024))" "$app" "nginx's client_max_body_size is the same"
is "$(sed -n 's/^ *LimitRequestBody //p' "$conf/apache/award-api.conf")" \
    "$app" "Apache's LimitRequestBody is the same"
is "$(sed -n 's/.*HTTP:Content-Length} -gt \([0-9]*\)".*/\1/p' \
    "$conf/apache/award-api.conf")" "$app" \
    "Apache refuses a longer Content-Length"

sock=$(sed -n 's/^ListenStream=//p' "$conf/systemd/award-api.socket")
is "$sock" /run/award/api.sock "award-api.socket listens on the socket"
grep -q "server unix:$sock;" "$conf/nginx/award-api.site"
ok $? "the nginx site passes to it"
n=$(grep -c "\"unix:$sock|fcgi://localhost/" "$conf/apache/award-api.conf")
is "$n" 2 "the Apache site passes /api/v1/ and /health to it"
for u in award-api award-processor; do
	grep -q "^ExecStart=@bindir@/$u --config @sysconfdir@/award/award.conf$" \
	    "$conf/systemd/$u.service.in"
	ok $? "$u.service runs the installed $u"
done
grep -q '^StandardInput=socket$' "$conf/systemd/award-api.service.in"
ok $? "award-api.service takes the socket as standard input"
done_testing
