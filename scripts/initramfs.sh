#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Pack the VM's initramfs: static busybox, the init, and the installed
# kselftests.
#
#   initramfs.sh OUT.cpio KSELFTEST_DIR [EXTRA_DIR...]
# Each EXTRA_DIR is copied over the root, so it can add files anywhere.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$1
ksft=$2
shift 2
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
cp "$BUILD"/samples/* "$staging/usr/local/bin/"
cp -a "$ksft" "$staging/kselftest"
for d in "$@"; do
	cp -a "$d/." "$staging/"
done
(cd "$staging" && find . | LC_ALL=C sort |
	cpio -o -H newc --quiet -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
