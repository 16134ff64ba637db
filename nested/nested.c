// SPDX-License-Identifier: BSD-2-Clause
// Nested virtualization, the generic side: picks the partition's kind (cfg->nested) and routes.

#include "nested.h"
#include "partition.h"
#include "traps.h"
#include "vcpu.h"

struct nested_options nested_options;

/* Each kind keeps its state in its backend's part of struct vcpu: it needs that backend to
 * run, whatever the description says (the validator refuses the mismatch, too). */
static const struct nested_ops *ops_of(const struct partition *p)
{
	if (p->cfg->nested == CFG_VENDOR_SVM && vcpu_ops == &svm_vcpu_ops)
		return &nested_svm_ops;
	if (p->cfg->nested == CFG_VENDOR_VMX && vcpu_ops == &vmx_vcpu_ops)
		return &nested_vmx_ops;
	return NULL;
}

/* A partition without nested virtualization has no such instructions (XSA-278). */
bool nested_virt_insn(struct vcpu *v, const struct vcpu_exit *e)
{
	const struct nested_ops *o = ops_of(v->part);
	struct vcpu_event ud = {.type = VCPU_EVENT_EXCEPTION, .vector = VEC_UD};

	if (o)
		return o->virt_insn(v, e);
	vcpu_ops->inject(v, &ud);
	return true;
}

bool nested_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *ok)
{
	const struct nested_ops *o = ops_of(v->part);
	bool handled = false;

	*ok = o && o->msr(v, index, write, val, &handled);
	return handled;
}

uint64_t nested_efer_allowed(struct vcpu *v)
{
	const struct nested_ops *o = ops_of(v->part);

	return o ? o->efer_allowed(v) : 0;
}

void nested_cpuid(const struct partition *p, uint32_t leaf, uint32_t out[4])
{
	const struct nested_ops *o = ops_of(p);

	if (o)
		o->cpuid(leaf, out);
}

void nested_reset(struct vcpu *v)
{
	const struct nested_ops *o = ops_of(v->part);

	if (o)
		o->reset(v);
}
