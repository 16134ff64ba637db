// SPDX-License-Identifier: BSD-2-Clause
// The trapped xAPIC page: reads from the physical APIC, writes filtered by register. The
// physical APIC may be in x2APIC mode (Bulkhead's choice where the CPU has it): then the page's
// registers are its MSRs, and what x2APIC lacks (DFR, a writable LDR) lives in the shadow.

#include "vlapic.h"

#include <stdio.h>

#include "icr_route.h"
#include "lapic.h"
#include "mmio.h"
#include "partition.h"
#include "printk.h"
#include "vlapic_regs.h"
#include "x2apic.h"
#include "x86.h"

#define REG_BYTES     4 /* each register is the first dword of its 16-byte slot */
#define LVT_MODE_MASK (7U << 8)
#define MSG_LEN	      96

/* How a write to each register is treated; anything not listed is dropped. */
enum wpolicy { W_DROP, W_THROUGH, W_LVT, W_ICR_LO, W_ICR_HI, W_LDR, W_DFR };

static const struct {
	uint16_t reg;
	uint8_t policy;
} write_policy[] = {
    {APIC_TPR, W_THROUGH},	 {APIC_EOI, W_THROUGH},	      {APIC_LDR, W_LDR},
    {APIC_DFR, W_DFR},		 {APIC_SVR, W_THROUGH},	      {APIC_ESR, W_THROUGH},
    {APIC_LVT_CMCI, W_LVT},	 {APIC_ICR_LO, W_ICR_LO},     {APIC_ICR_HI, W_ICR_HI},
    {APIC_LVT_TIMER, W_THROUGH}, {APIC_LVT_THERMAL, W_LVT},   {APIC_LVT_PERF, W_LVT},
    {APIC_LVT_LINT0, W_LVT},	 {APIC_LVT_LINT1, W_LVT},     {APIC_LVT_ERROR, W_THROUGH},
    {APIC_TIMER_ICR, W_THROUGH}, {APIC_TIMER_DCR, W_THROUGH},
};

static struct vlapic_shadow shadows[CFG_MAX_PARTITIONS][CFG_MAX_CPUS];

struct vlapic_shadow *vlapic_shadow(const struct vcpu *v)
{
	return &shadows[v->part->index % CFG_MAX_PARTITIONS][v->index % CFG_MAX_CPUS];
}

static struct vlapic_shadow *shadow_valid(struct vcpu *v)
{
	struct vlapic_shadow *s = vlapic_shadow(v);

	if (!s->valid) {
		*s = (struct vlapic_shadow){.dfr = APIC_DFR_RESET};
		__atomic_store_n(&s->valid, true, __ATOMIC_RELEASE);
	}
	return s;
}

static enum wpolicy policy_of(uint32_t reg)
{
	if (reg >= APIC_EILVT_FIRST && reg <= APIC_EILVT_LAST)
		return W_LVT;
	for (size_t i = 0; i < sizeof(write_policy) / sizeof(write_policy[0]); i++)
		if (write_policy[i].reg == reg)
			return write_policy[i].policy;
	return W_DROP;
}

/* SMI, INIT and ExtINT from a local interrupt would reach firmware, reset the core behind
 * Bulkhead's back or ask the PIC, and the reserved modes mean nothing the manual defines: only
 * fixed and NMI delivery stay unmasked (SDM 11.5.1). */
uint32_t vlapic_lvt_filter(struct vcpu *v, uint32_t reg, uint32_t val)
{
	uint32_t mode = (val & LVT_MODE_MASK) >> ICR_DELIVERY_SHIFT;

	if (mode == ICR_MODE_FIXED || mode == ICR_MODE_NMI)
		return val;
	/* Debug level: a partition must not be able to flood the shared console. */
	pr_debug("partition %s: LVT 0x%x delivery mode %u masked", v->part->cfg->name, reg, mode);
	return val | APIC_LVT_MASKED;
}

/* An x2APIC faults on reserved bits and on EOI/ESR values other than 0, where the xAPIC page
 * ignored them: only the bits the register defines go through. */
static void phys_write(uint32_t reg, uint32_t val)
{
	struct x2apic_caps c = vlapic_caps();
	uint32_t out;

	if (!lapic_x2apic_mode())
		lapic_reg_write(reg, val);
	else if (x2apic_write_value(reg, val, &c, false, &out))
		lapic_reg_write(reg, out);
}

static void reg_write(struct vcpu *v, uint32_t reg, uint32_t val)
{
	struct vlapic_shadow *s = shadow_valid(v);
	bool x2 = lapic_x2apic_mode();

	switch (policy_of(reg)) {
	case W_THROUGH:
		phys_write(reg, val);
		break;
	case W_LVT:
		phys_write(reg, vlapic_lvt_filter(v, reg, val));
		break;
	case W_ICR_LO:
		vlapic_icr_write(v, val);
		break;
	case W_ICR_HI:
		s->icr_hi = val;
		break;
	case W_LDR:
		__atomic_store_n(&s->ldr, val, __ATOMIC_RELAXED);
		if (!x2)
			lapic_reg_write(reg, val);
		break;
	case W_DFR:
		__atomic_store_n(&s->dfr, val | APIC_DFR_RSVD, __ATOMIC_RELAXED);
		if (!x2)
			lapic_reg_write(reg, val);
		break;
	case W_DROP:
		pr_debug("partition %s: write 0x%x to LAPIC register 0x%x dropped",
			 v->part->cfg->name, val, reg);
		break;
	}
}

/* ICR reads return what the guest wrote: the physical ICR holds Bulkhead's own sends. */
static uint32_t reg_read(struct vcpu *v, uint32_t reg)
{
	struct vlapic_shadow *s = shadow_valid(v);
	struct x2apic_caps caps = vlapic_caps();

	if (reg == APIC_ICR_LO)
		return s->icr_lo;
	if (reg == APIC_ICR_HI)
		return s->icr_hi;
	if (!lapic_x2apic_mode())
		return lapic_reg_read(reg);
	switch (reg) {
	case APIC_ID:
		return lapic_reg_read(APIC_ID) << APIC_ID_SHIFT;
	case APIC_LDR:
		return __atomic_load_n(&s->ldr, __ATOMIC_RELAXED);
	case APIC_DFR:
		return __atomic_load_n(&s->dfr, __ATOMIC_RELAXED);
	default:
		return x2apic_readable(reg, &caps) ? lapic_reg_read(reg) : 0;
	}
}

static bool refuse(struct vcpu *v, const char *what, uint64_t gpa)
{
	char msg[MSG_LEN];

	snprintf(msg, sizeof(msg), "LAPIC: %s at 0x%lx", what, (unsigned long)gpa);
	part_fault(v->part, msg);
	return false;
}

/* Bytes 4-15 of each slot are reserved: they read as 0 and writes there are dropped, like
 * partial writes, which the APIC does not define (SDM 10.4.1). */
static bool vlapic_access(struct vcpu *v, uint64_t gpa, unsigned int size, bool write,
			  uint64_t *val)
{
	uint32_t off = (uint32_t)(gpa - VLAPIC_BASE), reg = off & ~(APIC_REG_STRIDE - 1U);
	uint32_t within = off & (APIC_REG_STRIDE - 1U);

	if (gpa < VLAPIC_BASE || gpa + size > VLAPIC_BASE + VLAPIC_SIZE)
		return refuse(v, "access outside the APIC page", gpa);
	/* In x2APIC mode the page is not decoded (SDM 11.12.2): reads float, writes vanish. */
	if (shadow_valid(v)->x2apic) {
		if (!write)
			*val = ~0ULL;
		return true;
	}
	if (!write) {
		*val = within < REG_BYTES ? reg_read(v, reg) >> (8 * within) : 0;
		return true;
	}
	if (within || size < REG_BYTES)
		pr_debug("partition %s: %u-byte LAPIC write at offset 0x%x dropped",
			 v->part->cfg->name, size, off);
	else
		reg_write(v, reg, (uint32_t)*val);
	return true;
}

bool vlapic_mmio(struct vcpu *v, const struct vcpu_exit *e)
{
	char what[96];

	/* Page tables or an IDT or stack on the APIC page: nothing a real APIC would answer. */
	if (e->npf.not_insn) {
		snprintf(what, sizeof(what),
			 "page-table walk or event delivery through the local "
			 "APIC page (gpa 0x%lx)",
			 e->npf.gpa);
		part_fault(v->part, what);
		return false;
	}
	return mmio_emulate(v, e, vlapic_access);
}

bool vlapic_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	struct vlapic_shadow *s = shadow_valid(v);
	uint64_t view;

	if (index != MSR_APIC_BASE)
		return false;
	view = apic_base_guest_view(rdmsr(MSR_APIC_BASE), v->index == 0, s->x2apic);
	if (!write) {
		*val = view;
		return true;
	}
	switch (apic_base_write(view, *val, vlapic_x2apic_offered())) {
	case APIC_BASE_SAME:
		return true;
	case APIC_BASE_TO_X2APIC:
		vlapic_x2apic_switch(v, true);
		return true;
	case APIC_BASE_REFUSED:
		break;
	}
	pr_debug("partition %s: IA32_APIC_BASE write 0x%lx refused (it is 0x%lx)",
		 v->part->cfg->name, (unsigned long)*val, (unsigned long)view);
	return false;
}

/* The physical half is lapic_guest_reset() (kernel/smp/lapic_reset.c): timer stopped, LVTs
 * masked, TPR 0, LDR/DFR at power-up values, in-service vectors retired. */
void vlapic_reset(struct vcpu *v, bool init)
{
	bool x2 = vlapic_shadow(v)->valid && vlapic_shadow(v)->x2apic;

	/* INIT keeps x2APIC mode, a reset returns to xAPIC (SDM 11.12.5.1). */
	if (x2 && !init)
		vlapic_x2apic_switch(v, false);
	__atomic_store_n(&vlapic_shadow(v)->valid, false, __ATOMIC_RELEASE);
	shadow_valid(v)->x2apic = x2 && init;
	lapic_guest_reset();
}
