// SPDX-License-Identifier: BSD-2-Clause
// The one flat exit switch: VMX exit reasons to neutral exits; the generic core decides.

#include "vmx.h"

static void decode_io(uint64_t qual, struct vcpu_exit *e)
{
	e->io.port = (uint16_t)(qual >> IO_QUAL_PORT_SHIFT);
	e->io.size = (uint8_t)((qual & IO_QUAL_SIZE_MASK) + 1);
	e->io.in = qual & IO_QUAL_IN;
	e->io.string = qual & IO_QUAL_STRING;
	e->io.rep = qual & IO_QUAL_REP;
}

static void decode_npf(uint64_t qual, struct vcpu_exit *e)
{
	e->npf.gpa = vmread(GUEST_PHYS_ADDR);
	e->npf.present = qual & EPT_QUAL_PERM_MASK;
	e->npf.write = qual & EPT_QUAL_WRITE;
	e->npf.exec = qual & EPT_QUAL_FETCH;
	/* The instruction's own access only when the linear address was valid and final
	 * (SDM 28.3.3.2), and no event was being delivered. */
	e->npf.not_insn = !(qual & EPT_QUAL_GLA_VALID) || !(qual & EPT_QUAL_GLA_FINAL) ||
			  (vmread(IDT_VECT_INFO) & INTR_INFO_VALID);
}

/* Exception-or-NMI exits come only from NMIs: the exception bitmap is empty. */
static enum vcpu_exit_reason decode_nmi(void)
{
	if ((vmread(EXIT_INTR_INFO) & INTR_INFO_TYPE_MASK) != INTR_TYPE_NMI)
		return VCPU_EXIT_OTHER;
	vmx_unblock_nmi();
	return VCPU_EXIT_INTR;
}

static enum vcpu_exit_reason classify(uint32_t basic)
{
	switch (basic) {
	case EXIT_EXCEPTION_NMI:
		return decode_nmi();
	case EXIT_EXTERNAL_INTR:
	case EXIT_PREEMPT_TIMER: /* the watchdog's deadline: checked after every exit */
	case EXIT_INIT:
	case EXIT_SIPI:
	case EXIT_IO_SMI:
	case EXIT_OTHER_SMI:
		return VCPU_EXIT_INTR;
	case EXIT_TRIPLE_FAULT:
		return VCPU_EXIT_SHUTDOWN;
	case EXIT_CPUID:
		return VCPU_EXIT_CPUID;
	case EXIT_HLT:
		return VCPU_EXIT_HLT;
	case EXIT_VMCALL:
		return VCPU_EXIT_HYPERCALL;
	case EXIT_IO:
		return VCPU_EXIT_IO;
	case EXIT_RDMSR:
	case EXIT_WRMSR:
		return VCPU_EXIT_MSR;
	case EXIT_EPT_VIOLATION:
		return VCPU_EXIT_NPF;
	case EXIT_XSETBV: /* unconditional in VMX non-root operation (25.1.2) */
		return VCPU_EXIT_XSETBV;
	case EXIT_VMCLEAR ... EXIT_VMXON:
	case EXIT_INVEPT:
	case EXIT_INVVPID:
	case EXIT_VMFUNC:
		return VCPU_EXIT_VIRT_INSN;
	default:
		return VCPU_EXIT_OTHER;
	}
}

/* Fills @e from the current VMCS; the instruction length field is valid for instruction exits
 * (27.2.5) and the core only uses it for those. */
void vmx_decode_exit(struct vcpu *v, struct vcpu_exit *e)
{
	uint32_t reason = (uint32_t)vmread(EXIT_REASON);
	uint64_t qual = vmread(EXIT_QUALIFICATION);

	e->code = reason;
	e->insn_len = (uint8_t)vmread(EXIT_INSN_LEN);
	e->reason = classify(reason & EXIT_REASON_BASIC);
	if (reason & EXIT_REASON_FAILED) {
		vmx_report_entry_exit(v, reason);
		e->reason = VCPU_EXIT_OTHER;
	} else if (e->reason == VCPU_EXIT_IO) {
		decode_io(qual, e);
	} else if (e->reason == VCPU_EXIT_NPF) {
		decode_npf(qual, e);
	} else if (e->reason == VCPU_EXIT_MSR) {
		e->msr.index = (uint32_t)v->regs.rcx;
		e->msr.write = (reason & EXIT_REASON_BASIC) == EXIT_WRMSR;
	}
}
