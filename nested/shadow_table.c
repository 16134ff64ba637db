// SPDX-License-Identifier: BSD-2-Clause
// The shadow table of nested paging, vendor-neutral: a 4-level walk that allocates tables from
// the vCPU's fixed pool (nested/shadow_table.h).

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "shadow_table.h"

#define TOP_SHIFT   39
#define LEVEL_BITS  9
#define PAGE_SHIFT4 12
#define ADDR_MASK   0x000ffffffffff000ULL

void shadow_pool_init(struct shadow_pool *p, uint32_t npages, uint64_t present, uint64_t table)
{
	p->pages = page_alloc((uint64_t)npages * PAGE_SIZE, PAGE_SIZE);
	p->npages = npages;
	p->used = 1;
	p->present = present;
	p->table = table;
}

void shadow_pool_reset(struct shadow_pool *p)
{
	memset(p->pages, 0, PAGE_SIZE);
	p->used = 1;
}

static uint64_t *next_table(struct shadow_pool *p)
{
	uint64_t *t;

	if (p->used == p->npages)
		return NULL;
	t = p->pages + (uint64_t)p->used++ * PT_ENTRIES;
	memset(t, 0, PAGE_SIZE);
	return t;
}

bool shadow_pool_map(struct shadow_pool *p, uint64_t gpa, uint64_t leaf)
{
	uint64_t *t = p->pages;

	for (unsigned int s = TOP_SHIFT; s > PAGE_SHIFT4; s -= LEVEL_BITS) {
		uint64_t *e = &t[(gpa >> s) & (PT_ENTRIES - 1)];

		if (!(*e & p->present)) {
			uint64_t *next = next_table(p);

			if (!next)
				return false;
			*e = (uint64_t)next | p->table;
		}
		t = phys_to_virt(*e & ADDR_MASK);
	}
	t[(gpa >> PAGE_SHIFT4) & (PT_ENTRIES - 1)] = leaf;
	return true;
}
