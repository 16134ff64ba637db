// SPDX-License-Identifier: BSD-2-Clause
// Putting this CPU's local APIC back to its INIT state before a partition's code runs on it
// again: a restarted partition must not inherit its predecessor's timer or in-service vectors.

#include "lapic.h"

/* xAPIC register offsets (SDM Vol. 3A, Table 11-1). */
#define LAPIC_VERSION	  0x030
#define LAPIC_TPR	  0x080
#define LAPIC_EOI	  0x0b0
#define LAPIC_LDR	  0x0d0
#define LAPIC_DFR	  0x0e0
#define LAPIC_SVR	  0x0f0
#define LAPIC_ISR	  0x100 /* eight 32-bit registers, 0x10 apart */
#define LAPIC_ESR	  0x280
#define LAPIC_LVT_CMCI	  0x2f0
#define LAPIC_LVT_FIRST	  0x320 /* timer, thermal, performance, LINT0, LINT1, error */
#define LAPIC_LVT_LAST	  0x370
#define LAPIC_TMICT	  0x380
#define LAPIC_TDCR	  0x3e0
#define LAPIC_EXT_FEATURE 0x400 /* AMD extended APIC space (APM Vol. 2, 16.3.5) */
#define LAPIC_EXT_LVT	  0x500
#define VERSION_EXT_SPACE (1U << 31)
#define EXT_LVT_COUNT(f)  (((f) >> 16) & 0xff)
#define LAPIC_REG_STEP	  0x10
#define ISR_REGS	  8
#define LVT_MASKED	  (1U << 16)
#define DFR_FLAT	  0xffffffffU
#define SVR_ENABLE	  (1U << 8)

/* AMD's extended LVTs (instruction-based sampling, thresholds) are a partition's too: mask them.
 * Only where the version register says the extended space exists, and never in x2APIC mode,
 * where those registers have no MSR. */
static void mask_extended_lvts(void)
{
	uint32_t n;

	if (lapic_x2apic_mode() || !(lapic_reg_read(LAPIC_VERSION) & VERSION_EXT_SPACE))
		return;
	n = EXT_LVT_COUNT(lapic_reg_read(LAPIC_EXT_FEATURE));
	for (uint32_t i = 0; i < n; i++)
		lapic_reg_write(LAPIC_EXT_LVT + i * LAPIC_REG_STEP, LVT_MASKED);
}

static bool in_service(void)
{
	for (uint32_t i = 0; i < ISR_REGS; i++)
		if (lapic_reg_read(LAPIC_ISR + i * LAPIC_REG_STEP))
			return true;
	return false;
}

/* After INIT every LVT is masked, the timer stopped, TPR and the logical ID zero (SDM 10.4.7.3).
 * The APIC stays software-enabled with Bulkhead's spurious vector: Bulkhead still sends its
 * kicks from this CPU, and the partition programs SVR before it uses the APIC anyway. */
void lapic_guest_reset(void)
{
	lapic_reg_write(LAPIC_TMICT, 0);
	for (uint32_t r = LAPIC_LVT_FIRST; r <= LAPIC_LVT_LAST; r += LAPIC_REG_STEP)
		lapic_reg_write(r, LVT_MASKED);
	mask_extended_lvts();
	/* CMCI too where it exists: a partition may arm it through the x2APIC MSR. */
	if (lapic_has_cmci())
		lapic_reg_write(LAPIC_LVT_CMCI, LVT_MASKED);
	lapic_reg_write(LAPIC_TDCR, 0);
	lapic_reg_write(LAPIC_TPR, 0);
	/* In x2APIC mode LDR is read-only and DFR does not exist: writing them would fault. */
	if (!lapic_x2apic_mode()) {
		lapic_reg_write(LAPIC_LDR, 0);
		lapic_reg_write(LAPIC_DFR, DFR_FLAT);
	}
	lapic_reg_write(LAPIC_ESR, 0);
	lapic_reg_write(LAPIC_SVR, SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	/* Each EOI retires the highest in-service vector; there are at most 256. Vectors already
	 * requested (IRR) cannot be withdrawn by software: the new run may see one of them. */
	for (int i = 0; i < 256 && in_service(); i++)
		lapic_reg_write(LAPIC_EOI, 0);
}
