# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of running partitions: the demo's four partitions run at once (the raw64
`sensor` runs tests/guests/hello.c, the others the multiboot test guest of tests/guests/mb/), each
on its own CPU; virtual console lines appear prefixed with the partition's name, and each
test-exit is reported with the exit counters; a guest writing outside its memory is
restarted by its on-fault policy up to its limit, then halted. Each runs on SVM (QEMU) and on
VMX (Bochs)."""

import re

import pytest

from harness import BANNER

EXITS = ("cpuid", "msr", "io", "npf", "hlt", "hypercall", "shutdown", "intr", "virt-insn", "other",
         "apic", "xsetbv")


# The backend each platform runs and the line it prints for a partition's nested page tables.
BACKENDS = {
    "qemu-bios": ("SVM", "NPT", "ASID"),
    "qemu-uefi": ("SVM", "NPT", "ASID"),
    "bochs-vmx": ("VMX", "EPT", "VPID"),
}


def exit_counts(line):
    """{reason: count} from 'exits: cpuid 1, msr 0, ...'."""
    counts = dict((k, int(v)) for k, v in re.findall(r"([a-z-]+) (\d+)", line.split("exits: ")[1]))
    assert list(counts) == list(EXITS), line
    return counts


@pytest.mark.platforms("qemu-bios", "qemu-uefi", "bochs-vmx")
@pytest.mark.bound(300)
def test_demo_runs(boot, platform):
    """The demo's four partitions run at once, each on its own CPU: raw64, multiboot2 (twice)
    and multiboot, each checking what it was handed and ending with test-exit."""
    backend, tables, tag = BACKENDS[platform.name]
    m = boot()
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: irq: 8259 PICs and \d+ IOAPIC pins masked",
        r"\[cpu0\] info: partitions: %s backend" % backend,
        r"\[cpu0\] info: partition service: memory@0: guest 0x0 -> host 0x20000000, 131072 KiB",
        r"\[cpu0\] info: partition service: ACPI tables at 0xe0000 \(RSDP\), 1 CPUs",
        r"\[cpu0\] info: partition service: mb2guest\.elf loaded, 2 segments, entry 0x1",
        r"\[cpu0\] info: partition service: starts on CPU 0 \(APIC ID 0\)",
        r"\[cpu0\] info: partition sensor: sensor\.bin loaded at 0x100000, \d+ bytes",
        # 16 MiB of memory in 2 MiB pages, and the 4 KiB channel "readings" it writes.
        r"\[cpu0\] info: partition sensor: %s 0 x 1 GiB, 8 x 2 MiB, 1 x 4 KiB pages; %s \d+"
        % (tables, tag),
        r"\[cpu0\] info: partition sensor: starts on CPU 1 \(APIC ID 1\) at 0x100000",
        r"\[cpu0\] info: partition control: mb1guest\.elf loaded",
        r"\[cpu0\] info: partition control: starts on CPU 2 \(APIC ID 2\)",
        r"\[cpu0\] info: partition nested: starts on CPU 3 \(APIC ID 3\)",
        r"\[cpu0\] info: boot complete",
    )
    sensor = m.cursor
    m.expect_lines(
        r"\[cpu1\] info: sensor: hello from sensor$",
        r"\[cpu1\] info: sensor: counter 1$",
        r"\[cpu1\] info: sensor: counter 2$",
        r"\[cpu1\] info: sensor: counter 3$",
        r"\[cpu1\] info: sensor: a line through the virtual UART$",
        r"\[cpu1\] info: sensor: hypercalls so far: \d+$",
        r"\[cpu1\] info: partition sensor: exits \(on request\): cpuid 1, .*hypercall \d+, ",
    )
    done = m.wait_for(r"\[cpu1\] info: partition sensor: exited \(test-exit, status 0\); exits: ")
    counts = exit_counts(done.string)
    # One CPUID (the guest picks VMMCALL or VMCALL), two port exits per UART byte (LSR poll, THR write),
    # three hypercalls per counter line and the rest; nothing faulted.
    assert counts["cpuid"] >= 1 and counts["io"] >= 2 * len("a line through the virtual UART\n")
    assert counts["hypercall"] >= 10
    assert counts["npf"] == counts["shutdown"] == counts["other"] == counts["virt-insn"] == 0
    # The multiboot partitions print concurrently with the sensor: each in its own order.
    for name, cpu, magic in (("service", 0, "0x36d76289"), ("control", 2, "0x2badb002"),
                             ("nested", 3, "0x36d76289")):
        m.cursor = sensor
        m.expect_lines(
            r"\[cpu%d\] info: %s: multiboot2? guest: magic %s" % (cpu, name, magic),
            r"\[cpu%d\] info: %s: RSDP revision 2, checksums right" % (cpu, name),
            r"\[cpu%d\] info: %s: cmdline: mbtest role=%s$" % (cpu, name, name),
            r"\[cpu%d\] info: %s: mbguest: PASS" % (cpu, name),
            r"\[cpu%d\] info: partition %s: exited \(test-exit, status 0\)" % (cpu, name),
        )
    m.assert_no_line(r"error:|panic")


@pytest.mark.platforms("qemu-bios", "bochs-vmx")
@pytest.mark.bound(300)
def test_fault_outside_memory(boot, platform, test_iso):
    m = boot(test_iso("partition-fault"), fail_on=r"(?i)panic")
    m.wait_for(r"\[cpu0\] info: partition sensor: fault\.bin loaded at 0x100000")
    # on-fault "restart" with restart-limit 3: three reloads from the verified image, each
    # faulting again, then the fourth fault halts it.
    for n in (1, 2, 3):
        m.expect_lines(
            r"\[cpu1\] info: sensor: writing outside my memory$",
            r"\[cpu1\] error: partition sensor: fault: write access to gpa 0x40000000 outside "
            r"its memory; on-fault \"restart\"; exits: .*npf %d" % n,
            r"\[cpu1\] warn: partition sensor: restart %d of 3" % n,
            r"\[cpu1\] info: partition sensor: fault\.bin loaded at 0x100000",
        )
    m.expect_lines(
        r"\[cpu1\] info: sensor: writing outside my memory$",
        r"\[cpu1\] error: partition sensor: fault: .* on-fault \"restart\" \(restart limit "
        r"reached: halted\); exits: .*npf 4",
        r"\[cpu1\] error: partition sensor: halted",
    )
    m.assert_no_line(r"partition sensor: exited|panic")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(300)
def test_fault_resets_system(boot, platform, test_iso):
    m = boot(test_iso("partition-reset"), fail_on=r"(?i)panic")
    m.expect_lines(
        r"\[cpu1\] info: sensor: writing outside my memory$",
        r"\[cpu1\] error: partition sensor: fault: write access to gpa 0x40000000 outside "
        r"its memory; on-fault \"reset-system\"; exits: .*npf 1",
        r"\[cpu1\] error: resetting the machine \(asked by sensor\)",
    )
    # The harness runs QEMU with -no-reboot: the machine reset ends it with status 0.
    m.wait_exit(30)
    assert m.returncode == 0, m.exit_reason()


# XCR0 bits of tests/guests/xcr0.c's checks, and whether the platform's backend sees XSETBV:
# VMX exits on every one (SDM 25.1.2), SVM leaves it to the CPU (no intercept).
XCR0_AVX, XCR0_MPX, XCR0_AVX512 = 1 << 2, 3 << 3, 7 << 5
XSETBV_EXITS = {"qemu-bios": False, "qemu-uefi": False, "bochs-vmx": True}


def xsetbv_exits_expected(supported):
    """XSETBVs the guest's checks execute with CR4.OSXSAVE set: two valid values and five
    refused ones, one more valid with AVX, three more with AVX-512, two more with MPX."""
    n = 2 + 5 + (1 if supported & XCR0_AVX else 0)
    n += 3 if supported & XCR0_AVX512 == XCR0_AVX512 else 0
    return n + (2 if supported & XCR0_MPX == XCR0_MPX else 0)


@pytest.mark.platforms("qemu-bios", "bochs-vmx")
@pytest.mark.bound(300)
def test_xsetbv_xcr0(boot, platform, test_iso):
    """XSAVE in a partition (tests/guests/xcr0.c): CPUID's OSXSAVE follows its CR4, XSETBV
    loads valid XCR0 values (XGETBV and CPUID leaf 0xD agree) and raises #GP(0) for invalid ones
    (ECX 1, bit 0 clear, AVX without SSE, a reserved bit, AVX-512 or MPX in part); after a fault
    restarts the partition on the same core, XCR0 is back at its reset value 1."""
    m = boot(test_iso("partition-xcr0"), fail_on=r"(?i)panic|ASSERT|unexpected|still running")
    m.wait_for(r"\[cpu0\] info: partition xcr0: starts on CPU 1")
    supported = int(m.expect_lines(
        r"\[cpu1\] info: xcr0: xcr0: 0x1 at start$",
        r"\[cpu1\] info: xcr0: xcr0: supported 0x([0-9a-f]+)$",
    )[1].group(1), 16)
    count = m.expect_lines(
        r"xcr0: xcr0: valid values loaded, (\d+) invalid ones refused with #GP$",
        r"xcr0: xcr0: (\d+) XSETBV exits$",
        r"xcr0: xcr0: leaving 0x3 and faulting$",
        r"\[cpu1\] error: partition xcr0: fault: write access to gpa 0x40000000 outside its memory",
        r"\[cpu1\] warn: partition xcr0: restart 1 of 1",
        r"\[cpu1\] info: xcr0: xcr0: 0x1 at start, after the restart$",
    )[1].group(1)
    expected = xsetbv_exits_expected(supported) if XSETBV_EXITS[platform.name] else 0
    assert int(count) == expected, "XSETBV exits %s, expected %d" % (count, expected)
    done = m.wait_for(r"\[cpu1\] info: partition xcr0: exited \(test-exit, status 0\); exits: ")
    counts = exit_counts(done.string)
    # The restarted run executes no valid XSETBV; the counter spans both runs.
    assert counts["xsetbv"] == expected + (1 if expected else 0)
    assert counts["other"] == counts["shutdown"] == 0 and counts["npf"] == 1
