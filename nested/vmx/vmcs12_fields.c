// SPDX-License-Identifier: BSD-2-Clause
// The VMCS12 field table (SDM Vol. 3C, Appendix B) and VMREAD/VMWRITE of one field (24.11.2).

#include "vmcs12.h"
#include "vmx/vmcs.h"

#define ENC_WIDTH(enc) (((enc) >> VMCS_ENC_WIDTH_SHIFT) & VMCS_ENC_WIDTH_MASK)
#define WIDTH_BYTES(w) ((w) == VMCS_W16 ? 2U : (w) == VMCS_W32 ? 4U : 8U)
#define MEMBER_SIZE(m) sizeof(((struct vmcs12 *)0)->m)
/* A row whose member is not as wide as its encoding says does not compile. */
#define SIZE_GUARD(enc, m) \
	(0 * sizeof(char[MEMBER_SIZE(m) == WIDTH_BYTES(ENC_WIDTH(enc)) ? 1 : -1]))
#define ROW(enc, m, sh)                                                             \
	{                                                                           \
		(enc), (uint16_t)(offsetof(struct vmcs12, m) + SIZE_GUARD(enc, m)), \
		    ENC_WIDTH(enc), (sh)                                            \
	}
#define SHADOW true /* L1 touches it on every exit or entry: worth no exit under VMCS shadowing */
#define NOSHAD false
#define SEG_ROWS(s)                                                                           \
	ROW(GUEST_SEL(s), guest_sel[s], SHADOW), ROW(GUEST_LIMIT(s), guest_limit[s], SHADOW), \
	    ROW(GUEST_AR(s), guest_ar[s], SHADOW), ROW(GUEST_BASE(s), guest_base[s], SHADOW)
#define LOW32 0xffffffffULL

/* Control fields L0 must see change (controls, bitmaps, EPTP, VPID, MSR lists, the link
 * pointer) are never shadowable: a write to them has to reach L0 before the next entry. */
const struct vmcs12_field vmcs12_fields[] = {
    /* 16-bit (B.1) */
    ROW(VMCS_VPID, vpid, NOSHAD),
    ROW(HOST_ES_SEL, host_es_sel, NOSHAD),
    ROW(HOST_CS_SEL, host_cs_sel, NOSHAD),
    ROW(HOST_SS_SEL, host_ss_sel, NOSHAD),
    ROW(HOST_DS_SEL, host_ds_sel, NOSHAD),
    ROW(HOST_FS_SEL, host_fs_sel, NOSHAD),
    ROW(HOST_GS_SEL, host_gs_sel, NOSHAD),
    ROW(HOST_TR_SEL, host_tr_sel, NOSHAD),
    /* 64-bit (B.2) */
    ROW(IO_BITMAP_A, io_bitmap_a, NOSHAD),
    ROW(IO_BITMAP_B, io_bitmap_b, NOSHAD),
    ROW(MSR_BITMAP, msr_bitmap, NOSHAD),
    ROW(EXIT_MSR_STORE_ADDR, exit_msr_store_addr, NOSHAD),
    ROW(EXIT_MSR_LOAD_ADDR, exit_msr_load_addr, NOSHAD),
    ROW(ENTRY_MSR_LOAD_ADDR, entry_msr_load_addr, NOSHAD),
    ROW(EXECUTIVE_VMCS_PTR, executive_vmcs_ptr, NOSHAD),
    ROW(TSC_OFFSET, tsc_offset, NOSHAD),
    ROW(VIRTUAL_APIC_ADDR, virtual_apic_addr, NOSHAD),
    ROW(APIC_ACCESS_ADDR, apic_access_addr, NOSHAD),
    ROW(EPT_POINTER, ept_pointer, NOSHAD),
    ROW(VMREAD_BITMAP, vmread_bitmap, NOSHAD),
    ROW(VMWRITE_BITMAP, vmwrite_bitmap, NOSHAD),
    ROW(GUEST_PHYS_ADDR, guest_phys_addr, SHADOW),
    ROW(VMCS_LINK_PTR, vmcs_link_ptr, NOSHAD),
    ROW(GUEST_DEBUGCTL, guest_debugctl, NOSHAD),
    ROW(GUEST_PAT, guest_pat, NOSHAD),
    ROW(GUEST_EFER, guest_efer, NOSHAD),
    ROW(GUEST_PDPTE(0), guest_pdpte[0], NOSHAD),
    ROW(GUEST_PDPTE(1), guest_pdpte[1], NOSHAD),
    ROW(GUEST_PDPTE(2), guest_pdpte[2], NOSHAD),
    ROW(GUEST_PDPTE(3), guest_pdpte[3], NOSHAD),
    ROW(HOST_PAT, host_pat, NOSHAD),
    ROW(HOST_EFER, host_efer, NOSHAD),
    /* 32-bit (B.3) */
    ROW(PIN_CTLS, pin_ctls, NOSHAD),
    ROW(PROC_CTLS, proc_ctls, NOSHAD),
    ROW(EXCEPTION_BITMAP, exception_bitmap, NOSHAD),
    ROW(PF_ERROR_MASK, pf_error_mask, NOSHAD),
    ROW(PF_ERROR_MATCH, pf_error_match, NOSHAD),
    ROW(CR3_TARGET_COUNT, cr3_target_count, NOSHAD),
    ROW(EXIT_CTLS, exit_ctls, NOSHAD),
    ROW(EXIT_MSR_STORE_CNT, exit_msr_store_count, NOSHAD),
    ROW(EXIT_MSR_LOAD_CNT, exit_msr_load_count, NOSHAD),
    ROW(ENTRY_CTLS, entry_ctls, NOSHAD),
    ROW(ENTRY_MSR_LOAD_CNT, entry_msr_load_count, NOSHAD),
    ROW(ENTRY_INTR_INFO, entry_intr_info, SHADOW),
    ROW(ENTRY_EXC_ERROR, entry_exc_error, SHADOW),
    ROW(ENTRY_INSN_LEN, entry_insn_len, SHADOW),
    ROW(TPR_THRESHOLD, tpr_threshold, NOSHAD),
    ROW(PROC2_CTLS, proc2_ctls, NOSHAD),
    ROW(VM_INSN_ERROR, vm_insn_error, NOSHAD),
    ROW(EXIT_REASON, exit_reason, SHADOW),
    ROW(EXIT_INTR_INFO, exit_intr_info, SHADOW),
    ROW(EXIT_INTR_ERROR, exit_intr_error, SHADOW),
    ROW(IDT_VECT_INFO, idt_vect_info, SHADOW),
    ROW(IDT_VECT_ERROR, idt_vect_error, SHADOW),
    ROW(EXIT_INSN_LEN, exit_insn_len, SHADOW),
    ROW(EXIT_INSN_INFO, exit_insn_info, SHADOW),
    ROW(GUEST_GDTR_LIMIT, guest_gdtr_limit, NOSHAD),
    ROW(GUEST_IDTR_LIMIT, guest_idtr_limit, NOSHAD),
    ROW(GUEST_INTR_STATE, guest_intr_state, SHADOW),
    ROW(GUEST_ACTIVITY, guest_activity, SHADOW),
    ROW(GUEST_SMBASE, guest_smbase, NOSHAD),
    ROW(GUEST_SYSENTER_CS, guest_sysenter_cs, NOSHAD),
    ROW(GUEST_PREEMPT_TIMER, guest_preempt_timer, NOSHAD),
    ROW(HOST_SYSENTER_CS, host_sysenter_cs, NOSHAD),
    /* natural width (B.4) */
    ROW(CR0_GUEST_HOST_MASK, cr0_mask, NOSHAD),
    ROW(CR4_GUEST_HOST_MASK, cr4_mask, NOSHAD),
    ROW(CR0_READ_SHADOW, cr0_read_shadow, NOSHAD),
    ROW(CR4_READ_SHADOW, cr4_read_shadow, NOSHAD),
    ROW(CR3_TARGET(0), cr3_target[0], NOSHAD),
    ROW(CR3_TARGET(1), cr3_target[1], NOSHAD),
    ROW(CR3_TARGET(2), cr3_target[2], NOSHAD),
    ROW(CR3_TARGET(3), cr3_target[3], NOSHAD),
    ROW(EXIT_QUALIFICATION, exit_qual, SHADOW),
    ROW(IO_RCX, io_rcx, NOSHAD),
    ROW(IO_RSI, io_rsi, NOSHAD),
    ROW(IO_RDI, io_rdi, NOSHAD),
    ROW(IO_RIP, io_rip, NOSHAD),
    ROW(GUEST_LINEAR_ADDR, guest_linear_addr, SHADOW),
    ROW(GUEST_CR0, guest_cr0, SHADOW),
    ROW(GUEST_CR3, guest_cr3, SHADOW),
    ROW(GUEST_CR4, guest_cr4, SHADOW),
    ROW(GUEST_GDTR_BASE, guest_gdtr_base, NOSHAD),
    ROW(GUEST_IDTR_BASE, guest_idtr_base, NOSHAD),
    ROW(GUEST_DR7, guest_dr7, NOSHAD),
    ROW(GUEST_RSP, guest_rsp, SHADOW),
    ROW(GUEST_RIP, guest_rip, SHADOW),
    ROW(GUEST_RFLAGS, guest_rflags, SHADOW),
    ROW(GUEST_PENDING_DBG, guest_pending_dbg, NOSHAD),
    ROW(GUEST_SYSENTER_ESP, guest_sysenter_esp, NOSHAD),
    ROW(GUEST_SYSENTER_EIP, guest_sysenter_eip, NOSHAD),
    ROW(HOST_CR0, host_cr0, NOSHAD),
    ROW(HOST_CR3, host_cr3, NOSHAD),
    ROW(HOST_CR4, host_cr4, NOSHAD),
    ROW(HOST_FS_BASE, host_fs_base, NOSHAD),
    ROW(HOST_GS_BASE, host_gs_base, NOSHAD),
    ROW(HOST_TR_BASE, host_tr_base, NOSHAD),
    ROW(HOST_GDTR_BASE, host_gdtr_base, NOSHAD),
    ROW(HOST_IDTR_BASE, host_idtr_base, NOSHAD),
    ROW(HOST_SYSENTER_ESP, host_sysenter_esp, NOSHAD),
    ROW(HOST_SYSENTER_EIP, host_sysenter_eip, NOSHAD),
    ROW(HOST_RSP, host_rsp, NOSHAD),
    ROW(HOST_RIP, host_rip, NOSHAD),
    /* guest segments, in the encodings' order */
    SEG_ROWS(SEG_ES),
    SEG_ROWS(SEG_CS),
    SEG_ROWS(SEG_SS),
    SEG_ROWS(SEG_DS),
    SEG_ROWS(SEG_FS),
    SEG_ROWS(SEG_GS),
    SEG_ROWS(SEG_LDTR),
    SEG_ROWS(SEG_TR),
};
const size_t vmcs12_nfields = sizeof(vmcs12_fields) / sizeof(vmcs12_fields[0]);

_Static_assert(VMCS12_SEGS == VMX_SEGS, "VMCS12 holds every guest segment of the encodings");

const struct vmcs12_field *vmcs12_field_find(uint64_t encoding)
{
	uint64_t full = encoding & ~(uint64_t)VMCS_ENC_HIGH;

	if (encoding & VMCS_ENC_RESERVED)
		return NULL;
	for (size_t i = 0; i < vmcs12_nfields; i++) {
		if (vmcs12_fields[i].encoding != full)
			continue;
		/* Only a 64-bit field has a high half (24.11.2). */
		if ((encoding & VMCS_ENC_HIGH) && vmcs12_fields[i].width != VMCS_W64)
			return NULL;
		return &vmcs12_fields[i];
	}
	return NULL;
}

static void *field_at(const struct vmcs12 *v, const struct vmcs12_field *f)
{
	return (char *)(uintptr_t)v + f->offset;
}

uint64_t vmcs12_read(const struct vmcs12 *v, const struct vmcs12_field *f, uint64_t encoding)
{
	uint64_t val;

	switch (f->width) {
	case VMCS_W16:
		return *(const uint16_t *)field_at(v, f);
	case VMCS_W32:
		return *(const uint32_t *)field_at(v, f);
	default:
		val = *(const uint64_t *)field_at(v, f);
		return (encoding & VMCS_ENC_HIGH) ? val >> 32 : val;
	}
}

void vmcs12_write(struct vmcs12 *v, const struct vmcs12_field *f, uint64_t encoding, uint64_t val)
{
	uint64_t *p64;

	switch (f->width) {
	case VMCS_W16:
		*(uint16_t *)field_at(v, f) = (uint16_t)val;
		return;
	case VMCS_W32:
		*(uint32_t *)field_at(v, f) = (uint32_t)val;
		return;
	default:
		p64 = field_at(v, f);
		/* The high half takes the source's bits 31:0 and keeps the field's low half. */
		if (encoding & VMCS_ENC_HIGH)
			*p64 = (*p64 & LOW32) | ((val & LOW32) << 32);
		else
			*p64 = val;
	}
}
