/* SPDX-License-Identifier: BSD-2-Clause */
/* Where a partition's xAPIC ICR write may go: resolved to its own vCPUs, or refused. */
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
const char *icr_kind_name(enum icr_kind k);

/* IA32_APIC_BASE as a partition sees it (SDM Vol. 3A 10.4.4): the physical base and enable
 * bit, BSP only on the partition's first vCPU. */
uint64_t apic_base_guest_view(uint64_t physical, bool bsp);
/* Whether writing @val over the guest view @cur is allowed: only the BSP bit may change. */
bool apic_base_write_ok(uint64_t cur, uint64_t val);

#endif
