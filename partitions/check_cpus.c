// SPDX-License-Identifier: BSD-2-Clause
// CPU rules: a core is dedicated, so each APIC ID belongs to exactly one partition.

#include <stdio.h>

#include "check.h"

void cfg_part_path(const struct cfg_partition *p, char *out, size_t size)
{
	snprintf(out, size, "/partitions/%s", p->name);
}

void cfg_mem_path(const struct cfg_partition *p, const struct cfg_mem *m, char *out, size_t size)
{
	snprintf(out, size, "/partitions/%s/%s", p->name, m->node);
}

static bool has_cpu(const struct cfg_partition *p, size_t upto, uint32_t id)
{
	for (size_t i = 0; i < upto; i++)
		if (p->cpu[i] == id)
			return true;
	return false;
}

/* The earlier partition that already owns @id, or NULL. */
static const struct cfg_partition *owner(const struct cfg_desc *desc, size_t before, uint32_t id)
{
	for (size_t i = 0; i < before; i++)
		if (has_cpu(&desc->part[i], desc->part[i].ncpus, id))
			return &desc->part[i];
	return NULL;
}

void cfg_check_cpus(const struct cfg_desc *desc, struct cfg_diags *d)
{
	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];
		char path[CFG_PATH_MAX];

		cfg_part_path(p, path, sizeof(path));
		for (size_t c = 0; c < p->ncpus; c++) {
			const struct cfg_partition *o = owner(desc, i, p->cpu[c]);

			CC(d, !has_cpu(p, c, p->cpu[c]), path, "cpus", "APIC ID %u is listed twice",
			   p->cpu[c]);
			CC(d, o == NULL, path, "cpus",
			   "APIC ID %u is already dedicated to /partitions/%s", p->cpu[c],
			   o ? o->name : "");
		}
	}
}
