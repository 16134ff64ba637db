// SPDX-License-Identifier: BSD-2-Clause
// The raw64, multiboot and after-SIPI boot states as VMCS guest state (SDM Vol. 3C, 24.4).

#include <stddef.h>
#include <string.h>

#include "vmx_guest.h"

#define CR0_PE_MP_ET_NE_WP_PG 0x80010033ULL /* protected, paged, native FPU errors */
#define CR0_PE_ET	      0x11ULL	    /* protected, paging off */
#define CR0_RESET	      0x60000010ULL /* CD NW ET: the value after INIT (SDM Table 9-1) */
#define EFER_NXE_BIT	      (1ULL << 11)
#define RFLAGS_RESERVED1      0x2ULL
#define DR7_INIT	      0x400ULL
#define PAT_POWER_ON	      0x0007040600070406ULL

/* Access rights (24.4.1): type, S, DPL, P in bits 0-7; AVL, L, D/B, G in bits 12-15. */
#define AR_CODE64      0xa09bU /* present, execute/read accessed, L, G */
#define AR_DATA	       0xc093U /* present, read/write accessed, D/B, G */
#define AR_CODE32      0xc09bU /* present, execute/read accessed, D/B, G */
#define AR_TSS_BUSY    0x008bU /* present, busy TSS (32- or 64-bit per mode) */
#define AR_REAL_CODE   0x009bU /* present, execute/read accessed: the state after INIT */
#define AR_REAL_DATA   0x0093U
#define REAL_LIMIT     0xffffU
#define REAL_SEG_SHIFT 4
#define SEL_CODE       0x08
#define SEL_DATA       0x10
#define FLAT_LIMIT     0xffffffffU
#define TSS_LIMIT      0x67

uint64_t vmx_cr0_mask(const struct vmx_fixed *f)
{
	return ((f->cr0_fixed0 & ~(CR0_PE_BIT | CR0_PG_BIT)) | ~f->cr0_fixed1) & 0xffffffffULL;
}

uint64_t vmx_cr4_mask(const struct vmx_fixed *f)
{
	return (f->cr4_fixed0 | ~f->cr4_fixed1) & 0xffffffffULL;
}

uint64_t vmx_cr0_real(const struct vmx_fixed *f, uint64_t want)
{
	return (want | (f->cr0_fixed0 & ~(CR0_PE_BIT | CR0_PG_BIT))) & f->cr0_fixed1;
}

uint64_t vmx_cr4_real(const struct vmx_fixed *f, uint64_t want)
{
	return (want | f->cr4_fixed0) & f->cr4_fixed1;
}

static void seg(struct vmx_guest *g, enum vmx_seg s, uint16_t sel, uint32_t ar, uint32_t limit)
{
	g->seg[s] = (struct vmx_seg_state){.sel = sel, .ar = ar, .limit = limit, .base = 0};
}

static void data_segs(struct vmx_guest *g, uint16_t sel, uint32_t ar, uint32_t limit)
{
	static const enum vmx_seg data[] = {SEG_DS, SEG_ES, SEG_SS, SEG_FS, SEG_GS};

	for (size_t i = 0; i < sizeof(data) / sizeof(data[0]); i++)
		seg(g, data[i], sel, ar, limit);
}

/* 64-bit mode, paging on, flat segments: the raw64 boot state of docs/hypercalls.md. */
static void boot_long64(struct vmx_guest *g, const struct vcpu_boot *b)
{
	seg(g, SEG_CS, SEL_CODE, AR_CODE64, FLAT_LIMIT);
	data_segs(g, SEL_DATA, AR_DATA, FLAT_LIMIT);
	g->gdtr_base = b->gdt_base;
	g->gdtr_limit = b->gdt_limit;
	g->efer = EFER_LME_BIT | EFER_LMA_BIT | EFER_NXE_BIT;
	g->cr0 = CR0_PE_MP_ET_NE_WP_PG;
	g->cr3 = b->cr3;
	g->cr4 = CR4_PAE_BIT;
	g->ia32e = true;
}

/* The multiboot machine state: flat 32-bit segments, paging off, GDTR for the OS to set. */
static void boot_prot32(struct vmx_guest *g)
{
	seg(g, SEG_CS, SEL_CODE, AR_CODE32, FLAT_LIMIT);
	data_segs(g, SEL_DATA, AR_DATA, FLAT_LIMIT);
	g->cr0 = CR0_PE_ET;
}

/* After INIT and a start-up IPI: real mode at vector:0000 (SDM Vol. 3A 9.1.1, 9.4.4), which
 * paging off needs the "unrestricted guest" control for (26.3.1.1). */
static void boot_real(struct vmx_guest *g, const struct vcpu_boot *b)
{
	seg(g, SEG_CS, b->cs_sel, AR_REAL_CODE, REAL_LIMIT);
	g->seg[SEG_CS].base = (uint64_t)b->cs_sel << REAL_SEG_SHIFT;
	data_segs(g, 0, AR_REAL_DATA, REAL_LIMIT);
	g->gdtr_limit = REAL_LIMIT;
	g->idtr_limit = REAL_LIMIT;
	g->cr0 = CR0_RESET;
}

void vmx_guest_boot(struct vmx_guest *g, const struct vcpu_boot *b, const struct vmx_fixed *f)
{
	memset(g, 0, sizeof(*g));
	if (b->mode == VCPU_MODE_LONG64)
		boot_long64(g, b);
	else if (b->mode == VCPU_MODE_PROT32)
		boot_prot32(g);
	else
		boot_real(g, b);
	seg(g, SEG_TR, 0, AR_TSS_BUSY, TSS_LIMIT);
	seg(g, SEG_LDTR, 0, AR_UNUSABLE, 0);
	g->cr0_shadow = (uint32_t)g->cr0;
	g->cr4_shadow = (uint32_t)g->cr4;
	g->cr0 = vmx_cr0_real(f, g->cr0);
	g->cr4 = vmx_cr4_real(f, g->cr4);
	g->dr7 = DR7_INIT;
	g->rflags = RFLAGS_RESERVED1;
	g->rip = b->rip;
	g->rsp = b->rsp;
	g->pat = PAT_POWER_ON;
}
