# SPDX-License-Identifier: BSD-2-Clause
"""End to end of board inspection (docs/inspect.md): the description bulkhead-inspect wrote for
the captured QEMU i440fx board (tests/boards/qemu-i440fx), edited as a user would
(tests/boards/e2e-assign.sh: a second CPU and the edu device into "main" with
dma-unprotected, the image TODO decided), checked, signed in a bundle with Debian's kernel,
and booted on the machine that was captured: pc, 4 CPUs, 512 MiB, an edu device. The hypervisor accepts it against the real
machine and Linux in the proposed partition reaches its /init."""

import pytest

from harness import BANNER

LINE = r"\[cpu\d\] info: main: .{0,4}\[ *\d+\.\d+\] "
LINUX_TIMEOUT = 90  # partition start to /init's last line; about 10 s of wall time here
# The captured machine (tests/boards/qemu-i440fx/qemu.txt); the platform gives -machine pc.
CAPTURED = dict(cpus=4, mem_mib=512, extra_args=["-device", "edu"])


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(240)
def test_inspected_description_boots(boot, test_iso, platform):
    """The inspected, edited description is accepted at boot and its partition runs Linux."""
    m = boot(test_iso("inspected"), **CAPTURED)
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: config: 1 partitions, 0 channels; hypervisor on svm, console 0x3f8$",
        r"\[cpu0\] info: config: partition main: APIC IDs 0, 1; nested none; on-fault halt; "
        r"DMA unprotected$",
        r"\[cpu0\] info: config:   memory@0: guest 0x0 -> placed by Bulkhead, 389120 KiB, rwx$",
        r"\[cpu0\] info: config:   devices: pci 00:03\.0$",
        r"\[cpu0\] info: config: description accepted$",
        r"\[cpu0\] info: partition main: starts on CPU 0 \(APIC ID 0\)",
        r"\[cpu0\] info: boot complete$",
    )
    m.expect_lines(
        LINE + r"Command line: console=ttyS0 panic=-1 pci=noacpi tsc_early_khz=\d+$",
        # Its virtual PCI bus: the read-only host bridge and edu, nothing else of the board.
        LINE + r"pci 0000:00:00\.0: \[1b36:0008\] type 00 class 0x060000$",
        LINE + r"pci 0000:00:03\.0: \[1234:11e8\] type 00 class 0x00ff00$",
        LINE + r"bulkhead-init: cpus online 0-1$",
        LINE + r"bulkhead-init: MemTotal: +\d+ kB$",
        LINE + r"bulkhead-init: done$",
        timeout=LINUX_TIMEOUT,
    )
