// SPDX-License-Identifier: BSD-2-Clause
// Exits from L2 (APM Vol. 2, 15.6): L1's first (rule 6), reflected with L2's state into VMCB12.

#include <string.h>

#include "nested_svm.h"
#include "printk.h"

#define BITS_32	     32
#define IOIO_SZ_BYTE 1U

void vmcb_copy_hidden(struct vmcb_save *dst, const struct vmcb_save *src)
{
	dst->fs = src->fs;
	dst->gs = src->gs;
	dst->tr = src->tr;
	dst->ldtr = src->ldtr;
	dst->kernel_gs_base = src->kernel_gs_base;
	dst->star = src->star;
	dst->lstar = src->lstar;
	dst->cstar = src->cstar;
	dst->sfmask = src->sfmask;
	dst->sysenter_cs = src->sysenter_cs;
	dst->sysenter_esp = src->sysenter_esp;
	dst->sysenter_eip = src->sysenter_eip;
}

/* Bytes of an IOIO access from its EXITINFO1 size bits (15.10.2). */
static unsigned int ioio_size(uint64_t info)
{
	uint64_t sz = (info >> IOIO_SZ_SHIFT) & IOIO_SZ_MASK;

	return sz & 4 ? 4 : sz & 2 ? 2 : IOIO_SZ_BYTE;
}

static bool bit32(uint32_t vector, uint64_t n)
{
	return n < BITS_32 && (vector & (1U << n));
}

/* Did L1 ask for this exit? Decided from L0's copies only: its VMCB12 and maps (rule 1). */
static bool l1_wants(const struct vcpu *v, const struct svm_nested *n)
{
	const struct vmcb_control *c12 = &n->vmcb12->control;
	const struct vmcb_control *c02 = &n->vmcb02->control;
	uint64_t code = c02->exit_code;

	if (code < VMEXIT_DR_FIRST)
		return bit32(c12->intercept_cr, code - VMEXIT_CR_FIRST);
	if (code < VMEXIT_EXCP_BASE)
		return bit32(c12->intercept_dr, code - VMEXIT_DR_FIRST);
	if (code <= VMEXIT_EXCP_LAST)
		return bit32(c12->intercept_exceptions, code - VMEXIT_EXCP_BASE);
	switch (code) {
	case VMEXIT_NMI: /* L0's kick */
	case VMEXIT_SMI:
	case VMEXIT_INIT:
	case VMEXIT_NPF: /* NPT01: only L0's tables */
		return false;
	case VMEXIT_IOIO:
		return (c12->intercept_misc1 & INTERCEPT_IOIO) &&
		       iopm_intercepts(n->iopm12, (uint16_t)(c02->exit_info1 >> IOIO_PORT_SHIFT),
				       ioio_size(c02->exit_info1));
	case VMEXIT_MSR:
		return (c12->intercept_misc1 & INTERCEPT_MSR) &&
		       msrpm_intercepts(n->msrpm12, (uint32_t)v->regs.rcx, c02->exit_info1 & 1);
	default:
		break;
	}
	if (code >= VMEXIT_MISC1_FIRST && code < VMEXIT_MISC2_FIRST)
		return bit32(c12->intercept_misc1, code - VMEXIT_MISC1_FIRST);
	if (code >= VMEXIT_MISC2_FIRST && code <= VMEXIT_MISC2_LAST)
		return bit32(c12->intercept_misc2, code - VMEXIT_MISC2_FIRST);
	return false;
}

/* Every exit field is written whole (rule 11); no NRIPS or decode assists are offered. */
static void write_exit(struct vmcb_control *dst, uint64_t code, uint64_t info1, uint64_t info2,
		       uint64_t int_info)
{
	dst->exit_code = code;
	dst->exit_info1 = info1;
	dst->exit_info2 = info2;
	dst->exit_int_info = int_info;
	dst->next_rip = 0;
	dst->insn_len = 0;
	memset(dst->insn_bytes, 0, sizeof(dst->insn_bytes));
	dst->event_inj = 0;
}

/* What #VMEXIT saves of the guest (15.6): into L1's VMCB12, written, never read back. */
static void sync_vmcb02_to_vmcb12(struct vmcb *dst, const struct svm_nested *n, uint64_t efer)
{
	const struct vmcb_save *s = &n->vmcb02->save;
	const struct vmcb_control *c = &n->vmcb02->control;
	uint64_t virq = V_TPR_MASK | V_IRQ;

	dst->save.es = s->es;
	dst->save.cs = s->cs;
	dst->save.ss = s->ss;
	dst->save.ds = s->ds;
	dst->save.gdtr = s->gdtr;
	dst->save.idtr = s->idtr;
	dst->save.cpl = s->cpl;
	dst->save.efer = efer;
	dst->save.cr0 = s->cr0;
	dst->save.cr2 = s->cr2;
	dst->save.cr3 = s->cr3;
	dst->save.cr4 = s->cr4;
	dst->save.dr6 = s->dr6;
	dst->save.dr7 = s->dr7;
	dst->save.rflags = s->rflags;
	dst->save.rip = s->rip;
	dst->save.rsp = s->rsp;
	dst->save.rax = s->rax;
	dst->control.int_ctl = (n->vmcb12->control.int_ctl & ~virq) | (c->int_ctl & virq);
	dst->control.int_shadow = c->int_shadow & INT_SHADOW;
	write_exit(&dst->control, c->exit_code, c->exit_info1, c->exit_info2, c->exit_int_info);
}

/* L1 resumes after its VMRUN with what VMRUN kept (vmcb01: RAX, RSP, RIP, RFLAGS and all
 * the rest), its own EFER, DR7 reset and GIF clear; the other registers hold L2's. */
static void load_l1_state(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	struct svm_vcpu *s = &v->vendor.svm;
	struct vmcb_save *s01 = &n->vmcb01->save;

	vmcb_copy_hidden(s01, &n->vmcb02->save); /* #VMEXIT does not restore it */
	s->guest_efer = n->l1_efer;
	s->vmcb = n->vmcb01;
	s->vmcb_pa = n->vmcb01_pa;
	s01->dr7 = DR7_RESET;
	v->regs.rax = s01->rax;
	v->regs.rsp = s01->rsp;
	v->regs.rip = s01->rip;
	v->regs.rflags = s01->rflags;
	n->in_l2 = false;
	nested_svm_set_gif(v, false);
}

static struct vmcb *vmcb12_of(struct vcpu *v)
{
	struct vmcb *dst =
	    part_gpa_to_hva(v->part, nsvm(v)->vmcb12_gpa, sizeof(struct vmcb), CFG_R | CFG_W);

	/* Checked at VMRUN and the partition's memory never moves: fail closed (rule 9). */
	if (!dst)
		part_fault(v->part, "nested SVM: VMCB12 no longer in the partition's memory");
	return dst;
}

void nested_svm_vmexit(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb_save *s02 = &n->vmcb02->save;
	uint64_t l2_efer = (s02->efer & EFER_LMA) | (v->vendor.svm.guest_efer & ~EFER_LMA);
	struct vmcb *dst = vmcb12_of(v);

	load_l1_state(v);
	n->reflected++;
	if (dst)
		sync_vmcb02_to_vmcb12(dst, n, l2_efer);
}

void nested_svm_vmexit_synth(struct vcpu *v, uint64_t code, uint64_t info1)
{
	struct vmcb *v02 = nsvm(v)->vmcb02;

	v02->save.rax = v->regs.rax;
	v02->save.rsp = v->regs.rsp;
	v02->save.rip = v->regs.rip;
	v02->save.rflags = v->regs.rflags;
	v02->control.exit_code = code;
	v02->control.exit_info1 = info1;
	v02->control.exit_info2 = 0;
	v02->control.exit_int_info = v02->control.event_inj; /* not delivered yet */
	v02->control.event_inj = 0;
	nested_svm_vmexit(v);
}

/* A failed VMRUN is a #VMEXIT too: GIF clear, L1 after its VMRUN (APM: EXITCODE is -1). */
void nested_svm_vmexit_invalid(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	struct vmcb *dst = vmcb12_of(v);

	if (n->in_l2)
		load_l1_state(v);
	nested_svm_set_gif(v, false);
	n->invalid++;
	if (dst)
		write_exit(&dst->control, VMEXIT_INVALID, 0, 0, 0);
}

static bool is_svm_insn(uint64_t code)
{
	return (code >= VMEXIT_VMRUN && code <= VMEXIT_SKINIT) || code == VMEXIT_INVLPGA;
}

/* Called after every run (svm_ops.c): true when the exit is dealt with here (reflected to
 * L1, or #UD for an SVM instruction of L2 that L1 lets through: an L3 is not run yet). */
bool nested_svm_exit(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	uint64_t code;

	if (!n->in_l2)
		return false;
	code = n->vmcb02->control.exit_code;
	/* Hardware refused the VMCB02 we built (QEMU stores the code as 32 bits). */
	if ((uint32_t)code == (uint32_t)VMEXIT_INVALID) {
		if (nested_svm_may_log(v))
			pr_warn("partition %s: VMCB02 refused by the CPU (VMCB12 at 0x%lx)",
				v->part->cfg->name, (unsigned long)n->vmcb12_gpa);
		nested_svm_vmexit_invalid(v);
		return true;
	}
	if (code == VMEXIT_NPF && n->npt12) {
		nested_npt12_fault(v);
		return true;
	}
	if (l1_wants(v, n)) {
		nested_svm_vmexit(v);
		return true;
	}
	if (is_svm_insn(code)) {
		nsvm_inject(v, VEC_UD, false);
		return true;
	}
	return false;
}
