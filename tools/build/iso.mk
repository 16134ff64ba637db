# SPDX-License-Identifier: BSD-2-Clause
# The bootable image: build/bulkhead.iso (hybrid BIOS+UEFI, GRUB multiboot2).

KERNEL_ISO     := $(BUILD)/bulkhead.iso
KERNEL_CMDLINE ?= loglevel=info
# Multiboot2 modules the ISO carries: the partition description (configs/configs.mk sets it).
KERNEL_ISO_MODULES ?=

$(KERNEL_ISO): $(KERNEL_ELF) tools/build/mkiso.sh | setup-build
	tools/build/mkiso.sh $(KERNEL_ELF) $@ "$(KERNEL_CMDLINE)" $(KERNEL_ISO_MODULES)
