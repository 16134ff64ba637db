/* SPDX-License-Identifier: BSD-2-Clause */
/* Bringing up the application processors that ACPI lists. */
#ifndef BULKHEAD_SMP_H
#define BULKHEAD_SMP_H

#include "acpi.h"
#include "percpu.h"

/* Starts every enabled CPU of the MADT; returns how many CPUs (the boot CPU included) are online. */
unsigned int smp_boot(const struct acpi_madt_info *madt);

void cpu_setup_stacks(struct percpu *cpu);

/* The online CPU with this local APIC ID, or NULL. */
struct percpu *smp_cpu_by_apic(uint32_t apic_id);
/* Gives @cpu its work (a partition's vCPU): it starts when smp_release() lets every CPU go. */
void smp_handoff(struct percpu *cpu, void (*fn)(void *arg), void *arg);
/* After the boot: every application processor starts its work or halts. */
void smp_release(void);
/* The calling CPU runs its handed-over work, if any, then halts for good. */
_Noreturn void smp_run_work(struct percpu *cpu);

#endif
