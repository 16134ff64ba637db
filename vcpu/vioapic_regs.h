/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's I/O APIC (82093AA data sheet; ACPI MADT type 1): the register window and the
 * redirection table. Pure: host-tested; vcpu/vioapic.c connects it to the pins and the CPUs. */
#ifndef BULKHEAD_VIOAPIC_REGS_H
#define BULKHEAD_VIOAPIC_REGS_H

#include <stdbool.h>
#include <stdint.h>

#define VIOAPIC_BASE 0xfec00000ULL /* the architectural default (ACPI MADT names it) */
#define VIOAPIC_SIZE 0x1000ULL
#define VIOAPIC_PINS 24
#define VIOAPIC_ID   0

/* Offsets in the page: the index register, the data window, the EOI register (version 0x20). */
#define VIOAPIC_IOREGSEL 0x00
#define VIOAPIC_IOWIN	 0x10
#define VIOAPIC_EOIR	 0x40

/* Redirection entry fields (data sheet 3.2.4). */
#define RTE_VECTOR_MASK	  0xffULL
#define RTE_DELIVERY_MASK (7ULL << 8)
#define RTE_DEST_LOGICAL  (1ULL << 11)
#define RTE_LEVEL	  (1ULL << 15)
#define RTE_MASKED	  (1ULL << 16)
#define RTE_DEST_SHIFT	  56

struct vioapic {
	uint32_t ioregsel;
	uint32_t id; /* bits 27:24 as written */
	uint64_t rte[VIOAPIC_PINS];
};

/* Power-on: every pin masked, ID VIOAPIC_ID. */
void vioapic_regs_reset(struct vioapic *a);

/* A 32-bit access at @off in the page (other sizes and offsets: reads 0, writes ignored, as
 * the chip decodes only these dwords). */
uint32_t vioapic_regs_read(struct vioapic *a, uint32_t off);
void vioapic_regs_write(struct vioapic *a, uint32_t off, uint32_t val);

/* The redirection entry of @pin as an xAPIC interrupt message: ICR-low (vector, delivery mode,
 * destination mode, assert) and ICR-high (destination in bits 31:24). False when masked. */
bool vioapic_message(const struct vioapic *a, unsigned int pin, uint32_t *lo, uint32_t *hi);

#endif
