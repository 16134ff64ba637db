#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# Capture the ACPI tables SeaBIOS builds in QEMU so host unit tests parse real firmware output.
#
#   tests/unit/capture-acpi.py [OUTDIR]     (default: tests/unit/data/acpi)
#
# For each machine (pc -> qemu-i440fx, q35 -> qemu-q35) QEMU boots with no disk; once SeaBIOS has
# published the RSDP in the BIOS area we read guest memory with QMP pmemsave, follow RSDP ->
# RSDT/XSDT -> tables (and FADT -> DSDT/FACS), and write OUTDIR/<machine>/<SIG>.bin plus
# manifest.txt ("SIG PHYS LEN FILE" per line) so tests can rebuild the guest-physical view.

import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

MACHINES = {"qemu-i440fx": "pc", "qemu-q35": "q35"}
QEMU_ARGS = ["-smp", "4", "-m", "1G", "-display", "none", "-accel", "tcg", "-net", "none"]

BIOS_AREA = 0xE0000
BIOS_AREA_LEN = 0x20000
RSDP_ALIGN = 16
RSDP_V1_LEN = 20
RSDP_V2_LEN = 36
SDT_HEADER_LEN = 36
MAX_TABLE_LEN = 1 << 20
FADT_FACS32, FADT_DSDT32, FADT_XFACS, FADT_XDSDT = 36, 40, 132, 140
BOOT_TIMEOUT = 30.0
POLL_INTERVAL = 0.25


def csum_ok(data):
    return sum(data) & 0xFF == 0


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = b""
        self._read()  # greeting
        self.cmd("qmp_capabilities")

    def _read(self):
        while True:
            while b"\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise RuntimeError("QMP connection closed")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        self.sock.sendall(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        reply = self._read()
        if "error" in reply:
            raise RuntimeError(f"QMP {name}: {reply['error']}")
        return reply.get("return")


class Guest:
    def __init__(self, machine, tmp):
        self.tmp = tmp
        sock = os.path.join(tmp, "qmp.sock")
        self.proc = subprocess.Popen(["qemu-system-x86_64", "-machine", machine] + QEMU_ARGS +
                                     ["-qmp", f"unix:{sock},server=on,wait=off"])
        deadline = time.monotonic() + BOOT_TIMEOUT
        while not os.path.exists(sock):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("QEMU did not create its QMP socket")
            time.sleep(POLL_INTERVAL)
        self.qmp = Qmp(sock)

    def read(self, phys, length):
        path = os.path.join(self.tmp, "mem.bin")
        self.qmp.cmd("pmemsave", val=phys, size=length, filename=path)
        with open(path, "rb") as f:
            return f.read()

    def close(self):
        try:
            self.qmp.cmd("quit")
        except (RuntimeError, OSError):
            pass
        self.proc.wait(timeout=10)


def find_rsdp(area):
    for off in range(0, len(area) - RSDP_V1_LEN + 1, RSDP_ALIGN):
        if area[off:off + 8] == b"RSD PTR " and csum_ok(area[off:off + RSDP_V1_LEN]):
            return off
    return None


def read_table(guest, phys):
    hdr = guest.read(phys, SDT_HEADER_LEN)
    length = struct.unpack_from("<I", hdr, 4)[0]
    if length < 8 or length > MAX_TABLE_LEN:
        raise RuntimeError(f"table at {phys:#x}: implausible length {length}")
    return guest.read(phys, length)


def wait_for_rsdp(guest):
    # SeaBIOS publishes the RSDP only after it has written every table, so a valid RSDT behind a
    # valid RSDP means the tables are complete.
    deadline = time.monotonic() + BOOT_TIMEOUT
    while time.monotonic() < deadline:
        area = guest.read(BIOS_AREA, BIOS_AREA_LEN)
        off = find_rsdp(area)
        if off is not None:
            rsdp_phys = BIOS_AREA + off
            rev = area[off + 15]
            length = RSDP_V2_LEN if rev >= 2 else RSDP_V1_LEN
            rsdt = struct.unpack_from("<I", area, off + 16)[0]
            if csum_ok(read_table(guest, rsdt)):
                return rsdp_phys, area[off:off + length]
        time.sleep(POLL_INTERVAL)
    raise RuntimeError("SeaBIOS did not publish an RSDP in time")


def capture(machine, outdir):
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        guest = Guest(machine, tmp)
        try:
            rsdp_phys, rsdp = wait_for_rsdp(guest)
            tables = [("RSDP", rsdp_phys, rsdp)]
            roots = [(struct.unpack_from("<I", rsdp, 16)[0], 4)]
            if rsdp[15] >= 2 and struct.unpack_from("<Q", rsdp, 24)[0]:
                roots.append((struct.unpack_from("<Q", rsdp, 24)[0], 8))
            seen = set()
            for root_phys, width in roots:
                root = read_table(guest, root_phys)
                tables.append((root[:4].decode(), root_phys, root))
                fmt = "<I" if width == 4 else "<Q"
                for off in range(SDT_HEADER_LEN, len(root), width):
                    phys = struct.unpack_from(fmt, root, off)[0]
                    if phys and phys not in seen:
                        seen.add(phys)
                        data = read_table(guest, phys)
                        tables.append((data[:4].decode(), phys, data))
            for sig, _, data in list(tables):
                if sig != "FACP":
                    continue
                for off32, off64 in ((FADT_FACS32, FADT_XFACS), (FADT_DSDT32, FADT_XDSDT)):
                    phys = struct.unpack_from("<I", data, off32)[0]
                    if len(data) >= off64 + 8 and struct.unpack_from("<Q", data, off64)[0]:
                        phys = struct.unpack_from("<Q", data, off64)[0]
                    if phys and phys not in seen:
                        seen.add(phys)
                        sub = read_table(guest, phys)
                        tables.append((sub[:4].decode(), phys, sub))
        finally:
            guest.close()
    write_capture(machine, outdir, tables)


def write_capture(machine, outdir, tables):
    version = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    names = {}
    lines = [f"# {version}", f"# -machine {machine} {' '.join(QEMU_ARGS)}, SeaBIOS",
             "# SIG PHYS LEN FILE"]
    for sig, phys, data in tables:
        n = names.get(sig, 0)
        names[sig] = n + 1
        fname = f"{sig}.bin" if n == 0 else f"{sig}-{n}.bin"
        with open(os.path.join(outdir, fname), "wb") as f:
            f.write(data)
        lines.append(f"{sig} {phys:#x} {len(data)} {fname}")
    with open(os.path.join(outdir, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{outdir}: " + ", ".join(t[0] for t in tables))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "data", "acpi")
    for name, machine in MACHINES.items():
        capture(machine, os.path.join(base, name))


if __name__ == "__main__":
    main()
