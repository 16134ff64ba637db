/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMCB (AMD APM Vol. 2, Appendix B): control area, state save area, intercepts, exit codes. */
#ifndef BULKHEAD_SVM_VMCB_H
#define BULKHEAD_SVM_VMCB_H

#include <stddef.h>
#include <stdint.h>

/* Intercept vector 3, control area offset 0x0c (Table B-1). */
#define INTERCEPT_INTR	   (1U << 0)
#define INTERCEPT_NMI	   (1U << 1)
#define INTERCEPT_SMI	   (1U << 2)
#define INTERCEPT_INIT	   (1U << 3)
#define INTERCEPT_CPUID	   (1U << 18)
#define INTERCEPT_IRET	   (1U << 20)
#define INTERCEPT_INVD	   (1U << 22)
#define INTERCEPT_HLT	   (1U << 24)
#define INTERCEPT_INVLPGA  (1U << 26)
#define INTERCEPT_IOIO	   (1U << 27)
#define INTERCEPT_MSR	   (1U << 28)
#define INTERCEPT_SHUTDOWN (1U << 31)

/* Intercept vector 4, offset 0x10: every SVM instruction, so a partition never runs its own
 * guests unless nested virtualization (issue #7) emulates them. */
#define INTERCEPT_VMRUN	  (1U << 0)
#define INTERCEPT_VMMCALL (1U << 1)
#define INTERCEPT_VMLOAD  (1U << 2)
#define INTERCEPT_VMSAVE  (1U << 3)
#define INTERCEPT_STGI	  (1U << 4)
#define INTERCEPT_CLGI	  (1U << 5)
#define INTERCEPT_SKINIT  (1U << 6)
#define INTERCEPT_MONITOR (1U << 10)
#define INTERCEPT_MWAIT	  (1U << 11)

/* Intercept vectors 3 and 4 give exit codes 0x60 + bit and 0x80 + bit (Table B-1, App. C). */
#define VMEXIT_MISC1_FIRST 0x60
#define VMEXIT_MISC2_FIRST 0x80
#define VMEXIT_MISC2_LAST  0x8e

#define TLB_CONTROL_NONE      0
#define TLB_CONTROL_FLUSH_ALL 1
#define V_INTR_MASKING	      (1ULL << 24) /* host RFLAGS.IF masks physical interrupts */
#define NP_ENABLE	      (1ULL << 0)

/* More of the control area for nested SVM: int_ctl (Table B-1, offset 0x60), TLB_CONTROL. */
#define V_TPR_MASK	    0xfULL
#define V_IRQ		    (1ULL << 8)
#define V_GIF		    (1ULL << 9)
#define V_INTR_PRIO_MASK    (0xfULL << 16)
#define V_IGN_TPR	    (1ULL << 20)
#define V_GIF_ENABLE	    (1ULL << 25)
#define AVIC_ENABLE	    (1ULL << 31)
#define V_INTR_VECTOR_MASK  (0xffULL << 32)
#define V_INTR_VECTOR_SHIFT 32
#define INT_SHADOW	    (1ULL << 0)

/* EVENTINJ (15.20). */
#define EVENTINJ_TYPE_NMI	(2ULL << 8)
#define EVENTINJ_TYPE_EXCEPTION (3ULL << 8)
#define EVENTINJ_EV		(1ULL << 11)
#define EVENTINJ_VALID		(1ULL << 31)
#define EVENTINJ_ERROR_SHIFT	32
#define EVENTINJ_VECTOR_MASK	0xffULL
#define EVENTINJ_TYPE_SHIFT	8
#define EVENTINJ_TYPE_MASK	(7ULL << 8)
#define EVENTINJ_RESERVED	0x7ffff000ULL /* bits 30:12 */
#define EVENTINJ_TYPE_INTR	0
#define EVENTINJ_TYPE_NMI_N	2
#define EVENTINJ_TYPE_EXCP_N	3
#define EVENTINJ_TYPE_SOFT_N	4
#define EVENTINJ_LAST_EXC	31 /* vectors 0-31 are exceptions, the rest interrupts */

/* EXITINTINFO as EVENTINJ, to deliver again an event whose delivery an exit cut short (APM
 * 15.7.2). QEMU's SVM records such an external interrupt as type 3 (exception); a vector above
 * 31 can only be an interrupt, and as an exception it would make VMRUN fail (15.20), so it
 * goes back as one, without error code. */
static inline uint64_t svm_event_redeliver(uint64_t exit_int_info)
{
	if ((exit_int_info & EVENTINJ_TYPE_MASK) == EVENTINJ_TYPE_EXCEPTION &&
	    (exit_int_info & EVENTINJ_VECTOR_MASK) > EVENTINJ_LAST_EXC)
		return (exit_int_info & (EVENTINJ_VALID | EVENTINJ_VECTOR_MASK)) |
		       EVENTINJ_TYPE_INTR;
	return exit_int_info;
}

/* Single-stepping an IRET for the guest's NMI window (svm_ops.c): DR6 (SDM 17.2.3), TF. */
#define DR6_BS		 (1ULL << 14) /* single step */
#define DR6_GUEST_CAUSES 0xa00fULL    /* B0-B3, BD, BT: a #DB of the guest's own */
#define RFLAGS_TF	 (1ULL << 8)

/* Segment attribute bits: descriptor bit 53 (L) and 54 (D/B) at attrib bits 9 and 10. */
#define VMCB_ATTR_L  (1U << 9)
#define VMCB_ATTR_DB (1U << 10)

/* Exit codes (Appendix C). */
#define VMEXIT_CR_FIRST	 0x00 /* 0x00-0x0f reads, 0x10-0x1f writes: intercept_cr bits */
#define VMEXIT_DR_FIRST	 0x20 /* 0x20-0x2f reads, 0x30-0x3f writes: intercept_dr bits */
#define VMEXIT_EXCP_BASE 0x40
#define VMEXIT_EXCP_LAST 0x5f
#define VMEXIT_INTR	 0x60
#define VMEXIT_NMI	 0x61
#define VMEXIT_SMI	 0x62
#define VMEXIT_INIT	 0x63
#define VMEXIT_CPUID	 0x72
#define VMEXIT_IRET	 0x74
#define VMEXIT_INVD	 0x76
#define VMEXIT_HLT	 0x78
#define VMEXIT_IOIO	 0x7b
#define VMEXIT_INVLPGA	 0x7a
#define VMEXIT_MSR	 0x7c
#define VMEXIT_SHUTDOWN	 0x7f
#define VMEXIT_VMRUN	 0x80
#define VMEXIT_VMMCALL	 0x81
#define VMEXIT_VMLOAD	 0x82
#define VMEXIT_VMSAVE	 0x83
#define VMEXIT_STGI	 0x84
#define VMEXIT_CLGI	 0x85
#define VMEXIT_SKINIT	 0x86
#define VMEXIT_NPF	 0x400
#define VMEXIT_INVALID	 ((uint64_t)-1)

/* IOIO EXITINFO1 (15.10.2, Figure 15-2); EXITINFO2 holds the next RIP. */
#define IOIO_TYPE_IN	(1ULL << 0)
#define IOIO_STR	(1ULL << 2)
#define IOIO_REP	(1ULL << 3)
#define IOIO_SZ_SHIFT	4 /* SZ8, SZ16, SZ32: one bit each */
#define IOIO_SZ_MASK	7ULL
#define IOIO_PORT_SHIFT 16

/* NPF EXITINFO1: the #PF error code of the nested walk (15.25.6). */
#define NPF_P		      (1ULL << 0)
#define NPF_W		      (1ULL << 1)
#define NPF_ID		      (1ULL << 4)
#define NPF_GUEST_PAGE_TABLES (1ULL << 33) /* the fault hit the guest's own page-table walk */

/* Instruction lengths without NRIPS (QEMU TCG has none): the intercepted forms carry no prefix. */
#define LEN_CPUID   2
#define LEN_HLT	    1
#define LEN_VMMCALL 3
#define LEN_RDWRMSR 2
#define LEN_SVM	    3 /* VMRUN, VMLOAD, VMSAVE, STGI, CLGI, SKINIT, INVLPGA: 0f 01 d8-df */

struct vmcb_seg {
	uint16_t selector, attrib;
	uint32_t limit;
	uint64_t base;
};

struct vmcb_control {
	uint32_t intercept_cr, intercept_dr, intercept_exceptions;
	uint32_t intercept_misc1, intercept_misc2, intercept_misc3;
	uint8_t reserved_0x18[0x3c - 0x18];
	uint16_t pause_filter_thresh, pause_filter_count;
	uint64_t iopm_base_pa, msrpm_base_pa, tsc_offset;
	uint32_t asid;
	uint8_t tlb_control, reserved_0x5d[3];
	uint64_t int_ctl, int_shadow;
	uint64_t exit_code, exit_info1, exit_info2, exit_int_info;
	uint64_t np_control, avic_apic_bar, ghcb_gpa, event_inj, ncr3, lbr_control;
	uint32_t clean_bits, reserved_0xc4;
	uint64_t next_rip;
	uint8_t insn_len, insn_bytes[15];
	uint8_t reserved_0xe0[0x400 - 0xe0];
};

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	uint8_t reserved_0xa0[0xcb - 0xa0];
	uint8_t cpl;
	uint32_t reserved_0xcc;
	uint64_t efer;
	uint8_t reserved_0xd8[0x148 - 0xd8];
	uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip;
	uint8_t reserved_0x180[0x1d8 - 0x180];
	uint64_t rsp, s_cet, ssp, isst_addr, rax;
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base;
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip, cr2;
	uint8_t reserved_0x248[0x268 - 0x248];
	uint64_t g_pat, dbgctl, br_from, br_to, last_excp_from, last_excp_to;
};

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
} __attribute__((aligned(4096)));

#define VMCB_CHECK(type, field, off) \
	_Static_assert(offsetof(struct type, field) == (off), #type "." #field)
VMCB_CHECK(vmcb_control, intercept_misc1, 0x00c);
VMCB_CHECK(vmcb_control, intercept_misc2, 0x010);
VMCB_CHECK(vmcb_control, iopm_base_pa, 0x040);
VMCB_CHECK(vmcb_control, msrpm_base_pa, 0x048);
VMCB_CHECK(vmcb_control, asid, 0x058);
VMCB_CHECK(vmcb_control, tlb_control, 0x05c);
VMCB_CHECK(vmcb_control, int_ctl, 0x060);
VMCB_CHECK(vmcb_control, exit_code, 0x070);
VMCB_CHECK(vmcb_control, exit_info1, 0x078);
VMCB_CHECK(vmcb_control, exit_info2, 0x080);
VMCB_CHECK(vmcb_control, np_control, 0x090);
VMCB_CHECK(vmcb_control, event_inj, 0x0a8);
VMCB_CHECK(vmcb_control, ncr3, 0x0b0);
VMCB_CHECK(vmcb_control, clean_bits, 0x0c0);
VMCB_CHECK(vmcb_control, next_rip, 0x0c8);
VMCB_CHECK(vmcb_control, insn_bytes, 0x0d1);
_Static_assert(sizeof(struct vmcb_control) == 0x400, "VMCB control area is 1 KiB");
VMCB_CHECK(vmcb_save, cs, 0x010);
VMCB_CHECK(vmcb_save, gdtr, 0x060);
VMCB_CHECK(vmcb_save, tr, 0x090);
VMCB_CHECK(vmcb_save, cpl, 0x0cb);
VMCB_CHECK(vmcb_save, efer, 0x0d0);
VMCB_CHECK(vmcb_save, cr4, 0x148);
VMCB_CHECK(vmcb_save, rip, 0x178);
VMCB_CHECK(vmcb_save, rsp, 0x1d8);
VMCB_CHECK(vmcb_save, rax, 0x1f8);
VMCB_CHECK(vmcb_save, star, 0x200);
VMCB_CHECK(vmcb_save, cr2, 0x240);
VMCB_CHECK(vmcb_save, g_pat, 0x268);
VMCB_CHECK(vmcb_save, last_excp_to, 0x290);
_Static_assert(sizeof(struct vmcb) == 4096, "one VMCB is one page");

#endif
