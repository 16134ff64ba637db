/* SPDX-License-Identifier: BSD-2-Clause */
/* The SVM backend's internals: MSRs, bits, one-instruction wrappers, and its files' functions. */
#ifndef BULKHEAD_SVM_H
#define BULKHEAD_SVM_H

#include <stdbool.h>
#include <stdint.h>

#include "partition.h"
#include "vcpu.h"
#include "vmcb.h"

#define MSR_VM_CR	0xc0010114
#define MSR_VM_HSAVE_PA 0xc0010117
#define VM_CR_SVMDIS	(1ULL << 4)
#define EFER_SVME	(1ULL << 12)
#define EFER_LMA	(1ULL << 10)

static inline void clgi(void)
{
	asm volatile("clgi" ::: "memory");
}

static inline void stgi(void)
{
	asm volatile("stgi" ::: "memory");
}

#define IOPM_SIZE  (3 * 4096) /* one bit per port, plus a page for accesses that wrap */
#define MSRPM_SIZE (2 * 4096)

/* vcpu/svm/svm_run.S: enter the guest of @vmcb_pa with @regs until the next #VMEXIT. */
void svm_vmrun(struct vcpu_regs *regs, uint64_t vmcb_pa, uint64_t host_save_pa, uint64_t host_if);

/* vcpu/svm/npt.c: map guest-physical [gpa, gpa + size) to hpa with the largest pages that fit. */
void npt_map(uint64_t *pml4, uint64_t gpa, uint64_t hpa, uint64_t size, unsigned int rights,
	     unsigned int pages[3]);

/* vcpu/svm/svm_maps.c: the partition's I/O and MSR permission maps. */
uint64_t svm_iopm_build(const struct cfg_partition *c);
/* Opens ports [base, base + size) of a built map (a passed-through function's I/O BARs). */
void svm_iopm_open(uint8_t *map, uint64_t base, uint64_t size);
uint64_t svm_msrpm_build(void);
/* Whether reads and writes of @msr exit, in the MSR permission map @map. */
void svm_msrpm_set(uint8_t *map, uint32_t msr, bool read, bool write);

/* vcpu/svm/svm_exit.c: the flat exit switch. */
void svm_decode_exit(const struct vmcb *vmcb, struct vcpu_exit *e);

/* vcpu/svm/svm_vmcb.c */
void svm_vmcb_init(struct vmcb *vmcb, const struct svm_partition *sp, uint64_t msrpm_pa);
void svm_vmcb_boot(struct vmcb *vmcb, const struct vcpu_boot *b);

/* nested/svm/ (issue #7): the backend's hooks for a partition with nested = "svm". */
void nested_svm_partition_init(struct partition *p);
void nested_svm_vcpu_create(struct vcpu *v);
void nested_svm_leave(struct vcpu *v); /* before the vCPU is reset */
bool nested_svm_exit(struct vcpu *v);  /* after each run: true when L1 took the exit */
/* An event for the vCPU: true when nested SVM took it (held by GIF, or an exit L1 asked for). */
bool nested_svm_event(struct vcpu *v, const struct vcpu_event *ev);

#endif
