# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the SVM backend's pure pieces: nested page tables and the permission maps.

UNIT_TESTS += svm_maps
UNIT_SRCS_svm_maps := vcpu/svm/npt.c vcpu/svm/svm_maps.c vcpu/msr_allow.c
UNIT_CFLAGS  += -Ivcpu -Ikernel/bundle
UNIT_HEADERS += $(wildcard vcpu/*.h vcpu/svm/*.h vcpu/vmx/*.h partitions/partition.h)

# Local APIC isolation: the MMIO decoder, the guest page-table walker, ICR routing, emulation.
UNIT_TESTS += insn_decode gpt_walk icr_route mmio
UNIT_SRCS_insn_decode := vcpu/insn_decode.c
UNIT_SRCS_gpt_walk := vcpu/gpt_walk.c
UNIT_SRCS_icr_route := vcpu/icr_route.c
UNIT_SRCS_mmio := vcpu/mmio.c vcpu/insn_decode.c vcpu/gpt_walk.c
UNIT_TESTS += x2apic vlapic vuart vioapic
UNIT_SRCS_x2apic := vcpu/x2apic.c
UNIT_SRCS_vuart := vcpu/vuart.c
UNIT_SRCS_vioapic := vcpu/vioapic_regs.c
UNIT_SRCS_vlapic := vcpu/vlapic.c vcpu/vlapic_ipi.c vcpu/vlapic_x2apic.c vcpu/x2apic.c \
	vcpu/icr_route.c vcpu/mmio.c vcpu/insn_decode.c vcpu/gpt_walk.c

# The VMX backend's: control rules, EPT, MSR and I/O bitmaps, boot states and entry checks.
UNIT_TESTS += vmx
UNIT_SRCS_vmx := vcpu/vmx/vmx_ctls.c vcpu/vmx/ept.c vcpu/vmx/vmx_maps.c vcpu/msr_allow.c \
	vcpu/vmx/vmx_guest.c vcpu/vmx/vmx_check.c

# XSETBV's rule for a new XCR0 (vcpu/xcr0.c).
UNIT_TESTS += xcr0
UNIT_SRCS_xcr0 := vcpu/xcr0.c
