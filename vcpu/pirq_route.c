// SPDX-License-Identifier: BSD-2-Clause
// The physical I/O APIC entry of an owned legacy line (82093AA data sheet 3.2.4): pure.

#include "pirq.h"

#define RTE_VECTOR     0xffULL
#define RTE_VECTOR_MIN 32U /* 0-31 are exceptions */

static uint32_t dest_of(const struct vpci_owner *o, uint64_t guest)
{
	uint32_t want = (uint32_t)(guest >> PIRQ_RTE_DEST_SHIFT);

	for (size_t i = 0; i < o->n && !(guest & PIRQ_RTE_LOGICAL); i++)
		if (o->apic_id[i] == want)
			return want;
	return o->n ? o->apic_id[0] : 0;
}

uint64_t pirq_route(const struct vpci_owner *o, uint64_t guest, uint16_t inti)
{
	uint64_t vector = guest & RTE_VECTOR;
	uint64_t rte = vector | (uint64_t)dest_of(o, guest) << PIRQ_RTE_DEST_SHIFT;

	if ((inti & PIRQ_INTI_POLARITY) == PIRQ_INTI_ACTIVE_LOW)
		rte |= PIRQ_RTE_POLARITY_LOW;
	if ((inti & PIRQ_INTI_TRIGGER) == PIRQ_INTI_LEVEL)
		rte |= PIRQ_RTE_LEVEL;
	if ((guest & PIRQ_RTE_MASKED) || vector < RTE_VECTOR_MIN || !o->n)
		rte |= PIRQ_RTE_MASKED;
	return rte;
}
