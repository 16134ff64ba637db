/* SPDX-License-Identifier: BSD-2-Clause */
/* Bringing up the application processors that ACPI lists. */
#ifndef BULKHEAD_SMP_H
#define BULKHEAD_SMP_H

#include "acpi.h"
#include "percpu.h"

/* Starts every enabled CPU of the MADT; returns how many CPUs (the boot CPU included) are online. */
unsigned int smp_boot(const struct acpi_madt_info *madt);

void cpu_setup_stacks(struct percpu *cpu);

#endif
