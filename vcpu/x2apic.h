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

/* Reserved in the x2APIC ICR: a write setting them raises #GP (bits 13, 17:16, 31:20). The
 * delivery status (12) is read-only and ignored on a write, as KVM does. */
#define X2APIC_ICR_RESERVED 0x00000000fff32000ULL
#define X2APIC_ICR_STATUS   (1ULL << 12)

/* What this CPU's APIC has beyond the base registers. */
struct x2apic_caps {
	bool cmci;	   /* the CMCI LVT (IA32_MCG_CAP[10]) */
	bool tsc_deadline; /* timer mode 10b (CPUID.1:ECX[24]) */
};

static inline bool x2apic_msr(uint32_t msr)
{
	return msr >= X2APIC_MSR_FIRST && msr <= X2APIC_MSR_LAST;
}

/* Whether a read or write of x2APIC @msr by a partition in x2APIC mode goes to the core's APIC
 * without an exit. Only registers whose effect stays on the partition's own core do. */
bool x2apic_passthrough(uint32_t msr, bool write);

/* The value a write of @val to xAPIC register @reg (not the ICR, which has its own rule) puts
 * in the x2APIC register (SDM 11.12.1.2: reserved bits fault there). The read-only status bits
 * of an LVT (delivery status 12, remote IRR 14) are dropped, as a read-modify-write carries
 * them along. @strict (a WRMSR the guest made): any other bit the register does not define on
 * this CPU means #GP, so false. Not strict (the xAPIC page, which ignores them): they are
 * dropped. False also for a register that cannot be written, and for timer mode 11b, reserved
 * on every CPU. EOI and ESR only take 0. */
bool x2apic_write_value(uint32_t reg, uint64_t val, const struct x2apic_caps *c, bool strict,
			uint32_t *out);

/* Whether @reg exists for reads in x2APIC mode (DFR, ICR high and the arbitration registers do
 * not; CMCI only where the CPU has it). */
bool x2apic_readable(uint32_t reg, const struct x2apic_caps *c);

#endif
