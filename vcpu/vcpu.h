/* SPDX-License-Identifier: BSD-2-Clause */
/* The vCPU contract: generic code creates, boots and runs vCPUs; one vendor backend does the rest. */
#ifndef BULKHEAD_VCPU_H
#define BULKHEAD_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "hypercall.h"
#include "svm/svm_state.h"

struct partition;

/* Why a vCPU stopped running: the neutral exit reasons, counted per partition. */
enum vcpu_exit_reason {
	VCPU_EXIT_CPUID = HC_EXIT_CPUID,
	VCPU_EXIT_MSR = HC_EXIT_MSR,
	VCPU_EXIT_IO = HC_EXIT_IO,
	VCPU_EXIT_NPF = HC_EXIT_NPF,
	VCPU_EXIT_HLT = HC_EXIT_HLT,
	VCPU_EXIT_HYPERCALL = HC_EXIT_HYPERCALL,
	VCPU_EXIT_SHUTDOWN = HC_EXIT_SHUTDOWN,
	VCPU_EXIT_INTR = HC_EXIT_INTR,
	VCPU_EXIT_VIRT_INSN = HC_EXIT_VIRT_INSN,
	VCPU_EXIT_OTHER = HC_EXIT_OTHER,
	VCPU_EXIT_REASONS = HC_EXIT_REASONS
};

struct vcpu_io {
	uint16_t port;
	uint8_t size; /* 1, 2 or 4 bytes */
	bool in, string, rep;
};

struct vcpu_msr {
	uint32_t index;
	bool write;
};

struct vcpu_npf {
	uint64_t gpa;
	bool write, exec, present;
};

/* One exit as the backend decoded it; insn_len lets the core skip the instruction. */
struct vcpu_exit {
	enum vcpu_exit_reason reason;
	uint64_t code; /* the vendor's own exit code, for messages */
	uint8_t insn_len;
	union {
		struct vcpu_io io;
		struct vcpu_msr msr;
		struct vcpu_npf npf;
	};
};

/* Guest general-purpose registers; the backend keeps RAX, RSP and RIP in sync around a run. */
struct vcpu_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
};

/* Where a raw64 guest starts (docs/hypercalls.md, "Boot state"). */
struct vcpu_boot {
	uint64_t rip, rsp, cr3, gdt_base;
	uint16_t gdt_limit;
};

struct vcpu {
	struct vcpu_regs regs; /* first: the VMRUN path addresses it by offset 0 */
	struct partition *part;
	unsigned int index; /* within the partition */
	bool stopped;
	union {
		struct svm_vcpu svm;
	} vendor;
};

/* What each backend implements once; chosen at boot by vcpu_select(). */
struct vcpu_ops {
	const char *name;
	bool (*usable)(const char **why);	     /* this CPU can run it */
	void (*cpu_enable)(void);		     /* on each CPU that runs vCPUs */
	void (*partition_init)(struct partition *p); /* NPT, I/O and MSR maps, ASID */
	void (*create)(struct vcpu *v);		     /* VMCB/VMCS */
	void (*set_boot)(struct vcpu *v, const struct vcpu_boot *b);
	void (*run)(struct vcpu *v, struct vcpu_exit *e); /* enter until the next exit */
};

extern const struct vcpu_ops svm_vcpu_ops;

/* The backend for this CPU, or NULL (with the reason in @why) when partitions cannot run. */
const struct vcpu_ops *vcpu_select(const char **why);
extern const struct vcpu_ops *vcpu_ops;

/* Runs @v on the calling CPU until its partition stops; then returns. */
void vcpu_run_loop(struct vcpu *v);

/* Generic exit handlers (vcpu/exits.c); each returns false when the vCPU must stop. */
bool vcpu_handle_exit(struct vcpu *v, const struct vcpu_exit *e);
const char *vcpu_exit_name(enum vcpu_exit_reason r);

/* The CPUID policy (vcpu/cpuid.c): what the partition sees for @leaf/@subleaf. */
void vcpu_cpuid(const struct partition *p, uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

#endif
