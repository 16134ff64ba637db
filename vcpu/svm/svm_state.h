/* SPDX-License-Identifier: BSD-2-Clause */
/* The SVM backend's per-vCPU state, embedded by value in struct vcpu (no SVM definitions here). */
#ifndef BULKHEAD_SVM_STATE_H
#define BULKHEAD_SVM_STATE_H

#include <stdint.h>

struct vmcb;

struct svm_vcpu {
	struct vmcb *vmcb;
	uint64_t vmcb_pa;
	uint64_t host_save_pa; /* VMSAVE area of the host's FS/GS/TR/syscall MSRs */
	uint64_t guest_efer;   /* what the guest wrote; the VMCB's copy adds SVME */
};

/* Per partition: shared by its vCPUs. */
struct svm_partition {
	uint64_t ncr3; /* nested page table root */
	uint64_t iopm_pa, msrpm_pa;
	uint32_t asid;
};

#endif
