#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Static checks besides the compiler's (W=1 and sparse run in the
# Makefile's module check): kernel-doc on the module's files, the
# constants of tools/syzkaller/ against the uapi, and shellcheck on our
# scripts.  Any warning fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

(cd "$TREE" && PATH=/usr/bin:$PATH scripts/kernel-doc -none -Wall -Werror \
	security/disablenetwork/*.[ch]) || die "kernel-doc warnings"

# The syzkaller descriptions' constants must be the uapi's.
syz=$ROOT/tools/syzkaller/disablenetwork.txt.const
for c in PR_SET_NETWORK PR_GET_NETWORK PR_NETWORK_OFF PR_NETWORK_STRICT \
	PR_NETWORK_ALL_THREADS; do
	want=$(sed -nE "s/^# *define ${c}[[:space:]]+(0x[0-9a-f]+|[0-9]+).*/\1/p" \
		"$TREE/include/uapi/linux/prctl.h")
	have=$(sed -n "s/^$c = //p" "$syz")
	if [ -z "$want" ] || [ "$((want))" != "$have" ]; then
		die "$syz: $c is '$have', include/uapi/linux/prctl.h says '$want'"
	fi
done

shellcheck -x -P SCRIPTDIR "$ROOT"/scripts/*.sh "$ROOT"/scripts/guest/* \
	"$ROOT/.ci/run" || die "shellcheck warnings"
echo "  W=1, sparse, kernel-doc, syzkaller constants and shellcheck: clean"
