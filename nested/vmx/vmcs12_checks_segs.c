// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the guest's segment registers (SDM Vol. 3C, 26.3.1.2) and descriptor-table
// registers (26.3.1.3).

#include "vmcs12_checks.h"

/* Access rights (24.4.1): the descriptor's type, S, DPL, P, AVL, L, D/B, G, and "unusable". */
#define TYPE_ACCESSED	  1U
#define TYPE_READABLE	  2U
#define TYPE_CODE	  8U
#define TYPE_DATA_RW_A	  3U  /* read/write, accessed: real-mode CS of an unrestricted guest */
#define TYPE_DATA_RW_A_D  7U  /* ... expand-down */
#define TYPE_CODE_NC_A	  9U  /* execute-only, accessed */
#define TYPE_CODE_NC_RA	  11U /* execute/read, accessed */
#define TYPE_CODE_C_A	  13U /* conforming */
#define TYPE_CODE_C_RA	  15U
#define TYPE_LDT	  2U
#define TYPE_TSS16_BUSY	  3U
#define TYPE_TSS_BUSY	  11U
#define TYPE_LAST_NONCONF 11U
#define SEL_RPL(s)	  ((s)&3U)
#define SEL_TI		  4U
#define LIMIT_PAGE_BITS	  0xfffU
#define LIMIT_G_BITS	  0xfff00000U
#define V86_LIMIT	  0xffffU
#define V86_AR		  0xf3U
#define V86_BASE_SHIFT	  4
#define DT_LIMIT_RSVD	  0xffff0000U

static bool usable(const struct vmcs12 *v, int s)
{
	return !(v->guest_ar[s] & AR_UNUSABLE);
}

static bool v86(const struct vmcs12 *v)
{
	return v->guest_rflags & RFLAGS_VM;
}

/* G is 0 unless limit[11:0] are all ones and 1 if any of limit[31:20] is set. */
static bool granularity_ok(const struct vmcs12 *v, int s)
{
	uint32_t lim = v->guest_limit[s];
	bool g = v->guest_ar[s] & AR_G;

	if ((lim & LIMIT_PAGE_BITS) != LIMIT_PAGE_BITS && g)
		return false;
	return !((lim & LIMIT_G_BITS) && !g);
}

/* What every present descriptor has: P set, no reserved AR bits, a G that fits the limit. */
static bool present_ok(const struct vmcs12 *v, int s)
{
	uint32_t ar = v->guest_ar[s];

	return (ar & AR_P) && !(ar & AR_RSVD) && granularity_ok(v, s);
}

/* 26.3.1.2: TR and a usable LDTR come from the GDT; SS.RPL = CS.RPL outside virtual-8086
 * mode unless the guest is unrestricted. */
static const char *check_selectors(const struct vmcs12 *v)
{
	CC("26.3.1.2", v->guest_sel[SEG_TR] & SEL_TI);
	CC("26.3.1.2", usable(v, SEG_LDTR) && (v->guest_sel[SEG_LDTR] & SEL_TI));
	CC("26.3.1.2", !v86(v) && !unrestricted(v) &&
			   SEL_RPL(v->guest_sel[SEG_SS]) != SEL_RPL(v->guest_sel[SEG_CS]));
	return NULL;
}

/* 26.3.1.2: bases canonical (TR, FS, GS, usable LDTR) or 32-bit (CS, usable SS/DS/ES). */
static const char *check_bases(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.3.1.2", !vmcs12_canonical(v->guest_base[SEG_TR], env));
	CC("26.3.1.2", !vmcs12_canonical(v->guest_base[SEG_FS], env));
	CC("26.3.1.2", !vmcs12_canonical(v->guest_base[SEG_GS], env));
	CC("26.3.1.2", usable(v, SEG_LDTR) && !vmcs12_canonical(v->guest_base[SEG_LDTR], env));
	CC("26.3.1.2", (v->guest_base[SEG_CS] >> 32) != 0);
	CC("26.3.1.2", usable(v, SEG_SS) && (v->guest_base[SEG_SS] >> 32) != 0);
	CC("26.3.1.2", usable(v, SEG_DS) && (v->guest_base[SEG_DS] >> 32) != 0);
	CC("26.3.1.2", usable(v, SEG_ES) && (v->guest_base[SEG_ES] >> 32) != 0);
	return NULL;
}

/* 26.3.1.2: in virtual-8086 mode CS, SS, DS, ES, FS and GS are real-mode-like: base
 * selector * 16, limit 0xffff, access rights 0xf3. */
static const char *check_v86_seg(const struct vmcs12 *v, int s)
{
	CC("26.3.1.2", v->guest_base[s] != (uint64_t)v->guest_sel[s] << V86_BASE_SHIFT);
	CC("26.3.1.2", v->guest_limit[s] != V86_LIMIT);
	CC("26.3.1.2", v->guest_ar[s] != V86_AR);
	return NULL;
}

/* 26.3.1.2: CS is accessed code (or read/write data for an unrestricted guest), with a DPL
 * that matches SS as its conformity says, and not both L and D/B in IA-32e mode. */
static const char *check_cs(const struct vmcs12 *v)
{
	uint32_t ar = v->guest_ar[SEG_CS], type = AR_TYPE(ar);
	uint32_t ss_dpl = AR_DPL(v->guest_ar[SEG_SS]);
	bool nonconf = type == TYPE_CODE_NC_A || type == TYPE_CODE_NC_RA;
	bool conf = type == TYPE_CODE_C_A || type == TYPE_CODE_C_RA;

	CC("26.3.1.2", !nonconf && !conf && !(type == TYPE_DATA_RW_A && unrestricted(v)));
	CC("26.3.1.2", !(ar & AR_S));
	CC("26.3.1.2", type == TYPE_DATA_RW_A && AR_DPL(ar) != 0);
	CC("26.3.1.2", nonconf && AR_DPL(ar) != ss_dpl);
	CC("26.3.1.2", conf && AR_DPL(ar) > ss_dpl);
	CC("26.3.1.2", !present_ok(v, SEG_CS));
	CC("26.3.1.2", ia32e_guest(v) && (ar & AR_L) && (ar & AR_DB));
	return NULL;
}

/* 26.3.1.2: a usable SS is writable data; its DPL is its RPL (unless unrestricted) and 0 in
 * real mode or under a data-type CS. */
static const char *check_ss(const struct vmcs12 *v)
{
	uint32_t ar = v->guest_ar[SEG_SS], type = AR_TYPE(ar);
	bool real = AR_TYPE(v->guest_ar[SEG_CS]) == TYPE_DATA_RW_A || !(v->guest_cr0 & CR0_PE);

	CC("26.3.1.2", usable(v, SEG_SS) && type != TYPE_DATA_RW_A && type != TYPE_DATA_RW_A_D);
	CC("26.3.1.2", !unrestricted(v) && AR_DPL(ar) != SEL_RPL(v->guest_sel[SEG_SS]));
	CC("26.3.1.2", real && AR_DPL(ar) != 0);
	CC("26.3.1.2", usable(v, SEG_SS) && !present_ok(v, SEG_SS));
	return NULL;
}

/* 26.3.1.2: a usable DS, ES, FS or GS is accessed, readable if code, a code or data
 * descriptor, with DPL >= RPL unless conforming code or an unrestricted guest. */
static const char *check_data_seg(const struct vmcs12 *v, int s)
{
	uint32_t ar = v->guest_ar[s], type = AR_TYPE(ar);

	if (!usable(v, s))
		return NULL;
	CC("26.3.1.2", !(type & TYPE_ACCESSED));
	CC("26.3.1.2", (type & TYPE_CODE) && !(type & TYPE_READABLE));
	CC("26.3.1.2", !(ar & AR_S));
	CC("26.3.1.2",
	   !unrestricted(v) && type <= TYPE_LAST_NONCONF && AR_DPL(ar) < SEL_RPL(v->guest_sel[s]));
	CC("26.3.1.2", !present_ok(v, s));
	return NULL;
}

/* 26.3.1.2: TR is a usable busy TSS (64-bit in IA-32e mode); a usable LDTR is an LDT. */
static const char *check_system_segs(const struct vmcs12 *v)
{
	uint32_t tr = v->guest_ar[SEG_TR], ldtr = v->guest_ar[SEG_LDTR];

	CC("26.3.1.2", ia32e_guest(v) && AR_TYPE(tr) != TYPE_TSS_BUSY);
	CC("26.3.1.2",
	   !ia32e_guest(v) && AR_TYPE(tr) != TYPE_TSS_BUSY && AR_TYPE(tr) != TYPE_TSS16_BUSY);
	CC("26.3.1.2", tr & (AR_S | AR_UNUSABLE));
	CC("26.3.1.2", !present_ok(v, SEG_TR));
	CC("26.3.1.2", usable(v, SEG_LDTR) && (AR_TYPE(ldtr) != TYPE_LDT || (ldtr & AR_S)));
	CC("26.3.1.2", usable(v, SEG_LDTR) && !present_ok(v, SEG_LDTR));
	return NULL;
}

/* The per-register access-rights rules, real-mode-like in virtual-8086 mode. */
static const char *check_access_rights(const struct vmcs12 *v)
{
	static const int data[] = {SEG_DS, SEG_ES, SEG_FS, SEG_GS};
	static const int v86_segs[] = {SEG_CS, SEG_SS, SEG_DS, SEG_ES, SEG_FS, SEG_GS};
	const char *why;

	if (v86(v)) {
		for (size_t i = 0; i < sizeof(v86_segs) / sizeof(v86_segs[0]); i++)
			if ((why = check_v86_seg(v, v86_segs[i])))
				return why;
		return check_system_segs(v);
	}
	if ((why = check_cs(v)) || (why = check_ss(v)))
		return why;
	for (size_t i = 0; i < sizeof(data) / sizeof(data[0]); i++)
		if ((why = check_data_seg(v, data[i])))
			return why;
	return check_system_segs(v);
}

/* 26.3.1.3: GDTR and IDTR bases canonical, limits at most 0xffff. */
static const char *check_dtables(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.3.1.3", !vmcs12_canonical(v->guest_gdtr_base, env));
	CC("26.3.1.3", !vmcs12_canonical(v->guest_idtr_base, env));
	CC("26.3.1.3", v->guest_gdtr_limit & DT_LIMIT_RSVD);
	CC("26.3.1.3", v->guest_idtr_limit & DT_LIMIT_RSVD);
	return NULL;
}

const char *vmcs12_check_guest_segs(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = check_selectors(v)) || (why = check_bases(v, env)) ||
	    (why = check_access_rights(v)) || (why = check_dtables(v, env)))
		return why;
	return NULL;
}
