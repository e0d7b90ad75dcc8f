#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Configure and build a bzImage from build/linux.
#
#   kernel.sh OBJDIR FRAGMENT...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
shift
"$ROOT/scripts/configure.sh" "$obj" "$@"
run_logged "$LOGS/build-$(basename "$obj").log" \
	make -C "$TREE" O="$obj" -j"$JOBS" CC="ccache gcc" \
	KBUILD_BUILD_USER=dn KBUILD_BUILD_HOST=dn bzImage
