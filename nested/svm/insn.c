// SPDX-License-Identifier: BSD-2-Clause
// L1's SVM instructions (AMD APM Vol. 3, VMRUN ... SKINIT; Vol. 2, 15.5): gates, then emulation.

#include <string.h>

#include "nested_svm.h"
#include "printk.h"

#define CR0_PE	  (1ULL << 0)
#define RFLAGS_VM (1ULL << 17)

void nsvm_inject(struct vcpu *v, uint8_t vector, bool with_error)
{
	struct vcpu_event ev = {
	    .type = VCPU_EVENT_EXCEPTION, .vector = vector, .has_error = with_error, .error = 0};

	vcpu_ops->inject(v, &ev);
}

/* Nested-rules 7, in the manual's order: EFER.SVME clear, real or virtual-8086 mode: #UD;
 * CPL above 0: #GP(0). (A partition without nested SVM never gets here: nested/nested.c.) */
static bool gate(struct vcpu *v)
{
	const struct vmcb_save *s = &v->vendor.svm.vmcb->save;

	if (!(v->vendor.svm.guest_efer & EFER_SVME) || !(s->cr0 & CR0_PE) ||
	    (v->regs.rflags & RFLAGS_VM)) {
		nsvm_inject(v, VEC_UD, false);
		return false;
	}
	if (s->cpl != 0) {
		nsvm_inject(v, VEC_GP, true);
		return false;
	}
	return true;
}

/* rAX by the address size: EAX outside 64-bit mode (the 0x67 prefix is not decoded). */
static uint64_t rax_operand(const struct vcpu *v)
{
	const struct vmcb_save *s = &v->vendor.svm.vmcb->save;

	if ((s->efer & EFER_LMA) && (s->cs.attrib & VMCB_ATTR_L))
		return v->regs.rax;
	return (uint32_t)v->regs.rax;
}

/* VMRUN, VMLOAD, VMSAVE: rAX is a 4 KiB-aligned VMCB in L1's own memory (rule 10), else
 * #GP(0), as hardware does for an unaligned or unbacked address. */
static struct vmcb *vmcb_operand(struct vcpu *v, uint64_t *gpa)
{
	struct vmcb *p = NULL;

	*gpa = rax_operand(v);
	if (!(*gpa & (NSVM_PAGE - 1)))
		p = part_gpa_to_hva(v->part, *gpa, sizeof(struct vmcb), CFG_R | CFG_W);
	if (!p)
		nsvm_inject(v, VEC_GP, true);
	return p;
}

/* L1's state stays in vmcb01, in L0's memory (never in its VM_HSAVE_PA page); it resumes after
 * VMRUN at the next #VMEXIT. VMCB12 is read once, into L0's copy (rule 1). */
static void vmrun(struct vcpu *v, const struct vcpu_exit *e)
{
	struct svm_nested *n = nsvm(v);
	struct vmcb_save *s01 = &n->vmcb01->save;
	uint64_t gpa;
	const struct vmcb *src = vmcb_operand(v, &gpa);

	if (!src)
		return;
	v->regs.rip += e->insn_len;
	s01->rax = v->regs.rax;
	s01->rsp = v->regs.rsp;
	s01->rip = v->regs.rip;
	s01->rflags = v->regs.rflags;
	memcpy(n->vmcb12, src, sizeof(*n->vmcb12));
	n->vmcb12_gpa = gpa;
	n->vmruns++;
	nested_svm_enter(v);
}

/* VMLOAD and VMSAVE move the hidden state between L1's VMCB and its live state, which is
 * vmcb01's (svm_run.S loads and saves it around every run). */
static void vmload(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t gpa;
	const struct vmcb *src = vmcb_operand(v, &gpa);
	struct vmcb_save copy;

	if (!src)
		return;
	memcpy(&copy, &src->save, sizeof(copy));
	vmcb_copy_hidden(&v->vendor.svm.vmcb->save, &copy);
	v->regs.rip += e->insn_len;
}

static void vmsave(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t gpa;
	struct vmcb *dst = vmcb_operand(v, &gpa);

	if (!dst)
		return;
	vmcb_copy_hidden(&dst->save, &v->vendor.svm.vmcb->save);
	v->regs.rip += e->insn_len;
}

/* INVLPGA (rAX: address, ECX: ASID): L1's own ASID 0 is L0's ASID of the partition; every
 * other ASID is L2's, whose TLB entries every emulated VMRUN flushes; its shadow NPT goes. */
static void invlpga(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t va = rax_operand(v);
	uint32_t asid = v->part->vendor.svm.asid;

	if ((uint32_t)v->regs.rcx == 0)
		asm volatile("invlpga %0, %1" : : "a"(va), "c"(asid) : "memory");
	else
		npt12_shadow_reset(nsvm(v)); /* one of L2's pages: its NPT12 translation too */
	v->regs.rip += e->insn_len;
}

static void set_gif(struct vcpu *v, const struct vcpu_exit *e, bool gif)
{
	v->regs.rip += e->insn_len;
	nested_svm_set_gif(v, gif);
}

static bool nested_svm_insn(struct vcpu *v, const struct vcpu_exit *e)
{
	/* SKINIT is not offered (CPUID 0x80000001 ECX[12] is clear): #UD before any gate. */
	if (e->code == VMEXIT_SKINIT || !nsvm(v)->ready) {
		nsvm_inject(v, VEC_UD, false);
		return true;
	}
	if (!gate(v))
		return true;
	if (e->code == VMEXIT_VMRUN)
		vmrun(v, e);
	else if (e->code == VMEXIT_VMLOAD)
		vmload(v, e);
	else if (e->code == VMEXIT_VMSAVE)
		vmsave(v, e);
	else if (e->code == VMEXIT_STGI || e->code == VMEXIT_CLGI)
		set_gif(v, e, e->code == VMEXIT_STGI);
	else if (e->code == VMEXIT_INVLPGA)
		invlpga(v, e);
	else
		nsvm_inject(v, VEC_UD, false);
	return true;
}

/* The hooks of nested/nested.c; the MSR, CPUID and reset ones are in nested_svm.c. */
const struct nested_ops nested_svm_ops = {
    .virt_insn = nested_svm_insn,
    .msr = nested_svm_msr,
    .efer_allowed = nested_svm_efer_allowed,
    .cpuid = nested_svm_cpuid,
    .reset = nested_svm_leave,
};
