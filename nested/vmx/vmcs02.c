// SPDX-License-Identifier: BSD-2-Clause
// VMLAUNCH/VMRESUME's second half (SDM Vol. 3C, 26): check L0's copy of VMCS12, build VMCS02
// from it and L0's own controls (never weakened, rule 4), enter L2.

#include <string.h>

#include "nested_vmx.h"
#include "printk.h"
#include "vmx/vmx_maps.h"

#define PDPTE_ALIGN	  0x1fULL
#define PDPTES		  4
#define MSR_VMX_MISC_HOST 0x485U

/* Controls VMCS02 takes from L1 on top of L0's; L1's EPT and VPID are emulated (EPT12
 * shadow, vpid02), never handed over. */
#define PROC2_FROM_L1                                                            \
	(PROC2_DESC_EXIT | PROC2_RDTSCP | PROC2_WBINVD_EXIT | PROC2_UNRESTRICT | \
	 PROC2_RDRAND_EXIT | PROC2_INVPCID | PROC2_RDSEED_EXIT)
#define PROC_FROM_L1                                                                               \
	(PROC_INTR_WINDOW | PROC_TSC_OFFSET | PROC_HLT_EXIT | PROC_INVLPG_EXIT | PROC_MWAIT_EXIT | \
	 PROC_RDPMC_EXIT | PROC_RDTSC_EXIT | PROC_CR3_LOAD | PROC_CR3_STORE | PROC_CR8_LOAD |      \
	 PROC_CR8_STORE | PROC_NMI_WINDOW | PROC_MOV_DR_EXIT | PROC_MONITOR | PROC_PAUSE_EXIT)

static uint32_t proc2_of(const struct vmcs12 *c)
{
	return c->proc_ctls & PROC_SECONDARY ? c->proc2_ctls : 0;
}

/* L0's controls united with L1's (rule 4): every exit L0 needs stays. */
static void prepare_controls(struct vcpu *v, uint64_t io_pa, uint64_t msr_pa)
{
	const struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	const uint32_t *l0 = vmx_caps.ctls;
	uint32_t proc = l0[CTL_PROC] | (c->proc_ctls & PROC_FROM_L1);
	uint32_t proc2 = (l0[CTL_PROC2] & ~(PROC2_FROM_L1)) | (proc2_of(c) & PROC2_FROM_L1);
	uint32_t entry =
	    (l0[CTL_ENTRY] & ~ENTRY_IA32E) | (c->entry_ctls & (ENTRY_IA32E | ENTRY_LOAD_DEBUG));
	uint32_t save_timer = (uint32_t)(vmx_caps.ctl.msr[CTL_EXIT] >> 32) & EXIT_SAVE_PREEMPT;

	vmx_write(PIN_CTLS, l0[CTL_PIN] | (c->pin_ctls & PIN_ALLOWED12));
	vmx_write(PROC_CTLS, proc);
	vmx_write(PROC2_CTLS, proc2);
	/* L1's external-interrupt exits are the only ones VMCS02 has: acknowledged by the CPU
	 * when L1 asks, the vector reaches L1 in the exit information (27.2.2). */
	vmx_write(EXIT_CTLS,
		  l0[CTL_EXIT] | (n->timer12 ? save_timer : 0) | (c->exit_ctls & EXIT_ACK_INTR));
	vmx_write(ENTRY_CTLS, entry);
	vmx_write(EXCEPTION_BITMAP, c->exception_bitmap);
	vmx_write(PF_ERROR_MASK, c->pf_error_mask);
	vmx_write(PF_ERROR_MATCH, c->pf_error_match);
	vmx_write(CR3_TARGET_COUNT, c->cr3_target_count);
	for (unsigned int i = 0; i < VMCS12_CR3_TARGETS; i++)
		vmx_write(CR3_TARGET(i), c->cr3_target[i]);
	vmx_write(EXIT_MSR_STORE_CNT, 0); /* L1's lists are emulated (maps02.c) */
	vmx_write(EXIT_MSR_LOAD_CNT, 0);
	vmx_write(ENTRY_MSR_LOAD_CNT, 0);
	vmx_write(IO_BITMAP_A, io_pa);
	vmx_write(IO_BITMAP_B, io_pa + VMX_IO_BITMAP_B);
	vmx_write(MSR_BITMAP, msr_pa);
	vmx_write(EPT_POINTER, n->ept12 ? (uint64_t)n->shadow.pages | NVMX_EPTP_WALK4_WB
					: v->part->vendor.vmx.eptp);
	vmx_write(VMCS_VPID, v->part->vendor.vmx.vpid02);
	vmx_write(CR0_GUEST_HOST_MASK, vmx_cr0_mask(&vmx_caps.fixed) | c->cr0_mask);
	vmx_write(CR4_GUEST_HOST_MASK, vmx_cr4_mask(&vmx_caps.fixed) | c->cr4_mask);
	vmx_write(VMCS_LINK_PTR, VMCS_LINK_NONE);
	vmx_write(TSC_OFFSET, c->proc_ctls & PROC_TSC_OFFSET ? c->tsc_offset : 0);
	v->vendor.vmx.proc_ctls = proc;
}

/* PAE paging outside IA-32e mode: with EPT12 the PDPTEs are VMCS12's (26.3.2.4); without, the
 * CPU would load them from L2's CR3 in L1's memory. */
static void prepare_pdptes(struct vcpu *v, const struct vmcs12 *c)
{
	const uint64_t *t = NULL;

	if (!nvmx(v)->ept12)
		t = part_gpa_to_hva(v->part, c->guest_cr3 & ~PDPTE_ALIGN, PDPTES * sizeof(*t),
				    CFG_R);
	for (unsigned int i = 0; i < PDPTES; i++)
		vmx_write(GUEST_PDPTE(i), t ? t[i] : c->guest_pdpte[i]);
}

/* The guest-state area (26.3.2): L2's from VMCS12; EFER and PAT stay L1's where L1 does not
 * load them; CR0/CR4 bits L0 fixes are forced, L2 reads them through the shadows. */
static void prepare_guest(struct vcpu *v, uint64_t l1_efer, uint64_t l1_pat)
{
	const struct vmcs12 *c = nvmx(v)->vmcs12;
	bool ia32e = c->entry_ctls & ENTRY_IA32E;
	uint64_t efer = c->entry_ctls & ENTRY_LOAD_EFER ? c->guest_efer
			: ia32e				? l1_efer | EFER_LMA_BIT | EFER_LME_BIT
							: l1_efer & ~(EFER_LMA_BIT | EFER_LME_BIT);

	for (int s = 0; s < VMCS12_SEGS; s++) {
		vmx_write(GUEST_SEL(s), c->guest_sel[s]);
		vmx_write(GUEST_LIMIT(s), c->guest_limit[s]);
		vmx_write(GUEST_AR(s), c->guest_ar[s]);
		vmx_write(GUEST_BASE(s), c->guest_base[s]);
	}
	vmx_write(GUEST_CR0, vmx_cr0_real(&vmx_caps.fixed, c->guest_cr0));
	vmx_write(CR0_READ_SHADOW,
		  (c->cr0_read_shadow & c->cr0_mask) | (c->guest_cr0 & ~c->cr0_mask));
	vmx_write(GUEST_CR4, vmx_cr4_real(&vmx_caps.fixed, c->guest_cr4));
	vmx_write(CR4_READ_SHADOW,
		  (c->cr4_read_shadow & c->cr4_mask) | (c->guest_cr4 & ~c->cr4_mask));
	vmx_write(GUEST_CR3, c->guest_cr3);
	vmx_write(GUEST_GDTR_BASE, c->guest_gdtr_base);
	vmx_write(GUEST_GDTR_LIMIT, c->guest_gdtr_limit);
	vmx_write(GUEST_IDTR_BASE, c->guest_idtr_base);
	vmx_write(GUEST_IDTR_LIMIT, c->guest_idtr_limit);
	vmx_write(GUEST_DR7, c->entry_ctls & ENTRY_LOAD_DEBUG ? c->guest_dr7 : DR7_AFTER_EXIT);
	vmx_write(GUEST_DEBUGCTL, 0); /* a partition's DEBUGCTL is 0 (vcpu/msr.c) */
	vmx_write(GUEST_EFER, efer);
	vmx_write(GUEST_PAT, c->entry_ctls & ENTRY_LOAD_PAT ? c->guest_pat : l1_pat);
	vmx_write(GUEST_SYSENTER_CS, c->guest_sysenter_cs);
	vmx_write(GUEST_SYSENTER_ESP, c->guest_sysenter_esp);
	vmx_write(GUEST_SYSENTER_EIP, c->guest_sysenter_eip);
	vmx_write(GUEST_INTR_STATE, c->guest_intr_state);
	vmx_write(GUEST_ACTIVITY, c->guest_activity);
	vmx_write(GUEST_PENDING_DBG, c->guest_pending_dbg);
	if (nvmx(v)->timer12)
		vmx_write(GUEST_PREEMPT_TIMER, c->guest_preempt_timer);
	if ((c->guest_cr4 & CR4_PAE_BIT) && !ia32e && (c->guest_cr0 & CR0_PG_BIT))
		prepare_pdptes(v, c);
}

/* VMCS02 current; its host state, the same as VMCS01's, written once. */
static bool load_vmcs02(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;
	struct vmx_nested *n = nvmx(v);

	n->vmcs01 = x->vmcs;
	n->vmcs01_pa = x->vmcs_pa;
	n->launched01 = x->launched;
	if (!n->vmcs02_ready && !vmclear(n->vmcs02_pa))
		return false;
	if (!vmptrld(n->vmcs02_pa))
		return false;
	if (!n->vmcs02_ready) {
		vmx_vmcs_write_host();
		n->vmcs02_ready = true;
		n->launched02 = false;
	}
	x->vmcs = n->vmcs02;
	x->vmcs_pa = n->vmcs02_pa;
	x->launched = n->launched02;
	return true;
}

/* L2's TLB: the EPT12 shadow follows L1's EPT pointer; vpid02 is flushed when L1 changes L2's
 * VPID or runs L2 without one (then every entry flushes, 28.3.3.3). */
static void prepare_tlb(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	bool vpid12 = proc2_of(c) & PROC2_VPID;

	n->ept12 = proc2_of(c) & PROC2_EPT;
	if (n->ept12 && c->ept_pointer != n->eptp12)
		ept12_shadow_reset(n);
	n->eptp12 = n->ept12 ? c->ept_pointer : 0;
	ept12_flush(n);
	if (!vpid12 || c->vpid != n->vpid12)
		invvpid(vmx_caps.invvpid_type, v->part->vendor.vmx.vpid02);
	n->vpid12 = vpid12 ? c->vpid : 0;
}

/* L1's event for L2 (26.6) goes through the backend's injection. */
static void prepare_events(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;
	const struct vmcs12 *c = nvmx(v)->vmcs12;

	x->inject_info = c->entry_intr_info & INTR_INFO_VALID ? c->entry_intr_info : 0;
	x->inject_error = c->entry_exc_error;
	vmx_write(ENTRY_INSN_LEN, c->entry_insn_len);
}

static void log_refusal(struct vcpu *v, const struct vmcs12_fail *f)
{
	if (nested_vmx_may_log(v))
		pr_info("partition %s: VM entry of VMCS12 at 0x%lx refused: %s", v->part->cfg->name,
			(unsigned long)nvmx(v)->current_gpa, f->rule);
}

void nested_vmx_enter(struct vcpu *v, bool launch)
{
	struct vmx_nested *n = nvmx(v);
	struct vmcs12 *c = n->vmcs12;
	struct vmcs12_env env;
	struct vmcs12_fail f;
	uint64_t io_pa, msr_pa, l1_efer = vmread(GUEST_EFER), l1_pat = vmread(GUEST_PAT);
	uint32_t bad;

	nested_vmx_env(v, &env);
	vmcs12_check_entry(c, &env, &f);
	if (f.kind == VMCS12_OK &&
	    (!nvmx_prepare_maps(v, &io_pa, &msr_pa) || !nvmx_shadow12_prepare(v)))
		f = (struct vmcs12_fail){VMCS12_FAIL_VALID, VMXERR_ENTRY_CONTROLS, 0, 0,
					 "bitmaps outside L1's memory (26.2.1.1)"};
	if (f.kind != VMCS12_OK)
		log_refusal(v, &f);
	if (f.kind == VMCS12_FAIL_VALID)
		return nvmx_fail(v, f.error);
	if (f.kind == VMCS12_FAIL_EXIT)
		return nested_vmx_entry_fail(v, f.exit_reason, f.exit_qual);
	if (!load_vmcs02(v)) {
		part_fault(v->part, "nested VMX: VMCS02 cannot be made current");
		return;
	}
	n->in_l2 = true;
	n->timer12 = c->pin_ctls & PIN_PREEMPT_TIMER;
	prepare_tlb(v);
	prepare_controls(v, io_pa, msr_pa);
	prepare_guest(v, l1_efer, l1_pat);
	prepare_events(v);
	v->regs.rip = c->guest_rip;
	v->regs.rsp = c->guest_rsp;
	v->regs.rflags = c->guest_rflags;
	bad = nvmx_msr_list_load(v, c->entry_msr_load_addr, c->entry_msr_load_count);
	if (bad)
		return nested_vmx_entry_fail(v, EXIT_MSR_LOADING, bad);
	c->launched = c->launched || launch;
	n->vmentries++;
}
