#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the kselftests statically against the tree's installed headers
# (OBJDIR/usr/include) and install them, with run_kselftest.sh, into
# OBJDIR/kselftest_install.
#
#   selftests.sh OBJDIR TARGET...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
shift
[ -f /usr/lib/x86_64-linux-gnu/libcap.a ] ||
	die "libcap.a is missing: apt-get install libcap-dev"
rm -rf "$obj/kselftest_install"
# LDFLAGS, not CFLAGS: setting CFLAGS would drop KHDR_INCLUDES.
run_logged "$LOGS/selftests.log" \
	make -C "$TREE/tools/testing/selftests" O="$obj" -j"$JOBS" \
	TARGETS="$*" LDFLAGS=-static \
	KSFT_INSTALL_PATH="$obj/kselftest_install" install
for t in "$@"; do
	[ -d "$obj/kselftest_install/$t" ] ||
		die "selftests for $t were not built; see $LOGS/selftests.log"
done
