// SPDX-License-Identifier: BSD-2-Clause
// Rules against the real machine: its CPUs (ACPI), its memory map, what the hypervisor holds,
// and its virtualization extension.

#include <stdio.h>
#include <string.h>

#include "check.h"

static bool machine_has_cpu(const struct machine *m, uint32_t id)
{
	for (size_t i = 0; i < m->ncpus; i++)
		if (m->apic_id[i] == id)
			return true;
	return false;
}

/* The smallest APIC ID >= @from, or false. */
static bool next_id(const struct machine *m, uint64_t from, uint64_t *out)
{
	bool found = false;

	for (size_t i = 0; i < m->ncpus; i++)
		if (m->apic_id[i] >= from && (!found || m->apic_id[i] < *out)) {
			*out = m->apic_id[i];
			found = true;
		}
	return found;
}

/* "0-3, 8" from the ACPI list, smallest first, whatever order the MADT used. */
static void format_ids(const struct machine *m, char *buf, size_t size)
{
	uint64_t lo = 0, hi, from = 0;
	size_t len = 0;

	buf[0] = '\0';
	while (len < size && next_id(m, from, &lo)) {
		for (hi = lo; hi < UINT32_MAX && machine_has_cpu(m, (uint32_t)hi + 1); hi++)
			;
		if (lo == hi)
			len += snprintf(buf + len, size - len, "%s%lu", len ? ", " : "", lo);
		else
			len +=
			    snprintf(buf + len, size - len, "%s%lu-%lu", len ? ", " : "", lo, hi);
		from = hi + 1;
	}
}

static void check_cpus(const struct cfg_desc *desc, const struct machine *m, struct cfg_diags *d)
{
	char ids[96], path[CFG_PATH_MAX];

	format_ids(m, ids, sizeof(ids));
	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];

		cfg_part_path(p, path, sizeof(path));
		for (size_t c = 0; c < p->ncpus; c++)
			CC(d, machine_has_cpu(m, p->cpu[c]), path, "cpus",
			   "APIC ID %u is not an online CPU of this machine (online: %s)",
			   p->cpu[c], ids);
	}
}

/* Is all of [base, base + size) inside available RAM (adjacent map entries join up)? */
static bool all_ram(const struct machine *m, uint64_t base, uint64_t size)
{
	uint64_t cur = base, last = range_last(base, size);
	bool moved = true;

	while (moved) {
		moved = false;
		for (size_t i = 0; i < m->nram; i++) {
			const struct cfg_range *r = &m->ram[i];

			if (r->size == 0 || cur < r->base || cur > range_last(r->base, r->size))
				continue;
			if (range_last(r->base, r->size) >= last)
				return true;
			cur = range_last(r->base, r->size) + 1;
			moved = true;
		}
	}
	return false;
}

static void check_placement(const struct cfg_partition *p, const struct cfg_mem *mem,
			    const struct machine *m, struct cfg_diags *d)
{
	unsigned long b = (unsigned long)mem->hpa,
		      l = (unsigned long)range_last(mem->hpa, mem->size);
	char path[CFG_PATH_MAX];

	cfg_mem_path(p, mem, path, sizeof(path));
	if (!CC(d, all_ram(m, mem->hpa, mem->size), path, "host-address",
		"host range 0x%lx-0x%lx is not all available RAM in the memory map (firmware "
		"region or hole)",
		b, l))
		return;
	for (size_t i = 0; i < m->nrsv; i++) {
		const struct cfg_reserved *r = &m->rsv[i];

		if (r->size)
			CC(d, !ranges_overlap(mem->hpa, mem->size, r->base, r->size), path,
			   "host-address", "host range 0x%lx-0x%lx overlaps %s (0x%lx-0x%lx)", b, l,
			   r->what, (unsigned long)r->base,
			   (unsigned long)range_last(r->base, r->size));
	}
}

/* Passthrough MMIO is device space: a range over RAM would hand a partition memory that is the
 * hypervisor's (its image, its page tables) or another partition's; a range over the interrupt
 * controllers would let it send interrupts to every CPU and reroute every device's. */
static void check_mmio_range(const char *path, const struct cfg_range *r, const struct machine *m,
			     struct cfg_diags *d)
{
	unsigned long lo = (unsigned long)r->base, hi = (unsigned long)range_last(r->base, r->size);

	for (size_t i = 0; i < m->nram; i++)
		CC(d, !ranges_overlap(r->base, r->size, m->ram[i].base, m->ram[i].size), path,
		   "mmio", "MMIO 0x%lx-0x%lx is RAM in the memory map, not a device", lo, hi);
	for (size_t i = 0; i < m->nhvdev; i++)
		CC(d, !ranges_overlap(r->base, r->size, m->hvdev[i].base, m->hvdev[i].size), path,
		   "mmio", "MMIO 0x%lx-0x%lx overlaps %s, which the hypervisor keeps", lo, hi,
		   m->hvdev[i].what);
}

static void check_mmio(const struct cfg_partition *p, const struct machine *m, struct cfg_diags *d)
{
	char path[CFG_PATH_MAX];

	cfg_part_path(p, path, sizeof(path));
	for (size_t k = 0; k < p->nmmio; k++)
		if (p->mmio[k].size && !range_wraps(p->mmio[k].base, p->mmio[k].size))
			check_mmio_range(path, &p->mmio[k], m, d);
}

static void check_memory(const struct cfg_desc *desc, const struct machine *m, struct cfg_diags *d)
{
	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];

		check_mmio(p, m, d);

		for (size_t j = 0; j < p->nmem; j++)
			if (p->mem[j].placed && p->mem[j].size &&
			    !range_wraps(p->mem[j].hpa, p->mem[j].size))
				check_placement(p, &p->mem[j], m, d);
	}
}

static void check_vendor(const struct cfg_desc *desc, const struct machine *m, struct cfg_diags *d)
{
	const char *have =
	    m->vendor == CFG_VENDOR_NONE ? "neither vmx nor svm" : cfg_vendor_name(m->vendor);

	CC(d, desc->hv.vendor == m->vendor, "/hypervisor", "cpu-vendor",
	   "the description expects %s, but this machine's CPU has %s",
	   cfg_vendor_name(desc->hv.vendor), have);
}

int cfg_check_machine(const struct cfg_desc *desc, const struct machine *m, struct cfg_diags *d)
{
	size_t before = cfg_diags_total(d);

	check_vendor(desc, m, d);
	check_cpus(desc, m, d);
	check_memory(desc, m, d);
	cfg_check_pci_machine(desc, m, d);
	return cfg_diags_total(d) == before ? 0 : -1;
}
