/* SPDX-License-Identifier: BSD-2-Clause */
/* The hypervisor's memory: the page allocator fed from the boot memory map, and its page tables. */
#ifndef BULKHEAD_MM_H
#define BULKHEAD_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "mb2.h"

#define MM_LOW_LIMIT (1ULL << 20) /* real-mode reachable: the AP trampoline */
#define MM_4G	     (1ULL << 32)

/* The hypervisor identity-maps physical memory; the barrier keeps the compiler from reasoning
 * about small constant addresses as if they were objects. */
static inline void *phys_to_virt(uint64_t pa)
{
	void *p;

	asm("" : "=r"(p) : "0"(pa));
	return p;
}

void mm_init(const struct mb2_info *mb);

/* Zeroed, physically contiguous, identity-mapped; panics when memory is exhausted. */
void *page_alloc(uint64_t size, uint64_t align);
void *page_alloc_below(uint64_t size, uint64_t align, uint64_t limit);
void page_free(void *p, uint64_t size);
/* Exactly [base, base + size), zeroed, when all of it is free (fixed placements); else NULL. */
void *page_claim(uint64_t base, uint64_t size);

/* Never hands out what of [base, base + size) is still free (whole pages; what is not free RAM
 * is skipped): a description's /reserved range. False if the range wraps or the table is full. */
bool page_withhold(uint64_t base, uint64_t size);

/* One page below 1 MiB, set aside before anything else could take the low memory. */
uint64_t mm_trampoline_page(void);

#endif
