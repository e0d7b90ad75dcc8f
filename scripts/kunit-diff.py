#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the KUnit patch's diff (series/0005-kunit) from the final files.

The KUnit patch adds, to files of earlier patches, the trailing
"#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST" block of each C file and
the SECURITY_DISABLENETWORK_KUNIT_TEST entry of Kconfig.  This script
derives the patch's diff from the final files, so that editing a test
never means editing a diff by hand.  mkseries.sh runs it, through
series/0005-kunit/changes.gen, with the path to write.
"""

import difflib
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
MODULE = "security/disablenetwork"
MARK = "\n#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST\n"
KCONFIG_MARK = "\nconfig SECURITY_DISABLENETWORK_KUNIT_TEST\n"


def without_tests(name, text):
    if name == "Kconfig":
        i = text.find(KCONFIG_MARK)
        return text if i < 0 else text[:i + 1].rstrip("\n") + "\n"
    i = text.find(MARK)
    return text if i < 0 else text[:i].rstrip("\n") + "\n"


def main():
    out = []
    for name in sorted(os.listdir(os.path.join(ROOT, MODULE))):
        if not (name.endswith(".c") or name == "Kconfig"):
            continue
        path = f"{MODULE}/{name}"
        with open(os.path.join(ROOT, path)) as f:
            after = f.read()
        before = without_tests(name, after)
        if before == after:
            continue
        out.append(f"diff --git a/{path} b/{path}\n")
        out.extend(difflib.unified_diff(before.splitlines(True),
                                        after.splitlines(True),
                                        f"a/{path}", f"b/{path}", n=3))
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
