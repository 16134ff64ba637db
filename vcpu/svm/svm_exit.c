// SPDX-License-Identifier: BSD-2-Clause
// The one flat exit switch: SVM exit codes to neutral exits; the generic core decides.

#include "svm.h"

static void decode_io(const struct vmcb *vmcb, struct vcpu_exit *e)
{
	uint64_t info = vmcb->control.exit_info1;
	uint64_t sz = (info >> IOIO_SZ_SHIFT) & IOIO_SZ_MASK;

	e->io.port = (uint16_t)(info >> IOIO_PORT_SHIFT);
	e->io.size = sz & 4 ? 4 : sz & 2 ? 2 : 1;
	e->io.in = info & IOIO_TYPE_IN;
	e->io.string = info & IOIO_STR;
	e->io.rep = info & IOIO_REP;
	/* EXITINFO2 is the next RIP for IOIO even without NRIPS (15.10.2). */
	e->insn_len = (uint8_t)(vmcb->control.exit_info2 - vmcb->save.rip);
}

static void decode_npf(const struct vmcb *vmcb, struct vcpu_exit *e)
{
	uint64_t err = vmcb->control.exit_info1;

	e->npf.gpa = vmcb->control.exit_info2;
	e->npf.present = err & NPF_P;
	e->npf.write = err & NPF_W;
	e->npf.exec = err & NPF_ID;
	/* Not the instruction at RIP touching the page: its page-table walk, or an event's
	 * delivery (IDT, stack) did. */
	e->npf.not_insn =
	    (err & NPF_GUEST_PAGE_TABLES) || (vmcb->control.exit_int_info & EVENTINJ_VALID);
}

static void set(struct vcpu_exit *e, enum vcpu_exit_reason r, uint8_t len)
{
	e->reason = r;
	e->insn_len = len;
}

void svm_decode_exit(const struct vmcb *vmcb, struct vcpu_exit *e)
{
	uint64_t code = vmcb->control.exit_code;

	e->code = code;
	switch (code) {
	case VMEXIT_CPUID:
		return set(e, VCPU_EXIT_CPUID, LEN_CPUID);
	case VMEXIT_HLT:
		return set(e, VCPU_EXIT_HLT, LEN_HLT);
	case VMEXIT_VMMCALL:
		return set(e, VCPU_EXIT_HYPERCALL, LEN_VMMCALL);
	case VMEXIT_IOIO:
		set(e, VCPU_EXIT_IO, 0);
		return decode_io(vmcb, e);
	case VMEXIT_MSR:
		set(e, VCPU_EXIT_MSR, LEN_RDWRMSR);
		e->msr.write = vmcb->control.exit_info1 & 1;
		return;
	case VMEXIT_NPF:
		set(e, VCPU_EXIT_NPF, 0);
		return decode_npf(vmcb, e);
	case VMEXIT_SHUTDOWN:
		return set(e, VCPU_EXIT_SHUTDOWN, 0);
	case VMEXIT_INTR:
	case VMEXIT_NMI:
	case VMEXIT_SMI:
	case VMEXIT_INIT:
		return set(e, VCPU_EXIT_INTR, 0);
	case VMEXIT_VMRUN:
	case VMEXIT_VMLOAD:
	case VMEXIT_VMSAVE:
	case VMEXIT_STGI:
	case VMEXIT_CLGI:
	case VMEXIT_SKINIT:
	case VMEXIT_INVLPGA:
		return set(e, VCPU_EXIT_VIRT_INSN, LEN_SVM);
	default:
		return set(e, VCPU_EXIT_OTHER, 0);
	}
}
