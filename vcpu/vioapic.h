/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's interrupt sources: its virtual I/O APIC at 0xfec00000 and the virtual console
 * UART wired to pin 4, as on a PC (COM1, ISA IRQ 4). */
#ifndef BULKHEAD_VIOAPIC_H
#define BULKHEAD_VIOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"
#include "vioapic_regs.h"

#define VIOAPIC_PIN_COM1 4

/* A nested page fault in [VIOAPIC_BASE, +VIOAPIC_SIZE): emulates the access. False when the
 * vCPU must stop (part_fault() was called). */
bool vioapic_mmio(struct vcpu *v, const struct vcpu_exit *e);

/* The virtual console's registers (port offset @reg 0-7), on the vCPU @v of the partition. */
uint8_t vioapic_uart_in(struct vcpu *v, unsigned int reg);
void vioapic_uart_out(struct vcpu *v, unsigned int reg, uint8_t val);

/* Power-on state of the partition's devices (pins masked, UART cleared): before its first
 * vCPU boots, at every start and restart. */
void vioapic_reset(struct partition *p);

#endif
