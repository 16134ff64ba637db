// SPDX-License-Identifier: BSD-2-Clause
// I/O page-table building for both IOMMU kinds: the walk is the same, only the entry bits differ.
#include <errno.h>

#include "io_pgtable.h"

#define PAGE_SHIFT 12
#define LEVEL_BITS 9
#define ENTRIES	   512
#define ADDR_MASK  0x000ffffffffff000ULL

/* VT-d 9.8: read, write, and page size in a leaf above level 1. */
#define VTD_R  (1ULL << 0)
#define VTD_W  (1ULL << 1)
#define VTD_PS (1ULL << 7)

/* AMD IOMMU 2.2.3: present, next level (0 in a leaf of any size), read and write permission. */
#define AMD_PR	     (1ULL << 0)
#define AMD_NL_SHIFT 9
#define AMD_NL_MASK  (7ULL << AMD_NL_SHIFT)
#define AMD_IR	     (1ULL << 61)
#define AMD_IW	     (1ULL << 62)

static unsigned int shift_of(unsigned int level)
{
	return PAGE_SHIFT + LEVEL_BITS * (level - 1);
}

static bool present(const struct iopt *t, uint64_t e)
{
	return t->fmt == IOPT_AMD ? (e & AMD_PR) : (e & (VTD_R | VTD_W));
}

/* A table entry at @level pointing to the table one below. AMD-Vi intersects the permissions
 * of every level (2.2.3), so tables grant both and the leaves decide. */
static uint64_t table_entry(const struct iopt *t, unsigned int level, uint64_t pa)
{
	if (t->fmt == IOPT_AMD)
		return pa | AMD_PR | (uint64_t)(level - 1) << AMD_NL_SHIFT | AMD_IR | AMD_IW;
	return pa | VTD_R | VTD_W;
}

static uint64_t leaf_entry(const struct iopt *t, unsigned int level, uint64_t pa,
			   unsigned int rights)
{
	bool r = rights & (IOPT_R | IOPT_W), w = rights & IOPT_W;

	if (t->fmt == IOPT_AMD)
		return pa | AMD_PR | (r ? AMD_IR : 0) | (w ? AMD_IW : 0);
	return pa | (r ? VTD_R : 0) | (w ? VTD_W : 0) | (level > IOPT_4K ? VTD_PS : 0);
}

/* Whether entry @e at @level is a leaf (a page) rather than a pointer to a table. */
static bool is_leaf(const struct iopt *t, unsigned int level, uint64_t e)
{
	if (level == IOPT_4K)
		return true;
	if (t->fmt == IOPT_AMD)
		return !(e & AMD_NL_MASK);
	return e & VTD_PS;
}

static void rights_of(const struct iopt *t, uint64_t e, unsigned int *rights)
{
	bool r = t->fmt == IOPT_AMD ? e & AMD_IR : e & VTD_R;
	bool w = t->fmt == IOPT_AMD ? e & AMD_IW : e & VTD_W;

	*rights = (r ? IOPT_R : 0) | (w ? IOPT_W : 0);
}

static uint64_t *table_at(const struct iopt *t, uint64_t pa)
{
	return t->mem.virt(t->mem.ctx, pa);
}

static void write_entry(struct iopt *t, uint64_t *slot, uint64_t e)
{
	*slot = e;
	if (t->mem.flush)
		t->mem.flush(t->mem.ctx, slot, sizeof(*slot));
}

int iopt_init(struct iopt *t)
{
	if (t->levels < 2 || t->levels > IOPT_MAX_LEVELS || t->largest < IOPT_4K ||
	    t->largest > IOPT_1G || t->largest >= t->levels || t->addr_bits < shift_of(2) ||
	    t->addr_bits > shift_of(t->levels + 1))
		return -EINVAL;
	t->root = t->mem.alloc(t->mem.ctx);
	return t->root ? 0 : -ENOMEM;
}

/* The table below entry @slot at @level, created when absent; NULL when a leaf is in the way
 * (-EEXIST) or memory ran out (-ENOMEM). */
static uint64_t *descend(struct iopt *t, uint64_t *slot, unsigned int level, int *err)
{
	uint64_t pa;

	if (present(t, *slot)) {
		if (is_leaf(t, level, *slot)) {
			*err = -EEXIST;
			return NULL;
		}
		return table_at(t, *slot & ADDR_MASK);
	}
	pa = t->mem.alloc(t->mem.ctx);
	if (!pa) {
		*err = -ENOMEM;
		return NULL;
	}
	write_entry(t, slot, table_entry(t, level, pa));
	return table_at(t, pa);
}

static int map_leaf(struct iopt *t, uint64_t iova, uint64_t pa, unsigned int leaf,
		    unsigned int rights)
{
	uint64_t *table = table_at(t, t->root);
	int err = 0;

	for (unsigned int level = t->levels; level > leaf; level--) {
		table = descend(t, &table[(iova >> shift_of(level)) & (ENTRIES - 1)], level, &err);
		if (!table)
			return err;
	}
	table += (iova >> shift_of(leaf)) & (ENTRIES - 1);
	if (present(t, *table))
		return -EEXIST;
	write_entry(t, table, leaf_entry(t, leaf, pa, rights));
	t->leaves[leaf]++;
	return 0;
}

/* The highest leaf level (up to t->largest) both addresses are aligned to and the range fills. */
static unsigned int best_leaf(const struct iopt *t, uint64_t iova, uint64_t pa, uint64_t left)
{
	for (unsigned int level = t->largest; level > IOPT_4K; level--) {
		uint64_t sz = 1ULL << shift_of(level);

		if (!((iova | pa) & (sz - 1)) && left >= sz)
			return level;
	}
	return IOPT_4K;
}

int iopt_map(struct iopt *t, uint64_t iova, uint64_t pa, uint64_t size, unsigned int rights)
{
	uint64_t page = 1ULL << PAGE_SHIFT;

	if (!size || ((iova | pa | size) & (page - 1)) || iova + size < iova || pa + size < pa ||
	    !(rights & (IOPT_R | IOPT_W)) || (pa + size - 1) > ADDR_MASK)
		return -EINVAL;
	if (t->addr_bits < 64 && (iova + size - 1) >> t->addr_bits)
		return -EINVAL;
	while (size) {
		unsigned int leaf = best_leaf(t, iova, pa, size);
		uint64_t sz = 1ULL << shift_of(leaf);
		int err = map_leaf(t, iova, pa, leaf, rights);

		if (err)
			return err;
		iova += sz;
		pa += sz;
		size -= sz;
	}
	return 0;
}

bool iopt_lookup(const struct iopt *t, uint64_t iova, uint64_t *pa, unsigned int *rights,
		 unsigned int *level)
{
	const uint64_t *table = table_at(t, t->root);

	if (t->addr_bits < 64 && iova >> t->addr_bits)
		return false;
	for (unsigned int l = t->levels; l >= IOPT_4K; l--) {
		uint64_t e = table[(iova >> shift_of(l)) & (ENTRIES - 1)];

		if (!present(t, e))
			return false;
		if (is_leaf(t, l, e)) {
			*pa = (e & ADDR_MASK) + (iova & ((1ULL << shift_of(l)) - 1));
			rights_of(t, e, rights);
			*level = l;
			return true;
		}
		table = table_at(t, e & ADDR_MASK);
	}
	return false;
}
