/* SPDX-License-Identifier: BSD-2-Clause */
/* The SVM backend's per-vCPU state, embedded by value in struct vcpu (no SVM definitions here). */
#ifndef BULKHEAD_SVM_STATE_H
#define BULKHEAD_SVM_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "shadow_table.h"

struct vmcb;

/* Nested SVM (nested/svm/): what L0 keeps to run the partition's own guest (L2). Allocated once
 * per vCPU of a partition with nested = "svm"; a reset only drops the state. */
struct svm_nested {
	struct vmcb *vmcb01, *vmcb02; /* the partition's own VMCB; the one that runs L2 */
	uint64_t vmcb01_pa, vmcb02_pa;
	struct vmcb *vmcb12; /* L0's one copy of L1's VMCB, taken at VMRUN */
	uint64_t vmcb12_gpa;
	uint8_t *iopm12, *msrpm12; /* L0's copies of L1's maps */
	uint8_t *iopm02, *msrpm02; /* merged: open only where L0 and L1 both open */
	/* What VMCB02 uses: the merge, or L0's own map where L1 has none. */
	uint64_t iopm02_pa, msrpm02_pa;
	uint64_t hsave_pa, vm_cr;  /* L1's VM_HSAVE_PA and VM_CR MSRs */
	uint64_t l1_efer;	   /* L1's EFER while L2 runs */
	struct shadow_pool shadow; /* the shadow NPT (NPT12 on NPT01) */
	uint64_t ncr3_12;	   /* the NPT12 root the shadow was built from */
	uint32_t asid_12;	   /* and L2's ASID in VMCB12 then */
	bool npt12;		   /* L2 runs on the shadow of L1's nested page table */
	uint64_t vmruns, reflected, invalid;
	uint32_t logged, logged_run; /* lines printed in partition run logged_run (its restarts) */
	bool ready, in_l2, gif, nmi_pending; /* nmi_pending: held by GIF or for L1 */
};

struct svm_vcpu {
	struct vmcb *vmcb; /* the VMCB that runs next: vmcb01, or the nested vmcb02 */
	uint64_t vmcb_pa;
	uint64_t host_save_pa; /* VMSAVE area of the host's FS/GS/TR/syscall MSRs */
	uint8_t *msrpm;	       /* this vCPU's MSR map: the partition's, plus its x2APIC mode */
	uint64_t guest_efer;   /* what the guest wrote; the VMCB's copy adds SVME */
	/* The guest's NMI blocking (SDM 6.7.1, APM 15.20) outside nested guests (svm_ops.c): set
	 * by an NMI's injection, cleared once its handler's IRET completed. */
	bool nmi_masked, nmi_pending; /* pending: waits for the IRET or a free EVENTINJ */
	bool iret_seen;		      /* IRET intercepted at iret_rip, not known completed */
	bool nmi_step, step_guest_tf; /* stepping over that IRET; the TF the guest had */
	uint64_t iret_rip, step_dr6;  /* DR6 before the step: its bits are sticky */
	struct svm_nested nested;
};

/* Per partition: shared by its vCPUs. */
struct svm_partition {
	uint64_t ncr3; /* nested page table root */
	uint64_t iopm_pa, msrpm_pa;
	uint32_t asid;
	uint32_t asid02; /* the ASID of its nested guests (nested = "svm") */
};

#endif
