// SPDX-License-Identifier: BSD-2-Clause
// Nested VMX's life and L1's view: per-vCPU pages, VPID for L2, reset, CR4.VMXE, events.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "nested_vmx.h"
#include "printk.h"
#include "vmx/vmx_maps.h"

#define VPID02_BASE 0x100 /* partitions' own VPIDs are 1 + index */

static bool nested_vmx_on(const struct partition *p)
{
	return p->cfg->nested == CFG_VENDOR_VMX;
}

void nested_vmx_partition_init(struct partition *p)
{
	if (!nested_vmx_on(p))
		return;
	/* Each core runs one partition: its L2 only needs a VPID no L1 uses. */
	p->vendor.vmx.vpid02 = (uint16_t)(VPID02_BASE + p->index);
	pr_info("partition %s: nested VMX, L2 in VPID %u", p->cfg->name, p->vendor.vmx.vpid02);
}

void nested_vmx_vcpu_create(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	uint32_t *vmcs02;

	if (!nested_vmx_on(v->part))
		return;
	vmcs02 = page_alloc(PAGE_SIZE, PAGE_SIZE);
	vmcs02[0] = vmx_caps.revision;
	n->vmcs02 = vmcs02;
	n->vmcs02_pa = (uint64_t)vmcs02;
	n->vmcs12 = page_alloc(sizeof(struct vmcs12), PAGE_SIZE);
	n->io12 = page_alloc(VMX_IO_BITMAP_SIZE, PAGE_SIZE);
	n->io02 = page_alloc(VMX_IO_BITMAP_SIZE, PAGE_SIZE);
	n->msr12 = page_alloc(VMX_MSR_BITMAP_SIZE, PAGE_SIZE);
	n->msr02 = page_alloc(VMX_MSR_BITMAP_SIZE, PAGE_SIZE);
	n->vmread12 = page_alloc(PAGE_SIZE, PAGE_SIZE);
	n->vmwrite12 = page_alloc(PAGE_SIZE, PAGE_SIZE);
	ept12_shadow_alloc(n);
	n->current_gpa = n->vmxon_gpa = NVMX_NO_VMCS;
	/* As firmware leaves it on a board with VT-x enabled: locked, VMXON outside SMX. */
	n->feature_control = FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMX_NO_SMX;
	n->ready = true;
}

/* Reset, INIT, restart: out of L2 and of VMX operation without writing anything to L1, every
 * nested value back to its power-on state (rule 9). May run on another CPU than the vCPU's:
 * VMCS01 is made current again (and rewritten) at the vCPU's next run on its own CPU. */
void nested_vmx_leave(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	struct vmx_vcpu *x = &v->vendor.vmx;

	if (!n->ready)
		return;
	if (n->vmentries && nested_vmx_may_log(v))
		pr_info("partition %s: nested VMX left%s: %lu VM entries, %lu exits reflected, %lu "
			"entries failed",
			v->part->cfg->name, n->in_l2 ? " in L2" : "", (unsigned long)n->vmentries,
			(unsigned long)n->reflected, (unsigned long)n->failed);
	if (n->in_l2) {
		x->vmcs = n->vmcs01;
		x->vmcs_pa = n->vmcs01_pa;
		x->loaded = false;
	}
	memset(n->vmcs12, 0, sizeof(*n->vmcs12));
	ept12_shadow_reset(n);
	n->current_gpa = n->vmxon_gpa = NVMX_NO_VMCS;
	n->vmentries = n->reflected = n->failed = 0;
	n->eptp12 = 0;
	n->vpid12 = 0;
	n->in_l2 = n->vmxon = n->ept12 = n->timer12 = n->shadow_live = false;
	n->vmcs02_ready = n->launched02 = false;
}

/* CR4.VMXE (23.7): only a nested-VMX partition may set it, and L1 may not clear it while in
 * VMX operation. */
bool nested_vmx_cr4_ok(struct vcpu *v, uint64_t val)
{
	const struct vmx_nested *n = nvmx(v);

	if (!(val & CR4_VMXE_BIT))
		return !n->vmxon || n->in_l2;
	return n->ready;
}

/* Exit information for an event L0 raises in L2 (an exception of an instruction L0 emulates
 * for L2, an NMI for the partition) when L1 asked for it (rule 6), 27.2.2. */
bool nested_vmx_event(struct vcpu *v, const struct vcpu_event *ev)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	struct nvmx_exit x = {.reason = EXIT_EXCEPTION_NMI};
	uint32_t info;

	if (!n->ready || !n->in_l2)
		return false;
	if (ev->type == VCPU_EVENT_NMI) {
		if (!(c->pin_ctls & PIN_NMI_EXIT))
			return false;
		info = VEC_NMI | INTR_TYPE_NMI | INTR_INFO_VALID;
	} else {
		info = ev->vector | INTR_TYPE_HW_EXC | INTR_INFO_VALID |
		       (ev->has_error ? INTR_INFO_ERROR : 0);
		if (ev->vector >= VEC_EXCEPTIONS ||
		    !nvmx_exception_wanted(c, info, ev->has_error ? ev->error : 0))
			return false;
	}
	x.intr_info = info;
	x.intr_error = ev->has_error ? ev->error : 0;
	nested_vmx_vmexit(v, &x);
	return true;
}

static bool virt_insn(struct vcpu *v, const struct vcpu_exit *e)
{
	return nested_vmx_virt_insn(v, e);
}

static uint64_t efer_allowed(struct vcpu *v)
{
	(void)v;
	return 0;
}

/* CPUID.1:ECX.VMX stays (vcpu/cpuid.c); nothing else of CPUID is nested VMX's. */
static void cpuid_leaf(uint32_t leaf, uint32_t out[4])
{
	(void)leaf;
	(void)out;
}

const struct nested_ops nested_vmx_ops = {
    .virt_insn = virt_insn,
    .msr = nested_vmx_msr,
    .efer_allowed = efer_allowed,
    .cpuid = cpuid_leaf,
    .reset = nested_vmx_leave,
};
