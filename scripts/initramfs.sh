#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Pack the VM's initramfs: static busybox, the init and the guest scripts
# of scripts/guest/, the installed kselftests in /kselftest, and the
# programs of BINDIR in /usr/local/bin.
#
#   initramfs.sh OUT.cpio KSELFTEST_DIR BINDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$1 ksft=$2 bin=$3
staging=$(mktemp -d)
chmod 755 "$staging"
trap 'rm -rf "$staging"' EXIT

mkdir -p "$staging/bin" "$staging/etc/dn" "$staging/usr/bin" \
	"$staging/usr/local/bin"
cp /bin/busybox "$staging/bin/busybox"
for f in "$ROOT"/scripts/guest/*; do
	case "$(basename "$f")" in
	init) cp "$f" "$staging/init" ;;
	timeout) cp "$f" "$staging/usr/bin/timeout" ;;
	*) cp "$f" "$staging/etc/dn/" ;;
	esac
done
find "$bin" -maxdepth 1 -type f -exec cp -t "$staging/usr/local/bin/" {} +
cp -a "$ksft" "$staging/kselftest"
(cd "$staging" && find . | LC_ALL=C sort |
	cpio -o -H newc --quiet -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
