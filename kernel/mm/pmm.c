// SPDX-License-Identifier: BSD-2-Clause
// Physical memory range allocator: pure list manipulation, the caller owns the struct pmm.
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pmm.h"

#define PAGE_MASK (PMM_PAGE - 1)
/* Highest page-aligned end a range can have; nothing above it is representable as [base, end). */
#define PMM_TOP (UINT64_MAX & ~PAGE_MASK)

#define FAIL(err, errlen, rc, ...) (((err) ? snprintf((err), (errlen), __VA_ARGS__) : 0), (rc))

static bool wraps(uint64_t base, uint64_t size)
{
	return size > UINT64_MAX - base;
}

/* Largest page-aligned [*b, *e) inside [base, base+size); empty when *b >= *e. */
static void round_inward(uint64_t base, uint64_t size, uint64_t *b, uint64_t *e)
{
	*b = base > PMM_TOP ? PMM_TOP : (base + PAGE_MASK) & ~PAGE_MASK;
	*e = (base + size) & ~PAGE_MASK;
}

/* Smallest page-aligned [*b, *e) covering [base, base+size), clamped to what ranges can hold. */
static void round_outward(uint64_t base, uint64_t size, uint64_t *b, uint64_t *e)
{
	uint64_t end = base + size;

	*b = base & ~PAGE_MASK;
	*e = end > PMM_TOP ? PMM_TOP : (end + PAGE_MASK) & ~PAGE_MASK;
}

static void remove_slot(struct pmm *p, size_t i)
{
	memmove(&p->free[i], &p->free[i + 1], (p->nfree - i - 1) * sizeof(p->free[0]));
	p->nfree--;
}

static void open_slot(struct pmm *p, size_t i)
{
	memmove(&p->free[i + 1], &p->free[i], (p->nfree - i) * sizeof(p->free[0]));
	p->nfree++;
}

/* Insert [b, e) (b < e, aligned), merging with neighbours; refuses any overlap. */
static int insert_range(struct pmm *p, uint64_t b, uint64_t e)
{
	size_t i = 0;
	bool prev, next;

	while (i < p->nfree && p->free[i].base < b)
		i++;
	if ((i > 0 && p->free[i - 1].end > b) || (i < p->nfree && p->free[i].base < e))
		return -EEXIST;
	prev = i > 0 && p->free[i - 1].end == b;
	next = i < p->nfree && p->free[i].base == e;
	if (prev && next) {
		p->free[i - 1].end = p->free[i].end;
		remove_slot(p, i);
	} else if (prev) {
		p->free[i - 1].end = e;
	} else if (next) {
		p->free[i].base = b;
	} else {
		if (p->nfree == PMM_MAX_RANGES)
			return -ENOSPC;
		open_slot(p, i);
		p->free[i] = (struct pmm_range){.base = b, .end = e};
	}
	p->free_bytes += e - b;
	return 0;
}

/* Only a range strictly containing [b, e) needs a new slot; find it before changing anything. */
static bool needs_split(const struct pmm *p, uint64_t b, uint64_t e)
{
	for (size_t i = 0; i < p->nfree; i++)
		if (p->free[i].base < b && p->free[i].end > e)
			return true;
	return false;
}

/* Remove [b, e) from the free list; returns the number of bytes that were free, or -ENOSPC. */
static int carve_range(struct pmm *p, uint64_t b, uint64_t e, uint64_t *removed)
{
	size_t i = 0;

	*removed = 0;
	if (needs_split(p, b, e) && p->nfree == PMM_MAX_RANGES)
		return -ENOSPC;
	while (i < p->nfree) {
		struct pmm_range r = p->free[i];

		if (r.end <= b || r.base >= e) {
			i++;
		} else if (r.base < b && r.end > e) {
			open_slot(p, i);
			p->free[i].end = b;
			p->free[i + 1].base = e;
			*removed += e - b;
			break;
		} else if (r.base < b) {
			p->free[i++].end = b;
			*removed += r.end - b;
		} else if (r.end > e) {
			p->free[i++].base = e;
			*removed += e - r.base;
		} else {
			remove_slot(p, i);
			*removed += r.end - r.base;
		}
	}
	p->free_bytes -= *removed;
	return 0;
}

void pmm_init(struct pmm *p)
{
	memset(p, 0, sizeof(*p));
}

int pmm_add(struct pmm *p, uint64_t base, uint64_t size)
{
	uint64_t b, e;
	int rc;

	if (wraps(base, size))
		return -EINVAL;
	round_inward(base, size, &b, &e);
	if (b >= e)
		return 0;
	rc = insert_range(p, b, e);
	if (!rc)
		p->managed += e - b;
	return rc;
}

int pmm_reserve(struct pmm *p, uint64_t base, uint64_t size)
{
	uint64_t b, e, removed;
	int rc;

	if (wraps(base, size))
		return -EINVAL;
	if (!size)
		return 0;
	round_outward(base, size, &b, &e);
	if (b >= e)
		return 0;
	rc = carve_range(p, b, e, &removed);
	if (!rc)
		p->managed -= removed;
	return rc;
}

/* Firmware maps may list the same RAM twice: add only what is not free yet. */
static int add_union(struct pmm *p, uint64_t base, uint64_t size)
{
	uint64_t b, e, removed;
	int rc;

	round_inward(base, size, &b, &e);
	if (b >= e)
		return 0;
	for (size_t i = 0; i < p->nfree; i++)
		if (p->free[i].base <= b && p->free[i].end >= e)
			return 0;
	rc = carve_range(p, b, e, &removed);
	return rc ? rc : insert_range(p, b, e);
}

static int build_step(struct pmm *p, const struct mem_region *r, bool add, const char *what,
		      size_t idx, char *err, size_t errlen)
{
	uint64_t b, e, removed;
	int rc;

	if (wraps(r->base, r->size))
		return FAIL(err, errlen, -EINVAL, "pmm: %s %u [%#lx, +%#lx) wraps around", what,
			    (unsigned)idx, (unsigned long)r->base, (unsigned long)r->size);
	if (add) {
		rc = add_union(p, r->base, r->size);
	} else {
		round_outward(r->base, r->size, &b, &e);
		rc = r->size && b < e ? carve_range(p, b, e, &removed) : 0;
	}
	if (rc)
		return FAIL(err, errlen, rc,
			    "pmm: range table full (%u ranges) at %s %u [%#lx, +%#lx)",
			    PMM_MAX_RANGES, what, (unsigned)idx, (unsigned long)r->base,
			    (unsigned long)r->size);
	return 0;
}

int pmm_build(struct pmm *p, const struct mem_region *map, size_t n,
	      const struct mem_region *reserved, size_t nres, char *err, size_t errlen)
{
	int rc = 0;

	pmm_init(p);
	if (err && errlen)
		err[0] = '\0';
	for (size_t i = 0; i < n && !rc; i++)
		if (map[i].type == MEM_AVAILABLE)
			rc = build_step(p, &map[i], true, "memory map entry", i, err, errlen);
	for (size_t i = 0; i < n && !rc; i++)
		if (map[i].type != MEM_AVAILABLE)
			rc = build_step(p, &map[i], false, "memory map entry", i, err, errlen);
	for (size_t i = 0; i < nres && !rc; i++)
		rc = build_step(p, &reserved[i], false, "reserved range", i, err, errlen);
	if (rc) {
		pmm_init(p);
		return rc;
	}
	p->managed = p->free_bytes;
	return 0;
}

/* Try to place the block in one free range; PMM_NONE if it does not fit there. */
static uint64_t fit_in(const struct pmm *p, const struct pmm_range *r, uint64_t size,
		       uint64_t align, uint64_t limit)
{
	uint64_t top = r->end < limit ? r->end : limit;
	uint64_t start;

	if (r->base > UINT64_MAX - (align - 1))
		return PMM_NONE;
	start = (r->base + align - 1) & ~(align - 1);
	if (start >= top || top - start < size)
		return PMM_NONE;
	/* A block strictly inside the range splits it, which needs a free slot. */
	if (start > r->base && start + size < r->end && p->nfree == PMM_MAX_RANGES)
		return PMM_NONE;
	return start;
}

uint64_t pmm_alloc(struct pmm *p, uint64_t size, uint64_t align, uint64_t limit)
{
	uint64_t start, removed;

	if (!size || size > PMM_TOP)
		return PMM_NONE;
	size = (size + PAGE_MASK) & ~PAGE_MASK;
	if (align < PMM_PAGE)
		align = PMM_PAGE;
	if (align & (align - 1))
		return PMM_NONE;
	for (size_t i = 0; i < p->nfree && p->free[i].base < limit; i++) {
		start = fit_in(p, &p->free[i], size, align, limit);
		if (start != PMM_NONE && !carve_range(p, start, start + size, &removed))
			return start;
	}
	return PMM_NONE;
}

int pmm_free(struct pmm *p, uint64_t base, uint64_t size)
{
	if ((base | size) & PAGE_MASK || wraps(base, size))
		return -EINVAL;
	if (!size)
		return 0;
	if (size > p->managed - p->free_bytes)
		return -EINVAL;
	return insert_range(p, base, base + size);
}

uint64_t pmm_largest_free(const struct pmm *p)
{
	uint64_t best = 0;

	for (size_t i = 0; i < p->nfree; i++)
		if (p->free[i].end - p->free[i].base > best)
			best = p->free[i].end - p->free[i].base;
	return best;
}
