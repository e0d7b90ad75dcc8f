#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the patch series from the repository's files and write it, as
# "git format-patch --cover-letter" output, to OUTDIR (default patches/).
#
# series/NNNN-slug/ describes one commit:
#   message       the commit message (subject on the first line)
#   files         repository paths the commit adds, one per line
#   changes.diff  changes to files that exist before the commit: upstream
#                 files, or our own files that an earlier commit added
#   changes.gen   instead of changes.diff: a program that writes it to $1
# series/cover-letter is the cover letter: subject, blank line, body.
#
# The repository holds the final version of our files.  The version an
# earlier commit adds is the final one with every later changes.diff taken
# back out (git apply -R), so each commit of the series builds on its own.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:-$ROOT/patches}
"$ROOT/scripts/tree.sh" --base

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private copy of series/, with the generated diffs filled in.
cp -r "$ROOT/series" "$tmp/series"
for gen in "$tmp"/series/*/changes.gen; do
	[ -e "$gen" ] || continue
	ROOT=$ROOT "$gen" "$(dirname "$gen")/changes.diff" ||
		die "$(basename "$(dirname "$gen")")/changes.gen failed"
done
mapfile -t patches < <(find "$tmp/series" -mindepth 1 -maxdepth 1 -type d |
			sort)
[ ${#patches[@]} -gt 0 ] || die "series/ holds no patch directories"

# Every file the series adds, at its final version.
mkdir -p "$tmp/state"
for p in "${patches[@]}"; do
	[ -f "$p/message" ] || die "$p/message is missing"
	[ -f "$p/files" ] || continue
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		[ -f "$ROOT/$f" ] || die "$p/files names $f, which does not exist"
		mkdir -p "$tmp/state/$(dirname "$f")"
		cp -p "$ROOT/$f" "$tmp/state/$f"
	done <"$p/files"
done

# Walk back from the last commit: snapshot what each commit adds, then take
# its changes to our own files back out.
for ((i = ${#patches[@]} - 1; i >= 0; i--)); do
	p=${patches[$i]}
	n=$(basename "$p")
	mkdir -p "$tmp/snap/$n"
	if [ -f "$p/files" ]; then
		while IFS= read -r f; do
			[ -n "$f" ] || continue
			mkdir -p "$tmp/snap/$n/$(dirname "$f")"
			cp -p "$tmp/state/$f" "$tmp/snap/$n/$f"
		done <"$p/files"
	fi
	[ -f "$p/changes.diff" ] || continue
	includes=()
	while IFS= read -r f; do
		[ -f "$tmp/state/$f" ] && includes+=("--include=$f")
	done < <(sed -n 's#^diff --git a/\([^ ]*\) b/.*#\1#p' "$p/changes.diff")
	[ ${#includes[@]} -gt 0 ] || continue
	(cd "$tmp/state" && git apply -R "${includes[@]}" "$p/changes.diff") ||
		die "$n/changes.diff does not reverse-apply to our final files"
done

# Build the commits on top of base, in a private index.
export GIT_INDEX_FILE="$tmp/index"
git -C "$TREE" read-tree base
parent=$(git -C "$TREE" rev-parse base)
for p in "${patches[@]}"; do
	n=$(basename "$p")
	if [ -f "$p/files" ]; then
		while IFS= read -r f; do
			[ -n "$f" ] || continue
			mode=100644
			[ -x "$tmp/snap/$n/$f" ] && mode=100755
			blob=$(git -C "$TREE" hash-object -w "$tmp/snap/$n/$f")
			git -C "$TREE" update-index --add \
				--cacheinfo "$mode,$blob,$f"
		done <"$p/files"
	fi
	if [ -f "$p/changes.diff" ]; then
		git -C "$TREE" apply --cached "$p/changes.diff" ||
			die "$n/changes.diff does not apply"
	fi
	tree=$(git -C "$TREE" write-tree)
	parent=$(git -C "$TREE" commit-tree "$tree" -p "$parent" \
		 -F "$p/message")
done
git -C "$TREE" update-ref refs/heads/series "$parent"
git -C "$TREE" config branch.series.description \
	"$(cat "$tmp/series/cover-letter")"

rm -rf "$tmp/out"
git -C "$TREE" format-patch -q --cover-letter --cover-from-description=subject \
	--base=base --no-signature --no-thread -o "$tmp/out" base..series
mkdir -p "$out"
rm -f "$out"/*.patch
cp "$tmp/out"/*.patch "$out"/
