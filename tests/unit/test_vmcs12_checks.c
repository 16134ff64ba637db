// SPDX-License-Identifier: BSD-2-Clause
// The VM-entry checks of a VMCS12 (SDM Vol. 3C, 26.2, 26.3): a valid 64-bit VMCS12 passes, and
// each rule is met just (still valid) and broken just (refused with that rule's text and the
// outcome its group gives: VMfailValid 7 or 8, or exit 33 with qualification 0, 2 or 4).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmcs12.h"
#include "vmcs12_checks.h"

#define PHYS_BITS   39
#define BEYOND_PA   (1ULL << PHYS_BITS)
#define L1_MEM_END  0x4000000ULL /* L1 owns [0, 64 MiB) */
#define LAST_PAGE   (L1_MEM_END - PAGE_4K)
#define NONCANON    0x0000800000000000ULL
#define CANON_TOP   0x00007fffffffffffULL
#define CUR_VMCS    0x5000ULL
#define LINK_VMCS   0x6000ULL
#define LINK_SHADOW 0x7000ULL
#define VAPIC	    0x30000ULL
#define APIC_PAGE   0x31000ULL
#define MSR_LIST    0x40000ULL
#define EPTP_WB4    0x1001eULL /* root 0x10000, WB, 4 levels */

#define PIN_DEFAULT1   0x16U
#define PROC_DEFAULT1  0x04006172U /* TRUE: CR3 load/store exiting may be 0 */
#define EXIT_DEFAULT1  0x36dfbU
#define ENTRY_DEFAULT1 0x11fbU
#define EFER_64	       0xd01ULL /* SCE, LME, LMA, NXE */
#define EFER_32	       0x801ULL
#define CR0_64	       0x80000031ULL /* PG, NE, ET, PE */
#define CR4_64	       0x2020ULL     /* VMXE, PAE */
#define AR_CODE64      0xa09bU
#define AR_CODE32      0xc09bU
#define AR_DATA	       0xc093U
#define AR_TSS_BUSY    0x8bU
#define AR_LDT	       0x82U
#define AR_V86	       0xf3U
#define PAT_OK	       0x0007040600070406ULL
#define TYPE(t)	       ((uint32_t)(t))
#define EV(type, vec)  (INTR_INFO_VALID | (type) | (vec))

static uint32_t vtpr;

static bool in_l1(const void *ctx, uint64_t gpa, uint64_t len)
{
	(void)ctx;
	return gpa < L1_MEM_END && len <= L1_MEM_END - gpa;
}

/* L1's memory as the checks read it: two VMCS regions, VTPR, zeros elsewhere. */
static bool read_l1(const void *ctx, uint64_t gpa, uint32_t *val)
{
	if (!in_l1(ctx, gpa, sizeof(*val)))
		return false;
	*val = gpa == LINK_VMCS	     ? VMCS12_REVISION
	       : gpa == LINK_SHADOW  ? VMCS12_REVISION | VMCS12_SHADOW_BIT
	       : gpa == VAPIC + 0x80 ? vtpr
				     : 0;
	return true;
}

#define CAP(must1, may1) ((uint64_t)(must1) | ((uint64_t)((must1) | (may1)) << 32))

static void base_env(struct vmcs12_env *e)
{
	*e = (struct vmcs12_env){
	    .pin = CAP(PIN_DEFAULT1,
		       PIN_EXT_INTR_EXIT | PIN_NMI_EXIT | PIN_VIRTUAL_NMIS | PIN_PREEMPT_TIMER),
	    .proc = CAP(PROC_DEFAULT1, 0xfffffffeU),
	    .proc2 = CAP(0, PROC2_APIC_ACCESS | PROC2_EPT | PROC2_RDTSCP | PROC2_X2APIC_MODE |
				PROC2_VPID | PROC2_UNRESTRICT | PROC2_APIC_REG | PROC2_VINTR |
				PROC2_VMCS_SHADOW),
	    .exit = CAP(EXIT_DEFAULT1, EXIT_SAVE_DEBUG | EXIT_HOST_64 | EXIT_ACK_INTR |
					   EXIT_SAVE_PAT | EXIT_LOAD_PAT | EXIT_SAVE_EFER |
					   EXIT_LOAD_EFER | EXIT_SAVE_PREEMPT),
	    .entry = CAP(ENTRY_DEFAULT1, ENTRY_LOAD_DEBUG | ENTRY_IA32E | ENTRY_SMM |
					     ENTRY_DUAL_MON | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER),
	    .cr0_fixed0 = 0x80000021ULL,
	    .cr0_fixed1 = 0xffffffffULL,
	    .cr4_fixed0 = 0x2000ULL,
	    .cr4_fixed1 = 0x3767ffULL,
	    .ept_vpid_cap = EPT_CAP_WALK_4 | EPT_CAP_WB | EPT_CAP_AD,
	    .misc = MISC_ACT_HLT | MISC_ACT_SHUTDOWN,
	    .phys_bits = PHYS_BITS,
	    .virt_bits = 48,
	    .l1_ia32e = true,
	    .current_vmcs = CUR_VMCS,
	    .in_l1 = in_l1,
	    .read_l1_u32 = read_l1,
	};
}

static void seg(struct vmcs12 *v, int s, uint16_t sel, uint32_t ar, uint32_t limit)
{
	v->guest_sel[s] = sel;
	v->guest_ar[s] = ar;
	v->guest_limit[s] = limit;
	v->guest_base[s] = 0;
}

/* A 64-bit L2 under a 64-bit L1: EPT, VPID, I/O and MSR bitmaps, EFER loaded both ways. */
static void valid(struct vmcs12 *v)
{
	memset(v, 0, sizeof(*v));
	vtpr = 0x20;
	v->revision = VMCS12_REVISION;
	v->pin_ctls = PIN_DEFAULT1 | PIN_EXT_INTR_EXIT | PIN_NMI_EXIT;
	v->proc_ctls =
	    PROC_DEFAULT1 | PROC_HLT_EXIT | PROC_IO_BITMAPS | PROC_MSR_BITMAPS | PROC_SECONDARY;
	v->proc2_ctls = PROC2_EPT | PROC2_VPID;
	v->exit_ctls = EXIT_DEFAULT1 | EXIT_HOST_64 | EXIT_ACK_INTR | EXIT_LOAD_EFER;
	v->entry_ctls = ENTRY_DEFAULT1 | ENTRY_IA32E | ENTRY_LOAD_EFER;
	v->vpid = 1;
	v->ept_pointer = EPTP_WB4;
	v->io_bitmap_a = 0x20000;
	v->io_bitmap_b = 0x21000;
	v->msr_bitmap = 0x22000;
	v->host_cr0 = 0x80050033ULL;
	v->host_cr3 = 0x1000;
	v->host_cr4 = CR4_64;
	v->host_efer = EFER_64;
	v->host_cs_sel = 0x08;
	v->host_ss_sel = v->host_ds_sel = v->host_es_sel = 0x10;
	v->host_tr_sel = 0x18;
	v->host_rip = 0xffffffff80001000ULL;
	v->guest_cr0 = CR0_64;
	v->guest_cr3 = 0x3000;
	v->guest_cr4 = CR4_64;
	v->guest_efer = EFER_64;
	v->guest_dr7 = 0x400;
	v->guest_rflags = 0x2;
	v->guest_rip = 0x401000;
	for (int s = 0; s < VMCS12_SEGS; s++)
		seg(v, s, 0, AR_UNUSABLE, 0);
	seg(v, SEG_CS, 0x08, AR_CODE64, 0xffffffff);
	seg(v, SEG_SS, 0x10, AR_DATA, 0xffffffff);
	seg(v, SEG_TR, 0x18, AR_TSS_BUSY, 0x67);
	v->guest_gdtr_limit = 0x1f;
	v->guest_idtr_limit = 0xfff;
	v->vmcs_link_ptr = VMCS_LINK_NONE;
}

/* A guest in 32-bit protected mode with PAE paging. */
static void to_32bit(struct vmcs12 *v)
{
	v->entry_ctls &= ~ENTRY_IA32E;
	v->guest_efer = EFER_32;
	v->guest_ar[SEG_CS] = AR_CODE32;
}

/* An unrestricted guest in real mode: no paging, no protection. */
static void to_real(struct vmcs12 *v)
{
	v->proc2_ctls |= PROC2_UNRESTRICT;
	v->entry_ctls &= ~ENTRY_IA32E;
	v->guest_efer = 0;
	v->guest_cr0 &= ~(CR0_PG | CR0_PE);
}

/* A guest in virtual-8086 mode under a 32-bit protected-mode kernel. */
static void to_v86(struct vmcs12 *v)
{
	static const int segs[] = {SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS};

	to_32bit(v);
	v->guest_rflags |= RFLAGS_VM;
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		seg(v, segs[i], (uint16_t)(0x1000 + i), AR_V86, 0xffff);
		v->guest_base[segs[i]] = (0x1000 + i) << 4;
	}
}

/* A 64-bit L2 at CPL 3. */
static void to_ring3(struct vmcs12 *v)
{
	seg(v, SEG_CS, 0x2b, AR_CODE64 | 0x60, 0xffffffff);
	seg(v, SEG_SS, 0x23, AR_DATA | 0x60, 0xffffffff);
}

/* A 32-bit L1 (host) with a 32-bit L2. */
static void to_32bit_host(struct vmcs12 *v, struct vmcs12_env *e)
{
	e->l1_ia32e = false;
	v->exit_ctls &= ~(EXIT_HOST_64 | EXIT_LOAD_EFER);
	v->host_rip = 0x80001000;
	to_32bit(v);
}

enum outcome { CTL, HOST, GUEST, LINK, PDPTE };

/* One rule: @set(bad = false) leaves it just met, @set(bad = true) just broken. */
struct rule {
	const char *name;
	void (*set)(struct vmcs12 *v, struct vmcs12_env *e, bool bad);
	enum outcome outcome;
	const char *text; /* a piece of the failing check's text */
};

#define RULE(fn, ...)                                                    \
	static void fn(struct vmcs12 *v, struct vmcs12_env *e, bool bad) \
	{                                                                \
		(void)v;                                                 \
		(void)e;                                                 \
		(void)bad;                                               \
		__VA_ARGS__;                                             \
	}

/* 26.2.1.1 */
RULE(pin_must1, v->pin_ctls &= bad ? ~2U : ~0U; v->pin_ctls |= PIN_VIRTUAL_NMIS)
RULE(pin_may1, v->pin_ctls |= bad ? PIN_POSTED_INTR : PIN_PREEMPT_TIMER)
RULE(proc_must1, v->proc_ctls &= bad ? ~2U : ~PROC_CR3_LOAD)
RULE(proc_may1, v->proc_ctls |= bad ? 1U : PROC_MTF)
RULE(proc2_may1, v->proc2_ctls |= bad ? 4U : PROC2_RDTSCP)
RULE(proc2_off, v->proc2_ctls = bad ? 4U : 0xffffffffU; if (!bad) v->proc_ctls &= ~PROC_SECONDARY)
RULE(cr3_targets, v->cr3_target_count = bad ? 5 : 4)
RULE(io_a_align, v->io_bitmap_a = bad ? 0x20800 : LAST_PAGE)
RULE(io_a_l1, v->io_bitmap_a = bad ? L1_MEM_END : LAST_PAGE)
RULE(io_a_pa, v->io_bitmap_a = bad ? BEYOND_PA : LAST_PAGE)
RULE(io_b_align, v->io_bitmap_b = 0x21008; if (!bad) v->proc_ctls &= ~PROC_IO_BITMAPS)
RULE(msr_bm, v->msr_bitmap = bad ? LAST_PAGE + 0x800 : LAST_PAGE)
RULE(msr_bm_off, v->msr_bitmap = BEYOND_PA; if (!bad) v->proc_ctls &= ~PROC_MSR_BITMAPS)
RULE(vapic_align, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC + (bad ? 0x10 : 0))
RULE(tpr_rsvd, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC; vtpr = 0xf0;
     v->tpr_threshold = bad ? 0x10 : 0xf)
RULE(tpr_rsvd_vintr, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC;
     v->tpr_threshold = 0x10; if (!bad) v->proc2_ctls |= PROC2_VINTR)
RULE(tpr_vtpr, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC; vtpr = 0x20;
     v->tpr_threshold = bad ? 3 : 2)
RULE(tpr_vtpr_apic, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC; vtpr = 0;
     v->tpr_threshold = 3; v->apic_access_addr = APIC_PAGE;
     if (!bad) v->proc2_ctls |= PROC2_APIC_ACCESS)
RULE(x2apic_no_tpr, v->proc2_ctls |= PROC2_X2APIC_MODE; v->virtual_apic_addr = VAPIC;
     if (!bad) v->proc_ctls |= PROC_TPR_SHADOW)
RULE(vintr_no_tpr, v->proc2_ctls |= PROC2_VINTR; v->virtual_apic_addr = VAPIC;
     if (!bad) v->proc_ctls |= PROC_TPR_SHADOW)
RULE(x2apic_apic, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC;
     v->apic_access_addr = APIC_PAGE;
     v->proc2_ctls |= PROC2_X2APIC_MODE | (bad ? PROC2_APIC_ACCESS : 0))
RULE(vintr_ext, v->proc_ctls |= PROC_TPR_SHADOW; v->virtual_apic_addr = VAPIC;
     v->proc2_ctls |= PROC2_VINTR; if (bad) v->pin_ctls &= ~PIN_EXT_INTR_EXIT)
RULE(apic_page, v->proc2_ctls |= PROC2_APIC_ACCESS;
     v->apic_access_addr = bad ? APIC_PAGE + 1 : APIC_PAGE)
RULE(vnmi, v->pin_ctls |= PIN_VIRTUAL_NMIS; if (bad) v->pin_ctls &= ~PIN_NMI_EXIT)
RULE(nmi_window, v->proc_ctls |= PROC_NMI_WINDOW; if (!bad) v->pin_ctls |= PIN_VIRTUAL_NMIS)
RULE(vpid0, v->vpid = bad ? 0 : 0xffff)
RULE(vpid0_off, v->vpid = 0; if (!bad) v->proc2_ctls &= ~PROC2_VPID)
RULE(eptp_uc, v->ept_pointer = EPTP_WB4 & ~EPTP_MT_MASK; if (!bad) e->ept_vpid_cap |= EPT_CAP_UC)
RULE(eptp_mt7, v->ept_pointer = EPTP_WB4 | (bad ? 1 : 0))
RULE(eptp_walk5, v->ept_pointer = EPTP_WB4 + (1 << EPTP_WALK_SHIFT);
     if (!bad) e->ept_vpid_cap |= EPT_CAP_WALK_5)
RULE(eptp_walk3, v->ept_pointer = EPTP_WB4 - (bad ? 1 << EPTP_WALK_SHIFT : 0))
RULE(eptp_ad, v->ept_pointer = EPTP_WB4 | EPTP_AD; if (bad) e->ept_vpid_cap &= ~EPT_CAP_AD)
RULE(eptp_rsvd, v->ept_pointer = EPTP_WB4 | (bad ? 0x100 : 0x1000))
RULE(eptp_pa, v->ept_pointer = (bad ? BEYOND_PA : BEYOND_PA - PAGE_4K) | 0x1e)
RULE(ug_no_ept, v->proc2_ctls |= PROC2_UNRESTRICT; if (bad) v->proc2_ctls &= ~PROC2_EPT)
RULE(vmread_bm, v->proc2_ctls |= PROC2_VMCS_SHADOW; v->vmwrite_bitmap = 0x24000;
     v->vmread_bitmap = bad ? 0x23800 : 0x23000)
RULE(vmwrite_bm, v->proc2_ctls |= PROC2_VMCS_SHADOW; v->vmread_bitmap = 0x23000;
     v->vmwrite_bitmap = bad ? L1_MEM_END : LAST_PAGE)
/* 26.2.1.2 */
RULE(exit_must1, v->exit_ctls &= bad ? ~1U : ~EXIT_SAVE_DEBUG)
RULE(preempt_save, v->exit_ctls |= EXIT_SAVE_PREEMPT; if (!bad) v->pin_ctls |= PIN_PREEMPT_TIMER)
RULE(store_align, v->exit_msr_store_count = 1; v->exit_msr_store_addr = MSR_LIST + (bad ? 8 : 16))
RULE(store_empty, v->exit_msr_store_addr = BEYOND_PA + 8; v->exit_msr_store_count = bad ? 1 : 0)
RULE(load_end, v->exit_msr_load_count = 1;
     v->exit_msr_load_addr = bad ? L1_MEM_END : L1_MEM_END - 16)
RULE(load_count, v->exit_msr_load_addr = MSR_LIST; v->exit_msr_load_count = bad ? 513 : 512)
RULE(load_count_misc, v->exit_msr_load_addr = MSR_LIST; e->misc |= 1ULL << MISC_MSR_LIST_SHIFT;
     v->exit_msr_load_count = bad ? 1025 : 1024)
/* 26.2.1.3 */
RULE(entry_may1, v->entry_ctls |= bad ? 1U << 13 : ENTRY_LOAD_PAT; v->guest_pat = PAT_OK)
RULE(entry_list, v->entry_msr_load_count = 2;
     v->entry_msr_load_addr = bad ? L1_MEM_END - 16 : L1_MEM_END - 32)
RULE(entry_smm, if (bad) v->entry_ctls |= ENTRY_SMM)
RULE(entry_dual, if (bad) v->entry_ctls |= ENTRY_DUAL_MON)
RULE(ev_type1, v->guest_rflags |= RFLAGS_IF;
     v->entry_intr_info = EV(bad ? INTR_TYPE_RESERVED : INTR_TYPE_EXT_INTR, 32))
RULE(ev_other, v->entry_intr_info = EV(INTR_TYPE_OTHER, 0);
     if (bad) e->proc &= ~((uint64_t)PROC_MTF << 32))
RULE(ev_other_vec, v->entry_intr_info = EV(INTR_TYPE_OTHER, bad ? 1 : 0))
RULE(ev_nmi_vec, v->entry_intr_info = EV(INTR_TYPE_NMI, bad ? 3 : 2))
RULE(ev_exc_vec, v->entry_intr_info = EV(INTR_TYPE_HW_EXC, bad ? 32 : 31))
RULE(ev_gp_no_err, v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 13) | (bad ? 0 : INTR_INFO_ERROR))
RULE(ev_ud_err, v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 6) | (bad ? INTR_INFO_ERROR : 0))
RULE(ev_real_err, to_real(v);
     v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 13) | (bad ? INTR_INFO_ERROR : 0))
RULE(ev_sw_err, v->entry_insn_len = 2;
     v->entry_intr_info = EV(INTR_TYPE_SW_EXC, 13) | (bad ? INTR_INFO_ERROR : 0))
RULE(ev_err_bits, v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 14) | INTR_INFO_ERROR;
     v->entry_exc_error = bad ? 0x10000 : 0xffff)
RULE(ev_rsvd, v->entry_intr_info = EV(INTR_TYPE_NMI, 2) | (bad ? 1U << 12 : 0))
RULE(ev_len_max, v->entry_intr_info = EV(INTR_TYPE_SW_INTR, 0x80);
     v->entry_insn_len = bad ? 16 : 15)
RULE(ev_len_0, v->entry_intr_info = EV(INTR_TYPE_PRIV_SW, 1); v->entry_insn_len = bad ? 0 : 1)
RULE(ev_len_0_misc, v->entry_intr_info = EV(INTR_TYPE_SW_EXC, 3); v->entry_insn_len = 0;
     if (!bad) e->misc |= MISC_INSN_LEN_0)
/* 26.2.2 */
RULE(hcr0_fixed0, v->host_cr0 &= bad ? ~CR0_PE : ~(1ULL << 16))
RULE(hcr0_fixed1, v->host_cr0 |= bad ? 1ULL << 32 : 1ULL << 30)
RULE(hcr4_fixed0, v->host_cr4 &= bad ? ~0x2000ULL : ~0x80ULL)
RULE(hcr4_fixed1, v->host_cr4 |= bad ? 1ULL << 22 : 1ULL << 21)
RULE(hcr3, v->host_cr3 = bad ? BEYOND_PA : BEYOND_PA - PAGE_4K)
RULE(hsysenter_esp, v->host_sysenter_esp = bad ? NONCANON : CANON_TOP)
RULE(hsysenter_eip, v->host_sysenter_eip = bad ? ~CANON_TOP - 1 : ~CANON_TOP)
RULE(hsysenter_la57, e->virt_bits = 57;
     v->host_sysenter_eip = bad ? 0x0100000000000000ULL : 0x00ffffffffffffffULL)
RULE(hpat, v->exit_ctls |= EXIT_LOAD_PAT; v->host_pat = (PAT_OK & ~0xffULL) | (bad ? 2 : 1))
RULE(hpat8, v->exit_ctls |= EXIT_LOAD_PAT; v->host_pat = bad ? 8ULL << 56 : 7ULL << 56)
RULE(hpat_off, v->host_pat = 2; if (bad) v->exit_ctls |= EXIT_LOAD_PAT)
RULE(hefer_rsvd, v->host_efer |= bad ? 2 : 1)
RULE(hefer_lma, if (bad) v->host_efer &= ~EFER_LMA)
RULE(hefer_lme, if (bad) v->host_efer &= ~EFER_LME)
/* 26.2.3 */
RULE(hsel_rpl, v->host_ds_sel = bad ? 0x13 : 0x10)
RULE(hsel_ti, v->host_tr_sel = bad ? 0x1c : 0x18)
RULE(hcs_null, v->host_cs_sel = bad ? 0 : 8)
RULE(htr_null, v->host_tr_sel = bad ? 0 : 0x18)
RULE(hss_null, v->host_ss_sel = 0; if (bad) to_32bit_host(v, e))
RULE(hfs_base, v->host_fs_base = bad ? NONCANON : CANON_TOP)
RULE(hgs_base, v->host_gs_base = bad ? NONCANON : CANON_TOP)
RULE(hgdtr_base, v->host_gdtr_base = bad ? NONCANON : CANON_TOP)
RULE(htr_base, v->host_tr_base = bad ? NONCANON : CANON_TOP)
RULE(hidtr_base, v->host_idtr_base = bad ? NONCANON : CANON_TOP)
/* 26.2.4 */
RULE(hmode_guest, if (bad) e->l1_ia32e = false)
RULE(hmode_host64, to_32bit_host(v, e); if (bad) v->exit_ctls |= EXIT_HOST_64)
RULE(hmode_l1_64, if (bad) v->exit_ctls &= ~(EXIT_HOST_64 | EXIT_LOAD_EFER))
RULE(hmode_pcide, to_32bit_host(v, e); if (bad) v->host_cr4 |= CR4_PCIDE)
RULE(hmode_rip32, to_32bit_host(v, e); v->host_rip = bad ? 1ULL << 32 : 0xffffffffULL)
RULE(hmode_pae, if (bad) v->host_cr4 &= ~CR4_PAE)
RULE(hmode_rip64, v->host_rip = bad ? NONCANON : CANON_TOP)
/* 26.3.1.1 */
RULE(gcr0_fixed0, to_real(v); if (bad) v->proc2_ctls &= ~PROC2_UNRESTRICT)
RULE(gcr0_ne, v->guest_cr0 &= bad ? ~(1ULL << 5) : ~(1ULL << 4))
RULE(gcr0_fixed1, v->guest_cr0 |= bad ? 1ULL << 32 : 1ULL << 16)
RULE(gcr0_pg_pe, to_real(v); v->guest_cr0 |= bad ? CR0_PG : CR0_PE)
RULE(gcr4_fixed0, v->guest_cr4 &= bad ? ~0x2000ULL : ~0x80ULL)
RULE(gcr4_fixed1, v->guest_cr4 |= bad ? 1ULL << 22 : 1ULL << 21)
RULE(g64_pg, v->proc2_ctls |= PROC2_UNRESTRICT; v->guest_cr0 &= ~CR0_PG; if (!bad) to_real(v))
RULE(g64_pae, if (bad) v->guest_cr4 &= ~CR4_PAE)
RULE(g32_pcide, v->guest_cr4 |= CR4_PCIDE; if (bad) to_32bit(v))
RULE(gcr3, v->guest_cr3 = bad ? BEYOND_PA : BEYOND_PA - PAGE_4K)
RULE(gdebugctl, v->entry_ctls |= ENTRY_LOAD_DEBUG; v->guest_debugctl = bad ? 4 : 2)
RULE(gdr7, v->guest_dr7 = 1ULL << 32; if (bad) v->entry_ctls |= ENTRY_LOAD_DEBUG)
RULE(gsysenter, v->guest_sysenter_esp = bad ? NONCANON : CANON_TOP)
RULE(gsysenter_eip, v->guest_sysenter_eip = bad ? ~CANON_TOP - 1 : ~CANON_TOP)
RULE(gpat, v->entry_ctls |= ENTRY_LOAD_PAT;
     v->guest_pat = (PAT_OK & ~0xff00ULL) | (bad ? 3ULL << 8 : 1ULL << 8))
RULE(gefer_rsvd, v->guest_efer |= bad ? 1ULL << 9 : 0)
RULE(gefer_lma, if (bad) v->guest_efer &= ~EFER_LMA)
RULE(gefer_lme, to_real(v); v->guest_efer = EFER_LME; if (bad) v->guest_cr0 |= CR0_PG | CR0_PE)
/* 26.3.1.2 */
RULE(gtr_ti, v->guest_sel[SEG_TR] = bad ? 0x1c : 0x18)
RULE(gldtr_ti, seg(v, SEG_LDTR, bad ? 0x24 : 0x20, AR_LDT, 0xffff))
RULE(gldtr_ti_unusable, v->guest_sel[SEG_LDTR] = 0x24;
     if (bad) seg(v, SEG_LDTR, 0x24, AR_LDT, 0xffff))
RULE(gss_rpl, v->guest_sel[SEG_SS] = 0x13; if (!bad) v->proc2_ctls |= PROC2_UNRESTRICT)
RULE(gtr_base, v->guest_base[SEG_TR] = bad ? NONCANON : CANON_TOP)
RULE(gfs_base, v->guest_base[SEG_FS] = bad ? NONCANON : CANON_TOP)
RULE(ggs_base, v->guest_base[SEG_GS] = bad ? NONCANON : ~CANON_TOP)
RULE(gldtr_base, v->guest_base[SEG_LDTR] = NONCANON;
     if (bad) seg(v, SEG_LDTR, 0x20, AR_LDT, 0xffff), v->guest_base[SEG_LDTR] = NONCANON)
RULE(gcs_base, v->guest_base[SEG_CS] = bad ? 1ULL << 32 : 0xffffffffULL)
RULE(gss_base, v->guest_base[SEG_SS] = bad ? 1ULL << 32 : 0xffffffffULL)
RULE(gds_base, v->guest_base[SEG_DS] = 1ULL << 32;
     if (bad) seg(v, SEG_DS, 0x10, AR_DATA, ~0U), v->guest_base[SEG_DS] = 1ULL << 32)
RULE(ges_base, seg(v, SEG_ES, 0x10, AR_DATA, ~0U); v->guest_base[SEG_ES] = 1ULL << 32;
     if (!bad) v->guest_ar[SEG_ES] |= AR_UNUSABLE)
RULE(v86_base, to_v86(v); if (bad) v->guest_base[SEG_CS] += 1)
RULE(v86_limit, to_v86(v); if (bad) v->guest_limit[SEG_DS] = 0xfffe)
RULE(v86_ar, to_v86(v); if (bad) v->guest_ar[SEG_GS] = 0xf2)
RULE(gcs_type, v->guest_ar[SEG_CS] = bad ? 0xa098 : 0xa099)
RULE(gcs_data, v->guest_ar[SEG_CS] = 0xa093; if (!bad) v->proc2_ctls |= PROC2_UNRESTRICT)
RULE(gcs_s, v->guest_ar[SEG_CS] = bad ? 0xa08b : AR_CODE64)
RULE(gcs_data_dpl, v->proc2_ctls |= PROC2_UNRESTRICT; v->guest_ar[SEG_CS] = bad ? 0xa0f3 : 0xa093)
RULE(gcs_dpl_nc, to_ring3(v); if (bad) v->guest_ar[SEG_CS] = AR_CODE64)
RULE(gcs_dpl_c, v->guest_ar[SEG_CS] = bad ? 0xa0ff : 0xa09f)
RULE(gcs_p, v->guest_ar[SEG_CS] = bad ? AR_CODE64 & ~0x80U : AR_CODE64)
RULE(gcs_rsvd, v->guest_ar[SEG_CS] = AR_CODE64 | (bad ? 0x100 : 0x1000))
RULE(gcs_g0, v->guest_limit[SEG_CS] = 0xffffe; if (!bad) v->guest_ar[SEG_CS] &= ~0x8000U)
RULE(gcs_g1, v->guest_ar[SEG_CS] &= ~0x8000U; v->guest_limit[SEG_CS] = bad ? 0x100000 : 0xfffff)
RULE(gcs_l_db, v->guest_ar[SEG_CS] |= bad ? 0x4000 : 0)
RULE(gss_type, v->guest_ar[SEG_SS] = bad ? 0xc091 : 0xc097)
RULE(gss_dpl_rpl, seg(v, SEG_CS, 0x0b, 0xa09f, ~0U);
     seg(v, SEG_SS, 0x13, bad ? AR_DATA : AR_DATA | 0x60, ~0U))
RULE(gss_dpl_real, to_real(v); v->guest_ar[SEG_CS] = 0xc09f; v->guest_sel[SEG_SS] = 0x13;
     v->guest_ar[SEG_SS] = bad ? AR_DATA | 0x60 : AR_DATA)
RULE(gss_p, v->guest_ar[SEG_SS] = AR_DATA & ~0x80U; if (!bad) v->guest_ar[SEG_SS] |= AR_UNUSABLE)
RULE(gds_accessed, seg(v, SEG_DS, 0x10, bad ? 0xc092 : AR_DATA, ~0U))
RULE(gds_exec_only, seg(v, SEG_DS, 0x10, bad ? 0xc099 : 0xc09b, ~0U))
RULE(gds_s, seg(v, SEG_DS, 0x10, bad ? 0xc083 : AR_DATA, ~0U))
RULE(gds_dpl, seg(v, SEG_ES, 0x13, bad ? AR_DATA : AR_DATA | 0x60, ~0U))
RULE(gds_dpl_conf, seg(v, SEG_FS, 0x13, bad ? 0xc09b : 0xc09f, ~0U))
RULE(gds_p, seg(v, SEG_GS, 0x10, bad ? AR_DATA & ~0x80U : AR_DATA, ~0U))
RULE(gtr_type64, v->guest_ar[SEG_TR] = 0x83; if (!bad) to_32bit(v))
RULE(gtr_type32, to_32bit(v); v->guest_ar[SEG_TR] = bad ? 0x89 : 0x83)
RULE(gtr_s, v->guest_ar[SEG_TR] = AR_TSS_BUSY | (bad ? 0x10 : 0))
RULE(gtr_unusable, v->guest_ar[SEG_TR] = AR_TSS_BUSY | (bad ? AR_UNUSABLE : 0))
RULE(gtr_g, v->guest_ar[SEG_TR] = AR_TSS_BUSY | (bad ? 0x8000 : 0))
RULE(gldtr_type, seg(v, SEG_LDTR, 0x20, bad ? 0x83 : AR_LDT, 0xffff))
RULE(gldtr_p, seg(v, SEG_LDTR, 0x20, bad ? 0x02 : AR_LDT, 0xffff))
/* 26.3.1.3 */
RULE(ggdtr_base, v->guest_gdtr_base = bad ? NONCANON : CANON_TOP)
RULE(gidtr_base, v->guest_idtr_base = bad ? NONCANON : CANON_TOP)
RULE(ggdtr_limit, v->guest_gdtr_limit = bad ? 0x10000 : 0xffff)
RULE(gidtr_limit, v->guest_idtr_limit = bad ? 0x10000 : 0xffff)
/* 26.3.1.4 */
RULE(grip32, to_32bit(v); v->guest_rip = bad ? 1ULL << 32 : 0xffffffffULL)
RULE(grip64, v->guest_rip = bad ? NONCANON : CANON_TOP)
RULE(grflags_rsvd, v->guest_rflags |= bad ? 1ULL << 22 : 1ULL << 21)
RULE(grflags_rsvd15, v->guest_rflags |= bad ? 1ULL << 15 : 1ULL << 14)
RULE(grflags_1, if (bad) v->guest_rflags = 0)
RULE(grflags_vm64, to_v86(v); if (bad) v->entry_ctls |= ENTRY_IA32E, v->guest_efer = EFER_64)
RULE(grflags_vm_real, to_v86(v);
     if (bad) v->proc2_ctls |= PROC2_UNRESTRICT, v->guest_cr0 &= ~(CR0_PE | CR0_PG))
RULE(grflags_if, v->entry_intr_info = EV(INTR_TYPE_EXT_INTR, 0x20);
     if (!bad) v->guest_rflags |= RFLAGS_IF)
/* 26.3.1.5 */
RULE(act_4, v->guest_activity = bad ? 4 : 2)
RULE(act_sipi, v->guest_activity = ACT_WAIT_SIPI; if (!bad) e->misc |= MISC_ACT_SIPI)
RULE(act_hlt, v->guest_activity = ACT_HLT; if (bad) e->misc &= ~MISC_ACT_HLT)
RULE(act_hlt_dpl, v->guest_activity = ACT_HLT; if (bad) to_ring3(v))
RULE(act_hlt_sti, v->guest_activity = ACT_HLT; v->guest_rflags |= RFLAGS_IF;
     if (bad) v->guest_intr_state = INTR_BLOCK_STI)
RULE(act_hlt_ev, v->guest_activity = ACT_HLT; v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 18);
     if (bad) v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 6))
RULE(act_hlt_sw, v->guest_activity = ACT_HLT; v->entry_insn_len = 2;
     v->entry_intr_info = EV(INTR_TYPE_HW_EXC, 1);
     if (bad) v->entry_intr_info = EV(INTR_TYPE_SW_INTR, 1))
RULE(act_shut_ev, v->guest_activity = ACT_SHUTDOWN; v->guest_rflags |= RFLAGS_IF;
     v->entry_intr_info = EV(bad ? INTR_TYPE_EXT_INTR : INTR_TYPE_NMI, bad ? 0x20 : 2))
RULE(act_sipi_ev, v->guest_activity = ACT_WAIT_SIPI; e->misc |= MISC_ACT_SIPI;
     if (bad) v->entry_intr_info = EV(INTR_TYPE_NMI, 2))
RULE(is_rsvd, v->guest_intr_state = bad ? 0x10 : INTR_BLOCK_NMI)
RULE(is_sti_movss, v->guest_rflags |= RFLAGS_IF;
     v->guest_intr_state = INTR_BLOCK_STI | (bad ? INTR_BLOCK_MOV_SS : 0))
RULE(is_sti_if, v->guest_intr_state = INTR_BLOCK_STI; if (!bad) v->guest_rflags |= RFLAGS_IF)
RULE(is_ext_movss, v->guest_rflags |= RFLAGS_IF; v->entry_intr_info = EV(INTR_TYPE_EXT_INTR, 0x20);
     if (bad) v->guest_intr_state = INTR_BLOCK_MOV_SS)
RULE(is_nmi_movss, v->guest_rflags |= RFLAGS_IF; v->entry_intr_info = EV(INTR_TYPE_NMI, 2);
     v->guest_intr_state = bad ? INTR_BLOCK_MOV_SS : INTR_BLOCK_STI)
RULE(is_smi, v->guest_intr_state = bad ? INTR_BLOCK_SMI : 0)
RULE(is_vnmi, v->entry_intr_info = EV(INTR_TYPE_NMI, 2); v->guest_intr_state = INTR_BLOCK_NMI;
     if (bad) v->pin_ctls |= PIN_VIRTUAL_NMIS)
RULE(pd_rsvd, v->guest_pending_dbg = bad ? 0x10 : PEND_DBG_VALID)
RULE(pd_bs_set, v->guest_rflags |= RFLAGS_IF | RFLAGS_TF; v->guest_intr_state = INTR_BLOCK_STI;
     v->guest_pending_dbg = bad ? 0 : PEND_DBG_BS)
RULE(pd_bs_clear, v->guest_activity = ACT_HLT; v->guest_pending_dbg = PEND_DBG_BS;
     if (!bad) v->guest_rflags |= RFLAGS_TF)
RULE(pd_bs_btf, v->guest_activity = ACT_HLT; v->guest_rflags |= RFLAGS_TF;
     v->guest_debugctl = DEBUGCTL_BTF; v->guest_pending_dbg = bad ? PEND_DBG_BS : 0)
RULE(link_align, v->vmcs_link_ptr = LINK_VMCS + (bad ? 8 : 0))
RULE(link_pa, v->vmcs_link_ptr = bad ? BEYOND_PA : LINK_VMCS)
RULE(link_current, v->vmcs_link_ptr = bad ? CUR_VMCS : LINK_VMCS)
RULE(link_outside, v->vmcs_link_ptr = bad ? L1_MEM_END : LINK_VMCS)
RULE(link_revision, v->vmcs_link_ptr = bad ? 0x1000 : LINK_VMCS)
RULE(link_shadow, v->vmcs_link_ptr = LINK_SHADOW; v->vmread_bitmap = 0x23000;
     v->vmwrite_bitmap = 0x24000; if (!bad) v->proc2_ctls |= PROC2_VMCS_SHADOW)
RULE(link_not_shadow, v->vmcs_link_ptr = LINK_VMCS; v->vmread_bitmap = 0x23000;
     v->vmwrite_bitmap = 0x24000; if (bad) v->proc2_ctls |= PROC2_VMCS_SHADOW)
/* 26.3.1.6 */
RULE(pdpte_rsvd, to_32bit(v); v->guest_pdpte[1] = bad ? 0x5003 : 0x5019)
RULE(pdpte_rsvd5, to_32bit(v); v->guest_pdpte[3] = bad ? 0x5021 : 0x5e01)
RULE(pdpte_pa, to_32bit(v); v->guest_pdpte[0] = bad ? BEYOND_PA | 1 : (BEYOND_PA - PAGE_4K) | 1)
RULE(pdpte_absent, to_32bit(v); v->guest_pdpte[2] = bad ? ~0ULL : ~1ULL)
RULE(pdpte_no_ept, to_32bit(v); v->guest_pdpte[2] = ~0ULL; if (!bad) v->proc2_ctls &= ~PROC2_EPT)

static const struct rule rules[] = {
    {"pin allowed-0", pin_must1, CTL, "env->pin"},
    {"pin allowed-1", pin_may1, CTL, "env->pin"},
    {"proc allowed-0", proc_must1, CTL, "env->proc)"},
    {"proc allowed-1", proc_may1, CTL, "env->proc)"},
    {"proc2 allowed-1", proc2_may1, CTL, "env->proc2"},
    {"proc2 only with secondary", proc2_off, CTL, "env->proc2"},
    {"CR3-target count", cr3_targets, CTL, "cr3_target_count"},
    {"I/O bitmap A aligned", io_a_align, CTL, "io_bitmap_a"},
    {"I/O bitmap A in L1", io_a_l1, CTL, "io_bitmap_a"},
    {"I/O bitmap A within MAXPHYADDR", io_a_pa, CTL, "io_bitmap_a"},
    {"I/O bitmap B only with I/O bitmaps", io_b_align, CTL, "io_bitmap_b"},
    {"MSR bitmap aligned", msr_bm, CTL, "msr_bitmap"},
    {"MSR bitmap only with MSR bitmaps", msr_bm_off, CTL, "msr_bitmap"},
    {"virtual-APIC page aligned", vapic_align, CTL, "virtual_apic_addr"},
    {"TPR threshold 31:4", tpr_rsvd, CTL, "TPR_THRESH_RSVD"},
    {"TPR threshold 31:4 free with VID", tpr_rsvd_vintr, CTL, "TPR_THRESH_RSVD"},
    {"TPR threshold <= VTPR", tpr_vtpr, CTL, "vtpr_below_threshold"},
    {"TPR threshold free with APIC access", tpr_vtpr_apic, CTL, "vtpr_below_threshold"},
    {"x2APIC mode needs TPR shadow", x2apic_no_tpr, CTL, "!tpr && (p2"},
    {"VID needs TPR shadow", vintr_no_tpr, CTL, "!tpr && (p2"},
    {"x2APIC mode excludes APIC access", x2apic_apic, CTL, "PROC2_X2APIC_MODE) && (p2"},
    {"VID needs external-interrupt exiting", vintr_ext, CTL, "PIN_EXT_INTR_EXIT"},
    {"APIC-access page aligned", apic_page, CTL, "apic_access_addr"},
    {"virtual NMIs need NMI exiting", vnmi, CTL, "PIN_NMI_EXIT"},
    {"NMI-window exiting needs virtual NMIs", nmi_window, CTL, "PROC_NMI_WINDOW"},
    {"VPID non-zero", vpid0, CTL, "vpid == 0"},
    {"VPID free without enable VPID", vpid0_off, CTL, "vpid == 0"},
    {"EPTP UC only if offered", eptp_uc, CTL, "vmcs12_eptp_ok"},
    {"EPTP memory type 7", eptp_mt7, CTL, "vmcs12_eptp_ok"},
    {"EPTP 5 levels only if offered", eptp_walk5, CTL, "vmcs12_eptp_ok"},
    {"EPTP 3 levels", eptp_walk3, CTL, "vmcs12_eptp_ok"},
    {"EPTP A/D only if offered", eptp_ad, CTL, "vmcs12_eptp_ok"},
    {"EPTP bits 11:8", eptp_rsvd, CTL, "vmcs12_eptp_ok"},
    {"EPTP within MAXPHYADDR", eptp_pa, CTL, "vmcs12_eptp_ok"},
    {"unrestricted guest needs EPT", ug_no_ept, CTL, "PROC2_UNRESTRICT"},
    {"VMREAD bitmap aligned", vmread_bm, CTL, "vmread_bitmap"},
    {"VMWRITE bitmap in L1", vmwrite_bm, CTL, "vmwrite_bitmap"},
    {"exit allowed-0", exit_must1, CTL, "env->exit"},
    {"preemption-timer save needs the timer", preempt_save, CTL, "EXIT_SAVE_PREEMPT"},
    {"exit MSR-store list aligned", store_align, CTL, "exit_msr_store_addr"},
    {"empty MSR-store list unchecked", store_empty, CTL, "exit_msr_store_addr"},
    {"exit MSR-load list in L1", load_end, CTL, "exit_msr_load_addr"},
    {"exit MSR-load count bound", load_count, CTL, "exit_msr_load_addr"},
    {"MSR count bound from IA32_VMX_MISC", load_count_misc, CTL, "exit_msr_load_addr"},
    {"entry allowed-1", entry_may1, CTL, "env->entry"},
    {"entry MSR-load list in L1", entry_list, CTL, "entry_msr_load_addr"},
    {"entry to SMM", entry_smm, CTL, "ENTRY_SMM"},
    {"deactivate dual-monitor", entry_dual, CTL, "ENTRY_DUAL_MON"},
    {"event type 1 reserved", ev_type1, CTL, "INTR_TYPE_RESERVED"},
    {"other event only with MTF", ev_other, CTL, "mtf_offered"},
    {"other event vector 0", ev_other_vec, CTL, "INTR_TYPE_OTHER && vec != 0"},
    {"NMI vector 2", ev_nmi_vec, CTL, "VEC_NMI"},
    {"exception vector <= 31", ev_exc_vec, CTL, "VEC_LAST_EXC"},
    {"#GP delivers an error code", ev_gp_no_err, CTL, "error_code_expected"},
    {"#UD delivers none", ev_ud_err, CTL, "error_code_expected"},
    {"no error code in real mode", ev_real_err, CTL, "error_code_expected"},
    {"no error code for INT n", ev_sw_err, CTL, "error_code_expected"},
    {"error code bits 31:16", ev_err_bits, CTL, "ERROR_CODE_RSVD"},
    {"interruption info 30:12", ev_rsvd, CTL, "INTR_INFO_RESERVED"},
    {"instruction length <= 15", ev_len_max, CTL, "entry_insn_len"},
    {"instruction length >= 1", ev_len_0, CTL, "entry_insn_len"},
    {"instruction length 0 with MISC[30]", ev_len_0_misc, CTL, "entry_insn_len"},
    {"host CR0 fixed-0", hcr0_fixed0, HOST, "cr0_fixed0"},
    {"host CR0 fixed-1", hcr0_fixed1, HOST, "cr0_fixed1"},
    {"host CR4 fixed-0", hcr4_fixed0, HOST, "cr4_fixed0"},
    {"host CR4 fixed-1", hcr4_fixed1, HOST, "cr4_fixed1"},
    {"host CR3 within MAXPHYADDR", hcr3, HOST, "host_cr3"},
    {"host SYSENTER_ESP canonical", hsysenter_esp, HOST, "host_sysenter_esp"},
    {"host SYSENTER_EIP canonical", hsysenter_eip, HOST, "host_sysenter_eip"},
    {"host SYSENTER_EIP canonical, 57 bits", hsysenter_la57, HOST, "host_sysenter_eip"},
    {"host PAT type 2", hpat, HOST, "host_pat"},
    {"host PAT type 8", hpat8, HOST, "host_pat"},
    {"host PAT only if loaded", hpat_off, HOST, "host_pat"},
    {"host EFER reserved", hefer_rsvd, HOST, "EFER_VALID"},
    {"host EFER.LMA", hefer_lma, HOST, "EFER_LMA"},
    {"host EFER.LME", hefer_lme, HOST, "EFER_LME"},
    {"host selector RPL", hsel_rpl, HOST, "SEL_RPL_TI"},
    {"host selector TI", hsel_ti, HOST, "SEL_RPL_TI"},
    {"host CS non-null", hcs_null, HOST, "host_cs_sel == 0"},
    {"host TR non-null", htr_null, HOST, "host_tr_sel == 0"},
    {"host SS null only when 64-bit", hss_null, HOST, "host_ss_sel == 0"},
    {"host FS base canonical", hfs_base, HOST, "host_fs_base"},
    {"host GS base canonical", hgs_base, HOST, "host_gs_base"},
    {"host GDTR base canonical", hgdtr_base, HOST, "host_gdtr_base"},
    {"host TR base canonical", htr_base, HOST, "host_tr_base"},
    {"host IDTR base canonical", hidtr_base, HOST, "host_idtr_base"},
    {"IA-32e guest needs IA-32e L1", hmode_guest, HOST, "!env->l1_ia32e && ia32e_guest"},
    {"64-bit host needs IA-32e L1", hmode_host64, HOST, "!env->l1_ia32e && host_64"},
    {"IA-32e L1 needs 64-bit host", hmode_l1_64, HOST, "env->l1_ia32e && !host_64"},
    {"32-bit host without PCIDE", hmode_pcide, HOST, "CR4_PCIDE"},
    {"32-bit host RIP", hmode_rip32, HOST, "HIGH32(v->host_rip)"},
    {"64-bit host PAE", hmode_pae, HOST, "CR4_PAE"},
    {"64-bit host RIP canonical", hmode_rip64, HOST, "host_rip, env"},
    {"guest CR0 PE/PG fixed unless unrestricted", gcr0_fixed0, GUEST, "fixed0) != fixed0"},
    {"guest CR0.NE fixed", gcr0_ne, GUEST, "fixed0) != fixed0"},
    {"guest CR0 fixed-1", gcr0_fixed1, GUEST, "cr0_fixed1"},
    {"guest CR0.PG needs PE", gcr0_pg_pe, GUEST, "!(v->guest_cr0 & CR0_PE)"},
    {"guest CR4 fixed-0", gcr4_fixed0, GUEST, "cr4_fixed0"},
    {"guest CR4 fixed-1", gcr4_fixed1, GUEST, "cr4_fixed1"},
    {"IA-32e guest pages", g64_pg, GUEST, "ia32e_guest(v) && !(v->guest_cr0 & CR0_PG)"},
    {"IA-32e guest has PAE", g64_pae, GUEST, "ia32e_guest(v) && !(v->guest_cr4 & CR4_PAE)"},
    {"PCIDE only in IA-32e mode", g32_pcide, GUEST, "CR4_PCIDE"},
    {"guest CR3 within MAXPHYADDR", gcr3, GUEST, "guest_cr3"},
    {"guest DEBUGCTL reserved", gdebugctl, GUEST, "DEBUGCTL_RESERVED"},
    {"guest DR7 63:32 if loaded", gdr7, GUEST, "DR7_HIGH"},
    {"guest SYSENTER_ESP canonical", gsysenter, GUEST, "guest_sysenter_esp"},
    {"guest SYSENTER_EIP canonical", gsysenter_eip, GUEST, "guest_sysenter_eip"},
    {"guest PAT", gpat, GUEST, "guest_pat"},
    {"guest EFER reserved", gefer_rsvd, GUEST, "EFER_VALID"},
    {"guest EFER.LMA", gefer_lma, GUEST, "EFER_LMA"},
    {"guest EFER.LME with paging", gefer_lme, GUEST, "EFER_LME"},
    {"TR TI", gtr_ti, GUEST, "guest_sel[SEG_TR] & SEL_TI"},
    {"LDTR TI", gldtr_ti, GUEST, "guest_sel[SEG_LDTR] & SEL_TI"},
    {"LDTR TI only if usable", gldtr_ti_unusable, GUEST, "guest_sel[SEG_LDTR] & SEL_TI"},
    {"SS.RPL = CS.RPL", gss_rpl, GUEST, "SEL_RPL(v->guest_sel[SEG_CS])"},
    {"TR base canonical", gtr_base, GUEST, "guest_base[SEG_TR]"},
    {"FS base canonical", gfs_base, GUEST, "guest_base[SEG_FS]"},
    {"GS base canonical", ggs_base, GUEST, "guest_base[SEG_GS]"},
    {"LDTR base canonical if usable", gldtr_base, GUEST, "guest_base[SEG_LDTR]"},
    {"CS base 63:32", gcs_base, GUEST, "guest_base[SEG_CS]"},
    {"SS base 63:32", gss_base, GUEST, "guest_base[SEG_SS]"},
    {"DS base 63:32 if usable", gds_base, GUEST, "guest_base[SEG_DS]"},
    {"ES base 63:32 if usable", ges_base, GUEST, "guest_base[SEG_ES]"},
    {"virtual-8086 base", v86_base, GUEST, "V86_BASE_SHIFT"},
    {"virtual-8086 limit", v86_limit, GUEST, "V86_LIMIT"},
    {"virtual-8086 access rights", v86_ar, GUEST, "V86_AR"},
    {"CS type accessed code", gcs_type, GUEST, "!nonconf && !conf"},
    {"CS data type only unrestricted", gcs_data, GUEST, "!nonconf && !conf"},
    {"CS S", gcs_s, GUEST, "!(ar & AR_S)"},
    {"CS data type DPL 0", gcs_data_dpl, GUEST, "TYPE_DATA_RW_A && AR_DPL(ar) != 0"},
    {"CS non-conforming DPL = SS DPL", gcs_dpl_nc, GUEST, "nonconf && AR_DPL"},
    {"CS conforming DPL <= SS DPL", gcs_dpl_c, GUEST, "conf && AR_DPL(ar) > ss_dpl"},
    {"CS present", gcs_p, GUEST, "present_ok(v, SEG_CS)"},
    {"CS reserved bits", gcs_rsvd, GUEST, "present_ok(v, SEG_CS)"},
    {"CS G with a byte limit", gcs_g0, GUEST, "present_ok(v, SEG_CS)"},
    {"CS G with a large limit", gcs_g1, GUEST, "present_ok(v, SEG_CS)"},
    {"CS L and D/B", gcs_l_db, GUEST, "AR_DB"},
    {"SS type", gss_type, GUEST, "TYPE_DATA_RW_A_D"},
    {"SS DPL = RPL", gss_dpl_rpl, GUEST, "SEL_RPL(v->guest_sel[SEG_SS])"},
    {"SS DPL 0 in real mode", gss_dpl_real, GUEST, "real && AR_DPL"},
    {"SS present if usable", gss_p, GUEST, "present_ok(v, SEG_SS)"},
    {"DS accessed", gds_accessed, GUEST, "TYPE_ACCESSED"},
    {"DS code readable", gds_exec_only, GUEST, "TYPE_READABLE"},
    {"DS S", gds_s, GUEST, "!(ar & AR_S)"},
    {"ES DPL >= RPL", gds_dpl, GUEST, "TYPE_LAST_NONCONF"},
    {"FS DPL free when conforming", gds_dpl_conf, GUEST, "TYPE_LAST_NONCONF"},
    {"GS present", gds_p, GUEST, "present_ok(v, s)"},
    {"TR 64-bit busy TSS in IA-32e mode", gtr_type64, GUEST, "ia32e_guest(v) && AR_TYPE(tr)"},
    {"TR busy TSS", gtr_type32, GUEST, "TYPE_TSS16_BUSY"},
    {"TR S", gtr_s, GUEST, "AR_S | AR_UNUSABLE"},
    {"TR usable", gtr_unusable, GUEST, "AR_S | AR_UNUSABLE"},
    {"TR G", gtr_g, GUEST, "present_ok(v, SEG_TR)"},
    {"LDTR type", gldtr_type, GUEST, "TYPE_LDT"},
    {"LDTR present", gldtr_p, GUEST, "present_ok(v, SEG_LDTR)"},
    {"GDTR base canonical", ggdtr_base, GUEST, "guest_gdtr_base"},
    {"IDTR base canonical", gidtr_base, GUEST, "guest_idtr_base"},
    {"GDTR limit", ggdtr_limit, GUEST, "guest_gdtr_limit"},
    {"IDTR limit", gidtr_limit, GUEST, "guest_idtr_limit"},
    {"RIP 63:32 outside 64-bit code", grip32, GUEST, "HIGH32(v->guest_rip)"},
    {"RIP canonical in 64-bit code", grip64, GUEST, "guest_rip, env"},
    {"RFLAGS 63:22", grflags_rsvd, GUEST, "RFLAGS_RSVD"},
    {"RFLAGS bit 15", grflags_rsvd15, GUEST, "RFLAGS_RSVD"},
    {"RFLAGS bit 1", grflags_1, GUEST, "RFLAGS_FIXED1"},
    {"RFLAGS.VM not in IA-32e mode", grflags_vm64, GUEST, "RFLAGS_VM"},
    {"RFLAGS.VM not in real mode", grflags_vm_real, GUEST, "RFLAGS_VM"},
    {"RFLAGS.IF for an external interrupt", grflags_if, GUEST, "RFLAGS_IF"},
    {"activity state <= 3", act_4, GUEST, "ACT_WAIT_SIPI"},
    {"wait-for-SIPI only if offered", act_sipi, GUEST, "env->misc & offered"},
    {"HLT only if offered", act_hlt, GUEST, "env->misc & offered"},
    {"HLT at SS.DPL 0", act_hlt_dpl, GUEST, "ACT_HLT && AR_DPL"},
    {"HLT not under STI blocking", act_hlt_sti, GUEST, "INTR_BLOCK_STI | INTR_BLOCK_MOV_SS)"},
    {"HLT takes #MC, not #UD", act_hlt_ev, GUEST, "event_fits_activity"},
    {"HLT takes #DB, not INT n", act_hlt_sw, GUEST, "event_fits_activity"},
    {"shutdown takes NMI, not INTR", act_shut_ev, GUEST, "event_fits_activity"},
    {"wait-for-SIPI takes nothing", act_sipi_ev, GUEST, "event_fits_activity"},
    {"interruptibility 31:4", is_rsvd, GUEST, "INTR_STATE_RSVD"},
    {"STI and MOV SS blocking", is_sti_movss, GUEST, "(is & INTR_BLOCK_MOV_SS)"},
    {"STI blocking needs IF", is_sti_if, GUEST, "RFLAGS_IF"},
    {"external interrupt under MOV SS", is_ext_movss, GUEST, "INTR_TYPE_EXT_INTR"},
    {"NMI under MOV SS", is_nmi_movss, GUEST, "nmi && (is & INTR_BLOCK_MOV_SS)"},
    {"SMI blocking outside SMM", is_smi, GUEST, "INTR_BLOCK_SMI"},
    {"virtual-NMI blocking with an NMI", is_vnmi, GUEST, "INTR_BLOCK_NMI"},
    {"pending debug reserved", pd_rsvd, GUEST, "PEND_DBG_VALID"},
    {"pending BS when stepping", pd_bs_set, GUEST, "step && !(pd & PEND_DBG_BS)"},
    {"no pending BS without TF", pd_bs_clear, GUEST, "!step && (pd & PEND_DBG_BS)"},
    {"no pending BS with BTF", pd_bs_btf, GUEST, "!step && (pd & PEND_DBG_BS)"},
    {"link pointer aligned", link_align, LINK, "PAGE_OFFSET_MASK"},
    {"link pointer within MAXPHYADDR", link_pa, LINK, "pa_ok(link"},
    {"link pointer not the current VMCS", link_current, LINK, "current_vmcs"},
    {"link pointer in L1", link_outside, LINK, "link_revision_ok"},
    {"link pointer revision", link_revision, LINK, "link_revision_ok"},
    {"shadow link only with shadowing", link_shadow, LINK, "link_revision_ok"},
    {"ordinary link only without shadowing", link_not_shadow, LINK, "link_revision_ok"},
    {"PDPTE bit 1", pdpte_rsvd, PDPTE, "PDPTE_RSVD"},
    {"PDPTE bit 5", pdpte_rsvd5, PDPTE, "PDPTE_RSVD"},
    {"PDPTE within MAXPHYADDR", pdpte_pa, PDPTE, "PDPTE_RSVD"},
    {"absent PDPTE unchecked", pdpte_absent, PDPTE, "PDPTE_RSVD"},
    {"PDPTEs only with EPT", pdpte_no_ept, PDPTE, "PDPTE_RSVD"},
};

static bool expect_ok(const char *name, const struct vmcs12_fail *f)
{
	if (f->kind == VMCS12_OK)
		return true;
	print_error("%s: just valid, refused by \"%s\"\n", name, f->rule);
	return false;
}

static bool expect_refused(const struct rule *r, const struct vmcs12_fail *f)
{
	static const uint32_t err[] = {[CTL] = VMX_ERR_ENTRY_CONTROLS, [HOST] = VMX_ERR_ENTRY_HOST};
	static const uint64_t qual[] = {
	    [GUEST] = 0, [LINK] = ENTRY_QUAL_LINK, [PDPTE] = ENTRY_QUAL_PDPTE};

	bool as_vmfail = r->outcome == CTL || r->outcome == HOST;

	if (f->kind == VMCS12_OK) {
		print_error("%s: just invalid, accepted\n", r->name);
		return false;
	}
	if (!strstr(f->rule, r->text)) {
		print_error("%s: refused by \"%s\", not by a rule with \"%s\"\n", r->name, f->rule,
			    r->text);
		return false;
	}
	if (as_vmfail ? f->kind == VMCS12_FAIL_VALID && f->error == err[r->outcome]
		      : f->kind == VMCS12_FAIL_EXIT && f->exit_reason == EXIT_BAD_GUEST_STATE &&
			    f->exit_qual == qual[r->outcome])
		return true;
	print_error("%s: wrong outcome (kind %d error %u qualification %llu)\n", r->name, f->kind,
		    f->error, (unsigned long long)f->exit_qual);
	return false;
}

static void test_valid_passes(void **state)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;

	(void)state;
	base_env(&e);
	valid(&v);
	vmcs12_check_entry(&v, &e, &f);
	expect_ok("the 64-bit fixture", &f);
	assert_null(f.rule);
}

/* Each rule just met, then just broken, on its own. */
static void test_each_rule(void **state)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;
	unsigned int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		base_env(&e);
		valid(&v);
		rules[i].set(&v, &e, false);
		vmcs12_check_entry(&v, &e, &f);
		wrong += !expect_ok(rules[i].name, &f);
		base_env(&e);
		valid(&v);
		rules[i].set(&v, &e, true);
		vmcs12_check_entry(&v, &e, &f);
		wrong += !expect_refused(&rules[i], &f);
	}
	assert_int_equal(wrong, 0);
}

/* The SDM's order: controls before host state before guest state. */
static void test_first_failure_wins(void **state)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;

	(void)state;
	base_env(&e);
	valid(&v);
	v.guest_rflags = 0;
	v.host_tr_sel = 0;
	v.cr3_target_count = 5;
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.error, VMX_ERR_ENTRY_CONTROLS);
	v.cr3_target_count = 0;
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.error, VMX_ERR_ENTRY_HOST);
	v.host_tr_sel = 0x18;
	v.vmcs_link_ptr = 0x1000;
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.kind, VMCS12_FAIL_EXIT);
	assert_int_equal(f.exit_qual, 0);
	assert_non_null(strstr(f.rule, "26.3.1.4"));
}

/* The shapes the L1 test hypervisor gives (tests/guests/l1vmx/checks.c) fail as it expects. */
static void test_l1vmx_expectations(void **state)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;

	(void)state;
	base_env(&e);
	valid(&v);
	v.guest_ar[SEG_TR] = AR_TSS_BUSY | AR_UNUSABLE;
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.kind, VMCS12_FAIL_EXIT);
	assert_int_equal(f.exit_reason, EXIT_BAD_GUEST_STATE);
	valid(&v);
	v.vmcs_link_ptr = 0x1000;
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.exit_qual, ENTRY_QUAL_LINK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_passes),
	    cmocka_unit_test(test_each_rule),
	    cmocka_unit_test(test_first_failure_wins),
	    cmocka_unit_test(test_l1vmx_expectations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
