// SPDX-License-Identifier: BSD-2-Clause
// Watchdog guest (tests/config/watchdog.dts: watchdog-ms 50, on-fault "restart", limit 2, the
// monitor right to read its own health). Each run proves its memory is fresh (the marker the
// run before wrote is gone), kicks through several periods, then hangs without kicking: Bulkhead
// must restart it, and after the limit halt it.
//
// The hang keeps the partition's LAPIC timer ticking in xAPIC mode, like a guest whose
// application hung while its kernel still takes interrupts: on SVM, Bulkhead checks the
// watchdog on the partition's own exits (docs/channels.md, "Watchdog"). On VMX the hang is
// total (interrupts off, no exit at all): the preemption timer Bulkhead arms ends the run.

#include "guest.h"
#include "apic.h"
#include "trap.h"

#define MARKER_GPA    0x800000ULL /* in its memory, outside the image */
#define MARKER	      0x6b636f6c6b636f64ULL
#define KICK_US	      10000 /* five kicks a period */
#define KICKED_PERIOD 50000
#define KICKED_RUN    (6 * KICKED_PERIOD) /* alive through six periods */
#define VEC_TIMER     0x40
#define TICK_US	      1000

static volatile uint64_t ticks;

static void on_timer(struct trap_frame *f)
{
	(void)f;
	ticks++;
	apic_eoi();
}

static bool intel(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == 0x756e6547; /* "Genu" */
}

static void hang(void)
{
	if (intel()) {
		guest_printf("dog: hanging with interrupts off\n");
		for (;;)
			cpu_relax();
	}
	trap_init();
	apic_enable();
	trap_set_handler(VEC_TIMER, on_timer);
	guest_printf("dog: hanging, timer ticking\n");
	apic_timer_start(VEC_TIMER, apic_timer_calibrate(TICK_US), true);
	irq_enable();
	for (;;)
		cpu_relax();
}

void guest_main(void);
void guest_main(void)
{
	volatile uint64_t *marker = (volatile uint64_t *)MARKER_GPA;
	struct hc_partition_info me;
	struct hc_health h;
	uint64_t start;

	guest_info(&me);
	GUEST_ASSERT_EQ(hcall(HC_HEALTH, me.index, (uint64_t)&h, 0), HC_OK);
	if (*marker) {
		guest_printf("dog: run %u: stale marker 0x%lx from an earlier run\n", h.restarts,
			     (unsigned long)*marker);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	guest_printf("dog: run %u, marker fresh, watchdog %u ms\n", h.restarts, h.watchdog_ms);
	*marker = MARKER + h.restarts;
	start = rdtsc();
	while (rdtsc() - start < KICKED_RUN * guest_tsc_khz() / 1000) {
		GUEST_ASSERT_EQ(hcall(HC_WATCHDOG_KICK, 0, 0, 0), HC_OK);
		guest_udelay(KICK_US);
	}
	guest_printf("dog: run %u alive through %u periods; no more kicks\n", h.restarts,
		     KICKED_RUN / KICKED_PERIOD);
	hang();
}
