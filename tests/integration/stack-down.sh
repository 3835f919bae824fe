#!/usr/bin/env bash
# Stops the shared stack, and checks that no program logged a crash.
. "$top_srcdir/tests/lib/tap.sh"
dir=$top_builddir/tests/run/stack
"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1
ok $? "stack down"
crashes=$(grep -lE 'AddressSanitizer|runtime error:|LeakSanitizer' \
    "$dir"/log/*.log 2>/dev/null)
is "$crashes" "" "no sanitizer reports in the programs' logs"
if [ -n "$crashes" ]; then
	grep -hE -A20 'AddressSanitizer|runtime error:' $crashes | head -60 |
	    sed 's/^/# /'
fi
done_testing
