// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the guest's control registers, debug registers and MSRs (SDM Vol. 3C,
// 26.3.1.1), and on its RIP and RFLAGS (26.3.1.4).

#include "vmcs12_checks.h"

#define DR7_HIGH      0xffffffff00000000ULL
#define RFLAGS_FIXED1 (1ULL << 1)
#define RFLAGS_RSVD   0xffffffffffc08028ULL /* bits 63:22, 15, 5, 3 */
#define HIGH32(x)     ((x) >> 32)

/* 26.3.1.1: CR0 and CR4 as the fixed MSRs say, except that an unrestricted guest may run
 * with paging or protection off; paging needs protection. */
static const char *check_guest_cr0_cr4(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint64_t fixed0 = env->cr0_fixed0;

	if (unrestricted(v))
		fixed0 &= ~(CR0_PE | CR0_PG);
	CC("26.3.1.1", (v->guest_cr0 & fixed0) != fixed0);
	CC("26.3.1.1", v->guest_cr0 & ~env->cr0_fixed1);
	CC("26.3.1.1", (v->guest_cr0 & CR0_PG) && !(v->guest_cr0 & CR0_PE));
	CC("26.3.1.1", (v->guest_cr4 & env->cr4_fixed0) != env->cr4_fixed0);
	CC("26.3.1.1", v->guest_cr4 & ~env->cr4_fixed1);
	return NULL;
}

/* 26.3.1.1: an IA-32e guest pages with PAE; any other has no PCIDE; CR3 within MAXPHYADDR. */
static const char *check_guest_mode(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.3.1.1", ia32e_guest(v) && !(v->guest_cr0 & CR0_PG));
	CC("26.3.1.1", ia32e_guest(v) && !(v->guest_cr4 & CR4_PAE));
	CC("26.3.1.1", !ia32e_guest(v) && (v->guest_cr4 & CR4_PCIDE));
	CC("26.3.1.1", !pa_ok(v->guest_cr3, env));
	return NULL;
}

/* 26.3.1.1: loaded debug controls have no reserved DEBUGCTL bits and DR7[63:32] clear; the
 * SYSENTER targets are canonical. */
static const char *check_guest_debug(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool load = v->entry_ctls & ENTRY_LOAD_DEBUG;

	CC("26.3.1.1", load && (v->guest_debugctl & DEBUGCTL_RESERVED));
	CC("26.3.1.1", load && (v->guest_dr7 & DR7_HIGH));
	CC("26.3.1.1", !vmcs12_canonical(v->guest_sysenter_esp, env));
	CC("26.3.1.1", !vmcs12_canonical(v->guest_sysenter_eip, env));
	return NULL;
}

/* 26.3.1.1: a loaded PAT has valid types; a loaded EFER no reserved bits, LMA equal to
 * "IA-32e mode guest", and LME too when the guest pages. */
static const char *check_guest_msrs(const struct vmcs12 *v)
{
	bool load_efer = v->entry_ctls & ENTRY_LOAD_EFER;
	uint64_t efer = v->guest_efer;

	CC("26.3.1.1", (v->entry_ctls & ENTRY_LOAD_PAT) && !vmcs12_pat_ok(v->guest_pat));
	CC("26.3.1.1", load_efer && (efer & ~EFER_VALID));
	CC("26.3.1.1", load_efer && !(efer & EFER_LMA) != !ia32e_guest(v));
	CC("26.3.1.1",
	   load_efer && (v->guest_cr0 & CR0_PG) && !(efer & EFER_LME) != !ia32e_guest(v));
	return NULL;
}

const char *vmcs12_check_guest_regs(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = check_guest_cr0_cr4(v, env)) || (why = check_guest_mode(v, env)) ||
	    (why = check_guest_debug(v, env)) || (why = check_guest_msrs(v)))
		return why;
	return NULL;
}

/* 26.3.1.4: RIP fits the mode the guest starts in: canonical in 64-bit code, else 32 bits. */
static const char *check_guest_rip(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool code64 = ia32e_guest(v) && (v->guest_ar[SEG_CS] & AR_L);

	CC("26.3.1.4", !code64 && HIGH32(v->guest_rip) != 0);
	CC("26.3.1.4", code64 && !vmcs12_canonical(v->guest_rip, env));
	return NULL;
}

/* 26.3.1.4: RFLAGS reserved bits clear and bit 1 set; no virtual-8086 mode in IA-32e mode or
 * without protection; IF set to take an injected external interrupt. */
static const char *check_guest_rflags(const struct vmcs12 *v)
{
	uint64_t rf = v->guest_rflags;
	bool ext_intr = (v->entry_intr_info & INTR_INFO_VALID) &&
			(v->entry_intr_info & INTR_INFO_TYPE_MASK) == INTR_TYPE_EXT_INTR;

	CC("26.3.1.4", rf & RFLAGS_RSVD);
	CC("26.3.1.4", !(rf & RFLAGS_FIXED1));
	CC("26.3.1.4", (rf & RFLAGS_VM) && (ia32e_guest(v) || !(v->guest_cr0 & CR0_PE)));
	CC("26.3.1.4", ext_intr && !(rf & RFLAGS_IF));
	return NULL;
}

const char *vmcs12_check_guest_rip_rflags(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = check_guest_rip(v, env)) || (why = check_guest_rflags(v)))
		return why;
	return NULL;
}
