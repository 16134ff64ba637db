/* SPDX-License-Identifier: BSD-2-Clause */
/* Extended page tables (SDM Vol. 3C, 29.3): entry bits and the builder shared with unit tests. */
#ifndef BULKHEAD_EPT_H
#define BULKHEAD_EPT_H

#include <stdint.h>

#define EPT_R	      (1ULL << 0)
#define EPT_W	      (1ULL << 1)
#define EPT_X	      (1ULL << 2)
#define EPT_MT_SHIFT  3
#define EPT_MT_UC     0ULL /* uncached: passthrough device memory */
#define EPT_MT_WB     6ULL /* write-back (29.3.7); the guest's PAT still applies on top */
#define EPT_LARGE     (1ULL << 7)
#define EPT_ADDR_MASK 0x000ffffffffff000ULL

/* EPTP (24.6.11): memory type of the walk, walk length minus one, the PML4 address. */
#define EPTP_WALK_4 (3ULL << 3)

enum ept_page { EPT_4K, EPT_2M, EPT_1G, EPT_PAGE_SIZES };

/* Maps guest-physical [gpa, gpa + size) to hpa with the largest pages that fit, up to @largest;
 * @rights are CFG_R | CFG_W | CFG_X. Counts the pages of each size in pages[]. */
void ept_map(uint64_t *pml4, uint64_t gpa, uint64_t hpa, uint64_t size, unsigned int rights,
	     enum ept_page largest, unsigned int pages[EPT_PAGE_SIZES]);

#endif
