/* SPDX-License-Identifier: BSD-2-Clause */
/* Starting the partition's other CPUs: INIT-SIPI-SIPI (SDM 9.4.4.1) through a real-mode
 * trampoline; each runs a C function on its own stack. */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

/* Below 1 MiB, 4 KiB aligned, clear of the raw64 boot page tables and GDT (base + 0x1000 ..
 * base + 0x8000): the start-up IPI's vector is SMP_TRAMPOLINE >> 12. */
#define SMP_TRAMPOLINE 0x8000
#define SMP_MAX_CPUS   8

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

#include "acpi.h"

typedef void (*smp_ap_fn)(unsigned int cpu); /* cpu: the CPU's place in the MADT */

/* The CPUs found by acpi_read_cpus, set by smp_start_aps. */
extern struct acpi_cpus smp_cpus;

/* Finds the partition's CPUs in its MADT and starts every one but this CPU, one after the
 * other, each on its own stack running @fn (with IDT, APIC enabled). Returns how many came up
 * within @timeout_ms each; prints which did not. */
int smp_start_aps(smp_ap_fn fn, unsigned int timeout_ms);
/* This CPU's place in smp_cpus (by its APIC ID), or -1. */
int smp_cpu_index(void);

#endif
#endif
