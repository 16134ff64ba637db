# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of channels and health (tests/config/channel.dts, watchdog.dts; guests in
tests/guests/): a writer passes a counter to two readers through a channel with doorbells, the
doorbell's rate limit holds against a storm, a reader that writes into the channel is faulted,
and a monitor partition reads every partition's health; a partition that stops kicking its
watchdog is restarted with fresh memory up to its limit while a victim keeps counting.

Each scenario runs on SVM (qemu-bios) and VMX (bochs-vmx) from one ISO carrying both
descriptions, like tests/boot/test_isolation.py, whose helpers it uses."""

import re

import pytest

from test_isolation import FAIL_ON, PLATFORMS, boot_scenario, index, wait_all


@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(115)
def test_channel_doorbells_and_monitor(boot, platform, test_iso):
    """writer (CPU 0), reader-a (1), reader-b (2), monitor (3)."""
    m = boot_scenario(boot, platform, test_iso("channel"), "channel", fail_on=FAIL_ON)
    fault = (r"partition %s: fault: write access to channel counter at gpa 0x80000008: not "
             r"allowed; on-fault \"halt\"")
    lines = wait_all(
        m,
        r"channel counter: guest 0x80000000 -> host 0x[0-9a-f]+, 4 KiB; writer writer, 2 readers",
        r"writer: writer: 50 values acked by both readers",
        r"writer: writer: storm: \d+ rung, \d+ refused in \d+ us \(limit allows \d+\)$",
        r"partition writer: exited \(test-exit, status 0\)",
        r"reader-a: reader: 50 values in order, one doorbell each$",
        r"reader-b: reader: 50 values in order, one doorbell each$",
        r"reader-a: reader: storm: \d+ of \d+ doorbells arrived$",
        r"reader-b: reader: storm: \d+ of \d+ doorbells arrived$",
        fault % "reader-a",
        fault % "reader-b",
        r"partition reader-a: health: stopped, restarts 0, faults 1, last fault \"write access",
        r"monitor: monitor: both readers stopped by their fault$",
        r"partition monitor: exited \(test-exit, status 0\)",
    )
    text = "\n".join(lines)
    rung, refused = map(int, re.search(r"storm: (\d+) rung, (\d+) refused", text).groups())
    assert refused > 0 and rung + refused == 400
    for r in ("reader-a", "reader-b"):
        assert index(lines, r"%s: reader: writing to the counter channel now" % r) < \
            index(lines, fault % r)
        assert re.search(r"monitor: monitor: %s: stopped, restarts 0, faults 1, last fault "
                         r"\"write access to channel counter" % r, text)
    m.assert_no_line(r"the write went through|partition (writer|monitor): fault")


@pytest.mark.platforms(*PLATFORMS)
@pytest.mark.bound(115)
def test_watchdog_restarts_with_fresh_memory_then_halts(boot, platform, test_iso):
    """victim (CPU 0) counts while dog (CPU 1, watchdog 50 ms, restart limit 2) stops kicking
    in each run: restarted twice with fresh memory, then halted."""
    m = boot_scenario(boot, platform, test_iso("watchdog"), "watchdog", fail_on=FAIL_ON)
    miss = (r"partition dog: fault: watchdog: no kick within 50 ms; on-fault \"restart\"")
    # VMX: a total hang, caught by the preemption timer; SVM: caught at the partition's exits.
    hang = " with interrupts off" if platform.name == "bochs-vmx" else ", timer ticking"
    lines = wait_all(
        m,
        r"dog: dog: run 0, marker fresh, watchdog 50 ms$",
        r"dog: dog: run 0 alive through 6 periods; no more kicks$",
        r"dog: dog: hanging%s$" % hang,
        r"partition dog: restart 1 of 2",
        r"partition dog: health: running, restarts 1 of 2, faults 1, last fault \"watchdog: "
        r"no kick within 50 ms\"",
        r"dog: dog: run 1, marker fresh, watchdog 50 ms$",
        r"partition dog: restart 2 of 2",
        r"dog: dog: run 2, marker fresh, watchdog 50 ms$",
        r"dog: dog: run 2 alive through 6 periods; no more kicks$",
        miss + r" \(restart limit reached: halted\)",
        r"partition dog: halted",
        r"partition dog: health: stopped, restarts 2 of 2, faults 3, last fault \"watchdog: ",
        r"victim: victim: count \d+, unbroken$",
        r"partition victim: exited \(test-exit, status 0\)",
    )
    runs = [index(lines, r"dog: dog: run %d, marker fresh" % n) for n in range(3)]
    quiet = [index(lines, r"dog: dog: run %d alive through" % n) for n in range(3)]
    misses = [i for i, l in enumerate(lines) if re.search(miss, l)]
    assert len(misses) == 3
    for n in range(3):
        assert runs[n] < quiet[n] < misses[n]
    progress = [i for i, l in enumerate(lines) if re.search(r"victim: victim: tick \d+", l)]
    assert progress and progress[-1] > misses[2], "the victim stopped counting"
    m.assert_no_line(r"stale marker|partition victim: (fault|restart)|run 3,")
