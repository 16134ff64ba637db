// SPDX-License-Identifier: BSD-2-Clause
// Placing a partition's memory: host pages for every memory@ region of its description.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "partition.h"
#include "place.h"
#include "printk.h"

static uint64_t page_round(uint64_t n)
{
	return (n + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
}

/* A fixed host-address is honoured or refused; otherwise the largest alignment that helps NPT. */
static bool place_region(struct partition *p, const struct cfg_mem *m)
{
	uint64_t size = page_round(m->size);
	void *hva;

	if (m->placed) {
		hva = page_claim(m->hpa, size);
		if (!hva) {
			pr_err("partition %s: %s: host 0x%lx-0x%lx is not free: not started",
			       p->cfg->name, m->node, m->hpa, m->hpa + size - 1);
			return false;
		}
	} else {
		hva = page_alloc(size, size >= SIZE_1G ? SIZE_1G : SIZE_2M);
	}
	p->mem[p->nmem++] = (struct part_mem){m->gpa, (uint64_t)hva, size, m->rights};
	pr_info("partition %s: %s: guest 0x%lx -> host 0x%lx, %lu KiB", p->cfg->name, m->node,
		m->gpa, (uint64_t)hva, size >> 10);
	return true;
}

bool part_place(struct partition *p)
{
	for (size_t i = 0; i < p->cfg->nmem; i++)
		if (!place_region(p, &p->cfg->mem[i]))
			return false;
	return true;
}
