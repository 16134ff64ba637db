// SPDX-License-Identifier: BSD-2-Clause
// A vCPU in x2APIC mode: the registers that act on its own core pass straight through to the
// physical x2APIC; the ICR and the LVTs with a delivery mode exit and are filtered here as on
// the xAPIC page.

#include "lapic.h"
#include "partition.h"
#include "vlapic.h"
#include "vlapic_regs.h"
#include "x2apic.h"

bool vlapic_x2apic_offered(void)
{
	return lapic_x2apic_mode() && vcpu_ops->msr_intercept;
}

void vlapic_x2apic_switch(struct vcpu *v, bool on)
{
	vlapic_shadow(v)->x2apic = on;
	for (uint32_t msr = X2APIC_MSR_FIRST; msr <= X2APIC_MSR_LAST; msr++)
		vcpu_ops->msr_intercept(v, msr, !(on && x2apic_passthrough(msr, false)),
					!(on && x2apic_passthrough(msr, true)));
}

static bool is_lvt(uint32_t reg)
{
	return reg == APIC_LVT_CMCI || (reg >= APIC_LVT_TIMER && reg <= APIC_LVT_ERROR);
}

bool vlapic_x2apic_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	struct vlapic_shadow *s = vlapic_shadow(v);
	uint32_t reg = X2APIC_REG(index), out;
	struct x2apic_caps caps = vlapic_caps();

	if (!__atomic_load_n(&s->valid, __ATOMIC_ACQUIRE) || !s->x2apic)
		return false; /* xAPIC mode: the MSRs do not exist (SDM 11.12.1.2) */
	if (reg == APIC_ICR_LO) {
		if (!write) {
			*val = s->icr_x2;
			return true;
		}
		if (*val & X2APIC_ICR_RESERVED)
			return false;
		vlapic_icr_write_x2apic(v, *val & ~X2APIC_ICR_STATUS);
		return true;
	}
	if (!write) {
		if (!x2apic_readable(reg, &caps))
			return false;
		*val = lapic_reg_read(reg);
		return true;
	}
	if (!x2apic_write_value(reg, *val, &caps, true, &out))
		return false;
	lapic_reg_write(reg, is_lvt(reg) ? vlapic_lvt_filter(v, reg, out) : out);
	return true;
}
