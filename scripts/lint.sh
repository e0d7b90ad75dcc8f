#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Static checks of the module, in a separate object directory so that the
# test kernel's objects keep their flags: W=1 and sparse (C=1) on
# security/disablenetwork/, kernel-doc on its files, and shellcheck on our
# scripts, and the constants of tools/syzkaller/.  Any warning fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$BUILD/obj-lint
"$ROOT/scripts/configure.sh" "$obj" "$ROOT/configs/disablenetwork.config"
rm -f "$obj"/security/disablenetwork/*.o
log=$LOGS/lint.log
run_logged "$log" make -C "$TREE" O="$obj" -j"$JOBS" CC="ccache gcc" \
	W=1 C=1 security/disablenetwork/
if grep -E 'warning|error' "$log" | grep -q 'disablenetwork'; then
	grep -E 'warning|error' "$log" | grep 'disablenetwork' >&2
	die "W=1 or sparse warnings in security/disablenetwork"
fi
grep -q 'CHECK.*security/disablenetwork/net.c' "$log" ||
	die "sparse did not run on security/disablenetwork (see $log)"

kdoc=$(cd "$TREE" && PATH=/usr/bin:$PATH scripts/kernel-doc -none -Wall \
	security/disablenetwork/*.[ch] 2>&1)
[ -z "$kdoc" ] || { echo "$kdoc" >&2; die "kernel-doc warnings"; }

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
