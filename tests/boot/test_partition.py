# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of running partitions: the demo's raw64 `sensor` partition runs the test guest
(tests/guests/hello.c) on its own CPU, its virtual console lines appear prefixed with its name,
and its test-exit is reported with the exit counters; a guest writing outside its memory is
stopped by its on-fault policy; where there is no SVM nothing starts."""

import re

import pytest

from harness import BANNER

EXITS = ("cpuid", "msr", "io", "npf", "hlt", "hypercall", "shutdown", "intr", "virt-insn", "other")


def exit_counts(line):
    """{reason: count} from 'exits: cpuid 1, msr 0, ...'."""
    counts = dict((k, int(v)) for k, v in re.findall(r"([a-z-]+) (\d+)", line.split("exits: ")[1]))
    assert list(counts) == list(EXITS), line
    return counts


@pytest.mark.platforms("qemu-bios", "qemu-uefi")
@pytest.mark.bound(300)
def test_sensor_runs(boot, platform):
    m = boot()
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: partitions: SVM backend",
        r"\[cpu0\] info: partition service: memory@0: guest 0x0 -> host 0x20000000, 131072 KiB",
        r"\[cpu0\] warn: partition service: protocol multiboot2 is not supported yet",
        r"\[cpu0\] info: partition sensor: sensor\.bin loaded at 0x100000, \d+ bytes",
        r"\[cpu0\] info: partition sensor: NPT 0 x 1 GiB, 8 x 2 MiB, 0 x 4 KiB pages; ASID \d+",
        r"\[cpu0\] info: partition sensor: starts on CPU 1 \(APIC ID 1\) at 0x100000",
        r"\[cpu0\] info: boot complete",
    )
    m.expect_lines(
        r"\[cpu1\] info: sensor: hello from sensor$",
        r"\[cpu1\] info: sensor: counter 1$",
        r"\[cpu1\] info: sensor: counter 2$",
        r"\[cpu1\] info: sensor: counter 3$",
        r"\[cpu1\] info: sensor: a line through the virtual UART$",
        r"\[cpu1\] info: sensor: hypercalls so far: \d+$",
    )
    done = m.wait_for(r"\[cpu1\] info: partition sensor: exited \(test-exit, status 0\); exits: ")
    counts = exit_counts(done.string)
    # One CPUID (the guest picks VMMCALL), two port exits per UART byte (LSR poll, THR write),
    # three hypercalls per counter line and the rest; nothing faulted.
    assert counts["cpuid"] >= 1 and counts["io"] >= 2 * len("a line through the virtual UART\n")
    assert counts["hypercall"] >= 10
    assert counts["npf"] == counts["shutdown"] == counts["other"] == counts["virt-insn"] == 0
    m.assert_no_line(r"error:|panic")


@pytest.mark.platforms("bochs-vmx")
@pytest.mark.bound(300)
def test_no_svm_nothing_starts(boot, platform):
    m = boot()
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: config: description accepted",
        r"\[cpu0\] warn: partitions: not started: no SVM on this CPU",
        r"\[cpu0\] info: boot complete",
    )
    m.assert_no_line(r"error:|panic|partition \w+: starts")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(300)
def test_fault_outside_memory(boot, platform, test_iso):
    m = boot(test_iso("partition-fault"), fail_on=r"(?i)panic")
    m.wait_for(r"\[cpu0\] info: partition sensor: fault\.bin loaded at 0x100000")
    m.expect_lines(
        r"\[cpu1\] info: sensor: writing outside my memory$",
        r"\[cpu1\] error: partition sensor: fault: write access to gpa 0x40000000 outside its "
        r"memory; on-fault \"restart\" not implemented yet: halted; exits: .*npf 1",
    )
    m.assert_no_line(r"still running|exited \(test-exit")
