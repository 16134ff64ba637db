#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Capture QEMU boards for the inspector's tests: boot Debian's kernel with an initramfs holding
busybox and build/bulkhead-inspect, run `bulkhead-inspect --capture` inside, and unpack what it
read into tests/boards/<board>/root/ and what it wrote there into live.dts (docs/inspect.md, "Tests").

  capture.py KERNEL BUSYBOX INSPECT [BOARD...]     (make capture-boards runs it)
"""

import base64
import io
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MKCPIO = os.path.join(REPO, "tools", "build", "mkcpio.py")
COMMON = ["-accel", "tcg", "-cpu", "max", "-smp", "4", "-m", "512M", "-display", "none",
          "-net", "none", "-no-reboot"]
CMDLINE = "console=ttyS0 loglevel=1 panic=-1"
TIMEOUT = 300  # seconds of wall time; a TCG boot takes about 15 on the test machines

# Each board: QEMU machine options and extra kernel command line.
BOARDS = {
    "qemu-q35-iommu": (["-machine", "q35", "-device", "intel-iommu,intremap=off",
                        "-device", "edu"], "intel_iommu=on"),
    "qemu-i440fx": (["-machine", "pc", "-device", "edu"], ""),
    "qemu-q35-amd-iommu": (["-machine", "q35", "-device", "amd-iommu", "-device", "edu"],
                           "amd_iommu=on"),
}


def initramfs(tmp, busybox, inspect):
    out = os.path.join(tmp, "capture.cpio")
    subprocess.run([sys.executable, MKCPIO, out, "dir:/bin", "dir:/dev", "dir:/proc", "dir:/sys",
                    "nod:/dev/console=c:5:1", f"file:/bin/busybox={busybox}:0755",
                    "link:/bin/sh=busybox", f"file:/bin/bulkhead-inspect={inspect}:0755",
                    "file:/init=" + os.path.join(HERE, "capture-init") + ":0755"], check=True)
    return out


def boot(kernel, cpio, board, tmp):
    opts, extra = BOARDS[board]
    log = os.path.join(tmp, board + ".log")
    cmd = ["qemu-system-x86_64"] + COMMON + opts + [
        "-kernel", kernel, "-initrd", cpio, "-append", (CMDLINE + " " + extra).strip(),
        "-serial", "file:" + log]
    subprocess.run(cmd, check=True, timeout=TIMEOUT)
    with open(log, "rb") as f:
        return f.read().decode("ascii", "replace"), shlex.join(cmd)


def extract(text, board):
    lines = [l.strip() for l in text.splitlines()]
    for l in lines:
        if l.startswith("bulkhead-capture:") and l.split(": ", 1)[1] not in ("begin", "end"):
            print(f"{board}: {l}")
    try:
        start, end = lines.index("bulkhead-capture: begin"), lines.index("bulkhead-capture: end")
    except ValueError:
        sys.exit(f"{board}: no capture in the serial log:\n{text[-2000:]}")
    return base64.b64decode("".join(lines[start + 1:end]))


def unpack(blob, board, qemu_cmd):
    dest = os.path.join(HERE, board)
    root = os.path.join(dest, "root")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    with tarfile.open(fileobj=io.BytesIO(blob)) as t:
        members = []
        for m in t.getmembers():
            if m.name == "capture.dts":
                # What the inspector wrote on the machine itself, to compare the replay with.
                with open(os.path.join(dest, "live.dts"), "wb") as f:
                    f.write(t.extractfile(m).read())
                continue
            if (not (m.isfile() or m.isdir() or m.issym()) or m.name.startswith("/")
                    or ".." in m.name or not (m.name + "/").startswith("capture/")):
                sys.exit(f"{board}: unexpected member {m.name} in the capture")
            m.name = m.name[len("capture/"):] or "."
            m.uid = m.gid = 0
            m.uname = m.gname = ""
            m.mode = 0o755 if m.isdir() else 0o644
            members.append(m)
        t.extractall(root, members=members)
    with open(os.path.join(dest, "qemu.txt"), "w") as f:
        f.write("# Captured by tests/boards/capture.py with:\n# " + qemu_cmd + "\n")
    print(f"{board}: captured into {os.path.relpath(root, REPO)}")


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    kernel, busybox, inspect = argv[1:4]
    boards = argv[4:] or list(BOARDS)
    for b in boards:
        if b not in BOARDS:
            sys.exit(f"unknown board {b}: one of {', '.join(BOARDS)}")
    with tempfile.TemporaryDirectory() as tmp:
        cpio = initramfs(tmp, busybox, inspect)
        for b in boards:
            text, cmd = boot(kernel, cpio, b, tmp)
            unpack(extract(text, b), b, cmd.replace(tmp + "/", ""))


if __name__ == "__main__":
    main(sys.argv)
