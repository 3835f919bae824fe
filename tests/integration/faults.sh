#!/usr/bin/env bash
# The fault tests in their short form: the processor killed during a
# batch, four processors sharing batches, the database stopped, an API
# worker killed, nginx and the API restarted under traffic, each on a
# private stack.  `tests/faults/run --full` is the long form.
# The scenarios restart nginx; through Apache they are not run again.
if [ "${AWARD_WEB:-nginx}" != nginx ]; then
	echo "1..0 # SKIP the fault scenarios run through nginx"
	exit 0
fi
exec "$top_srcdir/tests/faults/run"
