#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the test configuration with Debian's clang (LLVM=1) and check that
# the module compiles without a warning, W=1 included.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$BUILD/obj-clang
mkdir -p "$obj"
make -s -C "$TREE" O="$obj" LLVM=1 tinyconfig >/dev/null
"$TREE/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
	"$ROOT/configs/disablenetwork.config" >/dev/null
make -s -C "$TREE" O="$obj" LLVM=1 olddefconfig >/dev/null
grep -qx CONFIG_SECURITY_DISABLENETWORK=y "$obj/.config" ||
	die "SECURITY_DISABLENETWORK did not survive with clang"
rm -f "$obj"/security/disablenetwork/*.o
log=$LOGS/clang.log
run_logged "$log" make -C "$TREE" O="$obj" -j"$JOBS" LLVM=1 W=1 \
	security/disablenetwork/
if grep -E 'warning|error' "$log" | grep -q disablenetwork; then
	grep -E 'warning|error' "$log" >&2
	die "clang warnings in security/disablenetwork"
fi
echo "  clang $(clang --version | sed -n 's/.*version \([0-9.]*\).*/\1/p;q'): module builds clean with W=1"
