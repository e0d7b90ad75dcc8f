#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot a kernel and initramfs under QEMU (TCG unless DN_KVM=1), with a hard
# timeout.  The console goes to build/logs/NAME.console, the guest's own
# output (second serial port) to build/logs/NAME.out.  Fails, with the
# console's tail, on a hang, a panic or a kernel splat.
#
#   vm.sh NAME BZIMAGE INITRD TIMEOUT "KERNEL ARGS" [QEMU ARGS...]
# NAME "-" boots interactively on this terminal.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 kernel=$2 initrd=$3 limit=$4 cmdline=$5
shift 5

accel=(-accel tcg)
[ "${DN_KVM:-0}" = 1 ] && accel=(-accel kvm -cpu host)
qemu=(qemu-system-x86_64 "${accel[@]}" -m "${DN_VM_MEM:-1024}" -no-reboot
      -kernel "$kernel" -initrd "$initrd" -nodefaults -display none
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
