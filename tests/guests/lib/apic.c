// SPDX-License-Identifier: BSD-2-Clause
// xAPIC access through its MMIO page (each access traps to Bulkhead and is emulated there).

#include "guest.h"
#include "apic.h"

#define IRR_BITS_PER_REG 32
#define IRR_REG_STRIDE	 0x10
#define CALIBRATE_US	 10000
#define CALIBRATE_START	 0xffffffffU
#define US_PER_MS	 1000

uint32_t apic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(APIC_MMIO + reg);
}

void apic_write(uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(APIC_MMIO + reg) = val;
}

uint32_t apic_id(void)
{
	return apic_read(APIC_ID) >> APIC_ID_SHIFT;
}

void apic_enable(void)
{
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void apic_send_ipi(uint32_t dest, uint32_t icr_lo)
{
	apic_write(APIC_ICR_HI, dest << ICR_DEST_SHIFT);
	apic_write(APIC_ICR_LO, icr_lo);
	while (apic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
}

void apic_timer_start(uint8_t vector, uint32_t count, bool periodic)
{
	apic_write(APIC_TIMER_DIV, APIC_DIV_16);
	apic_write(APIC_LVT_TIMER, vector | (periodic ? APIC_TIMER_PERIODIC : 0));
	apic_write(APIC_TIMER_INIT, count);
}

void apic_timer_stop(void)
{
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TIMER_INIT, 0);
}

bool apic_irr_pending(uint8_t vector)
{
	uint32_t reg = APIC_IRR + (vector / IRR_BITS_PER_REG) * IRR_REG_STRIDE;

	return apic_read(reg) & (1U << (vector % IRR_BITS_PER_REG));
}

/* Two readings of the running counter, each timed right after it returns: the exit each read
 * costs is on both sides and cancels out (Bulkhead emulates every access of the APIC page). */
uint32_t apic_timer_calibrate(uint32_t period_us)
{
	uint64_t khz = guest_tsc_khz(), t0, t1;
	uint32_t c0, c1;

	if (!khz)
		return 0;
	apic_write(APIC_TIMER_DIV, APIC_DIV_16);
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TIMER_INIT, CALIBRATE_START);
	c0 = apic_read(APIC_TIMER_COUNT);
	t0 = rdtsc();
	while (rdtsc() - t0 < CALIBRATE_US * khz / US_PER_MS)
		cpu_relax();
	c1 = apic_read(APIC_TIMER_COUNT);
	t1 = rdtsc();
	apic_timer_stop();
	return (uint32_t)((uint64_t)(c0 - c1) * period_us * khz / US_PER_MS / (t1 - t0));
}
