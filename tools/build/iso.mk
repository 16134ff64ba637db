# SPDX-License-Identifier: BSD-2-Clause
# The bootable image: build/bulkhead.iso (hybrid BIOS+UEFI, GRUB multiboot2).

KERNEL_ISO     := $(BUILD)/bulkhead.iso
KERNEL_CMDLINE ?= loglevel=info

$(KERNEL_ISO): $(KERNEL_ELF) tools/build/mkiso.sh | setup-build
	tools/build/mkiso.sh $(KERNEL_ELF) $@ "$(KERNEL_CMDLINE)"
