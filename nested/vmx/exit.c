// SPDX-License-Identifier: BSD-2-Clause
// Exits from L2 (SDM Vol. 3C, 25.1-25.2, 27): L1's first (rule 6), reflected with L2's state
// saved into VMCS12 and L1's loaded from VMCS12's host-state area.

#include <string.h>

#include "nested_vmx.h"
#include "printk.h"

#define BITS_32		  32
#define CR_QUAL_TYPE_CLTS 2
#define CR_QUAL_TYPE_LMSW 3
#define LMSW_SRC_SHIFT	  16
#define LMSW_BITS	  0xfULL
#define AR_TYPE_CODE_ACC  11U /* execute/read, accessed */
#define AR_TYPE_DATA_ACC  3U  /* read/write, accessed */
#define AR_TYPE_TSS_BUSY  11U /* busy 64-bit TSS */
#define LIMIT_4G	  0xffffffffU
#define TSS_LIMIT_HOST	  0x67U
#define DT_LIMIT_HOST	  0xffffU
#define NMI_UNBLOCK_IRET  (1ULL << 12) /* exit qualification bit of EPT violations (27.2.1) */

static uint64_t cr_view(uint32_t real, uint32_t shadow, uint64_t l0_only)
{
	return (vmread(real) & ~l0_only) | (vmread(shadow) & l0_only);
}

/* A MOV to CR0/CR4, CLTS or LMSW exits to L1 when it changes a bit L1 owns (its guest/host
 * mask) away from L1's read shadow (25.1.3). */
static bool cr_write_wanted(struct vcpu *v, const struct vmcs12 *c, uint64_t qual)
{
	unsigned int cr = qual & CR_QUAL_NUM_MASK;
	unsigned int type = (qual >> CR_QUAL_TYPE_SHIFT) & CR_QUAL_TYPE_MASK;
	uint64_t val;

	if (type == CR_QUAL_TYPE_CLTS)
		return (c->cr0_mask & CR0_TS_BIT) && (c->cr0_read_shadow & CR0_TS_BIT);
	if (type == CR_QUAL_TYPE_LMSW) {
		val = (qual >> LMSW_SRC_SHIFT) & LMSW_BITS;
		return ((val ^ c->cr0_read_shadow) & c->cr0_mask & LMSW_BITS) != 0;
	}
	if (type != CR_QUAL_TYPE_MOV_TO)
		return true; /* MOV from CR3/CR8: only exits when L1 asked */
	val = *nvmx_gpr(v, (unsigned int)(qual >> CR_QUAL_GPR_SHIFT));
	switch (cr) {
	case 0:
		return ((val ^ c->cr0_read_shadow) & c->cr0_mask) != 0;
	case 4:
		return ((val ^ c->cr4_read_shadow) & c->cr4_mask) != 0;
	case 3:
		if (!(c->proc_ctls & PROC_CR3_LOAD))
			return false;
		for (uint32_t i = 0; i < c->cr3_target_count && i < VMCS12_CR3_TARGETS; i++)
			if (c->cr3_target[i] == val)
				return false;
		return true;
	case 8:
		return c->proc_ctls & PROC_CR8_LOAD;
	default:
		return true;
	}
}

/* MOV from CR3/CR8 (the only reads that exit): L1's store-exiting controls. */
static bool cr_wanted(struct vcpu *v, const struct vmcs12 *c, uint64_t qual)
{
	unsigned int cr = qual & CR_QUAL_NUM_MASK;
	unsigned int type = (qual >> CR_QUAL_TYPE_SHIFT) & CR_QUAL_TYPE_MASK;

	if (type == CR_QUAL_TYPE_MOV_TO || type >= CR_QUAL_TYPE_CLTS)
		return cr_write_wanted(v, c, qual);
	return cr == 3 ? (c->proc_ctls & PROC_CR3_STORE) != 0
		       : (c->proc_ctls & PROC_CR8_STORE) != 0;
}

/* The #PF filter (25.2): with bit 14 of the bitmap set, #PF exits when the error code matches
 * under the mask; clear, when it does not. */
bool nvmx_exception_wanted(const struct vmcs12 *c, uint32_t intr_info, uint32_t error)
{
	uint32_t vector = intr_info & INTR_INFO_VECTOR;
	bool bit = c->exception_bitmap & (1U << vector);

	if ((intr_info & INTR_INFO_TYPE_MASK) == INTR_TYPE_NMI)
		return false; /* L0's kick; NMIs for L1 come through nested_vmx_event() */
	if (vector != VEC_PF)
		return bit;
	return bit == ((error & c->pf_error_mask) == c->pf_error_match);
}

static bool proc2(const struct vmcs12 *c, uint32_t bit)
{
	return (c->proc_ctls & PROC_SECONDARY) && (c->proc2_ctls & bit);
}

/* Did L1 ask for this exit? Decided from L0's copies only: its VMCS12 and bitmaps (rule 1).
 * Exits that happen unconditionally in VMX non-root operation (25.1.2) are always L1's. */
static bool l1_wants(struct vcpu *v, const struct vcpu_exit *e, const struct nvmx_exit *x)
{
	const struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;

	switch (x->reason & EXIT_REASON_BASIC) {
	case EXIT_EXCEPTION_NMI:
		return nvmx_exception_wanted(c, x->intr_info, x->intr_error);
	case EXIT_EXTERNAL_INTR:
		return c->pin_ctls & PIN_EXT_INTR_EXIT;
	case EXIT_INIT: /* L0's own signals: the partition's cores are Bulkhead's to reset */
	case EXIT_SIPI:
	case EXIT_IO_SMI:
	case EXIT_OTHER_SMI:
	case EXIT_MACHINE_CHECK:
	case EXIT_EPT_VIOLATION: /* EPT01: only L0's tables (EPT12 is ept12.c's) */
	case EXIT_EPT_MISCONFIG:
		return false;
	case EXIT_PREEMPT_TIMER:
		return c->pin_ctls & PIN_PREEMPT_TIMER;
	case EXIT_INTR_WINDOW:
		return c->proc_ctls & PROC_INTR_WINDOW;
	case EXIT_NMI_WINDOW:
		return c->proc_ctls & PROC_NMI_WINDOW;
	case EXIT_HLT:
		return c->proc_ctls & PROC_HLT_EXIT;
	case EXIT_INVLPG:
		return c->proc_ctls & PROC_INVLPG_EXIT;
	case EXIT_RDPMC:
		return c->proc_ctls & PROC_RDPMC_EXIT;
	case EXIT_RDTSC:
		return c->proc_ctls & PROC_RDTSC_EXIT;
	case EXIT_RDTSCP:
		return c->proc_ctls & PROC_RDTSC_EXIT;
	case EXIT_CR_ACCESS:
		return cr_wanted(v, c, x->qual);
	case EXIT_DR_ACCESS:
		return c->proc_ctls & PROC_MOV_DR_EXIT;
	case EXIT_IO:
		return nvmx_io_intercepted(n, c, e->io.port, e->io.size);
	case EXIT_RDMSR:
	case EXIT_WRMSR:
		return nvmx_msr_intercepted(n, c, (uint32_t)v->regs.rcx,
					    (x->reason & EXIT_REASON_BASIC) == EXIT_WRMSR);
	case EXIT_MWAIT:
		return c->proc_ctls & PROC_MWAIT_EXIT;
	case EXIT_MONITOR:
		return c->proc_ctls & PROC_MONITOR;
	case EXIT_PAUSE:
		return c->proc_ctls & PROC_PAUSE_EXIT;
	case EXIT_MTF:
		return c->proc_ctls & PROC_MTF;
	case EXIT_GDTR_IDTR:
	case EXIT_LDTR_TR:
		return proc2(c, PROC2_DESC_EXIT);
	case EXIT_WBINVD:
		return proc2(c, PROC2_WBINVD_EXIT);
	case EXIT_RDRAND:
		return proc2(c, PROC2_RDRAND_EXIT);
	case EXIT_RDSEED:
		return proc2(c, PROC2_RDSEED_EXIT);
	case EXIT_INVPCID:
		return c->proc_ctls & PROC_INVLPG_EXIT;
	default:
		/* CPUID, GETSEC, INVD, VMCALL, the VMX instructions, task switches, XSETBV,
		 * triple faults and whatever L0 does not know: the architecture sends them to
		 * L1, and L0 must not emulate what L1 may want to see. */
		return true;
	}
}

void nvmx_exit_from_vmcs02(struct nvmx_exit *x)
{
	*x = (struct nvmx_exit){
	    .reason = (uint32_t)vmread(EXIT_REASON),
	    .intr_info = (uint32_t)vmread(EXIT_INTR_INFO),
	    .intr_error = (uint32_t)vmread(EXIT_INTR_ERROR),
	    .idt_info = (uint32_t)vmread(IDT_VECT_INFO),
	    .idt_error = (uint32_t)vmread(IDT_VECT_ERROR),
	    .insn_len = (uint32_t)vmread(EXIT_INSN_LEN),
	    .insn_info = (uint32_t)vmread(EXIT_INSN_INFO),
	    .qual = vmread(EXIT_QUALIFICATION),
	    .gla = vmread(GUEST_LINEAR_ADDR),
	    .gpa = vmread(GUEST_PHYS_ADDR),
	};
}

/* What a VM exit saves of the guest (27.3), into L0's VMCS12 cache. CR0/CR4 bits only L0
 * masks read as L2 has them (its read shadow in VMCS02). */
static void sync_vmcs02_to_vmcs12(struct vcpu *v, struct vmcs12 *c)
{
	uint64_t l0_cr0 = vmx_cr0_mask(&vmx_caps.fixed) & ~c->cr0_mask;
	uint64_t l0_cr4 = vmx_cr4_mask(&vmx_caps.fixed) & ~c->cr4_mask;

	c->guest_cr0 = cr_view(GUEST_CR0, CR0_READ_SHADOW, l0_cr0);
	c->guest_cr4 = cr_view(GUEST_CR4, CR4_READ_SHADOW, l0_cr4);
	c->guest_cr3 = vmread(GUEST_CR3);
	for (int s = 0; s < VMCS12_SEGS; s++) {
		c->guest_sel[s] = (uint16_t)vmread(GUEST_SEL(s));
		c->guest_limit[s] = (uint32_t)vmread(GUEST_LIMIT(s));
		c->guest_ar[s] = (uint32_t)vmread(GUEST_AR(s));
		c->guest_base[s] = vmread(GUEST_BASE(s));
	}
	c->guest_gdtr_base = vmread(GUEST_GDTR_BASE);
	c->guest_gdtr_limit = (uint32_t)vmread(GUEST_GDTR_LIMIT);
	c->guest_idtr_base = vmread(GUEST_IDTR_BASE);
	c->guest_idtr_limit = (uint32_t)vmread(GUEST_IDTR_LIMIT);
	c->guest_rip = v->regs.rip;
	c->guest_rsp = v->regs.rsp;
	c->guest_rflags = v->regs.rflags;
	c->guest_intr_state = (uint32_t)vmread(GUEST_INTR_STATE);
	c->guest_activity = (uint32_t)vmread(GUEST_ACTIVITY);
	c->guest_pending_dbg = vmread(GUEST_PENDING_DBG);
	c->guest_sysenter_cs = (uint32_t)vmread(GUEST_SYSENTER_CS);
	c->guest_sysenter_esp = vmread(GUEST_SYSENTER_ESP);
	c->guest_sysenter_eip = vmread(GUEST_SYSENTER_EIP);
	if (c->exit_ctls & EXIT_SAVE_DEBUG)
		c->guest_dr7 = vmread(GUEST_DR7);
	if (c->exit_ctls & EXIT_SAVE_PAT)
		c->guest_pat = vmread(GUEST_PAT);
	if (c->exit_ctls & EXIT_SAVE_EFER)
		c->guest_efer = vmread(GUEST_EFER);
	/* The IA-32e mode guest control follows EFER.LMA (27.2). */
	c->entry_ctls = (c->entry_ctls & ~ENTRY_IA32E) | (vmread(ENTRY_CTLS) & ENTRY_IA32E);
	if (nvmx(v)->ept12)
		for (unsigned int i = 0; i < 4; i++)
			c->guest_pdpte[i] = vmread(GUEST_PDPTE(i));
}

static void write_exit_info(struct vmcs12 *c, const struct nvmx_exit *x)
{
	c->exit_reason = x->reason;
	c->exit_qual = x->qual;
	c->exit_intr_info = x->intr_info;
	c->exit_intr_error = x->intr_error;
	c->idt_vect_info = x->idt_info;
	c->idt_vect_error = x->idt_error;
	c->exit_insn_len = x->insn_len;
	c->exit_insn_info = x->insn_info;
	c->guest_linear_addr = x->gla;
	c->guest_phys_addr = x->gpa;
	c->io_rcx = c->io_rsi = c->io_rdi = c->io_rip = 0;
	c->entry_intr_info &= ~INTR_INFO_VALID; /* 27.2.5 */
}

static void host_seg(enum vmx_seg s, uint16_t sel, uint32_t ar, uint32_t limit, uint64_t base)
{
	vmx_write(GUEST_SEL(s), sel);
	vmx_write(GUEST_AR(s), sel || s == SEG_CS || s == SEG_TR ? ar : AR_UNUSABLE);
	vmx_write(GUEST_LIMIT(s), limit);
	vmx_write(GUEST_BASE(s), base);
}

/* L1 after the exit (27.5): its state from VMCS12's host-state area, written as the guest
 * state of VMCS01 (current again). */
static void load_vmcs12_host_state(struct vcpu *v, const struct vmcs12 *c)
{
	bool host64 = c->exit_ctls & EXIT_HOST_64;
	uint32_t data = AR_TYPE_DATA_ACC | AR_S | AR_P | AR_DB | AR_G;
	uint32_t code = AR_TYPE_CODE_ACC | AR_S | AR_P | AR_G | (host64 ? AR_L : AR_DB);
	uint64_t efer = vmread(GUEST_EFER);
	uint32_t entry = (uint32_t)vmread(ENTRY_CTLS) & ~ENTRY_IA32E;

	vmx_write(CR0_READ_SHADOW, c->host_cr0);
	vmx_write(GUEST_CR0, vmx_cr0_real(&vmx_caps.fixed, c->host_cr0));
	vmx_write(CR4_READ_SHADOW, c->host_cr4);
	vmx_write(GUEST_CR4, vmx_cr4_real(&vmx_caps.fixed, c->host_cr4));
	vmx_write(GUEST_CR3, c->host_cr3);
	vmx_write(GUEST_DR7, DR7_AFTER_EXIT);
	vmx_write(GUEST_SYSENTER_CS, c->host_sysenter_cs);
	vmx_write(GUEST_SYSENTER_ESP, c->host_sysenter_esp);
	vmx_write(GUEST_SYSENTER_EIP, c->host_sysenter_eip);
	if (c->exit_ctls & EXIT_LOAD_EFER)
		efer = c->host_efer;
	else if (host64)
		efer |= EFER_LMA_BIT | EFER_LME_BIT;
	else
		efer &= ~(EFER_LMA_BIT | EFER_LME_BIT);
	vmx_write(GUEST_EFER, efer);
	vmx_write(ENTRY_CTLS, host64 ? entry | ENTRY_IA32E : entry);
	if (c->exit_ctls & EXIT_LOAD_PAT)
		vmx_write(GUEST_PAT, c->host_pat);
	host_seg(SEG_CS, c->host_cs_sel, code, LIMIT_4G, 0);
	host_seg(SEG_SS, c->host_ss_sel, data, LIMIT_4G, 0);
	host_seg(SEG_DS, c->host_ds_sel, data, LIMIT_4G, 0);
	host_seg(SEG_ES, c->host_es_sel, data, LIMIT_4G, 0);
	host_seg(SEG_FS, c->host_fs_sel, data, LIMIT_4G, c->host_fs_base);
	host_seg(SEG_GS, c->host_gs_sel, data, LIMIT_4G, c->host_gs_base);
	host_seg(SEG_TR, c->host_tr_sel, AR_TYPE_TSS_BUSY | AR_P, TSS_LIMIT_HOST, c->host_tr_base);
	host_seg(SEG_LDTR, 0, 0, 0, 0);
	vmx_write(GUEST_GDTR_BASE, c->host_gdtr_base);
	vmx_write(GUEST_GDTR_LIMIT, DT_LIMIT_HOST);
	vmx_write(GUEST_IDTR_BASE, c->host_idtr_base);
	vmx_write(GUEST_IDTR_LIMIT, DT_LIMIT_HOST);
	vmx_write(GUEST_INTR_STATE, 0);
	vmx_write(GUEST_ACTIVITY, ACTIVITY_ACTIVE12);
	vmx_write(GUEST_PENDING_DBG, 0);
	v->regs.rip = c->host_rip;
	v->regs.rsp = c->host_rsp;
	v->regs.rflags = RFLAGS_FIXED1;
}

/* VMCS01 current again; a failure here leaves no state L1 could run on (rule 9). */
static bool switch_to_vmcs01(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;
	struct vmx_nested *n = nvmx(v);

	n->launched02 = x->launched;
	x->vmcs = n->vmcs01;
	x->vmcs_pa = n->vmcs01_pa;
	x->launched = n->launched01;
	x->proc_ctls = vmx_caps.ctls[CTL_PROC];
	x->inject_info = 0; /* an event L2 was taking is L1's to see (IDT-vectoring info) */
	n->in_l2 = n->timer12 = false;
	if (vmptrld(x->vmcs_pa))
		return true;
	part_fault(v->part, "nested VMX: VMCS01 cannot be made current again");
	return false;
}

void nested_vmx_vmexit(struct vcpu *v, const struct nvmx_exit *x)
{
	struct vmx_nested *n = nvmx(v);
	struct vmcs12 *c = n->vmcs12;

	sync_vmcs02_to_vmcs12(v, c);
	write_exit_info(c, x);
	if (!nvmx_msr_list_store(v, c->exit_msr_store_addr, c->exit_msr_store_count)) {
		part_fault(v->part, "nested VMX: VM-exit MSR-store list refused");
		return;
	}
	if (!switch_to_vmcs01(v))
		return;
	load_vmcs12_host_state(v, c);
	nvmx_cache_to_shadow(v);
	n->reflected++;
	/* 27.6: a failure is a VMX abort, which ends the logical processor's VMX operation:
	 * here it ends the partition (rule 9). */
	if (nvmx_msr_list_load(v, c->exit_msr_load_addr, c->exit_msr_load_count))
		part_fault(v->part, "nested VMX: VMX abort (VM-exit MSR-load list)");
}

/* 26.7, 26.8: VMLAUNCH/VMRESUME ended in a VM exit before L2 ran: L1's host state loaded, no
 * guest state saved. */
void nested_vmx_entry_fail(struct vcpu *v, uint32_t reason, uint64_t qual)
{
	struct vmx_nested *n = nvmx(v);
	struct vmcs12 *c = n->vmcs12;
	const struct nvmx_exit x = {.reason = reason | EXIT_REASON_FAILED, .qual = qual};

	write_exit_info(c, &x);
	if (n->in_l2 && !switch_to_vmcs01(v))
		return;
	load_vmcs12_host_state(v, c);
	nvmx_cache_to_shadow(v);
	n->failed++;
	if (nvmx_msr_list_load(v, c->exit_msr_load_addr, c->exit_msr_load_count))
		part_fault(v->part, "nested VMX: VMX abort (VM-exit MSR-load list)");
}

/* The CPU refused VMCS02 although VMCS12 passed every check: L0's bug, or a check it lacks.
 * L1 sees the entry fail on guest state, the nearest architectural outcome. */
void nested_vmx_refused(struct vcpu *v, enum vmx_enter_result r)
{
	if (nested_vmx_may_log(v))
		pr_warn("partition %s: VMCS02 refused by the CPU (%s, error %lu)",
			v->part->cfg->name,
			r == VMX_ENTER_FAIL_VALID ? "VMfailValid" : "VMfailInvalid",
			(unsigned long)vmread(VM_INSN_ERROR));
	nested_vmx_entry_fail(v, EXIT_BAD_GUEST_STATE, 0);
}

/* Called after every run of L2 (vmx_ops.c): true when the exit is dealt with here. */
bool nested_vmx_exit(struct vcpu *v, struct vcpu_exit *e)
{
	struct nvmx_exit x;
	uint32_t basic;

	nvmx_exit_from_vmcs02(&x);
	basic = x.reason & EXIT_REASON_BASIC;
	if (x.reason & EXIT_REASON_FAILED) {
		nested_vmx_refused(v, VMX_ENTER_FAIL_VALID);
		return true;
	}
	if (basic == EXIT_EPT_VIOLATION && nvmx(v)->ept12)
		return nested_ept12_violation(v, e);
	if ((basic == EXIT_VMREAD || basic == EXIT_VMWRITE) &&
	    nvmx_shadow12_access(v, basic == EXIT_VMWRITE))
		return true;
	if (!l1_wants(v, e, &x))
		return false;
	nested_vmx_vmexit(v, &x);
	return true;
}
