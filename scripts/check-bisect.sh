#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the series at every patch, with CONFIG_SECURITY_DISABLENETWORK=y
# and =n, and check that W=1 finds nothing in the module at any patch.
# Uses its own worktree and object directories.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

wt=$BUILD/bisect
"$ROOT/scripts/tree.sh"
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" base
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..work)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	git -C "$wt" checkout -q -f "$c"
	subject=$(git -C "$wt" log -1 --format=%s)
	for mode in y n; do
		frag=$tmp/fragment
		grep -v 'DISABLENETWORK' "$ROOT/configs/disablenetwork.config" >"$frag"
		if grep -qs '^config SECURITY_DISABLENETWORK$' \
			"$wt/security/disablenetwork/Kconfig"; then
			if [ "$mode" = y ]; then
				echo CONFIG_SECURITY_DISABLENETWORK=y >>"$frag"
			else
				echo "# CONFIG_SECURITY_DISABLENETWORK is not set" >>"$frag"
			fi
		elif [ "$mode" = y ]; then
			stage "  [$i/${#commits[@]}] $subject: no Kconfig yet, =y skipped"
			continue
		fi
		if [ "$mode" = y ] && grep -qs KUNIT_TEST \
			"$wt/security/disablenetwork/Kconfig"; then
			echo CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST=y >>"$frag"
		fi
		obj=$BUILD/obj-bisect-$mode
		stage "  [$i/${#commits[@]}] $subject (=$mode)"
		TREE=$wt "$ROOT/scripts/kernel.sh" "$obj" "$frag"
		[ "$mode" = y ] || continue
		rm -f "$obj"/security/disablenetwork/*.o
		log=$LOGS/bisect-w1.log
		run_logged "$log" make -C "$wt" O="$obj" CC="ccache gcc" W=1 \
			security/disablenetwork/
		if grep -E 'warning|error' "$log" | grep -q disablenetwork; then
			grep -E 'warning|error' "$log" >&2
			die "W=1 warnings at patch $i"
		fi
	done
done
echo "  the series builds at each of its ${#commits[@]} patches, =y and =n," \
	"W=1 clean"
