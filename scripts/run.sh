#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make run: boot the kernel with disablenetwork and show it working.  On a
# terminal, a shell in the VM; otherwise a scripted demo whose exit status
# says whether every step behaved as expected.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj
LSM=capability,landlock,yama,disablenetwork
"$ROOT/scripts/prepare.sh"

if [ -t 0 ] && [ -t 1 ] && [ -z "${DN_DEMO:-}" ]; then
	stage "[6/6] booting the VM (interactive; leave with exit)..."
	"$ROOT/scripts/vm.sh" - "$OBJ/arch/x86/boot/bzImage" \
		"$BUILD/tests.cpio" 3600 "lsm=$LSM dn.mode=shell kunit.enable=0 quiet"
	exit 0
fi

stage "[6/6] booting the VM for the demo..."
status=0
"$ROOT/scripts/vm.sh" demo "$OBJ/arch/x86/boot/bzImage" "$BUILD/tests.cpio" \
	300 "lsm=$LSM dn.mode=demo kunit.enable=0" || status=1
grep -v '^DN-VM-DONE' "$LOGS/demo.out" 2>/dev/null || true
grep -q '^DEMO: PASS' "$LOGS/demo.out" 2>/dev/null || status=1
exit "$status"
