#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The Debian 12 base of the guest: mmdebstrap (minbase plus
# scripts/system/packages) into a directory, no loop mount, from the
# mirror this machine's apt uses: its sources files as they are, never a
# host named here, and the apt options that decide whether that mirror's
# Release files are accepted.
#
#   base.sh BASEDIR SOURCES-FILE...
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

base=$1
shift
[ "$(id -u)" = 0 ] || die "the guest image is made as root (file owners must survive)"
sources=()
for f in "$@"; do
	grep -qE '^(URIs:|deb )' "$f" && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || die "no Debian mirror in apt's sources ($*)"
grep -hqE '^(Suites:.*\bbookworm\b|deb .* bookworm )' "${sources[@]}" ||
	die "apt's sources (${sources[*]}) name no bookworm suite: the guest is Debian 12"
aptopts=()
for opt in Acquire::Check-Valid-Until Acquire::Check-Date Acquire::http::Proxy; do
	val=$(apt-config dump "$opt" | sed -n "s/^$opt \"\(.*\)\";$/\1/p")
	[ -z "$val" ] || aptopts+=("--aptopt=$opt \"$val\"")
done
mapfile -t pkgs < <(grep -v '^#' "$(dirname "$0")/packages" | grep .)

echo "  mmdebstrap bookworm from ${sources[*]}: ${#pkgs[@]} packages and their dependencies..."
rm -rf "$base"
mkdir -p "$(dirname "$base")"
start=$(date +%s)
run_logged "$LOGS/mmdebstrap.log" mmdebstrap --mode=root --variant=minbase \
	--include="$(IFS=,; echo "${pkgs[*]}")" "${aptopts[@]}" \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	bookworm "$base" "${sources[@]}"
echo "  base made in $(( $(date +%s) - start )) s: $(du -sh "$base" | cut -f1)"
