/* SPDX-License-Identifier: BSD-2-Clause */
/* Masking every legacy interrupt source at boot (kernel/smp/irq_quiesce.c). */
#ifndef BULKHEAD_IRQ_QUIESCE_H
#define BULKHEAD_IRQ_QUIESCE_H

#include "acpi.h"

/* Masks both 8259 PICs and every pin of every IOAPIC the MADT lists. */
void irq_quiesce(const struct acpi_madt_info *madt);

#endif
