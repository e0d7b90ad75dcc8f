#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check: everything, from a fresh machine to the closing line
# "N passed, N failed, N skipped".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj
LSM_ON=capability,landlock,yama,disablenetwork
LSM_OFF=capability,landlock,yama
TESTS=disablenetwork,lsm,landlock:base_test,landlock:net_test,landlock:ptrace_test

# Whatever happens, the last line is the count that CI reads.
reported=0
trap '[ "$reported" = 1 ] || echo "0 passed, 1 failed, 0 skipped"' EXIT

"$ROOT/scripts/prepare.sh" --checks
"$ROOT/scripts/check-userdocs.sh"

stage "[8/8] booting the test VMs..."
status=0
for boot in enabled disabled; do
	lsm=$LSM_ON
	[ "$boot" = disabled ] && lsm=$LSM_OFF
	stage "  $boot: lsm=$lsm"
	"$ROOT/scripts/vm.sh" "$boot" "$OBJ/arch/x86/boot/bzImage" \
		"$BUILD/tests.cpio" "${DN_TEST_TIMEOUT:-1500}" \
		"lsm=$lsm dn.mode=tests dn.tests=$TESTS" || status=1
done

stage "results (logs in build/logs/):"
reported=1
"$ROOT/scripts/report.py" "$TREE" enabled disabled || status=1
exit "$status"
