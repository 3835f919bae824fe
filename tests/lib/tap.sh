# TAP for shell tests: ok, is, like, done_testing.
tap_n=0
tap_fail=0

ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_fail=$((tap_fail + 1))
	fi
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   got:  '$1'"
		echo "#   want: '$2'"
	fi
}

like() {	# like GOT EXTENDED-REGEX DESCRIPTION
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   got:  '$(printf '%s' "$1" | head -c 400)'"
		echo "#   want: /$2/"
	fi
}

diag() { echo "# $*"; }

bail() { echo "Bail out! $*"; exit 1; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_fail" -eq 0 ]
}
