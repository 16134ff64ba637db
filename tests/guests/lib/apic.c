// SPDX-License-Identifier: BSD-2-Clause
// The local APIC through its MMIO page (each access traps to Bulkhead and is emulated there),
// or in x2APIC mode through its MSRs (the core's own registers pass through without an exit).

#include "guest.h"
#include "apic.h"

#define IRR_BITS_PER_REG 32
#define IRR_REG_STRIDE	 0x10
#define CALIBRATE_US	 10000
#define CALIBRATE_START	 0xffffffffU
#define US_PER_MS	 1000
#define MSR_APIC_BASE	 0x1b
#define APIC_BASE_EXTD	 (1ULL << 10)
#define CPUID1_X2APIC	 (1U << 21)
#define X2APIC_MSR(reg)	 (0x800 + ((reg) >> 4))
#define XAPIC_BROADCAST	 0xffU
#define X2APIC_BROADCAST 0xffffffffU

/* The guest's choice, for all its CPUs: reading IA32_APIC_BASE at each access would cost an
 * exit each time. The boot CPU switches before it starts the others; apic_enable() switches
 * each later CPU to the same mode. */
static volatile bool x2apic_mode;

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
	asm volatile("wrmsr" ::"c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
}

bool apic_x2apic(void)
{
	return x2apic_mode;
}

/* Reads IA32_APIC_BASE back: the switch must have taken (SDM 11.12.1). */
bool apic_use_x2apic(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx;

	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	if (!(ecx & CPUID1_X2APIC))
		return false;
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EXTD);
	GUEST_ASSERT(rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD);
	x2apic_mode = true;
	return true;
}

uint32_t apic_read(uint32_t reg)
{
	if (apic_x2apic())
		return (uint32_t)rdmsr(X2APIC_MSR(reg));
	return *(volatile uint32_t *)(APIC_MMIO + reg);
}

void apic_write(uint32_t reg, uint32_t val)
{
	if (apic_x2apic())
		wrmsr(X2APIC_MSR(reg), val);
	else
		*(volatile uint32_t *)(APIC_MMIO + reg) = val;
}

uint32_t apic_id(void)
{
	if (apic_x2apic())
		return (uint32_t)rdmsr(X2APIC_MSR(APIC_ID));
	return apic_read(APIC_ID) >> APIC_ID_SHIFT;
}

uint32_t apic_broadcast_id(void)
{
	return apic_x2apic() ? X2APIC_BROADCAST : XAPIC_BROADCAST;
}

void apic_enable(void)
{
	if (x2apic_mode && !(rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD))
		apic_use_x2apic();
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | APIC_SPURIOUS);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* x2APIC: one 64-bit write, destination in bits 63:32, no delivery status to wait for. */
void apic_send_ipi(uint32_t dest, uint32_t icr_lo)
{
	if (apic_x2apic()) {
		wrmsr(X2APIC_MSR(APIC_ICR_LO), ((uint64_t)dest << 32) | icr_lo);
		return;
	}
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
