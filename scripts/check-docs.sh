#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the two documentation pages of the tree with Sphinx, warnings as
# errors, into OUTDIR.
#
#   check-docs.sh OUTDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$TREE/Documentation/admin-guide/LSM/disablenetwork.rst" "$tmp/admin-guide.rst"
cp "$TREE/Documentation/userspace-api/disablenetwork.rst" "$tmp/userspace-api.rst"
cat >"$tmp/conf.py" <<'PY'
project = "disablenetwork"
extensions = []
highlight_language = "none"
PY
cat >"$tmp/index.rst" <<'RST'
disablenetwork
==============

.. toctree::

   admin-guide
   userspace-api
RST
run_logged "$LOGS/sphinx.log" \
	/usr/bin/python3 -m sphinx -W -q -b html "$tmp" "$out"
echo "  Sphinx: both pages build without a warning ($out)"
