#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-mutants: show that every check can fail.  Each mutant is a
# patch in scripts/mutants/ that puts one bug into a scratch copy of the
# repository (BUILDDIR/mutant/), applied with git apply; the header of
# the patch, before its diff, says what the bug is and how it is caught:
#
#   Bug: a space before a closing parenthesis
#   Caught by: checkpatch --strict (make check-patches)
#   Run: make patches && make check-patches
#   Expect: checkpatch errors
#
# "Run" is a shell command run in the scratch copy, where make uses the
# real BUILDDIR (and LOGS=BUILDDIR/logs/mutants), so that each check is
# incremental; it must fail, and its
# output must match the extended regex "Expect".  A mutant that no longer
# applies fails loudly, naming its patch: whoever changes the code it
# targets refreshes it.  The real series is put back into BUILDDIR at the
# end.  Logs: BUILDDIR/logs/mutants/.
#
#   check-mutants.sh BUILDDIR [NAME...]   only the named mutants (NN-NAME,
#                                         or NAME without its number)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build=$1
shift
scratch=$build/mutant
export LOGS=$LOGS/mutants
mkdir -p "$LOGS"
mapfile -t all < <(find "$ROOT/scripts/mutants" -name '*.patch' | sort)
caught=0
missed=0
ran=0
# The next make regenerates the series from whichever copy it runs in.
forget_series() {
	rm -f "$build/series.id"
}
restore() {
	echo "restoring the real series in $TREE..."
	forget_series
	make -s -C "$ROOT" "$build/series.id" >/dev/null
}
trap restore EXIT

# field NAME PATCH: the value of the header line "NAME: value".
field() {
	sed -n "/^diff --git /q; s/^$1: //p" "$2"
}

for patch in "${all[@]}"; do
	name=$(basename "$patch" .patch)
	[ $# = 0 ] || [[ " $* " = *" $name "* || " $* " = *" ${name#*-} "* ]] ||
		continue
	ran=$((ran + 1))
	rm -rf "$scratch"
	mkdir -p "$scratch"
	(cd "$ROOT" && git ls-files -z | xargs -0 cp -a --parents -t "$scratch")
	git -C "$scratch" init -q
	git -C "$scratch" apply "$patch" 2>"$LOGS/$name.apply" || {
		cat "$LOGS/$name.apply" >&2
		die "mutant $name no longer applies: refresh scripts/mutants/$name.patch"
	}
	forget_series
	echo "  mutant $name: $(field Bug "$patch")"
	log=$LOGS/$name.log rc=0
	# MAKEFLAGS: every make of the command builds in the real BUILDDIR.
	(cd "$scratch" && MAKEFLAGS="BUILD=$build LOGS=$LOGS" \
		sh -c "$(field Run "$patch")") >"$log" 2>&1 || rc=$?
	expect=$(field Expect "$patch")
	if [ "$rc" != 0 ] && grep -Eq "$expect" "$log"; then
		echo "    caught by $(field 'Caught by' "$patch"):" \
			"$(grep -Em1 "$expect" "$log" | sed 's|^.*/build/linux/||' |
				cut -c1-100)"
		caught=$((caught + 1))
	else
		echo "    NOT CAUGHT by $(field 'Caught by' "$patch") (exit $rc; see $log)"
		missed=$((missed + 1))
	fi
done
[ "$ran" -gt 0 ] || die "no such mutant: $*"
trap - EXIT
restore
echo "$caught mutants caught, $missed missed"
[ "$missed" = 0 ]
