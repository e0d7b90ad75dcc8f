#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: the cost of the hooks against no LSM, Landlock, seccomp and
# network namespaces, measured in guest time under
# qemu -icount shift=0,sleep=off, where guest nanoseconds count guest
# instructions.  Prints the table, one BENCH line per cell, and the
# closing line; keeps a copy in build/bench.txt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj
"$ROOT/scripts/prepare.sh"

icount=(-icount "shift=0,sleep=off")
args="dn.mode=bench kunit.enable=0 quiet"
stage "[6/6] benchmark VM 1/2: lsm=capability,landlock,yama (base, landlock, seccomp, netns)..."
"$ROOT/scripts/vm.sh" bench-base "$OBJ/arch/x86/boot/bzImage" \
	"$BUILD/tests.cpio" 1800 \
	"lsm=capability,landlock,yama dn.bench=base,landlock,seccomp,netns $args" \
	"${icount[@]}"
stage "      benchmark VM 2/2: lsm=capability,landlock,yama,disablenetwork (dn-off, dn-on)..."
"$ROOT/scripts/vm.sh" bench-dn "$OBJ/arch/x86/boot/bzImage" \
	"$BUILD/tests.cpio" 1800 \
	"lsm=capability,landlock,yama,disablenetwork dn.bench=dn-off,dn-on $args" \
	"${icount[@]}"

kver=$(make -s -C "$TREE" kernelversion)
pkg=$(dpkg-query -W -f='${Version}' linux-source-6.12)
# The table also goes into the README, which the admin guide points to.
"$ROOT/scripts/bench-report.py" --kernel "$kver (Debian $pkg)" \
	--readme "$ROOT/README.md" \
	"$LOGS/bench-base.out" "$LOGS/bench-dn.out" | tee "$BUILD/bench.txt"
