// SPDX-License-Identifier: BSD-2-Clause
// Filling a VMCB: what Bulkhead intercepts, and a raw64 guest's boot state (APM Vol. 2, 15.5).

#include <string.h>

#include "svm.h"

#define CR0_PE_MP_ET_NE_WP_PG 0x80010033ULL /* protected, paged, native FPU errors */
#define CR4_PAE_BIT	      0x20ULL
#define EFER_LME_BIT	      0x100ULL
#define EFER_NXE_BIT	      0x800ULL
#define RFLAGS_RESERVED1      0x2ULL
#define DR6_INIT	      0xffff0ff0ULL
#define DR7_INIT	      0x400ULL
#define PAT_POWER_ON	      0x0007040600070406ULL

/* VMCB segment attributes: descriptor bits 40-47 then 52-55 (15.5.1). */
#define ATTR_CODE64 0xa9b /* present, DPL 0, execute/read accessed, L, G */
#define ATTR_DATA   0xc93 /* present, DPL 0, read/write accessed, D/B, G */
#define ATTR_TSS64  0x08b /* present, busy 64-bit TSS */
#define SEL_CODE    0x08
#define SEL_DATA    0x10
#define FLAT_LIMIT  0xffffffffU
#define TSS_LIMIT   0x67

static const uint32_t misc1 = INTERCEPT_INTR | INTERCEPT_NMI | INTERCEPT_SMI | INTERCEPT_INIT |
			      INTERCEPT_CPUID | INTERCEPT_INVD | INTERCEPT_HLT | INTERCEPT_IOIO |
			      INTERCEPT_MSR | INTERCEPT_SHUTDOWN;
static const uint32_t misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL | INTERCEPT_VMLOAD |
			      INTERCEPT_VMSAVE | INTERCEPT_STGI | INTERCEPT_CLGI |
			      INTERCEPT_SKINIT | INTERCEPT_MONITOR | INTERCEPT_MWAIT;

void svm_vmcb_init(struct vmcb *vmcb, const struct svm_partition *sp)
{
	struct vmcb_control *c = &vmcb->control;

	memset(vmcb, 0, sizeof(*vmcb));
	c->intercept_misc1 = misc1;
	c->intercept_misc2 = misc2;
	c->iopm_base_pa = sp->iopm_pa;
	c->msrpm_base_pa = sp->msrpm_pa;
	c->asid = sp->asid;
	c->tlb_control = TLB_CONTROL_FLUSH_ALL;
	c->int_ctl = V_INTR_MASKING;
	c->np_control = NP_ENABLE;
	c->ncr3 = sp->ncr3;
}

static void seg(struct vmcb_seg *s, uint16_t sel, uint16_t attrib, uint32_t limit)
{
	*s = (struct vmcb_seg){.selector = sel, .attrib = attrib, .limit = limit, .base = 0};
}

/* 64-bit mode, paging on, flat segments: the raw64 boot state of docs/hypercalls.md. */
void svm_vmcb_boot(struct vmcb *vmcb, const struct vcpu_boot *b)
{
	struct vmcb_save *s = &vmcb->save;

	seg(&s->cs, SEL_CODE, ATTR_CODE64, FLAT_LIMIT);
	seg(&s->ds, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	seg(&s->es, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	seg(&s->ss, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	seg(&s->fs, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	seg(&s->gs, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	seg(&s->tr, 0, ATTR_TSS64, TSS_LIMIT);
	seg(&s->ldtr, 0, 0, 0);
	s->gdtr = (struct vmcb_seg){.limit = b->gdt_limit, .base = b->gdt_base};
	s->idtr = (struct vmcb_seg){0};
	s->cpl = 0;
	s->efer = EFER_LME_BIT | EFER_LMA | EFER_NXE_BIT | EFER_SVME;
	s->cr0 = CR0_PE_MP_ET_NE_WP_PG;
	s->cr3 = b->cr3;
	s->cr4 = CR4_PAE_BIT;
	s->dr6 = DR6_INIT;
	s->dr7 = DR7_INIT;
	s->rflags = RFLAGS_RESERVED1;
	s->rip = b->rip;
	s->rsp = b->rsp;
	s->g_pat = PAT_POWER_ON;
}
