/* SPDX-License-Identifier: BSD-2-Clause */
/* Nested VMX internals: L1 (the partition's hypervisor) runs L2 through L0's (Bulkhead's)
 * emulated VMX instructions. Phases: insn.c (gates, instructions), operand.c (their memory
 * operands), vmcs02.c (12 -> 02), exit.c (02 -> 12, L1's host state), ept12.c (EPT12 shadow),
 * caps12.c (what L1 is offered). */
#ifndef BULKHEAD_NESTED_VMX_H
#define BULKHEAD_NESTED_VMX_H

#include <stdbool.h>
#include <stdint.h>

#include "nested.h"
#include "traps.h"
#include "vmcs12.h"
#include "vmx/vmx.h"

#define NVMX_PAGE	  4096ULL
#define NVMX_NO_VMCS	  (~0ULL) /* current-VMCS pointer with none current (24.1) */
#define NVMX_LOG_LINES	  8	  /* per vCPU and partition run: no console flood */
#define NVMX_SHADOW_PAGES 64
#define NVMX_MSR_LIST_MAX 512
#define NVMX_EPTP_WALK4_WB \
	((3ULL << 3) |     \
	 6ULL) /* the shadow's EPTP bits: 4 levels, WB */ /* IA32_VMX_MISC[27:25] = 0: 512 entries (A.6) */

/* VM-instruction error numbers (30.4) */
enum vmx_insn_error {
	VMXERR_VMCALL_ROOT = 1,
	VMXERR_VMCLEAR_ADDR = 2,
	VMXERR_VMCLEAR_VMXON = 3,
	VMXERR_LAUNCH_NOT_CLEAR = 4,
	VMXERR_RESUME_NOT_LAUNCHED = 5,
	VMXERR_ENTRY_CONTROLS = 7,
	VMXERR_ENTRY_HOST = 8,
	VMXERR_VMPTRLD_ADDR = 9,
	VMXERR_VMPTRLD_VMXON = 10,
	VMXERR_VMPTRLD_REVISION = 11,
	VMXERR_FIELD_UNSUPPORTED = 12,
	VMXERR_FIELD_READ_ONLY = 13,
	VMXERR_VMXON_IN_ROOT = 15,
	VMXERR_ENTRY_EVENTS_BLOCKED = 26,
	VMXERR_INVALID_OPERAND = 28,
};

/* Basic exit reasons the backend's own guests never cause (Appendix C) */
#define EXIT_INTR_WINDOW 7
#define EXIT_INVLPG	 14
#define EXIT_RDPMC	 15
#define EXIT_RDTSC	 16
#define EXIT_DR_ACCESS	 29
#define EXIT_MWAIT	 36
#define EXIT_MTF	 37
#define EXIT_MONITOR	 39
#define EXIT_PAUSE	 40
#define EXIT_GDTR_IDTR	 46
#define EXIT_LDTR_TR	 47
#define EXIT_RDTSCP	 51
#define EXIT_WBINVD	 54
#define EXIT_RDRAND	 57
#define EXIT_INVPCID	 58
#define EXIT_RDSEED	 61
#define CR0_TS_BIT	 (1ULL << 3)

#define PIN_ALLOWED12	  (PIN_EXT_INTR_EXIT | PIN_NMI_EXIT | PIN_VIRTUAL_NMIS | PIN_PREEMPT_TIMER)
#define PROC_TSC_OFFSET	  (1U << 3)
#define PROC_RDPMC_EXIT	  (1U << 11)
#define PROC_RDTSC_EXIT	  (1U << 12)
#define PROC_TPR_SHADOW	  (1U << 21)
#define PROC_MOV_DR_EXIT  (1U << 23)
#define PROC_UNCOND_IO	  (1U << 24)
#define PROC_MTF	  (1U << 27)
#define PROC_PAUSE_EXIT	  (1U << 30)
#define PROC2_DESC_EXIT	  (1U << 2)
#define PROC2_WBINVD_EXIT (1U << 6)
#define PROC2_RDRAND_EXIT (1U << 11)
#define PROC2_RDSEED_EXIT (1U << 16)
#define EXIT_SAVE_DEBUG	  (1U << 2)
#define ENTRY_LOAD_DEBUG  (1U << 2)
#define EXIT_SAVE_PREEMPT (1U << 22)
#define ACTIVITY_ACTIVE12 0
#define ACTIVITY_HLT12	  1
#define DR7_AFTER_EXIT	  0x400ULL
#define RFLAGS_FIXED1	  (1ULL << 1)
#define RFLAGS_CF	  (1ULL << 0)
#define RFLAGS_PF	  (1ULL << 2)
#define RFLAGS_AF	  (1ULL << 4)
#define RFLAGS_ZF	  (1ULL << 6)
#define RFLAGS_SF	  (1ULL << 7)
#define RFLAGS_OF	  (1ULL << 11)
#define RFLAGS_VM	  (1ULL << 17)
#define RFLAGS_ARITH	  (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_OF)
#define VMX_EXIT_REASONS  70

static inline struct vmx_nested *nvmx(struct vcpu *v)
{
	return &v->vendor.vmx.nested;
}

/* caps12.c: L1's IA32_VMX_* MSRs and IA32_FEATURE_CONTROL; the checks' view of them. */
bool nested_vmx_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *handled);
void nested_vmx_env(struct vcpu *v, struct vmcs12_env *env);
uint64_t nested_vmx_misc(void);
uint64_t nested_vmx_ept_vpid_cap(void);

/* insn.c: VMsucceed, VMfailInvalid, VMfailValid (30.2) and the instruction's completion. */
void nvmx_succeed(struct vcpu *v);
void nvmx_fail(struct vcpu *v, enum vmx_insn_error err);
void nvmx_inject(struct vcpu *v, uint8_t vector, bool with_error, uint32_t error);
bool nested_vmx_virt_insn(struct vcpu *v, const struct vcpu_exit *e);

/* operand.c: the memory or register operand of the exiting VMX instruction (28.2.5). */
struct nvmx_operand {
	bool is_reg;
	unsigned int reg;  /* register operand: its number (Table 28-11) */
	uint64_t linear;   /* memory operand: its linear address */
	unsigned int size; /* 4 or 8: the operand size outside/in 64-bit mode */
};
void nvmx_decode_operand(struct vcpu *v, struct nvmx_operand *op);
uint64_t *nvmx_gpr(struct vcpu *v, unsigned int n);
uint64_t nvmx_reg2(struct vcpu *v, const struct nvmx_operand *op);
/* Reads/writes @len bytes at the operand's linear address through L1's paging, inside its
 * memory; on failure the fault is injected (#PF or #GP) and false returned. */
bool nvmx_read_mem(struct vcpu *v, uint64_t linear, void *dst, unsigned int len);
bool nvmx_write_mem(struct vcpu *v, uint64_t linear, const void *src, unsigned int len);

/* vmcs02.c: VMLAUNCH/VMRESUME's second half: checks, VMCS02, L2 runs. */
void nested_vmx_enter(struct vcpu *v, bool launch);
/* maps02.c: merged I/O and MSR bitmaps; false when L1's lie outside its memory. */
bool nvmx_prepare_maps(struct vcpu *v, uint64_t *io_pa, uint64_t *msr_pa);
bool nvmx_io_intercepted(const struct vmx_nested *n, const struct vmcs12 *c, uint16_t port,
			 unsigned int size);
bool nvmx_msr_intercepted(const struct vmx_nested *n, const struct vmcs12 *c, uint32_t msr,
			  bool write);
/* MSR-load and -store lists (26.4, 27.4, 27.6): 0 or the failing entry's number (from 1). */
uint32_t nvmx_msr_list_load(struct vcpu *v, uint64_t gpa, uint32_t count);
bool nvmx_msr_list_store(struct vcpu *v, uint64_t gpa, uint32_t count);

/* exit.c: a VM exit to L1 (27): L2's state into VMCS12, L1 loaded from its host state. The
 * exit information is written whole (rule 11): what the CPU gave for L2's exit, or made up by
 * L0 (an event L1 intercepts). */
struct nvmx_exit {
	uint32_t reason, intr_info, intr_error, idt_info, idt_error, insn_len, insn_info;
	uint64_t qual, gla, gpa;
};
void nvmx_exit_from_vmcs02(struct nvmx_exit *x);
/* L1's exception bitmap, with the #PF error-code mask and match (25.2); NMIs are L0's. */
bool nvmx_exception_wanted(const struct vmcs12 *c, uint32_t intr_info, uint32_t error);
void nested_vmx_vmexit(struct vcpu *v, const struct nvmx_exit *x);
/* An entry that failed after VMLAUNCH/VMRESUME succeeded as an instruction (26.7, 26.8). */
void nested_vmx_entry_fail(struct vcpu *v, uint32_t reason, uint64_t qual);
void nvmx_write_back(struct vcpu *v); /* the cached VMCS12 into L1's memory */

/* shadow.c: VMCS shadowing of the cache's shadowable fields. */
void nvmx_shadow_to_cache(struct vcpu *v);
void nvmx_cache_to_shadow(struct vcpu *v);
void nvmx_shadow_put(struct vcpu *v, uint32_t field, uint64_t val);
void nvmx_shadow_link(struct vcpu *v, bool live);

/* shadow12.c: L1's own VMCS shadowing, emulated for L2's VMREAD/VMWRITE. */
bool nvmx_shadow12_prepare(struct vcpu *v); /* at entry: L0's copies of the bitmaps */
/* An L2 VMREAD/VMWRITE exit: true when L0 completed it against L1's shadow VMCS (the bitmaps
 * let it through); false: the exit is L1's. */
bool nvmx_shadow12_access(struct vcpu *v, bool write);

/* ept12.c: L2 on L1's EPT: the shadow, filled from EPT violations. */
void ept12_shadow_alloc(struct vmx_nested *n);
void ept12_shadow_reset(struct vmx_nested *n);
void ept12_flush(struct vmx_nested *n); /* on the vCPU's own CPU: the reset reaches the TLB */
/* True: dealt with (filled, or reflected to L1); false: an access L0 must handle at @e's
 * L1-physical address (rewritten in @e). */
bool nested_ept12_violation(struct vcpu *v, struct vcpu_exit *e);

/* Whether one more line about this vCPU's nested activity may be printed; counts it. */
static inline bool nested_vmx_may_log(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);

	if (n->logged_run != v->part->restarts) {
		n->logged_run = v->part->restarts;
		n->logged = 0;
	}
	if (n->logged >= NVMX_LOG_LINES)
		return false;
	n->logged++;
	return true;
}

#endif
