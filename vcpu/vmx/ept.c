// SPDX-License-Identifier: BSD-2-Clause
// EPT from a partition's memory regions (SDM Vol. 3C, 29.3.2): 4-level tables, large pages.

#include "config.h"
#include "ept.h"
#include "layout.h"
#include "mm.h"
#include "paging.h"

#define EPT_TABLE  (EPT_R | EPT_W | EPT_X) /* rights are decided at the leaves */
#define LEVEL_BITS 9
#define TOP_SHIFT  39

static const unsigned int leaf_shift[EPT_PAGE_SIZES] = {12, 21, 30};

static uint64_t *next_table(uint64_t *table, unsigned int idx)
{
	if (!(table[idx] & EPT_TABLE))
		table[idx] = (uint64_t)page_alloc(PAGE_SIZE, PAGE_SIZE) | EPT_TABLE;
	return phys_to_virt(table[idx] & EPT_ADDR_MASK);
}

/* Write without read is a misconfiguration (29.3.3.1): a writable region is also readable. */
static uint64_t leaf_flags(unsigned int rights, enum ept_page size)
{
	uint64_t f = (rights & CFG_UC ? EPT_MT_UC : EPT_MT_WB) << EPT_MT_SHIFT;

	if (rights & (CFG_R | CFG_W))
		f |= EPT_R;
	if (rights & CFG_W)
		f |= EPT_W;
	if (rights & CFG_X)
		f |= EPT_X;
	return size > EPT_4K ? f | EPT_LARGE : f;
}

static void map_page(uint64_t *pml4, uint64_t gpa, uint64_t hpa, enum ept_page size,
		     unsigned int rights)
{
	uint64_t *t = pml4;

	for (unsigned int s = TOP_SHIFT; s > leaf_shift[size]; s -= LEVEL_BITS)
		t = next_table(t, (gpa >> s) & (PT_ENTRIES - 1));
	t[(gpa >> leaf_shift[size]) & (PT_ENTRIES - 1)] = hpa | leaf_flags(rights, size);
}

/* The largest page (up to @largest) both addresses are aligned to and the range fills. */
static enum ept_page best_size(uint64_t gpa, uint64_t hpa, uint64_t left, enum ept_page largest)
{
	for (int i = largest; i > EPT_4K; i--) {
		uint64_t sz = 1ULL << leaf_shift[i];

		if (!((gpa | hpa) & (sz - 1)) && left >= sz)
			return (enum ept_page)i;
	}
	return EPT_4K;
}

void ept_map(uint64_t *pml4, uint64_t gpa, uint64_t hpa, uint64_t size, unsigned int rights,
	     enum ept_page largest, unsigned int pages[EPT_PAGE_SIZES])
{
	while (size >= PAGE_SIZE) {
		enum ept_page i = best_size(gpa, hpa, size, largest);
		uint64_t sz = 1ULL << leaf_shift[i];

		map_page(pml4, gpa, hpa, i, rights);
		pages[i]++;
		gpa += sz;
		hpa += sz;
		size -= sz;
	}
}
