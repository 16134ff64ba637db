/* SPDX-License-Identifier: BSD-2-Clause */
/* VMX for the L1 VMX test hypervisor: MSRs, VMCS field encodings, control bits, exit reasons and
 * VM-instruction error numbers (Intel SDM Vol. 3C chapters 24-31, appendices A and B). */
#ifndef L1VMX_VMX_H
#define L1VMX_VMX_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SIZE 4096

/* CPUID.1:ECX.VMX[5] (SDM 23.6) and the address width, CPUID 0x80000008 EAX[7:0]. */
#define CPUID_FEATURES	   1
#define CPUID_ECX_VMX	   (1U << 5)
#define CPUID_ADDR_SIZES   0x80000008U
#define CPUID_PHYS_BITS(a) ((a)&0xffU)

/* MSRs (SDM Vol. 4 and appendix A). */
#define MSR_FEATURE_CONTROL	0x3aU
#define FEATURE_CONTROL_LOCK	(1ULL << 0)
#define FEATURE_CONTROL_VMX_OUT (1ULL << 2) /* VMXON outside SMX operation */
#define MSR_SYSENTER_CS		0x174U
#define MSR_VMX_BASIC		0x480U
#define MSR_VMX_PINBASED	0x481U
#define MSR_VMX_PROCBASED	0x482U
#define MSR_VMX_EXIT		0x483U
#define MSR_VMX_ENTRY		0x484U
#define MSR_VMX_MISC		0x485U
#define MSR_VMX_CR0_FIXED0	0x486U
#define MSR_VMX_CR0_FIXED1	0x487U
#define MSR_VMX_CR4_FIXED0	0x488U
#define MSR_VMX_CR4_FIXED1	0x489U
#define MSR_VMX_VMCS_ENUM	0x48aU
#define MSR_VMX_PROCBASED2	0x48bU
#define MSR_VMX_EPT_VPID_CAP	0x48cU
#define MSR_VMX_TRUE_PINBASED	0x48dU
#define MSR_VMX_TRUE_PROCBASED	0x48eU
#define MSR_VMX_TRUE_EXIT	0x48fU
#define MSR_VMX_TRUE_ENTRY	0x490U
#define MSR_EFER		0xc0000080U
#define MSR_KERNEL_GS_BASE	0xc0000102U
#define EFER_LME		(1ULL << 8)
#define EFER_LMA		(1ULL << 10)
#define VMX_BASIC_REVISION(b)	((uint32_t)(b)&0x7fffffffU)
#define VMX_BASIC_VMCS_SIZE(b)	((uint32_t)((b) >> 32) & 0x1fffU)
#define VMX_BASIC_TRUE_CTLS	(1ULL << 55)
#define VMX_MISC_VMWRITE_ANY	(1ULL << 29) /* VMWRITE may write VM-exit information fields */
#define VMX_MISC_ACT_HLT	(1ULL << 6)
#define EPT_CAP_WB		(1ULL << 14)
#define EPT_CAP_2M		(1ULL << 16)
#define EPT_CAP_INVEPT		(1ULL << 20)
#define VPID_CAP_INVVPID	(1ULL << 32)

#define CR0_PE	 (1UL << 0)
#define CR0_NE	 (1UL << 5)
#define CR0_PG	 (1UL << 31)
#define CR4_PAE	 (1UL << 5)
#define CR4_VMXE (1UL << 13)

/* VM-execution controls (SDM 24.6). */
#define PIN_EXT_INTR	   (1U << 0)
#define PIN_NMI		   (1U << 3)
#define PIN_PREEMPT_TIMER  (1U << 6)
#define PROC_HLT	   (1U << 7)
#define PROC_UNCOND_IO	   (1U << 24)
#define PROC_IO_BITMAPS	   (1U << 25)
#define PROC_MSR_BITMAPS   (1U << 28)
#define PROC_SECONDARY	   (1U << 31)
#define PROC2_EPT	   (1U << 1)
#define PROC2_VPID	   (1U << 5)
#define PROC2_UNRESTRICTED (1U << 7)
#define PROC2_VMCS_SHADOW  (1U << 14)
#define EXIT_HOST_64	   (1U << 9)
#define EXIT_SAVE_EFER	   (1U << 20)
#define EXIT_LOAD_EFER	   (1U << 21)
#define ENTRY_GUEST_64	   (1U << 9)
#define ENTRY_LOAD_EFER	   (1U << 15)
#define CR3_TARGET_MAX	   4 /* SDM 26.2.1.1: the CR3-target count is at most 4 */

/* VM-entry interruption information (SDM 24.8.3) and VM-exit interruption information. */
#define INTR_INFO_VALID	    (1U << 31)
#define INTR_INFO_ERROR	    (1U << 11)
#define INTR_TYPE_EXT	    (0U << 8)
#define INTR_TYPE_HW_EXCEPT (3U << 8)
#define INTR_INFO_VECTOR(i) ((i)&0xffU)
#define INTR_INFO_TYPE(i)   ((i) & (7U << 8))

/* VMCS field encodings (SDM appendix B). */
enum vmcs_field {
	VPID = 0x0000,
	GUEST_ES_SEL = 0x0800,
	GUEST_CS_SEL = 0x0802,
	GUEST_SS_SEL = 0x0804,
	GUEST_DS_SEL = 0x0806,
	GUEST_FS_SEL = 0x0808,
	GUEST_GS_SEL = 0x080a,
	GUEST_LDTR_SEL = 0x080c,
	GUEST_TR_SEL = 0x080e,
	HOST_ES_SEL = 0x0c00,
	HOST_CS_SEL = 0x0c02,
	HOST_SS_SEL = 0x0c04,
	HOST_DS_SEL = 0x0c06,
	HOST_FS_SEL = 0x0c08,
	HOST_GS_SEL = 0x0c0a,
	HOST_TR_SEL = 0x0c0c,
	IO_BITMAP_A = 0x2000,
	IO_BITMAP_B = 0x2002,
	MSR_BITMAP = 0x2004,
	EXIT_MSR_STORE_ADDR = 0x2006,
	EXIT_MSR_LOAD_ADDR = 0x2008,
	ENTRY_MSR_LOAD_ADDR = 0x200a,
	EPT_POINTER = 0x201a,
	VMREAD_BITMAP = 0x2026,
	VMWRITE_BITMAP = 0x2028,
	GUEST_PHYS_ADDR = 0x2400,
	VMCS_LINK_PTR = 0x2800,
	GUEST_EFER = 0x2806,
	HOST_EFER = 0x2c02,
	PIN_CONTROLS = 0x4000,
	PROC_CONTROLS = 0x4002,
	EXCEPTION_BITMAP = 0x4004,
	PF_ERROR_MASK = 0x4006,
	PF_ERROR_MATCH = 0x4008,
	CR3_TARGET_COUNT = 0x400a,
	EXIT_CONTROLS = 0x400c,
	EXIT_MSR_STORE_COUNT = 0x400e,
	EXIT_MSR_LOAD_COUNT = 0x4010,
	ENTRY_CONTROLS = 0x4012,
	ENTRY_MSR_LOAD_COUNT = 0x4014,
	ENTRY_INTR_INFO = 0x4016,
	ENTRY_EXCEPTION_ERROR = 0x4018,
	ENTRY_INSN_LEN = 0x401a,
	PROC2_CONTROLS = 0x401e,
	VM_INSN_ERROR = 0x4400,
	EXIT_REASON = 0x4402,
	EXIT_INTR_INFO = 0x4404,
	EXIT_INTR_ERROR = 0x4406,
	IDT_VECTORING_INFO = 0x4408,
	EXIT_INSN_LEN = 0x440c,
	GUEST_ES_LIMIT = 0x4800,
	GUEST_CS_LIMIT = 0x4802,
	GUEST_SS_LIMIT = 0x4804,
	GUEST_DS_LIMIT = 0x4806,
	GUEST_FS_LIMIT = 0x4808,
	GUEST_GS_LIMIT = 0x480a,
	GUEST_LDTR_LIMIT = 0x480c,
	GUEST_TR_LIMIT = 0x480e,
	GUEST_GDTR_LIMIT = 0x4810,
	GUEST_IDTR_LIMIT = 0x4812,
	GUEST_ES_AR = 0x4814,
	GUEST_CS_AR = 0x4816,
	GUEST_SS_AR = 0x4818,
	GUEST_DS_AR = 0x481a,
	GUEST_FS_AR = 0x481c,
	GUEST_GS_AR = 0x481e,
	GUEST_LDTR_AR = 0x4820,
	GUEST_TR_AR = 0x4822,
	GUEST_INTERRUPTIBILITY = 0x4824,
	GUEST_ACTIVITY = 0x4826,
	GUEST_SYSENTER_CS = 0x482a,
	PREEMPT_TIMER = 0x482e,
	CR0_MASK = 0x6000,
	CR4_MASK = 0x6002,
	CR0_SHADOW = 0x6004,
	CR4_SHADOW = 0x6006,
	EXIT_QUAL = 0x6400,
	GUEST_LINEAR_ADDR = 0x640a,
	GUEST_CR0 = 0x6800,
	GUEST_CR3 = 0x6802,
	GUEST_CR4 = 0x6804,
	GUEST_ES_BASE = 0x6806,
	GUEST_CS_BASE = 0x6808,
	GUEST_SS_BASE = 0x680a,
	GUEST_DS_BASE = 0x680c,
	GUEST_FS_BASE = 0x680e,
	GUEST_GS_BASE = 0x6810,
	GUEST_LDTR_BASE = 0x6812,
	GUEST_TR_BASE = 0x6814,
	GUEST_GDTR_BASE = 0x6816,
	GUEST_IDTR_BASE = 0x6818,
	GUEST_DR7 = 0x681a,
	GUEST_RSP = 0x681c,
	GUEST_RIP = 0x681e,
	GUEST_RFLAGS = 0x6820,
	GUEST_PENDING_DBG = 0x6822,
	GUEST_SYSENTER_ESP = 0x6824,
	GUEST_SYSENTER_EIP = 0x6826,
	HOST_CR0 = 0x6c00,
	HOST_CR3 = 0x6c02,
	HOST_CR4 = 0x6c04,
	HOST_FS_BASE = 0x6c06,
	HOST_GS_BASE = 0x6c08,
	HOST_TR_BASE = 0x6c0a,
	HOST_GDTR_BASE = 0x6c0c,
	HOST_IDTR_BASE = 0x6c0e,
	HOST_SYSENTER_ESP = 0x6c10,
	HOST_SYSENTER_EIP = 0x6c12,
	HOST_RSP = 0x6c14,
	HOST_RIP = 0x6c16,
};
#define VMCS_FIELD_UNSUPPORTED 0x6dfeU /* natural-width host field, index 0xff: none exists */

/* Basic exit reasons (SDM appendix C); bit 31 marks a VM-entry failure. */
#define EXIT_REASON_EXCEPTION	  0
#define EXIT_REASON_EXT_INTR	  1
#define EXIT_REASON_CPUID	  10
#define EXIT_REASON_HLT		  12
#define EXIT_REASON_VMCALL	  18
#define EXIT_REASON_IO		  30
#define EXIT_REASON_RDMSR	  31
#define EXIT_REASON_WRMSR	  32
#define EXIT_REASON_BAD_GUEST	  33
#define EXIT_REASON_EPT_VIOLATION 48
#define EXIT_REASON_PREEMPT_TIMER 52
#define EXIT_REASON_VMREAD	  23
#define EXIT_REASON_VMWRITE	  25
#define EXIT_REASON_ENTRY_FAIL	  (1U << 31)

/* I/O exit qualification (SDM 27.2.1, table 27-5). */
#define IO_QUAL_SIZE(q) (((q)&7U) + 1)
#define IO_QUAL_IN	(1U << 3)
#define IO_QUAL_STRING	(1U << 4)
#define IO_QUAL_IMM	(1U << 6)
#define IO_QUAL_PORT(q) (((q) >> 16) & 0xffffU)

/* EPT violation exit qualification (SDM 27.2.1, table 27-7). */
#define EPT_QUAL_READ	  (1U << 0)
#define EPT_QUAL_WRITE	  (1U << 1)
#define EPT_QUAL_FETCH	  (1U << 2)
#define EPT_QUAL_READABLE (1U << 3)
#define EPT_QUAL_WRITABLE (1U << 4)
#define EPT_QUAL_EXEC	  (1U << 5)
#define EPT_QUAL_LA_VALID (1U << 7)
#define EPT_QUAL_LA_XLATE (1U << 8)
#define EPT_QUAL_ACCESS	  (EPT_QUAL_READ | EPT_QUAL_WRITE | EPT_QUAL_FETCH)
#define EPT_QUAL_PERMS	  (EPT_QUAL_READABLE | EPT_QUAL_WRITABLE | EPT_QUAL_EXEC)

/* VM-instruction error numbers (SDM 31.4, table 31-1). */
#define VMXERR_VMCLEAR_ADDR	 2
#define VMXERR_VMCLEAR_VMXON	 3
#define VMXERR_LAUNCH_NOT_CLEAR	 4
#define VMXERR_RESUME_NOT_LAUNCH 5
#define VMXERR_ENTRY_CONTROLS	 7
#define VMXERR_ENTRY_HOST	 8
#define VMXERR_VMPTRLD_ADDR	 9
#define VMXERR_VMPTRLD_VMXON	 10
#define VMXERR_VMPTRLD_REVISION	 11
#define VMXERR_FIELD_UNSUPPORTED 12
#define VMXERR_FIELD_READ_ONLY	 13
#define VMXERR_VMXON_IN_ROOT	 15
#define VMXERR_ENTRY_MOV_SS	 26
#define VMXERR_INVALID_OPERAND	 28

/* What a VMX instruction did (SDM 31.2): VMsucceed, VMfailInvalid (CF), VMfailValid (ZF). */
enum vmx_result { VMX_OK = 0, VMX_FAIL_INVALID = 1, VMX_FAIL_VALID = 2 };

#define VMX_RESULT(cf, zf) ((cf) ? VMX_FAIL_INVALID : (zf) ? VMX_FAIL_VALID : VMX_OK)

static inline enum vmx_result vmxon(uint64_t pa)
{
	bool cf, zf;

	asm volatile("vmxon %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result vmxoff(void)
{
	bool cf, zf;

	asm volatile("vmxoff" : "=@ccc"(cf), "=@ccz"(zf) : : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result vmclear(uint64_t pa)
{
	bool cf, zf;

	asm volatile("vmclear %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result vmptrld(uint64_t pa)
{
	bool cf, zf;

	asm volatile("vmptrld %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline uint64_t vmptrst(void)
{
	uint64_t pa;

	asm volatile("vmptrst %0" : "=m"(pa) : : "memory");
	return pa;
}
static inline enum vmx_result vmread_r(uint64_t field, uint64_t *val)
{
	bool cf, zf;

	asm volatile("vmread %3, %2"
		     : "=@ccc"(cf), "=@ccz"(zf), "=r"(*val)
		     : "r"(field)
		     : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result vmwrite_r(uint64_t field, uint64_t val)
{
	bool cf, zf;

	asm volatile("vmwrite %3, %2" : "=@ccc"(cf), "=@ccz"(zf) : "r"(field), "r"(val) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result invept(uint64_t type, uint64_t eptp)
{
	struct {
		uint64_t eptp, zero;
	} desc = {eptp, 0};
	bool cf, zf;

	asm volatile("invept %2, %3" : "=@ccc"(cf), "=@ccz"(zf) : "m"(desc), "r"(type) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline enum vmx_result invvpid(uint64_t type, uint16_t vpid, uint64_t la)
{
	struct {
		uint64_t vpid, la;
	} desc = {vpid, la};
	bool cf, zf;

	asm volatile("invvpid %2, %3" : "=@ccc"(cf), "=@ccz"(zf) : "m"(desc), "r"(type) : "memory");
	return VMX_RESULT(cf, zf);
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

#endif
