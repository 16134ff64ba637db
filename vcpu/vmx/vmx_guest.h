/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest boot states in VMCS form and the VM-entry guest-state checks (SDM Vol. 3C, 26.3.1). */
#ifndef BULKHEAD_VMX_GUEST_H
#define BULKHEAD_VMX_GUEST_H

#include <stdint.h>

#include "vcpu.h"
#include "vmcs.h"

/* The CR0/CR4 bits VMX operation fixes (A.7, A.8): fixed0 set bits must be 1, fixed1 clear
 * bits must be 0. Unrestricted guests are exempt from CR0.PE and CR0.PG. */
struct vmx_fixed {
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
};

#define CR0_PE_BIT    (1ULL << 0)
#define CR0_NE_BIT    (1ULL << 5)
#define CR0_PG_BIT    (1ULL << 31)
#define CR4_PAE_BIT   (1ULL << 5)
#define CR4_VMXE_BIT  (1ULL << 13)
#define CR4_PCIDE_BIT (1ULL << 17)
#define EFER_LME_BIT  (1ULL << 8)
#define EFER_LMA_BIT  (1ULL << 10)

/* Bits the guest cannot own (fixed by VMX): in the guest/host mask, read from the shadow. */
uint64_t vmx_cr0_mask(const struct vmx_fixed *f);
uint64_t vmx_cr4_mask(const struct vmx_fixed *f);
/* The value the CPU runs with for what the guest asked (@want): fixed bits forced. */
uint64_t vmx_cr0_real(const struct vmx_fixed *f, uint64_t want);
uint64_t vmx_cr4_real(const struct vmx_fixed *f, uint64_t want);

/* The VMCS guest state for @b (vcpu/svm/svm_vmcb.c has the same states in VMCB form). */
void vmx_guest_boot(struct vmx_guest *g, const struct vcpu_boot *b, const struct vmx_fixed *f);

/* NULL if @g passes the checks of 26.3.1.1-26.3.1.4 for an unrestricted guest; otherwise which
 * field failed which rule, as text with the SDM section. */
const char *vmx_guest_check(const struct vmx_guest *g, const struct vmx_fixed *f);

#endif
