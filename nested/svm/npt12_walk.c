// SPDX-License-Identifier: BSD-2-Clause
// The walk of L1's nested page table (APM Vol. 2, 15.25.5): long-mode format, 4 or 5 levels.

#include <stddef.h>

#include "npt12.h"

#define E_P	    (1ULL << 0)
#define E_W	    (1ULL << 1)
#define E_U	    (1ULL << 2)
#define E_A	    (1ULL << 5)
#define E_D	    (1ULL << 6)
#define E_PS	    (1ULL << 7)
#define E_G	    (1ULL << 8)
#define E_NX	    (1ULL << 63)
#define ADDR_TOP    52 /* the long-mode format holds addresses up to bit 51 */
#define LARGE_LOW   13 /* a large leaf's reserved bits start above its PAT bit (12) */
#define E_ADDR	    0x000ffffffffff000ULL
#define PML4_SHIFT  39
#define PML5_SHIFT  48
#define LEVEL_BITS  9
#define PAGE_SHIFT4 12
#define IDX_MASK    0x1ffULL
#define PDPT_SHIFT  30 /* 1 GiB leaves */
#define PD_SHIFT    21 /* 2 MiB leaves */

static void mark(uint64_t *e, bool writable, uint64_t bits)
{
	if (writable && (*e & bits) != bits)
		__atomic_fetch_or(e, bits, __ATOMIC_RELAXED);
}

static bool fail(struct npt12_result *r, bool present)
{
	r->present = present;
	return false;
}

static uint64_t bits_from(unsigned int lo, unsigned int hi)
{
	return lo > hi ? 0 : (~0ULL >> (63 - hi)) & ~((1ULL << lo) - 1);
}

/* The bits of an entry at level @shift that must be zero (APM Vol. 2 5.3.3, figures 5-17 to
 * 5-22; AMD reserves bit 8 of non-leaf PML4Es and PDPEs). */
static uint64_t reserved(const struct npt12_env *env, unsigned int shift, bool leaf)
{
	uint64_t r = env->phys_bits < ADDR_TOP ? bits_from(env->phys_bits, ADDR_TOP - 1) : 0;

	if (!env->nxe)
		r |= E_NX;
	if (shift >= PML4_SHIFT)
		return r | E_PS | E_G;
	if (leaf && shift > PAGE_SHIFT4)
		return r | bits_from(LARGE_LOW, shift - 1);
	return shift == PDPT_SHIFT ? r | E_G : r;
}

/* The walk is over: are the rights of every level enough for the access? */
static bool allowed(struct npt12_result *r, bool user, bool write, bool fetch)
{
	if (!user || (write && !r->writable) || (fetch && !r->executable))
		return fail(r, true);
	return true;
}

bool npt12_walk(uint64_t ncr3, uint64_t gpa2, bool write, bool fetch, const struct npt12_env *env,
		struct npt12_result *r)
{
	uint64_t table = ncr3 & E_ADDR;
	bool user = true;

	*r = (struct npt12_result){.writable = true, .executable = true};
	for (unsigned int shift = env->la57 ? PML5_SHIFT : PML4_SHIFT; shift >= PAGE_SHIFT4;
	     shift -= LEVEL_BITS) {
		bool wr = false;
		uint64_t *e = env->entry(
		    env->ctx, table + ((gpa2 >> shift) & IDX_MASK) * sizeof(uint64_t), &wr);
		uint64_t v = e ? __atomic_load_n(e, __ATOMIC_RELAXED) : 0;
		bool leaf = shift == PAGE_SHIFT4 ||
			    ((shift == PDPT_SHIFT || shift == PD_SHIFT) && (v & E_PS));

		if (!(v & E_P))
			return fail(r, false);
		if (v & reserved(env, shift, leaf)) {
			r->rsvd = true;
			return fail(r, true);
		}
		r->writable &= !!(v & E_W);
		r->executable &= !(v & E_NX);
		user &= !!(v & E_U);
		mark(e, wr, E_A);
		if (!leaf) {
			table = v & E_ADDR;
			continue;
		}
		if (!allowed(r, user, write, fetch))
			return false;
		if (write)
			mark(e, wr, E_D);
		r->dirty = write || (v & E_D);
		r->gpa1 = ((v & E_ADDR) & ~((1ULL << shift) - 1)) |
			  (gpa2 & ((1ULL << shift) - 1) & ~(NPT12_PAGE - 1));
		return true;
	}
	return fail(r, false);
}
