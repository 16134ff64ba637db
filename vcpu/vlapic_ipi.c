// SPDX-License-Identifier: BSD-2-Clause
// The ICR filter: a partition's IPIs reach its own vCPUs only; the rest is refused and logged.

#include <stddef.h>

#include "icr_route.h"
#include "lapic.h"
#include "partition.h"
#include "printk.h"
#include "vlapic.h"
#include "vlapic_regs.h"

#define REFUSED_LOGGED 8 /* per partition; after that only powers of two print the count */

_Static_assert(CFG_MAX_CPUS <= ICR_MAX_VCPUS, "icr_route.targets has a bit per vCPU");

static uint32_t refused[CFG_MAX_PARTITIONS];

uint32_t vlapic_refused(const struct partition *p)
{
	return p->index < CFG_MAX_PARTITIONS ? __atomic_load_n(&refused[p->index], __ATOMIC_RELAXED)
					     : 0;
}

static void log_refused(struct vcpu *v, const struct icr_route *r)
{
	const char *name = v->part->cfg->name, *kind = icr_kind_name(r->kind);
	uint32_t n =
	    __atomic_add_fetch(&refused[v->part->index % CFG_MAX_PARTITIONS], 1, __ATOMIC_RELAXED);

	if (n > REFUSED_LOGGED) {
		if (!(n & (n - 1)))
			pr_warn("partition %s: %u IPIs refused so far", name, n);
		return;
	}
	if (r->outside && !r->logical)
		pr_warn("partition %s: %s IPI to APIC ID %u outside the partition refused", name,
			kind, r->dest);
	else if (r->outside)
		pr_warn("partition %s: %s IPI to logical destination 0x%x outside the partition "
			"refused",
			name, kind, r->dest);
	else
		pr_warn("partition %s: %s refused", name, r->why);
	if (n == REFUSED_LOGGED)
		pr_warn("partition %s: further refused IPIs are only counted", name);
}

/* The routing view of every vCPU: APIC ID, and LDR/DFR as last written (power-up if never). */
static unsigned int routing_view(const struct partition *p, struct icr_vcpu *cpus)
{
	unsigned int n = (unsigned int)p->cfg->ncpus;

	for (unsigned int i = 0; i < n; i++) {
		const struct vlapic_shadow *s = vlapic_shadow(&p->vcpu[i]);
		bool valid = __atomic_load_n(&s->valid, __ATOMIC_ACQUIRE);

		cpus[i].apic_id = p->vcpu[i].apic_id;
		cpus[i].ldr = valid ? __atomic_load_n(&s->ldr, __ATOMIC_RELAXED) : 0;
		cpus[i].dfr = valid ? __atomic_load_n(&s->dfr, __ATOMIC_RELAXED) : APIC_DFR_RESET;
	}
	return n;
}

/* The partition owns its cores' LAPICs: a fixed, edge-triggered physical IPI lands in its IDT
 * as if one of its own CPUs had sent it. */
void vlapic_raise(struct vcpu *t, uint8_t vector)
{
	if (!lapic_send_ipi(t->apic_id, vector | ICR_LEVEL_ASSERT))
		pr_warn("partition %s: IPI to APIC ID %u not delivered", t->part->cfg->name,
			t->apic_id);
}

/* Fixed and lowest-priority IPIs become physical fixed IPIs, one per target, edge-triggered. */
static void deliver_one(struct vcpu *v, struct vcpu *t, const struct icr_route *r)
{
	switch (r->kind) {
	case ICR_KIND_FIXED:
		vlapic_raise(t, (uint8_t)r->vector);
		break;
	case ICR_KIND_NMI:
		vcpu_request(t, VCPU_REQ_NMI);
		break;
	case ICR_KIND_INIT:
		vcpu_request(t, VCPU_REQ_INIT);
		break;
	case ICR_KIND_SIPI:
		__atomic_store_n(&t->sipi_vector, r->vector, __ATOMIC_RELEASE);
		vcpu_request(t, VCPU_REQ_SIPI);
		break;
	case ICR_KIND_OTHER:
		break; /* icr_route() refuses these */
	}
}

static void deliver(struct vcpu *v, const struct icr_route *r, uint64_t icr)
{
	unsigned int n = (unsigned int)v->part->cfg->ncpus;

	if (r->action == ICR_REFUSE) {
		log_refused(v, r);
		return;
	}
	if (r->action == ICR_IGNORE) {
		pr_debug("partition %s: ICR 0x%lx ignored (%s)", v->part->cfg->name,
			 (unsigned long)icr, r->why);
		return;
	}
	for (unsigned int i = 0; i < n && i < CFG_MAX_CPUS; i++)
		if (r->targets & (1ULL << i))
			deliver_one(v, &v->part->vcpu[i], r);
}

void vlapic_icr_write(struct vcpu *v, uint32_t lo)
{
	struct icr_vcpu cpus[CFG_MAX_CPUS];
	struct vlapic_shadow *s = vlapic_shadow(v);
	struct icr_route r;
	unsigned int n = routing_view(v->part, cpus);

	s->icr_lo = lo & ~ICR_PENDING; /* read back idle: Bulkhead waits for delivery */
	icr_route(lo, s->icr_hi, cpus, n, v->index, &r);
	deliver(v, &r, lo);
}

void vlapic_message(struct vcpu *v, uint32_t lo, uint32_t hi)
{
	struct icr_vcpu cpus[CFG_MAX_CPUS];
	struct icr_route r;
	unsigned int n = routing_view(v->part, cpus);

	icr_route(lo, hi, cpus, n, v->index, &r);
	deliver(v, &r, lo);
}

void vlapic_icr_write_x2apic(struct vcpu *v, uint64_t icr)
{
	struct icr_vcpu cpus[CFG_MAX_CPUS];
	struct icr_route r;
	unsigned int n = routing_view(v->part, cpus);

	vlapic_shadow(v)->icr_x2 = icr;
	icr_route_x2apic(icr, cpus, n, v->index, &r);
	deliver(v, &r, icr);
}
