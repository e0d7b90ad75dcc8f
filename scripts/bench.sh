#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: the cost of the hooks against no LSM, Landlock, seccomp and
# network namespaces, measured in guest time under
# qemu -icount shift=0,sleep=off, where guest nanoseconds count guest
# instructions.  Prints the table, one BENCH line per cell, and the
# closing line; keeps a copy in $LOGS/bench.txt.
#
#   bench.sh BZIMAGE INITRD    (with QEMU, LSM_OFF and LSM_ON from make)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=$1 initrd=$2
args="dn.mode=bench kunit.enable=0 quiet"
echo "  benchmark VM 1/2: lsm=$LSM_OFF (base, landlock, seccomp, netns)..."
"$ROOT/scripts/vm.sh" bench-base "$kernel" "$initrd" 1800 \
	"lsm=$LSM_OFF dn.bench=base,landlock,seccomp,netns $args"
echo "  benchmark VM 2/2: lsm=$LSM_ON (dn-off, dn-on)..."
"$ROOT/scripts/vm.sh" bench-dn "$kernel" "$initrd" 1800 \
	"lsm=$LSM_ON dn.bench=dn-off,dn-on $args"

kver=$(make -s -C "$TREE" kernelversion)
pkg=$(dpkg-query -W -f='${Version}' linux-source-6.12)
# The table also goes into the README, which the admin guide points to.
"$ROOT/scripts/bench-report.py" --kernel "$kver (Debian $pkg)" \
	--readme "$ROOT/README.md" \
	"$LOGS/bench-base.out" "$LOGS/bench-dn.out" | tee "$LOGS/bench.txt"
