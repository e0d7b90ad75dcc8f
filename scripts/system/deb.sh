#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make deb: the patched kernel as Debian packages (make bindeb-pkg), from
# x86_64_defconfig + kvm_guest.config + configs/system.config, with
# Debian's CONFIG_LSM and disablenetwork appended; and nonet as a Debian
# package.  The packages land in build/system/kernel/ and
# build/system/nonet/; a rerun with nothing changed rebuilds nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/deps.sh" --system
"$ROOT/scripts/tree.sh"

stage "  configuring: x86_64_defconfig + kvm_guest.config + configs/system.config, CONFIG_LSM=\"$(system_lsm)\""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "CONFIG_LSM=\"$(system_lsm)\"" >"$tmp/lsm.config"
DN_CONFIG_BASE="x86_64_defconfig kvm_guest.config" \
	"$ROOT/scripts/configure.sh" "$KOBJ" "$ROOT/configs/system.config" \
	"$tmp/lsm.config"
# Every LSM that Debian builds in is built in here too.
while read -r opt; do
	grep -qx "$opt" "$KOBJ/.config" ||
		die "Debian builds $opt, configs/system.config does not"
done < <(xz -dc "$DEBIAN_CONFIG" | grep -E \
	'^CONFIG_(SECURITY_[A-Z]+|INTEGRITY|IMA|EVM|BPF_LSM|DEFAULT_SECURITY_[A-Z]+)=y$')

kver=$(make -s -C "$TREE" kernelversion)
krel=$kver$(sed -n 's/^CONFIG_LOCALVERSION="\(.*\)"$/\1/p' "$KOBJ/.config")
# The package is rebuilt only when the series or the configuration changed.
key=$(cat "$BUILD/series.id" "$KOBJ/.config" | sha256sum | cut -c1-16)
image=$DEBS/linux-image-${krel}_${kver}-1_amd64.deb
if [ "$(cat "$DEBS/key" 2>/dev/null)" = "$key" ] && [ -f "$image" ]; then
	stage "  linux-image-$krel: up to date"
else
	stage "  make bindeb-pkg (linux-image-$krel; log: $LOGS/deb.log)..."
	rm -f "$DEBS/key" "$DEBS"/*.deb "$DEBS"/*.buildinfo "$DEBS"/*.changes
	start=$(date +%s)
	# No headers package: the guest builds no modules.  DEBUG_INFO is off,
	# so there is no -dbg package either.
	run_logged "$LOGS/deb.log" make -C "$TREE" O="$KOBJ" -j"$JOBS" \
		CC="ccache gcc" KBUILD_BUILD_USER=dn KBUILD_BUILD_HOST=dn \
		KDEB_PKGVERSION="$kver-1" KDEB_COMPRESS=xz \
		DPKG_FLAGS="-Ppkg.linux-upstream.nokernelheaders" bindeb-pkg
	[ -f "$image" ] || die "bindeb-pkg did not produce $image"
	echo "  built in $(( ($(date +%s) - start) / 60 )) min: $(cd "$DEBS" && echo ./*.deb)"
	echo "$key" >"$DEBS/key"
fi

"$ROOT/scripts/system/nonet-deb.sh"
