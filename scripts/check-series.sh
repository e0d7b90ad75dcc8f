#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fail if patches/ is stale (not what make patches generates from the
# repository), or if checkpatch --strict finds an error, or a warning
# that the commit message does not justify by naming its type.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ROOT/scripts/mkseries.sh" "$tmp/patches"

# Ignore what depends only on the exact base tarball: commit ids, blob
# ids and line numbers.
normalize() {
	sed -E -e 's/^From [0-9a-f]{40} /From X /' \
		-e 's/^index [0-9a-f]+\.\.[0-9a-f]+/index X..X/' \
		-e 's/^base-commit: .*/base-commit: X/' \
		-e 's/^@@ -[0-9,]+ \+[0-9,]+ @@/@@ X @@/' "$@"
}
stale=0
for f in "$tmp"/patches/*.patch "$ROOT"/patches/*.patch; do
	b=$(basename "$f")
	if [ ! -f "$ROOT/patches/$b" ] || [ ! -f "$tmp/patches/$b" ] ||
	   ! cmp -s <(normalize "$ROOT/patches/$b") \
		     <(normalize "$tmp/patches/$b"); then
		echo "error: patches/$b is stale" >&2
		stale=1
	fi
done
[ "$stale" = 0 ] || die "patches/ is stale: run make patches"

bad=0
for f in "$ROOT"/patches/[0-9]*.patch; do
	case "$(basename "$f")" in 0000-*) continue ;; esac
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
echo "  patches/ is up to date; checkpatch --strict: no errors," \
	"every warning justified"
