# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios: the hypervisor comes up on every platform, and its exception handler reports."""

import re

import pytest

from harness import BANNER

CPUS = 4
ONLINE = r"\[cpu(\d+)\] info: online, APIC ID (\d+)"
PANIC = r"(?i)\bpanic:"  # the fault scenarios expect error lines, but never a panic


@pytest.mark.bound(300)
def test_boot(boot, platform):
    m = boot()
    m.wait_for(BANNER)
    m.wait_for(r"\[cpu0\] info: virtualization: %s\b" % platform.virt)
    online = [m.wait_for(ONLINE) for _ in range(CPUS)]
    m.wait_for(r"\[cpu0\] info: %d of %d CPUs online" % (CPUS, CPUS))
    m.wait_for(r"\[cpu0\] info: boot complete")

    cpus = sorted(int(o.group(1)) for o in online)
    apic_ids = [int(o.group(2)) for o in online]
    assert cpus == list(range(CPUS)), "CPU numbers online: %s" % cpus
    assert len(set(apic_ids)) == CPUS, "APIC IDs not distinct: %s" % apic_ids
    m.assert_no_line(r"error:|panic")


def fault_block(m):
    """Boot to completion, then return the lines from the exception report to the halt."""
    m.wait_for(r"\[cpu0\] info: boot complete")
    return m.between(r"\[cpu0\] error: exception #", r"\[cpu0\] error: CPU halted")


def assert_dump(block):
    """Register dump and stack trace as printed by the exception handler."""
    text = "\n".join(block)
    assert re.search(r"RIP=0x[0-9a-fA-F]+", text), "no RIP in:\n" + text
    assert re.search(r"RSP=0x[0-9a-fA-F]+", text), "no RSP in:\n" + text
    trace = [i for i, line in enumerate(block) if "stack trace:" in line]
    assert trace, "no 'stack trace:' in:\n" + text
    frames = block[trace[0] + 1 :]
    assert any(re.search(r"#0 0x[0-9a-fA-F]+", f) for f in frames), "no frame #0 in:\n" + text


@pytest.mark.bound(300)
def test_fault_ud(boot, platform, test_iso):
    m = boot(test_iso("fault-ud"), fail_on=PANIC)
    block = fault_block(m)
    assert re.search(r"exception #UD \(vector 6\)", block[0]), block[0]
    assert_dump(block)


@pytest.mark.bound(300)
def test_fault_pf(boot, platform, test_iso):
    m = boot(test_iso("fault-pf"), fail_on=PANIC)
    block = fault_block(m)
    text = "\n".join(block)
    assert re.search(r"exception #PF \(vector 14\)", block[0]), block[0]
    assert re.search(r"error code 0x0*2\b", text), "no 'error code 0x2' in:\n" + text
    assert re.search(r"CR2=0x0+\b", text), "no 'CR2=0x0...0' in:\n" + text
    assert_dump(block)


@pytest.mark.bound(300)
def test_fault_stack_overflow(boot, platform, test_iso):
    """Running off the boot stack hits its guard page; the #PF cannot be delivered on that stack,
    so the CPU raises #DF, which runs on its own IST stack and still reports."""
    m = boot(test_iso("fault-stack"), fail_on=PANIC)
    block = fault_block(m)
    text = "\n".join(block)
    assert re.search(r"exception #DF \(vector 8\)", block[0]), block[0]
    assert re.search(r"overflow_stack\+0x", text), "trace does not name the recursion:\n" + text
    assert_dump(block)


# VMX without a feature the backend needs (vcpu/vmx/vmx_caps.c, the NEED_ON controls of
# vcpu/vmx/vmx_ctls.c): Bochs 2.7 models that have VMX but lack it. Every partition needs
# unrestricted guest (multiboot guests start with paging off, application processors in real
# mode after INIT-SIPI), so the backend refuses without it, as without EPT.
VMX_MISSING = [
    ("core2_penryn_t9600", "EPT"),  # Penryn: VMX without EPT
    ("corei5_lynnfield_750", "unrestricted guest"),  # Nehalem: EPT and VPID, no unrestricted guest
]


@pytest.mark.platforms("bochs-vmx")
@pytest.mark.bound(300)
@pytest.mark.parametrize("cpu_model,missing", VMX_MISSING, ids=[c for c, _ in VMX_MISSING])
def test_vmx_missing_feature_refused(boot, platform, cpu_model, missing):
    """The normal ISO on a VMX CPU without @missing: the hypervisor boots, names the missing
    control, starts no partition and stays up."""
    m = boot(cpu_model=cpu_model, fail_on=r"(?i)panic|\] error: ")
    probe = m.wait_for(r"\[cpu0\] info: virtualization: VMX \((.*)\)$").group(1)
    # The model really lacks it (the probe lists the VMX features it found).
    assert missing not in probe.split(";")[0].split(", "), probe
    m.expect_lines(
        r"\[cpu0\] info: config: description accepted",
        r"\[cpu0\] warn: partitions: not started: VMX secondary processor-based control "
        r"\"%s\" cannot be 1$" % missing,
        r"\[cpu0\] info: boot complete",
    )
    m.assert_no_line(r"partitions: VMX backend|partition \S+: (starts on|\S+ loaded)|error:|panic")
