#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the series at every patch, with CONFIG_SECURITY_DISABLENETWORK=y
# and =n, and build the module with its warnings as errors at every =y
# patch.  Uses its own worktree (BUILDDIR/bisect) and object directories
# (BUILDDIR/obj-bisect-y and -n) so that the test kernel is left alone.
#
#   check-bisect.sh BUILDDIR "FRAGMENTS =y" "FRAGMENTS =n" "MODULE VARS" \
#                   [VAR=VALUE...]
# MODULE VARS are the kbuild variables of the module's build (KCFLAGS, W),
# VAR=VALUE those of every build (CC).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build=$1
read -ra frags_y <<<"$2"
read -ra frags_n <<<"$3"
read -ra module <<<"$4"
shift 4
kvars=("$@")
wt=$build/bisect
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" base
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..series)

i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	git -C "$wt" checkout -q -f "$c"
	subject=$(git -C "$wt" log -1 --format=%s)
	for mode in y n; do
		if [ "$mode" = y ] && ! grep -qs '^config SECURITY_DISABLENETWORK$' \
			"$wt/security/disablenetwork/Kconfig"; then
			echo "  [$i/${#commits[@]}] $subject: no Kconfig yet, =y skipped"
			continue
		fi
		echo "  [$i/${#commits[@]}] $subject (=$mode)"
		obj=$build/obj-bisect-$mode
		frags=("${frags_y[@]}")
		[ "$mode" = n ] && frags=("${frags_n[@]}")
		TREE=$wt "$ROOT/scripts/configure.sh" "$obj" tinyconfig \
			"${kvars[@]}" "${frags[@]}"
		TREE=$wt "$ROOT/scripts/kbuild.sh" "$obj" "${kvars[@]}" bzImage
		[ "$mode" = n ] ||
			TREE=$wt "$ROOT/scripts/kbuild.sh" "$obj" "${kvars[@]}" \
				"${module[@]}" security/disablenetwork/
	done
done
echo "  the series builds at each of its ${#commits[@]} patches, =y and =n;" \
	"the module has no warning at any of them (${module[*]})"
