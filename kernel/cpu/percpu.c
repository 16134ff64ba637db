// SPDX-License-Identifier: BSD-2-Clause
// Per-CPU descriptor tables: each CPU gets its own GDT and TSS so that its IST stacks are its own.

#include <string.h>

#include "percpu.h"
#include "x86.h"

struct percpu cpus[MAX_CPUS];
unsigned int cpu_count;

/* Descriptor encodings (SDM Vol. 3A, 3.4.5): present, DPL 0, 4 GiB limit, granularity 4 KiB. */
#define GDT_CODE64	   0x00af9a000000ffffULL
#define GDT_DATA	   0x00cf92000000ffffULL
#define GDT_CODE32	   0x00cf9a000000ffffULL
#define TSS_TYPE_AVAILABLE 0x89ULL

static void gdt_set_tss(struct gdt *gdt, const struct tss *tss)
{
	uint64_t base = (uint64_t)tss;
	uint64_t limit = sizeof(*tss) - 1;

	gdt->entry[SEL_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
				  (TSS_TYPE_AVAILABLE << 40) | (((base >> 24) & 0xff) << 56);
	gdt->entry[SEL_TSS / 8 + 1] = base >> 32;
}

void percpu_init(struct percpu *cpu, unsigned int id, uint32_t apic_id)
{
	memset(cpu, 0, sizeof(*cpu));
	cpu->self = cpu;
	cpu->id = id;
	cpu->apic_id = apic_id;
	cpu->gdt.entry[SEL_CODE64 / 8] = GDT_CODE64;
	cpu->gdt.entry[SEL_DATA / 8] = GDT_DATA;
	cpu->gdt.entry[SEL_CODE32 / 8] = GDT_CODE32;
	/* No I/O bitmap: the hypervisor runs at CPL 0 only. */
	cpu->tss.iomap_base = sizeof(cpu->tss);
}

void percpu_activate(struct percpu *cpu)
{
	struct desc_ptr gdtr = {sizeof(cpu->gdt) - 1, (uint64_t)&cpu->gdt};

	for (int i = 0; i < IST_COUNT; i++)
		cpu->tss.ist[i] = cpu->ist_top[i];
	gdt_set_tss(&cpu->gdt, &cpu->tss);

	asm volatile("lgdt %0\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%ss\n\t"
		     "ltr %w3"
		     :
		     : "m"(gdtr), "i"(SEL_CODE64), "r"(SEL_DATA), "r"(SEL_TSS)
		     : "rax", "memory");
	wrmsr(MSR_GS_BASE, (uint64_t)cpu);
	idt_load();
}
