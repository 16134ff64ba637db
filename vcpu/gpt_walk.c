// SPDX-License-Identifier: BSD-2-Clause
// Guest page-table walk for the MMIO decoder: 32-bit, PAE, 4- and 5-level paging, with rights checks.

#include "gpt_walk.h"

#include <stddef.h>

/* Control bits (SDM Vol. 3A 2.5, 4.1; APM Vol. 2 3.1). */
#define CR0_WP	 (1ULL << 16)
#define CR0_PG	 (1ULL << 31)
#define CR4_PSE	 (1ULL << 4)
#define CR4_PAE	 (1ULL << 5)
#define CR4_LA57 (1ULL << 12)
#define CR4_SMEP (1ULL << 20)
#define EFER_LMA (1ULL << 10)
#define EFER_NXE (1ULL << 11)

/* Paging-structure entry bits (SDM Vol. 3A 4.3-4.5, tables 4-4 to 4-20). */
#define GPTE_P	       (1ULL << 0)
#define GPTE_RW	       (1ULL << 1)
#define GPTE_US	       (1ULL << 2)
#define GPTE_PS	       (1ULL << 7)
#define GPTE_NX	       (1ULL << 63)
#define GPTE_ADDR32    0xfffff000ULL
#define GPTE_ADDR64    0x000ffffffffff000ULL
#define PDE4M_ADDR     0xffc00000ULL
#define PDE4M_HI_SHIFT 13 /* PSE-36: physical address bits 39:32 sit in PDE bits 20:13 */
#define PDE4M_HI_MASK  0xffULL
#define PDE4M_RSVD     (1ULL << 21)
#define PDPTE_PAE_RSVD 0x1e6ULL /* bits 1, 2 and 8:5 of a PAE PDPTE (table 4-8) */
#define PAE_CR3_MASK   0xffffffe0ULL
#define LARGE_RSVD_LOW 13 /* large-page reserved bits start above the PAT bit (12) */
#define PAGE_SHIFT     12
#define CANONICAL_BITS 48
#define CANONICAL_LA57 57
#define GPT_MAX_LEVELS 5

struct gpt_mode {
	unsigned int levels, entry_size;
	uint8_t shift[GPT_MAX_LEVELS], bits[GPT_MAX_LEVELS];
};

static const struct gpt_mode mode_32 = {2, 4, {22, 12}, {10, 10}};
static const struct gpt_mode mode_pae = {3, 8, {30, 21, 12}, {2, 9, 9}};
static const struct gpt_mode mode_long = {4, 8, {39, 30, 21, 12}, {9, 9, 9, 9}};
static const struct gpt_mode mode_la57 = {5, 8, {48, 39, 30, 21, 12}, {9, 9, 9, 9, 9}};

/* What the walk gathered on its way down: rights are the AND (NX the OR) of all levels. */
struct walk {
	const struct gpt_ctx *c;
	const struct gpt_mode *m;
	bool writable, user, nx;
};

static bool long_mode(const struct gpt_ctx *c)
{
	return c->efer & EFER_LMA;
}

static bool nx_enabled(const struct gpt_ctx *c)
{
	return (c->cr4 & CR4_PAE) && (c->efer & EFER_NXE);
}

/* Whether the entry translating bits above @shift may map a page rather than a table. */
static bool large_allowed(const struct walk *w, unsigned int shift)
{
	if (w->m == &mode_32)
		return shift == 22 && (w->c->cr4 & CR4_PSE);
	return shift == 21 || (w->m != &mode_pae && shift == 30);
}

/* Reserved bits the walker checks in every entry (SDM 4.4.2 and 4.5.4). */
static bool entry_reserved(const struct walk *w, uint64_t e, unsigned int shift)
{
	if (w->m == &mode_pae && shift == 30)
		return e & (PDPTE_PAE_RSVD | GPTE_NX);
	if (w->m != &mode_32 && (e & GPTE_NX) && !nx_enabled(w->c))
		return true;
	/* PS is the PAT bit in a PTE and ignored in a 32-bit PDE without CR4.PSE; a PML5E or
	 * PML4E must not have it (SDM tables 4-14 and 4-15). */
	return w->m != &mode_32 && shift >= 39 && (e & GPTE_PS);
}

static uint64_t large_frame(const struct walk *w, uint64_t e, unsigned int shift,
			    enum gpt_result *r)
{
	uint64_t rsvd;

	if (w->m == &mode_32) {
		if (e & PDE4M_RSVD)
			*r = GPT_RESERVED;
		return (e & PDE4M_ADDR) | (((e >> PDE4M_HI_SHIFT) & PDE4M_HI_MASK) << 32);
	}
	rsvd = ((1ULL << shift) - 1) & ~((1ULL << LARGE_RSVD_LOW) - 1);
	if (e & rsvd)
		*r = GPT_RESERVED;
	return e & GPTE_ADDR64 & ~((1ULL << shift) - 1);
}

static enum gpt_result check_rights(const struct walk *w, enum gpt_access access)
{
	bool user_access = w->c->cpl == 3;

	if (user_access && !w->user)
		return GPT_PROTECTION;
	if (access == GPT_WRITE && !w->writable && (user_access || (w->c->cr0 & CR0_WP)))
		return GPT_PROTECTION;
	if (access == GPT_FETCH && w->nx)
		return GPT_PROTECTION;
	if (access == GPT_FETCH && !user_access && w->user && (w->c->cr4 & CR4_SMEP))
		return GPT_PROTECTION;
	return GPT_OK;
}

static void gather(struct walk *w, uint64_t e, unsigned int shift)
{
	if (w->m == &mode_pae && shift == 30)
		return; /* PAE PDPTEs carry no rights (SDM table 4-8) */
	w->writable = w->writable && (e & GPTE_RW);
	w->user = w->user && (e & GPTE_US);
	w->nx = w->nx || (nx_enabled(w->c) && (e & GPTE_NX));
}

static enum gpt_result walk_tables(struct walk *w, uint64_t gla, enum gpt_access access,
				   uint64_t *gpa)
{
	uint64_t table = w->m == &mode_pae  ? (w->c->cr3 & PAE_CR3_MASK)
			 : w->m == &mode_32 ? (w->c->cr3 & GPTE_ADDR32)
					    : (w->c->cr3 & GPTE_ADDR64);
	uint64_t addr_mask = w->m->entry_size == 4 ? GPTE_ADDR32 : GPTE_ADDR64;

	for (unsigned int lvl = 0; lvl < w->m->levels; lvl++) {
		unsigned int shift = w->m->shift[lvl];
		uint64_t idx = (gla >> shift) & ((1ULL << w->m->bits[lvl]) - 1), e;
		enum gpt_result r = GPT_OK;

		if (!w->c->read(w->c->arg, table + idx * w->m->entry_size, w->m->entry_size, &e))
			return GPT_UNREADABLE;
		if (!(e & GPTE_P))
			return GPT_NOT_PRESENT;
		if (entry_reserved(w, e, shift))
			return GPT_RESERVED;
		gather(w, e, shift);
		if (shift != PAGE_SHIFT && !((e & GPTE_PS) && large_allowed(w, shift))) {
			table = e & addr_mask;
			continue;
		}
		table = shift == PAGE_SHIFT ? (e & addr_mask) : large_frame(w, e, shift, &r);
		if (r != GPT_OK)
			return r;
		r = check_rights(w, access);
		if (r == GPT_OK)
			*gpa = table | (gla & ((1ULL << shift) - 1));
		return r;
	}
	return GPT_NOT_PRESENT; /* not reached: the last level always maps a page */
}

static bool canonical(uint64_t gla, unsigned int bits)
{
	int64_t s = (int64_t)(gla << (64 - bits)) >> (64 - bits);

	return (uint64_t)s == gla;
}

enum gpt_result gpt_walk(const struct gpt_ctx *c, uint64_t gla, enum gpt_access access,
			 uint64_t *gpa)
{
	struct walk w = {.c = c, .writable = true, .user = true, .nx = false};

	if (!long_mode(c))
		gla &= UINT32_MAX; /* legacy and compatibility mode: 32-bit linear addresses */
	if (!(c->cr0 & CR0_PG)) {
		*gpa = gla;
		return GPT_OK;
	}
	if (long_mode(c)) {
		bool la57 = c->cr4 & CR4_LA57;

		if (!canonical(gla, la57 ? CANONICAL_LA57 : CANONICAL_BITS))
			return GPT_NONCANONICAL;
		w.m = la57 ? &mode_la57 : &mode_long;
	} else {
		w.m = (c->cr4 & CR4_PAE) ? &mode_pae : &mode_32;
	}
	return walk_tables(&w, gla, access, gpa);
}

const char *gpt_result_name(enum gpt_result r)
{
	static const char *const names[] = {
	    [GPT_OK] = "ok",
	    [GPT_NOT_PRESENT] = "page not present",
	    [GPT_PROTECTION] = "access not allowed by the page tables",
	    [GPT_RESERVED] = "reserved bit set in a page-table entry",
	    [GPT_NONCANONICAL] = "non-canonical address",
	    [GPT_UNREADABLE] = "page table outside the partition's readable memory",
	};

	return (unsigned int)r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}
