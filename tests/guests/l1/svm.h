/* SPDX-License-Identifier: BSD-2-Clause */
/* AMD SVM as the L1 test hypervisor sees it (APM Vol. 2 ch. 15, appendix B): VMCB, bits, codes. */
#ifndef L1_SVM_H
#define L1_SVM_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE 4096

/* CPUID (APM Vol. 3 appendix E). */
#define CPUID_EXT_FEATURES  0x80000001
#define CPUID_ECX_SVM	    (1U << 2)
#define CPUID_SVM_FEATURES  0x8000000a
#define SVM_FEAT_NP	    (1U << 0)
#define SVM_FEAT_NRIPS	    (1U << 3)
#define SVM_FEAT_VMCB_CLEAN (1U << 5)
#define SVM_FEAT_FLUSH_ASID (1U << 6)
#define SVM_FEAT_VGIF	    (1U << 16)
#define SVM_REV_MASK	    0xff
#define CPUID_ADDR_SIZES    0x80000008
#define MAXPHYADDR_MASK	    0xff

/* MSRs (APM 15.30, Vol. 2 appendix A). */
#define MSR_EFER	   0xc0000080
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_CSTAR	   0xc0000083
#define MSR_SFMASK	   0xc0000084
#define MSR_FS_BASE	   0xc0000100
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_SYSENTER_CS	   0x174
#define MSR_SYSENTER_ESP   0x175
#define MSR_SYSENTER_EIP   0x176
#define MSR_HWCR	   0xc0010015
#define MSR_VM_CR	   0xc0010114
#define MSR_VM_HSAVE_PA	   0xc0010117
#define VM_CR_SVMDIS	   (1ULL << 4)
#define EFER_LME	   (1ULL << 8)
#define EFER_LMA	   (1ULL << 10)
#define EFER_SVME	   (1ULL << 12)
#define CR0_PE		   (1ULL << 0)
#define CR0_NW		   (1ULL << 29)
#define CR0_CD		   (1ULL << 30)
#define CR0_PG		   (1ULL << 31)
#define CR4_PAE		   (1ULL << 5)
#define RFLAGS_FIXED	   (1ULL << 1)
#define RFLAGS_IF	   (1ULL << 9)
#define DR6_INIT	   0xffff0ff0ULL /* DR6 after reset (APM Vol. 2 13.1.1.5) */
#define DR7_INIT	   0x400ULL
#define PAT_DEFAULT	   0x0007040600070406ULL /* the reset value (APM Vol. 2 7.8.2) */

/* Intercept vector 3 (VMCB 0x00c) and 4 (0x010) bits (APM table B-1). */
#define INTERCEPT_INTR	    (1U << 0)
#define INTERCEPT_NMI	    (1U << 1)
#define INTERCEPT_VINTR	    (1U << 4)
#define INTERCEPT_CPUID	    (1U << 18)
#define INTERCEPT_HLT	    (1U << 24)
#define INTERCEPT_IOIO_PROT (1U << 27)
#define INTERCEPT_MSR_PROT  (1U << 28)
#define INTERCEPT_SHUTDOWN  (1U << 31)
#define INTERCEPT_VMRUN	    (1U << 0)
#define INTERCEPT_VMMCALL   (1U << 1)
#define INTERCEPT_VMLOAD    (1U << 2)
#define INTERCEPT_VMSAVE    (1U << 3)
#define INTERCEPT_STGI	    (1U << 4)
#define INTERCEPT_CLGI	    (1U << 5)

/* VMCB 0x060 V_INTR fields (APM table B-1). */
#define V_IRQ		(1U << 8)
#define V_GIF		(1U << 9)
#define V_INTR_PRIO_MAX (0xfU << 16)
#define V_IGN_TPR	(1U << 20)
#define V_INTR_MASKING	(1U << 24)
#define V_GIF_ENABLE	(1U << 25)

#define TLB_CONTROL_FLUSH_ALL 1 /* APM 15.16.1 */
#define NP_ENABLE	      (1ULL << 0)

/* EVENTINJ (APM 15.20). */
#define EVENTINJ_TYPE_INTR     (0U << 8)
#define EVENTINJ_TYPE_RESERVED (1U << 8)
#define EVENTINJ_TYPE_NMI      (2U << 8)
#define EVENTINJ_TYPE_EXCEPT   (3U << 8)
#define EVENTINJ_EV	       (1U << 11)
#define EVENTINJ_VALID	       (1U << 31)
#define EVENTINJ_ERR_SHIFT     32

/* Exit codes (APM appendix C). */
#define VMEXIT_EXCP_BASE 0x40
#define VMEXIT_PF	 (VMEXIT_EXCP_BASE + 14)
#define VMEXIT_INTR	 0x60
#define VMEXIT_NMI	 0x61
#define VMEXIT_VINTR	 0x64
#define VMEXIT_CPUID	 0x72
#define VMEXIT_HLT	 0x78
#define VMEXIT_IOIO	 0x7b
#define VMEXIT_MSR	 0x7c
#define VMEXIT_SHUTDOWN	 0x7f
#define VMEXIT_VMMCALL	 0x81
#define VMEXIT_CLGI	 0x85
#define VMEXIT_NPF	 0x400
#define VMEXIT_INVALID	 (~0ULL)
#define VMEXIT_INVALID32 0xffffffffULL /* QEMU TCG's 32-bit store of it (platforms.md) */

/* IOIO EXITINFO1 (APM 15.10.2). */
#define IOIO_TYPE_IN	(1ULL << 0)
#define IOIO_STR	(1ULL << 2)
#define IOIO_REP	(1ULL << 3)
#define IOIO_SZ8	(1ULL << 4)
#define IOIO_SZ16	(1ULL << 5)
#define IOIO_SZ32	(1ULL << 6)
#define IOIO_PORT_SHIFT 16

/* NPF EXITINFO1 (APM 15.25.6): a #PF-style error code and where the walk faulted. */
#define NPF_P	      (1ULL << 0)
#define NPF_RW	      (1ULL << 1)
#define NPF_RSVD      (1ULL << 3)
#define NPF_FINAL_GPA (1ULL << 32)
#define NPF_IN_WALK   (1ULL << 33)

/* Permission maps (APM 15.10.1, 15.11). */
#define IOPM_SIZE	  (3 * PAGE_SIZE)
#define MSRPM_SIZE	  (2 * PAGE_SIZE)
#define MSRPM_RANGE_BYTES 0x800 /* 8K MSRs x 2 bits each */
#define MSRPM_READ	  1
#define MSRPM_WRITE	  2

/* Segment attributes as the VMCB packs them (APM 15.5.1): descriptor bits 47:40 and 55:52. */
#define SEG_ATTR_CODE64 0x29b /* P, S, execute/read accessed, L */
#define SEG_ATTR_DATA	0xc93 /* P, S, read/write accessed, D/B, G */
#define SEG_ATTR_TSS64	0x08b /* P, 64-bit busy TSS */
#define SEG_ATTR_D	0x400

struct vmcb_seg {
	uint16_t selector, attrib;
	uint32_t limit;
	uint64_t base;
};

struct vmcb_control {
	uint32_t intercept_cr, intercept_dr, intercept_exc, intercept_misc1, intercept_misc2;
	uint32_t intercept_misc3;
	uint8_t reserved1[0x3c - 0x18];
	uint16_t pause_filter_thresh, pause_filter_count;
	uint64_t iopm_base_pa, msrpm_base_pa, tsc_offset;
	uint32_t asid;
	uint8_t tlb_control, reserved2[3];
	uint32_t int_ctl, int_vector;
	uint64_t int_state, exit_code, exit_info1, exit_info2, exit_int_info, np_enable;
	uint64_t avic_apic_bar, ghcb_pa, event_inj, n_cr3, virt_ext;
	uint32_t clean, reserved3;
	uint64_t next_rip;
	uint8_t insn_len, insn_bytes[15];
	uint8_t reserved4[0x400 - 0xe0];
};

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	uint8_t reserved1[0xcb - 0xa0];
	uint8_t cpl;
	uint32_t reserved2;
	uint64_t efer;
	uint8_t reserved3[0x148 - 0xd8];
	uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip;
	uint8_t reserved4[0x1d8 - 0x180];
	uint64_t rsp, s_cet, ssp, isst_addr, rax;
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base, sysenter_cs, sysenter_esp;
	uint64_t sysenter_eip, cr2;
	uint8_t reserved5[0x268 - 0x248];
	uint64_t g_pat, dbgctl;
};

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
	uint8_t reserved[PAGE_SIZE - 0x400 - sizeof(struct vmcb_save)];
};

/* APM appendix B, tables B-1 and B-2. */
_Static_assert(sizeof(struct vmcb) == PAGE_SIZE, "a VMCB is one page");
_Static_assert(offsetof(struct vmcb, control.iopm_base_pa) == 0x40, "APM B-1: IOPM_BASE_PA");
_Static_assert(offsetof(struct vmcb, control.asid) == 0x58, "APM B-1: ASID");
_Static_assert(offsetof(struct vmcb, control.int_ctl) == 0x60, "APM B-1: V_TPR..V_INTR");
_Static_assert(offsetof(struct vmcb, control.exit_code) == 0x70, "APM B-1: EXITCODE");
_Static_assert(offsetof(struct vmcb, control.np_enable) == 0x90, "APM B-1: NP_ENABLE");
_Static_assert(offsetof(struct vmcb, control.event_inj) == 0xa8, "APM B-1: EVENTINJ");
_Static_assert(offsetof(struct vmcb, control.n_cr3) == 0xb0, "APM B-1: N_CR3");
_Static_assert(offsetof(struct vmcb, control.clean) == 0xc0, "APM B-1: VMCB clean bits");
_Static_assert(offsetof(struct vmcb, control.next_rip) == 0xc8, "APM B-1: nRIP");
_Static_assert(offsetof(struct vmcb, save.tr) == 0x490, "APM B-2: TR");
_Static_assert(offsetof(struct vmcb, save.cpl) == 0x4cb, "APM B-2: CPL");
_Static_assert(offsetof(struct vmcb, save.efer) == 0x4d0, "APM B-2: EFER");
_Static_assert(offsetof(struct vmcb, save.cr4) == 0x548, "APM B-2: CR4");
_Static_assert(offsetof(struct vmcb, save.rip) == 0x578, "APM B-2: RIP");
_Static_assert(offsetof(struct vmcb, save.rsp) == 0x5d8, "APM B-2: RSP");
_Static_assert(offsetof(struct vmcb, save.rax) == 0x5f8, "APM B-2: RAX");
_Static_assert(offsetof(struct vmcb, save.star) == 0x600, "APM B-2: STAR");
_Static_assert(offsetof(struct vmcb, save.kernel_gs_base) == 0x620, "APM B-2: KernelGsBase");
_Static_assert(offsetof(struct vmcb, save.cr2) == 0x640, "APM B-2: CR2");
_Static_assert(offsetof(struct vmcb, save.g_pat) == 0x668, "APM B-2: G_PAT");

/* One-instruction wrappers. */
static inline void svm_vmload(uint64_t pa)
{
	asm volatile("vmload %%rax" : : "a"(pa) : "memory");
}
static inline void svm_vmsave(uint64_t pa)
{
	asm volatile("vmsave %%rax" : : "a"(pa) : "memory");
}
static inline void svm_clgi(void)
{
	asm volatile("clgi" ::: "memory");
}
static inline void svm_stgi(void)
{
	asm volatile("stgi" ::: "memory");
}
static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

#endif
