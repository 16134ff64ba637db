// SPDX-License-Identifier: BSD-2-Clause
// Victim guest: while hostile partitions attack, counts, fills and re-checks a memory pattern,
// and counts its LAPIC timer's ticks; reports progress, then "victim: count <n>, unbroken".
// Judged in guest terms (../shared/guides/platforms.md): its own counters rise between every
// progress line and its checks pass; any interrupt or exception it did not ask for (a foreign
// IPI, an NMI) ends it with a failure, an INIT stops its progress.

#include "guest.h"
#include "apic.h"
#include "isolation.h"
#include "trap.h"

#define VEC_TIMER 0x40
#define PERIOD_US 10000
#ifdef VICTIM_TICKS
#define TOTAL_TICKS VICTIM_TICKS /* 0: until the test ends the run */
#else
#define TOTAL_TICKS 400 /* 4 s of guest time */
#endif
#define REPORT_TICKS  25
#define STALL_TICKS   100
#define PATTERN_WORDS (VICTIM_PATTERN_LEN / sizeof(uint64_t))
#define GOLDEN	      0x9e3779b97f4a7c15ULL

static volatile uint64_t ticks;

static bool more_ticks(void)
{
	const uint64_t total = TOTAL_TICKS; /* a variable: no always-false compare when it is 0 */

	return total == 0 || ticks < total;
}

static void on_timer(struct trap_frame *f)
{
	(void)f;
	ticks++;
	apic_eoi();
}

static uint64_t pattern(uint64_t pass, uint64_t i)
{
	return (pass * GOLDEN) ^ (i * 0x100000001b3ULL) ^ VICTIM_PATTERN_GPA;
}

/* One pass: fill the pattern, then check it; a word that changed in between is the end. */
static void fill_and_check(uint64_t pass)
{
	volatile uint64_t *mem = (volatile uint64_t *)VICTIM_PATTERN_GPA;

	for (uint64_t i = 0; i < PATTERN_WORDS; i++)
		mem[i] = pattern(pass, i);
	for (uint64_t i = 0; i < PATTERN_WORDS; i++)
		if (mem[i] != pattern(pass, i)) {
			guest_printf("victim: pattern broken at gpa 0x%lx: 0x%lx\n",
				     (unsigned long)(VICTIM_PATTERN_GPA + i * 8),
				     (unsigned long)mem[i]);
			guest_test_exit(GUEST_EXIT_FAIL);
		}
}

/* The timer must keep ticking: a second of guest time (TSC) without a tick ends the test. */
static void check_ticking(uint64_t *last_tick, uint64_t *last_tsc, uint64_t tsc_per_tick)
{
	uint64_t now = rdtsc();

	if (ticks != *last_tick) {
		*last_tick = ticks;
		*last_tsc = now;
	} else if (now - *last_tsc > STALL_TICKS * tsc_per_tick) {
		guest_printf("victim: no timer tick for %u periods after tick %lu\n", STALL_TICKS,
			     (unsigned long)*last_tick);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
}

void guest_main(void);
void guest_main(void)
{
	uint64_t count = 0, next_report = REPORT_TICKS, last_tick = 0, last_tsc = rdtsc();
	uint64_t tsc_per_tick = guest_tsc_khz() * PERIOD_US / 1000;
	struct hc_partition_info info;

	guest_info(&info);
	GUEST_ASSERT(tsc_per_tick != 0);
	GUEST_ASSERT(info.memory_bytes >= VICTIM_PATTERN_GPA + VICTIM_PATTERN_LEN);
	trap_init();
	apic_use_x2apic(); /* where offered: then its timer and EOIs cost no exit */
	apic_enable();
	trap_set_handler(VEC_TIMER, on_timer);
	if (TOTAL_TICKS)
		guest_printf("victim: start, %u ticks of %u us\n", TOTAL_TICKS, PERIOD_US);
	else
		guest_printf("victim: start, ticks of %u us until stopped\n", PERIOD_US);
	apic_timer_start(VEC_TIMER, apic_timer_calibrate(PERIOD_US), true);
	irq_enable();
	while (more_ticks()) {
		fill_and_check(count);
		count++;
		check_ticking(&last_tick, &last_tsc, tsc_per_tick);
		if (ticks >= next_report) {
			guest_printf("victim: tick %lu, count %lu\n", (unsigned long)ticks,
				     (unsigned long)count);
			next_report += REPORT_TICKS;
		}
	}
	irq_disable();
	apic_timer_stop();
	guest_printf("victim: count %lu, unbroken\n", (unsigned long)count);
	guest_test_exit(GUEST_EXIT_PASS);
}
