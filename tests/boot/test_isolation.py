# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of partitions running at once on the 4-CPU machine (tests/config/isolation-*.dts,
partition-timer.dts; guests in tests/guests/): an SMP partition brings up its CPUs, a victim counts
while hostile guests attack, each attack is contained by Bulkhead (refused, or the attacker's
on-fault policy: restart up to its limit, halt), and the victim ends with an unbroken count.

The victim is judged in guest terms (../shared/guides/platforms.md, "Continuity checks"): it
started once, its tick and count rise from one progress line to the next, its progress lines
continue after every attack was dealt with, and its own checks (pattern, no foreign interrupt,
timer still ticking) pass until its test-exit with status 0.

Each scenario runs on SVM (qemu-bios) and on VMX (bochs-vmx, 4 CPUs) from the same ISO: it
carries the SVM description and its VMX variant (tests/config/*-vmx.dts, which differ only in
cpu-vendor) and Bulkhead takes its CPU's. The expectations are the same on both; only the time
allowed differs (Bochs runs the guests 5-10x slower than QEMU TCG here)."""

import re
import time

import pytest

from harness import BANNER, BootError

# Seconds from the banner to the last expected line (the victim runs 4 s of guest time), per
# platform. Measured on Bochs: 8-17 s from the banner (bundle checks, then the guests), 17-33 s
# from power-on; each test's hard bound (115 s at most) stays under 2 minutes.
SCENARIO_TIMEOUT = {"qemu-bios": 60, "bochs-vmx": 90}
PLATFORMS = ("qemu-bios", "bochs-vmx")
# A guest's failure ends the wait at once (the guests report one with a non-zero status).
FAIL_ON = r"(?i)panic|exited \(test-exit, status [1-9]"
VICTIM_PATTERN = 0x30800000  # tests/guests/isolation.h: the victim's host base + pattern offset


# The backend each platform runs, and the description (bundle) Bulkhead takes from the ISO.
BACKENDS = {"qemu-bios": ("SVM", ""), "bochs-vmx": ("VMX", "-vmx")}


def boot_scenario(boot, platform, iso, name, **kwargs):
    """Boot the scenario's ISO; check Bulkhead took the description for its CPU's backend."""
    backend, suffix = BACKENDS[platform.name]
    m = boot(iso, **kwargs)
    m.wait_for(BANNER)
    m.expect_lines(r"\[cpu0\] info: config: %s%s\.bundle, description of" % (name, suffix),
                   r"\[cpu0\] info: partitions: %s backend" % backend,
                   timeout=SCENARIO_TIMEOUT[platform.name])
    return m


def wait_all(m, *regexes):
    """Wait until every regex matches some kernel line, in any order (partitions interleave)."""
    end = time.monotonic() + SCENARIO_TIMEOUT[m.platform.name]
    for r in regexes:
        m.cursor = 0
        m.wait_for(r, timeout=max(end - time.monotonic(), 0.1))
    return m.kernel_lines()


def x2apic_offered(lines):
    """Bulkhead says so where the CPU has x2APIC (Bochs' Intel models; QEMU 7.2 TCG has none)."""
    return any(re.search(r"info: partitions: \S+ backend, x2APIC offered", l) for l in lines)


def index(lines, regex):
    """Index of the first line matching regex; fails if there is none."""
    for i, line in enumerate(lines):
        if re.search(regex, line):
            return i
    raise BootError("no line matching /%s/" % regex)


def check_victim(lines, attacks_over):
    """The victim's run: one start, rising progress, progress after the attacks, a clean end."""
    starts = [i for i, l in enumerate(lines) if re.search(r"victim: victim: start", l)]
    assert len(starts) == 1, "the victim started %d times" % len(starts)
    progress = [(i, int(t), int(c)) for i, l in enumerate(lines)
                for t, c in re.findall(r"victim: victim: tick (\d+), count (\d+)$", l)]
    assert len(progress) >= 3, "too few victim progress lines: %s" % progress
    for (_, t0, c0), (_, t1, c1) in zip(progress, progress[1:]):
        assert t1 > t0 and c1 > c0, "victim progress did not rise: %s" % progress
    after = [p for p in progress if p[0] > attacks_over]
    assert after, "no victim progress after the last attack was dealt with (line %d)" % attacks_over
    end = index(lines, r"victim: victim: count (\d+), unbroken$")
    final = int(re.search(r"count (\d+), unbroken", lines[end]).group(1))
    assert final >= progress[-1][2] and end > progress[-1][0]
    index(lines, r"partition victim: exited \(test-exit, status 0\)")
    return starts[0]


@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(115)
def test_smp_victim_hostile_ipi(boot, platform, test_iso):
    """smp (CPUs 0, 1), victim (CPU 2), hostile-ipi (CPU 3) at once."""
    m = boot_scenario(boot, platform, test_iso("isolation-ipi"), "isolation-ipi", fail_on=FAIL_ON)
    lines = wait_all(
        m,
        r"smp: smp: \d+ IPIs answered \(\d+ rounds of fixed, then NMI\)$",
        r"smp: smp: 2 NMIs back to back: 2 taken, 0 nested$",  # NMI blocking until IRET
        r"smp: smp: all 2 CPUs up, IPIs work$",
        r"partition smp: exited \(test-exit, status 0\)",
        r"hostile-ipi: hostile-ipi: xAPIC: the self-IPI and the broadcast arrived$",
        r"hostile-ipi: hostile-ipi: done$",
        r"partition hostile-ipi: exited \(test-exit, status 0\)",
        r"victim: victim: count \d+, unbroken$",
        r"partition victim: exited \(test-exit, status 0\)",
    )
    assert len([l for l in lines if re.search(r"smp: smp: cpu \d+ up, APIC ID", l)]) == 1
    # Bulkhead logs a partition's first 8 refused IPIs: every kind to the victim's CPU (2) and
    # to one of smp's (1), the nearest IDs below the attacker's; then it counts. All 32 IPIs
    # that would leave the partition were refused (tests/guests/hostile_ipi.c).
    refused = {}
    for l in lines:
        for kind, apic in re.findall(r"partition hostile-ipi: (\S+) IPI to APIC ID (\d+) outside "
                                     r"the partition refused", l):
            refused.setdefault(int(apic), set()).add(kind)
    kinds = {"INIT", "SIPI", "NMI", "fixed"}
    assert refused == {2: kinds, 1: kinds}, "IPIs refused, logged: %s" % refused
    index(lines, r"partition hostile-ipi: 32 IPIs refused so far")
    # Where x2APIC is offered (Bochs' Intel model) a second round goes through the x2APIC ICR,
    # with aliases of IDs 1 and 2 (0x101, 0x102): 32 + 32 + 8 refusals.
    if x2apic_offered(lines):
        index(lines, r"hostile-ipi: hostile-ipi: x2APIC: the self-IPI and the broadcast arrived$")
        index(lines, r"partition hostile-ipi: 64 IPIs refused so far")
    else:
        assert not [l for l in lines if "hostile-ipi: x2APIC:" in l]
    first_attack = index(lines, r"hostile-ipi: hostile-ipi: xAPIC: APIC ID 3, sending")
    attacks_over = max(i for i, l in enumerate(lines)
                       if re.search(r"hostile-ipi: hostile-ipi: \S+ \d+ IPIs sent outside", l))
    start = check_victim(lines, attacks_over)
    assert start < first_attack, "the victim was not running when the attack began"
    # The smp partition kept exchanging IPIs through the attack on its CPUs.
    assert index(lines, r"smp: smp: cpu 1 up") < first_attack
    assert index(lines, r"smp: smp: \d+ IPIs answered") > attacks_over
    m.assert_no_line(r"partition (smp|victim|hostile-ipi): (fault|restart)|error:")


@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(115)
def test_victim_hostile_mem_io_triple(boot, platform, test_iso):
    """victim (CPU 0), hostile-mem (restart, limit 2), hostile-io-msr, triple (halt)."""
    m = boot_scenario(boot, platform, test_iso("isolation-mem"), "isolation-mem", fail_on=FAIL_ON)
    fault = r"partition hostile-mem: fault: %s access to gpa 0x%x outside its memory"
    lines = wait_all(
        m,
        fault % ("read", VICTIM_PATTERN),
        r"partition hostile-mem: restart 1 of 2",
        fault % ("write", VICTIM_PATTERN),
        r"partition hostile-mem: restart 2 of 2",
        fault % ("write", 0x1000000) + r".*halted",
        r"hostile-io-msr: hostile-io-msr: contained$",
        r"partition hostile-io-msr: exited \(test-exit, status 0\)",
        r"triple: triple: faulting now$",
        r"partition triple: fault: triple fault \(shutdown\); on-fault \"halt\"",
        r"partition triple: halted",
        r"victim: victim: count \d+, unbroken$",
        r"partition victim: exited \(test-exit, status 0\)",
    )
    # The attacks in order, one per run of hostile-mem, each stopped before its next line.
    runs = [index(lines, r"hostile-mem: hostile-mem: attack %d: " % n) for n in range(3)]
    faults = [index(lines, fault % (k, a)) for k, a in
              (("read", VICTIM_PATTERN), ("write", VICTIM_PATTERN), ("write", 0x1000000))]
    assert runs[0] < faults[0] < runs[1] < faults[1] < runs[2] < faults[2]
    assert len([l for l in lines if re.search(BANNER, l)]) == 1, "machine reset"
    first_attack = min(runs[0], index(lines, r"triple: triple: faulting now"))
    attacks_over = max(faults[2], index(lines, r"partition triple: fault: "),
                       index(lines, r"partition hostile-io-msr: exited"))
    start = check_victim(lines, attacks_over)
    assert start < first_attack, "the victim was not running when the attacks began"
    m.assert_no_line(r"not stopped|still running|attack 3|restart 3 of|partition triple: restart"
                     r"|partition (victim|hostile-io-msr): (fault|restart)")


@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(90)
def test_lapic_timer(boot, platform, test_iso):
    """The timer guest: periodic ticks with HLT between them, one-shot, TPR; in xAPIC mode, and
    in x2APIC mode where offered (Bochs' Intel model), where the periodic phase costs no exit."""
    m = boot_scenario(boot, platform, test_iso("partition-timer"), "partition-timer",
                      fail_on=FAIL_ON + r"|\] error: ")
    modes = ["xAPIC"] + (["x2APIC"] if x2apic_offered(m.kernel_lines()) else [])
    for mode in modes:
        m.expect_lines(
            r"timer: timer: \d+ counts per 10000 us$",
            r"timer: timer: %s: 20 periodic ticks in \d+ us, \d+ exits$" % mode,
            r"timer: timer: %s: one-shot fired 1 time\(s\)$" % mode,
            r"timer: timer: %s: TPR 0x50 held the tick back until lowered$" % mode,
            timeout=SCENARIO_TIMEOUT[platform.name],
        )
    m.expect_lines(
        r"timer: timer: all checks passed$",
        r"partition timer: exited \(test-exit, status 0\)",
        timeout=SCENARIO_TIMEOUT[platform.name],
    )
    exits = dict(re.findall(r"timer: timer: (\S+): 20 periodic ticks in \d+ us, (\d+) exits$",
                            "\n".join(m.kernel_lines()), re.M))
    assert int(exits["xAPIC"]) >= 20
    if "x2APIC" in modes:
        assert int(exits["x2APIC"]) == 0, exits
    else:
        assert "x2APIC" not in exits, "x2APIC offered where the CPU has none"



@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(90)
def test_serial_irq(boot, platform, test_iso):
    """The serial-irq guest next to the timer: its virtual I/O APIC from the MADT, a 16550A as
    Linux probes it, a line sent by THRE interrupts through pin 4; a masked pin delivers
    nothing, and pins aimed at the timer partition's CPU or asking for SMI are refused."""
    m = boot_scenario(boot, platform, test_iso("partition-timer"), "partition-timer",
                      fail_on=FAIL_ON + r"|\] error: ")
    m.expect_lines(
        r"serial-irq: serial-irq: I/O APIC id 0 at 0xfec00000, GSI base 0, version 0x170020$",
        r"serial-irq: serial-irq: 16550A found at 0x3f8$",
        r"serial-irq: serial-irq: this line was sent by interrupts$",
        r"serial-irq: serial-irq: 46 THRE interrupts through I/O APIC pin 4$",
        r"serial-irq: serial-irq: masked and foreign pins delivered nothing here$",
        r"serial-irq: serial-irq: all checks passed$",
        r"partition serial-irq: exited \(test-exit, status 0\)",
        timeout=SCENARIO_TIMEOUT[platform.name],
    )
    lines = m.kernel_lines()
    index(lines, r"partition serial-irq: fixed IPI to APIC ID 1 outside the partition refused")
    index(lines, r"partition serial-irq: SMI IPI refused")
    # 45 bytes and one more interrupt that found nothing left to send (tests/guests/serial_irq.c).
    # The timer partition on CPU 1 got nothing it did not ask for: its own checks all passed.
    m.expect_lines(r"partition timer: exited \(test-exit, status 0\)",
                   timeout=SCENARIO_TIMEOUT[platform.name])