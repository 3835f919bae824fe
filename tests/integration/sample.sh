#!/usr/bin/env bash
# The sample payroll file of the quick start, through the shared stack:
# its review finds the underpayments planted in it, to the cent.
. "$top_srcdir/tests/lib/http.sh"
stack_env "$stack_dir"
AWARD_API_KEY=$(new_org "sample-$$" 100000 100000)
out=$("$top_srcdir/tests/sample/run" 2>&1)
ok $? "the sample runs"
like "$out" ', complete' "its batch completes"
like "$out" '18 shifts: 7 ok, 0 warning, 10 violation, 1 error' \
    "status counts"
like "$out" 'minimum pay 3794.48, paid 3551.91, underpaid by 242.97' \
    "totals to the cent"
# Friday makes 40 hours in the week: 2 hours are overtime at 150%.
# RE2 2025-07-01: 1032.00 / 38 = 27.16; ordinary 6 h = 162.96,
# overtime 2 h at 40.74 = 81.48; 244.44 due, 217.28 paid: 27.16 short.
like "$out" 'row 5 EMP-001 Ava Chen: short 27.16 \(WEEKLY_HOURS_EXCEEDED' \
    "weekly overtime across rows"
# Casual RE1 Saturday 5.5 h at 150%: 26.55 x 1.5 = 39.83; x 5.5 =
# 219.07 (half-up from 219.065); paid 182.55 at 125%: 36.52 short.
like "$out" 'row 6 EMP-002 Ben Okafor: short 36.52' "casual Saturday"
like "$out" 'row 18 EMP-011 Kira Patel: error: date: not a real date' \
    "a date that does not exist is an error row"
like "$out" 'EMP-007 Grace Lee: 77.33 over 2 shifts' "back pay by employee"
done_testing
