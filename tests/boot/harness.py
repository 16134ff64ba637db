# SPDX-License-Identifier: BSD-2-Clause
"""Boot-scenario harness: start an emulator on an ISO, watch its serial port, always kill it.

    with Machine(PLATFORMS["qemu-bios"], "build/bulkhead.iso", "build/test-logs/x") as m:
        m.wait_for(r"\\[cpu0\\] info: boot complete")

Every wait is bounded twice: by its own timeout and by the machine's hard bound (the whole
scenario). Timeouts scale with the environment variable BOOT_TIMEOUT_SCALE (default 1), so a slow
runner can stretch them without editing tests. Python standard library only.

Run by hand (used by tests/boot/run-bochs.sh):
    python3 tests/boot/harness.py PLATFORM ISO [LOGDIR]   # serial on stdout until Ctrl-C
"""

import atexit
import ctypes
import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import time

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
BOCHS_BIOS = "/usr/share/bochs/BIOS-bochs-latest"
BOCHS_VGABIOS = "/usr/share/vgabios/vgabios.bin"

# The version banner: the first line the hypervisor prints. Lines before it belong to firmware
# and GRUB (GRUB on EFI prints "error: no suitable video mode found.", which is not ours).
BANNER = r"\[cpu0\] info: Bulkhead \S+"

POLL = 0.05  # seconds between looks at the serial log
ANSI = re.compile(rb"\x1b(?:\[[0-9;=?]*[A-Za-z]|[()][A-Za-z0-9]|[=>78cDEHM])")


def scale():
    try:
        return max(float(os.environ.get("BOOT_TIMEOUT_SCALE", "1")), 0.1)
    except ValueError:
        return 1.0


@dataclasses.dataclass(frozen=True)
class Platform:
    name: str
    emulator: str  # "qemu" or "bochs"
    virt: str  # what the hypervisor must report: "SVM" or "VMX"
    firmware: str  # "bios" or "uefi"
    machine: str = ""  # QEMU -machine
    cpu_model: str = ""  # Bochs cpu model
    boot_timeout: float = 60.0  # emulator start to "boot complete", seconds (before scaling)
    devices: tuple = ()  # QEMU -device arguments, in order (an IOMMU before the devices it serves)
    # Only tests that name it (@pytest.mark.platforms) run on it: a board with a device under
    # test, not one more place for every scenario.
    opt_in: bool = False


PLATFORMS = {
    p.name: p
    for p in (
        Platform("qemu-bios", "qemu", "SVM", "bios", machine="pc", boot_timeout=60),
        Platform("qemu-uefi", "qemu", "SVM", "uefi", machine="q35", boot_timeout=90),
        # DMA isolation (tests/boot/test_iommu.py): q35 with each IOMMU kind and QEMU's edu at
        # 00:03.0. The IOMMU comes first, before the devices it translates. edu masks DMA
        # addresses to 28 bits unless told otherwise: the victim's memory lies above that.
        Platform("qemu-vtd", "qemu", "SVM", "bios", machine="q35", boot_timeout=60,
                 devices=("intel-iommu,intremap=on", "edu,addr=03.0,dma_mask=0xffffffff"),
                 opt_in=True),
        Platform("qemu-amdvi", "qemu", "SVM", "bios", machine="q35", boot_timeout=60,
                 devices=("amd-iommu", "edu,addr=03.0,dma_mask=0xffffffff"), opt_in=True),
        Platform(
            "bochs-vmx",
            "bochs",
            "VMX",
            "bios",
            cpu_model=os.environ.get("BOCHS_CPU", "corei7_skylake_x"),
            boot_timeout=180,
        ),
        # PCI passthrough (tests/boot/test_pci.py): QEMU's edu at 00:03.0, and a PCI Express
        # function with FLR (virtio-rng) at 01:00.0 behind a root port at 00:04.0; no IOMMU.
        Platform("qemu-q35-edu", "qemu", "SVM", "bios", machine="q35", boot_timeout=60,
                 devices=("edu,addr=3", "pcie-root-port,id=rp1,chassis=1,addr=4",
                          "virtio-rng-pci,bus=rp1"), opt_in=True),
    )
}


class BootError(AssertionError):
    """A scenario expectation failed (timeout, early exit, bad output)."""


_live = set()  # machines still running, killed at exit whatever happens


@atexit.register
def _kill_all():
    for m in list(_live):
        m.stop()


def _die_with_parent():
    """preexec_fn: the emulator gets SIGKILL if the harness dies, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def clean(raw):
    """Serial bytes to text: drop ANSI sequences, carriage returns and NULs."""
    raw = ANSI.sub(b"", raw).replace(b"\r", b"").replace(b"\0", b"")
    return raw.decode("utf-8", "replace")


class Machine:
    """One emulator run. Use as a context manager (or call stop()) so it is always killed.

    extra_args: more QEMU arguments, or more bochsrc lines for Bochs; "{logdir}" in one becomes
    this run's log directory (a second serial port's file, say).
    cpu_model: Bochs only: this run's CPU model instead of the platform's (a scenario that needs
    another CPU, e.g. VMX without EPT).
    bound: hard limit in seconds (scaled) for the whole run; no wait goes past it.
    fail_on: regex; a kernel line matching it ends any wait at once with a failure
    (None: nothing does). The default catches error lines ("[cpuN] error: ...") and panics."""

    FAIL_ON = r"(?i)\[cpu\d+\] (?:error|panic)\b|\bpanic:"

    def __init__(
        self,
        platform,
        iso,
        logdir,
        cpus=4,
        mem_mib=1024,
        extra_args=(),
        bound=None,
        fail_on=FAIL_ON,
        cpu_model=None,
    ):
        if isinstance(platform, str):
            platform = PLATFORMS[platform]
        if cpu_model and platform.emulator != "bochs":
            raise ValueError("cpu_model %r: only Bochs platforms take a CPU model, not %s"
                             % (cpu_model, platform.name))
        self.platform = platform
        self.cpu_model = cpu_model or platform.cpu_model
        self.iso = os.path.abspath(iso)
        self.logdir = os.path.abspath(logdir)
        self.cpus = cpus
        self.mem_mib = mem_mib
        self.extra_args = [a.replace("{logdir}", os.path.abspath(logdir)) for a in extra_args]
        self.fail_on = re.compile(fail_on) if fail_on else None
        self.bound = (bound if bound is not None else platform.boot_timeout + 120) * scale()
        self.serial_path = os.path.join(self.logdir, "serial.log")
        self.output_path = os.path.join(self.logdir, "emulator.out")
        self.timeline_path = os.path.join(self.logdir, "timeline.txt")
        self.proc = None
        self.start_time = None
        self.cursor = 0  # index of the first line the next wait_for looks at
        self._lines = []  # complete, cleaned lines seen so far
        self._times = []  # seconds since start when each line was first seen
        self._consumed = 0  # bytes of the serial log turned into lines
        self._partial = b""
        self._banner = None
        self._killed = False

    # ---- life cycle ---------------------------------------------------------------------

    def command(self):
        if self.platform.emulator == "qemu":
            return self._qemu_command()
        return self._bochs_command()

    def _qemu_command(self):
        cmd = [
            "qemu-system-x86_64",
            "-machine", self.platform.machine,
            "-accel", os.environ.get("ACCEL") or "tcg",
            "-cpu", "max",
            "-smp", str(self.cpus),
            "-m", "%dM" % self.mem_mib,
            "-display", "none",
            "-monitor", "none",
            "-no-reboot",
            "-nic", "none",
            "-serial", "file:" + self.serial_path,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            # CPU state at every reset (the last one in the file explains a triple fault).
            "-d", "cpu_reset",
            "-D", os.path.join(self.logdir, "qemu.log"),
        ]
        if self.platform.firmware == "uefi":
            vars_copy = os.path.join(self.logdir, "OVMF_VARS.fd")
            shutil.copyfile(OVMF_VARS, vars_copy)
            cmd += [
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + vars_copy,
            ]
        for d in self.platform.devices:
            cmd += ["-device", d]
        return cmd + ["-cdrom", self.iso] + self.extra_args

    def bochsrc(self):
        """Headless Bochs: Debian builds no 'nogui', 'term' works without a tty when TERM is set."""
        # ips only sets emulated time (and the TSC rate): at 10M emulated time stays close to
        # wall time here (a 4-CPU Bochs does ~10M ticks/s) and the BIOS's timed waits stay short
        # (GRUB after ~4 s; ~10 s at 50M). BOCHS_IPS overrides it.
        return "\n".join(
            [
                "display_library: term",
                "megs: %d" % self.mem_mib,
                "romimage: file=" + BOCHS_BIOS,
                "vgaromimage: file=" + BOCHS_VGABIOS,
                "cpu: model=%s, count=%d, ips=%s, reset_on_triple_fault=0"
                % (self.cpu_model, self.cpus, os.environ.get("BOCHS_IPS", "10000000")),
                "clock: sync=none, time0=local",
                "ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14",
                'ata0-master: type=cdrom, path="%s", status=inserted' % self.iso,
                "boot: cdrom",
                'com1: enabled=1, mode=file, dev="%s"' % self.serial_path,
                'log: "%s"' % os.path.join(self.logdir, "bochs.log"),
                "panic: action=fatal",
                "error: action=report",
                "info: action=report",
                "debug: action=ignore",
                "mouse: enabled=0",
                "speaker: enabled=0",
                "sound: driver=dummy",
                "",
            ]
            + self.extra_args
        )

    def _bochs_command(self):
        rc = os.path.join(self.logdir, "bochsrc")
        with open(rc, "w") as f:
            f.write(self.bochsrc() + "\n")
        dbg = os.path.join(self.logdir, "bochs-debugger.rc")
        with open(dbg, "w") as f:
            f.write("c\n")  # Debian's Bochs has the internal debugger: continue at once
        return ["bochs", "-q", "-f", rc, "-rc", dbg]

    def start(self):
        os.makedirs(self.logdir, exist_ok=True)
        for p in (self.serial_path, self.timeline_path):
            if os.path.exists(p):
                os.unlink(p)
        open(self.serial_path, "wb").close()
        cmd = self.command()
        env = dict(os.environ)
        if env.get("TERM", "") in ("", "dumb", "unknown"):
            env["TERM"] = "xterm"  # Bochs' term display calls curses even with no tty
        with open(self.output_path, "wb") as out:
            out.write((" ".join(cmd) + "\n").encode())
            out.flush()
            self.start_time = time.monotonic()
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
                env=env,
                cwd=self.logdir,
            )
        _live.add(self)
        return self

    def stop(self):
        """Kill the emulator's whole process group; safe to call twice."""
        _live.discard(self)
        p = self.proc
        if p is None or p.poll() is not None:
            self._read()
            return
        self._killed = True
        # Bochs ignores SIGTERM (measured), so it gets SIGKILL at once; QEMU gets a chance to
        # flush its serial file first.
        first = signal.SIGTERM if self.platform.emulator == "qemu" else signal.SIGKILL
        for sig, grace in ((first, 3.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            try:
                p.wait(grace)
                break
            except subprocess.TimeoutExpired:
                continue
        self._read()

    def __enter__(self):
        if self.proc is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    # ---- reading the serial log ------------------------------------------------------------

    @property
    def elapsed(self):
        return 0.0 if self.start_time is None else time.monotonic() - self.start_time

    @property
    def exited(self):
        return self.proc is not None and self.proc.poll() is not None

    @property
    def returncode(self):
        return None if self.proc is None else self.proc.poll()

    def _read(self):
        """Turn new complete serial lines into self._lines (timestamped in timeline.txt)."""
        try:
            with open(self.serial_path, "rb") as f:
                f.seek(self._consumed)
                data = f.read()
        except FileNotFoundError:
            return
        if not data:
            return
        self._consumed += len(data)
        data = self._partial + data
        *complete, self._partial = data.split(b"\n")
        if not complete:
            return
        now = self.elapsed
        with open(self.timeline_path, "a") as tl:
            for raw in complete:
                line = clean(raw)
                self._lines.append(line)
                self._times.append(now)
                tl.write("%8.2f %s\n" % (now, line))

    @property
    def lines(self):
        """Complete serial lines so far (plus the unterminated tail once the emulator is gone)."""
        self._read()
        if self.exited and self._partial:
            return self._lines + [clean(self._partial)]
        return list(self._lines)

    def _banner_index(self):
        """Index of the banner line, or a huge number while it has not appeared."""
        if self._banner is None:
            for i, line in enumerate(self._lines):
                if re.search(BANNER, line):
                    self._banner = i
                    break
        return sys.maxsize if self._banner is None else self._banner

    def kernel_lines(self):
        """Lines from the hypervisor's banner on (firmware and GRUB output excluded)."""
        lines = self.lines
        i = self._banner_index()
        return lines[i:] if i < len(lines) else []

    def between(self, start, end, timeout=None):
        """wait_for start, then end; return the lines from the start line to the end line."""
        self.wait_for(start, timeout)
        first = self.cursor - 1
        self.wait_for(end, timeout)
        return self.lines[first : self.cursor]

    def time_of(self, regex):
        """Seconds from start until the first line matching regex was seen, or None."""
        self._read()
        for line, t in zip(self._lines, self._times):
            if re.search(regex, line):
                return t
        return None

    def tail(self, n=40):
        lines = self.lines
        text = "\n".join(lines[-n:])
        return text if text else "(serial log empty)"

    def emulator_notes(self, n=8):
        """The emulator's own complaints: Bochs panics/errors, or QEMU's output (last n lines)."""
        if self.platform.emulator == "bochs":
            path, keep = os.path.join(self.logdir, "bochs.log"), re.compile(r"\d+[pe]\[")
        else:
            path, keep = self.output_path, None
        try:
            with open(path, errors="replace") as f:
                lines = [l.rstrip() for l in f if keep is None or keep.match(l)]
        except FileNotFoundError:
            return ""
        if keep is None:
            lines = lines[1:]  # the command line
        return "\n".join(lines[-n:])

    def exit_reason(self):
        """Why the emulator ended, in words (None while it runs).

        QEMU: isa-debug-exit writes of v end it with status (v << 1) | 1; -no-reboot turns a
        triple fault or reset into status 0. Bochs ends through a panic (status 1): a triple
        fault, or the guest's "Shutdown" written to port 0x8900."""
        if not self.exited:
            return None
        if self._killed:
            return "killed by the harness"
        panics = re.findall(r">>PANIC<< (.*)", self.emulator_notes(50))
        if panics:
            return "status %d, %s" % (self.returncode, panics[-1].strip())
        if self.platform.emulator == "qemu" and self.returncode == 0:
            return "status 0: triple fault or reset; CPU state in qemu.log"
        if self.platform.emulator == "qemu" and self.returncode > 0 and self.returncode & 1:
            return "status %d: isa-debug-exit value 0x%x" % (self.returncode, self.returncode >> 1)
        return "status %d" % self.returncode

    def wait_for(self, regex, timeout=None, flags=0):
        """Wait until a line at or after the cursor matches regex; return the re.Match.

        The cursor moves past the matched line, so successive waits check order. Fails at once
        if the emulator exits first, or after timeout seconds (scaled; default: the platform's
        boot timeout), never after the machine's hard bound."""
        pat = re.compile(regex, flags)
        timeout = (self.platform.boot_timeout if timeout is None else timeout) * scale()
        deadline = min(time.monotonic() + timeout, self.start_time + self.bound)
        while True:
            done = self.exited  # sample before reading so the final output is seen
            lines = self.lines
            for i in range(self.cursor, len(lines)):
                m = pat.search(lines[i])
                if m:
                    self.cursor = i + 1
                    return m
                if self.fail_on and i >= self._banner_index() and self.fail_on.search(lines[i]):
                    self.cursor = i + 1
                    raise BootError(
                        "%s: waiting for /%s/, the kernel printed: %s (after %.1fs); logs: %s"
                        % (self.platform.name, regex, lines[i], self.elapsed, self.logdir)
                    )
            if done:
                raise BootError(
                    "%s: emulator exited (%s) after %.1fs before /%s/; logs: %s"
                    % (self.platform.name, self.exit_reason(), self.elapsed, regex, self.logdir)
                )
            if time.monotonic() >= deadline:
                raise BootError(
                    "%s: no line matching /%s/ after %.1fs (wait %.0fs, bound %.0fs); logs: %s"
                    % (self.platform.name, regex, self.elapsed, timeout, self.bound, self.logdir)
                )
            time.sleep(POLL)

    def expect_lines(self, *regexes, timeout=None):
        """wait_for each regex in turn (in this order); return the matches.

        timeout bounds the whole sequence (default: the platform's boot timeout, scaled)."""
        timeout = (self.platform.boot_timeout if timeout is None else timeout) * scale()
        end = time.monotonic() + timeout
        out = []
        for r in regexes:
            left = max(end - time.monotonic(), 0.0)
            out.append(self.wait_for(r, timeout=left / scale()))
        return out

    def assert_no_line(self, regex, lines=None):
        """Fail if any kernel line (default) matches regex."""
        lines = self.kernel_lines() if lines is None else lines
        bad = [l for l in lines if re.search(regex, l)]
        if bad:
            raise BootError("unexpected line(s) matching /%s/:\n  %s" % (regex, "\n  ".join(bad)))

    def wait_exit(self, timeout):
        """Wait for the emulator to end by itself (within timeout, scaled); return its status."""
        left = min(timeout * scale(), self.start_time + self.bound - time.monotonic())
        try:
            return self.proc.wait(max(left, 0.0))
        except subprocess.TimeoutExpired:
            raise BootError(
                "%s: still running after %.1fs; logs: %s"
                % (self.platform.name, self.elapsed, self.logdir)
            ) from None
        finally:
            self._read()


def main(argv):
    """Interactive run: serial log on stdout until the emulator ends or Ctrl-C."""
    if len(argv) not in (3, 4) or argv[1] not in PLATFORMS:
        sys.stderr.write("usage: harness.py {%s} ISO [LOGDIR]\n" % ",".join(PLATFORMS))
        return 2
    logdir = argv[3] if len(argv) == 4 else os.path.join("build", "run-" + argv[1])
    m = Machine(argv[1], argv[2], logdir, bound=1e9)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *a: sys.exit(129))
    sys.stderr.write("%s: serial log %s, emulator output %s; Ctrl-C ends it\n"
                     % (m.platform.name, m.serial_path, m.output_path))
    pos = 0
    try:
        m.start()
        while True:
            done = m.exited
            with open(m.serial_path, "rb") as f:
                f.seek(pos)
                data = f.read()
            if data:
                pos += len(data)
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            if done:
                sys.stderr.write("\n%s exited with status %s\n" % (m.platform.name, m.returncode))
                return 0 if m.returncode == 0 else 1
            time.sleep(POLL)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130
    finally:
        m.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
