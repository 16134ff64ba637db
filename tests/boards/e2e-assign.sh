#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The edit a user makes to bulkhead-inspect's output, scripted for the end-to-end boot test
# (tests/boot/test_inspected.py): a second CPU and the edu device moved into "main" (with
# dma-unprotected: the captured board has no IOMMU, which the listing says), and the
# image TODO decided (the Linux test guest's kernel and an initramfs under their bundle names,
# pci=noacpi so that Linux probes the partition's PCI bus: docs/devices.md).
#
#   e2e-assign.sh IN.dts OUT.dts
set -eu
in=$1 out=$2
grep -q 'cpus = <0>;' "$in" || { echo "$in: no 'cpus = <0>;' to extend" >&2; exit 1; }
grep -q 'pci-devices = "00:03.0";' "$in" || { echo "$in: no edu device at 00:03.0" >&2; exit 1; }
sed -e 's|cpus = <0>;.*|cpus = <0 1>;\t\t\t/* the boot CPU and one more */\n\t\t\tpci-devices = "00:03.0";\t/* edu, from the list below */\n\t\t\tdma-unprotected;\t\t/* no IOMMU on this board: accepted */|' \
    -e '/TODO: the kernel and initramfs/d' \
    -e 's|kernel = "bzImage";|kernel = "vmlinuz";|' \
    -e 's|initrd = "initramfs.cpio.gz";|initrd = "initramfs.cpio";|' \
    -e 's|cmdline = "console=ttyS0";|cmdline = "console=ttyS0 panic=-1 pci=noacpi";|' \
    "$in" > "$out"
