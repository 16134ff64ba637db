// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks on the VM-execution and VM-exit control fields (SDM Vol. 3C, 26.2.1.1,
// 26.2.1.2), held against the capability MSRs L0 gives L1.

#include "vmcs12_checks.h"

#define MSR_ENTRY_BYTES 16ULL
#define MSR_LIST_ALIGN	(MSR_ENTRY_BYTES - 1)
#define TPR_THRESH_RSVD 0xfffffff0U /* bits 31:4 */
#define VTPR_OFFSET	0x80ULL
#define VTPR_SHIFT	4
#define TPR_CLASS_MASK	0xfU
#define EPT_WALK_4	3ULL /* the EPTP's walk length minus one */
#define EPT_WALK_5	4ULL

/* A.3-A.5: every allowed-0 bit set, no bit set beyond the allowed-1 ones. */
static bool ctl_ok(uint32_t val, uint64_t cap)
{
	uint32_t must1 = (uint32_t)cap;
	uint32_t may1 = (uint32_t)(cap >> 32);

	return (val & must1) == must1 && (val & ~may1) == 0;
}

/* 26.2.1.1, 26.2.1.2, 26.2.1.3: reserved control bits as the capability MSRs say. */
static const char *check_ctl_bits(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.1.1", !ctl_ok(v->pin_ctls, env->pin));
	CC("26.2.1.1", !ctl_ok(v->proc_ctls, env->proc));
	CC("26.2.1.1", !ctl_ok(proc2_of(v), env->proc2));
	CC("26.2.1.1", v->cr3_target_count > VMCS12_CR3_TARGETS);
	CC("26.2.1.2", !ctl_ok(v->exit_ctls, env->exit));
	CC("26.2.1.3", !ctl_ok(v->entry_ctls, env->entry));
	return NULL;
}

/* 26.2.1.1: the I/O and MSR bitmaps used are 4-KiB pages within MAXPHYADDR (and L1's). */
static const char *check_bitmaps(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool io = v->proc_ctls & PROC_IO_BITMAPS;

	CC("26.2.1.1", io && !vmcs12_page_ok(v->io_bitmap_a, env));
	CC("26.2.1.1", io && !vmcs12_page_ok(v->io_bitmap_b, env));
	CC("26.2.1.1", (v->proc_ctls & PROC_MSR_BITMAPS) && !vmcs12_page_ok(v->msr_bitmap, env));
	return NULL;
}

/* VTPR, bits 7:4 of the virtual-APIC page's byte 0x80 (29.1.1); 0 when it cannot be read. */
static bool vtpr_below_threshold(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint32_t tpr;

	if (!env->read_l1_u32(env->ctx, v->virtual_apic_addr + VTPR_OFFSET, &tpr))
		return true;
	return (v->tpr_threshold & TPR_CLASS_MASK) > ((tpr >> VTPR_SHIFT) & TPR_CLASS_MASK);
}

/* 26.2.1.1: the TPR shadow and the APIC virtualization controls that rest on it. */
static const char *check_tpr_shadow(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	bool tpr = v->proc_ctls & PROC_TPR_SHADOW;
	uint32_t p2 = proc2_of(v);
	bool plain = tpr && !(p2 & (PROC2_VINTR | PROC2_APIC_ACCESS));

	CC("26.2.1.1", tpr && !vmcs12_page_ok(v->virtual_apic_addr, env));
	CC("26.2.1.1", tpr && !(p2 & PROC2_VINTR) && (v->tpr_threshold & TPR_THRESH_RSVD));
	CC("26.2.1.1", plain && vtpr_below_threshold(v, env));
	CC("26.2.1.1", !tpr && (p2 & (PROC2_X2APIC_MODE | PROC2_APIC_REG | PROC2_VINTR)));
	CC("26.2.1.1", (p2 & PROC2_X2APIC_MODE) && (p2 & PROC2_APIC_ACCESS));
	CC("26.2.1.1", (p2 & PROC2_VINTR) && !(v->pin_ctls & PIN_EXT_INTR_EXIT));
	CC("26.2.1.1", (p2 & PROC2_APIC_ACCESS) && !vmcs12_page_ok(v->apic_access_addr, env));
	return NULL;
}

/* 26.2.1.1: virtual NMIs need NMI exiting; NMI-window exiting needs virtual NMIs. */
static const char *check_nmi(const struct vmcs12 *v)
{
	CC("26.2.1.1", !(v->pin_ctls & PIN_NMI_EXIT) && (v->pin_ctls & PIN_VIRTUAL_NMIS));
	CC("26.2.1.1", !(v->pin_ctls & PIN_VIRTUAL_NMIS) && (v->proc_ctls & PROC_NMI_WINDOW));
	return NULL;
}

/* 24.6.11: the EPTP's memory type, walk length, A/D enable and reserved bits. */
bool vmcs12_eptp_ok(uint64_t eptp, const struct vmcs12_env *env)
{
	uint64_t mt = eptp & EPTP_MT_MASK, walk = (eptp >> EPTP_WALK_SHIFT) & EPTP_WALK_MASK;
	uint64_t cap = env->ept_vpid_cap;

	if (!((mt == EPTP_MT_UC && (cap & EPT_CAP_UC)) || (mt == EPTP_MT_WB && (cap & EPT_CAP_WB))))
		return false;
	if (!((walk == EPT_WALK_4 && (cap & EPT_CAP_WALK_4)) ||
	      (walk == EPT_WALK_5 && (cap & EPT_CAP_WALK_5))))
		return false;
	if (((eptp & EPTP_AD) && !(cap & EPT_CAP_AD)) ||
	    ((eptp & EPTP_SSS) && !(cap & EPT_CAP_SSS)))
		return false;
	return !(eptp & EPTP_RESERVED_LOW) && pa_ok(eptp, env);
}

/* 26.2.1.1: VPID, EPT, unrestricted guest and the VMCS-shadowing bitmaps. */
static const char *check_proc2(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	uint32_t p2 = proc2_of(v);
	bool shadowing = p2 & PROC2_VMCS_SHADOW;

	CC("26.2.1.1", (p2 & PROC2_VPID) && v->vpid == 0);
	CC("26.2.1.1", (p2 & PROC2_EPT) && !vmcs12_eptp_ok(v->ept_pointer, env));
	CC("26.2.1.1", (p2 & PROC2_UNRESTRICT) && !(p2 & PROC2_EPT));
	CC("26.2.1.1", shadowing && !vmcs12_page_ok(v->vmread_bitmap, env));
	CC("26.2.1.1", shadowing && !vmcs12_page_ok(v->vmwrite_bitmap, env));
	return NULL;
}

/* 26.2.1.2, 26.2.1.3: an MSR list is 16-byte aligned, ends within MAXPHYADDR and in L1's
 * memory, and is no longer than IA32_VMX_MISC[27:25] recommends (longer is undefined: we
 * refuse it). An empty list is not looked at. */
bool vmcs12_msr_list_ok(uint64_t addr, uint32_t count, const struct vmcs12_env *env)
{
	uint64_t max =
	    MISC_MSR_LIST_UNIT * (((env->misc >> MISC_MSR_LIST_SHIFT) & MISC_MSR_LIST_MASK) + 1);
	uint64_t bytes = count * MSR_ENTRY_BYTES;

	if (count == 0)
		return true;
	return !(addr & MSR_LIST_ALIGN) && count <= max && pa_ok(addr + bytes - 1, env) &&
	       addr + bytes > addr && env->in_l1(env->ctx, addr, bytes);
}

/* 26.2.1.2: saving the preemption timer needs it; the exit MSR lists. */
static const char *check_exit_ctls(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	CC("26.2.1.2", !(v->pin_ctls & PIN_PREEMPT_TIMER) && (v->exit_ctls & EXIT_SAVE_PREEMPT));
	CC("26.2.1.2", !vmcs12_msr_list_ok(v->exit_msr_store_addr, v->exit_msr_store_count, env));
	CC("26.2.1.2", !vmcs12_msr_list_ok(v->exit_msr_load_addr, v->exit_msr_load_count, env));
	return NULL;
}

const char *vmcs12_check_controls(const struct vmcs12 *v, const struct vmcs12_env *env)
{
	const char *why;

	if ((why = check_ctl_bits(v, env)) || (why = check_bitmaps(v, env)) ||
	    (why = check_tpr_shadow(v, env)) || (why = check_nmi(v)) ||
	    (why = check_proc2(v, env)) || (why = check_exit_ctls(v, env)))
		return why;
	return NULL;
}
