/* SPDX-License-Identifier: BSD-2-Clause */
/* Legacy IRQ lines a partition owns (its irqs): the physical I/O APIC pin follows what the
 * partition writes into the same pin of its virtual I/O APIC, aimed at its own cores only. */
#ifndef BULKHEAD_PIRQ_H
#define BULKHEAD_PIRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "vpci_filter.h"

struct partition;

#define PIRQ_RTE_POLARITY_LOW (1ULL << 13)
#define PIRQ_RTE_LEVEL	      (1ULL << 15)
#define PIRQ_RTE_MASKED	      (1ULL << 16)
#define PIRQ_RTE_LOGICAL      (1ULL << 11)
#define PIRQ_RTE_DEST_SHIFT   56

/* MPS INTI flags of an ACPI interrupt source override (ACPI 6.5, table 5.50). */
#define PIRQ_INTI_POLARITY   3U
#define PIRQ_INTI_ACTIVE_LOW 3U
#define PIRQ_INTI_TRIGGER    (3U << 2)
#define PIRQ_INTI_LEVEL	     (3U << 2)

/* Pure (vcpu/pirq_route.c): the physical redirection entry for the partition's virtual entry
 * @guest of an ISA line whose wiring @inti (override flags; 0: ISA's edge, active high) says:
 * the partition's vector and mask, fixed delivery to its own core (the one it named in physical
 * mode, else its first), the line's own polarity and trigger. Masked for an exception vector. */
uint64_t pirq_route(const struct vpci_owner *o, uint64_t guest, uint16_t inti);

/* Kernel side (vcpu/pirq.c). Every owned pin masked: at start and restart. */
void pirq_reset(struct partition *p);
/* The partition wrote its virtual entry of @pin: the physical one follows if it owns the line. */
void pirq_update(struct partition *p, unsigned int pin, uint64_t guest_rte);

#endif
