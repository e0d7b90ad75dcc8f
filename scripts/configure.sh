#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Configure a kernel: tinyconfig plus fragments, then check that every
# requested option survived olddefconfig.
#
#   configure.sh OBJDIR FRAGMENT...
# DN_CONFIG_BASE names other base targets instead of tinyconfig, e.g.
# "x86_64_defconfig kvm_guest.config" (the Debian guest's kernel).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
shift
mkdir -p "$obj"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck disable=SC2086 # a list of make targets
make -s -C "$TREE" O="$tmp" ${DN_CONFIG_BASE:-tinyconfig} >/dev/null
cat "$@" >"$tmp/fragment"
"$TREE/scripts/kconfig/merge_config.sh" -m -O "$tmp" "$tmp/.config" \
	"$tmp/fragment" >"$tmp/merge.log" 2>&1 ||
	{ cat "$tmp/merge.log" >&2; die "merge_config.sh failed"; }
make -s -C "$TREE" O="$tmp" olddefconfig >/dev/null

lost=()
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF -- "$line" "$tmp/.config" || lost+=("$line")
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^$sym=" "$tmp/.config" && lost+=("$line")
		;;
	esac
done <"$tmp/fragment"
if [ ${#lost[@]} -gt 0 ]; then
	printf 'error: option did not survive olddefconfig: %s\n' "${lost[@]}" >&2
	exit 1
fi

# Only replace .config if it changed, so that make has nothing to redo.
cmp -s "$tmp/.config" "$obj/.config" || cp "$tmp/.config" "$obj/.config"
