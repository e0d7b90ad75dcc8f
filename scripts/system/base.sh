#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The Debian 12 base of the guest: mmdebstrap (minbase plus
# scripts/system/packages) into the directory build/system/base, no loop
# mount, from the mirror this machine's apt uses (its sources files, as
# they are).  Made again only when the package list, the sources or this
# script change.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

base=$SYS/base
[ "$(id -u)" = 0 ] || die "the guest image is made as root (file owners must survive)"

# The mirror: apt's own sources, deb822 or one-line, never a host named here.
sources=()
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
	/etc/apt/sources.list; do
	[ -f "$f" ] && grep -qE '^(URIs:|deb )' "$f" && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || die "no Debian mirror in /etc/apt/sources.list{,.d/}"
grep -hqE '^(Suites:.*\bbookworm\b|deb .* bookworm )' "${sources[@]}" ||
	die "apt's sources (${sources[*]}) name no bookworm suite: the guest is Debian 12"
# apt settings that decide whether that mirror's Release files are accepted.
aptopts=()
for opt in Acquire::Check-Valid-Until Acquire::Check-Date Acquire::http::Proxy; do
	val=$(apt-config dump "$opt" | sed -n "s/^$opt \"\(.*\)\";$/\1/p")
	[ -z "$val" ] || aptopts+=("--aptopt=$opt \"$val\"")
done
mapfile -t pkgs < <(grep -v '^#' "$(dirname "$0")/packages" | grep .)

key=$( { cat "$0" "$(dirname "$0")/packages" "${sources[@]}"
	printf '%s\n' "${aptopts[@]}"; } | sha256sum | cut -c1-16)
if [ "$(cat "$SYS/base.key" 2>/dev/null)" = "$key" ] && [ -d "$base/etc" ]; then
	stage "  Debian base: up to date ($(du -sh "$base" | cut -f1))"
	exit 0
fi
stage "  mmdebstrap bookworm from ${sources[*]} (${#pkgs[@]} packages; log: $LOGS/mmdebstrap.log)..."
rm -rf "$base" "$SYS/base.key"
mkdir -p "$SYS"
start=$(date +%s)
run_logged "$LOGS/mmdebstrap.log" mmdebstrap --mode=root --variant=minbase \
	--include="$(IFS=,; echo "${pkgs[*]}")" "${aptopts[@]}" \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	bookworm "$base" "${sources[@]}"
echo "$key" >"$SYS/base.key"
echo "  base made in $(( $(date +%s) - start )) s: $(du -sh "$base" | cut -f1)"
