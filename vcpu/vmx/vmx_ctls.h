/* SPDX-License-Identifier: BSD-2-Clause */
/* The VM-execution, exit and entry controls Bulkhead needs, and the allowed-0/1 rules (A.3-A.5). */
#ifndef BULKHEAD_VMX_CTLS_H
#define BULKHEAD_VMX_CTLS_H

#include <stddef.h>
#include <stdint.h>

enum vmx_ctl { CTL_PIN, CTL_PROC, CTL_PROC2, CTL_EXIT, CTL_ENTRY, VMX_CTLS };

/* Pin-based controls (24.6.1) */
#define PIN_EXT_INTR_EXIT (1U << 0)
#define PIN_NMI_EXIT	  (1U << 3)
#define PIN_VIRTUAL_NMIS  (1U << 5)
#define PIN_PREEMPT_TIMER (1U << 6)
#define PIN_POSTED_INTR	  (1U << 7)

/* Primary processor-based controls (24.6.2) */
#define PROC_INTR_WINDOW (1U << 2)
#define PROC_HLT_EXIT	 (1U << 7)
#define PROC_INVLPG_EXIT (1U << 9)
#define PROC_MWAIT_EXIT	 (1U << 10)
#define PROC_CR3_LOAD	 (1U << 15)
#define PROC_CR3_STORE	 (1U << 16)
#define PROC_CR8_LOAD	 (1U << 19)
#define PROC_CR8_STORE	 (1U << 20)
#define PROC_NMI_WINDOW	 (1U << 22)
#define PROC_IO_BITMAPS	 (1U << 25)
#define PROC_MSR_BITMAPS (1U << 28)
#define PROC_MONITOR	 (1U << 29)
#define PROC_SECONDARY	 (1U << 31)

/* Bits Bulkhead leaves clear for its own guests: only checked in L1's VMCS12 */
#define PROC_TPR_SHADOW (1U << 21)
#define PROC_MTF	(1U << 27)

/* Secondary processor-based controls (24.6.2) */
#define PROC2_EPT	  (1U << 1)
#define PROC2_RDTSCP	  (1U << 3)
#define PROC2_VPID	  (1U << 5)
#define PROC2_UNRESTRICT  (1U << 7)
#define PROC2_INVPCID	  (1U << 12)
#define PROC2_VMCS_SHADOW (1U << 14)

/* Bits Bulkhead leaves clear for its own guests: only checked in L1's VMCS12 */
#define PROC2_APIC_ACCESS (1U << 0)
#define PROC2_X2APIC_MODE (1U << 4)
#define PROC2_APIC_REG	  (1U << 8)
#define PROC2_VINTR	  (1U << 9)

/* VM-exit controls (24.7.1) */
#define EXIT_HOST_64   (1U << 9)
#define EXIT_ACK_INTR  (1U << 15)
#define EXIT_SAVE_PAT  (1U << 18)
#define EXIT_LOAD_PAT  (1U << 19)
#define EXIT_SAVE_EFER (1U << 20)
#define EXIT_LOAD_EFER (1U << 21)

/* Bits Bulkhead leaves clear for its own guests: only checked in L1's VMCS12 */
#define EXIT_SAVE_DEBUG	  (1U << 2)
#define EXIT_SAVE_PREEMPT (1U << 22)

/* VM-entry controls (24.8.1) */
#define ENTRY_IA32E	(1U << 9)
#define ENTRY_LOAD_PAT	(1U << 14)
#define ENTRY_LOAD_EFER (1U << 15)

/* Bits Bulkhead leaves clear for its own guests: only checked in L1's VMCS12 */
#define ENTRY_LOAD_DEBUG (1U << 2)
#define ENTRY_SMM	 (1U << 10)
#define ENTRY_DUAL_MON	 (1U << 11)

enum vmx_need {
	NEED_ON,  /* Bulkhead cannot run partitions without it */
	WANT_ON,  /* used where the CPU allows it */
	NEED_OFF, /* would change what the partition or Bulkhead relies on */
	MAY_ON,	  /* set per vCPU at run time (ENTRY_IA32E): only checked as allowed */
};

struct vmx_ctl_bit {
	enum vmx_ctl ctl;
	uint32_t bit;
	enum vmx_need need;
	const char *name;
};

extern const struct vmx_ctl_bit vmx_ctl_table[];
extern const size_t vmx_ctl_table_len;
extern const char *const vmx_ctl_names[VMX_CTLS];

/* One capability MSR per control: bits 31:0 allowed-0 (must be 1), 63:32 allowed-1 (may be 1). */
struct vmx_ctl_caps {
	uint64_t msr[VMX_CTLS];
};

/* Fills out[] from the table; NULL on success, else the first bit that cannot be as needed. */
const struct vmx_ctl_bit *vmx_ctls_resolve(const struct vmx_ctl_caps *caps,
					   const struct vmx_ctl_bit *table, size_t n,
					   uint32_t out[VMX_CTLS]);

#endif
