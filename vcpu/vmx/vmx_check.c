// SPDX-License-Identifier: BSD-2-Clause
// The VM-entry checks on guest state (SDM Vol. 3C, 26.3.1), as text that names the failing rule.

#include <stdbool.h>
#include <stddef.h>

#include "vmx_guest.h"

/* Records the failing check's text: which field, which rule, where the SDM says so. */
#define CC(field, expr, sec)                                      \
	do {                                                      \
		if (!(expr))                                      \
			return field ": " #expr " (SDM " sec ")"; \
	} while (0)

#define TYPE_ACCESSED  1U
#define TYPE_CODE      8U
#define TYPE_READABLE  2U
#define TYPE_RW_DATA   3U /* read/write accessed: an unrestricted guest's real-mode CS */
#define TYPE_RW_DOWN   7U
#define TYPE_LDT       2U
#define TYPE_TSS32_BSY 11U
#define TYPE_TSS16_BSY 3U
#define LIMIT_LOW      0xfffU
#define LIMIT_HIGH     0xfff00000U
#define TABLE_LIMIT    0xffffU
#define RFLAGS_FIXED1  (1ULL << 1)
#define RFLAGS_RSVD    0xffffffffffc08028ULL /* 63:22, 15, 5, 3 */
#define RFLAGS_VM      (1ULL << 17)
#define PAT_ENTRIES    8
#define PAT_VALID      0xf3U /* types 0, 1, 4, 5, 6, 7 (SDM 11.12.2) */

static bool fixed_ok(uint64_t v, uint64_t fixed0, uint64_t fixed1)
{
	return (v & fixed0) == fixed0 && !(v & ~fixed1);
}

/* G must be 1 when the limit exceeds 1 MiB and 0 when its low 12 bits are not all ones. */
static bool limit_ok(const struct vmx_seg_state *s)
{
	bool g = s->ar & AR_G;

	return (g || !(s->limit & LIMIT_HIGH)) && (!g || (s->limit & LIMIT_LOW) == LIMIT_LOW);
}

static bool pat_ok(uint64_t pat)
{
	for (int i = 0; i < PAT_ENTRIES; i++) {
		unsigned int t = (pat >> (i * 8)) & 0xffU;

		if (t > 7 || !(PAT_VALID & (1U << t)))
			return false;
	}
	return true;
}

static const char *check_control_regs(const struct vmx_guest *g, const struct vmx_fixed *f)
{
	uint64_t f0 = f->cr0_fixed0 & ~(CR0_PE_BIT | CR0_PG_BIT);

	CC("guest CR0", fixed_ok(g->cr0, f0, f->cr0_fixed1), "26.3.1.1, A.7");
	CC("guest CR0", !(g->cr0 & CR0_PG_BIT) || (g->cr0 & CR0_PE_BIT), "26.3.1.1");
	CC("guest CR4", fixed_ok(g->cr4, f->cr4_fixed0, f->cr4_fixed1), "26.3.1.1, A.8");
	CC("guest CR0/CR4", !g->ia32e || ((g->cr0 & CR0_PG_BIT) && (g->cr4 & CR4_PAE_BIT)),
	   "26.3.1.1");
	CC("guest CR4", g->ia32e || !(g->cr4 & CR4_PCIDE_BIT), "26.3.1.1");
	CC("guest DR7", !(g->dr7 >> 32), "26.3.1.1");
	CC("guest IA32_PAT", pat_ok(g->pat), "26.3.1.1");
	CC("guest IA32_EFER", !!(g->efer & EFER_LMA_BIT) == g->ia32e, "26.3.1.1");
	CC("guest IA32_EFER", !(g->cr0 & CR0_PG_BIT) || !!(g->efer & EFER_LME_BIT) == g->ia32e,
	   "26.3.1.1");
	return NULL;
}

static const char *check_cs_ss(const struct vmx_guest *g)
{
	const struct vmx_seg_state *cs = &g->seg[SEG_CS], *ss = &g->seg[SEG_SS];
	unsigned int t = AR_TYPE(cs->ar);

	CC("guest CS access rights", (t & TYPE_CODE && t & TYPE_ACCESSED) || t == TYPE_RW_DATA,
	   "26.3.1.2");
	CC("guest CS access rights", t != TYPE_RW_DATA || AR_DPL(cs->ar) == 0, "26.3.1.2");
	CC("guest CS access rights", (cs->ar & AR_S) && (cs->ar & AR_P), "26.3.1.2");
	CC("guest CS access rights", !(cs->ar & AR_RSVD), "26.3.1.2");
	CC("guest CS access rights", !g->ia32e || !(cs->ar & AR_L) || !(cs->ar & AR_DB),
	   "26.3.1.2");
	CC("guest CS limit", limit_ok(cs), "26.3.1.2");
	if (ss->ar & AR_UNUSABLE)
		return NULL;
	CC("guest SS access rights",
	   AR_TYPE(ss->ar) == TYPE_RW_DATA || AR_TYPE(ss->ar) == TYPE_RW_DOWN, "26.3.1.2");
	CC("guest SS access rights", (g->cr0 & CR0_PE_BIT) || AR_DPL(ss->ar) == 0, "26.3.1.2");
	CC("guest SS limit", limit_ok(ss), "26.3.1.2");
	return NULL;
}

static const char *check_data(const struct vmx_seg_state *s)
{
	unsigned int t = AR_TYPE(s->ar);

	if (s->ar & AR_UNUSABLE)
		return NULL;
	CC("guest data segment access rights", t & TYPE_ACCESSED, "26.3.1.2");
	CC("guest data segment access rights", !(t & TYPE_CODE) || (t & TYPE_READABLE), "26.3.1.2");
	CC("guest data segment access rights", (s->ar & AR_S) && (s->ar & AR_P), "26.3.1.2");
	CC("guest data segment access rights", !(s->ar & AR_RSVD), "26.3.1.2");
	CC("guest data segment limit", limit_ok(s), "26.3.1.2");
	return NULL;
}

static const char *check_system_segs(const struct vmx_guest *g)
{
	const struct vmx_seg_state *tr = &g->seg[SEG_TR], *ldtr = &g->seg[SEG_LDTR];
	unsigned int t = AR_TYPE(tr->ar);

	CC("guest TR selector", !(tr->sel & 4), "26.3.1.2");
	CC("guest TR access rights", t == TYPE_TSS32_BSY || (!g->ia32e && t == TYPE_TSS16_BSY),
	   "26.3.1.2");
	CC("guest TR access rights", !(tr->ar & (AR_S | AR_UNUSABLE)) && (tr->ar & AR_P),
	   "26.3.1.2");
	CC("guest TR limit", limit_ok(tr), "26.3.1.2");
	if (ldtr->ar & AR_UNUSABLE)
		return NULL;
	CC("guest LDTR access rights",
	   AR_TYPE(ldtr->ar) == TYPE_LDT && !(ldtr->ar & AR_S) && (ldtr->ar & AR_P), "26.3.1.2");
	return NULL;
}

static const char *check_rest(const struct vmx_guest *g)
{
	bool cs_l = g->seg[SEG_CS].ar & AR_L;

	CC("guest GDTR limit", g->gdtr_limit <= TABLE_LIMIT, "26.3.1.3");
	CC("guest IDTR limit", g->idtr_limit <= TABLE_LIMIT, "26.3.1.3");
	CC("guest RIP", (g->ia32e && cs_l) || !(g->rip >> 32), "26.3.1.4");
	CC("guest RFLAGS", (g->rflags & RFLAGS_FIXED1) && !(g->rflags & RFLAGS_RSVD), "26.3.1.4");
	CC("guest RFLAGS", !(g->rflags & RFLAGS_VM) || (!g->ia32e && (g->cr0 & CR0_PE_BIT)),
	   "26.3.1.4");
	return NULL;
}

const char *vmx_guest_check(const struct vmx_guest *g, const struct vmx_fixed *f)
{
	static const enum vmx_seg data[] = {SEG_DS, SEG_ES, SEG_FS, SEG_GS};
	const char *why = check_control_regs(g, f);

	if (!why)
		why = check_cs_ss(g);
	for (size_t i = 0; !why && i < sizeof(data) / sizeof(data[0]); i++)
		why = check_data(&g->seg[data[i]]);
	if (!why)
		why = check_system_segs(g);
	return why ? why : check_rest(g);
}
