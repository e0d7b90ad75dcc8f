#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The nonet Debian package: samples/disablenetwork/nonet.c and nonet.1 as
# they are, with packaging/nonet/debian/, built by dpkg-buildpackage into
# OUTDIR/nonet_VERSION-1_ARCH.deb.  Also for use on its own (README, "Use
# it on your machine"): scripts/system/nonet-deb.sh OUTDIR.
#
#   nonet-deb.sh OUTDIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

out=$(realpath -m "$1")
version=$(sed -n 's/^#define NONET_VERSION "\(.*\)"$/\1/p' \
	"$ROOT/samples/disablenetwork/nonet.c")
[ -n "$version" ] || { echo "error: no NONET_VERSION in nonet.c" >&2; exit 1; }
src=$out/nonet-$version
deb=$out/nonet_${version}-1_$(dpkg --print-architecture).deb
rm -rf "$out"
mkdir -p "$src"
cp "$ROOT/samples/disablenetwork/nonet.c" "$ROOT/samples/disablenetwork/nonet.1" "$src/"
cp -r "$ROOT/packaging/nonet/debian" "$src/"
# The version has one place, nonet.c; the date is fixed, as the series'.
cat >"$src/debian/changelog" <<CL
nonet ($version-1) unstable; urgency=medium

  * Built from samples/disablenetwork of the disablenetwork series.

 -- disablenetwork developers <disablenetwork@example.org>  Tue, 24 Nov 2026 00:00:00 +0000
CL
if ! (cd "$src" && DEB_BUILD_OPTIONS=noddebs \
	dpkg-buildpackage -b -us -uc --no-sign) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "error: dpkg-buildpackage failed; see $out/build.log" >&2
	exit 1
fi
[ -f "$deb" ] || { echo "error: no $deb" >&2; exit 1; }
echo "  $(basename "$deb"): $(dpkg-deb -c "$deb" | awk '{print $6}' |
	grep -E 'bin/.|man1/.' | tr '\n' ' ')"
