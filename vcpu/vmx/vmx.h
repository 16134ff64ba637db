/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMX backend's internals: capabilities, one-instruction wrappers, and its files' functions. */
#ifndef BULKHEAD_VMX_H
#define BULKHEAD_VMX_H

#include <stdbool.h>
#include <stdint.h>

#include "desc.h"
#include "ept.h"
#include "partition.h"
#include "vcpu.h"
#include "vmcs.h"
#include "vmx_ctls.h"
#include "vmx_guest.h"

#define MSR_FEATURE_CONTROL	   0x0000003a
#define FEATURE_CONTROL_LOCKED	   (1ULL << 0)
#define FEATURE_CONTROL_VMX_NO_SMX (1ULL << 2)

/* What the CPU offers, read once on the boot CPU (vmx_caps.c); every CPU uses the same. */
struct vmx_caps {
	uint64_t basic, ept_vpid;
	struct vmx_ctl_caps ctl;
	struct vmx_fixed fixed;
	uint32_t ctls[VMX_CTLS]; /* the resolved controls */
	enum ept_page ept_largest;
	uint32_t revision;
	uint64_t invept_type, invvpid_type; /* single-context where offered, else all-context */
	unsigned int preempt_shift; /* the preemption timer counts every 2^shift TSC cycles */
	uint64_t misc;		    /* IA32_VMX_MISC */
	/* CPUID 0x80000008: MAXPHYADDR and the linear-address width, for nested VMX's checks
	 * and walks on every entry and fault (a CPUID there may itself exit to an outer L0). */
	unsigned int phys_bits, virt_bits;
};
extern struct vmx_caps vmx_caps;

/* vmx_caps.c: reads and checks everything; false with the reason in @why. */
bool vmx_caps_read(const char **why);

/* VMX instructions fail with CF (VMfailInvalid) or ZF (VMfailValid) set (31.2): setnbe. */
static inline bool vmxon(uint64_t pa)
{
	bool ok;

	asm volatile("vmxon %1; setnbe %0" : "=qm"(ok) : "m"(pa) : "cc", "memory");
	return ok;
}

static inline bool vmclear(uint64_t pa)
{
	bool ok;

	asm volatile("vmclear %1; setnbe %0" : "=qm"(ok) : "m"(pa) : "cc", "memory");
	return ok;
}

static inline bool vmptrld(uint64_t pa)
{
	bool ok;

	asm volatile("vmptrld %1; setnbe %0" : "=qm"(ok) : "m"(pa) : "cc", "memory");
	return ok;
}

static inline bool vmwrite(uint64_t field, uint64_t val)
{
	bool ok;

	asm volatile("vmwrite %2, %1; setnbe %0" : "=qm"(ok) : "r"(field), "rm"(val) : "cc");
	return ok;
}

static inline uint64_t vmread(uint64_t field)
{
	uint64_t val = 0;

	asm volatile("vmread %1, %0" : "+rm"(val) : "r"(field) : "cc");
	return val;
}

/* INVEPT/INVVPID descriptors (31.3): 128 bits each. */
static inline void invept(uint64_t type, uint64_t eptp)
{
	struct {
		uint64_t eptp, zero;
	} d = {eptp, 0};

	asm volatile("invept %0, %1" : : "m"(d), "r"(type) : "cc", "memory");
}

static inline void invvpid(uint64_t type, uint16_t vpid)
{
	struct {
		uint64_t vpid, linear;
	} d = {vpid, 0};

	asm volatile("invvpid %0, %1" : : "m"(d), "r"(type) : "cc", "memory");
}

/* vmx_run.S */
enum vmx_enter_result {
	VMX_ENTER_EXITED,	/* a VM exit: the guest's registers are in @regs */
	VMX_ENTER_PENDING,	/* a request was pending: not entered */
	VMX_ENTER_FAIL_INVALID, /* VMfailInvalid: no current VMCS */
	VMX_ENTER_FAIL_VALID,	/* VMfailValid: the VM-instruction error field says why */
};
enum vmx_enter_result vmx_enter(struct vcpu_regs *regs, const uint32_t *requests, bool launched);
void vmx_exit_entry(void);  /* HOST_RIP */
void vmx_nmi_rewind(void);  /* the NMI gate of the entry IDT */
void vmx_unblock_nmi(void); /* IRET to itself: ends the NMI blocking an NMI exit leaves */
extern struct desc_ptr vmx_entry_idtr, vmx_host_idtr;

/* vmx_vmcs.c */
void vmx_vmcs_load(struct vcpu *v); /* first run on the vCPU's own CPU */
void vmx_vmcs_write_host(void);	    /* into the current VMCS */
void vmx_vmcs_write_guest(const struct vmx_guest *g);
void vmx_vmcs_read_guest(struct vmx_guest *g);
void vmx_entry_idt_init(void);

/* vmx_exit.c: the flat exit switch; vmx_cr.c: CR0/CR4 writes of bits VMX fixes. */
void vmx_decode_exit(struct vcpu *v, struct vcpu_exit *e);
bool vmx_cr_access(struct vcpu *v, uint64_t qual);

/* vmx_events.c: what the next entry delivers. */
void vmx_inject(struct vcpu *v, const struct vcpu_event *ev);
void vmx_events_prepare(struct vmx_vcpu *x);
void vmx_events_after_exit(struct vmx_vcpu *x);

/* vmx_error.c: says which field and which rule made an entry fail. */
void vmx_report_vmfail(struct vcpu *v, enum vmx_enter_result r);
void vmx_report_entry_exit(struct vcpu *v, uint32_t reason);

/* nested/vmx/ (issue #8): the backend's hooks for a partition with nested = "vmx". */
void nested_vmx_partition_init(struct partition *p);
void nested_vmx_vcpu_create(struct vcpu *v);
void nested_vmx_vmcs01_init(struct vcpu *v); /* VMCS01 (re)loaded: VMCS shadowing for L1 */
void nested_vmx_leave(struct vcpu *v);	     /* before the vCPU is reset; any CPU */
/* After each exit of L2: true when L1 took it (or L0 resolved it for L2), the loop goes on. */
bool nested_vmx_exit(struct vcpu *v, struct vcpu_exit *e);
/* The CPU refused the VMCS02 L0 built: L1 sees the entry fail. */
void nested_vmx_refused(struct vcpu *v, enum vmx_enter_result r);
/* An event for the vCPU: true when nested VMX took it (an exit L1 asked for). */
bool nested_vmx_event(struct vcpu *v, const struct vcpu_event *ev);
/* A guest CR4 write: whether VMXE may be as @val has it (L1 of nested VMX, out of VMX
 * operation when clearing it). */
bool nested_vmx_cr4_ok(struct vcpu *v, uint64_t val);

/* Panics naming the field: a VMWRITE fails only for a field this CPU lacks. */
void vmx_write(uint32_t field, uint64_t val);

#endif
