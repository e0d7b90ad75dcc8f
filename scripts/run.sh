#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make run: boot the kernel with disablenetwork and show it working.  On a
# terminal, a shell in the VM; otherwise a scripted demo whose exit status
# says whether every step behaved as expected.
#
#   run.sh BZIMAGE INITRD "KERNEL ARGS"
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=$1 initrd=$2 args=$3
if [ -t 0 ] && [ -t 1 ] && [ -z "${DN_DEMO:-}" ]; then
	echo "  interactive; leave with exit"
	exec "$ROOT/scripts/vm.sh" - "$kernel" "$initrd" 3600 \
		"$args dn.mode=shell quiet"
fi

echo "  the demo (piped: no terminal)"
status=0
"$ROOT/scripts/vm.sh" demo "$kernel" "$initrd" 300 "$args dn.mode=demo" ||
	status=1
grep -v '^DN-VM-DONE' "$LOGS/demo.out" 2>/dev/null || true
grep -q '^DEMO: PASS' "$LOGS/demo.out" 2>/dev/null || status=1
exit "$status"
