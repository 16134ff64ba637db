// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the guest's non-register state (SDM Vol. 3C, 26.3.1.5): activity,
// interruptibility, pending debug exceptions, the VMCS link pointer; then the PDPTEs (26.3.1.6).

#include "vmcs12_checks.h"

#define VEC_DB		 1U
#define VEC_MC		 18U
#define PDPTE_P		 1ULL
#define PDPTE_RSVD	 0x1e6ULL /* bits 8:5 and 2:1 */
#define PAGE_OFFSET_MASK 0xfffULL

static bool injecting(const struct vmcs12 *v, uint32_t type)
{
	return (v->entry_intr_info & INTR_INFO_VALID) &&
	       (v->entry_intr_info & INTR_INFO_TYPE_MASK) == type;
}

static bool injecting_exc(const struct vmcs12 *v, uint32_t vector)
{
	return injecting(v, INTR_TYPE_HW_EXC) && (v->entry_intr_info & INTR_INFO_VECTOR) == vector;
}

/* Whether the event being injected can wake a CPU from @act (26.3.1.5): HLT wakes
 * on interrupts, NMIs, #DB, #MC and MTF; shutdown on NMIs and #MC; wait-for-SIPI on nothing. */
static bool event_fits_activity(const struct vmcs12 *v, uint32_t act)
{
	if (!(v->entry_intr_info & INTR_INFO_VALID) || act == ACT_ACTIVE)
		return true;
	if (act == ACT_HLT)
		return injecting(v, INTR_TYPE_EXT_INTR) || injecting(v, INTR_TYPE_NMI) ||
		       injecting_exc(v, VEC_DB) || injecting_exc(v, VEC_MC) ||
		       injecting(v, INTR_TYPE_OTHER);
	if (act == ACT_SHUTDOWN)
		return injecting(v, INTR_TYPE_NMI) || injecting_exc(v, VEC_MC);
	return false;
}

/* 26.3.1.5: an activity state IA32_VMX_MISC offers; HLT only at DPL 0; not blocked by STI or
 * MOV SS unless active; an injected event the state can take. */
static const char *check_activity(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint32_t act = v->guest_activity;
	uint64_t offered = (act == ACT_HLT)	    ? MISC_ACT_HLT
			   : (act == ACT_SHUTDOWN)  ? MISC_ACT_SHUTDOWN
			   : (act == ACT_WAIT_SIPI) ? MISC_ACT_SIPI
						    : 0;

	CC("26.3.1.5", act > ACT_WAIT_SIPI);
	CC("26.3.1.5", act != ACT_ACTIVE && !(env->misc & offered));
	CC("26.3.1.5", act == ACT_HLT && AR_DPL(v->guest_ar[SEG_SS]) != 0);
	CC("26.3.1.5",
	   act != ACT_ACTIVE && (v->guest_intr_state & (INTR_BLOCK_STI | INTR_BLOCK_MOV_SS)));
	CC("26.3.1.5", !event_fits_activity(v, act));
	return NULL;
}

/* 26.3.1.5: interruptibility reserved bits clear; STI and MOV SS blocking not both, STI
 * blocking only with IF; the blocking an injected interrupt or NMI would break; no SMI
 * blocking outside SMM; no virtual-NMI blocking while injecting an NMI. */
static const char *check_interruptibility(const struct vmcs12 *v)
{
	uint32_t is = v->guest_intr_state;
	bool nmi = injecting(v, INTR_TYPE_NMI);

	CC("26.3.1.5", is & INTR_STATE_RSVD);
	CC("26.3.1.5", (is & INTR_BLOCK_STI) && (is & INTR_BLOCK_MOV_SS));
	CC("26.3.1.5", (is & INTR_BLOCK_STI) && !(v->guest_rflags & RFLAGS_IF));
	CC("26.3.1.5",
	   injecting(v, INTR_TYPE_EXT_INTR) && (is & (INTR_BLOCK_STI | INTR_BLOCK_MOV_SS)));
	CC("26.3.1.5", nmi && (is & INTR_BLOCK_MOV_SS));
	CC("26.3.1.5", is & INTR_BLOCK_SMI);
	CC("26.3.1.5", nmi && (v->pin_ctls & PIN_VIRTUAL_NMIS) && (is & INTR_BLOCK_NMI));
	return NULL;
}

/* 26.3.1.5: pending debug exceptions without reserved bits; while blocked or halted, BS is
 * set exactly when single-stepping (TF without BTF) is due. */
static const char *check_pending_dbg(const struct vmcs12 *v)
{
	uint64_t pd = v->guest_pending_dbg;
	bool held = (v->guest_intr_state & (INTR_BLOCK_STI | INTR_BLOCK_MOV_SS)) ||
		    v->guest_activity == ACT_HLT;
	bool step = (v->guest_rflags & RFLAGS_TF) && !(v->guest_debugctl & DEBUGCTL_BTF);

	CC("26.3.1.5", pd & ~PEND_DBG_VALID);
	CC("26.3.1.5", held && step && !(pd & PEND_DBG_BS));
	CC("26.3.1.5", held && !step && (pd & PEND_DBG_BS));
	return NULL;
}

const char *vmcs12_check_guest_state(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = vmcs12_check_guest_rip_rflags(v, env)) || (why = check_activity(v, env)) ||
	    (why = check_interruptibility(v)) || (why = check_pending_dbg(v)))
		return why;
	return NULL;
}

/* The revision word at the link pointer names a VMCS of ours, shadow exactly when
 * "VMCS shadowing" is on. */
static bool link_revision_ok(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool shadowing = proc2_of(v) & PROC2_VMCS_SHADOW;
	uint32_t rev;

	if (!env->read_l1_u32(env->ctx, v->vmcs_link_ptr, &rev))
		return false;
	return (rev & ~VMCS12_SHADOW_BIT) == VMCS12_REVISION &&
	       !(rev & VMCS12_SHADOW_BIT) == !shadowing;
}

/* 26.3.1.5: a link pointer other than all ones is page-aligned, within MAXPHYADDR, not the
 * current VMCS, and names a VMCS region (a shadow one with VMCS shadowing). */
const char *vmcs12_check_link(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint64_t link = v->vmcs_link_ptr;

	if (link == VMCS_LINK_NONE)
		return NULL;
	CC("26.3.1.5", link & PAGE_OFFSET_MASK);
	CC("26.3.1.5", !pa_ok(link, env));
	CC("26.3.1.5", link == env->current_vmcs);
	CC("26.3.1.5", !link_revision_ok(v, env));
	return NULL;
}

/* 26.3.1.6: with EPT, a PAE guest outside IA-32e mode takes its PDPTEs from VMCS12; a present
 * one has no reserved bits. */
const char *vmcs12_check_pdptes(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool pae = (v->guest_cr0 & CR0_PG) && (v->guest_cr4 & CR4_PAE) && !ia32e_guest(v);

	if (!pae || !(proc2_of(v) & PROC2_EPT))
		return NULL;
	for (int i = 0; i < 4; i++) {
		uint64_t e = v->guest_pdpte[i];

		CC("26.3.1.6", (e & PDPTE_P) && ((e & PDPTE_RSVD) || !pa_ok(e, env)));
	}
	return NULL;
}
