#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn dnbench's BENCH lines into the benchmark table.

    bench-report.py --kernel VERSION LOG...

Prints a Markdown table (ns per operation, ratio to base), then one line
per cell, exactly "BENCH <workload> <config> <ns_per_op> <ratio_to_base>",
then "dn-off max overhead X%, dn-on max overhead Y% (allowed operations)".
The denied socket(AF_INET) is compared with base's successful
socket(AF_INET)+close.
"""

import argparse
import datetime
import sys

CONFIGS = ["base", "dn-off", "dn-on", "landlock", "seccomp", "netns"]
WORKLOADS = [
    ("unix_dgram_pingpong", "AF_UNIX dgram ping-pong (socketpair)"),
    ("unix_stream_connect", "AF_UNIX stream connect+accept (pathname)"),
    ("udp_pingpong", "UDP ping-pong, connected before"),
    ("tcp_send_recv", "TCP send+recv, established"),
    ("socket_unix_close", "socket(AF_UNIX)+close"),
    ("socket_inet_close", "socket(AF_INET)+close"),
    ("socket_inet_denied", "socket(AF_INET) denied"),
    ("getppid", "getppid (control)"),
    ("fork_exit_wait", "fork+exit+wait"),
]
DENIED = "socket_inet_denied"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="")
    ap.add_argument("--readme", help="update the table in this Markdown file")
    ap.add_argument("logs", nargs="+")
    args = ap.parse_args()

    cells = {}
    errors = []
    for path in args.logs:
        with open(path, errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4 and parts[0] == "BENCH":
                    cells[(parts[1], parts[2])] = float(parts[3])
                elif parts and parts[0] == "BENCH-ERROR":
                    errors.append(" ".join(parts[1:]))

    def base_of(workload):
        return cells.get(("socket_inet_close" if workload == DENIED
                          else workload, "base"))

    today = datetime.date.today().isoformat()
    intro = (f"Measured {today} on kernel {args.kernel} with `make bench`: "
             "guest ns per operation under qemu -icount shift=0,sleep=off "
             "(1 ns = 1 guest instruction), and in parentheses the ratio to "
             "base.")
    table = []
    lines = []
    worst = {"dn-off": 0.0, "dn-on": 0.0}
    for workload, label in WORKLOADS:
        row = []
        for config in CONFIGS:
            ns = cells.get((workload, config))
            base = base_of(workload)
            if ns is None or base is None:
                row.append("-")
                continue
            ratio = ns / base
            row.append(f"{ns:.0f} ({ratio:.4f})" if config != "base"
                       else f"{ns:.0f}")
            lines.append(f"BENCH {workload} {config} {ns:.1f} {ratio:.4f}")
            if config in worst and workload != DENIED:
                worst[config] = max(worst[config], (ratio - 1) * 100)
        table.append([label] + row)
    closing = (f"dn-off max overhead {worst['dn-off']:.2f}%, dn-on max "
               f"overhead {worst['dn-on']:.2f}% (allowed operations)")

    md = [intro, "", "| workload | " + " | ".join(CONFIGS) + " |",
          "|---|" + "---:|" * len(CONFIGS)]
    md += ["| " + " | ".join(r) + " |" for r in table]
    md += ["", closing + "."]
    print("\n".join(md))
    print()
    if args.readme:
        replace(args.readme, "<!-- bench-start -->", "<!-- bench-end -->",
                md)
    for line in lines:
        print(line)
    for e in errors:
        print(f"BENCH-ERROR {e}")
    print(closing)
    return 1 if errors or not cells else 0


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
