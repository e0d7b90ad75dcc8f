#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The result of make check-system: the guest's tables (from the second
# serial port), also kept in TABLE, and the last line "N passed,
# N failed".  A failed boot (vm.sh's "not ok ... vm:" line) is a failure.
# The guest writes to a serial port, which ends its lines with CR LF.
#
#   report.sh OUT TABLE
set -euo pipefail

out=$1 table=$2
[ -f "$out" ] || { echo "error: $out is missing" >&2; echo "0 passed, 1 failed"; exit 1; }
text=$(tr -d '\r' <"$out")
grep -Ev '^(DN-VM-DONE|[0-9]+ passed, [0-9]+ failed|not ok [0-9]+ vm:)' <<<"$text" |
	tee "$table"
tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$text" | tail -n1 || true)
passed=0 failed=0
if [ -n "$tally" ]; then
	passed=${tally%% passed*}
	failed=${tally#*passed, }
	failed=${failed%% failed}
fi
if grep -E '^not ok [0-9]+ vm:' <<<"$text"; then
	failed=$((failed + 1))
fi
[ -n "$tally" ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
