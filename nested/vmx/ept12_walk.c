// SPDX-License-Identifier: BSD-2-Clause
// The EPT12 walk (SDM Vol. 3C, 29.3.2, 29.3.3): L2-physical to L1-physical through L1's
// tables, read only through the caller's accessor (rule 8).

#include "ept12.h"

#define LEVELS	      4
#define TOP_SHIFT     39
#define LEVEL_BITS    9
#define INDEX_MASK    0x1ffULL
#define LARGE	      (1ULL << 7)
#define MEMTYPE_SHIFT 3
#define MEMTYPE_MASK  7ULL
#define ADDR_MASK     0x000ffffffffff000ULL
#define PML4_RSVD     0xf8ULL /* bits 7:3 */
#define TABLE_RSVD    0x78ULL /* bits 6:3 of a non-leaf PDPTE or PDE */
#define MT_UC	      0
#define MT_WC	      1
#define MT_WT	      4
#define MT_WP	      5
#define MT_WB	      6

static bool memtype_ok(uint64_t e)
{
	uint64_t mt = (e >> MEMTYPE_SHIFT) & MEMTYPE_MASK;

	return mt == MT_UC || mt == MT_WC || mt == MT_WT || mt == MT_WP || mt == MT_WB;
}

/* @level 4 is the PML4E, 1 the PTE. */
static bool misconfigured(uint64_t e, unsigned int level, unsigned int phys_bits)
{
	bool leaf = level == 1 || ((level == 2 || level == 3) && (e & LARGE));
	uint64_t above = phys_bits < 52 ? ADDR_MASK & ~((1ULL << phys_bits) - 1) : 0;

	if ((e & EPT12_W) && !(e & EPT12_R))
		return true;
	if ((e & EPT12_X) && !(e & EPT12_R))
		return true; /* execute-only is not offered (IA32_VMX_EPT_VPID_CAP[0] clear) */
	if (e & above)
		return true;
	if (level == 4)
		return e & (PML4_RSVD | LARGE);
	if (!leaf)
		return e & TABLE_RSVD;
	if (!memtype_ok(e))
		return true;
	if (level > 1) {
		uint64_t page_bits = (1ULL << (12 + LEVEL_BITS * (level - 1))) - 1;

		return e & page_bits & ADDR_MASK;
	}
	return false;
}

bool ept12_walk(uint64_t eptp, uint64_t gpa2, const struct ept12_env *env, struct ept12_result *r)
{
	uint64_t table = eptp & ADDR_MASK;

	r->rights = EPT12_RWX;
	r->misconfig = false;
	for (unsigned int level = LEVELS; level >= 1; level--) {
		unsigned int shift = 12 + LEVEL_BITS * (level - 1);
		const uint64_t *p =
		    env->entry(env->ctx, table + ((gpa2 >> shift) & INDEX_MASK) * 8);
		uint64_t e;

		if (!p) {
			r->rights = 0;
			return false;
		}
		e = *p;
		if (!(e & EPT12_RWX)) {
			r->rights = 0; /* not present: nothing was allowed (28.2.1) */
			return false;
		}
		if (misconfigured(e, level, env->phys_bits)) {
			r->misconfig = true;
			return false;
		}
		r->rights &= e & EPT12_RWX;
		if (level == 1 || (e & LARGE)) {
			uint64_t page = (1ULL << shift) - 1;

			r->gpa1 = ((e & ADDR_MASK & ~page) | (gpa2 & page)) & ~(EPT12_PAGE - 1);
			return true;
		}
		table = e & ADDR_MASK;
	}
	return false;
}
