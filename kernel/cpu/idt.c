// SPDX-License-Identifier: BSD-2-Clause
// The IDT, shared by all CPUs: every vector goes to a stub in entry.S, NMI/#DF/#MC on IST stacks.

#include "desc.h"
#include "layout.h"
#include "traps.h"

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate: entered with IF clear */

extern const uint64_t trap_stubs[IDT_VECTORS];

static struct idt_gate idt[IDT_VECTORS] __attribute__((aligned(16)));

static unsigned int ist_for(unsigned int vector)
{
	switch (vector) {
	case VEC_NMI:
		return IST_NMI;
	case VEC_DF:
		return IST_DF;
	case VEC_MC:
		return IST_MC;
	default:
		return 0;
	}
}

void idt_init(void)
{
	for (unsigned int v = 0; v < IDT_VECTORS; v++) {
		uint64_t addr = trap_stubs[v];

		idt[v] = (struct idt_gate){
		    .offset_lo = addr & 0xffff,
		    .selector = SEL_CODE64,
		    .ist = ist_for(v),
		    .type_attr = GATE_INTERRUPT,
		    .offset_mid = (addr >> 16) & 0xffff,
		    .offset_hi = addr >> 32,
		};
	}
}

void idt_load(void)
{
	struct desc_ptr idtr = {sizeof(idt) - 1, (uint64_t)idt};

	asm volatile("lidt %0" : : "m"(idtr));
}
