// SPDX-License-Identifier: BSD-2-Clause
// VMRUN consistency checks (AMD APM Vol. 2, 15.5.1), one function per rule of the manual.

#include "vmcb12_checks.h"

/* Returns the text of the failing rule: a refused VMCB12 says exactly what was wrong. */
#define CC(expr)                      \
	do {                          \
		if (expr)             \
			return #expr; \
	} while (0)

#define CR0_PE	       (1ULL << 0)
#define CR0_NW	       (1ULL << 29)
#define CR0_CD	       (1ULL << 30)
#define CR0_PG	       (1ULL << 31)
#define CR4_PAE	       (1ULL << 5)
#define EFER_LME_B     (1ULL << 8)
#define EFER_SVME_B    (1ULL << 12)
#define HIGH32(x)      ((x) >> 32)
#define VEC_NMI_EXCP   2
#define VEC_LAST_EXC   31
#define PAGE_BYTES     4096ULL
#define IOPM_BYTES     (3 * PAGE_BYTES)
#define MSRPM_BYTES    (2 * PAGE_BYTES)
#define PAT_ENTRIES    8
#define PAT_ENTRY_BITS 8
#define PAT_ENTRY_MASK 0xffULL
#define PAT_RSVD_2     2
#define PAT_RSVD_3     3
#define PAT_TYPE_MAX   7

static bool long_mode(const struct vmcb_save *s)
{
	return (s->efer & EFER_LME_B) && (s->cr0 & CR0_PG);
}

/* 15.5.1: EFER.SVME zero; reserved EFER bits set. */
static const char *check_efer(const struct vmcb_save *s, const struct vmcb12_env *env)
{
	CC(!(s->efer & EFER_SVME_B));
	CC(s->efer & ~env->efer_allowed);
	return NULL;
}

/* 15.5.1: CR0.CD zero with CR0.NW set; CR0[63:32] not zero. */
static const char *check_cr0(const struct vmcb_save *s)
{
	CC(!(s->cr0 & CR0_CD) && (s->cr0 & CR0_NW));
	CC(HIGH32(s->cr0) != 0);
	return NULL;
}

/* 15.5.1: CR3 MBZ bits (above MAXPHYADDR in long mode, above bit 31 otherwise); CR4 MBZ. */
static const char *check_cr3_cr4(const struct vmcb_save *s, const struct vmcb12_env *env)
{
	CC(long_mode(s) && env->phys_bits < 64 && (s->cr3 >> env->phys_bits) != 0);
	CC(!long_mode(s) && HIGH32(s->cr3) != 0);
	CC(s->cr4 & ~env->cr4_allowed);
	return NULL;
}

/* 15.5.1: DR6[63:32] or DR7[63:32] not zero. */
static const char *check_dr(const struct vmcb_save *s)
{
	CC(HIGH32(s->dr6) != 0);
	CC(HIGH32(s->dr7) != 0);
	return NULL;
}

/* 15.5.1: long mode needs PAE and protected mode; a code segment is not both L and D. */
static const char *check_long_mode(const struct vmcb_save *s)
{
	CC(long_mode(s) && !(s->cr4 & CR4_PAE));
	CC(long_mode(s) && !(s->cr0 & CR0_PE));
	CC(long_mode(s) && (s->cr4 & CR4_PAE) && (s->cs.attrib & VMCB_ATTR_L) &&
	   (s->cs.attrib & VMCB_ATTR_DB));
	return NULL;
}

bool vmcb12_event_valid(uint64_t ev)
{
	uint64_t type = (ev & EVENTINJ_TYPE_MASK) >> EVENTINJ_TYPE_SHIFT;
	uint64_t vector = ev & EVENTINJ_VECTOR_MASK;

	if (!(ev & EVENTINJ_VALID))
		return true;
	if (ev & EVENTINJ_RESERVED)
		return false;
	if (type == EVENTINJ_TYPE_EXCP_N)
		return vector != VEC_NMI_EXCP && vector <= VEC_LAST_EXC;
	return type == EVENTINJ_TYPE_INTR || type == EVENTINJ_TYPE_NMI_N ||
	       type == EVENTINJ_TYPE_SOFT_N;
}

/* 15.5.1: VMRUN intercept clear; ASID zero; illegal event injection (15.20). Nested paging
 * asked for while CPUID does not offer it is refused too: Bulkhead cannot honour it. */
static const char *check_control(const struct vmcb_control *c, const struct vmcb12_env *env)
{
	CC(!(c->intercept_misc2 & INTERCEPT_VMRUN));
	CC(c->asid == 0);
	CC(!vmcb12_event_valid(c->event_inj));
	CC(!env->npt_offered && (c->np_control & NP_ENABLE));
	return NULL;
}

/* PAT types 2 and 3 are reserved, as are bits 3-7 of each entry (APM Vol. 2, 7.8.1). */
static bool pat_valid(uint64_t pat)
{
	for (unsigned int i = 0; i < PAT_ENTRIES; i++) {
		uint64_t t = (pat >> (i * PAT_ENTRY_BITS)) & PAT_ENTRY_MASK;

		if (t == PAT_RSVD_2 || t == PAT_RSVD_3 || t > PAT_TYPE_MAX)
			return false;
	}
	return true;
}

/* 15.25.3, 15.25.4: with nested paging, nCR3 within MAXPHYADDR and a valid guest PAT. */
static const char *check_npt(const struct vmcb *v, const struct vmcb12_env *env)
{
	bool np = v->control.np_control & NP_ENABLE;

	CC(np && env->phys_bits < 64 && (v->control.ncr3 >> env->phys_bits) != 0);
	CC(np && !pat_valid(v->save.g_pat));
	return NULL;
}

/* 15.5.1: the MSR and I/O permission maps used must lie in L1's memory (rule 10). */
static const char *check_maps(const struct vmcb_control *c, const struct vmcb12_env *env)
{
	uint64_t iopm = c->iopm_base_pa & VMCB12_MAP_BASE_MASK;
	uint64_t msrpm = c->msrpm_base_pa & VMCB12_MAP_BASE_MASK;

	CC((c->intercept_misc1 & INTERCEPT_IOIO) && !env->in_l1(env->ctx, iopm, IOPM_BYTES));
	CC((c->intercept_misc1 & INTERCEPT_MSR) && !env->in_l1(env->ctx, msrpm, MSRPM_BYTES));
	return NULL;
}

const char *vmcb12_check(const struct vmcb *v12, const struct vmcb12_env *env)
{
	const char *why;

	if ((why = check_efer(&v12->save, env)) || (why = check_cr0(&v12->save)) ||
	    (why = check_cr3_cr4(&v12->save, env)) || (why = check_dr(&v12->save)) ||
	    (why = check_long_mode(&v12->save)) || (why = check_control(&v12->control, env)) ||
	    (why = check_npt(v12, env)) || (why = check_maps(&v12->control, env)))
		return why;
	return NULL;
}
