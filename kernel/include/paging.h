/* SPDX-License-Identifier: BSD-2-Clause */
/* The hypervisor's own 4-level page tables: identity map, W^X image, uncached device memory. */
#ifndef BULKHEAD_PAGING_H
#define BULKHEAD_PAGING_H

#include <stdint.h>

#include "mb2.h"

#define PTE_P	      (1ULL << 0)
#define PTE_W	      (1ULL << 1)
#define PTE_PWT	      (1ULL << 3)
#define PTE_PCD	      (1ULL << 4)
#define PTE_PS	      (1ULL << 7)
#define PTE_G	      (1ULL << 8)
#define PTE_NX	      (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

#define PT_ENTRIES 512
#define SIZE_2M	   (1ULL << 21)
#define SIZE_1G	   (1ULL << 30)

/* Builds the final tables, switches this CPU to them and points the APs' boot path at them. */
void paging_init(const struct mb2_info *mb);
void paging_unmap_page(uint64_t va);
/* End of the identity map: physical addresses at or above it are not mapped. */
uint64_t paging_mapped_top(void);

#endif
