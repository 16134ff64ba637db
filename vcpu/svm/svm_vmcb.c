// SPDX-License-Identifier: BSD-2-Clause
// Filling a VMCB: what Bulkhead intercepts, and a raw64 guest's boot state (APM Vol. 2, 15.5).

#include <string.h>

#include "svm.h"

#define CR0_PE_MP_ET_NE_WP_PG 0x80010033ULL /* protected, paged, native FPU errors */
#define CR0_PE_ET	      0x11ULL	    /* protected, paging off */
#define CR0_RESET	      0x60000010ULL /* CD NW ET: the value after INIT (SDM Table 9-1) */
#define CR4_PAE_BIT	      0x20ULL
#define EFER_LME_BIT	      0x100ULL
#define EFER_NXE_BIT	      0x800ULL
#define RFLAGS_RESERVED1      0x2ULL
#define DR6_INIT	      0xffff0ff0ULL
#define DR7_INIT	      0x400ULL
#define PAT_POWER_ON	      0x0007040600070406ULL

/* VMCB segment attributes: descriptor bits 40-47 then 52-55 (15.5.1). */
#define ATTR_CODE64    0xa9b /* present, DPL 0, execute/read accessed, L, G */
#define ATTR_DATA      0xc93 /* present, DPL 0, read/write accessed, D/B, G */
#define ATTR_CODE32    0xc9b /* present, DPL 0, execute/read accessed, D/B, G */
#define ATTR_TSS_BUSY  0x08b /* present, busy TSS (32- or 64-bit per mode) */
#define ATTR_REAL_CODE 0x09b /* present, execute/read accessed: the state after INIT */
#define ATTR_REAL_DATA 0x093
#define REAL_LIMIT     0xffffU
#define REAL_SEG_SHIFT 4
#define SEL_CODE       0x08
#define SEL_DATA       0x10
#define FLAT_LIMIT     0xffffffffU
#define TSS_LIMIT      0x67

/* Physical interrupts go straight to the partition's IDT (it owns its cores' LAPICs), and HLT
 * sleeps on the real CPU: neither exits. NMIs stay Bulkhead's (its kick), INIT and SMI too.
 * INVLPGA is an SVM instruction that EFER.SVME (always set underneath) would let run. */
static const uint32_t misc1 = INTERCEPT_NMI | INTERCEPT_SMI | INTERCEPT_INIT | INTERCEPT_CPUID |
			      INTERCEPT_INVD | INTERCEPT_INVLPGA | INTERCEPT_IOIO | INTERCEPT_MSR |
			      INTERCEPT_SHUTDOWN;
static const uint32_t misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL | INTERCEPT_VMLOAD |
			      INTERCEPT_VMSAVE | INTERCEPT_STGI | INTERCEPT_CLGI |
			      INTERCEPT_SKINIT | INTERCEPT_MONITOR | INTERCEPT_MWAIT;

void svm_vmcb_init(struct vmcb *vmcb, const struct svm_partition *sp, uint64_t msrpm_pa)
{
	struct vmcb_control *c = &vmcb->control;

	memset(vmcb, 0, sizeof(*vmcb));
	c->intercept_misc1 = misc1;
	c->intercept_misc2 = misc2;
	c->iopm_base_pa = sp->iopm_pa;
	c->msrpm_base_pa = msrpm_pa; /* the vCPU's own: x2APIC mode opens MSRs per vCPU */
	c->asid = sp->asid;
	c->tlb_control = TLB_CONTROL_FLUSH_ALL;
	c->np_control = NP_ENABLE;
	c->ncr3 = sp->ncr3;
}

static void seg(struct vmcb_seg *s, uint16_t sel, uint16_t attrib, uint32_t limit)
{
	*s = (struct vmcb_seg){.selector = sel, .attrib = attrib, .limit = limit, .base = 0};
}

static void data_segs(struct vmcb_save *s, uint16_t sel, uint16_t attrib, uint32_t limit)
{
	seg(&s->ds, sel, attrib, limit);
	seg(&s->es, sel, attrib, limit);
	seg(&s->ss, sel, attrib, limit);
	seg(&s->fs, sel, attrib, limit);
	seg(&s->gs, sel, attrib, limit);
}

/* 64-bit mode, paging on, flat segments: the raw64 boot state of docs/hypercalls.md. */
static void boot_long64(struct vmcb_save *s, const struct vcpu_boot *b)
{
	seg(&s->cs, SEL_CODE, ATTR_CODE64, FLAT_LIMIT);
	data_segs(s, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	s->gdtr = (struct vmcb_seg){.limit = b->gdt_limit, .base = b->gdt_base};
	s->efer = EFER_LME_BIT | EFER_LMA | EFER_NXE_BIT | EFER_SVME;
	s->cr0 = CR0_PE_MP_ET_NE_WP_PG;
	s->cr3 = b->cr3;
	s->cr4 = CR4_PAE_BIT;
}

/* The multiboot machine state: flat 32-bit segments, paging off, GDTR for the OS to set. */
static void boot_prot32(struct vmcb_save *s)
{
	seg(&s->cs, SEL_CODE, ATTR_CODE32, FLAT_LIMIT);
	data_segs(s, SEL_DATA, ATTR_DATA, FLAT_LIMIT);
	s->efer = EFER_SVME;
	s->cr0 = CR0_PE_ET;
}

/* After INIT and a start-up IPI: real mode at vector:0000 (SDM Vol. 3A 9.1.1, 9.4.4). Nested
 * paging lets the guest run with paging off (APM 15.25.1). */
static void boot_real(struct vmcb_save *s, const struct vcpu_boot *b)
{
	s->cs = (struct vmcb_seg){.selector = b->cs_sel,
				  .attrib = ATTR_REAL_CODE,
				  .limit = REAL_LIMIT,
				  .base = (uint64_t)b->cs_sel << REAL_SEG_SHIFT};
	data_segs(s, 0, ATTR_REAL_DATA, REAL_LIMIT);
	s->gdtr = (struct vmcb_seg){.limit = REAL_LIMIT};
	s->idtr = (struct vmcb_seg){.limit = REAL_LIMIT};
	s->efer = EFER_SVME;
	s->cr0 = CR0_RESET;
}

void svm_vmcb_boot(struct vmcb *vmcb, const struct vcpu_boot *b)
{
	struct vmcb_save *s = &vmcb->save;

	memset(s, 0, sizeof(*s));
	if (b->mode == VCPU_MODE_LONG64)
		boot_long64(s, b);
	else if (b->mode == VCPU_MODE_PROT32)
		boot_prot32(s);
	else
		boot_real(s, b);
	seg(&s->tr, 0, ATTR_TSS_BUSY, TSS_LIMIT);
	seg(&s->ldtr, 0, 0, 0);
	s->cpl = 0;
	s->dr6 = DR6_INIT;
	s->dr7 = DR7_INIT;
	s->rflags = RFLAGS_RESERVED1;
	s->rip = b->rip;
	s->rsp = b->rsp;
	s->g_pat = PAT_POWER_ON;
}
