// SPDX-License-Identifier: BSD-2-Clause
// The VM-entry checks of a VMCS12 on its controls and host state (SDM Vol. 3C, 26.2): a valid
// 64-bit VMCS12 passes, each rule is met just and broken just (VMfailValid 7 or 8 with that
// rule's text), and the groups fail in the SDM's order.

#include "vmcs12_fixture.h"

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
};

static void test_valid_passes(void **state)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;

	(void)state;
	base_env(&e);
	valid(&v);
	vmcs12_check_entry(&v, &e, &f);
	assert_int_equal(f.kind, VMCS12_OK);
	assert_null(f.rule);
}

/* Each rule just met, then just broken, on its own. */
static void test_each_rule(void **state)
{
	(void)state;
	assert_int_equal(vmcs12_rules_broken(rules, sizeof(rules) / sizeof(rules[0])), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_passes),
	    cmocka_unit_test(test_each_rule),
	    cmocka_unit_test(test_first_failure_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
