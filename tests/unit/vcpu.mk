# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the SVM backend's pure pieces: nested page tables and the permission maps.

UNIT_TESTS += svm_maps
UNIT_SRCS_svm_maps := vcpu/svm/npt.c vcpu/svm/svm_maps.c
UNIT_CFLAGS  += -Ivcpu -Ikernel/bundle
UNIT_HEADERS += $(wildcard vcpu/*.h vcpu/svm/*.h partitions/partition.h)

# Local APIC isolation: the MMIO decoder, the guest page-table walker, ICR routing, emulation.
UNIT_TESTS += insn_decode gpt_walk icr_route mmio
UNIT_SRCS_insn_decode := vcpu/insn_decode.c
UNIT_SRCS_gpt_walk := vcpu/gpt_walk.c
UNIT_SRCS_icr_route := vcpu/icr_route.c
UNIT_SRCS_mmio := vcpu/mmio.c vcpu/insn_decode.c vcpu/gpt_walk.c
UNIT_TESTS += vlapic
UNIT_SRCS_vlapic := vcpu/vlapic.c vcpu/vlapic_ipi.c vcpu/icr_route.c vcpu/mmio.c \
	vcpu/insn_decode.c vcpu/gpt_walk.c
