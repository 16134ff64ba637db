// SPDX-License-Identifier: BSD-2-Clause
// VMCS shadowing offered to L1 (SDM Vol. 3C, 24.10, 25.3, 30.3): L2's VMREAD and VMWRITE that
// L1's bitmaps let through reach the shadow VMCS L1's link pointer names, a VMCS12 region in
// L1's memory; L0 completes them there instead of exiting to L1. VMCS02 never shadows.

#include <string.h>

#include "nested_vmx.h"

#define BITMAP_BITS	 32768U
#define MISC_VMWRITE_ANY (1ULL << 29)

static bool shadowing12(const struct vmcs12 *c)
{
	return (c->proc_ctls & PROC_SECONDARY) && (c->proc2_ctls & PROC2_VMCS_SHADOW);
}

/* Rule 1: the bitmaps L1 named are copied at the entry and only the copies decide. */
bool nvmx_shadow12_prepare(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	const void *rd, *wr;

	if (!shadowing12(c))
		return true;
	rd = part_gpa_to_hva(v->part, c->vmread_bitmap, NVMX_PAGE, CFG_R);
	wr = part_gpa_to_hva(v->part, c->vmwrite_bitmap, NVMX_PAGE, CFG_R);
	if (!rd || !wr)
		return false;
	memcpy(n->vmread12, rd, NVMX_PAGE);
	memcpy(n->vmwrite12, wr, NVMX_PAGE);
	return true;
}

static bool bitmap_exits(const uint8_t *map, uint64_t enc)
{
	uint32_t bit = (uint32_t)(enc % BITMAP_BITS);

	return enc >= BITMAP_BITS || (map[bit / 8] & (1U << (bit % 8)));
}

/* L2's flags and RIP as the instruction leaves them (30.2); an error number goes to the VMCS
 * that controls L2 (VMCS12). */
static void complete(struct vcpu *v, uint64_t flags, uint32_t err)
{
	v->regs.rflags = (v->regs.rflags & ~RFLAGS_ARITH) | flags;
	v->regs.rip += vmread(EXIT_INSN_LEN);
	if (err)
		nvmx(v)->vmcs12->vm_insn_error = err;
}

/* With EPT12 a memory operand would need L2's paging walked through EPT12: such an access
 * exits to L1 (which can complete it), the only departure from 25.3 here. */
bool nvmx_shadow12_access(struct vcpu *v, bool write)
{
	const struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	const struct vmcs12_field *f;
	struct nvmx_operand op;
	struct vmcs12 *s;
	uint64_t enc, val = 0;

	if (!shadowing12(c))
		return false;
	nvmx_decode_operand(v, &op);
	if (!op.is_reg && n->ept12)
		return false;
	enc = nvmx_reg2(v, &op);
	if (bitmap_exits(write ? n->vmwrite12 : n->vmread12, enc))
		return false;
	s = c->vmcs_link_ptr == VMCS_LINK_NONE
		? NULL
		: part_gpa_to_hva(v->part, c->vmcs_link_ptr, sizeof(*s), CFG_R | CFG_W);
	if (!s) {
		complete(v, RFLAGS_CF, 0);
		return true;
	}
	f = vmcs12_field_find(enc);
	if (!f) {
		complete(v, RFLAGS_ZF, VMXERR_FIELD_UNSUPPORTED);
		return true;
	}
	if (!write) {
		val = vmcs12_read(s, f, enc);
		if (op.is_reg)
			*nvmx_gpr(v, op.reg) = op.size == 8 ? val : (uint32_t)val;
		else if (!nvmx_write_mem(v, op.linear, &val, op.size))
			return true;
		complete(v, 0, 0);
		return true;
	}
	if (vmcs12_field_read_only(enc) && !(nested_vmx_misc() & MISC_VMWRITE_ANY)) {
		complete(v, RFLAGS_ZF, VMXERR_FIELD_READ_ONLY);
		return true;
	}
	if (op.is_reg)
		val = *nvmx_gpr(v, op.reg);
	else if (!nvmx_read_mem(v, op.linear, &val, op.size))
		return true;
	vmcs12_write(s, f, enc, op.size == 8 ? val : (uint32_t)val);
	complete(v, 0, 0);
	return true;
}
