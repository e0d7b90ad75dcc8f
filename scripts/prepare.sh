#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The stages every VM needs: dependencies, the patched tree, the kernel,
# the selftests and the initramfs (build/tests.cpio).
#
#   prepare.sh [--checks]    (--checks: also the series and static checks)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj
checks=0
[ "${1:-}" = --checks ] && checks=1
n=$((6 + 2 * checks))
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

if [ "$checks" = 1 ]; then
	next "checking the series"
	"$ROOT/scripts/check-series.sh"
fi

next "building bzImage"
"$ROOT/scripts/kernel.sh" "$OBJ" "$ROOT/configs/disablenetwork.config"

if [ "$checks" = 1 ]; then
	next "static checks (W=1, sparse, kernel-doc, shellcheck)"
	"$ROOT/scripts/lint.sh"
fi

next "building the selftests and samples"
"$ROOT/scripts/selftests.sh" "$OBJ"
"$ROOT/scripts/samples.sh" "$OBJ"

next "packing the initramfs"
"$ROOT/scripts/initramfs.sh" "$BUILD/tests.cpio" "$OBJ/kselftest_install"
