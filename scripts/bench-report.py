#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn the BENCH lines of the benchmark boots into the benchmark table.

    bench-report.py [--kernel VERSION] [--readme FILE] [--seeds S,...] LOG...

Each LOG is build/logs/bench-pN-KIND.out: pair N, KIND "base" (booted
without the module) or "dn" (with it), both booted with the same QEMU
-seed.  A dn boot measures dn-idle, activates the hooks, then measures
dn-off, dn-on and dn-strict; its base twin runs the same steps and labels
its measurements with the dn column whose place it mirrors, so that every
dn cell is divided by the base cell measured at the same point of a boot
with the same seed.  The peers (landlock, seccomp, netns) run in some
base boots, after the base cells, and are divided by the first of them.

Prints a Markdown table (median over pairs, and the spread), the A/A
noise floor of each workload, the instructions per hook, one line per cell
("BENCH <workload> <config> <median_ns> <median_ratio> <min_ratio>
<max_ratio>"), and the closing line.  Exits 1, without a closing line and
without touching --readme, if a boot failed or if a workload's noise floor
is above NOISE_LIMIT: a maximum taken over such cells would be decided by
noise.
"""

import argparse
import datetime
import os
import re
import statistics
import sys

NOISE_LIMIT = 0.2  # percent
DN = ["dn-idle", "dn-off", "dn-on", "dn-strict"]
PEERS = ["landlock", "seccomp", "netns"]
WORKLOADS = [
    ("unix_dgram_pingpong", "AF_UNIX dgram ping-pong (socketpair)"),
    ("unix_stream_connect", "AF_UNIX stream connect+accept (pathname)"),
    ("udp_pingpong", "UDP ping-pong, connected before"),
    ("udp_cmsg_pingpong", "the same, IP_TOS control message on each send"),
    ("tcp_send_recv", "TCP send+recv, established"),
    ("socket_unix_close", "socket(AF_UNIX)+close"),
    ("socket_inet_close", "socket(AF_INET, SOCK_STREAM)+close"),
    ("socket_inet_denied", "socket(AF_INET, SOCK_STREAM) denied"),
    ("getppid", "getppid (control)"),
    ("fork_exit_wait", "fork+exit+wait"),
]
# Loops that isolate one hook on the cheapest path that reaches it: in
# the hook table, not in the maximum of the closing line.
MICRO = [
    ("cred_copy", "credential copy (access(2), fsuid ≠ uid)"),
    ("prctl", "prctl(PR_GET_DUMPABLE)"),
]
# Denied cells are compared with the allowed operation of the base boot.
DENIED = {"socket_inet_denied": "socket_inet_close"}
# The hooks an unrestricted task runs, per operation, once they are on.
HOOKS = [
    ("socket_sendmsg", "udp_pingpong", 2),
    ("socket_sendmsg, with control data", "udp_cmsg_pingpong", 2),
    ("socket_sendmsg", "tcp_send_recv", 2),
    ("socket_sendmsg", "unix_dgram_pingpong", 2),
    ("socket_create", "socket_unix_close", 1),
    ("socket_create", "socket_inet_close", 1),
    ("socket_create, socket_connect, unix_stream_connect",
     "unix_stream_connect", 3),
    ("cred_prepare, cred_free", "cred_copy", 2),
    ("cred_prepare, cred_free", "fork_exit_wait", 2),
]


def parse(paths):
    """cells[(pair, kind, label, workload)] = ns per operation."""
    cells, errors, pairs = {}, [], set()
    for path in paths:
        m = re.match(r"bench-p(\d+)-(base|dn)\.out$", os.path.basename(path))
        if not m:
            sys.exit(f"error: {path}: not a bench-pN-base/dn.out log")
        pair, kind = int(m.group(1)), m.group(2)
        pairs.add(pair)
        with open(path, errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4 and parts[0] == "BENCH":
                    cells[(pair, kind, parts[2], parts[1])] = float(parts[3])
                elif parts and parts[0] == "BENCH-ERROR":
                    errors.append(f"pair {pair} {kind}: " +
                                  " ".join(parts[1:]))
    return cells, errors, sorted(pairs)


def pct(r):
    return f"{(r - 1) * 100:+.2f}%"


class Report:
    def __init__(self, cells, pairs):
        self.cells, self.pairs = cells, pairs

    def base(self, pair, label, workload):
        return self.cells.get((pair, "base", label,
                               DENIED.get(workload, workload)))

    def ratios(self, config, workload):
        """Per pair: the dn cell over its base twin."""
        out = []
        for p in self.pairs:
            ns = self.cells.get((p, "dn", config, workload))
            b = self.base(p, config, workload)
            if ns is not None and b:
                out.append((ns, ns / b))
        return out

    def peer(self, config, workload):
        out = []
        for p in self.pairs:
            ns = self.cells.get((p, "base", config, workload))
            b = self.base(p, "dn-idle", workload)
            if ns is not None and b:
                out.append((ns, ns / b))
        return out

    def noise_at(self, label, workload):
        """A/A: half the spread of the base boots at one position, in %."""
        xs = [self.cells[k] for k in self.cells
              if k[1] == "base" and k[2] == label and k[3] == workload]
        if len(xs) < 2:
            return None
        return (max(xs) - min(xs)) / 2 / statistics.median(xs) * 100

    def noise(self, workload):
        """A/A: the widest position."""
        ys = [y for y in (self.noise_at(label, workload) for label in DN)
              if y is not None]
        return max(ys) if ys else None

    def per_hook(self, workload, hooks):
        """Per pair: (dn-off - dn-idle) - (base twin's same difference)."""
        out = []
        for p in self.pairs:
            v = [self.cells.get((p, "dn", "dn-off", workload)),
                 self.cells.get((p, "dn", "dn-idle", workload)),
                 self.cells.get((p, "base", "dn-off", workload)),
                 self.cells.get((p, "base", "dn-idle", workload))]
            if None not in v:
                out.append(((v[0] - v[1]) - (v[2] - v[3])) / hooks)
        return out

    def always_on(self, workload):
        """Per pair: dn-idle - base, for a hook that is never off."""
        out = []
        for p in self.pairs:
            a = self.cells.get((p, "dn", "dn-idle", workload))
            b = self.base(p, "dn-idle", workload)
            if a is not None and b is not None:
                out.append(a - b)
        return out


def spread(values, fmt):
    lo, hi = min(values), max(values)
    if fmt(lo) == fmt(hi):
        return fmt(lo)
    return f"{fmt(lo)}…{fmt(hi)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="")
    ap.add_argument("--readme", help="update the table in this Markdown file")
    ap.add_argument("--seeds", default="", help="the QEMU seeds, by pair")
    ap.add_argument("logs", nargs="+")
    args = ap.parse_args()

    cells, errors, pairs = parse(args.logs)
    rep = Report(cells, pairs)
    columns = DN + [c for c in PEERS
                    if any(k[2] == c for k in cells)]

    lines, worst, noisy = [], {}, []
    floor = {"value": 0.0}

    def rows(workloads, in_max):
        table = []
        for workload, label in workloads:
            row = [label]
            bases = [rep.base(p, "dn-idle", workload) for p in pairs]
            bases = [b for b in bases
                     if b is not None and workload not in DENIED]
            row.append(f"{statistics.median(bases):.0f}" if bases else "-")
            y = None if workload in DENIED else rep.noise(workload)
            row.append(f"±{y:.2f}%" if y is not None else "-")
            if y is not None:
                floor["value"] = max(floor["value"], y)
                if y > NOISE_LIMIT:
                    noisy.append((workload, y))
            for config in columns:
                rs = (rep.ratios(config, workload) if config in DN
                      else rep.peer(config, workload))
                if not rs:
                    row.append("-")
                    continue
                ns = statistics.median(x[0] for x in rs)
                r = statistics.median(x[1] for x in rs)
                lo = min(x[1] for x in rs)
                hi = max(x[1] for x in rs)
                if workload in DENIED:
                    row.append(f"{ns:.0f} (×{r:.3f})")
                elif config == "dn-idle":
                    d = rep.always_on(workload)
                    row.append(f"{ns:.0f} {statistics.median(d):+.1f} "
                               f"({spread(d, lambda x: f'{x:+.1f}')})")
                elif config in DN and len(rs) > 1:
                    row.append(f"{ns:.0f} {pct(r)} "
                               f"({spread([lo, hi], pct)})")
                else:
                    row.append(f"{ns:.0f} {pct(r)}")
                lines.append(f"BENCH {workload} {config} {ns:.1f} {r:.4f} "
                             f"{lo:.4f} {hi:.4f}")
                if in_max and config in DN and workload not in DENIED:
                    worst[config] = max(worst.get(config, 0.0),
                                        (r - 1) * 100)
            table.append(row)
        return table

    table = rows(WORKLOADS, True)
    # The A/A row: base against base, at each position, over the workloads.
    aa = ["A/A: base against base (widest workload)", "-",
          f"±{floor['value']:.2f}%"]
    for config in columns:
        ys = [rep.noise_at(config, w) for w, _ in WORKLOADS
              if w not in DENIED] if config in DN else []
        ys = [y for y in ys if y is not None]
        aa.append(f"±{max(ys):.2f}%" if ys else "-")
    table.append(aa)
    micro = rows(MICRO, False)

    hooks = []
    for hook, workload, k in HOOKS:
        v = rep.per_hook(workload, k)
        if v:
            hooks.append([hook, workload, str(k),
                          f"{statistics.median(v):.1f}",
                          spread(v, lambda x: f"{x:.1f}")])
    prctl = rep.always_on("prctl")
    if prctl:
        hooks.append(["task_prctl (never off)", "prctl", "1",
                      f"{statistics.median(prctl):.1f}",
                      spread(prctl, lambda x: f"{x:.1f}")])

    today = datetime.date.today().isoformat()
    seeds = f" (QEMU -seed {args.seeds})" if args.seeds else ""
    intro = (f"Measured {today} on kernel {args.kernel} with `make bench`, "
             f"{len(pairs)} pairs of boots{seeds}. Guest ns per operation "
             "under qemu -icount shift=0,sleep=off (1 ns = 1 guest "
             "instruction), median over the pairs; then, for dn-idle, the "
             "difference from base in instructions per operation, and for "
             "the other columns the change against base; in parentheses, "
             "its range over the pairs. A/A is the noise floor: half the "
             "range of the base boots themselves.")
    head = ["workload", "base", "A/A"] + columns
    rule = "|---|" + "---:|" * (len(head) - 1)
    md = [intro, "", "| " + " | ".join(head) + " |", rule]
    md += ["| " + " | ".join(r) + " |" for r in table]
    md += ["", "Loops that isolate one hook on the cheapest path that "
           "reaches it (not in the maximum below):", "",
           "| loop | base | A/A | " + " | ".join(columns) + " |", rule]
    md += ["| " + " | ".join(r) + " |" for r in micro]
    md += ["", "Instructions per hook invocation for an unrestricted task, "
           "measured: (dn-off − dn-idle) of the dn boot minus the same "
           "difference of its base twin, divided by the hooks per "
           "operation; median over the pairs, then the range. task_prctl "
           "is never off: dn-idle − base.", "",
           "| hook | workload | hooks per op | instructions | range |",
           "|---|---|---:|---:|---:|"]
    md += ["| " + " | ".join(h) + " |" for h in hooks]
    floor = floor["value"]
    closing = ", ".join(
        f"{c} max overhead {worst[c]:.2f}% (noise ±{floor:.2f}%)"
        for c in DN if c in worst)
    ok = not errors and not noisy and cells and len(pairs) >= 2
    if ok:
        md += ["", closing + " (allowed operations)."]
    print("\n".join(md))
    print()
    for line in lines:
        print(line)
    for e in errors:
        print(f"BENCH-ERROR {e}")
    if len(pairs) < 2:
        print("error: fewer than 2 pairs of boots: no noise floor",
              file=sys.stderr)
    for workload, y in noisy:
        print(f"error: the noise floor of {workload} is ±{y:.2f}%, above "
              f"±{NOISE_LIMIT:.2f}%: a maximum over its cells would be "
              "decided by noise", file=sys.stderr)
    if not ok:
        return 1
    if args.readme:
        replace(args.readme, "<!-- bench-start -->", "<!-- bench-end -->",
                md)
    print(closing + " (allowed operations)")
    return 0


def replace(path, start, end, body):
    """Replace what lies between the marker lines START and END."""
    with open(path) as f:
        text = f.read().split("\n")
    i = text.index(start)
    j = text.index(end, i)
    text[i + 1:j] = [""] + body + [""]
    with open(path, "w") as f:
        f.write("\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
