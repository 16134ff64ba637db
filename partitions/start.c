// SPDX-License-Identifier: BSD-2-Clause
// Starting the partitions of an accepted description: place, load, create vCPUs, hand out CPUs.

#include "partition.h"
#include "place.h"
#include "printk.h"
#include "smp.h"

/* Too large for a stack, and alive as long as the partitions run. */
static struct partition parts[CFG_MAX_PARTITIONS];

static void run_first_vcpu(void *arg)
{
	struct partition *p = arg;

	vcpu_run_loop(&p->vcpu);
}

static bool can_start(const struct partition *p, struct percpu **cpu)
{
	const struct cfg_partition *c = p->cfg;

	if (c->image.protocol != CFG_PROTO_RAW64) {
		pr_warn("partition %s: protocol %s is not supported yet (raw64 only): not started",
			c->name, cfg_protocol_name(c->image.protocol));
		return false;
	}
	*cpu = smp_cpu_by_apic(c->cpu[0]);
	if (!*cpu)
		pr_err("partition %s: CPU with APIC ID %u is not online: not started", c->name,
		       c->cpu[0]);
	return *cpu != NULL;
}

static void start_one(struct partition *p, const struct boot_bundle *b)
{
	struct vcpu_boot boot;
	struct percpu *cpu;

	if (!can_start(p, &cpu) || !part_load_raw64(p, b, &boot))
		return;
	vcpu_ops->partition_init(p);
	p->vcpu.part = p;
	p->vcpu.index = 0;
	vcpu_ops->create(&p->vcpu);
	vcpu_ops->set_boot(&p->vcpu, &boot);
	smp_handoff(cpu, run_first_vcpu, p);
	pr_info("partition %s: starts on CPU %u (APIC ID %u) at 0x%lx", p->cfg->name, cpu->id,
		cpu->apic_id, boot.rip);
	if (p->cfg->ncpus > 1)
		pr_warn("partition %s: its other %lu CPUs stay parked (no INIT/SIPI yet)",
			p->cfg->name, (unsigned long)p->cfg->ncpus - 1);
}

void partitions_start(const struct cfg_desc *desc, const struct boot_bundle *b)
{
	const char *why;

	if (!vcpu_select(&why)) {
		pr_warn("partitions: not started: %s", why);
		return;
	}
	pr_info("partitions: %s backend", vcpu_ops->name);
	for (size_t i = 0; i < desc->nparts; i++) {
		struct partition *p = &parts[i];

		p->cfg = &desc->part[i];
		p->index = (unsigned int)i;
		if (part_place(p))
			start_one(p, b);
	}
}
