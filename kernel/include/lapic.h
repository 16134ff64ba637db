/* SPDX-License-Identifier: BSD-2-Clause */
/* The local APIC of the running CPU, in xAPIC (MMIO) or x2APIC (MSR) mode as firmware left it. */
#ifndef BULKHEAD_LAPIC_H
#define BULKHEAD_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

#define LAPIC_SPURIOUS_VECTOR 0xff

void lapic_init(void);
uint32_t lapic_id(void);
bool lapic_x2apic_mode(void);
/* The CMCI LVT exists (IA32_MCG_CAP[10]); in x2APIC mode its MSR faults otherwise. */
bool lapic_has_cmci(void);
/* The timer's TSC-deadline mode (CPUID.1:ECX[24]); without it LVT bit 18 is reserved. */
bool lapic_has_tsc_deadline(void);
/* Start-up protocol (SDM Vol. 3A, 9.4.4); false if the ICR never reported delivery. */
bool lapic_send_init(uint32_t apic_id);
bool lapic_send_sipi(uint32_t apic_id, uint8_t vector);

/* Register @reg (xAPIC MMIO offset; x2APIC maps it to its MSR) of the calling CPU's APIC. */
uint32_t lapic_reg_read(uint32_t reg);
void lapic_reg_write(uint32_t reg, uint32_t val);
/* Sends ICR low @icr_low to physical APIC ID @apic_id (no shorthand) and waits for delivery;
 * false if the ICR never reported it. */
bool lapic_send_ipi(uint32_t apic_id, uint32_t icr_low);
bool lapic_send_nmi(uint32_t apic_id);

/* This CPU's LAPIC as after INIT, before a partition (re)starts on it (kernel/smp/lapic_reset.c). */
void lapic_guest_reset(void);

#endif
