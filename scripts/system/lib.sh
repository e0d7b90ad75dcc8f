# SPDX-License-Identifier: GPL-2.0-only
# Shared settings of the Debian guest stages (make deb, make check-system,
# make run-system).  Source it; do not run it.
# shellcheck shell=bash disable=SC2034

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SYS=$BUILD/system
SYSLOGS=$LOGS
# Debian's own kernel configuration, where its CONFIG_LSM comes from.
DEBIAN_CONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
# What the packages are built from and where they land.
KOBJ=$SYS/kernel/obj
DEBS=$SYS/kernel
NONET_VERSION=$(sed -n 's/^#define NONET_VERSION "\(.*\)"$/\1/p' \
	"$ROOT/samples/disablenetwork/nonet.c")

# debian_lsm: CONFIG_LSM of Debian's 6.12 kernel, as it ships.
debian_lsm() {
	[ -f "$DEBIAN_CONFIG" ] ||
		die "$DEBIAN_CONFIG is missing: apt-get install linux-config-6.12"
	xz -dc "$DEBIAN_CONFIG" | sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p'
}

# system_lsm: the lsm= a Debian user gets by appending disablenetwork to
# the list their kernel has; also the guest kernel's CONFIG_LSM.
system_lsm() {
	echo "$(debian_lsm),disablenetwork"
}

# boot_guest NAME TIMEOUT MODE: boot the guest image with vm.sh (NAME "-"
# for this terminal), its packaged kernel and initrd, root= on the virtio
# disk, the lsm= list above and dn.mode=MODE.  The disk is opened with
# snapshot=on: the image itself never changes.
boot_guest() {
	local name=$1 limit=$2 mode=$3
	"$ROOT/scripts/vm.sh" "$name" "$SYS/vmlinuz" "$SYS/initrd.img" "$limit" \
		"root=/dev/vda ro lsm=$(system_lsm) dn.mode=$mode" \
		-drive "file=$SYS/disk.img,format=raw,if=virtio,snapshot=on" \
		-device virtio-rng-pci -smp "${DN_VM_SMP:-2}"
}
