#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The build matrix: SECURITY_DISABLENETWORK=y with each of IO_URING, KEYS,
# IP_SCTP, IPV6, TUN and SECURITY_PATH off in turn; Kconfig refusing
# SECURITY_NETWORK=n; and SECURITY_DISABLENETWORK=n booted, to show that
# it leaves the kernel as it was.
#
#   check-matrix.sh [CELL...]   only the named cells (io_uring, keys, sctp,
#                               ipv6, tun, path), nothing else
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$ROOT/configs/disablenetwork.config
only=("$@")

# cell NAME SYMBOL [DEPENDENT...]: SYMBOL off, and the options that need it.
cell() {
	local name=$1 sym=$2
	shift 2
	selected "$name" "${only[@]}" || return 0
	local frag=$tmp/$name.config re="^CONFIG_$sym="
	for dep in "$@"; do
		re="$re|^CONFIG_$dep="
	done
	grep -Ev "$re" "$base" >"$frag"
	echo "# CONFIG_$sym is not set" >>"$frag"
	for dep in "$@"; do
		echo "# CONFIG_$dep is not set" >>"$frag"
	done
	stage "  matrix: CONFIG_$sym=n${*:+ (with $*)}"
	# One object directory per cell, so that a rerun is incremental.
	"$ROOT/scripts/kernel.sh" "$BUILD/obj-matrix-$name" "$frag"
	grep -qx CONFIG_SECURITY_DISABLENETWORK=y "$BUILD/obj-matrix-$name/.config" ||
		die "matrix $name: SECURITY_DISABLENETWORK did not survive"
}

cell io_uring IO_URING
cell keys KEYS DNS_RESOLVER
cell sctp IP_SCTP
cell ipv6 IPV6 MPTCP_IPV6
cell tun TUN
# Landlock selects SECURITY_PATH.
cell path SECURITY_PATH SECURITY_LANDLOCK
[ ${#only[@]} = 0 ] || exit 0

stage "  matrix: CONFIG_SECURITY_NETWORK=n must be refused"
{ cat "$base"; echo "# CONFIG_SECURITY_NETWORK is not set"; } >"$tmp/net.config"
if "$ROOT/scripts/configure.sh" "$BUILD/obj-matrix-net" "$tmp/net.config" \
	2>"$tmp/net.err"; then
	die "Kconfig accepted SECURITY_NETWORK=n with SECURITY_DISABLENETWORK=y"
fi
grep -q 'CONFIG_SECURITY_NETWORK is not set' "$tmp/net.err" ||
	die "unexpected configure failure: $(cat "$tmp/net.err")"
echo "    refused: SECURITY_DISABLENETWORK selects SECURITY_NETWORK"

stage "  matrix: CONFIG_SECURITY_DISABLENETWORK=n, booted"
grep -v DISABLENETWORK "$base" >"$tmp/off.config"
echo "# CONFIG_SECURITY_DISABLENETWORK is not set" >>"$tmp/off.config"
"$ROOT/scripts/boot-suite.sh" off "capability,landlock,yama,disablenetwork" \
	"" "$tmp/off.config"
