/* SPDX-License-Identifier: BSD-2-Clause */
/* VMCS12: L0's layout of the VMCS L1 believes it has (SDM Vol. 3C, 24 and Appendix B), the
 * field table VMREAD/VMWRITE go through, and the VM-entry checks (26.2, 26.3). Pure: compiled
 * into the hypervisor and into the host unit tests. */
#ifndef BULKHEAD_NESTED_VMCS12_H
#define BULKHEAD_NESTED_VMCS12_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VMCS12_REVISION	   0x42554c4bU /* "BULK" without bit 31 (IA32_VMX_BASIC[30:0]) */
#define VMCS12_SIZE	   4096U       /* IA32_VMX_BASIC[44:32]: the region L1 allocates */
#define VMCS12_SEGS	   8	       /* ES CS SS DS FS GS LDTR TR: the encodings' order */
#define VMCS12_CR3_TARGETS 4

/* The region in L1's memory: the SDM's header (24.2), then our fields. The launch state lives
 * only in L0's cache and in this header while the VMCS is not current. */
struct vmcs12 {
	uint32_t revision; /* bit 31: shadow-VMCS indicator */
	uint32_t abort;
	uint32_t launched; /* L0's: 1 after a successful VMLAUNCH, 0 after VMCLEAR */
	uint32_t pad0;

	/* 16-bit control */
	uint16_t vpid;
	/* 16-bit guest and host state */
	uint16_t guest_sel[VMCS12_SEGS];
	uint16_t host_es_sel, host_cs_sel, host_ss_sel, host_ds_sel, host_fs_sel, host_gs_sel,
	    host_tr_sel;
	uint16_t pad1;

	/* 64-bit control */
	uint64_t io_bitmap_a, io_bitmap_b, msr_bitmap;
	uint64_t exit_msr_store_addr, exit_msr_load_addr, entry_msr_load_addr;
	uint64_t executive_vmcs_ptr, tsc_offset, virtual_apic_addr, apic_access_addr;
	uint64_t ept_pointer, vmread_bitmap, vmwrite_bitmap;
	/* 64-bit read-only */
	uint64_t guest_phys_addr;
	/* 64-bit guest state */
	uint64_t vmcs_link_ptr, guest_debugctl, guest_pat, guest_efer, guest_pdpte[4];
	/* 64-bit host state */
	uint64_t host_pat, host_efer;

	/* 32-bit control */
	uint32_t pin_ctls, proc_ctls, exception_bitmap, pf_error_mask, pf_error_match;
	uint32_t cr3_target_count, exit_ctls, exit_msr_store_count, exit_msr_load_count;
	uint32_t entry_ctls, entry_msr_load_count, entry_intr_info, entry_exc_error;
	uint32_t entry_insn_len, tpr_threshold, proc2_ctls;
	/* 32-bit read-only */
	uint32_t vm_insn_error, exit_reason, exit_intr_info, exit_intr_error;
	uint32_t idt_vect_info, idt_vect_error, exit_insn_len, exit_insn_info;
	/* 32-bit guest and host state */
	uint32_t guest_limit[VMCS12_SEGS], guest_ar[VMCS12_SEGS];
	uint32_t guest_gdtr_limit, guest_idtr_limit, guest_intr_state, guest_activity;
	uint32_t guest_smbase, guest_sysenter_cs, guest_preempt_timer;
	uint32_t host_sysenter_cs;

	/* natural-width control */
	uint64_t cr0_mask, cr4_mask, cr0_read_shadow, cr4_read_shadow;
	uint64_t cr3_target[VMCS12_CR3_TARGETS];
	/* natural-width read-only */
	uint64_t exit_qual, io_rcx, io_rsi, io_rdi, io_rip, guest_linear_addr;
	/* natural-width guest state */
	uint64_t guest_cr0, guest_cr3, guest_cr4, guest_base[VMCS12_SEGS];
	uint64_t guest_gdtr_base, guest_idtr_base, guest_dr7, guest_rsp, guest_rip, guest_rflags;
	uint64_t guest_pending_dbg, guest_sysenter_esp, guest_sysenter_eip;
	/* natural-width host state */
	uint64_t host_cr0, host_cr3, host_cr4, host_fs_base, host_gs_base, host_tr_base;
	uint64_t host_gdtr_base, host_idtr_base, host_sysenter_esp, host_sysenter_eip;
	uint64_t host_rsp, host_rip;
};

_Static_assert(offsetof(struct vmcs12, revision) == 0, "VMCS12: revision identifier first");
_Static_assert(offsetof(struct vmcs12, abort) == 4, "VMCS12: VMX-abort indicator at 4");
_Static_assert(sizeof(struct vmcs12) <= VMCS12_SIZE, "VMCS12 fits the region L1 allocates");

#define VMCS12_SHADOW_BIT (1U << 31) /* in the revision: a shadow VMCS (24.2) */

/* Field encodings (24.11.2): bits 14:13 width, 11:10 type, bit 0 the high half of a 64-bit
 * field; the rest is the index. */
#define VMCS_ENC_HIGH	     1U
#define VMCS_ENC_WIDTH_SHIFT 13
#define VMCS_ENC_WIDTH_MASK  3U
#define VMCS_ENC_TYPE_SHIFT  10
#define VMCS_ENC_TYPE_MASK   3U
#define VMCS_ENC_RESERVED    0xffffffffffff9000ULL /* bits 63:15 and 12 must be zero */
enum vmcs_width { VMCS_W16, VMCS_W64, VMCS_W32, VMCS_WNAT };
enum vmcs_type { VMCS_T_CONTROL, VMCS_T_RO, VMCS_T_GUEST, VMCS_T_HOST };

/* One row of the field table: where the field lives in struct vmcs12. */
struct vmcs12_field {
	uint32_t encoding; /* the full (low) encoding */
	uint16_t offset;
	uint8_t width;	 /* enum vmcs_width */
	bool shadowable; /* common enough to let L1 access it without an exit (VMCS shadowing) */
};

extern const struct vmcs12_field vmcs12_fields[];
extern const size_t vmcs12_nfields;

/* The row for @encoding (the high-half encoding of a 64-bit field finds its field), or NULL:
 * a field this VMCS does not support (VMfailValid 12). */
const struct vmcs12_field *vmcs12_field_find(uint64_t encoding);
/* VMREAD's value of @encoding (24.11.2: a high half is bits 63:32, a 16/32-bit field is
 * zero-extended, natural width is 64 bits). @f must be vmcs12_field_find(@encoding). */
uint64_t vmcs12_read(const struct vmcs12 *v, const struct vmcs12_field *f, uint64_t encoding);
/* VMWRITE: the low bits of @val that fit the field (or its half). Read-only fields are the
 * caller's to refuse (VMfailValid 13 unless IA32_VMX_MISC[29] is offered). */
void vmcs12_write(struct vmcs12 *v, const struct vmcs12_field *f, uint64_t encoding, uint64_t val);
static inline bool vmcs12_field_read_only(uint64_t encoding)
{
	return ((encoding >> VMCS_ENC_TYPE_SHIFT) & VMCS_ENC_TYPE_MASK) == VMCS_T_RO;
}

/* What L0 offers L1 (nested/vmx/caps12.c): the entry checks hold VMCS12 against these, as the
 * CPU holds a VMCS against its capability MSRs. Control pairs are as the TRUE MSRs give them:
 * allowed-0 settings in the low 32 bits (a 1 there must be 1), allowed-1 in the high. */
struct vmcs12_env {
	uint64_t pin, proc, proc2, exit, entry;
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t ept_vpid_cap;
	uint64_t
	    misc; /* IA32_VMX_MISC: activity states, MSR-list bound, length-0 software events */
	unsigned int phys_bits; /* MAXPHYADDR as L1 sees it */
	unsigned int virt_bits; /* linear-address width for the canonical checks: 48, 57; 0 is 48 */
	/* The entry, not the offer: whether L1 is in IA-32e mode (26.2.4) and the VMCS pointer of
	 * this VMLAUNCH/VMRESUME, which the link pointer must not name (26.3.1.5). */
	bool l1_ia32e;
	uint64_t current_vmcs;
	/* Whether L1-physical [gpa, gpa + len) lies in L1's memory (bitmaps, MSR lists, APIC
	 * pages: rule 10). */
	bool (*in_l1)(const void *ctx, uint64_t gpa, uint64_t len);
	/* The 32 bits at L1-physical @gpa, read once (rule 1): the revision of the VMCS the link
	 * pointer names, VTPR in the virtual-APIC page. False when @gpa is not L1's memory. */
	bool (*read_l1_u32)(const void *ctx, uint64_t gpa, uint32_t *val);
	const void *ctx;
};

/* What a failed check means to L1 (26.2, 26.3): VMfailValid with an error number, or a
 * VM exit with bit 31 of the exit reason and an exit qualification. */
enum vmcs12_fail_kind { VMCS12_OK, VMCS12_FAIL_VALID, VMCS12_FAIL_EXIT };
struct vmcs12_fail {
	enum vmcs12_fail_kind kind;
	uint32_t error;	      /* VMfailValid: 7 (controls), 8 (host state), 26 (events blocked) */
	uint32_t exit_reason; /* exit: 33 (guest state), 34 (MSR loading) */
	uint64_t exit_qual;   /* exit: 0, or 4 for a bad VMCS link pointer (26.3.1.5) */
	const char *rule;     /* the text of the failing check, for the log and the tests */
};

/* 26.2.1 to 26.2.4 then 26.3.1: the first failing check in the SDM's order, or kind
 * VMCS12_OK. @v is L0's copy (rule 1). MSR-load failures (26.4) are the caller's. */
void vmcs12_check_entry(const struct vmcs12 *v, const struct vmcs12_env *env,
			struct vmcs12_fail *out);

#endif
