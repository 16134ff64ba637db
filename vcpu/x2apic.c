// SPDX-License-Identifier: BSD-2-Clause
// The x2APIC register rules shared by the MSR bitmaps, the trapped MSRs and the xAPIC page.

#include "x2apic.h"

#include <stddef.h>

/* xAPIC offsets (SDM Vol. 3A table 11-6 gives each one's x2APIC MSR and access). */
#define R_ID	    0x020
#define R_VERSION   0x030
#define R_TPR	    0x080
#define R_PPR	    0x0a0
#define R_EOI	    0x0b0
#define R_LDR	    0x0d0
#define R_SVR	    0x0f0
#define R_ISR	    0x100
#define R_IRR_LAST  0x270 /* ISR, TMR and IRR: 24 registers from 0x100 */
#define R_ESR	    0x280
#define R_LVT_CMCI  0x2f0
#define R_ICR	    0x300
#define R_LVT_TIMER 0x320
#define R_THERMAL   0x330
#define R_PERF	    0x340
#define R_LINT0	    0x350
#define R_LINT1	    0x360
#define R_LVT_ERROR 0x370
#define R_TMICT	    0x380
#define R_TMCCT	    0x390
#define R_TDCR	    0x3e0
#define R_SELF_IPI  0x3f0

/* Writable bits: vector 7:0, delivery mode 10:8, polarity 13, trigger 15, mask 16, timer mode
 * 17 (and 18 with TSC-deadline); SVR: vector, software enable (focus checking and
 * EOI-broadcast suppression are not offered). */
#define M_VECTOR   0x000000ffU
#define M_MODE	   0x00000700U
#define M_POLARITY (1U << 13)
#define M_TRIGGER  (1U << 15)
#define M_MASKED   (1U << 16)
#define M_PERIODIC (1U << 17)
#define M_DEADLINE (1U << 18)
#define M_LVT_RO   ((1U << 12) | (1U << 14)) /* delivery status, remote IRR */
#define M_SVR	   0x000001ffU
#define M_TDCR	   0x0000000bU

static const struct {
	uint16_t reg;
	uint32_t mask;
} writable[] = {
    {R_TPR, M_VECTOR},
    {R_EOI, 0},
    {R_SVR, M_SVR},
    {R_ESR, 0},
    {R_LVT_TIMER, M_VECTOR | M_MASKED | M_PERIODIC},
    {R_THERMAL, M_VECTOR | M_MODE | M_MASKED},
    {R_PERF, M_VECTOR | M_MODE | M_MASKED},
    {R_LINT0, M_VECTOR | M_MODE | M_POLARITY | M_TRIGGER | M_MASKED},
    {R_LINT1, M_VECTOR | M_MODE | M_POLARITY | M_TRIGGER | M_MASKED},
    {R_LVT_ERROR, M_VECTOR | M_MASKED},
    {R_TMICT, 0xffffffffU},
    {R_TDCR, M_TDCR},
    {R_SELF_IPI, M_VECTOR},
};

static bool write_mask(uint32_t reg, const struct x2apic_caps *c, uint32_t *mask)
{
	if (reg == R_LVT_CMCI && c->cmci) {
		*mask = M_VECTOR | M_MODE | M_MASKED;
		return true;
	}
	for (size_t i = 0; i < sizeof(writable) / sizeof(writable[0]); i++)
		if (writable[i].reg == reg) {
			*mask = writable[i].mask;
			if (reg == R_LVT_TIMER && c->tsc_deadline)
				*mask |= M_DEADLINE;
			return true;
		}
	return false;
}

static bool is_lvt(uint32_t reg)
{
	return reg == R_LVT_CMCI || (reg >= R_LVT_TIMER && reg <= R_LVT_ERROR);
}

bool x2apic_write_value(uint32_t reg, uint64_t val, const struct x2apic_caps *c, bool strict,
			uint32_t *out)
{
	uint32_t mask;

	if (!write_mask(reg, c, &mask))
		return false;
	if (is_lvt(reg))
		val &= ~(uint64_t)M_LVT_RO;
	if (strict && (val & ~(uint64_t)mask))
		return false;
	*out = (uint32_t)val & mask;
	return !(reg == R_LVT_TIMER &&
		 (*out & (M_PERIODIC | M_DEADLINE)) == (M_PERIODIC | M_DEADLINE));
}

bool x2apic_readable(uint32_t reg, const struct x2apic_caps *c)
{
	switch (reg) {
	case R_ID:
	case R_VERSION:
	case R_TPR:
	case R_PPR:
	case R_LDR:
	case R_SVR:
	case R_ESR:
	case R_ICR:
	case R_TMICT:
	case R_TMCCT:
	case R_TDCR:
		return true;
	case R_LVT_CMCI:
		return c->cmci;
	default:
		break;
	}
	if (reg >= R_ISR && reg <= R_IRR_LAST && !(reg & 0xf))
		return true;
	return reg >= R_LVT_TIMER && reg <= R_LVT_ERROR && !(reg & 0xf);
}

/* Reads: everything but the ICR, which holds Bulkhead's own last send; an absent register
 * raises #GP from the CPU itself, as it should. Writes: the registers that act on this core
 * only. The ICR routes IPIs, and the LVTs with a delivery mode could ask for SMI, INIT or
 * ExtINT: those exit and are filtered. */
bool x2apic_passthrough(uint32_t msr, bool write)
{
	uint32_t reg;

	if (!x2apic_msr(msr))
		return false;
	reg = X2APIC_REG(msr);
	if (!write)
		return reg != R_ICR;
	switch (reg) {
	case R_TPR:
	case R_EOI:
	case R_SVR:
	case R_ESR:
	case R_LVT_TIMER:
	case R_LVT_ERROR:
	case R_TMICT:
	case R_TDCR:
	case R_SELF_IPI:
		return true;
	default:
		return false;
	}
}
