// SPDX-License-Identifier: BSD-2-Clause
// Memory rules: page-aligned, non-empty, no wrap, no overlap in guest or in host space.

#include "check.h"
#include "firmware.h"

#define FOR_MEM(desc, p, m)                                                                        \
	for (const struct cfg_partition *p = (desc)->part; p < (desc)->part + (desc)->nparts; p++) \
		for (const struct cfg_mem *m = p->mem; m < p->mem + p->nmem; m++)

/* One region on its own; false when it is too broken to compare with others. */
static bool region_ok(const struct cfg_partition *p, const struct cfg_mem *m, struct cfg_diags *d)
{
	char path[CFG_PATH_MAX];
	bool ok;

	cfg_mem_path(p, m, path, sizeof(path));
	if (!CC(d, m->size != 0, path, "size", "must not be zero"))
		return false;
	ok = CC(d, aligned(m->gpa, CFG_PAGE), path, "guest-address", "0x%lx is not 4 KiB aligned",
		(unsigned long)m->gpa);
	ok &= CC(d, aligned(m->size, CFG_PAGE), path, "size", "0x%lx is not a multiple of 4 KiB",
		 (unsigned long)m->size);
	ok &= CC(d, !range_wraps(m->gpa, m->size), path, "size",
		 "guest range 0x%lx + 0x%lx wraps past the 64-bit address space",
		 (unsigned long)m->gpa, (unsigned long)m->size);
	if (!m->placed)
		return ok;
	ok &= CC(d, aligned(m->hpa, CFG_PAGE), path, "host-address", "0x%lx is not 4 KiB aligned",
		 (unsigned long)m->hpa);
	ok &= CC(d, !range_wraps(m->hpa, m->size), path, "host-address",
		 "host range 0x%lx + 0x%lx wraps past the 64-bit address space",
		 (unsigned long)m->hpa, (unsigned long)m->size);
	return ok;
}

static void guest_overlap(const struct cfg_partition *p, const struct cfg_mem *m,
			  const struct cfg_mem *o, struct cfg_diags *d)
{
	char path[CFG_PATH_MAX];

	cfg_mem_path(p, m, path, sizeof(path));
	CC(d, !ranges_overlap(m->gpa, m->size, o->gpa, o->size), path, "guest-address",
	   "guest range 0x%lx-0x%lx overlaps %s (0x%lx-0x%lx)", (unsigned long)m->gpa,
	   (unsigned long)range_last(m->gpa, m->size), o->node, (unsigned long)o->gpa,
	   (unsigned long)range_last(o->gpa, o->size));
}

static void host_overlap(const struct cfg_partition *p, const struct cfg_mem *m,
			 const struct cfg_partition *op, const struct cfg_mem *o,
			 struct cfg_diags *d)
{
	char path[CFG_PATH_MAX], other[CFG_PATH_MAX];

	cfg_mem_path(p, m, path, sizeof(path));
	cfg_mem_path(op, o, other, sizeof(other));
	CC(d, !ranges_overlap(m->hpa, m->size, o->hpa, o->size), path, "host-address",
	   "host range 0x%lx-0x%lx overlaps %s (0x%lx-0x%lx)", (unsigned long)m->hpa,
	   (unsigned long)range_last(m->hpa, m->size), other, (unsigned long)o->hpa,
	   (unsigned long)range_last(o->hpa, o->size));
}

/* The firmware area (ACPI tables, boot information) takes FW_AREA_SIZE of a writable region:
 * the legacy BIOS area when one covers it, else a region's end (partitions/memmap.h). */
static void firmware_room(const struct cfg_partition *p, struct cfg_diags *d)
{
	char path[CFG_PATH_MAX];
	bool room = false;

	for (const struct cfg_mem *m = p->mem; m < p->mem + p->nmem; m++)
		room |= (m->rights & CFG_W) && m->size >= FW_AREA_SIZE;
	cfg_part_path(p, path, sizeof(path));
	CC(d, room, path, NULL,
	   "no writable memory region of at least %lu KiB for the partition's ACPI tables and "
	   "boot information",
	   (unsigned long)(FW_AREA_SIZE >> 10));
}

void cfg_check_memory(const struct cfg_desc *desc, struct cfg_diags *d)
{
	bool ok[CFG_MAX_PARTITIONS][CFG_MAX_MEM];

	FOR_MEM(desc, p, m) ok[p - desc->part][m - p->mem] = region_ok(p, m, d);
	/* Each pair once, reported at the later region. */
	FOR_MEM(desc, p, m) FOR_MEM(desc, op, o)
	{
		if (op > p || (op == p && o >= m))
			continue;
		if (!ok[p - desc->part][m - p->mem] || !ok[op - desc->part][o - op->mem])
			continue;
		if (op == p)
			guest_overlap(p, m, o, d);
		if (m->placed && o->placed)
			host_overlap(p, m, op, o, d);
	}
	/* Only where every region is sound: a broken one is reported already. */
	for (const struct cfg_partition *p = desc->part; p < desc->part + desc->nparts; p++) {
		bool all_ok = p->nmem > 0;

		for (size_t i = 0; i < p->nmem; i++)
			all_ok &= ok[p - desc->part][i];
		if (all_ok)
			firmware_room(p, d);
	}
}
