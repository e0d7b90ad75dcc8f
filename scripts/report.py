#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Count test results from the VM logs and print the closing line.

    report.py TREE NAME...

For each boot NAME, $LOGS/NAME.out holds the TAP that
run_kselftest.sh printed (test programs at the top level, their cases
nested behind "# "), and $LOGS/NAME.console holds the kernel console,
whose KUnit KTAP is read with the kernel's own tools/testing/kunit/kunit.py
parse.  Each test case counts once.  A test program that crashed or timed
out without reporting its cases counts as one failure.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

LOGS = os.environ["LOGS"]
TOP = re.compile(r"^(not )?ok \d+ (.*?)(\s+# (SKIP|TIMEOUT).*)?$")
CASE = re.compile(r"^# (not )?ok \d+ (.*?)(\s+# (SKIP|skip).*)?$")


def kselftest(path, failures):
    """Counts (passed, failed, skipped) in run_kselftest.sh output."""
    passed = failed = skipped = 0
    cases = [0, 0, 0]
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = CASE.match(line)
            if m:
                if m.group(3):
                    cases[2] += 1
                elif m.group(1):
                    cases[1] += 1
                    failures.append(m.group(2))
                else:
                    cases[0] += 1
                continue
            m = TOP.match(line)
            if not m:
                continue
            p, fl, s = cases
            if m.group(1) and fl == 0:
                fl = 1
                failures.append(m.group(2) + (m.group(3) or ""))
            elif m.group(3) and p + fl + s == 0:
                s = 1
            elif not m.group(1) and p + fl + s == 0:
                p = 1   # a program that reports no cases of its own
            passed, failed, skipped = passed + p, failed + fl, skipped + s
            cases = [0, 0, 0]
    return passed, failed, skipped


def count_kunit(tests, failures, prefix=""):
    passed = failed = skipped = 0
    for t in tests:
        name = prefix + t["name"]
        if t.get("sub_groups") or t.get("test_cases"):
            p, f, s = count_kunit(t.get("sub_groups", []) +
                                  t.get("test_cases", []), failures,
                                  name + ".")
            passed, failed, skipped = passed + p, failed + f, skipped + s
        elif t["status"] == "PASS":
            passed += 1
        elif t["status"] == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(name + " " + t["status"])
    return passed, failed, skipped


def kunit(tree, path, failures):
    """Counts KUnit cases in a console log with kunit.py parse --json."""
    with open(path, errors="replace") as f:
        if "KTAP version" not in f.read():
            failures.append("no KUnit results on the console")
            return 0, 1, 0
    with tempfile.NamedTemporaryFile(suffix=".json") as js:
        subprocess.run([sys.executable,
                        os.path.join(tree, "tools/testing/kunit/kunit.py"),
                        "parse", "--json=" + js.name, os.path.abspath(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        try:
            with open(js.name) as f:
                data = json.load(f)
        except (OSError, ValueError):
            failures.append("kunit.py parse " + path)
            return 0, 1, 0
    return count_kunit(data.get("sub_groups", []) +
                       data.get("test_cases", []), failures)


def stale(name):
    """A failure is never cached: date the boot's log 1970, so that the
    next make boots again."""
    out = os.path.join(LOGS, name + ".out")
    if os.path.exists(out):
        os.utime(out, (0, 0))


DIGEST = re.compile(r"FUZZ-DIGEST (\S+) ([0-9a-f]+)")


def digests(name):
    """The fuzz digests a boot printed: unrestricted results, in order."""
    found = {}
    path = os.path.join(LOGS, name + ".out")
    if os.path.exists(path):
        with open(path, errors="replace") as f:
            for line in f:
                m = DIGEST.search(line)
                if m:
                    found[m.group(1)] = m.group(2)
    return found


def main():
    tree = sys.argv[1]
    total = [0, 0, 0]
    for name in sys.argv[2:]:
        failures = []
        counts = []
        for kind, fn in (("kselftest", kselftest), ("kunit", kunit)):
            path = os.path.join(LOGS, name + (".out" if kind == "kselftest"
                                              else ".console"))
            if not os.path.exists(path):
                failures.append(path + " is missing")
                counts.append((0, 1, 0))
                continue
            counts.append(fn(path, failures) if kind == "kselftest"
                          else fn(tree, path, failures))
        for (p, f, s), kind in zip(counts, ("kselftest", "kunit")):
            if p + f + s:
                print(f"  {name}: {kind}: {p} passed, {f} failed, "
                      f"{s} skipped")
            total = [total[0] + p, total[1] + f, total[2] + s]
        for failure in failures[:50]:
            print(f"  {name}: FAILED: {failure}")
        if failures:
            stale(name)
    # Unrestricted tasks must see exactly what a kernel without the module
    # gives: the fuzz results of every boot must agree.
    boots = {name: digests(name) for name in sys.argv[2:]}
    for key in sorted(set(k for d in boots.values() for k in d)):
        values = {name: d.get(key) for name, d in boots.items()}
        same = len(set(values.values())) == 1
        print(f"  fuzz {key}: unrestricted results "
              f"{'identical' if same else 'DIFFER'} across boots: " +
              ", ".join(f"{n}={v}" for n, v in values.items()))
        total[0 if same else 1] += 1
        for name in ([] if same else boots):
            stale(name)
    ok = total[1] == 0 and total[0] > 0
    print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
