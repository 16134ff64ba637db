// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the VM-entry control fields (SDM Vol. 3C, 26.2.1.3): the event L1 injects
// into L2, the entry MSR-load list, and the SMM controls.

#include "vmcs12_checks.h"

#define VEC_NMI		2U
#define VEC_DF		8U
#define VEC_TS		10U
#define VEC_NP		11U
#define VEC_SS		12U
#define VEC_GP		13U
#define VEC_PF		14U
#define VEC_AC		17U
#define VEC_LAST_EXC	31U
#define ERROR_CODE_RSVD 0xffff0000U /* bits 31:16 */
#define INSN_LEN_MAX	15U

static uint32_t event_type(const struct vmcs12 *v)
{
	return v->entry_intr_info & INTR_INFO_TYPE_MASK;
}

static uint32_t event_vector(const struct vmcs12 *v)
{
	return v->entry_intr_info & INTR_INFO_VECTOR;
}

/* The exceptions that push an error code (6.13), delivered in protected mode. */
static bool error_code_expected(const struct vmcs12 *v)
{
	uint32_t vec = event_vector(v);
	bool pm = !unrestricted(v) || (v->guest_cr0 & CR0_PE);

	return pm && event_type(v) == INTR_TYPE_HW_EXC &&
	       (vec == VEC_DF || vec == VEC_TS || vec == VEC_NP || vec == VEC_SS || vec == VEC_GP ||
		vec == VEC_PF || vec == VEC_AC);
}

static bool software_event(const struct vmcs12 *v)
{
	uint32_t t = event_type(v);

	return t == INTR_TYPE_SW_INTR || t == INTR_TYPE_PRIV_SW || t == INTR_TYPE_SW_EXC;
}

/* 26.2.1.3: type and vector agree; "other event" only where MTF is offered. */
static const char *check_event_kind(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint32_t t = event_type(v), vec = event_vector(v);
	bool mtf_offered = (env->proc >> 32) & PROC_MTF;

	CC("26.2.1.3", t == INTR_TYPE_RESERVED);
	CC("26.2.1.3", t == INTR_TYPE_OTHER && !mtf_offered);
	CC("26.2.1.3", t == INTR_TYPE_NMI && vec != VEC_NMI);
	CC("26.2.1.3", t == INTR_TYPE_HW_EXC && vec > VEC_LAST_EXC);
	CC("26.2.1.3", t == INTR_TYPE_OTHER && vec != 0);
	return NULL;
}

/* 26.2.1.3: an error code exactly for the exceptions that have one, with bits 31:16 clear;
 * reserved bits 30:12; an instruction length for software events. */
static const char *check_event_details(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool has_error = v->entry_intr_info & INTR_INFO_ERROR;
	uint32_t min_len = (env->misc & MISC_INSN_LEN_0) ? 0 : 1;

	CC("26.2.1.3", has_error != error_code_expected(v));
	CC("26.2.1.3", has_error && (v->entry_exc_error & ERROR_CODE_RSVD));
	CC("26.2.1.3", v->entry_intr_info & INTR_INFO_RESERVED);
	CC("26.2.1.3",
	   software_event(v) && (v->entry_insn_len < min_len || v->entry_insn_len > INSN_LEN_MAX));
	return NULL;
}

/* 26.2.1.3: outside SMM, neither "entry to SMM" nor "deactivate dual-monitor treatment". */
static const char *check_entry_misc(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.1.3", !vmcs12_msr_list_ok(v->entry_msr_load_addr, v->entry_msr_load_count, env));
	CC("26.2.1.3", v->entry_ctls & ENTRY_SMM);
	CC("26.2.1.3", v->entry_ctls & ENTRY_DUAL_MON);
	return NULL;
}

const char *vmcs12_check_events(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((v->entry_intr_info & INTR_INFO_VALID) &&
	    ((why = check_event_kind(v, env)) || (why = check_event_details(v, env))))
		return why;
	return check_entry_misc(v, env);
}
