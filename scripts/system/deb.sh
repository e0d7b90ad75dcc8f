#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The kernel package: make bindeb-pkg in a configured object directory
# (config.mk: obj-system), no headers package (DEBUG_INFO is off, so no
# debug package either).  Checks first that every LSM Debian builds in is
# built in.  The packages go to OUTDIR.
#
#   deb.sh OBJDIR OUTDIR DEBIAN_CONFIG [VAR=VALUE]...
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

obj=$(realpath -m "$1") out=$2 debcfg=$3
shift 3
while read -r opt; do
	grep -qx "$opt" "$obj/.config" ||
		die "Debian builds $opt, configs/system.config does not"
done < <(xz -dc "$debcfg" | grep -E \
	'^CONFIG_(SECURITY_[A-Z]+|INTEGRITY|IMA|EVM|BPF_LSM|DEFAULT_SECURITY_[A-Z]+)=y$')
grep -q '^CONFIG_LSM=.*,disablenetwork"$' "$obj/.config" ||
	die "CONFIG_LSM of $obj does not end with disablenetwork"

kver=$(make -s -C "$TREE" kernelversion)
# bindeb-pkg writes its packages beside the object directory.
parent=$(dirname "$obj")
rm -f "$parent"/linux-*.deb "$parent"/linux-upstream_*
start=$(date +%s)
"$ROOT/scripts/kbuild.sh" "$obj" "$@" KDEB_PKGVERSION="$kver-1" \
	KDEB_COMPRESS=xz DPKG_FLAGS=-Ppkg.linux-upstream.nokernelheaders bindeb-pkg
rm -rf "$out"
mkdir -p "$out"
mv "$parent"/linux-image-*.deb "$parent"/linux-libc-dev_*.deb "$out/"
rm -f "$parent"/linux-upstream_*
echo "  $(cd "$out" && echo ./*.deb) ($(( ($(date +%s) - start) / 60 )) min)"
