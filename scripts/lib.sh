# SPDX-License-Identifier: GPL-2.0-only
# Shared settings for the pipeline scripts.  Source it; do not run it.
# shellcheck shell=bash disable=SC2034

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TARBALL=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
TREE=${TREE:-$BUILD/linux}
LOGS=${LOGS:-$BUILD/logs}
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
JOBS=${JOBS:-$(nproc)}

# Fixed identity and date, so that the series and its commits are
# reproducible byte for byte.
export GIT_AUTHOR_NAME="disablenetwork developers"
export GIT_AUTHOR_EMAIL="disablenetwork@example.org"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-11-24T00:00:00+0000"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"

mkdir -p "$LOGS"

# stage "[3/6] building bzImage..."
stage() {
	printf '%s\n' "$*"
}

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# selected NAME [CHOSEN...]: true if nothing was chosen, or NAME was.
selected() {
	local name=$1
	shift
	[ $# = 0 ] || [[ " $* " = *" $name "* ]]
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
