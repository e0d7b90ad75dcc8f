# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the stage scripts.  Source it; do not run it.  The settings
# (TREE, LOGS, JOBS, the LSM lists, QEMU) come from config.mk through
# make; a script run by hand needs them in its environment.
# shellcheck shell=bash disable=SC2034

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${TREE:?run through make (see config.mk)}" "${LOGS:?run through make}"
: "${JOBS:=$(nproc)}"
# kbuild and the selftests get only the variables we pass them: a
# "make check DN_TESTS=..." must not reach them through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL

# Fixed identity and date, so that the series and its commits are
# reproducible byte for byte.
export GIT_AUTHOR_NAME="disablenetwork developers"
export GIT_AUTHOR_EMAIL="disablenetwork@example.org"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-11-24T00:00:00+0000"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"

mkdir -p "$LOGS"

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# run_logged LOG CMD...: run quietly, print the log tail on failure.
run_logged() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		printf 'error: %s failed; last lines of %s:\n' "$*" "$log" >&2
		tail -n 40 "$log" >&2
		return 1
	fi
}
