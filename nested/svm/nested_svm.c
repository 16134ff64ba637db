// SPDX-License-Identifier: BSD-2-Clause
// Nested SVM's life and L1's view: per-partition ASID, per-vCPU pages, reset, MSRs, CPUID.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "nested_svm.h"
#include "printk.h"
#include "x86.h"

#define CPUID_SVM_FEATURES 0x8000000a
#define CPUID_ADDR_SIZES   0x80000008
#define PHYS_BITS_MASK	   0xffU
#define SVM_EDX_NPT	   (1U << 0) /* NPT12 on a shadow table (npt12.c) */
#define SVM_EDX_VMCB_CLEAN (1U << 5) /* honoured by reloading everything at each VMRUN */
#define SVM_EDX_FLUSH_ASID (1U << 6) /* every VMRUN flushes L2's ASID anyway */
#define VM_CR_LOCK	   (1ULL << 3)
#define VM_CR_WRITABLE	   (VM_CR_LOCK | VM_CR_SVMDIS)
#define HSAVE_ALIGN_MASK   0xfffULL

void nested_svm_partition_init(struct partition *p)
{
	struct svm_partition *sp = &p->vendor.svm;

	if (p->cfg->nested != CFG_VENDOR_SVM)
		return;
	/* Each core runs one partition: its L2 only needs an ASID its L1 does not use. */
	sp->asid02 = cpuid(CPUID_SVM_FEATURES).ebx - 1;
	if (sp->asid02 <= sp->asid)
		pr_err("partition %s: no ASID left for nested SVM", p->cfg->name);
	else
		pr_info("partition %s: nested SVM, L2 in ASID %u", p->cfg->name, sp->asid02);
}

void nested_svm_vcpu_create(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct svm_partition *sp = &v->part->vendor.svm;

	if (v->part->cfg->nested != CFG_VENDOR_SVM || sp->asid02 <= sp->asid)
		return;
	n->vmcb01 = v->vendor.svm.vmcb;
	n->vmcb01_pa = v->vendor.svm.vmcb_pa;
	n->vmcb02 = page_alloc(sizeof(struct vmcb), PAGE_SIZE);
	n->vmcb02_pa = (uint64_t)n->vmcb02;
	n->vmcb12 = page_alloc(sizeof(struct vmcb), PAGE_SIZE);
	n->iopm12 = page_alloc(IOPM_SIZE, PAGE_SIZE);
	n->iopm02 = page_alloc(IOPM_SIZE, PAGE_SIZE);
	n->msrpm12 = page_alloc(MSRPM_SIZE, PAGE_SIZE);
	n->msrpm02 = page_alloc(MSRPM_SIZE, PAGE_SIZE);
	npt12_shadow_alloc(n);
	n->gif = true;
	n->ready = true;
}

/* Reset, INIT, restart: out of L2 without writing anything to L1, every nested value back to
 * its power-on state (rule 9). The pages stay the vCPU's; their contents go. */
void nested_svm_leave(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);

	if (!n->ready)
		return;
	if (n->vmruns && nested_svm_may_log(v))
		pr_info("partition %s: nested SVM left%s: %lu VMRUNs, %lu exits reflected, %lu "
			"VMEXIT_INVALID",
			v->part->cfg->name, n->in_l2 ? " in L2" : "", (unsigned long)n->vmruns,
			(unsigned long)n->reflected, (unsigned long)n->invalid);
	if (n->in_l2) {
		v->vendor.svm.vmcb = n->vmcb01;
		v->vendor.svm.vmcb_pa = n->vmcb01_pa;
		v->vendor.svm.guest_efer = n->l1_efer;
	}
	memset(n->vmcb02, 0, sizeof(*n->vmcb02));
	memset(n->vmcb12, 0, sizeof(*n->vmcb12));
	n->vmcb12_gpa = n->hsave_pa = n->vm_cr = n->l1_efer = 0;
	n->vmruns = n->reflected = n->invalid = 0;
	npt12_shadow_reset(n);
	n->ncr3_12 = 0;
	n->in_l2 = n->nmi_pending = n->npt12 = false;
	n->gif = true;
}

/* L1's GIF: while it is clear, V_INTR_MASKING makes L0's RFLAGS.IF (always clear while a
 * guest runs) mask physical interrupts, which stay pending in the LAPIC; NMIs wait in
 * @nmi_pending. L2 always runs with GIF set. */
void nested_svm_set_gif(struct vcpu *v, bool gif)
{
	struct svm_nested *n = nsvm(v);

	n->gif = gif;
	if (gif)
		n->vmcb01->control.int_ctl &= ~V_INTR_MASKING;
	else
		n->vmcb01->control.int_ctl |= V_INTR_MASKING;
	nested_svm_deliver_nmi(v);
}

/* 15.17, 15.9: in L2 an NMI L1 intercepts is #VMEXIT(NMI), after which (GIF clear) it waits
 * again; otherwise it is taken by the level that runs once GIF allows. */
void nested_svm_deliver_nmi(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);

	if (!n->nmi_pending)
		return;
	if (n->in_l2 && (n->vmcb12->control.intercept_misc1 & INTERCEPT_NMI)) {
		nested_svm_vmexit_synth(v, VMEXIT_NMI, 0);
		return;
	}
	/* Never over an event already on its way (L1's EVENTINJ, a re-delivery): it waits. */
	if ((!n->in_l2 && !n->gif) || (v->vendor.svm.vmcb->control.event_inj & EVENTINJ_VALID))
		return;
	v->vendor.svm.vmcb->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_NMI | VEC_NMI;
	n->nmi_pending = false;
}

/* An exception L0 raises in L2 (a refused MSR's #GP, an SVM instruction's #UD) is first an
 * exit for L1 when L1 intercepts its vector (rule 6; EXITINFO1: the error code, 15.12). */
bool nested_svm_event(struct vcpu *v, const struct vcpu_event *ev)
{
	struct svm_nested *n = nsvm(v);

	if (!n->ready)
		return false;
	if (ev->type == VCPU_EVENT_NMI) {
		n->nmi_pending = true;
		nested_svm_deliver_nmi(v);
		return true;
	}
	if (!n->in_l2 || ev->vector >= VEC_EXCEPTIONS ||
	    !(n->vmcb12->control.intercept_exceptions & (1U << ev->vector)))
		return false;
	nested_svm_vmexit_synth(v, VMEXIT_EXCP_BASE + ev->vector, ev->has_error ? ev->error : 0);
	return true;
}

/* VM_HSAVE_PA (15.30.4): page-aligned and within MAXPHYADDR. Bulkhead never uses the page:
 * L1's state stays in vmcb01. */
static bool hsave_pa(struct svm_nested *n, bool write, uint64_t *val)
{
	unsigned int bits = cpuid(CPUID_ADDR_SIZES).eax & PHYS_BITS_MASK;

	if (!write) {
		*val = n->hsave_pa;
		return true;
	}
	if ((*val & HSAVE_ALIGN_MASK) || (*val >> bits))
		return false;
	n->hsave_pa = *val;
	return true;
}

/* VM_CR (15.30.1): only SVMDIS and LOCK are L1's; a set LOCK freezes both; SVMDIS cannot be
 * set while EFER.SVME is. */
static bool vm_cr(struct vcpu *v, bool write, uint64_t *val)
{
	struct svm_nested *n = nsvm(v);

	if (!write) {
		*val = n->vm_cr;
		return true;
	}
	if ((*val & ~VM_CR_WRITABLE) || ((n->vm_cr & VM_CR_LOCK) && *val != n->vm_cr) ||
	    ((*val & VM_CR_SVMDIS) && (v->vendor.svm.guest_efer & EFER_SVME)))
		return false;
	n->vm_cr = *val;
	return true;
}

/* L2's accesses to these MSRs (L1 let them through) would be an L3's: refused for now. */
bool nested_svm_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *handled)
{
	struct svm_nested *n = nsvm(v);

	*handled = index == MSR_VM_HSAVE_PA || index == MSR_VM_CR;
	if (!*handled || !n->ready || n->in_l2)
		return false;
	return index == MSR_VM_HSAVE_PA ? hsave_pa(n, write, val) : vm_cr(v, write, val);
}

uint64_t nested_svm_efer_allowed(struct vcpu *v)
{
	const struct svm_nested *n = nsvm(v);

	return n->ready && !(n->vm_cr & VM_CR_SVMDIS) ? EFER_SVME : 0;
}

/* CPUID 0x8000000A: revision, ASIDs and only the features emulated: NPT, VMCB clean bits,
 * flush by ASID; no NRIPS, decode assists, vGIF or virtual VMLOAD/VMSAVE yet. */
void nested_svm_cpuid(uint32_t leaf, uint32_t out[4])
{
	if (leaf != CPUID_SVM_FEATURES)
		return;
	out[0] = NSVM_REVISION;
	out[1] = NSVM_ASIDS;
	out[2] = 0;
	out[3] = SVM_EDX_NPT | SVM_EDX_VMCB_CLEAN | SVM_EDX_FLUSH_ASID;
}
