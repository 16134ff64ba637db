#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Pack the hypervisor (and optional multiboot2 modules) into a hybrid BIOS+UEFI GRUB ISO.
#
# usage: mkiso.sh KERNEL.elf OUT.iso "CMDLINE" [MODULE[=MODULE-CMDLINE] ...]
# Boots at once (timeout 0) and mirrors GRUB to the first serial port, so a board without a screen
# still shows what GRUB did.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 KERNEL.elf OUT.iso CMDLINE [MODULE...]" >&2; exit 2; }
kernel=$1 out=$2 cmdline=$3
shift 3
[ -f "$kernel" ] || { echo "mkiso: $kernel: no such file" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bulkhead-iso.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/iso
mkdir -p "$root/boot/grub" "$root/boot/modules"
cp "$kernel" "$root/boot/bulkhead.elf"

modlines=""
for m in "$@"; do
	file=${m%%=*}
	mcmd=""
	[ "$file" = "$m" ] || mcmd=${m#*=}
	[ -f "$file" ] || { echo "mkiso: module $file: no such file" >&2; exit 1; }
	base=$(basename "$file")
	cp "$file" "$root/boot/modules/$base"
	modlines="$modlines
	module2 /boot/modules/$base $base $mcmd"
done

cat > "$root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=0
set default=0
menuentry "Bulkhead" {
	insmod multiboot2
	multiboot2 /boot/bulkhead.elf $cmdline$modlines
	boot
}
CFG

# grub-mkrescue builds both the El Torito BIOS image (grub-pc-bin) and the EFI system partition
# (grub-efi-amd64-bin); the result also boots when written raw to a USB stick.
grub-mkrescue -o "$out" "$root" >"$work/mkrescue.log" 2>&1 || {
	cat "$work/mkrescue.log" >&2
	exit 1
}
