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
/* Start-up protocol (SDM Vol. 3A, 9.4.4); false if the ICR never reported delivery. */
bool lapic_send_init(uint32_t apic_id);
bool lapic_send_sipi(uint32_t apic_id, uint8_t vector);

#endif
