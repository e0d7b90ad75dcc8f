#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The code examples of the documentation pages, built as a reader would
# copy them: every ".. code-block:: LANG" of the tree's rst pages, and
# every C program of the manual pages, is extracted to OUTDIR and
# compiled against the system's headers, with no other file.  C with gcc (-Wall -Wextra -Werror), Python with py_compile;
# with --all, also Go and Rust with Debian's toolchains (no module proxy,
# no crate registry).  The manual pages are here too: groff and mandoc
# must report nothing, and man must find each one once installed.
#
#   check-userdocs.sh [--all] OUTDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

all=0
[ "${1:-}" = --all ] && { all=1; shift; }
out=$(realpath -m "$1")
rm -rf "$out"
mkdir -p "$out"

# Extract: one file per block, named after the page and the block's line.
# The C programs of the manual pages' EXAMPLES (.EX blocks that start
# with #include) too, with their roff escapes undone.
python3 - "$out" "$TREE/Documentation/userspace-api/disablenetwork.rst" \
	"$TREE/Documentation/admin-guide/LSM/disablenetwork.rst" \
	"$TREE"/samples/disablenetwork/*.[0-9]* <<'PY'
import os, re, sys, textwrap
ext = {"c": "c", "python": "py", "go": "go", "rust": "rs"}
out = sys.argv[1]
roff = [("\\&", ""), ("\\-", "-"), ("\\(aq", "'"), ("\\(dq", '"'),
        ("\\e", "\\")]
for path in sys.argv[2:]:
    if not path.endswith(".rst"):
        lines = open(path).read().split("\n")
        for i, line in enumerate(lines):
            if line != ".EX" or not lines[i + 1].startswith("#include"):
                continue
            j = lines.index(".EE", i)
            code = "\n".join(lines[i + 1:j]) + "\n"
            for a, b in roff:
                code = code.replace(a, b)
            name = "%s-L%d.c" % (os.path.basename(path), i + 1)
            with open(os.path.join(out, name), "w") as f:
                f.write(code)
        continue
    page = os.path.basename(os.path.dirname(path))
    lines = open(path).read().split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"\.\. code-block:: *(\S+)", line)
        if not m or m.group(1) not in ext:
            continue
        body, j = [], i + 1
        while j < len(lines) and (not lines[j].strip() or
                                  lines[j][0] in " \t"):
            body.append(lines[j])
            j += 1
        code = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
        name = "%s-L%d.%s" % (page, i + 1, ext[m.group(1)])
        with open(os.path.join(out, name), "w") as f:
            f.write(code)
PY

fail=0
built=()
# build NAME CMD...: compile one example, show the compiler's complaint.
build() {
	local name=$1
	shift
	if "$@" >"$out/$name.log" 2>&1; then
		built+=("$name")
	else
		printf 'error: the example at %s does not build:\n' "$name" >&2
		cat "$out/$name.log" >&2
		fail=1
	fi
}

for src in "$out"/*; do
	[ -f "$src" ] || continue
	name=$(basename "$src")
	case "$name" in
	*.c)
		# A snippet with main() links; one without compiles.
		link=(-o "${src%.c}")
		grep -Eq '^(int )?main\(' "$src" || link=(-c -o "${src%.c}.o")
		build "$name" gcc -std=gnu11 -Wall -Wextra -Werror -pthread \
			"${link[@]}" "$src"
		;;
	*.py)
		build "$name" python3 -m py_compile "$src"
		;;
	*.go)
		[ "$all" = 1 ] || continue
		build "$name" env GOPROXY=off GOFLAGS=-mod=mod \
			GOCACHE="$out/gocache" GOPATH="$out/gopath" \
			/usr/bin/go build -o "${src%.go}" "$src"
		;;
	*.rs)
		[ "$all" = 1 ] || continue
		build "$name" /usr/bin/rustc --edition 2021 -D warnings \
			-o "${src%.rs}" "$src"
		;;
	esac
done
[ ${#built[@]} -gt 0 ] || die "no code example found in the rst pages"
[ "$fail" = 0 ] || die "documentation examples do not build"

# The manual pages: man-pages(7) style, no warning from either tool.
for page in "$TREE"/samples/disablenetwork/*.[0-9]*; do
	lint=$( { groff -man -ww -z "$page" &&
		  mandoc -T lint -W warning "$page"; } 2>&1) ||
		lint="$lint (exit status $?)"
	if [ -n "$lint" ]; then
		printf 'error: %s:\n%s\n' "${page#"$TREE"/}" "$lint" >&2
		fail=1
	fi
	built+=("$(basename "$page")")
done
[ "$fail" = 0 ] || die "manual page warnings"

# Installed as the samples' Makefile installs them, man finds each page by
# its name.
man=$out/man
make -s -C "$TREE/samples/disablenetwork" install-man DESTDIR="$man" \
	mandir=/share/man
for name in nonet PR_SET_NETWORK PR_GET_NETWORK; do
	MANPATH=$man/share/man man -w "$name" >/dev/null 2>&1 ||
		die "man $name does not find the installed page"
done
echo "  examples and manual pages: ${built[*]}"
