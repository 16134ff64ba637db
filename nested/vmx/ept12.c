// SPDX-License-Identifier: BSD-2-Clause
// L2 on L1's EPT: a shadow table, filled on EPT violations, composes EPT12 (L2 -> L1
// physical) with the partition's own map (L1 physical -> host), rules 8 and 10.

#include <string.h>

#include "ept12.h"
#include "layout.h"
#include "mm.h"
#include "nested_vmx.h"
#include "paging.h"

#define SHADOW_TABLE	  EPT12_RWX
#define SHADOW_WB	  (6ULL << 3)
#define SHADOW_ADDR_BITS  48
#define QUAL_ACCESS	  7ULL
#define QUAL_RIGHTS_SHIFT 3
#define QUAL_FROM_CPU	  ((1ULL << 7) | (1ULL << 8) | (1ULL << 12)) /* GLA bits, NMI unblocking */

void ept12_shadow_alloc(struct vmx_nested *n)
{
	shadow_pool_init(&n->shadow, NVMX_SHADOW_PAGES, EPT12_RWX, SHADOW_TABLE);
}

/* Like INVEPT: every translation goes, and the CPU's cached ones with them before L2 runs
 * again (a reset may come from another CPU, or from one outside VMX operation). */
void ept12_shadow_reset(struct vmx_nested *n)
{
	shadow_pool_reset(&n->shadow);
	n->ept_flush = true;
}

void ept12_flush(struct vmx_nested *n)
{
	if (n->ept_flush)
		invept(vmx_caps.invept_type, (uint64_t)n->shadow.pages | NVMX_EPTP_WALK4_WB);
	n->ept_flush = false;
}

static const uint64_t *entry_in_l1(const void *ctx, uint64_t gpa)
{
	return part_gpa_to_hva(ctx, gpa, sizeof(uint64_t), CFG_R);
}

/* The fault is L1's: an EPT violation with the rights its own tables gave (28.2.1), or a
 * misconfiguration; the rest of the exit information is the CPU's for L2's access. */
static bool reflect(struct vcpu *v, const struct ept12_result *r)
{
	struct nvmx_exit x;

	nvmx_exit_from_vmcs02(&x);
	if (r->misconfig) {
		x.reason = EXIT_EPT_MISCONFIG;
		x.qual = 0;
		x.gla = 0;
	} else {
		x.qual = (x.qual & (QUAL_ACCESS | QUAL_FROM_CPU)) | r->rights << QUAL_RIGHTS_SHIFT;
	}
	nested_vmx_vmexit(v, &x);
	return true;
}

/* Shadow rights: EPT12's AND the partition's region (rule 8). */
static uint64_t leaf_rights(struct vcpu *v, const struct ept12_result *r)
{
	uint64_t f = EPT12_R;

	if ((r->rights & EPT12_W) && part_gpa_to_hva(v->part, r->gpa1, PAGE_SIZE, CFG_W))
		f |= EPT12_W;
	if ((r->rights & EPT12_X) && part_gpa_to_hva(v->part, r->gpa1, PAGE_SIZE, CFG_X))
		f |= EPT12_X;
	return f;
}

bool nested_ept12_violation(struct vcpu *v, struct vcpu_exit *e)
{
	struct vmx_nested *n = nvmx(v);
	uint64_t qual = vmread(EXIT_QUALIFICATION), gpa2 = vmread(GUEST_PHYS_ADDR);
	const struct ept12_env env = {
	    .entry = entry_in_l1,
	    .ctx = v->part,
	    .phys_bits = vmx_caps.phys_bits,
	};
	struct ept12_result r;
	uint64_t rights;
	void *hva;

	if (!ept12_walk(n->eptp12, gpa2, &env, &r) || (qual & QUAL_ACCESS & ~r.rights))
		return reflect(v, &r);
	if (gpa2 >> SHADOW_ADDR_BITS) {
		part_fault(v->part, "nested VMX: L2 address beyond the shadow EPT's 48 bits");
		return true;
	}
	hva = part_gpa_to_hva(v->part, r.gpa1, PAGE_SIZE, CFG_R);
	rights = leaf_rights(v, &r);
	if (!hva || (qual & QUAL_ACCESS & ~rights)) {
		/* L1 gave L2 what the partition does not have (or not so): the same access by
		 * L1 itself, at its L1-physical address, is L0's to handle (an emulated device
		 * page, or the partition's fault). */
		e->npf.gpa = r.gpa1 | (gpa2 & (EPT12_PAGE - 1));
		return false;
	}
	if (!shadow_pool_map(&n->shadow, gpa2, (uint64_t)hva | rights | SHADOW_WB)) {
		ept12_shadow_reset(n);
		ept12_flush(n);
		shadow_pool_map(&n->shadow, gpa2, (uint64_t)hva | rights | SHADOW_WB);
	}
	return true;
}
