# SPDX-License-Identifier: BSD-2-Clause
"""PCI passthrough and a legacy IRQ line (tests/config/pci-edu.dts, guests tests/guests/edu_owner.c and pci_probe.c) on
the qemu-q35-edu board: q35 with QEMU's edu at 00:03.0 and no IOMMU.

Bulkhead enumerates the bus and passes edu to its owner, which finds it through its virtual bus
(the only function there), sizes its BAR but cannot move it, sees its command filtered, talks to
it (identification, liveness, factorial), takes its MSI and DMAs into its own memory. The prober
owns nothing: the bus is empty for it, and reading edu's BAR faults it (on-fault "halt") while the
owner goes on working with edu. The owner then resets itself (on-fault "restart") with MSI on
and a BAR mid-sizing: edu is reset (it has neither FLR nor a PM capability: bus master and decode
off, as its reset-method says; BARs and command restored) and the second run finds and drives it again from a clean view."""

import re

import pytest

from harness import BANNER

TIMEOUT = 90
FAIL_ON = r"(?i)panic|exited \(test-exit, status [1-9]"


@pytest.mark.platforms("qemu-q35-edu")
@pytest.mark.bound(240)
def test_pci_edu_passthrough(boot, platform, test_iso):
    m = boot(test_iso("pci-edu"), cpus=3, extra_args=("-serial", "null"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: pci: \d+ functions through ECAM \(MCFG\)",
        r"\[cpu0\] info: pci: 00:03\.0 1234:11e8 class 00ff00 msi",
        r"\[cpu0\] info: pci:   BAR0 mem32 0x[0-9a-f]+ \+ 0x100000",
        r"\[cpu0\] info: config: pci-edu\.bundle, description of",
        r"\[cpu0\] info: config: .*pci 00:03\.0",
        r"info: partition edu: 00:03\.0 BAR0 MMIO 0x[0-9a-f]+ \+ 0x100000 passed through",
        timeout=TIMEOUT)
    m.cursor = 0
    m.expect_lines(
        r"edu: edu: found 1234:11e8 at 0:3\.0, 3 function\(s\) on buses 0-1",
        r"edu: edu: BAR0 0x[0-9a-f]+, 1024 KiB; a move to 0x9000000 was refused",
        r"edu: edu: command 0x[0-9a-f]+ \(memory, bus master; SERR# kept at [01]\)",
        r"edu: edu: id 0x[0-9a-f]+00ed, liveness inverted, 5! = 120, 10! = 3628800",
        r"edu: edu: MSI vector 0x50 taken 2 times",
        r"edu: edu: DMA of 2048 bytes to the device and back into my memory at 0x8000800",
        r"edu: edu: virtio-rng at 1:0\.0: MSI-X hidden, PCIe, BAR4 0x[0-9a-f]+ \(64-bit, 16 KiB\) "
        r"mapped",
        timeout=TIMEOUT)
    m.cursor = 0
    m.wait_for(r"prober: prober: no PCI function on bus 0, edu's address included", TIMEOUT)
    m.wait_for(r"prober: prober: reading edu's BAR0 at 0x([0-9a-f]+)", TIMEOUT)
    fault = m.wait_for(r"error: partition prober: fault: read access to gpa 0x[0-9a-f]+ outside "
                       r"its memory; on-fault \"halt\"", TIMEOUT)
    m.wait_for(r"edu: edu: pass$", TIMEOUT)
    m.expect_lines(
        r"edu: edu: asking for a reset with MSI on and BAR0 being sized",
        r"error: partition edu: fault: reset requested through its reset register; "
        r"on-fault \"restart\"",
        r"partition edu: restart 1 of 1",
        # FLR where the function has it; else the description's reset-method.
        r"info: partition edu: 00:03\.0 reset: bus master and decode off",
        r"info: partition edu: 01:00\.0 reset: function-level reset",
        r"edu: edu: found 1234:11e8 at 0:3\.0, 3 function\(s\) on buses 0-1",
        r"edu: edu: MSI vector 0x50 taken 2 times",
        r"edu: edu: pass after its restart",
        r"partition edu: 00:03\.0 stopped: bus master, decode and MSI off",
        r"partition edu: 01:00\.0 stopped: bus master, decode and MSI off",
        r"partition edu: exited \(test-exit, status 0\)",
        timeout=TIMEOUT)
    lines = m.kernel_lines()
    i_fault = max(i for i, l in enumerate(lines) if "partition prober: fault" in l)
    i_pass = min(i for i, l in enumerate(lines) if l.endswith("edu: edu: pass"))
    assert i_pass > i_fault, "the owner's last checks ran before the prober's fault"
    m.assert_no_line(r"prober: prober: still running")
    assert any(re.search(r"config: partition edu: .*; reset-method bus-master-off; DMA "
                         r"unprotected$", l) for l in lines), "the description's reset-method"


@pytest.mark.platforms("qemu-q35-edu")
@pytest.mark.bound(240)
def test_legacy_irq_line(boot, platform, test_iso):
    """The legacy partition owns COM2 and ISA IRQ 3: its virtual I/O APIC entry is mirrored on
    the physical pin, masked means nothing arrives, and aimed at the edu owner's core it still
    arrives at its own (the owner would end with an unexpected-trap status otherwise)."""
    m = boot(test_iso("pci-edu"), cpus=3, extra_args=("-serial", "null"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(
        r"legacy: legacy: IRQ 3 through the I/O APIC: \d+ interrupts",
        r"legacy: legacy: masked: none",
        r"legacy: legacy: aimed at APIC ID 0: \d+ interrupts, all here",
        r"partition legacy: exited \(test-exit, status 0\)",
        timeout=TIMEOUT)
    m.cursor = 0
    m.wait_for(r"partition edu: exited \(test-exit, status 0\)", TIMEOUT)


@pytest.mark.platforms("qemu-q35-edu")
@pytest.mark.bound(240)
def test_pci_functions_refuted_by_the_machine(boot, platform, test_iso):
    """A description the host tool accepts, refused at boot by what enumeration found: a
    function the bus lacks, and a DMA-capable one on a board without an IOMMU."""
    m = boot(test_iso("pci-refused"), fail_on=None)
    m.expect_lines(
        r"\[cpu0\] info: pci: 00:03\.0 1234:11e8",
        r"\[cpu0\] error: config: /partitions/edu: pci-devices: 00:03\.0 can do DMA to any "
        r"memory and this machine has no IOMMU \(no ACPI DMAR or IVRS\); add dma-unprotected; "
        r"to accept that",
        r"\[cpu0\] error: config: /partitions/edu: pci-devices: 00:05\.0: no such PCI function "
        r"on this machine",
        r"(?i)panic.*config: 2 errors, refusing to start partitions",
        timeout=TIMEOUT)
    m.assert_no_line(r"config: description accepted|boot complete")


@pytest.mark.platforms("bochs-vmx")
@pytest.mark.bound(400)
def test_pci_io_bar_on_vmx(boot, platform, test_iso):
    """VMX, enumeration through the legacy ports (Bochs has no MCFG), an I/O BAR opened in the
    owner's I/O bitmap and closed for the other partition."""
    m = boot(test_iso("pci-uhci"), cpus=2, extra_args=("usb_uhci: enabled=1",), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(
        r"\[cpu0\] info: pci: \d+ functions through ports 0xcf8/0xcfc",
        r"\[cpu0\] info: pci: 00:01\.2 8086:7020 class 0c0300",
        r"\[cpu0\] info: pci:   BAR4 io 0x[0-9a-f]+ \+ 0x20",
        r"info: partition usb: 00:01\.2 BAR4 ports 0x[0-9a-f]+ \+ 0x20 passed through",
        timeout=180)
    m.cursor = 0
    m.expect_lines(
        r"uhci: 0:1\.2 ports 0x[0-9a-f]+-0x[0-9a-f]+: SOF 0x40, frame number written and read",
        r"partition usb: exited \(test-exit, status 0\)",
        timeout=180)
    m.cursor = 0
    m.expect_lines(
        r"outsider: no function on bus 0; ports 0x[0-9a-f]+-0x[0-9a-f]+ read all ones",
        r"partition outsider: exited \(test-exit, status 0\)",
        timeout=180)
