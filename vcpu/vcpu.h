/* SPDX-License-Identifier: BSD-2-Clause */
/* The vCPU contract: generic code creates, boots and runs vCPUs; one vendor backend does the rest. */
#ifndef BULKHEAD_VCPU_H
#define BULKHEAD_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "hypercall.h"
#include "svm/svm_state.h"
#include "vmx/vmx_state.h"

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
	VCPU_EXIT_APIC = HC_EXIT_APIC,
	VCPU_EXIT_XSETBV = HC_EXIT_XSETBV,
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
	bool not_insn; /* caused by a page-table walk or event delivery, not by the instruction */
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

/* The CPU mode a vCPU starts in. */
enum vcpu_mode {
	VCPU_MODE_LONG64, /* raw64: paging with @cr3, flat 64-bit code at selector 0x08 */
	VCPU_MODE_PROT32, /* multiboot: flat 32-bit protected mode, paging off */
	VCPU_MODE_REAL,	  /* after INIT-SIPI: real mode at @cs_sel:0 (SDM 9.4.4, APM 15.29) */
};

/* Where a vCPU starts (docs/hypercalls.md, "Boot state"); the protocol registers carry a magic
 * value and the boot-information address where the boot protocol asks for them. */
struct vcpu_boot {
	enum vcpu_mode mode;
	uint64_t rip, rsp, cr3, gdt_base;
	uint16_t gdt_limit;
	uint16_t cs_sel; /* VCPU_MODE_REAL: SIPI vector << 8, base cs_sel << 4 */
	uint64_t rax, rbx, rsi, rdi;
};

/* An event the core asks the backend to deliver at the next entry. */
enum vcpu_event_type { VCPU_EVENT_EXCEPTION, VCPU_EVENT_NMI };

struct vcpu_event {
	enum vcpu_event_type type;
	uint8_t vector;
	bool has_error;
	uint32_t error;
};

/* What the core needs to walk the guest's page tables (instruction fetch for MMIO decode). */
struct vcpu_paging {
	uint64_t cr0, cr3, cr4, efer;
	uint64_t cs_base;
	bool cs_l, cs_db; /* 64-bit code segment; default operand size 32 */
	uint8_t cpl;
};

/* A vCPU's life (vcpu/vcpu_state.c). Only its own physical CPU changes @state; other CPUs post
 * @requests and kick it with an NMI. */
enum vcpu_state {
	VCPU_WAIT_SIPI, /* an application processor after INIT, before its start-up IPI */
	VCPU_RUNNING,
	VCPU_PARKED, /* its partition is stopped or being restarted */
};

#define VCPU_REQ_INIT  (1U << 0) /* INIT from its own partition: to VCPU_WAIT_SIPI */
#define VCPU_REQ_SIPI  (1U << 1) /* start-up IPI with @sipi_vector (ignored unless waiting) */
#define VCPU_REQ_NMI   (1U << 2) /* an NMI IPI from its own partition */
#define VCPU_REQ_PARK  (1U << 3) /* stop running guest code; ack in @parked */
#define VCPU_REQ_RESET (1U << 4) /* leave VCPU_PARKED: boot again (first vCPU) or wait for SIPI */

struct percpu;

struct vcpu {
	struct vcpu_regs regs; /* first: the VMRUN path addresses it by offset 0 */
	struct partition *part;
	struct percpu *cpu; /* the physical CPU this vCPU owns */
	unsigned int index; /* within the partition; 0 boots first */
	uint32_t apic_id;   /* the guest sees its physical CPU's APIC ID */
	enum vcpu_state state;
	uint32_t requests; /* VCPU_REQ_*, atomic */
	uint8_t sipi_vector;
	bool parked;		/* acknowledges VCPU_REQ_PARK */
	uint64_t mtrr_def_type; /* IA32_MTRR_DEF_TYPE as the partition wrote it (msr.c) */
	union {
		struct svm_vcpu svm;
		struct vmx_vcpu vmx;
	} vendor;
};

/* What each backend implements once; chosen at boot by vcpu_select(). */
struct vcpu_ops {
	const char *name;
	bool (*usable)(const char **why);	     /* this CPU can run it */
	void (*cpu_enable)(void);		     /* on each CPU that runs vCPUs */
	void (*partition_init)(struct partition *p); /* NPT, I/O and MSR maps, ASID */
	void (*create)(struct vcpu *v);		     /* VMCB/VMCS */
	void (*set_boot)(struct vcpu *v, const struct vcpu_boot *b); /* also resets the vCPU */
	/* Enter until the next exit. With @v->requests set, returns at once (VCPU_EXIT_INTR)
	 * instead of entering: the check runs where a kick NMI can no longer be lost. */
	void (*run)(struct vcpu *v, struct vcpu_exit *e);
	void (*inject)(struct vcpu *v, const struct vcpu_event *ev); /* at the next entry */
	void (*get_paging)(struct vcpu *v, struct vcpu_paging *out);
	/* MSRs kept in the vendor's guest state (EFER, PAT): the core checked a write's value.
	 * The backend keeps its own bits (EFER.SVME) set underneath. False: not such an MSR. */
	bool (*state_msr)(struct vcpu *v, uint32_t index, bool write, uint64_t *val);
	/* Whether a read or write of MSR @index by @v exits from now on (the vCPU's own MSR
	 * map, which starts as the partition's allow-list). On @v's own CPU, between runs. */
	void (*msr_intercept)(struct vcpu *v, uint32_t index, bool read, bool write);
};

/* An MSR access of the guest as the core emulates it (vcpu/msr.c): false means #GP. Nested
 * VMX's MSR-load and -store lists go through it too. */
bool vcpu_msr_emulate(struct vcpu *v, uint32_t index, bool write, uint64_t *val);

extern const struct vcpu_ops svm_vcpu_ops;
extern const struct vcpu_ops vmx_vcpu_ops;

/* The backend for this CPU, or NULL (with the reason in @why) when partitions cannot run. */
const struct vcpu_ops *vcpu_select(const char **why);
extern const struct vcpu_ops *vcpu_ops;

/* Runs @v on the calling CPU for good: guest code, or waiting for SIPI or a reset. */
_Noreturn void vcpu_run_loop(struct vcpu *v);

/* Generic exit handlers (vcpu/vcpu.c); false when the vCPU stopped running guest code (its
 * partition then posts the requests that say what comes next). */
bool vcpu_handle_exit(struct vcpu *v, const struct vcpu_exit *e);
const char *vcpu_exit_name(enum vcpu_exit_reason r);

/* Requests between vCPUs (vcpu/vcpu_state.c): post @req to @v and kick its CPU. */
void vcpu_request(struct vcpu *v, uint32_t req);

/* The CPUID policy (vcpu/cpuid.c): what the partition sees for @leaf/@subleaf. */
void vcpu_cpuid(const struct partition *p, uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
/* The same as @v itself sees it: with the bits that follow its own state (CR4.OSXSAVE). */
void vcpu_cpuid_for(struct vcpu *v, uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

/* XCR0 (vcpu/xsetbv.c): back to its reset value on the calling CPU, for a vCPU (re)starting. */
void vcpu_xcr0_reset(void);
/* The allow-listed MSRs that stay in the core across VM entries, at their reset values. */
void vcpu_core_msrs_reset(void);
/* The MSRs msr.c emulates per vCPU, as a partition's firmware would leave them. */
void vcpu_msr_reset(struct vcpu *v);

#endif
