/* SPDX-License-Identifier: BSD-2-Clause */
/* L1's EPT (EPT12, SDM Vol. 3C, 29.3): the walk, pure and shared with the host unit tests. */
#ifndef BULKHEAD_NESTED_EPT12_H
#define BULKHEAD_NESTED_EPT12_H

#include <stdbool.h>
#include <stdint.h>

#define EPT12_R	   (1ULL << 0)
#define EPT12_W	   (1ULL << 1)
#define EPT12_X	   (1ULL << 2)
#define EPT12_RWX  (EPT12_R | EPT12_W | EPT12_X)
#define EPT12_PAGE 4096ULL

/* The 8-byte entry at L1-physical @gpa when it lies in L1's readable memory, else NULL. */
typedef const uint64_t *(*ept12_entry_fn)(const void *ctx, uint64_t gpa);

struct ept12_env {
	ept12_entry_fn entry;
	const void *ctx;
	unsigned int phys_bits; /* MAXPHYADDR as L1 sees it */
};

struct ept12_result {
	uint64_t gpa1;	 /* the L1-physical 4 KiB page @gpa2 lies in */
	uint64_t rights; /* EPT12_R/W/X: the AND across every level used (rule 8) */
	bool misconfig;	 /* a reserved bit or memory type: an EPT misconfiguration */
};

/* Walks the 4-level EPT12 at @eptp for L2-physical @gpa2. True: translated (@r->rights may
 * still refuse the access, the caller compares). False: not present on the way (rights say
 * what the levels above allowed, 28.2.1) or misconfigured (29.3.3.1: R clear with W set, X
 * without R (no execute-only is offered), address bits at or above MAXPHYADDR, reserved bits
 * 7:3 of a PML4E, 6:3 of a non-leaf, memory type 2, 3 or 7 in a leaf, the bits under a large
 * page's address), or the table lies outside L1's memory. */
bool ept12_walk(uint64_t eptp, uint64_t gpa2, const struct ept12_env *env, struct ept12_result *r);

#endif
