// SPDX-License-Identifier: BSD-2-Clause
// Reserved machine ranges (/reserved): well formed, and never under a partition's fixed host
// memory or its MMIO. Placed memory and channels come from available RAM at boot, which firmware
// ranges never are.

#include <stdio.h>

#include "check.h"

static void rsv_path(const struct cfg_rsv_node *r, char *out, size_t size)
{
	snprintf(out, size, "/reserved/%s", r->name);
}

static bool rsv_ok(const struct cfg_rsv_node *r, struct cfg_diags *d)
{
	char path[CFG_PATH_MAX];

	rsv_path(r, path, sizeof(path));
	if (!CC(d, r->size != 0, path, "size", "must not be zero"))
		return false;
	return CC(d, !range_wraps(r->address, r->size), path, "size",
		  "range 0x%lx + 0x%lx wraps past the 64-bit address space",
		  (unsigned long)r->address, (unsigned long)r->size);
}

/* @what at [base, base + size) of the node at @path: on no well-formed reserved range. */
static void clear_of_reserved(const struct cfg_desc *desc, const bool *ok, const char *path,
			      const char *prop, const char *what, uint64_t base, uint64_t size,
			      struct cfg_diags *d)
{
	if (!size || range_wraps(base, size))
		return; /* the memory and device rules already complain */
	for (size_t i = 0; i < desc->nrsv; i++) {
		const struct cfg_rsv_node *r = &desc->rsv[i];

		if (ok[i])
			CC(d, !ranges_overlap(base, size, r->address, r->size), path, prop,
			   "%s 0x%lx-0x%lx overlaps the reserved region /reserved/%s (0x%lx-0x%lx)",
			   what, (unsigned long)base, (unsigned long)range_last(base, size),
			   r->name, (unsigned long)r->address,
			   (unsigned long)range_last(r->address, r->size));
	}
}

void cfg_check_reserved(const struct cfg_desc *desc, struct cfg_diags *d)
{
	bool ok[CFG_MAX_RESERVED];
	char path[CFG_PATH_MAX];

	for (size_t i = 0; i < desc->nrsv; i++)
		ok[i] = rsv_ok(&desc->rsv[i], d);
	for (const struct cfg_partition *p = desc->part; p < desc->part + desc->nparts; p++) {
		for (const struct cfg_mem *m = p->mem; m < p->mem + p->nmem; m++) {
			if (!m->placed)
				continue;
			cfg_mem_path(p, m, path, sizeof(path));
			clear_of_reserved(desc, ok, path, "host-address", "host memory", m->hpa,
					  m->size, d);
		}
		cfg_part_path(p, path, sizeof(path));
		for (size_t k = 0; k < p->nmmio; k++)
			clear_of_reserved(desc, ok, path, "mmio", "MMIO", p->mmio[k].base,
					  p->mmio[k].size, d);
	}
}
