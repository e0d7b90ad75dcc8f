#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the kselftests statically against the tree's own installed headers
# and install them, with run_kselftest.sh, into OBJDIR/kselftest_install.
#
#   selftests.sh OBJDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
targets=${KSFT_TARGETS:-disablenetwork landlock lsm}
[ -f /usr/lib/x86_64-linux-gnu/libcap.a ] ||
	die "libcap.a is missing: apt-get install libcap-dev"

run_logged "$LOGS/headers.log" \
	make -C "$TREE" O="$obj" headers_install
rm -rf "$obj/kselftest_install"
# LDFLAGS, not CFLAGS: setting CFLAGS would drop KHDR_INCLUDES.
run_logged "$LOGS/selftests.log" \
	make -C "$TREE/tools/testing/selftests" O="$obj" -j"$JOBS" \
	TARGETS="$targets" LDFLAGS=-static \
	KSFT_INSTALL_PATH="$obj/kselftest_install" install
for t in $targets; do
	[ -d "$obj/kselftest_install/$t" ] ||
		die "selftests for $t were not built; see $LOGS/selftests.log"
done
