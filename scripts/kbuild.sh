#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run kbuild on a configured object directory, quietly, with the log in
# $LOGS/kbuild-OBJNAME-TARGET.log and its tail on failure.
#
#   kbuild.sh OBJDIR [VAR=VALUE | TARGET]...
# e.g. kbuild.sh build/obj CC="ccache gcc" bzImage, or, for the module
# with its warnings as errors, ... KCFLAGS=-Werror W=1 security/disablenetwork/
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
shift
run_logged "$LOGS/kbuild-$(basename "$obj")-$(basename "${!#}").log" \
	make -C "$TREE" O="$obj" -j"$JOBS" KBUILD_BUILD_USER=dn \
	KBUILD_BUILD_HOST=dn "$@"
