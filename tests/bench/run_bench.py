#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""`make bench`: boot each ISO in QEMU with -icount shift=0,sleep=off on one CPU, collect the
`bench:` lines the hypervisor and the bench guest print, and write them all to one JSON file.

-icount shift=0 makes TSC deltas exact and repeatable (../shared/guides/platforms.md); sleep=off
lets virtual time jump to the next timer deadline while the CPU halts, so idle phases measure
the same guest time on every run and the whole JSON file is identical run to run.

usage: run_bench.py [--json FILE] [--timeout SECONDS] NAME=ISO...

NAME is what the run measures:
  bundle     the hypervisor's bench=bundle: "bench: bundle-verify bytes=... cycles=..."; the run
             ends at "boot complete"
  partition  the bench guest (tests/guests/bench.c): "bench: cpuid-exit ...", "bench: idle ...",
             "bench: timer-1khz ..."; the run ends when the partition exits
Each `bench: <figure> key=value ...` line becomes {"<figure>": {"key": value, ...}}.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

QEMU = ["qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-cpu", "max",
        "-icount", "shift=0,sleep=off", "-smp", "1", "-m", "1G", "-display", "none",
        "-serial", "stdio", "-no-reboot", "-nic", "none"]

# What each run must produce, and the line that ends it: the figures, or a failure. The demo
# bundle's run may print errors (its other partitions' CPUs are not online with -smp 1).
RUNS = {
    "bundle": (("bundle-verify",), r"info: boot complete|panic"),
    "partition": (("cpuid-exit", "idle", "timer-1khz"),
                  r"partition \S+: (exited \(|fault)|panic|\] error: "),
}
BENCH_LINE = re.compile(r"bench: (\S+) (.*)$")


def number(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def run(iso, end, timeout):
    """Boot @iso until a line matches @end (or a failure, or the timeout); the serial lines."""
    proc = subprocess.Popen(QEMU + ["-cdrom", iso], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")
    deadline = time.time() + timeout
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if re.search(end, line) or time.time() > deadline:
                break
    finally:
        proc.kill()
        proc.wait()
    return lines


def figures(lines):
    out = {}
    for line in lines:
        m = BENCH_LINE.search(line)
        if m:
            out[m.group(1)] = dict((k, number(v)) for k, v in
                                   re.findall(r"(\S+?)=(\S+)", m.group(2)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    ap.add_argument("runs", nargs="+", metavar="NAME=ISO")
    args = ap.parse_args()
    result = {"qemu": " ".join(QEMU[QEMU.index("-icount"):QEMU.index("-m")])}
    missing = []
    for spec in args.runs:
        name, _, iso = spec.partition("=")
        if name not in RUNS or not iso:
            sys.exit("run_bench.py: %r: expected NAME=ISO with NAME one of %s"
                     % (spec, ", ".join(RUNS)))
        wanted, end = RUNS[name]
        lines = run(iso, end, args.timeout)
        got = figures(lines)
        for line in lines:
            if "bench: " in line:
                print(re.sub(r"^.*?(bench: )", r"\1", line))
        lost = [w for w in wanted if w not in got]
        if lost:
            missing.append("%s: no %s; serial tail:\n  %s"
                           % (name, ", ".join(lost), "\n  ".join(lines[-15:])))
        result.update(got)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2, sort_keys=True)
            f.write("\n")
        print("bench: figures written to %s" % args.json)
    if missing:
        sys.exit("bench: missing results\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
