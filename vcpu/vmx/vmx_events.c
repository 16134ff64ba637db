// SPDX-License-Identifier: BSD-2-Clause
// Events for the next VM entry: the core's exceptions and NMIs, and re-delivery after an exit.

#include "traps.h"
#include "vmx.h"

#define INTR_STATE_MOV_SS  (1U << 1)
#define INTR_STATE_NMI	   (1U << 3) /* virtual-NMI blocking, with "virtual NMIs" (24.4.2) */
#define INTR_TYPE_SOFT_INT (4U << 8) /* and above: software interrupts and exceptions */
#define VECT_INFO_KEEP	   (INTR_INFO_VECTOR | INTR_INFO_TYPE_MASK | INTR_INFO_ERROR | INTR_INFO_VALID)

void vmx_inject(struct vcpu *v, const struct vcpu_event *ev)
{
	struct vmx_vcpu *x = &v->vendor.vmx;

	if (nested_vmx_event(v, ev))
		return;
	if (ev->type == VCPU_EVENT_NMI) {
		x->nmi_pending = true;
		return;
	}
	x->inject_info = ev->vector | INTR_TYPE_HW_EXC | INTR_INFO_VALID;
	if (ev->has_error)
		x->inject_info |= INTR_INFO_ERROR;
	x->inject_error = ev->error;
}

/* An NMI may not be injected while the guest blocks NMIs or MOV SS blocks events (26.3.1.5):
 * it waits for the NMI window, whose exit (vmx_run) brings it back here. */
static bool nmi_deliverable(void)
{
	return !(vmread(GUEST_INTR_STATE) & (INTR_STATE_NMI | INTR_STATE_MOV_SS));
}

void vmx_events_prepare(struct vmx_vcpu *x)
{
	uint32_t proc = x->proc_ctls;

	if (!(x->inject_info & INTR_INFO_VALID) && x->nmi_pending && nmi_deliverable()) {
		x->inject_info = VEC_NMI | INTR_TYPE_NMI | INTR_INFO_VALID;
		x->nmi_pending = false;
	}
	vmx_write(PROC_CTLS, x->nmi_pending ? proc | PROC_NMI_WINDOW : proc);
	vmx_write(ENTRY_INTR_INFO, x->inject_info);
	vmx_write(ENTRY_EXC_ERROR, x->inject_error);
}

/* An event whose delivery the exit interrupted is delivered again (27.2.4). An interrupted NMI
 * left virtual-NMI blocking set, which would refuse its own re-injection: clear it. */
void vmx_events_after_exit(struct vmx_vcpu *x)
{
	uint32_t vect = (uint32_t)vmread(IDT_VECT_INFO);
	uint32_t type = vect & INTR_INFO_TYPE_MASK;

	x->inject_info = vect & INTR_INFO_VALID ? vect & VECT_INFO_KEEP : 0;
	if (!x->inject_info)
		return;
	x->inject_error = (uint32_t)vmread(IDT_VECT_ERROR);
	if (type >= INTR_TYPE_SOFT_INT)
		vmx_write(ENTRY_INSN_LEN, vmread(EXIT_INSN_LEN));
	if (type == INTR_TYPE_NMI)
		vmx_write(GUEST_INTR_STATE, vmread(GUEST_INTR_STATE) & ~INTR_STATE_NMI);
}
