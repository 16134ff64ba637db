#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""`make bench`: boot an ISO in QEMU with -icount shift=0 on one CPU (exact, repeatable TSC
deltas, docs/../guides: platforms) and print the hypervisor's `bench:` lines.

usage: run_bench.py ISO [TIMEOUT-SECONDS]
"""

import re
import subprocess
import sys
import time


def main():
    iso = sys.argv[1]
    deadline = time.time() + (float(sys.argv[2]) if len(sys.argv) > 2 else 300)
    cmd = ["qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-cpu", "max",
           "-icount", "shift=0", "-smp", "1", "-m", "1G", "-display", "none",
           "-serial", "stdio", "-no-reboot", "-cdrom", iso]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace")
    found = []
    try:
        for line in proc.stdout:
            if "bench: " in line:
                found.append(line.strip())
            if re.search(r"boot complete|panic", line) or time.time() > deadline:
                break
    finally:
        proc.kill()
        proc.wait()
    for line in found:
        print(re.sub(r"^.*?(bench: )", r"\1", line))
    if not any("bench: bundle-verify" in f for f in found):
        sys.exit("bench: no bundle-verify result (see the serial log above)")


if __name__ == "__main__":
    main()
