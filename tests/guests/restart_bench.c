// SPDX-License-Identifier: BSD-2-Clause
// `make bench` partition restart (tests/config/bench-restart.dts: watchdog 10 ms, on-fault
// "restart", limit 1, the monitor right to read its own restart count). Its first run never
// kicks; its second reads the TSC first thing and prints it. run_bench.py takes that against the
// "fault at TSC" Bulkhead logs with the restart: the watchdog miss seen to the new run's start.

#include "guest.h"
#include "apic.h"
#include "trap.h"

#define VEC_TIMER 0x40
#define TICK_US	  1000

static void on_timer(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
}

static bool intel(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == 0x756e6547; /* "Genu" */
}

/* As tests/guests/watchdog.c hangs: on SVM Bulkhead sees the miss on the partition's own exits,
 * so its LAPIC timer keeps ticking; on VMX the preemption timer ends a hang without exits. */
static _Noreturn void hang(void)
{
	if (!intel()) {
		trap_init();
		apic_enable();
		trap_set_handler(VEC_TIMER, on_timer);
		apic_timer_start(VEC_TIMER, apic_timer_calibrate(TICK_US), true);
		irq_enable();
	}
	for (;;)
		cpu_relax();
}

void guest_main(void);
void guest_main(void)
{
	uint64_t entry_tsc = rdtsc(); /* first: the restart ends here */
	struct hc_partition_info me;
	struct hc_health h;

	guest_info(&me);
	GUEST_ASSERT_EQ(hcall(HC_HEALTH, me.index, (uint64_t)&h, 0), HC_OK);
	if (h.restarts == 0) {
		guest_printf("run 0: no kicks, watchdog %u ms\n", h.watchdog_ms);
		hang();
	}
	guest_printf("bench: partition-restart entry_tsc=%lu khz=%lu restarts=%u\n",
		     (unsigned long)entry_tsc, (unsigned long)guest_tsc_khz(), h.restarts);
	guest_test_exit(GUEST_EXIT_PASS);
}
