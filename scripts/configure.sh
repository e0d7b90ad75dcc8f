#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Configure a kernel, the one way the pipeline does it: a base, the
# fragments merged on top with the kernel's merge_config.sh (a later
# fragment overrides an earlier one), olddefconfig, and a check that every
# option the fragments ask for survived.
#
#   configure.sh OBJDIR BASE [VAR=VALUE | FRAGMENT]...
# BASE is a kbuild target (tinyconfig, defconfig) or a configuration file,
# .xz allowed (Debian's); VAR=VALUE are kbuild variables (CC=..., LLVM=1).
# OBJDIR/.config is written last, and only on success.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1") base=$2
shift 2
vars=()
frags=()
for a in "$@"; do
	case $a in
	*=*) vars+=("$a") ;;
	*) frags+=("$a") ;;
	esac
done
mkdir -p "$obj"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
kmake() {
	make -s -C "$TREE" O="$tmp" "${vars[@]}" "$@" >/dev/null
}

case $base in
*.xz) xz -dc "$base" >"$tmp/.config" ;;
*/*) cp "$base" "$tmp/.config" ;;
*) kmake "$base" ;;
esac
if [ ${#frags[@]} -gt 0 ]; then
	"$TREE/scripts/kconfig/merge_config.sh" -m -O "$tmp" \
		"$tmp/.config" "${frags[@]}" >"$tmp/merge.log" 2>&1 ||
		{ cat "$tmp/merge.log" >&2; die "merge_config.sh failed"; }
fi
kmake olddefconfig

# What the fragments ask for, the last word on each option winning.
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
done < <(cat /dev/null "${frags[@]}" | sed -nE 's/^(CONFIG_[A-Za-z0-9_]+)=.*/\1 &/p;
	s/^# (CONFIG_[A-Za-z0-9_]+) is not set$/\1 &/p' |
	awk '{ sym = $1; sub(/^[^ ]+ /, ""); last[sym] = $0; order[sym] = NR }
	     END { for (s in last) print order[s] "\t" last[s] }' |
	sort -n | cut -f2-)
if [ ${#lost[@]} -gt 0 ]; then
	printf 'error: option did not survive olddefconfig: %s\n' "${lost[@]}" >&2
	exit 1
fi
cp "$tmp/.config" "$obj/.config"
