/* SPDX-License-Identifier: BSD-2-Clause */
/* Where a partition's ICR write (xAPIC or x2APIC) may go: resolved to its own vCPUs, or refused. */
#ifndef BULKHEAD_ICR_ROUTE_H
#define BULKHEAD_ICR_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

/* ICR low fields (SDM Vol. 3A 10.6.1, figure 10-12; APM Vol. 2 16.5). */
#define ICR_VECTOR_MASK	    0xffU
#define ICR_DELIVERY_SHIFT  8
#define ICR_DELIVERY_MASK   (7U << ICR_DELIVERY_SHIFT)
#define ICR_DEST_LOGICAL    (1U << 11)
#define ICR_PENDING	    (1U << 12)
#define ICR_LEVEL_ASSERT    (1U << 14)
#define ICR_TRIGGER_LEVEL   (1U << 15)
#define ICR_SHORTHAND_SHIFT 18
#define ICR_SHORTHAND_MASK  (3U << ICR_SHORTHAND_SHIFT)
#define ICR_HI_DEST_SHIFT   24 /* xAPIC: destination in ICR high bits 31:24 */

enum icr_delivery {
	ICR_MODE_FIXED = 0,
	ICR_MODE_LOWEST = 1,
	ICR_MODE_SMI = 2,
	ICR_MODE_NMI = 4,
	ICR_MODE_INIT = 5,
	ICR_MODE_SIPI = 6,
	ICR_MODE_EXTINT = 7, /* in LVTs; reserved in the ICR */
};

#define ICR_MAX_VCPUS 64 /* one bit per vCPU in icr_route.targets */

/* What the router knows of each vCPU of the partition: its APIC ID and the logical
 * destination registers it last wrote (LDR bits 31:24, DFR model bits 31:28). */
struct icr_vcpu {
	uint32_t apic_id;
	uint32_t ldr, dfr;
};

enum icr_action {
	ICR_DELIVER, /* to every vCPU in @targets */
	ICR_IGNORE,  /* has no effect on hardware either (INIT de-assert, no match) */
	ICR_REFUSE,  /* would leave the partition or reach firmware: refused, logged */
};

enum icr_kind { ICR_KIND_FIXED, ICR_KIND_NMI, ICR_KIND_INIT, ICR_KIND_SIPI, ICR_KIND_OTHER };

struct icr_route {
	enum icr_action action;
	enum icr_kind kind;
	uint8_t vector;
	uint64_t targets; /* bit n: the partition's vCPU n */
	bool outside;	  /* refused because the destination is not the partition's */
	bool logical;	  /* @dest is a logical destination */
	uint32_t dest;	  /* the destination the guest named */
	const char *why;  /* for ICR_IGNORE and ICR_REFUSE */
};

/* Routes the ICR write @lo (with ICR high @hi) of vCPU @self among the @n vCPUs @cpus. */
void icr_route(uint32_t lo, uint32_t hi, const struct icr_vcpu *cpus, unsigned int n,
	       unsigned int self, struct icr_route *out);
/* The same for a 64-bit x2APIC ICR write (destination in bits 63:32, SDM 11.12.9): physical
 * IDs are 32 bits, logical destinations clustered, 0xffffffff the broadcast. */
void icr_route_x2apic(uint64_t icr, const struct icr_vcpu *cpus, unsigned int n, unsigned int self,
		      struct icr_route *out);
const char *icr_kind_name(enum icr_kind k);

/* IA32_APIC_BASE as a partition sees it (SDM Vol. 3A 10.4.4): the physical base and enable
 * bit, BSP only on the partition's first vCPU, EXTD where the vCPU switched to x2APIC. */
uint64_t apic_base_guest_view(uint64_t physical, bool bsp, bool x2apic);

enum apic_base_change {
	APIC_BASE_SAME,	     /* nothing but the BSP bit changes: ignored */
	APIC_BASE_TO_X2APIC, /* xAPIC to x2APIC mode */
	APIC_BASE_REFUSED,   /* relocation, disable, back to xAPIC, x2APIC not offered: #GP */
};
/* What writing @val over the guest view @cur does. */
enum apic_base_change apic_base_write(uint64_t cur, uint64_t val, bool x2apic_offered);

#endif
