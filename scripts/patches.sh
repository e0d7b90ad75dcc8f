#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Write the series (branch "series" in $TREE, see series.sh) to OUTDIR as
# "git format-patch --cover-letter" output.
#
#   patches.sh OUTDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$TREE" format-patch -q --cover-letter --cover-from-description=subject \
	--base=base --no-signature --no-thread -o "$tmp" base..series
mkdir -p "$out"
rm -f "$out"/*.patch
cp "$tmp"/*.patch "$out"/
