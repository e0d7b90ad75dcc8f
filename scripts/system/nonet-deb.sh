#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The nonet Debian package: samples/disablenetwork/nonet.c and nonet.1 as
# they are, with packaging/nonet/debian/, built by dpkg-buildpackage into
# build/system/nonet/nonet_VERSION-1_ARCH.deb.  Rebuilt only when one of
# those files changed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$SYS/nonet
src=$out/nonet-$NONET_VERSION
arch=$(dpkg --print-architecture)
deb=$out/nonet_${NONET_VERSION}-1_$arch.deb
key=$(cd "$ROOT" && find samples/disablenetwork/nonet.c \
	samples/disablenetwork/nonet.1 packaging/nonet -type f -print0 |
	LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$out/key" 2>/dev/null)" = "$key" ] && [ -f "$deb" ]; then
	stage "  nonet $NONET_VERSION package: up to date"
	exit 0
fi
stage "  building the nonet $NONET_VERSION package..."
rm -rf "$out"
mkdir -p "$src"
cp "$ROOT/samples/disablenetwork/nonet.c" "$ROOT/samples/disablenetwork/nonet.1" "$src/"
cp -a "$ROOT/packaging/nonet/debian" "$src/"
# The version has one place, nonet.c; the date is fixed like the series'.
cat >"$src/debian/changelog" <<CL
nonet ($NONET_VERSION-1) unstable; urgency=medium

  * Built from samples/disablenetwork of the disablenetwork series.

 -- disablenetwork developers <disablenetwork@example.org>  $(date -R -d "$GIT_AUTHOR_DATE")
CL
(cd "$src" && DEB_BUILD_OPTIONS=noddebs run_logged "$LOGS/nonet-deb.log" \
	dpkg-buildpackage -b -us -uc --no-sign)
[ -f "$deb" ] || die "dpkg-buildpackage did not produce $deb"
echo "$key" >"$out/key"
echo "  $(basename "$deb"): $(dpkg-deb -c "$deb" | awk '{print $6}' | grep -E 'bin/|man1/' | tr '\n' ' ')"
