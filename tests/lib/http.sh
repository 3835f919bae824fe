# HTTP helpers for the integration tests: real requests through nginx
# with curl.  After each call: $status, $body, and the headers in
# $headers_file.
: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/lib/tap.sh"

# The shared stack that the suite brings up once, unless one is given.
stack_dir=${AWARD_STACK_DIR:-$top_builddir/tests/run/stack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
headers_file=$tmp/headers

stack_env() {	# loads the environment of the stack in $1
	[ -f "$1/env" ] || bail "no stack in $1"
	. "$1/env"
}

# req METHOD PATH [curl args...]: authenticated with $AWARD_API_KEY
req() {
	local m=$1 p=$2
	shift 2
	req_as "$AWARD_API_KEY" "$m" "$p" "$@"
}

req_as() {	# req_as KEY METHOD PATH [curl args...]; KEY "" sends none
	local key=$1 m=$2 p=$3 out
	shift 3
	local auth=()
	[ -n "$key" ] && auth=(-H "Authorization: Bearer $key")
	out=$(curl -s -o "$tmp/body" -D "$headers_file" -w '%{http_code}' \
	    -X "$m" "${auth[@]}" "$@" "$AWARD_BASE_URL$p") || out=000
	status=$out
	body=$(cat "$tmp/body" 2>/dev/null || true)
}

header() {	# the value of a response header of the last request
	grep -i "^$1:" "$headers_file" | head -1 | cut -d: -f2- |
	    sed 's/^ *//; s/\r$//'
}

jget() {	# jget JQ-FILTER: from the last body
	printf '%s' "$body" | jq -r "$1" 2>/dev/null
}

ctl() { "$top_builddir/awardctl" "$@"; }

# A new organisation with its own key and limits; prints the key.
new_org() {	# new_org NAME [CALC OTHER]
	ctl org create "$1" >/dev/null
	[ $# -eq 3 ] && ctl org limits "$1" "$2" "$3"
	ctl key create "$1"
}

# SQL as root on the stack's database; prints tab-separated rows.
sql() {
	mariadb --no-defaults --socket="$AWARD_DB_SOCKET" -uroot -N award \
	    -e "$1"
}

# Waits until a batch is finished; prints its status.
wait_batch() {	# wait_batch ID [SECONDS]
	local n=$(( ${2:-60} * 10 )) st
	while :; do
		st=$(sql "SELECT status FROM batches WHERE id = '$1'")
		case $st in
		complete|failed|cancelled|"") echo "$st"; return 0 ;;
		esac
		n=$((n - 1))
		[ "$n" -gt 0 ] || { echo "$st"; return 1; }
		sleep 0.1
	done
}

# Uploads a CSV file as a raw text/csv body.
upload_csv() {	# upload_csv FILE [curl args...]
	local f=$1
	shift
	req POST /api/v1/batches/upload -H 'Content-Type: text/csv' \
	    --data-binary "@$f" "$@"
}

# A row's stored result JSON, filtered with jq.
row_detail() {	# row_detail BATCH ROW JQ-FILTER
	sql "SELECT detail FROM batch_results WHERE batch_id = '$1'
	    AND row_index = $2" | jq -r "$3"
}

# True while a process runs (a zombie left to an absent parent is gone).
alive() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -n "$s" ] && [ "${s:0:1}" != Z ]
}

# A loopback TCP port nothing listens on.
free_port() {
	local p i
	for i in $(seq 1 200); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}
