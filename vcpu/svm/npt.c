// SPDX-License-Identifier: BSD-2-Clause
// Nested page tables (APM Vol. 2, 15.25): long-mode tables walked as user accesses.

#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "svm.h"

/* Every nested walk is a user-mode walk (15.25.5): U must be set at every level. */
#define NPT_U	    (1ULL << 2)
#define NPT_TABLE   (PTE_P | PTE_W | NPT_U)
#define LEVEL_BITS  9
#define TOP_SHIFT   39
#define LEAF_SHIFTS 3 /* 4 KiB, 2 MiB, 1 GiB */

static const unsigned int leaf_shift[LEAF_SHIFTS] = {12, 21, 30};

static uint64_t *next_table(uint64_t *table, unsigned int idx)
{
	if (!(table[idx] & PTE_P))
		table[idx] = (uint64_t)page_alloc(PAGE_SIZE, PAGE_SIZE) | NPT_TABLE;
	return phys_to_virt(table[idx] & PTE_ADDR_MASK);
}

static uint64_t leaf_flags(unsigned int rights, unsigned int shift)
{
	uint64_t f = PTE_P | NPT_U;

	if (rights & CFG_W)
		f |= PTE_W;
	if (!(rights & CFG_X))
		f |= PTE_NX;
	/* PAT entry 3, uncached with the power-on PAT: device registers are never cached. */
	if (rights & CFG_UC)
		f |= PTE_PCD | PTE_PWT;
	return shift > PAGE_SHIFT ? f | PTE_PS : f;
}

static void map_page(uint64_t *pml4, uint64_t gpa, uint64_t hpa, unsigned int shift,
		     unsigned int rights)
{
	uint64_t *t = pml4;

	for (unsigned int s = TOP_SHIFT; s > shift; s -= LEVEL_BITS)
		t = next_table(t, (gpa >> s) & (PT_ENTRIES - 1));
	t[(gpa >> shift) & (PT_ENTRIES - 1)] = hpa | leaf_flags(rights, shift);
}

/* The largest page both addresses are aligned to and that the rest of the range fills. */
static unsigned int best_size(uint64_t gpa, uint64_t hpa, uint64_t left)
{
	for (int i = LEAF_SHIFTS - 1; i > 0; i--) {
		uint64_t sz = 1ULL << leaf_shift[i];

		if (!((gpa | hpa) & (sz - 1)) && left >= sz)
			return (unsigned int)i;
	}
	return 0;
}

void npt_map(uint64_t *pml4, uint64_t gpa, uint64_t hpa, uint64_t size, unsigned int rights,
	     unsigned int pages[3])
{
	while (size) {
		unsigned int i = best_size(gpa, hpa, size);
		uint64_t sz = 1ULL << leaf_shift[i];

		map_page(pml4, gpa, hpa, leaf_shift[i], rights);
		pages[i]++;
		gpa += sz;
		hpa += sz;
		size -= sz;
	}
}
