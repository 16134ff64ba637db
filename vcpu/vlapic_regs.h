/* SPDX-License-Identifier: BSD-2-Clause */
/* xAPIC register offsets and the per-vCPU shadows shared by vlapic.c and vlapic_ipi.c. */
#ifndef BULKHEAD_VLAPIC_REGS_H
#define BULKHEAD_VLAPIC_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "lapic.h"
#include "vcpu.h"
#include "x2apic.h"

/* xAPIC register offsets (SDM Vol. 3A table 10-1; APM Vol. 2 table 16-2). */
#define APIC_ID		 0x020
#define APIC_VERSION	 0x030
#define APIC_TPR	 0x080
#define APIC_EOI	 0x0b0
#define APIC_LDR	 0x0d0
#define APIC_DFR	 0x0e0
#define APIC_SVR	 0x0f0
#define APIC_ISR	 0x100 /* 8 registers, 16 bytes apart */
#define APIC_ESR	 0x280
#define APIC_LVT_CMCI	 0x2f0
#define APIC_ICR_LO	 0x300
#define APIC_ICR_HI	 0x310
#define APIC_LVT_TIMER	 0x320
#define APIC_LVT_THERMAL 0x330
#define APIC_LVT_PERF	 0x340
#define APIC_LVT_LINT0	 0x350
#define APIC_LVT_LINT1	 0x360
#define APIC_LVT_ERROR	 0x370
#define APIC_TIMER_ICR	 0x380
#define APIC_TIMER_DCR	 0x3e0
#define APIC_EILVT_FIRST 0x500 /* AMD extended LVTs (APM Vol. 2 16.4.5) */
#define APIC_EILVT_LAST	 0x530
#define APIC_REG_STRIDE	 0x10

#define APIC_ID_SHIFT	24 /* xAPIC ID in bits 31:24 */
#define APIC_LVT_MASKED (1U << 16)
#define APIC_DFR_RESET	0xffffffffU /* flat model; bits 27:0 read as ones */
#define APIC_DFR_RSVD	0x0fffffffU

/* What a vCPU last wrote where the physical APIC cannot be asked from another CPU. */
struct vlapic_shadow {
	uint32_t icr_lo, icr_hi, ldr, dfr;
	uint64_t icr_x2; /* the last x2APIC ICR write */
	bool x2apic;	 /* the vCPU switched to x2APIC mode */
	bool valid;	 /* false: power-up values */
};

struct vlapic_shadow *vlapic_shadow(const struct vcpu *v);

/* What the core's APIC has, for the x2APIC write rules. */
static inline struct x2apic_caps vlapic_caps(void)
{
	return (struct x2apic_caps){.cmci = lapic_has_cmci(),
				    .tsc_deadline = lapic_has_tsc_deadline()};
}
/* An ICR low write of @v: routed within the partition or refused (vlapic_ipi.c). */
void vlapic_icr_write(struct vcpu *v, uint32_t lo);
/* An interrupt message of the partition's I/O APIC (ICR-low and -high form, no shorthand), on
 * behalf of @v: routed and refused exactly like @v's own IPI. */
void vlapic_message(struct vcpu *v, uint32_t lo, uint32_t hi);
/* The same for a 64-bit x2APIC ICR write. */
void vlapic_icr_write_x2apic(struct vcpu *v, uint64_t icr);
/* SMI, INIT and ExtINT LVT delivery modes masked (vlapic.c). */
uint32_t vlapic_lvt_filter(struct vcpu *v, uint32_t reg, uint32_t val);

#endif
