// SPDX-License-Identifier: BSD-2-Clause
// VMRUN's second half (APM Vol. 2, 15.5): check L0's copy of VMCB12, build VMCB02, enter L2.

#include <string.h>

#include "mm.h"
#include "nested_svm.h"
#include "printk.h"
#include "vmcb02_control.h"
#include "x86.h"

#define CPUID_ADDR_SIZES 0x80000008
#define PHYS_BITS_MASK	 0xffU
/* EFER bits L1 may give L2: what a partition may set (vcpu/msr.c) plus SVME (APM 3.1.7). */
#define NSVM_EFER_ALLOWED 0x5d01ULL /* SCE, LME, LMA, NXE, SVME, FFXSR */
/* CR4 bits that are not reserved on AMD (APM 3.1.3); VMXE and SMXE are MBZ there. */
#define NSVM_CR4_ALLOWED 0xf71fffULL

static bool in_l1(const void *ctx, uint64_t gpa, uint64_t len)
{
	return part_gpa_to_hva(ctx, gpa, len, CFG_R) != NULL;
}

static void env_of(const struct vcpu *v, struct vmcb12_env *env)
{
	*env = (struct vmcb12_env){
	    .phys_bits = cpuid(CPUID_ADDR_SIZES).eax & PHYS_BITS_MASK,
	    .efer_allowed = NSVM_EFER_ALLOWED,
	    .cr4_allowed = NSVM_CR4_ALLOWED,
	    .npt_offered = true,
	    .in_l1 = in_l1,
	    .ctx = v->part,
	};
}

/* L0's copy of one of L1's maps (read once), or all zeros when L1 does not use it. */
static bool copy_map(struct vcpu *v, uint8_t *dst, uint64_t base, uint64_t size, bool used)
{
	const void *src;

	if (!used)
		return true;
	src = part_gpa_to_hva(v->part, base & VMCB12_MAP_BASE_MASK, size, CFG_R);
	if (src)
		memcpy(dst, src, size);
	return src != NULL;
}

/* Merged maps start from L0's (intercept all but what the partition owns): rule 4. */
static bool vmcb02_prepare_maps(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb_control *c12 = &n->vmcb12->control;
	const struct svm_partition *sp = &v->part->vendor.svm;

	if (!copy_map(v, n->iopm12, c12->iopm_base_pa, IOPM_SIZE,
		      c12->intercept_misc1 & INTERCEPT_IOIO) ||
	    !copy_map(v, n->msrpm12, c12->msrpm_base_pa, MSRPM_SIZE,
		      c12->intercept_misc1 & INTERCEPT_MSR))
		return false;
	/* A map L1 does not use leaves L0's as the merge: VMCB02 takes L0's own, unmerged. */
	n->iopm02_pa = sp->iopm_pa;
	n->msrpm02_pa = n->vmcb01->control.msrpm_base_pa;
	if (c12->intercept_misc1 & INTERCEPT_IOIO) {
		permission_map_merge(n->iopm02, phys_to_virt(sp->iopm_pa), n->iopm12, IOPM_SIZE);
		n->iopm02_pa = (uint64_t)n->iopm02;
	}
	if (c12->intercept_misc1 & INTERCEPT_MSR) {
		permission_map_merge(n->msrpm02, phys_to_virt(n->vmcb01->control.msrpm_base_pa),
				     n->msrpm12, MSRPM_SIZE);
		n->msrpm02_pa = (uint64_t)n->msrpm02;
	}
	return true;
}

/* L2 runs in its own ASID, flushed at every VMRUN, on the NPT12 shadow or on NPT01. */
static void vmcb02_prepare_control(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb02_l0 l0 = {
	    .iopm_pa = n->iopm02_pa,
	    .msrpm_pa = n->msrpm02_pa,
	    .ncr3 = n->npt12 ? (uint64_t)n->shadow.pages : n->vmcb01->control.ncr3,
	    .asid = v->part->vendor.svm.asid02,
	};

	vmcb02_control_build(&n->vmcb02->control, &n->vmcb01->control, &n->vmcb12->control, &l0);
}

/* L2 on NPT12 runs on its shadow, kept like a TLB: dropped when L1 changes its root or L2's
 * ASID (a fresh ASID is a clean TLB on hardware, and L1s count on it), asks for a flush
 * (TLB_CONTROL) or invalidates with INVLPGA. Without NPT12 L2 runs on NPT01. */
static void vmcb02_prepare_npt(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb_control *c12 = &n->vmcb12->control;
	bool npt12 = c12->np_control & NP_ENABLE;

	if (npt12 && (!n->npt12 || c12->ncr3 != n->ncr3_12 || c12->asid != n->asid_12 ||
		      c12->tlb_control != TLB_CONTROL_NONE))
		npt12_shadow_reset(n);
	n->npt12 = npt12;
	n->ncr3_12 = npt12 ? c12->ncr3 : 0;
	n->asid_12 = c12->asid;
}

/* What VMRUN loads from VMCB12 (15.5.1); the hidden state (FS, GS, TR, LDTR, syscall MSRs)
 * stays L1's, as VMRUN does not load it. Without NPT12 L2 shares L1's PAT. */
static void vmcb02_prepare_save(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb_save *s12 = &n->vmcb12->save;
	struct vmcb_save *s = &n->vmcb02->save;

	memset(s, 0, sizeof(*s));
	vmcb_copy_hidden(s, &n->vmcb01->save);
	s->es = s12->es;
	s->cs = s12->cs;
	s->ss = s12->ss;
	s->ds = s12->ds;
	s->gdtr = s12->gdtr;
	s->idtr = s12->idtr;
	s->cpl = s12->cpl;
	s->efer = s12->efer | EFER_SVME;
	s->cr0 = s12->cr0;
	s->cr2 = s12->cr2;
	s->cr3 = s12->cr3;
	s->cr4 = s12->cr4;
	s->dr6 = s12->dr6;
	s->dr7 = s12->dr7;
	s->g_pat = n->npt12 ? s12->g_pat : n->vmcb01->save.g_pat;
}

/* The vCPU now runs L2: its registers are L2's (VMRUN loads RAX, RSP, RIP, RFLAGS; the other
 * general-purpose registers carry over), GIF is set. */
static void switch_to_l2(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	struct svm_vcpu *s = &v->vendor.svm;
	const struct vmcb_save *s12 = &n->vmcb12->save;

	n->l1_efer = s->guest_efer;
	s->guest_efer = s12->efer;
	s->vmcb = n->vmcb02;
	s->vmcb_pa = n->vmcb02_pa;
	v->regs.rax = s12->rax;
	v->regs.rsp = s12->rsp;
	v->regs.rip = s12->rip;
	v->regs.rflags = s12->rflags;
	n->in_l2 = true;
	nested_svm_set_gif(v, true); /* an NMI that waited may end L2 at once */
}

void nested_svm_enter(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	struct vmcb12_env env;
	const char *why;

	env_of(v, &env);
	why = vmcb12_check(n->vmcb12, &env);
	if (!why && !vmcb02_prepare_maps(v))
		why = "permission maps outside L1's memory";
	if (why) {
		if (nested_svm_may_log(v))
			pr_info("partition %s: VMRUN of VMCB12 at 0x%lx: VMEXIT_INVALID (%s)",
				v->part->cfg->name, (unsigned long)n->vmcb12_gpa, why);
		nested_svm_vmexit_invalid(v);
		return;
	}
	vmcb02_prepare_npt(v);
	vmcb02_prepare_control(v);
	vmcb02_prepare_save(v);
	switch_to_l2(v);
}
