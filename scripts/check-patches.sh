#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Check DIR (patches/): it is what "make patches" writes from the
# repository (not stale), it applies with git am to the pristine tree and
# gives exactly the series, and checkpatch --strict finds no error and no
# warning that the commit message does not justify by naming its type.
#
#   check-patches.sh DIR WORKTREE   WORKTREE: where to run git am, kept
#                                   between runs so that it stays cheap
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dir=$(realpath "$1") wt=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ROOT/scripts/patches.sh" "$tmp/patches"

# Ignore what depends only on the exact base tarball: commit ids, blob
# ids and line numbers.
normalize() {
	sed -E -e 's/^From [0-9a-f]{40} /From X /' \
		-e 's/^index [0-9a-f]+\.\.[0-9a-f]+/index X..X/' \
		-e 's/^base-commit: .*/base-commit: X/' \
		-e 's/^@@ -[0-9,]+ \+[0-9,]+ @@/@@ X @@/' "$@"
}
stale=0
for f in "$tmp"/patches/*.patch "$dir"/*.patch; do
	b=$(basename "$f")
	if [ ! -f "$dir/$b" ] || [ ! -f "$tmp/patches/$b" ] ||
	   ! cmp -s <(normalize "$dir/$b") <(normalize "$tmp/patches/$b"); then
		echo "error: patches/$b is stale" >&2
		stale=1
	fi
done
[ "$stale" = 0 ] || die "patches/ is stale: run make patches"

# As a user applies it: git am on the pristine tree.
mapfile -t series < <(find "$dir" -name '[0-9]*.patch' ! -name '0000-*' | sort)
[ -d "$wt" ] || git -C "$TREE" worktree add -q --detach "$wt" base
git -C "$wt" am --abort 2>/dev/null || true
git -C "$wt" checkout -q -f --detach base
git -C "$wt" am -q --whitespace=error-all "${series[@]}" ||
	die "patches/ does not apply with git am to the pristine tree"
[ "$(git -C "$wt" rev-parse 'HEAD^{tree}')" = \
  "$(git -C "$TREE" rev-parse 'series^{tree}')" ] ||
	die "git am of patches/ does not give the series' tree"

bad=0
for f in "${series[@]}"; do
	# Debian's python3 has ply and git for checkpatch's SPDX check.
	out=$(cd "$TREE" && { PATH=/usr/bin:$PATH scripts/checkpatch.pl \
		--strict --show-types --terse "$f" 2>&1 || true; })
	if grep -q ': ERROR:' <<<"$out"; then
		echo "error: checkpatch errors in $(basename "$f"):" >&2
		grep ': ERROR:' <<<"$out" >&2
		bad=1
	fi
	while read -r type; do
		[ -n "$type" ] || continue
		if ! grep -q "checkpatch.*$type" "$f"; then
			echo "error: $(basename "$f"): checkpatch warning" \
				"$type is not justified in the commit message" >&2
			grep ": $type:" <<<"$out" >&2 || true
			bad=1
		fi
	done < <(sed -nE 's/.*: (WARNING|CHECK):([A-Z_]+):.*/\2/p' <<<"$out" |
		 sort -u)
done
[ "$bad" = 0 ] || die "checkpatch found unjustified problems"
echo "  patches/ is up to date and applies with git am;" \
	"checkpatch --strict: no errors, every warning justified"
