#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Unpack Debian's linux-source-6.12 into $TREE and import it into git as
# the commit tagged "base", which the series is built on.
#
#   tree.sh TARBALL IDFILE    IDFILE records which tarball was imported
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball=$1 idfile=$2
[ -f "$tarball" ] || die "$tarball not found: apt-get install linux-source-6.12"
echo "  unpacking $(basename "$tarball") and importing it into git..."
rm -rf "$TREE" "$idfile"
mkdir -p "$TREE"
tar -xf "$tarball" -C "$TREE" --strip-components=1
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo unknown)
kver=$(make -s -C "$TREE" kernelversion)
cd "$TREE"
git init -q -b pristine
git config core.autocrlf false
git config gc.auto 0
# Debian's top-level .gitignore ends with "/*": force the import.
git add -Af
git commit -q --no-verify -m "Linux $kver (Debian linux-source-6.12 $pkgver)"
git tag -f base >/dev/null
echo "  kernel $kver from Debian linux-source-6.12 $pkgver"
stat -c '%s %Y' "$tarball" >"$idfile"
