// SPDX-License-Identifier: BSD-2-Clause
// An L2 that runs on L1's own page tables, GDT and IDT (no nested paging: its addresses are L1's).

#include "l2_vmcb.h"

#include "guest.h"
#include "trap.h"

#define SEL_CODE64  0x08
#define SEL_DATA    0x10
#define ATTR_CODE64 0xa9b /* present, DPL 0, execute/read accessed, L, G (VMCB attrib form) */
#define ATTR_DATA   0xc93 /* present, DPL 0, read/write accessed, D/B, G */
#define FLAT_LIMIT  0xffffffffU
#define DR6_RESET   0xffff0ff0ULL
#define DR7_RESET   0x400ULL
#define RFLAGS_RSVD 0x2ULL
#define MSR_EFER    0xc0000080

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static void seg(struct vmcb_seg *s, uint16_t sel, uint16_t attrib)
{
	*s = (struct vmcb_seg){.selector = sel, .attrib = attrib, .limit = FLAT_LIMIT, .base = 0};
}

void l2_vmcb_from_l1(struct vmcb *vmcb, uint64_t rip, uint64_t rsp)
{
	struct vmcb_save *s = &vmcb->save;
	struct desc_ptr gdt, idt;
	uint64_t efer = 0;

	__builtin_memset(vmcb, 0, sizeof(*vmcb));
	asm volatile("sgdt %0; sidt %1" : "=m"(gdt), "=m"(idt));
	asm volatile("mov %%cr0, %0" : "=r"(s->cr0));
	asm volatile("mov %%cr3, %0" : "=r"(s->cr3));
	asm volatile("mov %%cr4, %0" : "=r"(s->cr4));
	rdmsr_safe(MSR_EFER, &efer);
	s->efer = efer;
	s->gdtr.base = gdt.base;
	s->gdtr.limit = gdt.limit;
	s->idtr.base = idt.base;
	s->idtr.limit = idt.limit;
	seg(&s->cs, SEL_CODE64, ATTR_CODE64);
	seg(&s->ds, SEL_DATA, ATTR_DATA);
	seg(&s->es, SEL_DATA, ATTR_DATA);
	seg(&s->ss, SEL_DATA, ATTR_DATA);
	s->dr6 = DR6_RESET;
	s->dr7 = DR7_RESET;
	s->rflags = RFLAGS_RSVD;
	s->rip = rip;
	s->rsp = rsp;
}
