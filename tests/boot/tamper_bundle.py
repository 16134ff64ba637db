#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Make a tampered copy of a signed bundle for the boot scenarios: one byte flipped.

usage: tamper_bundle.py IN OUT image|signature
  image      the first byte of the first image's data (the placeholder stub f4 eb fd)
  signature  the last byte of the signature value (the last property of the tree)
"""

import struct
import sys


def main():
    src, dst, what = sys.argv[1:4]
    data = bytearray(open(src, "rb").read())
    if what == "image":
        at = data.index(b"\xf4\xeb\xfd")
    elif what == "signature":
        # Struct block ends: ... value, END_NODE (signature), END_NODE (root), END.
        off_struct, = struct.unpack(">I", data[8:12])
        size_struct, = struct.unpack(">I", data[36:40])
        at = off_struct + size_struct - 12 - 1
    else:
        sys.exit("tamper_bundle: unknown target %r" % what)
    data[at] ^= 0x01
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main()
