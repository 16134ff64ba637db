// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks of a VMCS12 (SDM Vol. 3C, 26.2 and 26.3) in the manual's order, and what a
// failure of each group means to L1: VMfailValid 7 or 8, or an entry-failure exit 33.

#include "vmcs12_checks.h"

#define PAT_ENTRIES    8
#define PAT_ENTRY_BITS 8
#define PAT_ENTRY_MASK 0xffULL
#define LA_BITS_4LEVEL 48

bool vmcs12_canonical(uint64_t la, const struct vmcs12_env *env)
{
	unsigned int bits = env->virt_bits ? env->virt_bits : LA_BITS_4LEVEL;
	unsigned int shift = 64 - bits;

	return (uint64_t)((int64_t)(la << shift) >> shift) == la;
}

/* Memory types 2, 3 and above 7 are reserved in every PAT entry (11.12.2). */
bool vmcs12_pat_ok(uint64_t pat)
{
	for (unsigned int i = 0; i < PAT_ENTRIES; i++) {
		uint64_t t = (pat >> (i * PAT_ENTRY_BITS)) & PAT_ENTRY_MASK;

		if (t == 2 || t == 3 || t > 7)
			return false;
	}
	return true;
}

bool vmcs12_page_ok(uint64_t pa, const struct vmcs12_env *env)
{
	return !(pa & (PAGE_4K - 1)) && pa_ok(pa, env) && env->in_l1(env->ctx, pa, PAGE_4K);
}

static void fail_valid(struct vmcs12_fail *out, uint32_t error, const char *rule)
{
	out->kind = VMCS12_FAIL_VALID;
	out->error = error;
	out->rule = rule;
}

static void fail_exit(struct vmcs12_fail *out, uint64_t qual, const char *rule)
{
	out->kind = VMCS12_FAIL_EXIT;
	out->exit_reason = EXIT_BAD_GUEST_STATE;
	out->exit_qual = qual;
	out->rule = rule;
}

/* 26.2: a control or host-state fault is VMfailValid; the VMCS is not touched. */
static bool check_vmfail(const struct vmcs12 *v, const struct vmcs12_env *env,
			 struct vmcs12_fail *out)
{
	const char *why;

	if ((why = vmcs12_check_controls(v, env)) || (why = vmcs12_check_events(v, env))) {
		fail_valid(out, VMX_ERR_ENTRY_CONTROLS, why);
		return true;
	}
	if ((why = vmcs12_check_host(v, env))) {
		fail_valid(out, VMX_ERR_ENTRY_HOST, why);
		return true;
	}
	return false;
}

/* 26.3.1: a guest-state fault is a VM exit whose qualification names the link pointer and
 * the PDPTEs apart from the rest. */
static bool check_guest(const struct vmcs12 *v, const struct vmcs12_env *env,
			struct vmcs12_fail *out)
{
	const char *why;

	if ((why = vmcs12_check_guest_regs(v, env)) || (why = vmcs12_check_guest_segs(v, env)) ||
	    (why = vmcs12_check_guest_state(v, env))) {
		fail_exit(out, 0, why);
		return true;
	}
	if ((why = vmcs12_check_link(v, env))) {
		fail_exit(out, ENTRY_QUAL_LINK, why);
		return true;
	}
	if ((why = vmcs12_check_pdptes(v, env))) {
		fail_exit(out, ENTRY_QUAL_PDPTE, why);
		return true;
	}
	return false;
}

void vmcs12_check_entry(const struct vmcs12 *v, const struct vmcs12_env *env,
			struct vmcs12_fail *out)
{
	*out = (struct vmcs12_fail){.kind = VMCS12_OK};
	if (!check_vmfail(v, env, out))
		check_guest(v, env, out);
}
