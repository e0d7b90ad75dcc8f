#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Commit the patch series from the repository's files on top of the
# pristine tree (tag "base" in $TREE), as branch "series", and check it
# out in $TREE.  git checkout rewrites only the files that differ, so
# kbuild and the selftests rebuild only what changed.
#
#   series.sh IDFILE    IDFILE gets the series' commit id, rewritten only
#                       when it changes
#
# series/NNNN-slug/ describes one commit:
#   message       the commit message (subject on the first line)
#   files         the repository paths the commit adds (or replaces),
#                 one per line: to put a file in a patch, name it here
#   changes.diff  changes to files that exist before the commit: upstream
#                 files, or our own files that an earlier commit added
# series/cover-letter is the cover letter: subject, blank line, body.
#
# The repository holds the final version of our files.  The version an
# earlier commit adds is the final one with every later changes.diff taken
# back out (git apply -R), so each commit of the series builds on its own.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

idfile=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t patches < <(find "$ROOT/series" -mindepth 1 -maxdepth 1 -type d | sort)
[ ${#patches[@]} -gt 0 ] || die "series/ holds no patch directories"

# files_of PATCHDIR: the paths its "files" lists.
files_of() {
	[ -f "$1/files" ] || return 0
	grep -v '^[[:space:]]*$' "$1/files" || true
}

# Every file the series adds, at its final version.
mkdir -p "$tmp/state"
for p in "${patches[@]}"; do
	[ -f "$p/message" ] || die "$p/message is missing"
	while IFS= read -r f; do
		[ -f "$ROOT/$f" ] || die "$p/files names $f, which does not exist"
		mkdir -p "$tmp/state/$(dirname "$f")"
		cp -p "$ROOT/$f" "$tmp/state/$f"
	done < <(files_of "$p")
done

# Walk back from the last commit: snapshot what each commit adds, then take
# its changes to our own files back out.
for ((i = ${#patches[@]} - 1; i >= 0; i--)); do
	p=${patches[$i]}
	n=$(basename "$p")
	while IFS= read -r f; do
		mkdir -p "$tmp/snap/$n/$(dirname "$f")"
		cp -p "$tmp/state/$f" "$tmp/snap/$n/$f"
	done < <(files_of "$p")
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
	while IFS= read -r f; do
		mode=100644
		[ -x "$tmp/snap/$n/$f" ] && mode=100755
		blob=$(git -C "$TREE" hash-object -w "$tmp/snap/$n/$f")
		git -C "$TREE" update-index --add --cacheinfo "$mode,$blob,$f"
	done < <(files_of "$p")
	if [ -f "$p/changes.diff" ]; then
		git -C "$TREE" apply --cached "$p/changes.diff" ||
			die "$n/changes.diff does not apply"
	fi
	tree=$(git -C "$TREE" write-tree)
	parent=$(git -C "$TREE" commit-tree "$tree" -p "$parent" -F "$p/message")
done
unset GIT_INDEX_FILE
git -C "$TREE" update-ref refs/heads/series "$parent"
git -C "$TREE" config branch.series.description "$(cat "$ROOT/series/cover-letter")"

# The work tree follows the series; only changed files are written.
if [ "$(git -C "$TREE" rev-parse -q --verify HEAD)" != "$parent" ]; then
	git -C "$TREE" checkout -q -f -B work "$parent"
fi
if [ "$(cat "$idfile" 2>/dev/null)" != "$parent" ]; then
	echo "  series: ${#patches[@]} patches, $(git -C "$TREE" log -1 --format=%h "$parent")"
	echo "$parent" >"$idfile"
fi
