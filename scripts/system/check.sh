#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-system: the kernel and nonet as Debian packages, a Debian 12
# guest with systemd and AppArmor that installs them with dpkg -i, booted
# under QEMU with the lsm= list a Debian user gets by appending
# disablenetwork; the guest runs the table of real programs
# (rootfs/usr/local/lib/dn/check-system) as a systemd unit and powers off.
# The last line is "N passed, N failed"; the table is also left in
# build/system/table.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
reported=0
trap '[ "$reported" = 1 ] || echo "0 passed, 1 failed"' EXIT
elapsed() {
	echo "$(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s"
}

stage "[system 1/4] make deb: the kernel and nonet packages..."
"$ROOT/scripts/system/deb.sh"
stage "[system 2/4] the Debian 12 base (mmdebstrap, after $(elapsed))..."
"$ROOT/scripts/system/base.sh"
stage "[system 3/4] the guest image (dpkg -i, initramfs-tools, mke2fs -d, after $(elapsed))..."
"$ROOT/scripts/system/image.sh"
stage "[system 4/4] booting the guest (lsm=$(system_lsm); after $(elapsed))..."
status=0
boot_guest system "${DN_SYSTEM_TIMEOUT:-2400}" check || status=1

out=$LOGS/system.out
grep -v '^DN-VM-DONE' "$out" 2>/dev/null | tee "$SYS/table.md" || true
tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" 2>/dev/null | tail -n1) ||
	true
[ -n "$tally" ] || { tally="0 passed, 1 failed"; status=1; }
npassed=${tally%% passed*}
nfailed=${tally#*passed, }
[ "${nfailed%% failed}" = 0 ] && [ "$npassed" -gt 0 ] || status=1
echo "check-system took $(elapsed) (console: $LOGS/system.console)"
reported=1
echo "$tally"
exit "$status"
