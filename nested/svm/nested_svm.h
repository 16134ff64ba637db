/* SPDX-License-Identifier: BSD-2-Clause */
/* Nested SVM internals: L1 (the partition's hypervisor) runs L2 through L0's (Bulkhead's)
 * emulated VMRUN. Phases: insn.c (gates, instructions), vmcb02.c (12 -> 02), exit.c (02 -> 12). */
#ifndef BULKHEAD_NESTED_SVM_H
#define BULKHEAD_NESTED_SVM_H

#include <stdbool.h>
#include <stdint.h>

#include "nested.h"
#include "svm/svm.h"
#include "traps.h"
#include "vmcb12_checks.h"

#define NSVM_PAGE	  4096ULL
#define NSVM_REVISION	  1	   /* CPUID 0x8000000A EAX */
#define NSVM_ASIDS	  16	   /* CPUID 0x8000000A EBX: L1's ASIDs all map to one of L0's */
#define DR7_RESET	  0x400ULL /* #VMEXIT disables every breakpoint (15.6) */
#define NSVM_LOG_REFUSALS 8	   /* per vCPU and partition run: no console flood */

static inline struct svm_nested *nsvm(struct vcpu *v)
{
	return &v->vendor.svm.nested;
}

/* nested_svm.c: VM_HSAVE_PA and VM_CR, EFER.SVME, CPUID 0x8000000A. */
bool nested_svm_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *handled);
uint64_t nested_svm_efer_allowed(struct vcpu *v);
void nested_svm_cpuid(uint32_t leaf, uint32_t out[4]);

/* GIF of the vCPU (15.17): while clear, L1's interrupts and NMIs wait. */
void nested_svm_set_gif(struct vcpu *v, bool gif);
/* A pending NMI goes where the architecture sends it, now or when GIF is set. */
void nested_svm_deliver_nmi(struct vcpu *v);

/* npt12.c: the shadow of NPT12 (NSVM_SHADOW_PAGES per vCPU, refilled from empty when full). */
#define NSVM_SHADOW_PAGES 64
void npt12_shadow_alloc(struct svm_nested *n);
void npt12_shadow_reset(struct svm_nested *n);
/* A nested page fault of L2 on the shadow: filled from NPT12, or reflected to L1. */
void nested_npt12_fault(struct vcpu *v);

/* insn.c */
void nsvm_inject(struct vcpu *v, uint8_t vector, bool with_error);

/* vmcb02.c: the copied VMCB12 is checked and, when valid, L2 starts (else VMEXIT_INVALID). */
void nested_svm_enter(struct vcpu *v);

/* exit.c: #VMEXIT to L1 with the exit vmcb02 holds (or VMEXIT_INVALID); restores L1. */
void nested_svm_vmexit(struct vcpu *v);
void nested_svm_vmexit_invalid(struct vcpu *v);
/* An exit L0 makes up for L1 (an NMI or an exception it intercepts), from L2's current
 * registers. */
void nested_svm_vmexit_synth(struct vcpu *v, uint64_t code, uint64_t info1);
/* The hidden state VMLOAD and VMSAVE move (15.5.2): FS, GS, TR, LDTR, syscall MSRs. */
void vmcb_copy_hidden(struct vmcb_save *dst, const struct vmcb_save *src);

/* Whether one more line about this vCPU's nested activity may be printed; counts it. The
 * budget is per partition run: INIT or VMRUN loops cannot refill it, only a restart (bounded
 * by restart-limit) does. */
static inline bool nested_svm_may_log(struct vcpu *v)
{
	struct svm_nested *n = &v->vendor.svm.nested;

	if (n->logged_run != v->part->restarts) {
		n->logged_run = v->part->restarts;
		n->logged = 0;
	}
	if (n->logged >= NSVM_LOG_REFUSALS)
		return false;
	n->logged++;
	return true;
}

#endif
