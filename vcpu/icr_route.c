// SPDX-License-Identifier: BSD-2-Clause
// ICR routing for partitions: physical, logical (flat, cluster) and shorthand destinations.

#include "icr_route.h"

#define SHORTHAND_NONE	  0
#define SHORTHAND_SELF	  1
#define SHORTHAND_ALL	  2
#define SHORTHAND_OTHERS  3
#define XAPIC_BROADCAST	  0xffU
#define LDR_SHIFT	  24 /* logical APIC ID in LDR bits 31:24 (SDM 10.6.2.2) */
#define DFR_MODEL_SHIFT	  28
#define DFR_MODEL_FLAT	  0xfU
#define DFR_MODEL_CLUSTER 0x0U
#define CLUSTER_SHIFT	  4 /* cluster model: bits 7:4 cluster, bits 3:0 members */
#define CLUSTER_MEMBERS	  0xfU
#define CLUSTER_BROADCAST 0xfU
#define X2APIC_BROADCAST  0xffffffffU
#define X2_CLUSTER_SHIFT  16 /* x2APIC logical: cluster in bits 31:16, members in 15:0 */
#define X2_MEMBER_BITS	  4
#define APIC_BASE_BSP	  (1ULL << 8)
#define APIC_BASE_EXTD	  (1ULL << 10)
#define APIC_BASE_ENABLE  (1ULL << 11)
#define APIC_BASE_ADDR	  0x000ffffffffff000ULL

static uint64_t all_vcpus(unsigned int n)
{
	return n >= ICR_MAX_VCPUS ? ~0ULL : (1ULL << n) - 1;
}

/* Logical destination match (SDM Vol. 3A 10.6.2.2): flat is a bit mask over the logical ID;
 * cluster compares the cluster and masks the members, cluster 0xf reaching every cluster. */
static bool logical_match(const struct icr_vcpu *c, uint8_t dest)
{
	uint8_t id = (uint8_t)(c->ldr >> LDR_SHIFT);
	uint32_t model = c->dfr >> DFR_MODEL_SHIFT;
	uint8_t cluster = dest >> CLUSTER_SHIFT;

	if (model == DFR_MODEL_FLAT)
		return id & dest;
	if (model != DFR_MODEL_CLUSTER)
		return false;
	if (cluster != CLUSTER_BROADCAST && cluster != id >> CLUSTER_SHIFT)
		return false;
	return id & dest & CLUSTER_MEMBERS;
}

/* x2APIC logical destinations are always clustered, the logical ID derived from the x2APIC
 * ID (SDM 11.12.10.2): cluster ID >> 4, member bit ID & 0xf. */
static bool x2_logical_match(uint32_t apic_id, uint32_t dest)
{
	if (dest == X2APIC_BROADCAST)
		return true;
	return (dest >> X2_CLUSTER_SHIFT) == apic_id >> X2_MEMBER_BITS &&
	       (dest & (1U << (apic_id & ((1U << X2_MEMBER_BITS) - 1))));
}

static bool dest_match(const struct icr_vcpu *c, uint32_t dest, bool logical, bool x2)
{
	if (x2)
		return logical ? x2_logical_match(c->apic_id, dest)
			       : (dest == X2APIC_BROADCAST || c->apic_id == dest);
	return logical ? logical_match(c, (uint8_t)dest)
		       : (dest == XAPIC_BROADCAST || c->apic_id == dest);
}

static void by_destination(uint32_t lo, uint32_t dest, bool x2, const struct icr_vcpu *cpus,
			   unsigned int n, struct icr_route *out)
{
	out->dest = dest;
	out->logical = lo & ICR_DEST_LOGICAL;
	for (unsigned int i = 0; i < n && i < ICR_MAX_VCPUS; i++) {
		bool hit = dest_match(&cpus[i], dest, out->logical, x2);

		if (hit)
			out->targets |= 1ULL << i;
	}
	if (!out->targets) {
		out->action = ICR_REFUSE;
		out->outside = true;
		out->why = "destination outside the partition";
	}
}

static void by_shorthand(unsigned int shorthand, unsigned int n, unsigned int self, bool x2,
			 struct icr_route *out)
{
	uint64_t me = 1ULL << self;

	out->dest = x2 ? X2APIC_BROADCAST : XAPIC_BROADCAST;
	if (shorthand == SHORTHAND_SELF)
		out->targets = me;
	else if (shorthand == SHORTHAND_ALL)
		out->targets = all_vcpus(n);
	else
		out->targets = all_vcpus(n) & ~me;
	if (!out->targets) {
		out->action = ICR_IGNORE;
		out->why = "no other CPU in the partition";
	}
}

/* The delivery mode decides the kind; modes the partition may never send are refused. */
static bool classify(uint32_t lo, unsigned int shorthand, struct icr_route *out)
{
	unsigned int mode = (lo & ICR_DELIVERY_MASK) >> ICR_DELIVERY_SHIFT;

	out->vector = (uint8_t)(lo & ICR_VECTOR_MASK);
	switch (mode) {
	case ICR_MODE_FIXED:
	case ICR_MODE_LOWEST:
		out->kind = ICR_KIND_FIXED;
		return true;
	case ICR_MODE_NMI:
		out->kind = ICR_KIND_NMI;
		break;
	case ICR_MODE_INIT:
		out->kind = ICR_KIND_INIT;
		if (!(lo & ICR_LEVEL_ASSERT)) {
			out->action = ICR_IGNORE; /* INIT level de-assert: no effect since P4 */
			out->why = "INIT level de-assert";
			return false;
		}
		break;
	case ICR_MODE_SIPI:
		out->kind = ICR_KIND_SIPI;
		break;
	default:
		out->kind = ICR_KIND_OTHER;
		out->action = ICR_REFUSE;
		out->why = mode == ICR_MODE_SMI ? "SMI IPI" : "reserved delivery mode";
		return false;
	}
	if (shorthand == SHORTHAND_SELF) {
		out->action = ICR_REFUSE; /* self shorthand is for fixed IPIs only (table 10-3) */
		out->why = "self shorthand with NMI, INIT or SIPI";
		return false;
	}
	return true;
}

/* Lowest priority delivers to one CPU; Bulkhead does not arbitrate and takes the first. */
static void lowest_priority(uint32_t lo, struct icr_route *out)
{
	if (((lo & ICR_DELIVERY_MASK) >> ICR_DELIVERY_SHIFT) == ICR_MODE_LOWEST && out->targets)
		out->targets &= -out->targets;
}

static void route(uint32_t lo, uint32_t dest, bool x2, const struct icr_vcpu *cpus, unsigned int n,
		  unsigned int self, struct icr_route *out)
{
	unsigned int shorthand = (lo & ICR_SHORTHAND_MASK) >> ICR_SHORTHAND_SHIFT;

	*out = (struct icr_route){.action = ICR_DELIVER};
	if (n > ICR_MAX_VCPUS)
		n = ICR_MAX_VCPUS;
	if (!classify(lo, shorthand, out))
		return;
	if (shorthand == SHORTHAND_NONE)
		by_destination(lo, dest, x2, cpus, n, out);
	else
		by_shorthand(shorthand, n, self, x2, out);
	lowest_priority(lo, out);
}

void icr_route(uint32_t lo, uint32_t hi, const struct icr_vcpu *cpus, unsigned int n,
	       unsigned int self, struct icr_route *out)
{
	route(lo, (uint8_t)(hi >> ICR_HI_DEST_SHIFT), false, cpus, n, self, out);
}

void icr_route_x2apic(uint64_t icr, const struct icr_vcpu *cpus, unsigned int n, unsigned int self,
		      struct icr_route *out)
{
	route((uint32_t)icr, (uint32_t)(icr >> 32), true, cpus, n, self, out);
}

const char *icr_kind_name(enum icr_kind k)
{
	static const char *const names[] = {
	    [ICR_KIND_FIXED] = "fixed", [ICR_KIND_NMI] = "NMI",	    [ICR_KIND_INIT] = "INIT",
	    [ICR_KIND_SIPI] = "SIPI",	[ICR_KIND_OTHER] = "other",
	};

	return (unsigned int)k < sizeof(names) / sizeof(names[0]) ? names[k] : "other";
}

uint64_t apic_base_guest_view(uint64_t physical, bool bsp, bool x2apic)
{
	return (physical & (APIC_BASE_ADDR | APIC_BASE_ENABLE)) | (bsp ? APIC_BASE_BSP : 0) |
	       (x2apic ? APIC_BASE_EXTD : 0);
}

/* SDM 11.12.5: xAPIC to x2APIC is the one mode change that needs no disable; back to xAPIC
 * goes through disabled, which Bulkhead refuses (a disabled APIC may never come back). */
enum apic_base_change apic_base_write(uint64_t cur, uint64_t val, bool x2apic_offered)
{
	uint64_t changed = (cur ^ val) & ~APIC_BASE_BSP;

	if (!changed)
		return APIC_BASE_SAME;
	if (changed == APIC_BASE_EXTD && (val & APIC_BASE_EXTD) && x2apic_offered)
		return APIC_BASE_TO_X2APIC;
	return APIC_BASE_REFUSED;
}
