/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the VT-d driver: a remapping unit and the ways to command it (vtd.c, vtd_qi.c, vtd_ir.c). */
#ifndef BULKHEAD_VTD_H
#define BULKHEAD_VTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vtd_regs.h"

struct vtd_unit {
	uint64_t base, cap, ecap;
	uint16_t segment;	   /* PCI segment: functions are given out on segment 0 only */
	struct vtd_entry *queue;   /* invalidation queue; NULL: register-based invalidation */
	unsigned int qtail;	   /* next free descriptor */
	volatile uint32_t *status; /* what invalidation wait descriptors write */
};

/* Sets (or clears) a global command bit, keeping the settings already on (10.4.4). */
bool vtd_command(const struct vtd_unit *u, uint32_t bit, bool on);
/* A one-shot command (root or interrupt table pointer, write-buffer flush) and its status. */
bool vtd_one_shot(const struct vtd_unit *u, uint32_t bit, bool status_set_when_done);

/* Queued invalidation (vtd_qi.c): on where the unit has it, then the only way (6.5.2). */
bool vtd_qi_start(struct vtd_unit *u);
/* Queues @n descriptors and a wait, and returns once the unit has done all of them. */
bool vtd_qi_run(struct vtd_unit *u, const struct vtd_entry *d, size_t n);

/* Interrupt remapping (vtd_ir.c): every unit points at one table whose entries are all absent
 * (every interrupt blocked) until a device's is written. Needs queued invalidation. */
bool vtd_ir_start(struct vtd_unit *units, size_t n);
bool vtd_ir_msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data);
/* I/O APIC input @gsi of the chip with source-id @sid: @rte (compatibility format, physical
 * destination) as the remappable entry to program, through an entry of its own. */
bool vtd_ir_ioapic(uint16_t sid, uint32_t gsi, uint64_t rte, uint64_t *out);

/* Every unit: the tables' cache lines written back where a unit does not snoop. */
void vtd_flush(void *ctx, const void *p, size_t len);

#endif
