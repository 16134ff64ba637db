// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the host-state area (SDM Vol. 3C, 26.2.2 to 26.2.4): the state L1 gets
// back on every exit from L2 must be one the CPU could load.

#include "vmcs12_checks.h"

#define SEL_RPL_TI 7U /* bits 2:0 of a selector */
#define HIGH32(x)  ((x) >> 32)

static bool host_64(const struct vmcs12 *v)
{
	return v->exit_ctls & EXIT_HOST_64;
}

/* 26.2.2: CR0 and CR4 as IA32_VMX_CR{0,4}_FIXED{0,1} say; CR3 within MAXPHYADDR; the
 * SYSENTER targets canonical. */
static const char *check_host_crs(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.2", (v->host_cr0 & env->cr0_fixed0) != env->cr0_fixed0);
	CC("26.2.2", v->host_cr0 & ~env->cr0_fixed1);
	CC("26.2.2", (v->host_cr4 & env->cr4_fixed0) != env->cr4_fixed0);
	CC("26.2.2", v->host_cr4 & ~env->cr4_fixed1);
	CC("26.2.2", !pa_ok(v->host_cr3, env));
	CC("26.2.2", !vmcs12_canonical(v->host_sysenter_esp, env));
	CC("26.2.2", !vmcs12_canonical(v->host_sysenter_eip, env));
	return NULL;
}

/* 26.2.2: a loaded PAT has valid types; a loaded EFER no reserved bits, and LMA and LME
 * equal to "host address-space size". */
static const char *check_host_msrs(const struct vmcs12 *v)
{
	bool load_efer = v->exit_ctls & EXIT_LOAD_EFER;
	uint64_t efer = v->host_efer;

	CC("26.2.2", (v->exit_ctls & EXIT_LOAD_PAT) && !vmcs12_pat_ok(v->host_pat));
	CC("26.2.2", load_efer && (efer & ~EFER_VALID));
	CC("26.2.2", load_efer && !(efer & EFER_LMA) != !host_64(v));
	CC("26.2.2", load_efer && !(efer & EFER_LME) != !host_64(v));
	return NULL;
}

/* 26.2.3: RPL and TI of every host selector 0; CS and TR not null; SS not null unless the
 * host is 64-bit. */
static const char *check_host_sels(const struct vmcs12 *v)
{
	CC("26.2.3", (v->host_es_sel | v->host_cs_sel | v->host_ss_sel | v->host_ds_sel |
		      v->host_fs_sel | v->host_gs_sel | v->host_tr_sel) &
			 SEL_RPL_TI);
	CC("26.2.3", v->host_cs_sel == 0);
	CC("26.2.3", v->host_tr_sel == 0);
	CC("26.2.3", v->host_ss_sel == 0 && !host_64(v));
	return NULL;
}

/* 26.2.3: the host's FS, GS, TR, GDTR and IDTR bases canonical. */
static const char *check_host_bases(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.3", !vmcs12_canonical(v->host_fs_base, env));
	CC("26.2.3", !vmcs12_canonical(v->host_gs_base, env));
	CC("26.2.3", !vmcs12_canonical(v->host_tr_base, env));
	CC("26.2.3", !vmcs12_canonical(v->host_gdtr_base, env));
	CC("26.2.3", !vmcs12_canonical(v->host_idtr_base, env));
	return NULL;
}

/* 26.2.4: "host address-space size" follows L1's own mode (so a 32-bit host never has an
 * IA-32e guest); a 64-bit host has PAE and a canonical RIP, a 32-bit one no PCIDE and RIP
 * below 4 GiB. */
static const char *check_host_mode(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.4", !env->l1_ia32e && ia32e_guest(v));
	CC("26.2.4", !env->l1_ia32e && host_64(v));
	CC("26.2.4", env->l1_ia32e && !host_64(v));
	CC("26.2.4", !host_64(v) && (v->host_cr4 & CR4_PCIDE));
	CC("26.2.4", !host_64(v) && HIGH32(v->host_rip) != 0);
	CC("26.2.4", host_64(v) && !(v->host_cr4 & CR4_PAE));
	CC("26.2.4", host_64(v) && !vmcs12_canonical(v->host_rip, env));
	return NULL;
}

const char *vmcs12_check_host(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = check_host_crs(v, env)) || (why = check_host_msrs(v)) ||
	    (why = check_host_sels(v)) || (why = check_host_bases(v, env)) ||
	    (why = check_host_mode(v, env)))
		return why;
	return NULL;
}
