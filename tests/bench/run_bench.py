#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""`make bench`: boot each ISO in QEMU with -icount shift=0,sleep=off on one CPU (SVM), or in
Bochs on one CPU with a fixed ips (VMX), collect the `bench:` lines the hypervisor and the bench
guest print, and write them all to one JSON file.

-icount shift=0 makes TSC deltas exact and repeatable (../shared/guides/platforms.md); sleep=off
lets virtual time jump to the next timer deadline while the CPU halts, so idle phases measure
the same guest time on every run. Bochs is deterministic on its own: one CPU, `clock: sync=none`
and a fixed `ips` (its TSC counts instructions, ips of them per emulated second; a halted CPU
skips to the next timer event). So the whole JSON file is identical run to run.

usage: run_bench.py [--json FILE] [--timeout SECONDS] [--bochs-ips N] [PLATFORM:]NAME=ISO...

PLATFORM is `qemu` (the default: SVM, figures at the top level of the JSON file) or `bochs-vmx`
(VMX on Bochs' Intel model, figures under the "bochs-vmx" key, with the Bochs settings under
"bochs-vmx"."bochs"). The ISO carries a description for each vendor; Bulkhead takes its CPU's.

NAME is what the run measures:
  bundle     the hypervisor's bench=bundle: "bench: bundle-verify bytes=... cycles=..."; the run
             ends at "boot complete"
  partition  the bench guest (tests/guests/bench.c): "bench: cpuid-exit ...", "bench: idle ...",
             "bench: timer-1khz ...", and where x2APIC is offered (bochs-vmx: required) "bench:
             idle-x2apic ...", "bench: timer-1khz-x2apic ..."; the run ends when the partition
             exits
  nested     the nested SVM bench L1 (tests/guests/nested_bench.c): "bench: nested-svm ...", "bench:
             nested-svm-full ..." (CPUID
             in L1 against CPUID in L2 reflected to L1, L0 exits per reflected exit); the run
             ends when the partition exits
  nested-vmx the L1 VMX test hypervisor's bench image (tests/guests/l1vmx/bench.c; bochs-vmx):
             "bench: nested-vmx ...", "bench: nested-vmx-exits ...", CPUID in L1 against CPUID in L2 reflected to L1 (which
             VMREADs the exit reason, qualification, length and RIP, VMWRITEs the RIP and
             VMRESUMEs), Bulkhead's VMX-instruction exits and all L0 exits per reflected exit;
             the run ends when the partition exits
  nested-vmx-noshadow  the same ISO booted with nested-vmx-shadowing=off: its figures are
             renamed "nested-vmx-noshadow", "nested-vmx-noshadow-exits"
  linux      stock Debian Linux on one CPU (tests/config/bench-linux.dts): "linux-boot", its
             cycles from Bulkhead's "starts on CPU ..., TSC <n>" to /init's TSC, and
             "linux-boot-exits", Bulkhead's exit counters when /init writes the reset register
  linux-kvm  the same with nested = "svm" and Debian's kvm_amd: "linux-kvm-l2-cpuid", an L2
             CPUID handled by Linux KVM (tests/guests/linux/kvmtest.c bench), next to
             "nested-svm" (our own L1), and "linux-kvm-exits", Bulkhead's exit counters of the
             whole run
  restart    a partition restarted after a missed watchdog (tests/guests/restart_bench.c):
             "partition-restart", its cycles from the "fault at TSC" of Bulkhead's restart line
             to the TSC the new run reads first; the run ends when the partition exits
  doorbell   a writer rings a reader on another CPU (tests/guests/doorbell_bench.c, two CPUs):
             "doorbell-spin" and "doorbell-hlt", the writer's TSC right before HC_DOORBELL to
             the reader's handler, the reader spinning or halted; the run ends when the reader
             exits
Each `bench: <figure> key=value ...` line becomes {"<figure>": {"key": value, ...}}.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "boot"))
import harness  # noqa: E402  (tests/boot/harness.py: the Bochs configuration and its cleanup)

QEMU = ["qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-cpu", "max",
        "-icount", "shift=0,sleep=off", "-smp", "1", "-m", "1G", "-display", "none",
        "-serial", "stdio", "-no-reboot", "-nic", "none"]

# What each run must produce, and the line that ends it: the figures, or a failure. The demo
# bundle's run may print errors (its other partitions' CPUs are not online with -smp 1).
RUNS = {
    "bundle": (("bundle-verify",), r"info: boot complete|panic"),
    "partition": (("cpuid-exit", "idle", "timer-1khz"),
                  r"partition \S+: (exited \(|fault)|panic|\] error: "),
    "nested": (("nested-svm", "nested-svm-full"),
               r"partition \S+: (exited \(|fault)|panic|\] error: "),
    "nested-vmx": (("nested-vmx", "nested-vmx-exits"),
                   r"partition \S+: (exited \(|fault)|panic|\] error: "),
    "nested-vmx-noshadow": (("nested-vmx-noshadow", "nested-vmx-noshadow-exits"),
                            r"partition \S+: (exited \(|fault)|panic|\] error: "),
    "linux": (("linux-boot", "linux-boot-exits"), r"partition \S+: fault|Kernel panic|\] panic"),
    "linux-kvm": (("linux-kvm-l2-cpuid",), r"partition \S+: fault|Kernel panic|\] panic"),
    # The watchdog fault is the figure's start, not the run's end.
    "restart": (("partition-restart",), r"partition \S+: (exited \(|halted)|panic|\] error: (?!"
                r"partition \S+: fault: watchdog)"),
    "doorbell": (("doorbell-spin", "doorbell-hlt"),
                 r"partition \S+: (exited \(|fault)|panic|\] error: "),
}
# CPUs a run needs; one unless named here. Two under -icount: the AP bring-up that once stalled
# (../shared/guides/platforms.md) comes up now, and the bench ends only if both run.
CPUS = {"doorbell": 2}
START = re.compile(r"partition \S+: starts on CPU \d+ \(APIC ID \d+\) at 0x[0-9a-f]+, TSC (\d+)")
KHZ = re.compile(r"tsc_early_khz=(\d+)")
EXITS = re.compile(r"partition \S+: fault: reset requested .*; exits: (.*)$")
RESTART = re.compile(r"partition \S+: restart 1 of \d+, fault at TSC (\d+)")
BENCH_LINE = re.compile(r"bench: (\S+) (.*)$")


def number(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def run_bochs(iso, end, timeout, ips, logdir, cpus=1):
    """Boot @iso in Bochs (VMX, @cpus, @ips) until a line matches @end, as run() does."""
    old = os.environ.get("BOCHS_IPS")
    os.environ["BOCHS_IPS"] = str(ips)  # read by harness.Machine.bochsrc()
    try:
        with harness.Machine("bochs-vmx", iso, logdir, cpus=cpus, bound=timeout,
                             fail_on=None) as m:
            try:
                m.wait_for(end, timeout=timeout)
            except harness.BootError as e:
                print("bench: bochs-vmx: %s" % e)
            return m.kernel_lines() or m.lines
    finally:
        if old is None:
            del os.environ["BOCHS_IPS"]
        else:
            os.environ["BOCHS_IPS"] = old


def run(iso, end, timeout, cpus=1):
    """Boot @iso until a line matches @end (or a failure, or the timeout); the serial lines."""
    cmd = QEMU[:]
    cmd[cmd.index("-smp") + 1] = str(cpus)
    proc = subprocess.Popen(cmd + ["-cdrom", iso], stdout=subprocess.PIPE,
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


def figures(lines, name):
    out = {}
    for line in lines:
        m = BENCH_LINE.search(line)
        if m:
            out[m.group(1)] = dict((k, number(v)) for k, v in
                                   re.findall(r"(\S+?)=(\S+)", m.group(2)))
    if name == "linux":
        linux_boot(lines, out)
    elif name == "restart":
        restart_time(lines, out)
    elif name == "nested-vmx-noshadow":
        for fig in ("nested-vmx", "nested-vmx-exits"):  # the guest cannot tell
            if fig in out:
                out[fig.replace("nested-vmx", "nested-vmx-noshadow")] = out.pop(fig)
    elif name == "linux-kvm":
        out.pop("linux-boot", None)  # the "linux" run's figure, with fewer exits to count
        exits = first(EXITS, lines)
        if exits:
            out["linux-kvm-exits"] = exit_counts(exits)
    return out


def exit_counts(match):
    return dict((k, int(v)) for k, v in re.findall(r"(\S+) (\d+)", match.group(1)))


def first(rx, lines):
    return next((m for m in map(rx.search, lines) if m), None)


def restart_time(lines, out):
    """The restart's cycles: from the TSC Bulkhead read when it saw the watchdog miss (its
    restart line) to the TSC the partition's new run reads first (the guests' TSC is the host's:
    Bulkhead never offsets it), in us at the TSC rate the guest was given."""
    fault, fig = first(RESTART, lines), out.get("partition-restart")
    if fig and fault:
        fig["cycles"] = fig.pop("entry_tsc") - int(fault.group(1))
        fig["us"] = fig["cycles"] * 1000 // fig["khz"]


def linux_boot(lines, out):
    """The Linux boot's figures: guest TSC from the partition's start to /init (the same TSC
    Linux reads: Bulkhead never offsets it), in ms at the frequency Bulkhead handed Linux, and
    the exits by reason Bulkhead counted until /init ended the run through the reset register."""
    start, khz, exits = first(START, lines), first(KHZ, lines), first(EXITS, lines)
    boot = out.get("linux-boot")
    if boot and start:
        boot["cycles"] = boot.pop("init_tsc") - int(start.group(1))
        if khz:
            boot["ms"] = boot["cycles"] // int(khz.group(1))
    if exits:
        out["linux-boot-exits"] = exit_counts(exits)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    ap.add_argument("--bochs-ips", type=int, default=10000000,
                    help="Bochs instructions per emulated second (its TSC rate)")
    ap.add_argument("--bochs-logs", help="Bochs log directory (default: a temporary one)")
    ap.add_argument("runs", nargs="+", metavar="[PLATFORM:]NAME=ISO")
    args = ap.parse_args()
    result = {"qemu": " ".join(QEMU[QEMU.index("-icount"):QEMU.index("-m")])}
    missing = []
    for spec in args.runs:
        head, _, iso = spec.partition("=")
        plat, _, name = head.rpartition(":")
        plat = plat or "qemu"
        if name not in RUNS or not iso or plat not in ("qemu", "bochs-vmx"):
            sys.exit("run_bench.py: %r: expected [PLATFORM:]NAME=ISO with PLATFORM qemu or "
                     "bochs-vmx and NAME one of %s" % (spec, ", ".join(RUNS)))
        wanted, end = RUNS[name]
        t0 = time.monotonic()
        cpus = CPUS.get(name, 1)
        if plat == "qemu":
            lines = run(iso, end, args.timeout, cpus)
            into = result
        else:
            with tempfile.TemporaryDirectory(prefix="bench-bochs-") as tmp:
                logdir = os.path.join(args.bochs_logs or tmp, name)
                lines = run_bochs(iso, end, args.timeout, args.bochs_ips, logdir, cpus)
            into = result.setdefault(plat, {
                "bochs": "cpu: model=%s, count=1, ips=%d; clock: sync=none"
                         % (harness.PLATFORMS[plat].cpu_model, args.bochs_ips)})
        got = figures(lines, name)
        for line in lines:
            if "bench: " in line and not line.startswith("bench: bochs-vmx: "):
                print("%s%s" % ("" if plat == "qemu" else plat + ": ",
                                re.sub(r"^.*?(bench: )", r"\1", line)))
        print("bench: %s %s run: %.1f s wall" % (plat, name, time.monotonic() - t0))
        if cpus > 1:
            for w in wanted:
                got.get(w, {})["cpus"] = cpus
        lost = [w for w in wanted if w not in got]
        if name == "restart" and "cycles" not in got.get("partition-restart", {}):
            lost.append("'restart 1 of N, fault at TSC' line")
        if plat == "bochs-vmx" and not any("partitions: VMX backend" in l for l in lines):
            lost.append("'partitions: VMX backend' line")
        # Bochs' Intel model has x2APIC: the partition's timer must run there without exits.
        if plat == "bochs-vmx" and name == "partition":
            lost += [w for w in ("idle-x2apic", "timer-1khz-x2apic") if w not in got]
        if lost:
            missing.append("%s:%s: no %s; serial tail:\n  %s"
                           % (plat, name, ", ".join(lost), "\n  ".join(lines[-15:])))
        into.update(got)
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
