// SPDX-License-Identifier: BSD-2-Clause
// The VM-entry checks of a VMCS12 on its guest state (SDM Vol. 3C, 26.3): each rule is met just
// and broken just (exit 33 with qualification 0, 4 for the link pointer, 2 for the PDPTEs, with
// that rule's text), and the shapes the L1 test hypervisor uses fail as it expects.

#include "vmcs12_fixture.h"

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

/* Each rule just met, then just broken, on its own. */
static void test_each_rule(void **state)
{
	(void)state;
	assert_int_equal(vmcs12_rules_broken(rules, sizeof(rules) / sizeof(rules[0])), 0);
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
	    cmocka_unit_test(test_each_rule),
	    cmocka_unit_test(test_l1vmx_expectations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
