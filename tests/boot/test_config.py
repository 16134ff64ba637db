# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of the partition description: the demo is accepted and its partition table
printed; a description only the machine can refute (a CPU it lacks) stops the boot."""

import pytest

from harness import BANNER

# The demo (configs/demo.dtsi); the hypervisor takes the description of its CPU's vendor.
VENDOR = {"SVM": ("qemu-svm.bundle", "svm", r"ports 0xf4-0xf4"),
          "VMX": ("bochs-vmx.bundle", "vmx", r"ports 0x8900-0x8900")}
CFG = r"\[cpu0\] info: config: "


@pytest.mark.platforms("qemu-bios", "bochs-vmx")
@pytest.mark.bound(300)
def test_demo_partition_table(boot, platform):
    dtb, vendor, exit_port = VENDOR[platform.virt]
    m = boot()
    m.wait_for(BANNER)
    m.expect_lines(
        CFG + dtb + r", description of \d+ bytes",
        CFG + r"4 partitions, 2 channels; hypervisor on %s, console 0x3f8" % vendor,
        CFG + r"partition service: APIC IDs 0; nested none; on-fault reset-system",
        CFG + r"  memory@0: guest 0x0 -> host 0x20000000, 131072 KiB, rwx",
        CFG + r"  devices: " + exit_port,
        CFG + r"partition sensor: APIC IDs 1; nested none; on-fault restart \(limit 3\); "
        r"watchdog 1000 ms",
        CFG + r"  memory@0: guest 0x0 -> placed by Bulkhead, 16384 KiB, rwx",
        CFG + r"  image: sensor.bin, protocol raw64, entry 0x100000",
        CFG + r"partition control: APIC IDs 2;",
        CFG + r"  console: passthrough UART 0x2f8",
        CFG + r"partition nested: APIC IDs 3; nested %s; on-fault halt" % vendor,
        CFG + r"channel readings: 4 KiB at guest 0x80000000, writer sensor, readers control, service; "
        r"doorbell vector 64",
        CFG + r"description accepted",
        r"\[cpu0\] info: boot complete",
    )
    m.assert_no_line(r"error:|panic")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(300)
def test_cpu_missing_from_machine_is_refused(boot, platform, test_iso):
    m = boot(test_iso("config-bad-cpu"), fail_on=None)
    m.expect_lines(
        r"\[cpu0\] error: config: /partitions/nested: cpus: APIC ID 7 is not an online CPU of "
        r"this machine \(online: 0-3\)",
        r"(?i)panic.*config: 1 errors, refusing to start partitions",
    )
    m.assert_no_line(r"config: description accepted|boot complete")
