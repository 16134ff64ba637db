// SPDX-License-Identifier: BSD-2-Clause
// Starting the partitions of an accepted description: place, load, create vCPUs, hand out CPUs.

#include "channel.h"
#include "mm.h"
#include "partition.h"
#include "place.h"
#include "printk.h"
#include "smp.h"
#include "vlapic.h"
#include "x86.h"

/* Too large for a stack, and alive as long as the partitions run. */
static struct partition parts[CFG_MAX_PARTITIONS];
static size_t nparts;

static void run_vcpu(void *arg)
{
	vcpu_run_loop(arg);
}

/* Every CPU the partition names must be online: a partition never runs short of its cores. */
static bool cpus_online(const struct partition *p, struct percpu *cpu[])
{
	const struct cfg_partition *c = p->cfg;

	for (size_t i = 0; i < c->ncpus; i++) {
		cpu[i] = smp_cpu_by_apic(c->cpu[i]);
		if (!cpu[i]) {
			pr_err("partition %s: CPU with APIC ID %u is not online: not started",
			       c->name, c->cpu[i]);
			return false;
		}
	}
	return true;
}

/* vCPU 0 boots at the image's entry; the others wait for INIT-SIPI from their partition. */
static void create_vcpus(struct partition *p, struct percpu *cpu[])
{
	for (size_t i = 0; i < p->cfg->ncpus; i++) {
		struct vcpu *v = &p->vcpu[i];

		v->part = p;
		v->cpu = cpu[i];
		v->index = (unsigned int)i;
		v->apic_id = p->cfg->cpu[i];
		vcpu_ops->create(v);
		if (i == 0) {
			vcpu_ops->set_boot(v, &p->boot);
			v->state = VCPU_RUNNING;
		} else {
			v->state = VCPU_WAIT_SIPI;
		}
		smp_handoff(cpu[i], run_vcpu, v);
	}
}

static bool place_one(struct partition *p)
{
	struct percpu *cpu[CFG_MAX_CPUS];

	return cpus_online(p, cpu) && part_place(p);
}

static void start_one(struct partition *p)
{
	struct percpu *cpu[CFG_MAX_CPUS];

	if (!cpus_online(p, cpu) || !part_dma_setup(p) || !part_load(p))
		return;
	part_devices_init(p);
	vcpu_ops->partition_init(p);
	create_vcpus(p, cpu);
	/* The TSC: where make bench counts a guest's boot from (tests/bench/run_bench.py). */
	pr_info("partition %s: starts on CPU %u (APIC ID %u) at 0x%lx, TSC %lu%s", p->cfg->name,
		cpu[0]->id, cpu[0]->apic_id, p->boot.rip, (unsigned long)rdtsc(),
		p->cfg->ncpus > 1 ? "; its other CPUs wait for INIT-SIPI" : "");
}

void partitions_start(const struct cfg_desc *desc, const struct boot_bundle *b)
{
	bool placed[CFG_MAX_PARTITIONS];
	const char *why;

	if (!vcpu_select(&why)) {
		pr_warn("partitions: not started: %s", why);
		return;
	}
	pr_info("partitions: %s backend%s", vcpu_ops->name,
		vlapic_x2apic_offered() ? ", x2APIC offered" : "");
	/* A /reserved range that is RAM (firmware ranges never are) is no partition's either. */
	for (size_t i = 0; i < desc->nrsv; i++)
		if (!page_withhold(desc->rsv[i].address, desc->rsv[i].size))
			pr_warn("partitions: /reserved/%s: could not withhold it from placement",
				desc->rsv[i].name);
	part_dma_irq_setup();
	nparts = desc->nparts;
	for (size_t i = 0; i < desc->nparts; i++) {
		parts[i].cfg = &desc->part[i];
		parts[i].bundle = b;
		parts[i].index = (unsigned int)i;
		placed[i] = place_one(&parts[i]);
	}
	/* After every fixed host-address was claimed, which a channel must not take; before any
	 * nested page tables are built, since they map the channels too. */
	channels_start(desc, parts);
	for (size_t i = 0; i < desc->nparts; i++)
		if (placed[i])
			start_one(&parts[i]);
}

struct partition *part_by_index(size_t i)
{
	return i < nparts ? &parts[i] : NULL;
}
