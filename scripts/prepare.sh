#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The stages every VM needs: dependencies, the patched tree, the kernel,
# the selftests and the initramfs (build/tests.cpio).
#
#   prepare.sh [--check-series]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj
n=6
[ "${1:-}" = --check-series ] && n=7
i=0
next() {
	i=$((i + 1))
	stage "[$i/$n] $*..."
}

next "installing dependencies"
"$ROOT/scripts/deps.sh"

next "preparing the kernel tree"
"$ROOT/scripts/tree.sh"
stage "  kernel $(make -s -C "$TREE" kernelversion) from Debian" \
	"linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12)"

if [ "$n" = 7 ]; then
	next "checking the series"
	"$ROOT/scripts/check-series.sh"
fi

next "building bzImage"
"$ROOT/scripts/kernel.sh" "$OBJ" "$ROOT/configs/disablenetwork.config"

next "building the selftests and samples"
"$ROOT/scripts/selftests.sh" "$OBJ"
"$ROOT/scripts/samples.sh" "$OBJ"

next "packing the initramfs"
"$ROOT/scripts/initramfs.sh" "$BUILD/tests.cpio" "$OBJ/kselftest_install"
