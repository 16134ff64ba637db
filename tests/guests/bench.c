// SPDX-License-Identifier: BSD-2-Clause
// Bench guest for `make bench` (tests/bench/): the CPUID exit round trip in TSC cycles, and
// the exits per second of guest time of an idle phase (HLT until one timer interrupt) and a
// timer-driven phase (a 1 kHz LAPIC timer). Exact under QEMU -icount shift=0 on one CPU.

#include "guest.h"
#include "apic.h"
#include "trap.h"

#define CPUID_RUNS   1000
#define CPUID_WARMUP 10
#define VEC_TIMER    0x40
#define PHASE_MS     1000
#define TIMER_HZ     1000
#define US_PER_MS    1000
#define MS_PER_S     1000
#define US_PER_S     1000000

static volatile uint64_t ticks;
static uint64_t tsc_khz;

static void on_timer(struct trap_frame *f)
{
	(void)f;
	ticks++;
	apic_eoi();
}

static void cpuid_leaf0(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
}

static void bench_cpuid(void)
{
	uint64_t start, cycles;

	for (int i = 0; i < CPUID_WARMUP; i++)
		cpuid_leaf0();
	start = rdtsc();
	for (int i = 0; i < CPUID_RUNS; i++)
		cpuid_leaf0();
	cycles = rdtsc() - start;
	guest_printf("bench: cpuid-exit cycles=%lu total=%lu runs=%u\n",
		     (unsigned long)(cycles / CPUID_RUNS), (unsigned long)cycles, CPUID_RUNS);
}

/* Every exit of this partition but its hypercalls (the measurement's own reads). */
static uint64_t exits_but_hypercalls(void)
{
	uint64_t n = 0;

	for (unsigned int r = 0; r < HC_EXIT_REASONS; r++)
		if (r != HC_EXIT_HYPERCALL)
			n += (uint64_t)hcall(HC_EXIT_COUNT, r, 0, 0);
	return n;
}

static void report(const char *phase, uint64_t exits, uint64_t tsc)
{
	uint64_t us = tsc * US_PER_MS / tsc_khz;

	guest_printf("bench: %s exits=%lu guest-us=%lu exits/s=%lu ticks=%lu\n", phase,
		     (unsigned long)exits, (unsigned long)us,
		     (unsigned long)(exits * US_PER_S / us), (unsigned long)ticks);
}

/* HLT until a one-shot timer PHASE_MS away: what an idle partition costs. */
static void bench_idle(const char *phase, uint32_t count_per_ms)
{
	uint64_t exits = exits_but_hypercalls(), start = rdtsc();

	ticks = 0;
	apic_timer_start(VEC_TIMER, count_per_ms * PHASE_MS, false);
	while (!ticks)
		wait_for_interrupt();
	report(phase, exits_but_hypercalls() - exits, rdtsc() - start);
}

/* A TIMER_HZ periodic timer for PHASE_MS, HLT between the ticks. */
static void bench_timer(const char *phase, uint32_t count_per_ms)
{
	uint64_t exits = exits_but_hypercalls(), start = rdtsc();

	ticks = 0;
	apic_timer_start(VEC_TIMER, count_per_ms * MS_PER_S / TIMER_HZ, true);
	while (ticks < PHASE_MS * TIMER_HZ / MS_PER_S)
		wait_for_interrupt();
	apic_timer_stop();
	report(phase, exits_but_hypercalls() - exits, rdtsc() - start);
}

void guest_main(void);
void guest_main(void)
{
	uint32_t count_per_ms;

	tsc_khz = guest_tsc_khz();
	GUEST_ASSERT(tsc_khz != 0);
	trap_init();
	apic_enable();
	trap_set_handler(VEC_TIMER, on_timer);
	bench_cpuid();
	count_per_ms = apic_timer_calibrate(US_PER_MS);
	GUEST_ASSERT(count_per_ms != 0);
	bench_idle("idle", count_per_ms);
	bench_timer("timer-1khz", count_per_ms);
	/* Where Bulkhead offers x2APIC the timer and EOI are the core's own registers. */
	if (apic_use_x2apic()) {
		bench_idle("idle-x2apic", count_per_ms);
		bench_timer("timer-1khz-x2apic", count_per_ms);
	}
	guest_test_exit(GUEST_EXIT_PASS);
}
