#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What a distribution would ship: Debian's own amd64 configuration, with
# SECURITY_DISABLENETWORK=y and disablenetwork appended to its CONFIG_LSM.
# Both must survive olddefconfig, and the module must build warning-free.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cfg=$(ls /usr/src/linux-config-6.12/config.amd64_none_amd64.xz 2>/dev/null) ||
	die "Debian's configuration is missing: apt-get install linux-config-6.12"
obj=$BUILD/obj-debian
mkdir -p "$obj"
xz -dc "$cfg" >"$obj/.config"
lsm=$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$obj/.config")
[ -n "$lsm" ] || die "Debian's configuration sets no CONFIG_LSM"
"$TREE/scripts/config" --file "$obj/.config" \
	--enable SECURITY_DISABLENETWORK \
	--set-str LSM "$lsm,disablenetwork" \
	--set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS ""
make -s -C "$TREE" O="$obj" olddefconfig >/dev/null
grep -qx CONFIG_SECURITY_DISABLENETWORK=y "$obj/.config" ||
	die "SECURITY_DISABLENETWORK did not survive olddefconfig"
grep -qx "CONFIG_LSM=\"$lsm,disablenetwork\"" "$obj/.config" ||
	die "CONFIG_LSM did not survive olddefconfig"
log=$LOGS/debian.log
run_logged "$log" make -C "$TREE" O="$obj" -j"$JOBS" CC="ccache gcc" \
	security/disablenetwork/
if grep -E 'warning|error' "$log" | grep -q disablenetwork; then
	grep -E 'warning|error' "$log" >&2
	die "warnings building the module with Debian's configuration"
fi
echo "  Debian's configuration: CONFIG_LSM=\"$lsm,disablenetwork\", module builds clean"
