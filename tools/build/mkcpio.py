#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Write an initramfs: a cpio archive in the "newc" format the Linux kernel unpacks
(Documentation/driver-api/early-userspace/buffer-format.rst), without root or the cpio tool.

  mkcpio.py OUT ENTRY...

ENTRY is one of
  dir:PATH                 a directory (0755)
  file:PATH=HOSTFILE:MODE  a regular file with HOSTFILE's bytes and octal MODE
  link:PATH=TARGET         a symbolic link
  nod:PATH=c:MAJOR:MINOR   a character device node (0600)
Every entry is owned by root; mtimes are 0, so the archive is reproducible.
"""

import stat
import sys

MAGIC = b"070701"


def header(ino, mode, size, name, rdev=(0, 0)):
    fields = [ino, mode, 0, 0, 1, 0, size, 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    return MAGIC + b"".join(b"%08X" % f for f in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def member(ino, mode, name, data=b"", rdev=(0, 0)):
    name = name.lstrip("/").encode()
    head = header(ino, mode, len(data), name, rdev) + name + b"\0"
    return head + pad4(len(head)) + data + pad4(len(data))


def entry(ino, spec):
    kind, _, rest = spec.partition(":")
    if kind == "dir":
        return member(ino, stat.S_IFDIR | 0o755, rest)
    path, _, value = rest.partition("=")
    if kind == "file":
        host, _, mode = value.rpartition(":")
        with open(host, "rb") as f:
            return member(ino, stat.S_IFREG | int(mode, 8), path, f.read())
    if kind == "link":
        return member(ino, stat.S_IFLNK | 0o777, path, value.encode())
    if kind == "nod":
        c, major, minor = value.split(":")
        if c != "c":
            sys.exit("mkcpio: %s: only character devices (c:MAJOR:MINOR)" % spec)
        return member(ino, stat.S_IFCHR | 0o600, path, rdev=(int(major), int(minor)))
    sys.exit("mkcpio: %s: unknown entry kind %r" % (spec, kind))


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out = b"".join(entry(i + 1, spec) for i, spec in enumerate(argv[2:]))
    out += member(0, 0, "TRAILER!!!")
    with open(argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(sys.argv)
