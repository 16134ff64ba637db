/* SPDX-License-Identifier: BSD-2-Clause */
/* Nested virtualization, the generic side: what the vCPU core asks of the partition's kind of
 * nested virtualization (nested/svm/ for "svm"); no vendor definitions here. */
#ifndef BULKHEAD_NESTED_H
#define BULKHEAD_NESTED_H

#include <stdbool.h>
#include <stdint.h>

struct partition;
struct vcpu;
struct vcpu_exit;

/* One kind of nested virtualization (cfg->nested); every hook is required. */
struct nested_ops {
	/* An intercepted virtualization instruction of L1: emulated, or a fault injected. */
	bool (*virt_insn)(struct vcpu *v, const struct vcpu_exit *e);
	/* An MSR this kind emulates (VM_HSAVE_PA, VM_CR): true when handled, false for #GP. */
	bool (*msr)(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *handled);
	uint64_t (*efer_allowed)(struct vcpu *v); /* EFER bits it adds (SVME) */
	void (*cpuid)(uint32_t leaf, uint32_t out[4]);
	void (*reset)(struct vcpu *v); /* leave nested mode, drop all nested state (rule 9) */
};

extern const struct nested_ops nested_svm_ops;
extern const struct nested_ops nested_vmx_ops;

/* The core's hooks (vcpu/vcpu.c, msr.c, cpuid.c, vcpu_state.c). Without nested virtualization
 * for the partition, every virtualization instruction raises #UD (nested-rules 7). */
bool nested_virt_insn(struct vcpu *v, const struct vcpu_exit *e);
/* False: not a nested MSR (the core decides); else @ok says handled (true) or #GP (false). */
bool nested_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *ok);
uint64_t nested_efer_allowed(struct vcpu *v);
void nested_cpuid(const struct partition *p, uint32_t leaf, uint32_t out[4]);
void nested_reset(struct vcpu *v);

/* Boot options (kernel/main.c, from the command line). */
struct nested_options {
	/* nested-vmx-shadowing=off: L0 links no shadow VMCS, every VMREAD/VMWRITE of L1 exits */
	bool vmx_no_shadowing;
};
extern struct nested_options nested_options;

#endif
