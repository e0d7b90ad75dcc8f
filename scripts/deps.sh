#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install what the pipeline needs from Debian's packages, if missing.
set -euo pipefail

PKGS=(linux-source-6.12 qemu-system-x86 busybox-static build-essential bc
      flex bison libelf-dev libssl-dev libcap-dev cpio rsync ccache sparse
      python3 python3-ply python3-git git xz-utils patch shellcheck
      groff-base mandoc man-db dbus-daemon dbus-bin)

# make check-all needs more: clang, Debian's kernel configuration, Sphinx,
# and Go and Rust for the documentation's examples.
[ "${1:-}" = --all ] && PKGS+=(clang lld llvm linux-config-6.12 python3-sphinx
				 golang-go rustc)
# make deb, make check-system: Debian packaging, Debian's configuration
# (for its CONFIG_LSM) and the guest image.
[ "${1:-}" = --system ] && PKGS+=(debhelper dpkg-dev kmod linux-config-6.12
	mmdebstrap e2fsprogs zstd)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "error: missing packages and not root: ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends \
	"${missing[@]}"; } >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	rm -f "$log"
	exit 1
fi
rm -f "$log"
