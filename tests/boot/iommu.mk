# SPDX-License-Identifier: BSD-2-Clause
# DMA isolation boot scenario (tests/boot/test_iommu.py, boards qemu-vtd and qemu-amdvi; its
# guests are in tests/guests/guests.mk).

BOOT_ISOS += iommu-edu
BOOT_ISO_CMDLINE.iommu-edu := loglevel=info
BOOT_ISO_MODULES.iommu-edu := $(BUNDLE_DIR)/tests/iommu-edu.bundle

BOOT_ISOS += iommu-msi
BOOT_ISO_CMDLINE.iommu-msi := loglevel=info
BOOT_ISO_MODULES.iommu-msi := $(BUNDLE_DIR)/tests/iommu-msi.bundle

BOOT_ISOS += iommu-irq
BOOT_ISO_CMDLINE.iommu-irq := loglevel=info
BOOT_ISO_MODULES.iommu-irq := $(BUNDLE_DIR)/tests/iommu-irq.bundle
