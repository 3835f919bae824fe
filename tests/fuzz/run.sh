#!/bin/sh
# Builds the libFuzzer targets beside this script straight from the
# sources (not through automake) and runs each for SECONDS (default
# 60), then prints the executions and findings of each.
#
#   tests/fuzz/run.sh [SECONDS]
#
# FUZZ_TARGETS names the targets to run (default: all of them), so two
# runs can share the machine's cores, each on its own targets;
# FUZZ_ARGS adds libFuzzer flags (such as -max_len=16384: the default
# 4096 stays below some of the readers' limits).
# config.h comes from BUILD_DIR if set, else from the top of the tree
# (after an in-tree ./configure); failing both, a minimal one is made.
# Work files, corpora and findings go under FUZZ_OUT (default
# /tmp/award-fuzz).  The corpora persist between runs, and each run's
# findings join its target's corpus at the start of the next.
set -eu

SECONDS_EACH=${1:-60}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${FUZZ_OUT:-/tmp/award-fuzz}
CC=${FUZZ_CC:-clang}
TARGETS=${FUZZ_TARGETS:-"fuzz-upload-csv fuzz-upload-json fuzz-multipart
	fuzz-datetime"}

case $SECONDS_EACH in
''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

mkdir -p "$OUT/bin" "$OUT/include"
if [ -n "${BUILD_DIR:-}" ] && [ -f "$BUILD_DIR/config.h" ]; then
	CONFIG_DIR=$BUILD_DIR
elif [ -f "$TOP/config.h" ]; then
	CONFIG_DIR=$TOP
else
	CONFIG_DIR=$OUT/include
	printf '/* Made by tests/fuzz/run.sh */\n#define _GNU_SOURCE 1\n' \
	    > "$CONFIG_DIR/config.h"
fi

CFLAGS="-g -O1 -Wall -Wextra -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
LIBS="$(pkg-config --libs json-c) -lcsv -lcrypto -lm"
INCS="-I$CONFIG_DIR -I$TOP/app $(pkg-config --cflags json-c)"
SRCS="$TOP/app/batch/upload.c $TOP/app/batch/upload_csv.c
	$TOP/app/batch/upload_json.c $TOP/app/batch/multipart.c
	$TOP/app/common/buf.c $TOP/app/common/datetime.c
	$TOP/app/common/util.c"

# A few valid inputs for each target to start from.  The first byte
# picks the chunk size (and for multipart, whether a Content-Type
# line comes first).
seed() {
	dir=$OUT/corpus/$1
	file=$dir/seed-$2
	shift 2
	mkdir -p "$dir"
	: > "$file"
	for part in "$@"; do
		# shellcheck disable=SC2059
		printf -- "$part" >> "$file"
	done
}
seed_all() {
	seed fuzz-upload-csv 1 \
	    '\003award_code,classification,emp_type,date,start_time,' \
	    'end_time\r\nMA000004,RE2,ft,2026-03-21,09:00,17:00\r\n'
	seed fuzz-upload-csv 2 \
	    '\201\357\273\277Date,Award_Code,classification_code,' \
	    'employment_type,hours,notes\n' \
	    '21/03/2026,MA000004,"R,E""2",cas,7.5,"a\nb"\n,,,,,\nx,y\n'
	seed fuzz-upload-json 1 \
	    '\003[{"award_code":"MA000004","classification":"RE2",' \
	    '"emp_type":"ft","date":"2026-03-21","start_time":"09:00",' \
	    '"end_time":"17:00","actual_pay":254.6,' \
	    '"is_public_holiday":false,"state":null}]'
	seed fuzz-upload-json 2 \
	    '\202 [{"award_code":"a","classification_code":"b",' \
	    '"employment_type":"c","work_date":"d",' \
	    '"total_hours_worked":1e2,"x":[1,{"y":"\\u00e9\\""}]},' \
	    ' 1, "s", null]'
	seed fuzz-multipart 1 \
	    '\002--XyZ123\r\n' \
	    'Content-Disposition: form-data; name="note"\r\n\r\nhi\r\n' \
	    '--XyZ123\r\nContent-Disposition: form-data; name="file"; ' \
	    'filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n' \
	    'a,b\r\nc\r\n\r\n--XyZ123--\r\n'
	seed fuzz-multipart 2 \
	    '\005multipart/form-data; charset=utf-8; boundary="a b"\n' \
	    '--a b  \r\ncontent-disposition: form-data; name=file; ' \
	    'filename="C:\\\\x\\\\y.json"\r\n\r\n[]\r\n--a b--'
	seed fuzz-datetime 1 '\002\0002026-03-21'
	seed fuzz-datetime 2 '\003\00121/03/2026'
	seed fuzz-datetime 3 '\001\00209:30'
	seed fuzz-datetime 4 '\002\003-254.625'
}

build() {
	# shellcheck disable=SC2086
	$CC $CFLAGS $INCS -o "$OUT/bin/$1" "$TOP/tests/fuzz/$1.c" $SRCS $LIBS
}

seed_all
status=0
for t in $TARGETS; do
	build "$t"
done

printf '%-18s %12s %9s %s\n' target executions findings result
for t in $TARGETS; do
	art=$OUT/findings/$t
	mkdir -p "$art"
	# Earlier findings join the corpus, so a fixed one stays fixed.
	find "$art" -type f -exec cp {} "$OUT/corpus/$t/" \; -exec rm {} \;
	log=$OUT/$t.log
	rc=0
	"$OUT/bin/$t" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
	    -artifact_prefix="$art/" -timeout=10 -rss_limit_mb=2048 \
	    ${FUZZ_ARGS:-} "$OUT/corpus/$t" > "$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	found=$(find "$art" -type f | wc -l)
	if [ "$rc" -eq 0 ]; then
		result=clean
	else
		result="stopped (exit $rc): see $log"
		status=1
	fi
	printf '%-18s %12s %9s %s\n' "$t" "${execs:-?}" "$found" "$result"
done
exit $status
