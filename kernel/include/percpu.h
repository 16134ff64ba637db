/* SPDX-License-Identifier: BSD-2-Clause */
/* Per-CPU data, reached through GS: each CPU's descriptors, stacks and identity. */
#ifndef BULKHEAD_PERCPU_H
#define BULKHEAD_PERCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "desc.h"
#include "layout.h"

struct percpu {
	struct percpu *self; /* at %gs:0, so this_cpu() is one load */
	unsigned int id;     /* logical index: 0 is the boot CPU, then MADT order */
	uint32_t apic_id;
	uint64_t stack_top;
	uint64_t ist_top[IST_COUNT];
	struct gdt gdt;
	struct tss tss;
	volatile bool online;
	unsigned int trap_depth; /* nested exceptions: the second one must not print again */
	/* What this CPU runs once the boot CPU releases it (smp_handoff, smp_release). */
	void (*work)(void *arg);
	void *work_arg;
	volatile bool released;
};

_Static_assert(__builtin_offsetof(struct percpu, self) == 0, "this_cpu() reads %gs:0");

extern struct percpu cpus[MAX_CPUS];
extern unsigned int cpu_count;

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	asm volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

void percpu_init(struct percpu *cpu, unsigned int id, uint32_t apic_id);
/* Loads cpu's GDT, TSS, IDT and GS base on the calling CPU. */
void percpu_activate(struct percpu *cpu);

#endif
