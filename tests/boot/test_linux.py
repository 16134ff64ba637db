# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenario of a stock Linux partition (tests/config/linux.dts): Debian's 6.1 kernel, fetched
by the build (tests/boot/linux.mk), started by Bulkhead's `linux` boot protocol
(docs/boot-protocols.md) on two CPUs with 256 MiB and an initramfs of busybox-static and
tests/guests/linux/init. Everything asserted about the guest is what Linux itself prints: its
banner, the e820 map it was handed, the TSC frequency, its memory, its CPUs, and /init running.
Then /init runs tests/guests/linux/hostile.c as root: unowned ports, IPIs out of the partition,
and kexec into a ring-0 payload that ends by writing the real-time neighbour's memory; each step's
result, Bulkhead's refusals and the partition's fault and halt are asserted, and the neighbour
counts on.

/init and the hostile program write to /dev/kmsg, which the kernel prints by polling the UART,
so their lines keep their order with the kernel's own."""

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
# Seconds from the partition start to /init's last line: measured 9-41 s wall (6.3 s of guest time),
# by the load of the shared host.
LINUX_TIMEOUT = 60
# The victim ticks until the run ends (tests/guests/guests.mk): a report every 25 ticks, so the
# next one comes well inside this after the fault, even on a loaded host.
VICTIM_TIMEOUT = 30
VICTIM = r"\[cpu3\] info: victim: victim: "
# tests/guests/linux/hostile.c's pokes, (port, value written): an unowned port reads all ones
# and drops writes (docs/partition-view.md), before and after the write.
PORT_POKES = [(0x43, 0x34), (0x40, 0x02), (0x40, 0x00), (0x20, 0x11), (0x21, 0x00), (0xa0, 0x11),
              (0xa1, 0x00), (0x70, 0x8f), (0x71, 0x0a)]
# Its IPIs, ICR low word and destination, by the name it prints.
IPIS = [("INIT to APIC ID 3", 0x4500, 3), ("SIPI to APIC ID 3", 0x4608, 3),
        ("NMI to APIC ID 3", 0x4400, 3), ("fixed IPI to APIC ID 3", 0x4040, 3),
        ("fixed IPI to all excluding self", 0xc4040, 0)]
# MSRs whose core-wide state is Bulkhead's, with what a read gives root: only the TSC (also
# Bulkhead's clock) reads; no write lands (the msr driver's EIO for the #GP).
MACHINE_MSRS = [(0x10, "TSC", r"0x[0-9a-f]+"), (0xc0010010, "SYSCFG", "EIO"),
                (0xc0010015, "HWCR", "EIO"), (0xc001001a, "TOP_MEM", "EIO"),
                (0xc0010112, "SMM_ADDR", "EIO"), (0xc0010114, "VM_CR", "EIO"),
                (0xc0010117, "VM_HSAVE_PA", "EIO")]
# What the kexec payload (tests/guests/linux/kexec_payload.S) sends from ring 0 and Bulkhead
# refuses, in its order; its INIT, NMI and fixed IPIs to all excluding self stay inside. Then the
# console UART's interrupt, which it routed to APIC ID 3 through the I/O APIC (one edge).
PAYLOAD_REFUSED = [("INIT", 3), ("SIPI", 3), ("NMI", 3), ("fixed", 3), ("INIT", 0)]
IOAPIC_REFUSED = ("fixed", 3)


def hostile(step, result):
    return LINE + r"bulkhead-hostile: %s: %s$" % (step, result)


def hostile_ring3(m):
    """Root's attacks from user space (tests/guests/linux/hostile.c): none leaves the partition.
    Ports: every unowned port reads all ones and drops writes, both resets included. IPIs: the
    partition's APIC is in xAPIC mode (QEMU TCG has no x2APIC, Bulkhead offers none), so WRMSR
    to the x2APIC ICR #GPs (the msr driver's EIO), and Linux's strict /dev/mem refuses to map the
    APIC page (EPERM): no IPI reaches Bulkhead from here, the ring-0 payload sends them. MSRs
    of the machine (SVM host save area, memory and SMM configuration, TSC) neither read nor
    write, the TSC's read aside. Hypercalls from ring 3 are refused."""
    m.expect_lines(
        hostile("port-io", r"iopl\(3\): ok"),
        *[hostile("port-io", r"port 0x%02x \(.*\): read 0xff, wrote 0x%02x, read 0xff" % pv)
          for pv in PORT_POKES],
        hostile("port-io", r"pci config: wrote 0x80000000 to 0xcf8, read 0xffffffff back, "
                r"0xcfc reads 0xffffffff"),
        hostile("port-io", r"reset: 0x64 read 0xff, wrote 0xfe; 0xcf9 read 0xff, wrote 0x06; "
                r"still here"),
        hostile("apic", r"insmod /lib/modules/msr\.ko: ok"),
        hostile("apic", r"IA32_APIC_BASE 0xfee00900: xAPIC mode"),
        *[hostile("apic", r"wrmsr 0x830 \(x2APIC ICR\) = 0x%016x, %s: EIO" % (d << 32 | lo, what))
          for what, lo, d in IPIS],
        hostile("apic", r"mmap /dev/mem at 0xfee00000 \(xAPIC page\): EPERM"),
        *[hostile("msr", r"0x%x \(%s\): rdmsr %s, wrmsr 0 EIO" % m) for m in MACHINE_MSRS],
        # Bulkhead's hypercalls answer ring 0 only: HC_E_PERM (-1), nothing printed, no exit.
        hostile("hypercall", r"HC_CONSOLE_WRITE from ring 3: -1"),
        hostile("hypercall", r"HC_TEST_EXIT from ring 3: -1"),
        timeout=LINUX_TIMEOUT)
    m.assert_no_line(r"printed by hypercall from ring 3")


def hostile_kexec(m):
    """kexec into our payload (tests/guests/linux/kexec_payload.S): in ring 0 with Linux gone,
    its IPIs out of the partition, sent directly or as the console UART's interrupt routed by the
    I/O APIC, are refused and logged, its resets are dropped, and its write to the victim's host
    address faults and halts the partition (its on-fault)."""
    m.expect_lines(
        hostile("kexec", r"kexec_load of /kexec-payload\.bin \(\d+ bytes\) at 0x100000: ok"),
        hostile("kexec", r"reboot\(LINUX_REBOOT_CMD_KEXEC\)"),
        LINE + r"kexec_core: Starting new kernel$",
        r"\[cpu\d\] info: linux: bulkhead-payload: ring 0 after kexec, Linux gone$",
        *[r"\[cpu\d\] warn: partition linux: %s IPI to APIC ID %d outside the partition refused$"
          % kd for kd in PAYLOAD_REFUSED],
        r"\[cpu\d\] info: linux: bulkhead-payload: xAPIC ICR written: ",
        r"\[cpu\d\] warn: partition linux: %s IPI to APIC ID %d outside the partition refused$"
        % IOAPIC_REFUSED,
        r"\[cpu\d\] info: linux: bulkhead-payload: I/O APIC pin 4 routed to APIC ID 3, ",
        r"\[cpu\d\] info: linux: bulkhead-payload: 0xcf9 read 0xff, wrote 0x06; 0x64 read 0xff, "
        r"wrote 0xfe$",
        r"\[cpu\d\] info: linux: bulkhead-payload: survived both resets; writing 0x30000000$",
        r"\[cpu\d\] error: partition linux: fault: write access to gpa 0x30000000 outside its "
        r"memory; on-fault \"halt\"",
        r"\[cpu\d\] info: partition linux: %d IPIs outside the partition refused in all$"
        % (len(PAYLOAD_REFUSED) + 1),
        r"\[cpu\d\] error: partition linux: halted",
        timeout=LINUX_TIMEOUT)
    # Only the payload's were refused: no IPI from user space reached the filter.
    refused = [l for l in m.lines if re.search(r"warn: partition linux: .* refused$", l)]
    assert len(refused) == len(PAYLOAD_REFUSED) + 1, "\n".join(refused)


def e820_lines(m):
    """(start, end, type) of every 'BIOS-e820:' line Linux printed."""
    out = []
    for line in m.kernel_lines():
        g = re.search(r"BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.+)$", line)
        if g:
            out.append((int(g.group(1), 16), int(g.group(2), 16), g.group(3).strip()))
    return out


# Bulkhead's error lines are expected once, for the hostile write; checked in order below. The
# hostile program returns only if a step was refused before its last; its lines say which.
FAIL_ON = (r"(?i)\bpanic:|Kernel panic|partition victim: (fault|halted)|"
           r"exited \(test-exit, status [1-9]|bulkhead-init: hostile: exited")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(240)
def test_linux_boots_to_init(boot, test_iso, platform):
    """Debian's kernel boots in a 2-CPU, 256 MiB partition to its initramfs's /init; root there
    reaches nothing outside the partition."""
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
    hostile_ring3(m)
    hostile_kexec(m)
    # The real-time partition on CPU 3 counted through Linux's boot, its SMP start-up and every
    # attack, without a gap (tests/guests/victim.c fails on a stall of 100 periods) and with its
    # memory pattern intact (either would end it with a failing status, FAIL_ON): still
    # ticking after the fault, so it was counting all along.
    m.wait_for(VICTIM + r"tick \d+, count \d+$", timeout=VICTIM_TIMEOUT)
    # No reset reached the machine: Bulkhead started once.
    assert sum(1 for l in m.lines if re.search(BANNER, l)) == 1
    m.assert_no_line(r"bulkhead-payload: the write returned")
    # User space's tty output reached the console (checked last: it is sent by interrupts, at
    # its own pace): the port is the DSDT's PNP0501 device, its IRQ the virtual I/O APIC's
    # pin 4 (docs/partition-view.md); a PIC-less partition has no other way to it.
    assert any(re.search(r"info: linux: .*bulkhead-init: the console tty works", l)
               for l in m.lines), "init's stdout never reached the console"
    assert any(re.search(LINE + r"00:0\d: ttyS0 at I/O 0x3f8 \(irq = \d+, base_baud = \d+\) "
                         r"is a 16550A$", l) for l in m.lines)

