/* SPDX-License-Identifier: BSD-2-Clause */
/* The x2APIC register space as a partition may use it (SDM Vol. 3A 11.12): which MSRs pass
 * straight to the core's own APIC, and which bits a write may set. Pure: host-tested. */
#ifndef BULKHEAD_X2APIC_H
#define BULKHEAD_X2APIC_H

#include <stdbool.h>
#include <stdint.h>

#define X2APIC_MSR_FIRST 0x800U
#define X2APIC_MSR_LAST	 0x8ffU
#define X2APIC_MSR(reg)	 (X2APIC_MSR_FIRST + ((reg) >> 4)) /* from the xAPIC offset */
#define X2APIC_REG(msr)	 (((msr)-X2APIC_MSR_FIRST) << 4)

/* Reserved in the x2APIC ICR: a write setting them raises #GP (as KVM does). */
#define X2APIC_ICR_RESERVED 0x00000000fff33000ULL
#define X2APIC_ICR_STATUS   (1ULL << 12) /* delivery status: read-only, ignored on write */

static inline bool x2apic_msr(uint32_t msr)
{
	return msr >= X2APIC_MSR_FIRST && msr <= X2APIC_MSR_LAST;
}

/* Whether a read or write of x2APIC @msr by a partition in x2APIC mode goes to the core's APIC
 * without an exit. Only registers whose effect stays on the partition's own core do. */
bool x2apic_passthrough(uint32_t msr, bool write);

/* Bits of xAPIC register @reg a write may set in x2APIC mode (SDM 11.12.1.2, 11.5.1); false
 * when the register is not writable there at all (read-only, absent, or the ICR, which has
 * its own rule). Writes to EOI and ESR are writable with mask 0: they must write zero. */
bool x2apic_write_mask(uint32_t reg, bool cmci, uint32_t *mask);

/* Whether @reg exists for reads in x2APIC mode (DFR, ICR high and the arbitration registers do
 * not; CMCI only where the CPU has it). */
bool x2apic_readable(uint32_t reg, bool cmci);

#endif
