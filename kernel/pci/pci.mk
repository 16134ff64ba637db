# SPDX-License-Identifier: BSD-2-Clause
# PCI (kernel/pci/): enumeration and reset of the machine's functions, and the virtual bus each
# owning partition sees (vcpu/vpci*.c, docs/devices.md).

PCI_PURE_SRCS   := kernel/pci/pci_scan.c vcpu/vpci_filter.c vcpu/pirq_route.c
PCI_KERNEL_SRCS := $(PCI_PURE_SRCS) kernel/pci/pci.c kernel/pci/pci_reset.c vcpu/vpci.c vcpu/pirq.c \
	partitions/devices.c
PCI_OBJS := $(patsubst %,$(KOBJ)/%.o,$(PCI_KERNEL_SRCS))
KERNEL_OBJS += $(PCI_OBJS)
$(BUILD)/bulkhead.pass1.elf $(KERNEL_ELF): $(PCI_OBJS)
-include $(PCI_OBJS:.o=.d)

# Host tests: the configuration filter and enumeration from a fabricated ECAM.
UNIT_TESTS += pci
UNIT_SRCS_pci := kernel/pci/pci_scan.c vcpu/vpci_filter.c vcpu/pirq_route.c

# Boot scenario of tests/boot/test_pci.py (platform qemu-q35-edu).
BOOT_ISOS += pci-edu
BOOT_ISO_CMDLINE.pci-edu := loglevel=info
BOOT_ISO_MODULES.pci-edu := $(BUNDLE_DIR)/tests/pci-edu.bundle

# The pci-devices rules against an enumerated machine (partitions/check_pci.c).
UNIT_TESTS += cfg_pci
UNIT_SRCS_cfg_pci = $(CFG_PURE_SRCS) tests/unit/cfg_fixture.c tests/unit/cfg_test_machine.c \
	$(BUILD)/host/san/libfdt.a
BOOT_ISOS += pci-refused
BOOT_ISO_CMDLINE.pci-refused := loglevel=info
BOOT_ISO_MODULES.pci-refused := $(BUNDLE_DIR)/tests/pci-refused.bundle
BOOT_ISOS += pci-uhci
BOOT_ISO_CMDLINE.pci-uhci := loglevel=info
BOOT_ISO_MODULES.pci-uhci := $(BUNDLE_DIR)/tests/pci-uhci-vmx.bundle
