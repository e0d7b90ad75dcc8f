#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Unpack Debian's linux-source-6.12 into build/linux, import it into git as
# the commit tagged "base", and apply patches/ on a branch "work".  The tree
# is reused while the tarball and the series are unchanged.
#
#   tree.sh          base and series
#   tree.sh --base   only the pristine base
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$TARBALL" ] || die "$TARBALL not found: apt-get install linux-source-6.12"

tar_id=$(stat -c '%s %Y' "$TARBALL")
if [ "$(cat "$BUILD/base.id" 2>/dev/null)" != "$tar_id" ]; then
	stage "  unpacking $(basename "$TARBALL") and importing it into git..."
	rm -rf "$TREE" "$BUILD/base.id" "$BUILD/series.id"
	mkdir -p "$TREE"
	tar -xf "$TARBALL" -C "$TREE" --strip-components=1
	pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null ||
		 echo unknown)
	kver=$(make -s -C "$TREE" kernelversion)
	(
		cd "$TREE"
		git init -q -b pristine
		git config core.autocrlf false
		git config gc.auto 0
		# Debian's top-level .gitignore ends with "/*": force the import.
		git add -Af
		git commit -q --no-verify \
			-m "Linux $kver (Debian linux-source-6.12 $pkgver)"
		git tag -f base >/dev/null
	)
	echo "$tar_id" >"$BUILD/base.id"
fi

[ "${1:-}" = "--base" ] && exit 0

series_id=$(cat "$BUILD/base.id" "$ROOT"/patches/*.patch | sha256sum)
if [ "$(cat "$BUILD/series.id" 2>/dev/null)" != "$series_id" ]; then
	stage "  applying patches/ with git am..."
	rm -f "$BUILD/series.id"
	# Remember the mtimes of the files the old series touched, so that
	# files it leaves unchanged do not trigger a rebuild.
	old=$(git -C "$TREE" rev-parse -q --verify work || true)
	stamps=()
	if [ -n "$old" ]; then
		mapfile -t stamps < <(cd "$TREE" &&
			git diff --name-only base "$old" | while read -r f; do
				[ -f "$f" ] && stat -c '%Y %n' "$f"
			done)
	fi
	git -C "$TREE" checkout -q -f -B work base
	git -C "$TREE" clean -q -fdx
	mapfile -t series < <(find "$ROOT/patches" -name '[0-9]*.patch' \
				! -name '0000-*' | sort)
	[ ${#series[@]} -gt 0 ] || die "patches/ is empty: run make patches"
	git -C "$TREE" am -q --whitespace=error-all "${series[@]}" ||
		{ git -C "$TREE" am --abort || true; die "git am failed"; }
	for st in "${stamps[@]}"; do
		f=${st#* }
		git -C "$TREE" diff --quiet "$old" HEAD -- "$f" 2>/dev/null &&
			touch -d "@${st%% *}" "$TREE/$f"
	done
	echo "$series_id" >"$BUILD/series.id"
fi
