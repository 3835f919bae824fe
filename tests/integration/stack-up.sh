#!/usr/bin/env bash
# Brings up the stack the integration tests share.
. "$top_srcdir/tests/lib/tap.sh"
dir=$top_builddir/tests/run/stack
"$top_srcdir/tests/stack" down "$dir" >/dev/null 2>&1
rm -rf "$dir"
if out=$("$top_srcdir/tests/stack" up "$dir" 2>&1); then
	ok 0 "stack up in $dir"
else
	ok 1 "stack up in $dir"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
done_testing
