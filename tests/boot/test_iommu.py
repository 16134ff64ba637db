# SPDX-License-Identifier: BSD-2-Clause
"""DMA isolation with the board's IOMMU (tests/config/iommu-edu.dts; guests
tests/guests/dma_hostile.c and dma_victim.c) on both IOMMU kinds: qemu-vtd (q35 with
intel-iommu) and qemu-amdvi (q35 with amd-iommu), each with QEMU's edu at 00:03.0.

The hostile partition owns edu. A round trip through the device inside its own memory works
and reads back what it wrote. Then it aims the device at the victim's secret, by its host
address and by its guest address, writing junk and reading it out: the IOMMU refuses each
transfer, Bulkhead logs the fault naming the device, the address, the direction and the owner,
nothing of the secret comes back, and the victim finds its secret intact and keeps counting
after the attacks (judged in guest terms: its tick and count lines rise past them)."""

import os
import re

import pytest

from harness import BANNER

TIMEOUT = 90
FAIL_ON = r"(?i)panic|exited \(test-exit, status [1-9]|dma-victim: secret changed"
SECRET_HOST, SECRET_GPA, RO_GPA = 0x31000000, 0x40000000, 0x2000000  # tests/guests/dma_test.h
DRIVER = {"qemu-vtd": r"VT-d unit 0 at 0xfed90000: ",
          "qemu-amdvi": r"AMD-Vi 0 at 0xfed80000 \(device 00:02\.0\): "}
# QEMU 7.2's amd-iommu writes no event: amdvi_log_event tests the status register with "|" where
# it means "&", so it always sees an overflow and returns; a walk that meets a not-present
# entry returns without an IO_PAGE_FAULT too. Its isolation holds; its faults go unlogged.
FAULTS_LOGGED = {"qemu-vtd": True, "qemu-amdvi": False}
FAULT = (r"warn: iommu: DMA fault: device 00:03\.0 \(partition hostile\) (read|write) "
         r"at 0x([0-9a-f]+): ")


def victim_progress(lines):
    return [(i, int(t), int(c)) for i, l in enumerate(lines)
            for t, c in re.findall(r"victim: dma-victim: tick (\d+), count (\d+), secret intact",
                                   l)]


@pytest.mark.platforms("qemu-vtd", "qemu-amdvi")
@pytest.mark.bound(240)
def test_iommu_dma_isolation(boot, platform, test_iso):
    m = boot(test_iso("iommu-edu"), cpus=2, fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(r"info: iommu: %s.*DMA remapping on, every device blocked"
                   % DRIVER[platform.name],
                   r"info: config: iommu-edu\.bundle, description of",
                   r"info: partition hostile: DMA domain 2: 2 regions, 1 PCI functions",
                   timeout=TIMEOUT)
    m.cursor = 0
    m.expect_lines(
        r"hostile: dma-hostile: edu at 00:03\.0, BAR0 0x[0-9a-f]+",
        r"hostile: dma-hostile: DMA round trip through edu in my own memory: 2048 bytes read back",
        r"hostile: dma-hostile: my MSI \(vector 0x50\) arrived",
        r"hostile: dma-hostile: writing junk to my read-only memory at 0x2000000",
        r"hostile: dma-hostile: my read-only memory is unchanged",
        r"hostile: dma-hostile: writing junk to the victim's host address 0x31000000",
        r"hostile: dma-hostile: nothing of the secret came back from 0x31000000",
        r"hostile: dma-hostile: writing junk to the victim's guest address 0x40000000",
        r"hostile: dma-hostile: nothing of the secret came back from 0x40000000",
        r"hostile: dma-hostile: done",
        r"partition hostile: exited \(test-exit, status 0\)",
        timeout=TIMEOUT)
    # Two more progress lines of the victim after the attacks: it kept counting.
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    lines = m.kernel_lines()
    m.stop()
    done = max(i for i, l in enumerate(lines) if "dma-hostile: done" in l)

    faults = [(d, int(a, 16)) for l in lines for d, a in re.findall(FAULT, l)]
    expected = [("write", RO_GPA)] + [(d, t) for t in (SECRET_HOST, SECRET_GPA)
                                      for d in ("write", "read")]
    if FAULTS_LOGGED[platform.name]:
        for f in expected:
            assert f in faults, "no %s fault at 0x%x logged: %s" % (f[0], f[1], faults)
    assert all(f in expected for f in faults), "a fault nobody caused: %s" % faults
    progress = victim_progress(lines)
    assert [p for p in progress if p[0] > done], "the victim did not count after the attacks"
    for (_, t0, c0), (_, t1, c1) in zip(progress, progress[1:]):
        assert t1 > t0 and c1 > c0, "victim progress did not rise: %s" % progress
    assert sum("dma-victim: start" in l for l in lines) == 1, "the victim restarted"


# QEMU 7.2's intel-iommu delivers compatibility-format interrupts as they are while remapping
# is on, whatever GSTS.CFIS says (VT-d 4.1, 5.1.4: they are blocked unless CFI is set, and
# Bulkhead leaves it clear): the forged message reaches the victim there. The test follows the
# specification; strict, so a QEMU that blocks it shows up as a pass to take in.
VTD_CFI_BUG = pytest.mark.xfail(strict=True, reason="QEMU 7.2 intel-iommu ignores CFI: "
                                "compatibility-format interrupts pass while remapping is on")


@pytest.mark.platforms("qemu-vtd", "qemu-amdvi")
@pytest.mark.bound(240)
def test_iommu_forged_msi(boot, platform, test_iso, request):
    """The hostile partition forges an interrupt message by DMA (one dword, vector 0x41, fixed,
    to APIC ID 0: the victim's core) into 0xfee00000. Remapping blocks it: the victim, which
    ends with a failure on any interrupt it did not ask for, keeps counting after it."""
    if platform.name == "qemu-vtd":
        request.applymarker(VTD_CFI_BUG)
    m = boot(test_iso("iommu-msi"), cpus=2, fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(r"info: iommu: .*interrupt remapping on",
                   r"info: config: iommu-msi\.bundle, description of",
                   timeout=TIMEOUT)
    m.cursor = 0
    m.expect_lines(r"hostile: dma-hostile: my MSI \(vector 0x50\) arrived",
                   r"hostile: dma-hostile: forging an MSI, vector 0x41 to APIC ID 0, by DMA to "
                   r"0xfee00000",
                   r"hostile: dma-hostile: forged MSI sent",
                   r"partition hostile: exited \(test-exit, status 0\)",
                   timeout=TIMEOUT)
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    lines = m.kernel_lines()
    m.stop()
    assert not any("unexpected trap" in l for l in lines), "the forged interrupt arrived"
    progress = victim_progress(lines)
    sent = max(i for i, l in enumerate(lines) if "forged MSI sent" in l)
    assert [p for p in progress if p[0] > sent], "the victim did not count after the forgery"


@pytest.mark.platforms("qemu-vtd", "qemu-amdvi")
@pytest.mark.bound(240)
def test_iommu_legacy_line(boot, platform, test_iso):
    """An owned ISA line under interrupt remapping (tests/config/iommu-irq.dts): the legacy
    partition (tests/guests/legacy_irq.c) drives the physical COM2 (QEMU's second serial port,
    into com2.log) and takes its THRE interrupts on line 3, which Bulkhead routes through a
    remapping entry (VT-d: a remappable I/O APIC entry; AMD-Vi: the I/O APIC's interrupt
    table). Masked, the pin delivers nothing; aimed at the victim's core, it still arrives at
    the legacy partition's own, and the victim, which fails on any interrupt it did not ask
    for, keeps counting."""
    m = boot(test_iso("iommu-irq"), cpus=2, fail_on=FAIL_ON,
             extra_args=["-serial", "file:{logdir}/com2.log"])
    m.wait_for(BANNER)
    m.cursor = 0
    m.expect_lines(r"legacy: legacy: IRQ 3 through the I/O APIC: \d+ interrupts",
                   r"legacy: legacy: masked: none",
                   r"legacy: legacy: aimed at APIC ID 0: \d+ interrupts, all here",
                   r"partition legacy: exited \(test-exit, status 0\)",
                   timeout=TIMEOUT)
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    m.wait_for(r"victim: dma-victim: tick \d+, count \d+, secret intact", TIMEOUT)
    m.stop()
    assert os.path.getsize(os.path.join(m.logdir, "com2.log")) > 0, "nothing reached COM2"
