// SPDX-License-Identifier: BSD-2-Clause
// The SVM backend behind struct vcpu_ops: per-CPU enable, per-partition maps, VMCB, run.

#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "mm.h"
#include "printk.h"
#include "svm.h"
#include "traps.h"
#include "x86.h"

#define CPUID_EXT_MAX	   0x80000000
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT1_ECX_SVM (1U << 2)
#define CPUID_SVM_FEATURES 0x8000000a
#define CPUID_SVM_EDX_NPT  (1U << 0)
#define ASID_FIRST	   1 /* ASID 0 is the host's */

/* svm_run.S addresses struct vcpu_regs by these offsets. */
_Static_assert(__builtin_offsetof(struct vcpu, regs) == 0, "regs first in struct vcpu");
_Static_assert(__builtin_offsetof(struct vcpu_regs, rbx) == 8, "svm_run.S R_RBX");
_Static_assert(__builtin_offsetof(struct vcpu_regs, rbp) == 48, "svm_run.S R_RBP");
_Static_assert(__builtin_offsetof(struct vcpu_regs, r8) == 64, "svm_run.S R_R8");
_Static_assert(__builtin_offsetof(struct vcpu_regs, r15) == 120, "svm_run.S R_R15");

static bool svm_usable(const char **why)
{
	if (cpuid(CPUID_EXT_MAX).eax < CPUID_SVM_FEATURES ||
	    !(cpuid(CPUID_EXT_FEATURES).ecx & CPUID_EXT1_ECX_SVM))
		*why = "no SVM on this CPU";
	else if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
		*why = "SVM disabled by firmware (VM_CR.SVMDIS)";
	else if (!(cpuid(CPUID_SVM_FEATURES).edx & CPUID_SVM_EDX_NPT))
		*why = "SVM without nested paging";
	else
		return true;
	return false;
}

/* EFER.SVME, and the page where VMRUN keeps this CPU's host state (15.30.4). */
static void svm_cpu_enable(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, (uint64_t)page_alloc(PAGE_SIZE, PAGE_SIZE));
}

static void svm_partition_init(struct partition *p)
{
	struct svm_partition *sp = &p->vendor.svm;
	uint64_t *pml4 = page_alloc(PAGE_SIZE, PAGE_SIZE);
	unsigned int pages[3] = {0, 0, 0};

	for (size_t i = 0; i < part_nmaps(p); i++) {
		const struct part_mem *m = part_map(p, i);

		npt_map(pml4, m->gpa, m->hpa, m->size, m->rights, pages);
	}
	for (size_t i = 0; i < part_ndevmaps(p); i++) {
		const struct part_mem *m = part_devmap(p, i);

		npt_map(pml4, m->gpa, m->hpa, m->size, m->rights, pages);
	}
	sp->ncr3 = (uint64_t)pml4;
	sp->iopm_pa = svm_iopm_build(p->cfg);
	for (size_t i = 0; i < part_ndevports(p); i++)
		svm_iopm_open((uint8_t *)sp->iopm_pa, part_devport(p, i)->base,
			      part_devport(p, i)->size);
	sp->msrpm_pa = svm_msrpm_build();
	sp->asid = ASID_FIRST + p->index;
	nested_svm_partition_init(p);
	pr_info("partition %s: NPT %u x 1 GiB, %u x 2 MiB, %u x 4 KiB pages; ASID %u", p->cfg->name,
		pages[2], pages[1], pages[0], sp->asid);
}

static void svm_create(struct vcpu *v)
{
	struct svm_vcpu *s = &v->vendor.svm;

	s->vmcb = page_alloc(sizeof(struct vmcb), PAGE_SIZE);
	s->vmcb_pa = (uint64_t)s->vmcb;
	s->host_save_pa = (uint64_t)page_alloc(PAGE_SIZE, PAGE_SIZE);
	s->msrpm = page_alloc(MSRPM_SIZE, PAGE_SIZE);
	memcpy(s->msrpm, (const void *)v->part->vendor.svm.msrpm_pa, MSRPM_SIZE);
	svm_vmcb_init(s->vmcb, &v->part->vendor.svm, (uint64_t)s->msrpm);
	nested_svm_vcpu_create(v);
}

static void svm_set_boot(struct vcpu *v, const struct vcpu_boot *b)
{
	struct vmcb *vmcb;

	nested_svm_leave(v);
	vmcb = v->vendor.svm.vmcb;
	svm_vmcb_init(vmcb, &v->part->vendor.svm, (uint64_t)v->vendor.svm.msrpm);
	svm_vmcb_boot(vmcb, b);
	v->vendor.svm.guest_efer = vmcb->save.efer & ~EFER_SVME;
	v->regs = (struct vcpu_regs){.rax = b->rax,
				     .rbx = b->rbx,
				     .rsi = b->rsi,
				     .rdi = b->rdi,
				     .rip = b->rip,
				     .rsp = b->rsp};
	v->regs.rflags = vmcb->save.rflags;
	v->vendor.svm.nmi_masked = v->vendor.svm.nmi_pending = false;
	v->vendor.svm.iret_seen = v->vendor.svm.nmi_step = false;
}

/* A kick NMI that lands after this check is held by GIF = 0 and ends VMRUN at once (15.17). */
static bool requests_pending(struct vcpu *v, struct vcpu_exit *e)
{
	clgi();
	if (!__atomic_load_n(&v->requests, __ATOMIC_ACQUIRE))
		return false;
	stgi();
	e->reason = VCPU_EXIT_INTR;
	e->code = VMEXIT_NMI;
	e->insn_len = 0;
	return true;
}

/* An exit in the middle of delivering an event (an interrupt through the IDT when the kick NMI
 * came, say) leaves it in EXITINTINFO; it is delivered again at the next entry, else the guest
 * would lose it (APM 15.7.2). EXITINTINFO has EVENTINJ's layout. */
static void svm_requeue_event(struct vmcb *vmcb)
{
	if (vmcb->control.exit_int_info & EVENTINJ_VALID)
		vmcb->control.event_inj = svm_event_redeliver(vmcb->control.exit_int_info);
}

/* RAX, RSP, RIP and RFLAGS live in the VMCB; the core sees them in struct vcpu_regs. */
/* Bulkhead's own IF is always clear. A nested guest whose L1 asked for V_INTR_MASKING must be
 * masked by L1's IF instead, so that L1's interrupts can end L2's run as on hardware. */
static uint64_t host_if(const struct vcpu *v)
{
	const struct svm_nested *n = &v->vendor.svm.nested;

	return n->in_l2 && (v->vendor.svm.vmcb->control.int_ctl & V_INTR_MASKING) &&
	       (n->vmcb01->save.rflags & RFLAGS_IF);
}

static void svm_enter(struct vcpu *v)
{
	struct vmcb *vmcb = v->vendor.svm.vmcb;

	vmcb->save.rax = v->regs.rax;
	vmcb->save.rsp = v->regs.rsp;
	vmcb->save.rip = v->regs.rip;
	vmcb->save.rflags = v->regs.rflags;
	svm_vmrun(&v->regs, v->vendor.svm.vmcb_pa, v->vendor.svm.host_save_pa, host_if(v));
	vmcb->control.tlb_control = TLB_CONTROL_NONE;
	vmcb->control.event_inj = 0;
	v->regs.rax = vmcb->save.rax;
	v->regs.rsp = vmcb->save.rsp;
	v->regs.rip = vmcb->save.rip;
	v->regs.rflags = vmcb->save.rflags;
}

/* The guest's NMI blocking without vNMI (QEMU TCG has none): an injected NMI masks NMIs and
 * turns on the IRET intercept. The intercept comes before the IRET runs (APM 15.9), so NMIs are
 * unmasked only once the guest left that IRET behind: at a later exit with RIP elsewhere or,
 * when an NMI waits, at once by single-stepping the IRET (its trap depends on TF before it, SDM
 * 17.3.1.4), whose #DB exit then injects the NMI. An NMI never goes over a valid EVENTINJ: it
 * waits for the next exit. Nested guests (L2) leave NMIs to nested_svm_event(). */
static void nmi_mask(struct svm_vcpu *s)
{
	s->nmi_masked = true;
	s->iret_seen = false;
	s->vmcb->control.intercept_misc1 |= INTERCEPT_IRET;
}

static bool event_waiting(const struct vmcb *vmcb)
{
	return vmcb->control.event_inj & EVENTINJ_VALID;
}

/* The intercepts above are vmcb01's, which VMCB02 merges in: keep them only where L1 asks. */
static void nmi_strip_l2(struct svm_vcpu *s)
{
	const struct vmcb_control *c12 = &s->nested.vmcb12->control;
	struct vmcb_control *c = &s->vmcb->control;

	if (!(c12->intercept_misc1 & INTERCEPT_IRET))
		c->intercept_misc1 &= ~INTERCEPT_IRET;
	if (!(c12->intercept_exceptions & (1U << VEC_DB)))
		c->intercept_exceptions &= ~(1U << VEC_DB);
}

static void nmi_step_start(struct vcpu *v)
{
	struct svm_vcpu *s = &v->vendor.svm;

	s->nmi_step = true;
	s->step_guest_tf = v->regs.rflags & RFLAGS_TF;
	s->step_dr6 = s->vmcb->save.dr6;
	v->regs.rflags |= RFLAGS_TF;
	s->vmcb->control.intercept_exceptions |= 1U << VEC_DB;
}

/* Before each entry: deliver a waiting NMI, or step towards the end of the blocking. */
static void nmi_prepare(struct vcpu *v)
{
	struct svm_vcpu *s = &v->vendor.svm;
	struct vmcb_control *c = &s->vmcb->control;
	const struct vcpu_event nmi = {.type = VCPU_EVENT_NMI, .vector = VEC_NMI};

	if (s->nested.in_l2) {
		nmi_strip_l2(s);
		return;
	}
	if (s->nmi_pending && !s->nmi_masked && !event_waiting(s->vmcb)) {
		s->nmi_pending = false;
		/* L1 of a nested partition: its GIF may hold the NMI (nested/svm/). */
		if (!nested_svm_event(v, &nmi))
			c->event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_NMI | VEC_NMI;
	}
	/* Also an NMI that L1's STGI released, or one whose delivery an exit interrupted. */
	if ((c->event_inj & (EVENTINJ_VALID | EVENTINJ_TYPE_MASK)) ==
	    (EVENTINJ_VALID | EVENTINJ_TYPE_NMI))
		nmi_mask(s);
	else if (s->nmi_pending && s->nmi_masked && s->iret_seen && !s->nmi_step &&
		 !event_waiting(s->vmcb))
		nmi_step_start(v);
}

/* The step's #DB: the IRET ran (or faulted). Our TF went with it, else it is taken back; DR6.BS
 * is cleared when the step was ours alone, and a #DB the guest caused itself is its own. */
static void nmi_step_done(struct vcpu *v)
{
	struct svm_vcpu *s = &v->vendor.svm;
	struct vmcb *vmcb = s->vmcb;
	uint64_t fresh = vmcb->save.dr6 & ~s->step_dr6;
	bool ours = (vmcb->save.dr6 & DR6_BS) && !s->step_guest_tf;

	s->nmi_step = false;
	vmcb->control.intercept_exceptions &= ~(1U << VEC_DB);
	if (v->regs.rip != s->iret_rip)
		s->nmi_masked = s->iret_seen = false;
	else if (!s->step_guest_tf)
		v->regs.rflags &= ~RFLAGS_TF;
	if (ours)
		vmcb->save.dr6 = (vmcb->save.dr6 & ~DR6_BS) | (s->step_dr6 & DR6_BS);
	if (!ours || (fresh & DR6_GUEST_CAUSES))
		vmcb->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | VEC_DB;
}

/* After each exit of L1 or a non-nested guest: true when it was only for the NMI blocking. */
static bool nmi_exit(struct vcpu *v)
{
	struct svm_vcpu *s = &v->vendor.svm;
	struct vmcb_control *c = &s->vmcb->control;

	if (s->nested.in_l2)
		return false;
	if (c->exit_code == VMEXIT_EXCP_BASE + VEC_DB && s->nmi_step) {
		nmi_step_done(v);
		return true;
	}
	if (s->iret_seen && !s->nmi_step && v->regs.rip != s->iret_rip)
		s->nmi_masked = s->iret_seen = false;
	if (c->exit_code != VMEXIT_IRET || !(c->intercept_misc1 & INTERCEPT_IRET))
		return false;
	c->intercept_misc1 &= ~INTERCEPT_IRET;
	s->iret_seen = true;
	s->iret_rip = v->regs.rip;
	svm_requeue_event(s->vmcb);
	return true;
}

/* An exit of a nested guest that its L1 asked for goes to L1 first (nested/svm/exit.c); the
 * exits of the NMI blocking stay here too. */
static void svm_run(struct vcpu *v, struct vcpu_exit *e)
{
	do {
		if (requests_pending(v, e))
			return;
		nmi_prepare(v);
		svm_enter(v);
	} while (nested_svm_exit(v) || nmi_exit(v));
	svm_requeue_event(v->vendor.svm.vmcb);
	svm_decode_exit(v->vendor.svm.vmcb, e);
	if (e->reason == VCPU_EXIT_MSR)
		e->msr.index = (uint32_t)v->regs.rcx;
}

/* EVENTINJ (15.20): vector, type, error code valid, valid. */
static void svm_inject(struct vcpu *v, const struct vcpu_event *ev)
{
	uint64_t inj = ev->vector | EVENTINJ_VALID;

	/* Outside L2 an NMI waits for nmi_prepare(), which minds the guest's NMI blocking. */
	if (ev->type == VCPU_EVENT_NMI && !v->vendor.svm.nested.in_l2) {
		v->vendor.svm.nmi_pending = true;
		return;
	}
	if (nested_svm_event(v, ev))
		return;
	inj |= ev->type == VCPU_EVENT_NMI ? EVENTINJ_TYPE_NMI : EVENTINJ_TYPE_EXCEPTION;
	if (ev->has_error)
		inj |= EVENTINJ_EV | ((uint64_t)ev->error << EVENTINJ_ERROR_SHIFT);
	v->vendor.svm.vmcb->control.event_inj = inj;
}

static void svm_get_paging(struct vcpu *v, struct vcpu_paging *out)
{
	const struct vmcb_save *s = &v->vendor.svm.vmcb->save;

	*out = (struct vcpu_paging){
	    .cr0 = s->cr0,
	    .cr3 = s->cr3,
	    .cr4 = s->cr4,
	    .efer = s->efer,
	    .cs_base = s->cs.base,
	    .cs_l = s->cs.attrib & VMCB_ATTR_L,
	    .cs_db = s->cs.attrib & VMCB_ATTR_DB,
	    .cpl = s->cpl,
	};
}

/* The guest sees its own EFER; VMRUN needs SVME, which only nested SVM (issue #7) will show.
 * LMA is the CPU's to set (with CR0.PG), never the writer's. */
static bool svm_state_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	struct vmcb_save *s = &v->vendor.svm.vmcb->save;

	if (index == MSR_EFER && write) {
		v->vendor.svm.guest_efer = (*val & ~EFER_LMA) | (s->efer & EFER_LMA);
		s->efer = v->vendor.svm.guest_efer | EFER_SVME;
	} else if (index == MSR_EFER) {
		*val = (s->efer & EFER_LMA) | (v->vendor.svm.guest_efer & ~EFER_LMA);
	} else if (index == MSR_PAT && write) {
		s->g_pat = *val;
	} else if (index == MSR_PAT) {
		*val = s->g_pat;
	} else {
		return false;
	}
	return true;
}

/* VMCB01's map; a running L2's merged map is rebuilt from it at L1's next VMRUN. */
static void svm_msr_intercept(struct vcpu *v, uint32_t index, bool read, bool write)
{
	svm_msrpm_set(v->vendor.svm.msrpm, index, read, write);
}

const struct vcpu_ops svm_vcpu_ops = {
    .name = "SVM",
    .usable = svm_usable,
    .cpu_enable = svm_cpu_enable,
    .partition_init = svm_partition_init,
    .create = svm_create,
    .set_boot = svm_set_boot,
    .run = svm_run,
    .inject = svm_inject,
    .get_paging = svm_get_paging,
    .state_msr = svm_state_msr,
    .msr_intercept = svm_msr_intercept,
};
