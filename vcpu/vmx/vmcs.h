/* SPDX-License-Identifier: BSD-2-Clause */
/* VMCS field encodings, control bits and exit reasons (SDM Vol. 3C, Appendix B, 25, C). */
#ifndef BULKHEAD_VMCS_H
#define BULKHEAD_VMCS_H

/* Guest segment fields follow ES, CS, SS, DS, FS, GS, LDTR, TR two encodings apart (B.1-B.4). */
enum vmx_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR, VMX_SEGS };
#define GUEST_SEL(s)   (0x0800U + 2U * (s))
#define GUEST_LIMIT(s) (0x4800U + 2U * (s))
#define GUEST_AR(s)    (0x4814U + 2U * (s))
#define GUEST_BASE(s)  (0x6806U + 2U * (s))

/* 16-bit fields (B.1) */
#define VMCS_VPID   0x0000U
#define HOST_ES_SEL 0x0c00U
#define HOST_CS_SEL 0x0c02U
#define HOST_SS_SEL 0x0c04U
#define HOST_DS_SEL 0x0c06U
#define HOST_FS_SEL 0x0c08U
#define HOST_GS_SEL 0x0c0aU
#define HOST_TR_SEL 0x0c0cU

/* 64-bit fields (B.2) */
#define IO_BITMAP_A	0x2000U
#define IO_BITMAP_B	0x2002U
#define MSR_BITMAP	0x2004U
#define EPT_POINTER	0x201aU
#define GUEST_PHYS_ADDR 0x2400U
#define VMCS_LINK_PTR	0x2800U
#define GUEST_PAT	0x2804U
#define GUEST_EFER	0x2806U
#define HOST_PAT	0x2c00U
#define HOST_EFER	0x2c02U

/* The rest of B.2 that VMCS12 holds */
#define EXIT_MSR_STORE_ADDR 0x2006U
#define EXIT_MSR_LOAD_ADDR  0x2008U
#define ENTRY_MSR_LOAD_ADDR 0x200aU
#define EXECUTIVE_VMCS_PTR  0x200cU
#define TSC_OFFSET	    0x2010U
#define VIRTUAL_APIC_ADDR   0x2012U
#define APIC_ACCESS_ADDR    0x2014U
#define VMREAD_BITMAP	    0x2026U
#define VMWRITE_BITMAP	    0x2028U
#define GUEST_DEBUGCTL	    0x2802U
#define GUEST_PDPTE(n)	    (0x280aU + 2U * (n))

/* 32-bit fields (B.3) */
#define PIN_CTLS	    0x4000U
#define PROC_CTLS	    0x4002U
#define EXCEPTION_BITMAP    0x4004U
#define CR3_TARGET_COUNT    0x400aU
#define EXIT_CTLS	    0x400cU
#define EXIT_MSR_STORE_CNT  0x400eU
#define EXIT_MSR_LOAD_CNT   0x4010U
#define ENTRY_CTLS	    0x4012U
#define ENTRY_MSR_LOAD_CNT  0x4014U
#define ENTRY_INTR_INFO	    0x4016U
#define ENTRY_EXC_ERROR	    0x4018U
#define ENTRY_INSN_LEN	    0x401aU
#define PROC2_CTLS	    0x401eU
#define VM_INSN_ERROR	    0x4400U
#define EXIT_REASON	    0x4402U
#define EXIT_INTR_INFO	    0x4404U
#define IDT_VECT_INFO	    0x4408U
#define IDT_VECT_ERROR	    0x440aU
#define EXIT_INSN_LEN	    0x440cU
#define GUEST_GDTR_LIMIT    0x4810U
#define GUEST_IDTR_LIMIT    0x4812U
#define GUEST_INTR_STATE    0x4824U
#define GUEST_ACTIVITY	    0x4826U
#define GUEST_SYSENTER_CS   0x482aU
#define GUEST_PREEMPT_TIMER 0x482eU /* VMX-preemption timer value (24.4.2) */
#define HOST_SYSENTER_CS    0x4c00U

/* The rest of B.3 that VMCS12 holds */
#define PF_ERROR_MASK	0x4006U
#define PF_ERROR_MATCH	0x4008U
#define TPR_THRESHOLD	0x401cU
#define EXIT_INTR_ERROR 0x4406U
#define EXIT_INSN_INFO	0x440eU
#define GUEST_SMBASE	0x4828U

/* Natural-width fields (B.4) */
#define CR0_GUEST_HOST_MASK 0x6000U
#define CR4_GUEST_HOST_MASK 0x6002U
#define CR0_READ_SHADOW	    0x6004U
#define CR4_READ_SHADOW	    0x6006U
#define EXIT_QUALIFICATION  0x6400U
#define GUEST_CR0	    0x6800U
#define GUEST_CR3	    0x6802U
#define GUEST_CR4	    0x6804U
#define GUEST_GDTR_BASE	    0x6816U
#define GUEST_IDTR_BASE	    0x6818U
#define GUEST_DR7	    0x681aU
#define GUEST_RSP	    0x681cU
#define GUEST_RIP	    0x681eU
#define GUEST_RFLAGS	    0x6820U
#define GUEST_PENDING_DBG   0x6822U
#define GUEST_SYSENTER_ESP  0x6824U
#define GUEST_SYSENTER_EIP  0x6826U
#define HOST_CR0	    0x6c00U
#define HOST_CR3	    0x6c02U
#define HOST_CR4	    0x6c04U
#define HOST_FS_BASE	    0x6c06U
#define HOST_GS_BASE	    0x6c08U
#define HOST_TR_BASE	    0x6c0aU
#define HOST_GDTR_BASE	    0x6c0cU
#define HOST_IDTR_BASE	    0x6c0eU
#define HOST_SYSENTER_ESP   0x6c10U
#define HOST_SYSENTER_EIP   0x6c12U
#define HOST_RSP	    0x6c14U
#define HOST_RIP	    0x6c16U

/* The rest of B.4 that VMCS12 holds */
#define CR3_TARGET(n)	  (0x6008U + 2U * (n))
#define IO_RCX		  0x6402U
#define IO_RSI		  0x6404U
#define IO_RDI		  0x6406U
#define IO_RIP		  0x6408U
#define GUEST_LINEAR_ADDR 0x640aU

/* Basic exit reasons (Appendix C) */
#define EXIT_EXCEPTION_NMI   0
#define EXIT_EXTERNAL_INTR   1
#define EXIT_TRIPLE_FAULT    2
#define EXIT_INIT	     3
#define EXIT_SIPI	     4
#define EXIT_IO_SMI	     5
#define EXIT_OTHER_SMI	     6
#define EXIT_NMI_WINDOW	     8
#define EXIT_CPUID	     10
#define EXIT_HLT	     12
#define EXIT_VMCALL	     18
#define EXIT_VMCLEAR	     19
#define EXIT_VMLAUNCH	     20
#define EXIT_VMPTRLD	     21
#define EXIT_VMPTRST	     22
#define EXIT_VMREAD	     23
#define EXIT_VMRESUME	     24
#define EXIT_VMWRITE	     25
#define EXIT_VMXOFF	     26
#define EXIT_VMXON	     27
#define EXIT_CR_ACCESS	     28
#define EXIT_IO		     30
#define EXIT_RDMSR	     31
#define EXIT_WRMSR	     32
#define EXIT_BAD_GUEST_STATE 33
#define EXIT_MSR_LOADING     34
#define EXIT_MACHINE_CHECK   41
#define EXIT_EPT_VIOLATION   48
#define EXIT_EPT_MISCONFIG   49
#define EXIT_INVEPT	     50
#define EXIT_INVVPID	     53
#define EXIT_XSETBV	     55
#define EXIT_PREEMPT_TIMER   52
#define EXIT_VMFUNC	     59
#define EXIT_REASON_BASIC    0xffffU
#define EXIT_REASON_FAILED   (1U << 31) /* VM-entry failure (27.8) */

/* Interruption-information fields (24.8.3, 24.9.2, 24.9.3) */
#define INTR_INFO_VECTOR    0xffU
#define INTR_INFO_TYPE_MASK (7U << 8)
#define INTR_TYPE_NMI	    (2U << 8)
#define INTR_TYPE_HW_EXC    (3U << 8)
#define INTR_INFO_ERROR	    (1U << 11)
#define INTR_INFO_VALID	    (1U << 31)

/* The other interruption types, and what the VM-entry field reserves (26.2.1.3) */
#define INTR_TYPE_EXT_INTR (0U << 8)
#define INTR_TYPE_RESERVED (1U << 8)
#define INTR_TYPE_SW_INTR  (4U << 8)
#define INTR_TYPE_PRIV_SW  (5U << 8)   /* INT1 */
#define INTR_TYPE_SW_EXC   (6U << 8)   /* INT3, INTO */
#define INTR_TYPE_OTHER	   (7U << 8)   /* a pending MTF VM exit */
#define INTR_INFO_RESERVED 0x7ffff000U /* bits 30:12 */

/* I/O exit qualification (Table 28-5) */
#define IO_QUAL_SIZE_MASK  7U
#define IO_QUAL_IN	   (1U << 3)
#define IO_QUAL_STRING	   (1U << 4)
#define IO_QUAL_REP	   (1U << 5)
#define IO_QUAL_PORT_SHIFT 16

/* EPT-violation exit qualification (Table 28-7) */
#define EPT_QUAL_READ	   (1U << 0)
#define EPT_QUAL_WRITE	   (1U << 1)
#define EPT_QUAL_FETCH	   (1U << 2)
#define EPT_QUAL_PERM_MASK (7U << 3) /* the entry allowed read, write or execute */
#define EPT_QUAL_GLA_VALID (1U << 7) /* a guest linear address was being translated */
#define EPT_QUAL_GLA_FINAL (1U << 8) /* ... and the access was to it, not to a paging structure */

/* Control-register access exit qualification (Table 28-3) */
#define CR_QUAL_NUM_MASK    0xfU
#define CR_QUAL_TYPE_SHIFT  4
#define CR_QUAL_TYPE_MASK   3U
#define CR_QUAL_TYPE_MOV_TO 0
#define CR_QUAL_GPR_SHIFT   8
#define CR_QUAL_GPR_MASK    0xfU

/* Segment access rights (24.4.1): the descriptor's bits 40-47 and 52-55, plus "unusable". */
#define AR_TYPE(ar) ((ar)&0xfU)
#define AR_S	    (1U << 4)
#define AR_DPL(ar)  (((ar) >> 5) & 3U)
#define AR_P	    (1U << 7)
#define AR_L	    (1U << 13)
#define AR_DB	    (1U << 14)
#define AR_G	    (1U << 15)
#define AR_UNUSABLE (1U << 16)
#define AR_RSVD	    0xfffe0f00U /* bits 31:17 and 11:8 */

#define VMCS_LINK_NONE (~0ULL) /* no shadow VMCS (26.3.1.5) */

#endif
