// SPDX-License-Identifier: BSD-2-Clause
// Physical memory allocator: a sorted list of free ranges, so huge aligned blocks stay cheap.
#ifndef BULKHEAD_PMM_H
#define BULKHEAD_PMM_H

#include <stddef.h>
#include <stdint.h>

#include "mb2.h"

#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif

#define PMM_PAGE       4096ULL
#define PMM_MAX_RANGES 256
#define PMM_NONE       UINT64_MAX

struct pmm_range {
	uint64_t base, end; /* [base, end), page aligned, sorted, never adjacent (merged) */
};

struct pmm {
	struct pmm_range free[PMM_MAX_RANGES];
	size_t nfree;
	uint64_t managed;    /* bytes handed to the allocator, minus reservations */
	uint64_t free_bytes; /* bytes currently free */
};

void pmm_init(struct pmm *p);

/*
 * Hand RAM to the allocator, rounded inward to whole pages. -EINVAL if base+size wraps, -EEXIST
 * if it overlaps memory that is already free, -ENOSPC if the range table is full.
 */
int pmm_add(struct pmm *p, uint64_t base, uint64_t size);

/*
 * Take [base, base+size), rounded outward to pages, out of the free memory for good (reduces
 * managed). Parts that are not free are ignored. -EINVAL on wrap, -ENOSPC if splitting a range
 * would overflow the table (nothing is changed then).
 */
int pmm_reserve(struct pmm *p, uint64_t base, uint64_t size);

/*
 * (Re)initialise @p from a firmware memory map: the union of every MEM_AVAILABLE region, minus
 * every other region of the map (overlaps happen; reserved wins), minus @reserved (hypervisor
 * image, modules, boot info, page 0...).
 */
int pmm_build(struct pmm *p, const struct mem_region *map, size_t n,
	      const struct mem_region *reserved, size_t nres, char *err, size_t errlen);

/*
 * Lowest-address first fit of @size bytes (rounded up to pages) aligned to @align (a power of
 * two; below PMM_PAGE means PMM_PAGE) lying entirely below @limit (PMM_NONE: no limit).
 * Returns the base or PMM_NONE.
 */
uint64_t pmm_alloc(struct pmm *p, uint64_t size, uint64_t align, uint64_t limit);

/*
 * Return a page-aligned block. -EINVAL if unaligned, wrapping or more than was ever managed,
 * -EEXIST if any of it is already free (double free), -ENOSPC if the table is full.
 */
int pmm_free(struct pmm *p, uint64_t base, uint64_t size);

uint64_t pmm_largest_free(const struct pmm *p);

#endif /* BULKHEAD_PMM_H */
