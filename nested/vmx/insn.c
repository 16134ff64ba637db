// SPDX-License-Identifier: BSD-2-Clause
// L1's VMX instructions (SDM Vol. 3C, 30.3): gates in the manual's order (rule 7), then the
// emulation over L0's VMCS12 cache. No page L1 names is ever handed to the CPU (rule 10).

#include <string.h>

#include "nested_vmx.h"
#include "printk.h"

#define REGION_ALIGN	       0xfffULL
#define REVISION_MASK	       0x7fffffffU
#define INTR_STATE_MOV_SS      (1U << 1)
#define INVEPT_SINGLE	       1
#define INVEPT_ALL	       2
#define INVVPID_ADDR	       0
#define INVVPID_SINGLE	       1
#define INVVPID_ALL	       2
#define INVVPID_RETAIN	       3
#define EPT_CAP_INVEPT_SHIFT   24 /* bit 25 single-context, 26 all-context (A.10) */
#define VPID_CAP_INVVPID_SHIFT 40 /* bits 40-43: individual, single, all, single-retaining */
#define VPID_DESC_RSVD	       0xffffffffffff0000ULL
#define MISC_VMWRITE_ANY       (1ULL << 29)
#define CANONICAL_SHIFT	       47

void nvmx_inject(struct vcpu *v, uint8_t vector, bool with_error, uint32_t error)
{
	struct vcpu_event ev = {.type = VCPU_EVENT_EXCEPTION,
				.vector = vector,
				.has_error = with_error,
				.error = error};

	vcpu_ops->inject(v, &ev);
}

static void complete(struct vcpu *v, uint64_t flags)
{
	v->regs.rflags = (v->regs.rflags & ~RFLAGS_ARITH) | flags;
	v->regs.rip += vmread(EXIT_INSN_LEN);
}

void nvmx_succeed(struct vcpu *v)
{
	complete(v, 0);
}

/* VMfailInvalid without a current VMCS, else VMfailValid with the error in VMCS12 (30.2). */
void nvmx_fail(struct vcpu *v, enum vmx_insn_error err)
{
	struct vmx_nested *n = nvmx(v);

	if (n->current_gpa == NVMX_NO_VMCS) {
		complete(v, RFLAGS_CF);
		return;
	}
	/* L1's shadowed VMWRITEs since the last sync are newer than the cache: keep them. */
	nvmx_shadow_to_cache(v);
	n->vmcs12->vm_insn_error = err;
	nvmx_shadow_put(v, VM_INSN_ERROR, err);
	complete(v, RFLAGS_ZF);
}

static void fail_invalid(struct vcpu *v)
{
	complete(v, RFLAGS_CF);
}

static unsigned int phys_bits(void)
{
	return vmx_caps.phys_bits;
}

static bool bad_region_addr(uint64_t gpa)
{
	return (gpa & REGION_ALIGN) || (gpa >> phys_bits());
}

/* Rule 7, 30.3: #UD unless CR4.VMXE, protected mode, no virtual-8086 mode and, in IA-32e
 * mode, a 64-bit code segment; #UD outside VMX operation (VMXON aside); #GP(0) above CPL 0. */
static bool gate(struct vcpu *v, uint32_t basic)
{
	struct vcpu_paging pg;

	vcpu_ops->get_paging(v, &pg);
	if (!(pg.cr4 & CR4_VMXE_BIT) || !(pg.cr0 & CR0_PE_BIT) || (v->regs.rflags & RFLAGS_VM) ||
	    ((pg.efer & EFER_LMA_BIT) && !pg.cs_l) || (basic != EXIT_VMXON && !nvmx(v)->vmxon) ||
	    basic == EXIT_VMFUNC) {
		nvmx_inject(v, VEC_UD, false, 0);
		return false;
	}
	if (pg.cpl) {
		nvmx_inject(v, VEC_GP, true, 0);
		return false;
	}
	return true;
}

/* The 64-bit memory operand of VMXON, VMCLEAR, VMPTRLD. */
static bool read_ptr(struct vcpu *v, uint64_t *gpa)
{
	struct nvmx_operand op;

	nvmx_decode_operand(v, &op);
	return nvmx_read_mem(v, op.linear, gpa, sizeof(*gpa));
}

static struct vmcs12 *region(struct vcpu *v, uint64_t gpa)
{
	return part_gpa_to_hva(v->part, gpa, sizeof(struct vmcs12), CFG_R | CFG_W);
}

/* The CR0/CR4 that VMXON requires (23.8) and a locked IA32_FEATURE_CONTROL allowing it. */
static bool vmxon_allowed(struct vcpu *v)
{
	struct vcpu_paging pg;
	uint64_t fc = nvmx(v)->feature_control;
	const struct vmx_fixed *f = &vmx_caps.fixed;

	vcpu_ops->get_paging(v, &pg);
	return (fc & FEATURE_CONTROL_LOCKED) && (fc & FEATURE_CONTROL_VMX_NO_SMX) &&
	       (pg.cr0 & f->cr0_fixed0) == f->cr0_fixed0 && !(pg.cr0 & ~f->cr0_fixed1) &&
	       (pg.cr4 & f->cr4_fixed0) == f->cr4_fixed0 && !(pg.cr4 & ~f->cr4_fixed1);
}

static void emulate_vmxon(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *r;
	uint64_t gpa;

	if (n->vmxon)
		return nvmx_fail(v, VMXERR_VMXON_IN_ROOT);
	if (!vmxon_allowed(v))
		return nvmx_inject(v, VEC_GP, true, 0);
	if (!read_ptr(v, &gpa))
		return;
	r = bad_region_addr(gpa) ? NULL : region(v, gpa);
	if (!r || r->revision != VMCS12_REVISION)
		return fail_invalid(v);
	n->vmxon = true;
	n->vmxon_gpa = gpa;
	n->current_gpa = NVMX_NO_VMCS;
	nvmx_succeed(v);
}

/* The cache goes back into L1's region, launch state included (the region's own header). */
void nvmx_write_back(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	struct vmcs12 *r;

	if (n->current_gpa == NVMX_NO_VMCS)
		return;
	nvmx_shadow_to_cache(v);
	r = region(v, n->current_gpa);
	if (r)
		memcpy(r, n->vmcs12, sizeof(*r));
}

static void emulate_vmxoff(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);

	nvmx_write_back(v);
	nvmx_shadow_link(v, false);
	n->vmxon = false;
	n->vmxon_gpa = n->current_gpa = NVMX_NO_VMCS;
	ept12_shadow_reset(n);
	nvmx_succeed(v);
}

static void emulate_vmclear(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	struct vmcs12 *r;
	uint64_t gpa;

	if (!read_ptr(v, &gpa))
		return;
	r = bad_region_addr(gpa) ? NULL : region(v, gpa);
	if (!r)
		return nvmx_fail(v, VMXERR_VMCLEAR_ADDR);
	if (gpa == n->vmxon_gpa)
		return nvmx_fail(v, VMXERR_VMCLEAR_VMXON);
	if (gpa == n->current_gpa) {
		n->vmcs12->launched = 0;
		nvmx_write_back(v);
		nvmx_shadow_link(v, false);
		n->current_gpa = NVMX_NO_VMCS;
	} else {
		r->launched = 0;
	}
	nvmx_succeed(v);
}

static void emulate_vmptrld(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *r;
	uint64_t gpa;

	if (!read_ptr(v, &gpa))
		return;
	r = bad_region_addr(gpa) ? NULL : region(v, gpa);
	if (!r)
		return nvmx_fail(v, VMXERR_VMPTRLD_ADDR);
	if (gpa == n->vmxon_gpa)
		return nvmx_fail(v, VMXERR_VMPTRLD_VMXON);
	/* A shadow VMCS may be made current, to be read and written (30.3, 24.10). */
	if ((r->revision & ~VMCS12_SHADOW_BIT) != VMCS12_REVISION)
		return nvmx_fail(v, VMXERR_VMPTRLD_REVISION);
	if (gpa != n->current_gpa) {
		nvmx_write_back(v);
		memcpy(n->vmcs12, r, sizeof(*n->vmcs12)); /* read once (rule 1) */
		n->current_gpa = gpa;
		nvmx_shadow_link(v, true);
	}
	nvmx_succeed(v);
}

static void emulate_vmptrst(struct vcpu *v)
{
	struct nvmx_operand op;

	nvmx_decode_operand(v, &op);
	if (nvmx_write_mem(v, op.linear, &nvmx(v)->current_gpa, sizeof(uint64_t)))
		nvmx_succeed(v);
}

static void vmread_insn(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12_field *f;
	struct nvmx_operand op;
	uint64_t enc, val;

	if (n->current_gpa == NVMX_NO_VMCS)
		return fail_invalid(v);
	nvmx_decode_operand(v, &op);
	enc = nvmx_reg2(v, &op);
	f = vmcs12_field_find(enc);
	if (!f)
		return nvmx_fail(v, VMXERR_FIELD_UNSUPPORTED);
	val = vmcs12_read(n->vmcs12, f, enc);
	if (op.is_reg)
		*nvmx_gpr(v, op.reg) = op.size == 8 ? val : (uint32_t)val;
	else if (!nvmx_write_mem(v, op.linear, &val, op.size))
		return;
	nvmx_succeed(v);
}

static void vmwrite_insn(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12_field *f;
	struct nvmx_operand op;
	uint64_t enc, val = 0;

	if (n->current_gpa == NVMX_NO_VMCS)
		return fail_invalid(v);
	nvmx_decode_operand(v, &op);
	if (op.is_reg)
		val = *nvmx_gpr(v, op.reg);
	else if (!nvmx_read_mem(v, op.linear, &val, op.size))
		return;
	enc = nvmx_reg2(v, &op);
	f = vmcs12_field_find(enc);
	if (!f)
		return nvmx_fail(v, VMXERR_FIELD_UNSUPPORTED);
	if (vmcs12_field_read_only(enc) && !(nested_vmx_misc() & MISC_VMWRITE_ANY))
		return nvmx_fail(v, VMXERR_FIELD_READ_ONLY);
	vmcs12_write(n->vmcs12, f, enc, op.size == 8 ? val : (uint32_t)val);
	nvmx_succeed(v);
}

static void vmentry_insn(struct vcpu *v, bool launch)
{
	struct vmx_nested *n = nvmx(v);

	if (n->current_gpa == NVMX_NO_VMCS)
		return fail_invalid(v);
	nvmx_shadow_to_cache(v);
	if (n->vmcs12->revision & VMCS12_SHADOW_BIT)
		return fail_invalid(v); /* a shadow VMCS never controls a guest (30.3) */
	if (vmread(GUEST_INTR_STATE) & INTR_STATE_MOV_SS)
		return nvmx_fail(v, VMXERR_ENTRY_EVENTS_BLOCKED);
	if (launch && n->vmcs12->launched)
		return nvmx_fail(v, VMXERR_LAUNCH_NOT_CLEAR);
	if (!launch && !n->vmcs12->launched)
		return nvmx_fail(v, VMXERR_RESUME_NOT_LAUNCHED);
	nested_vmx_enter(v, launch);
}

/* The type register and the 128-bit descriptor of INVEPT/INVVPID. */
static bool inv_operands(struct vcpu *v, uint64_t *type, uint64_t desc[2])
{
	struct nvmx_operand op;

	nvmx_decode_operand(v, &op);
	*type = nvmx_reg2(v, &op);
	return nvmx_read_mem(v, op.linear, desc, 2 * sizeof(uint64_t));
}

/* Any INVEPT drops the whole shadow: it holds one EPT12's translations at a time. */
static void invept_insn(struct vcpu *v)
{
	uint64_t type, desc[2];

	if (!inv_operands(v, &type, desc))
		return;
	if ((type != INVEPT_SINGLE && type != INVEPT_ALL) ||
	    !(nested_vmx_ept_vpid_cap() & (1ULL << (EPT_CAP_INVEPT_SHIFT + type))))
		return nvmx_fail(v, VMXERR_INVALID_OPERAND);
	ept12_shadow_reset(nvmx(v));
	nvmx_succeed(v);
}

static bool canonical(uint64_t a)
{
	uint64_t top = a >> CANONICAL_SHIFT;

	return top == 0 || top == (~0ULL >> CANONICAL_SHIFT);
}

/* L2's TLB entries are tagged with L0's vpid02, whatever L1 named: flush that (30.3). */
static void invvpid_insn(struct vcpu *v)
{
	uint64_t type, desc[2];

	if (!inv_operands(v, &type, desc))
		return;
	if (type > INVVPID_RETAIN ||
	    !(nested_vmx_ept_vpid_cap() & (1ULL << (VPID_CAP_INVVPID_SHIFT + type))) ||
	    (desc[0] & VPID_DESC_RSVD) || (type != INVVPID_ALL && !(uint16_t)desc[0]) ||
	    (type == INVVPID_ADDR && !canonical(desc[1])))
		return nvmx_fail(v, VMXERR_INVALID_OPERAND);
	invvpid(vmx_caps.invvpid_type, v->part->vendor.vmx.vpid02);
	nvmx_succeed(v);
}

bool nested_vmx_virt_insn(struct vcpu *v, const struct vcpu_exit *e)
{
	uint32_t basic = e->code & EXIT_REASON_BASIC;

	if (!nvmx(v)->ready) {
		nvmx_inject(v, VEC_UD, false, 0);
		return true;
	}
	if (!gate(v, basic))
		return true;
	switch (basic) {
	case EXIT_VMXON:
		emulate_vmxon(v);
		break;
	case EXIT_VMXOFF:
		emulate_vmxoff(v);
		break;
	case EXIT_VMCLEAR:
		emulate_vmclear(v);
		break;
	case EXIT_VMPTRLD:
		emulate_vmptrld(v);
		break;
	case EXIT_VMPTRST:
		emulate_vmptrst(v);
		break;
	case EXIT_VMREAD:
		vmread_insn(v);
		break;
	case EXIT_VMWRITE:
		vmwrite_insn(v);
		break;
	case EXIT_VMLAUNCH:
	case EXIT_VMRESUME:
		vmentry_insn(v, basic == EXIT_VMLAUNCH);
		break;
	case EXIT_INVEPT:
		invept_insn(v);
		break;
	case EXIT_INVVPID:
		invvpid_insn(v);
		break;
	default:
		nvmx_inject(v, VEC_UD, false, 0);
		break;
	}
	return true;
}
