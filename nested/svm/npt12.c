// SPDX-License-Identifier: BSD-2-Clause
// L2 on L1's nested page table: a shadow table, filled on nested page faults, composes NPT12
// (L2 -> L1 physical) with the partition's own map (L1 physical -> host), rules 8 and 10.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "nested_svm.h"
#include "npt12.h"
#include "paging.h"
#include "x86.h"

#define SHADOW_U	     (1ULL << 2) /* nested walks are user accesses (15.25.5) */
#define CPUID_ADDR_SIZES     0x80000008
#define CPUID_PHYS_BITS_MASK 0xffU
#define SHADOW_TABLE	     (PTE_P | PTE_W | SHADOW_U)
#define SHADOW_LEAF	     (PTE_P | SHADOW_U)
#define SHADOW_ADDR_BITS     48
#define L1_CR4_LA57	     (1ULL << 12) /* L1 pages with 5 levels: so does its NPT12 */

void npt12_shadow_alloc(struct svm_nested *n)
{
	shadow_pool_init(&n->shadow, NSVM_SHADOW_PAGES, PTE_P, SHADOW_TABLE);
}

/* Like a TLB flush: every translation goes; the next accesses fault them in again. The
 * table pages are reused, so no cached walk through them may survive either. */
void npt12_shadow_reset(struct svm_nested *n)
{
	shadow_pool_reset(&n->shadow);
	n->vmcb02->control.tlb_control = TLB_CONTROL_FLUSH_ALL;
}

/* NPT12's entries are read and written only inside the partition's memory (rule 8). */
static uint64_t *entry_in_l1(const void *ctx, uint64_t gpa, bool *writable)
{
	*writable = part_gpa_to_hva(ctx, gpa, sizeof(uint64_t), CFG_R | CFG_W) != NULL;
	return part_gpa_to_hva(ctx, gpa, sizeof(uint64_t), CFG_R);
}

/* The fault is L1's: #VMEXIT(NPF) with the error code of its own tables (15.25.6). */
static void reflect(struct vcpu *v, uint64_t err, uint64_t why)
{
	struct vmcb_control *c02 = &nsvm(v)->vmcb02->control;

	c02->exit_info1 = (err & NPF_ERR_FROM_ACCESS) | NPF_ERR_U | why;
	nested_svm_vmexit(v);
}

/* Shadow rights: NPT12's AND the partition's region; writable only once written (or already
 * dirty), so that a later first write comes back here to set NPT12's dirty bit. */
static uint64_t leaf_flags(struct vcpu *v, const struct npt12_result *r, bool write)
{
	uint64_t f = SHADOW_LEAF;

	if (r->writable && r->dirty && part_gpa_to_hva(v->part, r->gpa1, PAGE_SIZE, CFG_W))
		f |= PTE_W;
	if (!r->executable || !part_gpa_to_hva(v->part, r->gpa1, PAGE_SIZE, CFG_X))
		f |= PTE_NX;
	return f;
}

/* The event goes again through EVENTINJ. When it is L2's virtual interrupt, V_IRQ must not
 * deliver it a second time: QEMU's SVM leaves V_IRQ set when the delivery of the virtual
 * interrupt it took ends in an exit (it clears V_IRQ only after a completed delivery), which
 * showed as a doubled interrupt in an L3 (tests/boot/test_nested_self.py). */
static void redeliver(struct vmcb_control *c02)
{
	uint64_t ev = svm_event_redeliver(c02->exit_int_info);
	uint64_t vector = ev & EVENTINJ_VECTOR_MASK;

	c02->event_inj = ev;
	if ((ev & EVENTINJ_TYPE_MASK) == EVENTINJ_TYPE_INTR && (c02->int_ctl & V_IRQ) &&
	    vector == (c02->int_ctl & V_INTR_VECTOR_MASK) >> V_INTR_VECTOR_SHIFT)
		c02->int_ctl &= ~V_IRQ;
}

void nested_npt12_fault(struct vcpu *v)
{
	struct svm_nested *n = nsvm(v);
	const struct vmcb_control *c02 = &n->vmcb02->control;
	uint64_t err = c02->exit_info1, gpa2 = c02->exit_info2;
	bool write = err & NPF_ERR_W, fetch = err & NPF_ERR_ID;
	/* MAXPHYADDR as L1 sees it (the host's, CPUID 0x80000008); hypervisors such as KVM mark
	 * emulated-MMIO entries with address bits beyond it and expect the reserved-bit fault. */
	const struct npt12_env env = {
	    .entry = entry_in_l1,
	    .ctx = v->part,
	    .phys_bits = cpuid(CPUID_ADDR_SIZES).eax & CPUID_PHYS_BITS_MASK,
	    .nxe = n->l1_efer & EFER_NXE,
	    .la57 = n->vmcb01->save.cr4 & L1_CR4_LA57,
	};
	struct npt12_result r;
	uint64_t flags;
	void *hva;

	if (!npt12_walk(n->ncr3_12, gpa2, write, fetch, &env, &r))
		return reflect(v, err, (r.present ? NPF_ERR_P : 0) | (r.rsvd ? NPF_ERR_RSVD : 0));
	/* The shadow has 4 levels: enough while MAXPHYADDR, which bounds L2's addresses too,
	 * is at most 48 bits. */
	if (gpa2 >> SHADOW_ADDR_BITS) {
		part_fault(v->part, "nested SVM: L2 address beyond the shadow NPT's 48 bits");
		return;
	}
	hva = part_gpa_to_hva(v->part, r.gpa1, PAGE_SIZE, write ? CFG_R | CFG_W : CFG_R);
	flags = leaf_flags(v, &r, write);
	if (!hva || (fetch && (flags & PTE_NX))) {
		/* L1 handed its guest memory the partition does not have (or not so): the same
		 * fault as L1's own access there would be. */
		part_fault(v->part, "nested SVM: L2 access through NPT12 outside the partition's "
				    "memory or rights");
		return;
	}
	if (!shadow_pool_map(&n->shadow, gpa2, (uint64_t)hva | flags)) {
		npt12_shadow_reset(n);
		shadow_pool_map(&n->shadow, gpa2, (uint64_t)hva | flags);
	}
	/* A read-only translation became writable: no TLB may keep the old one. */
	if (err & NPF_ERR_P)
		n->vmcb02->control.tlb_control = TLB_CONTROL_FLUSH_ALL;
	/* L2 resumes without leaving the run loop: an event whose delivery faulted here is
	 * delivered again (APM 15.7.2), or it would be lost. */
	if (c02->exit_int_info & EVENTINJ_VALID)
		redeliver(&n->vmcb02->control);
}
