/* SPDX-License-Identifier: BSD-2-Clause */
/* The shadow table both kinds of nested paging run L2 on (nested/svm/npt12.c, nested/vmx/
 * ept12.c): 4 levels of 4 KiB tables from a fixed pool per vCPU, page 0 the root, filled one
 * leaf at a time and dropped whole, like a TLB. Only the entry bits differ by vendor. */
#ifndef BULKHEAD_NESTED_SHADOW_TABLE_H
#define BULKHEAD_NESTED_SHADOW_TABLE_H

#include <stdbool.h>
#include <stdint.h>

struct shadow_pool {
	uint64_t *pages; /* @npages contiguous pages */
	uint32_t npages, used;
	uint64_t present; /* the bits that make an entry present (P; R|W|X) */
	uint64_t table;	  /* the bits of a non-leaf entry */
};

void shadow_pool_init(struct shadow_pool *p, uint32_t npages, uint64_t present, uint64_t table);
/* Every translation goes: the root is emptied and every other page is free again. */
void shadow_pool_reset(struct shadow_pool *p);
/* Maps the 4 KiB page at @gpa (below 2^48) to the entry @leaf (host address and bits); false
 * when the pool has no page left for a table on the way (the caller resets and retries). */
bool shadow_pool_map(struct shadow_pool *p, uint64_t gpa, uint64_t leaf);

#endif
