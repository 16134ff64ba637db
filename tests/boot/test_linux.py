# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenario of a stock Linux partition (tests/config/linux.dts): Debian's 6.1 kernel, fetched
by the build (tests/boot/linux.mk), started by Bulkhead's `linux` boot protocol
(docs/boot-protocols.md) on two CPUs with 256 MiB and an initramfs of busybox-static and
tests/guests/linux/init. Everything asserted about the guest is what Linux itself prints: its
banner, the e820 map it was handed, the TSC frequency, its memory, its CPUs, and /init running.

/init writes to /dev/kmsg, which the kernel prints by polling the UART, so its lines keep their
order with the kernel's own."""

import re

import pytest

from harness import BANNER

LINE = r"\[cpu\d\] info: linux: .{0,4}\[ *\d+\.\d+\] "
MIB = 1 << 20
# The description's memory@0, 256 MiB, as the partition's firmware view maps it
# (docs/partition-view.md): ACPI tables at 0xe0000, the rest of the firmware area reserved.
E820 = [
    (0x0, 0xdffff, "usable"),
    (0xe0000, 0xe0fff, "ACPI data"),
    (0xe1000, 0xfffff, "reserved"),
    (0x100000, 256 * MIB - 1, "usable"),
]
# Seconds from the partition start to /init's last line: measured 9-23 s wall (6.3 s of guest time).
LINUX_TIMEOUT = 60


def e820_lines(m):
    """(start, end, type) of every 'BIOS-e820:' line Linux printed."""
    out = []
    for line in m.kernel_lines():
        g = re.search(r"BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.+)$", line)
        if g:
            out.append((int(g.group(1), 16), int(g.group(2), 16), g.group(3).strip()))
    return out


# Bulkhead's error lines are expected once, for the hostile write; checked in order below.
FAIL_ON = (r"(?i)\bpanic:|Kernel panic|partition victim: (fault|halted)|"
           r"exited \(test-exit, status [1-9]")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(150)
def test_linux_boots_to_init(boot, test_iso, platform):
    """Debian's kernel boots in a 2-CPU, 256 MiB partition to its initramfs's /init."""
    m = boot(test_iso("linux"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    khz = int(m.wait_for(r"\[cpu0\] info: partition linux: command line \"console=ttyS0 .* "
                         r"tsc_early_khz=(\d+)\"$").group(1))
    m.expect_lines(
        r"\[cpu0\] info: partition linux: vmlinuz \(boot protocol 2\.15\) at 0x1000000, "
        r"entry 0x1000200, zero page 0x10000$",
        r"\[cpu0\] info: partition linux: initrd initramfs\.cpio at 0x[0-9a-f]+, \d+ bytes$",
        r"\[cpu0\] info: partition linux: starts on CPU 1 \(APIC ID 1\) at 0x1000200",
    )
    start = m.elapsed
    m.expect_lines(LINE + r"Linux version 6\.1\.\S+-amd64 \(debian-kernel@lists\.debian\.org\)",
                   LINE + r"Command line: console=ttyS0 .*tsc_early_khz=%d$" % khz,
                   timeout=LINUX_TIMEOUT)
    mhz = m.wait_for(LINE + r"tsc: Detected (\d+\.\d+) MHz processor$", timeout=LINUX_TIMEOUT)
    assert mhz.group(1) == "%d.%03d" % (khz // 1000, khz % 1000)
    assert e820_lines(m) == E820, "\n".join(map(str, e820_lines(m)))
    mem = m.wait_for(LINE + r"Memory: \d+K/(\d+)K available", timeout=LINUX_TIMEOUT)
    # Linux counts the usable RAM of the map minus page 0 and 640 KiB-1 MiB, which it reserves.
    usable_k = sum(e - s + 1 for s, e, t in E820 if t == "usable") // 1024
    assert int(mem.group(1)) == usable_k - 4 - (0xe0000 - 0xa0000) // 1024
    m.expect_lines(
        LINE + r"smp: Brought up 1 node, 2 CPUs$",
        LINE + r"Trying to unpack rootfs image as initramfs",
        LINE + r"Run /init as init process$",
        LINE + r"bulkhead-init: running as pid 1$",
        LINE + r"bulkhead-init: cpus online 0-1$",
        timeout=LINUX_TIMEOUT)
    total = int(m.wait_for(LINE + r"bulkhead-init: MemTotal: +(\d+) kB$").group(1))
    assert 128 * 1024 < total < 256 * 1024
    m.wait_for(LINE + r"bulkhead-init: done$", timeout=LINUX_TIMEOUT)
    print("linux: banner to /init done in %.1f s wall" % (m.elapsed - start))
    # Until /init is done (the hostile part below faults the partition on purpose).
    assert not any(re.search(r"partition linux: (fault|halted)|\] error: ", l)
                   for l in m.lines[:m.cursor])
    # A stock command line: no MSR Linux reads on this CPU faults, 5-level paging (QEMU's
    # -cpu max offers LA57) and RDTSCP work, and MTRRs read as enabled let PAT be set up.
    m.assert_no_line(r"unchecked MSR access error")
    assert any(re.search(r"x86/PAT: Configuration \[0-7\]", l) for l in m.lines)
    # Root with /dev/mem writes where the real-time partition's memory is on the host: the
    # Linux partition faults and halts (its on-fault), the victim keeps counting.
    m.expect_lines(
        LINE + r"bulkhead-init: hostile: writing 0x30000000 through /dev/mem$",
        r"\[cpu\d\] error: partition linux: fault: write access to gpa 0x30000000 outside its "
        r"memory; on-fault \"halt\"",
        r"\[cpu\d\] error: partition linux: halted",
        timeout=LINUX_TIMEOUT)
    # The real-time partition on CPU 3 counted through Linux's boot, its SMP start-up and the
    # hostile write, without a gap (tests/guests/victim.c fails on a stall of 100 periods) and
    # with its memory pattern intact.
    m.wait_for(r"\[cpu3\] info: victim: victim: count \d+, unbroken$", timeout=LINUX_TIMEOUT)
    m.wait_for(r"\[cpu3\] info: partition victim: exited \(test-exit, status 0\)")
    m.assert_no_line(r"bulkhead-init: hostile: the write returned")
