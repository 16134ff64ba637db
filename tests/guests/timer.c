// SPDX-License-Identifier: BSD-2-Clause
// LAPIC timer test guest: periodic interrupts counted with HLT between them, one-shot mode,
// and TPR holding the timer's interrupt back until it is lowered (SDM 11.5.4, 11.8.3.1). All of
// it in xAPIC mode, then again in x2APIC mode where Bulkhead offers it: there the timer, EOI
// and TPR are the core's own registers, and the periodic phase must cost no exit at all.

#include "guest.h"
#include "apic.h"
#include "trap.h"

#define VEC_TIMER    0x40 /* priority class 4 */
#define TPR_ABOVE    0x50 /* class 5: holds back VEC_TIMER */
#define PERIOD_US    10000
#define TICKS	     20
#define WAIT_PERIODS 3

static volatile uint64_t ticks;
static uint32_t period_count; /* timer counts (divide by 16) per PERIOD_US */
static uint64_t tsc_per_us;

static void on_timer(struct trap_frame *f)
{
	(void)f;
	ticks++;
	apic_eoi();
}

static void calibrate(void)
{
	period_count = apic_timer_calibrate(PERIOD_US);
	guest_printf("timer: %u counts per %u us\n", period_count, PERIOD_US);
	GUEST_ASSERT(period_count > 0);
}

/* Spins with interrupts on for @periods timer periods of TSC time. */
static void spin_periods(unsigned int periods)
{
	uint64_t start = rdtsc();

	irq_enable();
	while (rdtsc() - start < periods * PERIOD_US * tsc_per_us)
		cpu_relax();
	irq_disable();
}

/* Every exit Bulkhead counted for this partition, but the hypercalls that ask. */
static uint64_t exits(void)
{
	uint64_t n = 0;

	for (unsigned int r = 0; r < HC_EXIT_REASONS; r++)
		if (r != HC_EXIT_HYPERCALL)
			n += (uint64_t)hcall(HC_EXIT_COUNT, r, 0, 0);
	return n;
}

static void periodic(const char *mode)
{
	uint64_t start, elapsed_us, hlt_before = hcall(HC_EXIT_COUNT, HC_EXIT_HLT, 0, 0);
	uint64_t exits_before = exits(), cost;

	ticks = 0;
	start = rdtsc();
	apic_timer_start(VEC_TIMER, period_count, true);
	while (ticks < TICKS)
		wait_for_interrupt();
	apic_timer_stop();
	elapsed_us = (rdtsc() - start) / tsc_per_us;
	cost = exits() - exits_before;
	guest_printf("timer: %s %u periodic ticks in %lu us, %lu exits\n", mode, TICKS,
		     (unsigned long)elapsed_us, (unsigned long)cost);
	/* xAPIC: each EOI is a trapped write of the APIC page. x2APIC: nothing exits. */
	if (apic_x2apic())
		GUEST_ASSERT_EQ(cost, 0);
	else
		GUEST_ASSERT(cost >= TICKS);
	/* No tick comes early: the TSC saw at least TICKS - 1 whole periods (less 10 %). */
	GUEST_ASSERT(elapsed_us * 10 >= (TICKS - 1) * PERIOD_US * 9);
	/* HLT is not intercepted: waiting cost no exits (docs/hypercalls.md). */
	GUEST_ASSERT_EQ(hcall(HC_EXIT_COUNT, HC_EXIT_HLT, 0, 0), hlt_before);
}

static void one_shot(const char *mode)
{
	ticks = 0;
	apic_timer_start(VEC_TIMER, period_count, false);
	spin_periods(WAIT_PERIODS);
	guest_printf("timer: %s one-shot fired %lu time(s)\n", mode, (unsigned long)ticks);
	GUEST_ASSERT_EQ(ticks, 1);
}

static void tpr_holds_back(const char *mode)
{
	ticks = 0;
	apic_write(APIC_TPR, TPR_ABOVE);
	apic_timer_start(VEC_TIMER, period_count, false);
	spin_periods(WAIT_PERIODS);
	GUEST_ASSERT_EQ(ticks, 0);
	GUEST_ASSERT(apic_irr_pending(VEC_TIMER));
	apic_write(APIC_TPR, 0);
	spin_periods(1);
	GUEST_ASSERT_EQ(ticks, 1);
	guest_printf("timer: %s TPR 0x%x held the tick back until lowered\n", mode, TPR_ABOVE);
}

static void checks(const char *mode)
{
	calibrate();
	periodic(mode);
	one_shot(mode);
	tpr_holds_back(mode);
}

void guest_main(void);
void guest_main(void)
{
	uint64_t khz = guest_tsc_khz();

	GUEST_ASSERT(khz >= 1000);
	tsc_per_us = khz / 1000;
	trap_init();
	apic_enable();
	trap_set_handler(VEC_TIMER, on_timer);
	checks("xAPIC:");
	if (apic_use_x2apic())
		checks("x2APIC:");
	guest_printf("timer: all checks passed\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
