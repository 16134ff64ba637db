# SPDX-License-Identifier: BSD-2-Clause
"""pytest glue for the boot scenarios: platforms, ISOs, per-test logs, hard bounds, cleanup.

Fixtures:
  platform      a harness.Platform; tests taking it run once per platform
                (restrict with @pytest.mark.platforms("qemu-bios", ...), or --platforms / $BOOT_PLATFORMS)
  boot          boot(iso=None, **Machine-kwargs) -> started harness.Machine, killed at teardown
                (e.g. boot(cpu_model="core2_penryn_t9600"): another Bochs CPU for this run only)
  test_iso      test_iso("fault-ud") -> path of build/test-isos/fault-ud.iso (built by boot.mk)
Markers:
  platforms(*names)  the platforms a test runs on
  bound(seconds)     hard limit for the whole test (default 600, times BOOT_TIMEOUT_SCALE)
"""

import os
import re
import signal
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_BOUND = 600.0
_timings = []  # (test id, platform, GRUB, banner, boot complete) seconds since start


def pytest_addoption(parser):
    g = parser.getgroup("bulkhead boot scenarios")
    g.addoption("--kernel-iso", default=os.environ.get("KERNEL_ISO") or
                os.path.join(ROOT, "build", "bulkhead.iso"), help="the default ISO")
    g.addoption("--iso-dir", default=os.environ.get("BOOT_ISO_DIR") or
                os.path.join(ROOT, "build", "test-isos"), help="where test ISOs are")
    g.addoption("--log-dir", default=os.environ.get("BOOT_LOG_DIR") or
                os.path.join(ROOT, "build", "test-logs"), help="per-test log directories")
    g.addoption("--platforms", default=os.environ.get("BOOT_PLATFORMS") or ",".join(harness.PLATFORMS),
                help="comma-separated subset of: " + ", ".join(harness.PLATFORMS))


def pytest_configure(config):
    config.addinivalue_line("markers", "platforms(*names): platforms the test runs on")
    config.addinivalue_line("markers", "bound(seconds): hard time limit for the whole test")
    # A SIGTERM (CI cancelling the job, make killed) unwinds like Ctrl-C, so teardown kills
    # the emulators; PR_SET_PDEATHSIG and atexit in harness.py cover harder deaths.
    signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt("SIGTERM")


def pytest_generate_tests(metafunc):
    if "platform" not in metafunc.fixturenames:
        return
    wanted = [p.strip() for p in metafunc.config.getoption("--platforms").split(",") if p.strip()]
    unknown = [p for p in wanted if p not in harness.PLATFORMS]
    if unknown:
        raise pytest.UsageError("unknown platform(s) %s; known: %s"
                                % (", ".join(unknown), ", ".join(harness.PLATFORMS)))
    marker = metafunc.definition.get_closest_marker("platforms")
    allowed = marker.args if marker else tuple(n for n, p in harness.PLATFORMS.items()
                                               if not p.opt_in)
    names = [p for p in harness.PLATFORMS if p in wanted and p in allowed]
    metafunc.parametrize("platform", [harness.PLATFORMS[n] for n in names], ids=names)


def _logdir(config, item, n):
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name).strip("-")
    return os.path.join(config.getoption("--log-dir"), name + ("" if n == 0 else "-%d" % n))


@pytest.fixture
def test_iso(request):
    def find(name):
        path = os.path.join(request.config.getoption("--iso-dir"), name + ".iso")
        if not os.path.isfile(path):
            pytest.fail("%s missing: build it with `make test-boot` (tests/boot/boot.mk)" % path)
        return path

    return find


@pytest.fixture
def boot(request, platform):
    machines = []
    request.node._bulkhead_machines = machines

    def start(iso=None, **kwargs):
        iso = iso or request.config.getoption("--kernel-iso")
        if not os.path.isfile(iso):
            pytest.fail("%s missing: build it with `make test-boot`" % iso)
        m = harness.Machine(platform, iso, _logdir(request.config, request.node, len(machines)),
                            **kwargs)
        machines.append(m)
        return m.start()

    yield start
    for m in machines:
        m.stop()
        _timings.append((request.node.name, platform.name, m.time_of(r"Booting `"),
                         m.time_of(harness.BANNER), m.time_of(r"\[cpu0\] info: boot complete")))


@pytest.fixture(autouse=True)
def _hard_bound(request):
    """SIGALRM ends a test that overruns its bound, whatever it is doing; teardown still runs."""
    marker = request.node.get_closest_marker("bound")
    seconds = (marker.args[0] if marker else DEFAULT_BOUND) * harness.scale()

    def expired(signum, frame):
        raise harness.BootError("test exceeded its hard bound of %.0fs" % seconds)

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for m in getattr(item, "_bulkhead_machines", []):
        m.stop()  # the output is final once the emulator is gone
        notes = m.emulator_notes()
        report.sections.append((
            "serial log tail: %s (%s)" % (m.platform.name, m.logdir),
            "%s\n[emulator ended: %s after %.1fs]%s" % (
                m.tail(40), m.exit_reason(), m.elapsed,
                "\n[emulator says]\n" + notes if notes else "")))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _timings:
        return
    fmt = lambda t: "   -   " if t is None else "%6.1fs" % t  # noqa: E731
    terminalreporter.section("boot timings (seconds since emulator start)")
    terminalreporter.write_line("%-40s %-10s %7s %7s %7s" % ("test", "platform", "GRUB", "banner",
                                                            "booted"))
    for name, plat, grub, banner, done in _timings:
        terminalreporter.write_line("%-40s %-10s %s %s %s" % (name[:40], plat, fmt(grub), fmt(banner),
                                                            fmt(done)))
