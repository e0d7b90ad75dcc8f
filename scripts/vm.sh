#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot a kernel and initramfs with $QEMU (config.mk), under a hard
# timeout.  The console goes to $LOGS/NAME.console, the guest's own output
# (second serial port) to $LOGS/NAME.out.  On a hang, a panic or a kernel
# splat it fails with the console's tail, and adds a "not ok" line naming
# the failure to NAME.out, which it dates 1970 so that make boots again.
#
#   vm.sh NAME BZIMAGE INITRD TIMEOUT "KERNEL ARGS" [QEMU ARGS...]
# NAME "-" boots interactively on this terminal.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 kernel=$2 initrd=$3 limit=$4 cmdline=$5
shift 5
: "${QEMU:?run through make (see config.mk)}"
# shellcheck disable=SC2206 # QEMU is a command line.
qemu=($QEMU -kernel "$kernel" -initrd "$initrd"
      -append "console=ttyS0 panic=-1 $cmdline")

if [ "$name" = "-" ]; then
	exec timeout --foreground "$limit" "${qemu[@]}" -serial mon:stdio "$@"
fi

console=$LOGS/$name.console
out=$LOGS/$name.out
rm -f "$console" "$out"
rc=0
timeout -k 10 "$limit" "${qemu[@]}" -serial "file:$console" \
	-serial "file:$out" "$@" </dev/null >"$LOGS/$name.qemu" 2>&1 || rc=$?

fail() {
	printf 'error: VM %s: %s; last lines of %s:\n' "$name" "$1" "$console" >&2
	tail -n 40 "$console" >&2 2>/dev/null || true
	echo "not ok 999 vm: $name: $1" >>"$out"
	touch -d @0 "$out"
	exit 1
}

[ "$rc" -eq 124 ] && fail "no power-off within ${limit}s (hang)"
[ "$rc" -eq 0 ] || fail "qemu exited with $rc: $(tail -n 3 "$LOGS/$name.qemu")"
splat='Kernel panic|BUG:|WARNING:|Oops|KASAN:|UBSAN:|possible circular locking|suspicious RCU usage|sleeping function called from invalid context|general protection fault|Call Trace:'
if grep -Eq "$splat" "$console"; then
	grep -En "$splat" "$console" | head -n 5 >&2
	fail "kernel splat on the console"
fi
grep -q '^DN-VM-DONE' "$out" 2>/dev/null || fail "the guest did not finish"
exit 0
