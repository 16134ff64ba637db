# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the IOMMU's pure pieces: I/O page tables, VT-d and AMD-Vi encodings.

UNIT_TESTS += io_pgtable iommu_entries
UNIT_SRCS_io_pgtable := kernel/iommu/io_pgtable.c
UNIT_SRCS_iommu_entries := kernel/iommu/vtd_entries.c kernel/iommu/amd_vi_entries.c
UNIT_CFLAGS += -Ikernel/iommu
